/*
 * lint.h - the lint engine: rules, findings and the context rules see.
 *
 * Ownership: a lint_ctx owns its findings (messages are malloc'd copies)
 * until lint_ctx_release.  Rules never print and never fail: they look at
 * the policy through the engine's public API (model + constraint view) and
 * report into the context (ESLint's context.report, sqlite's parse errors).
 */
#ifndef TL_LINT_H
#define TL_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "trustlint.h"

typedef enum lint_severity {
	LINT_NOTE,
	LINT_WARNING,
	LINT_ERROR,
	LINT_OFF /* config: rule disabled */
} lint_severity;

const char *lint_severity_name(lint_severity s);

struct lint_ctx;
typedef void (*rule_check_fn)(struct lint_ctx *ctx);

/* A rule: its metadata beside its check, in rules/<name>.c. */
typedef struct rule_def {
	int code;               /* TL<code>; stable, never reused */
	const char *name;       /* kebab-case: says what is wrong */
	lint_severity severity; /* default */
	const char *summary;    /* one line */
	const char *rationale;  /* the attack or breakage it prevents, with the AWS source */
	const char *bad;        /* a policy that triggers it (JSON) */
	const char *good;       /* the fixed policy (JSON), which triggers no rule */
	const char *fix;        /* how to fix, in one or two sentences */
	rule_check_fn check;
	/* For rules that need the organisation's settings: what the examples and
	 * corpus cases are linted with (NULL: no settings) */
	const struct lint_options *options;
} rule_def;

/* The registry (rules/rules.def, expanded in registry.c), in code order. */
extern const rule_def *const lint_rules[];
extern const size_t lint_rule_count;
const rule_def *lint_rule_find(const char *name_or_code);

typedef struct lint_finding {
	const rule_def *rule;
	lint_severity severity;
	unsigned line, column;
	char *pointer;
	char *message;
	char *fix; /* NULL when the rule has no specific fix */
} lint_finding;

/* What the organisation says about itself (config and --account). */
struct lint_options {
	const char *const *accounts; /* own AWS account ids */
	size_t n_accounts;
	const char *const *trusted_oidc; /* OIDC provider hosts the org runs itself */
	size_t n_trusted_oidc;
	const char *const *github_orgs; /* the org's own GitHub organisations */
	size_t n_github_orgs;
};
typedef struct lint_options lint_options;

typedef struct lint_ctx {
	/* input */
	const char *text;             /* the document's source text */
	size_t text_len;
	const tl_policy *policy;      /* NULL when the JSON did not parse */
	const tl_document *doc;       /* NULL likewise */
	const tl_error *parse_error;  /* set when policy is NULL */
	const lint_options *options;
	const char *role_account;     /* the role's own account when known, else NULL */
	/* the rule being run */
	const rule_def *current;
	/* output */
	lint_finding *findings;
	size_t n_findings, cap;
	bool out_of_memory;
} lint_ctx;

/* Run every rule (`enabled` may be NULL for all; else indexed like
 * lint_rules) and sort the findings by line, column, code. */
void lint_run(lint_ctx *ctx, const bool *enabled);
void lint_ctx_release(lint_ctx *ctx);
/* qsort order of findings: line, column, then rule code. */
int lint_finding_cmp(const void *a, const void *b);

/*
 * Report a finding of the current rule at `loc` (NULL: the document
 * start) with the rule's default severity, or `sev` for graded rules.
 * `fix` may be NULL (then the rule's generic fix is used).
 */
void lint_report(lint_ctx *ctx, const tl_loc *loc, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void lint_report_sev(lint_ctx *ctx, lint_severity sev, const tl_loc *loc, const char *fix,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Each hard or soft engine problem of this kind, reported as one finding. */
void lint_report_problems(lint_ctx *ctx, tl_problem_kind kind);

/* True when `account` is one of the organisation's (options or the role's own). */
bool lint_own_account(const lint_ctx *ctx, const char *account);

#endif
