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
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "providers.h"
#include "tables.h"

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
	size_t i, k;
	provider_set providers;

	/* out of memory only hides findings here */
	if (!st->n_conditions || !provider_set_build(&providers, st))
		return;
	for (i = 0; i < st->n_conditions && providers.n; i++) {
		const tl_condition *c = &st->conditions[i];
		const char *key = c->key.text, *claim, *hint;
		const oidc_issuer *iss;
		size_t hl;
		char fix[700], known[300];
		bool open;

		for (hl = 0; hl < c->key.len && key[hl] != ':'; hl++)
			;
		if (hl == 0 || hl + 1 >= c->key.len ||
		    !(iss = provider_set_find(&providers, key, hl, NULL)))
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
	provider_set_release(&providers);
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
