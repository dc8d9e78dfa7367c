/*
 * oidc-unsupported-claim.c - TL307: a condition key "<provider host>:
 * <claim>" for a claim STS does not turn into a condition key for that
 * provider (gitlab.com:project_path, token.actions.githubusercontent.com:
 * repository_owner, ...).
 *
 * STS exposes only some token claims as keys: aud, sub, amr (and azp,
 * email, oaud) for any OIDC provider, plus since 2026 a provider-specific
 * list for GitHub (actor, repository, repository_id, job_workflow_ref,
 * ...); Cognito, Google, Facebook and Login with Amazon have their own
 * (rules/tables.c).  Any other claim is never present in the request, so
 * a positive operator never holds (the role never works: fails closed) and
 * an IfExists, negated or ForAllValues operator always does (the
 * constraint is void: fails open).  Which of the two is decided by the
 * engine (tl_statement_admits with the key absent).  Error either way.
 * The claim's provider is matched like TL306 does (both EKS host forms).
 *
 * Sources: PEERS.md A12 (aws-actions/configure-aws-credentials#306,
 * github/docs#15324); IAM condition keys reference; AWS STS provider
 * claims announcement (Jan 2026); SEMANTICS.md 4.4.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

/*
 * The statement's web-identity providers, sorted by a spelling that makes
 * same_provider() an equality (the host in lower case; an EKS issuer as
 * its region and id in lower case), so each condition key finds its
 * provider by binary search instead of a walk over every principal.
 */
typedef struct provider {
	char *canon;
	const oidc_issuer *iss;
} provider;

static char *canonical(const char *host, size_t len)
{
	const char *region = NULL, *id = NULL;
	size_t rl = 0, il = 0, i, n;
	bool eks = eks_issuer_parts(host, len, &region, &rl, &id, &il);
	char *out;

	n = eks ? rl + 1 + il : len;
	out = malloc(n + 1);
	if (!out)
		return NULL;
	if (eks) {
		memcpy(out, region, rl);
		out[rl] = '\n'; /* no host holds a newline: cannot collide with one */
		memcpy(out + rl + 1, id, il);
	} else {
		memcpy(out, host, len);
	}
	for (i = 0; i < n; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	out[n] = '\0';
	return out;
}

static int by_canon(const void *a, const void *b)
{
	return strcmp(((const provider *)a)->canon, ((const provider *)b)->canon);
}

/* The providers of st's Federated principals; *n gets the count (0 when
 * there are none or memory ran out, which only hides findings). */
static provider *providers_of(const tl_statement *st, size_t *n)
{
	provider *list = st->n_principals ? malloc(st->n_principals * sizeof(*list)) : NULL;
	size_t i;

	*n = 0;
	for (i = 0; list && i < st->n_principals; i++) {
		const char *h = NULL;
		size_t l = 0;
		const oidc_issuer *iss = oidc_issuer_of(&st->principals[i], &h, &l);

		if (!iss)
			continue;
		list[*n].iss = iss;
		list[*n].canon = canonical(h, l);
		if (list[*n].canon)
			(*n)++;
	}
	if (*n > 1)
		qsort(list, *n, sizeof(*list), by_canon);
	return list;
}

static void providers_free(provider *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i].canon);
	free(list);
}

/* The issuer of a Federated principal whose host the key starts with. */
static const oidc_issuer *issuer_of_key(const provider *list, size_t n, const char *key, size_t hl)
{
	char *canon;
	provider want, *hit;

	if (!n || !(canon = canonical(key, hl)))
		return NULL;
	want.canon = canon;
	want.iss = NULL;
	hit = bsearch(&want, list, n, sizeof(*list), by_canon);
	free(canon);
	return hit ? hit->iss : NULL;
}

/* A few claims people reach for, and where they live instead. */
static const char *instead(const oidc_issuer *iss, const char *claim)
{
	if (iss->kind == ISSUER_GITHUB && strncmp(claim, "repository_owner", 16) == 0)
		return "pin the owner in the sub pattern (\"repo:OWNER/*\") or use the repository "
		       "/ "
		       "repository_id keys";
	if (iss->kind == ISSUER_FACEBOOK || iss->kind == ISSUER_AMAZON)
		return "use the app_id key";
	return NULL;
}

static void check_statement(lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	size_t i, k, n_providers;
	provider *providers;

	if (!st->n_conditions)
		return;
	providers = providers_of(st, &n_providers);
	for (i = 0; i < st->n_conditions && n_providers; i++) {
		const tl_condition *c = &st->conditions[i];
		const char *key = c->key.text, *claim, *hint;
		const oidc_issuer *iss;
		size_t hl;
		char fix[700], known[300];
		bool open;

		for (hl = 0; hl < c->key.len && key[hl] != ':'; hl++)
			;
		if (hl == 0 || hl + 1 >= c->key.len ||
		    !(iss = issuer_of_key(providers, n_providers, key, hl)))
			continue;
		claim = key + hl + 1;
		if (issuer_has_claim(iss, claim))
			continue;
		known[0] = '\0';
		for (k = 0; iss->claims[k]; k++) {
			size_t used = strlen(known);
			snprintf(known + used, sizeof(known) - used, "%s%s", k ? ", " : "",
			         iss->claims[k]);
		}
		hint = instead(iss, claim);
		snprintf(fix, sizeof(fix), "%s; STS exposes these %s claims as keys: %s",
		         hint ? hint : "move the check into the sub pattern", iss->label, known);
		open = tl_statement_admits(ctx->policy, si, key, NULL, 0, false);
		lint_report(
		    ctx, &c->key.loc, fix,
		    "condition key \"%s\": STS does not expose the %s claim of %s tokens as a "
		    "condition key, so it is never present and %s",
		    key, claim, iss->label,
		    open ? "this condition passes every token (fails open)"
		         : "this condition can never hold: the role cannot be assumed (fails "
		           "closed)");
	}
	providers_free(providers, n_providers);
}

static void check(lint_ctx *ctx)
{
	each_allow_statement(ctx, NULL, check_statement);
}

const rule_def rule_oidc_unsupported_claim = {
	.code = 307,
	.name = "oidc-unsupported-claim",
	.severity = LINT_ERROR,
	.summary = "a condition tests a token claim that STS does not expose as a condition key "
	           "for that provider",
	.rationale = "Only some claims become condition keys: aud, sub and amr (plus azp, email, "
	             "oaud) for an OIDC provider, and since 2026 a list of GitHub claims such as "
	             "repository and repository_id. A key like gitlab.com:project_path or "
	             "token.actions.githubusercontent.com:repository_owner is never in the "
	             "request: a positive operator never holds and the role never works, while "
	             "IfExists, negated and ForAllValues operators always hold and the check is "
	             "void (aws-actions/configure-aws-credentials#306, github/docs#15324; IAM "
	             "condition keys reference; AWS STS provider claims, Jan 2026).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\"}, \"Action\": "
	       "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"gitlab.com:aud\": \"https://gitlab.com\", \"gitlab.com:project_path\": "
	       "\"acme/deploy\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\"}, \"Action\": "
	        "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"gitlab.com:aud\": \"https://gitlab.com\", \"gitlab.com:sub\": "
	        "\"project_path:acme/deploy:ref_type:branch:ref:main\"}}}]}",
	.fix = "Test the claim through the sub pattern (or a claim key STS exposes for the "
	       "provider) instead.",
	.check = check,
};
