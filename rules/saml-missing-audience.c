/*
 * saml-missing-audience.c - TL313: a SAML provider may assume the role and
 * saml:aud is not bound to the AWS sign-in endpoint.
 *
 * saml:aud carries the assertion's Recipient: the AWS sign-in endpoint,
 * https://signin.aws.amazon.com/saml or a regional
 * https://REGION.signin.aws.amazon.com/saml.  Pinning it means only
 * assertions the IdP addressed to AWS sign-in are accepted, not ones
 * minted for another service provider or endpoint that trusts the same
 * IdP.  Two questions for the engine (tl_statement_admits):
 *   - is an assertion without saml:aud refused?  (IfExists, negated and
 *     ForAllValues conditions do not bind: reported at the principal);
 *   - is an assertion for a foreign recipient refused?  (a StringLike
 *     pattern that accepts any https URL pins nothing: reported at the
 *     condition key).
 * Warning.
 *
 * Sources: PEERS.md F1 (boogy iam-policy-validator requires SAML:aud;
 * policyuniverse PR #70); IAM user guide, "Create a role for SAML 2.0
 * federation" and "Configure your SAML 2.0 IdP with relying party trust";
 * IAM condition keys reference (saml:aud from Recipient); SEMANTICS.md 4.5.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

#define SAML_ACTION "sts:AssumeRoleWithSAML"
#define FOREIGN     "https://trustlint-probe.example.com/saml"
#define AUD_FIX                                                                                    \
	"add \"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"} (or the "    \
	"regional https://REGION.signin.aws.amazon.com/saml endpoint your IdP posts to)"

static void check_statement(lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const tl_condition *c = first_condition_on(st, "saml:aud");
	const char *foreign = FOREIGN;
	size_t j;

	for (j = 0; j < st->n_principals; j++) {
		const tl_principal *p = &st->principals[j];

		if (p->type != TL_PRINCIPAL_FEDERATED || p->form != TL_FORM_SAML_PROVIDER)
			continue;
		if (tl_statement_admits(ctx->policy, si, "saml:aud", NULL, 0, false)) {
			if (c)
				lint_report(ctx, &p->value.loc, AUD_FIX,
				            "the %s condition on %s is true for an assertion "
				            "without it, so "
				            "SAML provider \"%s\" is trusted for assertions "
				            "addressed to any "
				            "recipient",
				            c->operator_text.text, c->key.text, p->value.text);
			else
				lint_report(
				    ctx, &p->value.loc, AUD_FIX,
				    "no condition on saml:aud: SAML provider \"%s\" is trusted for "
				    "assertions addressed to any recipient, not only AWS sign-in",
				    p->value.text);
		} else if (c &&
		           tl_statement_admits(ctx->policy, si, "saml:aud", &foreign, 1, true)) {
			lint_report(
			    ctx, &c->key.loc, AUD_FIX,
			    "%s admits recipients other than the AWS sign-in endpoint, e.g. \"%s\"",
			    c->key.text, FOREIGN);
		}
		return; /* one finding per statement: the conditions are shared */
	}
}

static void check(lint_ctx *ctx)
{
	each_allow_statement(ctx, SAML_ACTION, check_statement);
}

const rule_def rule_saml_missing_audience = {
	.code = 313,
	.name = "saml-missing-audience",
	.severity = LINT_WARNING,
	.summary = "a SAML provider may assume the role without saml:aud pinned to the AWS "
	           "sign-in endpoint",
	.rationale = "saml:aud is the assertion's Recipient. Pinning it to "
	             "https://signin.aws.amazon.com/saml (or a regional "
	             "https://REGION.signin.aws.amazon.com/saml) accepts only assertions the IdP "
	             "addressed to AWS sign-in, not ones minted for another relying party that "
	             "trusts the same IdP. The IAM SAML federation guide's trust policies all "
	             "carry it; boogy iam-policy-validator requires it (PEERS.md F1). IfExists, "
	             "negated and ForAllValues conditions do not pin it.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:saml-provider/CorpIdP\"}, \"Action\": "
	       "\"sts:AssumeRoleWithSAML\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:saml-provider/CorpIdP\"}, \"Action\": "
	        "\"sts:AssumeRoleWithSAML\", \"Condition\": {\"StringEquals\": {\"SAML:aud\": "
	        "\"https://signin.aws.amazon.com/saml\"}}}]}",
	.fix = "Add \"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"} (or "
	       "the regional sign-in endpoint).",
	.check = check,
};
