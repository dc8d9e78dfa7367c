/*
 * oidc-missing-audience.c - TL304: a web-identity trust does not bind the
 * token's audience (`<host>:aud`; `:app_id` for graph.facebook.com and
 * www.amazon.com).
 *
 * Grading (PEERS.md A8):
 *   error  built-in providers named directly in the principal
 *          (accounts.google.com, graph.facebook.com, www.amazon.com): there
 *          is no IAM provider and so no client-ID list, and aud / app_id is
 *          the only thing that ties the role to your application; a token
 *          any other app obtained for its users would do.
 *   note   IAM OIDC providers (oidc-provider/HOST ARNs): STS already checks
 *          the token's aud against the provider's client-ID list, so a
 *          condition is defence in depth (it matters when the list is
 *          shared by several roles or apps).
 * Cognito identity pools are left to TL301 oidc-missing-subject, where the
 * aud key (the identity pool id) is the subject binding; reporting it here
 * too would say the same thing twice.  The rule's default severity is the
 * error grade; most findings are notes.
 *
 * "Bound" is the engine's answer (claim_pinned in tables.c): a token
 * without the claim must be refused, and so must one carrying another
 * application's value, so IfExists, negated operators, ForAllValues and
 * wildcard values ("accounts.google.com:aud": "*", "graph.facebook.com:
 * app_id": "*") do not count.  A statement that can never apply
 * (dead_condition) is not reported.
 *
 * Sources: IAM condition keys reference (aud, app_id keys per provider);
 * IAM "Create an OpenID Connect identity provider" (client IDs); boogy
 * iam-policy-validator (requires *:aud).
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"


/* What the audience of this provider usually is, for the fix. */
static const char *aud_example(issuer_kind kind)
{
	switch (kind) {
	case ISSUER_GITHUB:
	case ISSUER_EKS:
		return "sts.amazonaws.com";
	case ISSUER_GITLAB:
		return "https://gitlab.com";
	case ISSUER_TERRAFORM:
		return "aws.workload.identity";
	case ISSUER_CIRCLECI:
		return "YOUR_CIRCLECI_ORGANIZATION_ID";
	case ISSUER_BITBUCKET:
		return "ari:cloud:bitbucket::workspace/WORKSPACE_UUID";
	case ISSUER_GOOGLE:
		return "YOUR_OAUTH_CLIENT_ID.apps.googleusercontent.com";
	case ISSUER_FACEBOOK:
	case ISSUER_AMAZON:
		return "YOUR_APP_ID";
	default:
		return "YOUR_CLIENT_ID";
	}
}

static void check_principal(lint_ctx *ctx, size_t si, const tl_principal *p)
{
	const oidc_issuer *iss;
	const char *host = NULL, *claim;
	size_t host_len = 0;
	bool builtin;
	char fix[900], stranger[600], why[1200];

	iss = oidc_issuer_of(p, &host, &host_len);
	if (!iss || iss->kind == ISSUER_COGNITO)
		return;
	builtin = p->form == TL_FORM_BUILTIN_IDP;
	if (builtin && !iss->builtin)
		return; /* a bare host IAM does not know: TL204 */
	claim = iss->kind == ISSUER_FACEBOOK || iss->kind == ISSUER_AMAZON ? "app_id" : "aud";
	if (dead_condition(ctx, si, p) ||
	    claim_pinned(ctx, si, iss, host, host_len, claim, stranger, sizeof(stranger)) ||
	    (iss->kind == ISSUER_GOOGLE &&
	     claim_pinned(ctx, si, iss, host, host_len, "oaud", NULL, 0)))
		return; /* bound, or a statement that never applies (TL306 / TL404) */
	if (stranger[0])
		snprintf(why, sizeof(why),
		         "the condition on %.*s:%s admits another application's value (\"%s\")",
		         (int)host_len, host, claim, stranger);
	else
		snprintf(why, sizeof(why), "no condition binds %.*s:%s", (int)host_len, host, claim);
	snprintf(fix, sizeof(fix), "add \"StringEquals\": {\"%.*s:%s\": \"%s\"}", (int)host_len,
	         host, claim, aud_example(iss->kind));
	if (builtin)
		lint_report_sev(
		    ctx, LINT_ERROR, &p->value.loc, fix,
		    "a %s token issued to any application can assume this role: %s, and a "
		    "built-in provider has no client-ID list to do it",
		    iss->label, why);
	else
		lint_report_sev(
		    ctx, LINT_NOTE, &p->value.loc, fix,
		    "%s: STS still checks the token's audience against the provider's "
		    "client-ID list, but pinning it here keeps the role safe if that list grows",
		    why);
}

static void check(lint_ctx *ctx)
{
	each_granted_principal(ctx, WEB_IDENTITY, check_principal);
}

const rule_def rule_oidc_missing_audience = {
	.code = 304,
	.name = "oidc-missing-audience",
	.severity = LINT_ERROR,
	.summary = "a web-identity trust does not bind the token audience (aud, or app_id for "
	           "Facebook and Login with Amazon); error for built-in providers, note for IAM "
	           "OIDC providers",
	.rationale = "The audience says which application a token was issued to. Built-in "
	             "providers (accounts.google.com, graph.facebook.com, www.amazon.com) have no "
	             "IAM client-ID list, so without an aud or app_id condition a token any other "
	             "app obtained for its users assumes the role. For IAM OIDC providers STS "
	             "checks aud against the provider's client IDs, so the condition is defence "
	             "in depth (PEERS.md A8; IAM condition keys reference; boogy "
	             "iam-policy-validator requires it). An IfExists, negated or ForAllValues "
	             "condition does not bind: a token without the claim passes it.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": \"accounts.google.com\"}, \"Action\": "
	       "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"accounts.google.com:sub\": \"110169484474386276334\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": \"accounts.google.com\"}, \"Action\": "
	        "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"accounts.google.com:aud\": "
	        "\"66677788899900pro0.apps.googleusercontent.com\"}}}]}",
	.fix = "Add a positive condition on the provider's aud key (app_id for graph.facebook.com "
	       "and www.amazon.com) naming your client or app id.",
	.check = check,
};
