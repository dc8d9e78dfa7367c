/*
 * tables.h - what rules need to know about the world: OIDC issuers and
 * their claims, service principals and the confused-deputy keys they
 * send, which condition keys are single-valued, which global keys exist,
 * plus small helpers over the policy model that several rules share.
 *
 * Ownership: every table is static data; nothing here allocates.
 */
#ifndef TL_TABLES_H
#define TL_TABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "lint.h"

typedef enum issuer_tenancy {
	ISSUER_SHARED,     /* anyone on the platform can mint a token (GitHub, GitLab, ...) */
	ISSUER_PER_TENANT, /* one issuer per org, workspace or cluster (EKS, CircleCI) */
	ISSUER_UNKNOWN     /* a provider trustlint has no entry for */
} issuer_tenancy;

typedef enum issuer_kind {
	ISSUER_GITHUB,
	ISSUER_GITLAB,
	ISSUER_TERRAFORM,
	ISSUER_BUILDKITE,
	ISSUER_CIRCLECI,
	ISSUER_BITBUCKET,
	ISSUER_EKS,
	ISSUER_COGNITO,
	ISSUER_GOOGLE,
	ISSUER_FACEBOOK,
	ISSUER_AMAZON,
	ISSUER_GENERIC
} issuer_kind;

typedef struct oidc_issuer {
	issuer_kind kind;
	const char *label;        /* "GitHub Actions" */
	issuer_tenancy tenancy;
	bool builtin;             /* a provider name, not an IAM OIDC provider ARN */
	const char *who;          /* what an unbound subject lets in: "any GitHub repository" */
	const char *sub_example;  /* a well-bound subject */
	const char *const *claims; /* claim names STS exposes as condition keys (NULL-terminated) */
} oidc_issuer;

/*
 * The issuer of a Federated principal: `host` gets the key prefix (the
 * provider URL without https://, or the built-in provider name).  NULL
 * for SAML providers and anything that is not web identity.
 */
const oidc_issuer *oidc_issuer_of(const tl_principal *p, const char **host, size_t *host_len);

/* True when `key` is "<host>:<claim>" for this host (any case). */
bool key_is_claim(const char *key, size_t key_len, const char *host, size_t host_len,
                  const char *claim);
/* The claim part of "<host>:<claim>" when the key starts with `host:`; else NULL. */
const char *claim_of(const char *key, size_t key_len, const char *host, size_t host_len);
bool issuer_has_claim(const oidc_issuer *iss, const char *claim);

/* The other spelling of an EKS issuer host (oidc.eks.REGION.amazonaws.com/id/ID
 * <-> oidc-eks.REGION.api.aws/id/ID) into out; false when not an EKS host. */
bool eks_other_host(const char *host, size_t len, char *out, size_t n);

/* Does statement `si` refuse a token that lacks <host>:<claim>?  A key under
 * either spelling of an EKS issuer host counts, as TL306 takes them as one
 * provider (the constraint view answers). */
bool claim_bound(const lint_ctx *ctx, size_t si, const char *host, size_t host_len,
                 const char *claim);

/* EKS issuer hosts: oidc.eks.REGION.amazonaws.com/id/ID and oidc-eks.REGION.api.aws/id/ID. */
bool eks_issuer_parts(const char *host, size_t len, const char **region, size_t *region_len,
                      const char **id, size_t *id_len);

typedef enum service_deputy {
	DEPUTY_EXEMPT, /* compute-bound: the service acts for no other customer (ec2, lambda) */
	DEPUTY_SENDS,  /* documented to send aws:SourceArn / aws:SourceAccount */
	DEPUTY_UNKNOWN /* not in the table */
} service_deputy;

service_deputy service_deputy_of(const char *service);

/* Condition keys that carry one value per request (set operators on them
 * are a trap): IAM single- vs multi-valued keys page. */
bool key_is_single_valued(const char *key);
/* Keys that identify the caller or its origin (a bound that IfExists voids). */
bool key_is_identity(const char *key);
/* Known global (aws:) and STS (sts:) keys; `suggest` gets the nearest known
 * key when the answer is false and one is close, else NULL. */
bool key_is_known_global(const char *key, const char **suggest);
/* The nearest known operator to a misspelt one, written into buf (cap
 * bytes); NULL when none is close. */
const char *operator_suggestion(const char *op, char *buf, size_t cap);

