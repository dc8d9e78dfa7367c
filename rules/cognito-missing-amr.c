/*
 * cognito-missing-amr.c - TL305: a Cognito identity-pool role does not say
 * whether it is for signed-in users or guests, or tests the multi-valued
 * amr claim without ForAnyValue.
 *
 * Cognito puts "unauthenticated" in amr for guests, and for signed-in
 * users "authenticated" plus the login provider(s), e.g. ["authenticated",
 * "accounts.google.com", "accounts.google.com:SUB"]: a multi-valued key.
 * The engine is asked twice (tl_statement_admits with amr present):
 *   - a guest token (amr ["unauthenticated"]) and a signed-in token are
 *     both admitted, and no amr value names "unauthenticated" on purpose:
 *     guests get the role meant for users if the pool allows guest access.
 *     Warning with no amr condition at all (the pool setting decides),
 *     error when an amr condition exists but still admits guests (e.g.
 *     "*authenticated", which matches "unauthenticated").
 *   - an amr condition without ForAnyValue: warning.  With no qualifier a
 *     signed-in token's several values make the comparison false, so the
 *     role never works for users; ForAllValues needs every value to match
 *     and is true for a token without amr.
 * A role for guests only (ForAnyValue:StringLike amr "unauthenticated") is
 * the documented unauthenticated role and is not reported, nor is a
 * statement that can never apply (dead_condition in tables.c).
 *
 * Sources: Cognito developer guide, "Role trust and permissions" and
 * "Security best practices for identity pools" (STS requires aud and amr
 * conditions for cross-account basic-flow roles; apply both everywhere);
 * IAM single- vs multi-valued context keys; PEERS.md A10.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"


/* Does a positive amr condition name "unauthenticated" itself? */
static bool names_guests(const tl_statement *st, const char *key)
{
	size_t i, k;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		if (c->negated || !str_ieq(c->key.text, key))
			continue;
		for (k = 0; k < c->n_values; k++)
			if (strcmp(c->values[k].text, "unauthenticated") == 0)
				return true;
	}
	return false;
}

static void check_guests(lint_ctx *ctx, size_t si, const tl_principal *p, const char *key)
{
	static const char *const guest[] = {"unauthenticated"};
	static const char *const user[] = {"authenticated", "accounts.google.com",
	                                   "accounts.google.com:trustlint-probe"};
	const tl_statement *st = &ctx->doc->statements[si];
	const tl_condition *c = first_condition_on(st, key);
	char fix[600];

	if (!tl_statement_admits(ctx->policy, si, key, guest, 1, true) ||
	    !tl_statement_admits(ctx->policy, si, key, user, 3, true) || names_guests(st, key))
		return;
	snprintf(fix, sizeof(fix),
	         "add \"ForAnyValue:StringLike\": {\"%s\": \"authenticated\"} (or "
	         "\"unauthenticated\" for the guest role)",
	         key);
	if (!c)
		lint_report_sev(
		    ctx, LINT_WARNING, &p->value.loc, fix,
		    "no condition on %s: unauthenticated guests of the identity pool get "
		    "this role as well as signed-in users, if the pool allows guest access",
		    key);
	else
		lint_report_sev(ctx, LINT_ERROR, c->n_values ? &c->values[0].loc : &c->key.loc, fix,
		                "the %s condition (%s) admits unauthenticated guests as well as "
		                "signed-in users: a token with amr [\"unauthenticated\"] passes it",
		                key, c->operator_text.text);
}

/* amr is multi-valued: any operator without ForAnyValue is a trap. */
static void check_qualifiers(lint_ctx *ctx, size_t si, const char *key)
{
	const tl_statement *st = &ctx->doc->statements[si];
	size_t i;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		char fix[400];

		if (!str_ieq(c->key.text, key) || c->qualifier == TL_QUAL_FOR_ANY_VALUE ||
		    c->op == TL_OP_NULL || c->op == TL_OP_UNKNOWN)
			continue;
		snprintf(fix, sizeof(fix), "write \"ForAnyValue:%s\"", tl_operator_name(c->op));
		if (c->qualifier == TL_QUAL_FOR_ALL_VALUES)
			lint_report_sev(
			    ctx, LINT_WARNING, &c->key.loc, fix,
			    "%s is multi-valued: %s requires every amr value of a signed-in "
			    "token (\"authenticated\" and its login providers) to match, and is "
			    "true for a token without amr",
			    key, c->operator_text.text);
		else
			lint_report_sev(
			    ctx, LINT_WARNING, &c->key.loc, fix,
			    "%s is multi-valued: %s without ForAnyValue is false for a signed-in "
			    "token, whose amr lists \"authenticated\" and its login providers",
			    key, c->operator_text.text);
	}
}

static void check_principal(lint_ctx *ctx, size_t si, const tl_principal *p)
{
	const char *host = NULL;
	size_t host_len = 0;
	const oidc_issuer *iss = oidc_issuer_of(p, &host, &host_len);
	char key[512];
	int w;

	if (!iss || iss->kind != ISSUER_COGNITO || dead_condition(ctx, si, p))
		return; /* a statement that never applies admits no guest: TL306 / TL404 */
	w = snprintf(key, sizeof(key), "%.*s:amr", (int)host_len, host);
	if (w <= 0 || (size_t)w >= sizeof(key))
		return;
	check_guests(ctx, si, p, key);
	check_qualifiers(ctx, si, key);
}

static void check(lint_ctx *ctx)
{
	each_granted_principal(ctx, WEB_IDENTITY, check_principal);
}

const rule_def rule_cognito_missing_amr = {
	.code = 305,
	.name = "cognito-missing-amr",
	.severity = LINT_WARNING,
	.summary = "a Cognito identity-pool role does not pin amr to signed-in users, or tests "
	           "amr without ForAnyValue",
	.rationale = "Cognito identity pools can hand out tokens to unauthenticated guests; their "
	             "amr is [\"unauthenticated\"], while a signed-in user's lists "
	             "\"authenticated\" and the login providers. Without an amr condition the "
	             "role meant for users also serves guests of a pool that allows guest access; "
	             "because amr is multi-valued, a condition without ForAnyValue either never "
	             "matches a signed-in token (no qualifier) or passes a token without amr "
	             "(ForAllValues). The Cognito developer guide pairs the aud condition with "
	             "\"ForAnyValue:StringLike\" on amr, and STS requires both for cross-account "
	             "basic-flow roles (Cognito \"Security best practices for identity pools\").",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": \"cognito-identity.amazonaws.com\"}, \"Action\": "
	       "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"cognito-identity.amazonaws.com:aud\": "
	       "\"us-east-1:12345678-abcd-abcd-abcd-123456789012\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": \"cognito-identity.amazonaws.com\"}, \"Action\": "
	        "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"cognito-identity.amazonaws.com:aud\": "
	        "\"us-east-1:12345678-abcd-abcd-abcd-123456789012\"}, \"ForAnyValue:StringLike\": "
	        "{\"cognito-identity.amazonaws.com:amr\": \"authenticated\"}}}]}",
	.fix = "Add \"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": "
	       "\"authenticated\"} (\"unauthenticated\" for the guest role).",
	.check = check,
};
