/*
 * condition-ifexists-on-identity-key.c - TL402: in an Allow, a key that
 * says who the caller is (or where the request comes from) is tested
 * only by conditions that a caller without the key satisfies: ...IfExists
 * operators, or negated ones (StringNotEquals, StringNotLike, ArnNotLike,
 * ...) as the only restriction.
 *
 * IfExists makes a condition true when the key is absent, and a negated
 * operator is true for an absent key and for every value it does not
 * list (IAM condition operators page; SEMANTICS.md 3.2).  On sub, aud,
 * aws:SourceArn, aws:SourceAccount, sts:ExternalId or aws:PrincipalOrgID
 * that silently disables the protection: the service that does not send
 * the key, the caller that does not pass an external id, the account
 * outside any organisation all get in (PEERS.md C2 boogy
 * ifexists_condition_usage; C3 "everything except X", which policyuniverse
 * treats as no restriction).
 *
 * The rule asks the constraint view whether all the statement's
 * conditions on the key together admit a caller that omits it, so a
 * second, positive condition on the same key clears the finding.
 * ForAllValues is left to TL401.  Error when the statement trusts "*" or
 * a shared OIDC issuer (anyone can mint a token), else warning.
 */
#include <string.h>

#include "lint.h"
#include "tables.h"

/* Anyone at all can be the caller: "*", or a shared OIDC issuer. */
static bool open_principal(const tl_statement *st)
{
	size_t j;

	for (j = 0; j < st->n_principals; j++) {
		const tl_principal *p = &st->principals[j];
		const char *host;
		size_t host_len;
		const oidc_issuer *iss;

		if (p->form == TL_FORM_WILDCARD)
			return true;
		iss = oidc_issuer_of(p, &host, &host_len);
		if (iss && iss->tenancy == ISSUER_SHARED)
			return true;
	}
	return false;
}

static void report(lint_ctx *ctx, lint_severity sev, const tl_condition *c)
{
	const char *k = c->key.text, *op = c->operator_text.text;

	if (c->negated)
		lint_report_sev(ctx, sev, &c->key.loc,
		                "state what is allowed with a positive operator (StringEquals, "
		                "StringLike, ArnLike) without IfExists",
		                "key \"%s\" is tested only with the negated %s, which admits every "
		                "value it does not list and a caller that omits the key",
		                k, op);
	else
		lint_report_sev(ctx, sev, &c->key.loc,
		                "drop the IfExists suffix so that a caller without the key is "
		                "refused",
		                "key \"%s\" is tested only with %s, which is true when the key is "
		                "absent: a caller that omits it passes, so it bounds nothing",
		                k, op);
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		lint_severity sev = LINT_OFF; /* asked once per statement, not per key */

		if (st->effect != TL_EFFECT_ALLOW)
			continue;
		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *c = &st->conditions[j];

			if (!(c->if_exists || c->negated) ||
			    c->qualifier == TL_QUAL_FOR_ALL_VALUES || c->op == TL_OP_UNKNOWN ||
			    !key_is_identity(c->key.text))
				continue;
			if (!tl_statement_admits(ctx->policy, i, c->key.text, NULL, 0, false))
				continue;
			if (sev == LINT_OFF)
				sev = open_principal(st) ? LINT_ERROR : LINT_WARNING;
			report(ctx, sev, c);
		}
	}
}

const rule_def rule_condition_ifexists_on_identity_key = {
	.code = 402,
	.name = "condition-ifexists-on-identity-key",
	.severity = LINT_WARNING,
	.summary = "an identity or source key is tested only with IfExists or a negated operator, "
	           "which a caller without the key passes",
	.rationale = "...IfExists is true when the key is absent, and a negated operator is true "
	             "for an absent key and for every value it does not list (IAM condition "
	             "operators page). On sub, aud, aws:SourceArn, aws:SourceAccount, "
	             "sts:ExternalId or aws:PrincipalOrgID that disables the protection: a service "
	             "that does not send the key, a caller that passes no external id, an account "
	             "in no organisation all get in (boogy ifexists_condition_usage; PEERS.md C2, "
	             "C3). An error when the principal is \"*\" or a shared OIDC issuer such as "
	             "GitHub Actions.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	       "{\"StringEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	        "{\"StringEquals\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}",
	.fix = "Test the key with a positive operator without IfExists (StringEquals, StringLike, "
	       "ArnLike), so a caller that omits it is refused; keep negated operators for Deny "
	       "statements or next to a positive condition.",
	.check = check,
};