/* Whole strings equal, ASCII case folded (key names, service names). */
bool str_ieq(const char *a, const char *b);
/* The first n bytes equal, ASCII case folded (locale-free). */
bool str_ieq_n(const char *a, const char *b, size_t n);
/* Does `s` start with `prefix`, ASCII case folded? */
bool str_istarts(const char *s, const char *prefix);
/* Does the whole of `s` match `pat` ('*' any run, '?' one byte), ASCII case folded? */
bool glob_ieq(const char *pat, const char *s);
/* Statement si's first condition on `key` (any case), or NULL; by the
 * engine's key index, not a walk. */
const tl_condition *first_condition_on(const lint_ctx *ctx, size_t si, const char *key);
/* A glob wildcard * or ? in a value; with `vars` (Version 2012-10-17) the
 * escapes ${*} ${?} ${$} are literal characters, not wildcards. */
bool value_has_wildcard(const char *v, size_t len, bool vars);

/* Edit distance (ASCII case-insensitive), capped at `cap`. */
size_t edit_distance(const char *a, const char *b, size_t cap);

/* ---- model helpers --------------------------------------------------- */

#define WEB_IDENTITY "sts:AssumeRoleWithWebIdentity"

/* Call fn for each principal of each Allow statement (not NotPrincipal) that
 * grants `action`: the walk the federation rules share. */
typedef void (*principal_fn)(lint_ctx *ctx, size_t stmt, const tl_principal *p);
void each_granted_principal(lint_ctx *ctx, const char *action, principal_fn fn);
/* Call fn for each Allow statement (not NotPrincipal) that grants `action`
 * (NULL: any action). */
typedef void (*statement_fn)(lint_ctx *ctx, size_t stmt);
void each_allow_statement(lint_ctx *ctx, const char *action, statement_fn fn);

/* The same provider: the same host (any case), or the two EKS spellings of
 * one issuer (same region and id). */
bool same_provider(const char *a, size_t al, const char *b, size_t bl);

/* Does statement `st` grant (Allow) or name this action (exact name, any
 * case, or through a wildcard / NotAction)? */
bool stmt_allows_action(const tl_statement *st, const char *action);
/* Conditions of `st` whose key equals `key` (any case): calls fn for each. */
bool stmt_mentions_key(const tl_statement *st, const char *key);
/* Any condition key of `st` that starts with `prefix` (any case)? */
bool stmt_mentions_key_prefix(const tl_statement *st, const char *prefix);

/* ---- claim binding and statements that never apply ------------------- */

/*
 * Does `key` look like an OIDC claim key, "HOST:claim" with a '.' in HOST
 * (or "https://HOST:claim", which STS never builds: keys are the provider
 * URL without the scheme)?  *host / *host_len get HOST without any scheme,
 * *claim_at the offset of the claim, *scheme whether a scheme was written.
 */
bool claim_key_host(const char *key, size_t len, const char **host, size_t *host_len,
                    size_t *claim_at, bool *scheme);

/*
 * Is <host>:<claim> pinned by statement `si`: a token without the claim is
 * refused, and so is a token carrying a stranger's value (a probe value
 * for the claim, and each positive pattern with its wildcards filled in
 * where they cover the owner / identity pool / app)?  Either EKS host
 * spelling counts.  When not pinned, `stranger` (may be NULL) gets the
 * admitted stranger's value, or "" when a token without the claim passes.
 */
bool claim_pinned(const lint_ctx *ctx, size_t si, const oidc_issuer *iss, const char *host,
                  size_t host_len, const char *claim, char *stranger, size_t stranger_cap);

/*
 * A condition that keeps statement `si` from ever applying to principal
 * `p`: its key is never in p's request (another provider's claim key, a
 * scheme-prefixed claim key, an OIDC claim key for a service principal, an
 * aws:/sts: key AWS does not define) and a request without the key fails
 * it (positive, non-IfExists operators).  NULL when there is none.
 */
const tl_condition *dead_condition(const lint_ctx *ctx, size_t si, const tl_principal *p);

/* Service principal name with a China-partition ".amazonaws.com.cn" suffix
 * written as ".amazonaws.com" into buf; the name itself otherwise. */
const char *service_name_normalised(const char *service, char *buf, size_t cap);
/* The statement's Service principal `name` (its China-partition spelling
 * too), compared as the engine compares callers: exactly.  NULL if none. */
const tl_principal *stmt_service_principal(const tl_statement *st, const char *name);

#endif
