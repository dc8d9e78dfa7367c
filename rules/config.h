/*
 * config.h - .trustlint.json: which rules run at which severity, which
 * paths and findings are ignored (with a reason), the organisation's own
 * accounts, OIDC providers and GitHub organisations, and organisation
 * rules (PCRE2 patterns a condition key's values must or must not match).
 *
 * Ownership: a lint_config owns every string and compiled pattern in it;
 * lint_config_free releases them.  Loading never half-applies: on error
 * the caller gets NULL and a located message.
 */
#ifndef TL_CONFIG_H
#define TL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "lint.h"

typedef struct org_rule org_rule;

typedef struct finding_ignore {
	char *rule;   /* name or code as written */
	char *file;   /* a path glob, relative to the config's folder */
	char *reason; /* required */
	unsigned line;
	size_t used;  /* how many findings it silenced: unused ones are reported */
	size_t matched; /* how many linted files its glob matched (lint_config_mark_linted) */
} finding_ignore;

typedef struct lint_config {
	char *path; /* the file it came from, or NULL for built-in defaults */
	char *dir;  /* its folder: path globs are relative to it */
	lint_severity *severity; /* per rule (indexed like lint_rules), LINT_OFF = disabled */
	char **ignore_paths;
	size_t n_ignore_paths;
	finding_ignore *ignores;
	size_t n_ignores;
	char **accounts, **trusted_oidc, **github_orgs;
	size_t n_accounts, n_trusted_oidc, n_github_orgs;
	org_rule *org_rules;
	size_t n_org_rules;
	lint_options options; /* views of the lists above, for lint_ctx */
	bool *enabled;        /* per rule, from severity: see lint_config_enabled */
	char **warnings; /* unknown keys and the like, "path:line:col: message" */
	size_t n_warnings;
} lint_config;

/* Defaults: every rule at its own severity, nothing ignored. */
lint_config *lint_config_default(void);
/* Load `path`; NULL on error with `err` (a "file:line:col: message" line). */
lint_config *lint_config_load(const char *path, char *err, size_t err_cap);
/* The same from text (`path` names it in messages and anchors its globs). */
lint_config *lint_config_parse(const char *text, size_t len, const char *path, char *err,
                               size_t err_cap);
/* The nearest .trustlint.json in `dir` or above it, or NULL (malloc'd). */
char *lint_config_find(const char *dir);
void lint_config_free(lint_config *cfg);

/* Apply --enable/--disable (rule name or code); false when unknown. */
bool lint_config_set(lint_config *cfg, const char *rule, lint_severity sev);
/* Add an own account (--account). */
bool lint_config_add_account(lint_config *cfg, const char *account);

/* Is `path` (as given on the command line) ignored by a path glob? */
bool lint_config_ignores_path(const lint_config *cfg, const char *path);
/* Per-rule enablement for lint_run, refreshed from the severities: call it
 * once the config is final; the table is then read-only (threads share it). */
const bool *lint_config_enabled(lint_config *cfg);
/*
 * Filter and re-grade the findings of one file in place: drop ignored
 * ones, apply severity overrides; returns the new count.
 */
size_t lint_config_apply(lint_config *cfg, const char *path, lint_finding *f, size_t n);
/* Note that `path` was linted under this config: ignores whose glob matches
 * it count it, so an unused ignore is reported only when it had a file to
 * apply to in this run.  Call it on one thread. */
void lint_config_mark_linted(lint_config *cfg, const char *path);
/* Run the organisation rules on a parsed policy, reporting into ctx. */
void lint_config_org_rules(const lint_config *cfg, lint_ctx *ctx);
/* The pseudo-rule org-rule findings belong to (TL601, outside the table:
 * org-policy.c says why). */
extern const rule_def rule_org_policy;
/* Does `name_or_code` name the organisation rule ("org-policy", "TL601")?
 * It sits outside the rule table (it needs the config), so lookups in the
 * table ask this as well. */
bool org_policy_named(const char *name_or_code);

/* Shell-style glob for paths: '*' within a segment, '**' across '/', '?'. */
bool path_glob(const char *pat, const char *path);

#endif
