/*
 * forallvalues-single-valued-key.c - TL401: ForAllValues: on a key that
 * carries one value per request.
 *
 * ForAllValues:OP is true when every request value matches, and so also
 * when the key is absent or empty (IAM "Set operators for multivalued
 * context keys"; SEMANTICS.md 3.8).  On a single-valued key the qualifier
 * adds nothing but that hole: a request without the key passes.  Access
 * Analyzer reports it as the security warning "ForAllValues with single
 * valued key"; GitHub once suggested ForAllValues in its AWS example and
 * removed it (github/docs#12137, #17463); cloudposse dropped it from its
 * IRSA module (terraform-aws-eks-iam-role#33).
 *
 * Graded with the constraint view: an error when, in an Allow, the key is
 * trust-critical (key_is_identity: org, account, ARN, source, external
 * id, OIDC sub/aud, Pod Identity tags) and no other condition of the
 * statement on that key refuses a caller that omits it; a warning
 * otherwise (a Deny, a key that another positive condition already
 * requires, or a key that is not about who is calling).
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static void report(lint_ctx *ctx, size_t si, const tl_condition *c)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const char *k = c->key.text, *op = c->operator_text.text, *colon = strchr(op, ':');
	bool open = tl_statement_admits(ctx->policy, si, k, NULL, 0, false);
	char fix[256];

	snprintf(fix, sizeof(fix), "drop the ForAllValues: qualifier: \"%s\": {\"%s\": ...}",
	         colon ? colon + 1 : op, k);
	if (st->effect == TL_EFFECT_ALLOW && open && key_is_identity(k)) {
		lint_report_sev(ctx, LINT_ERROR, &c->key.loc, fix,
		                "single-valued key \"%s\" is tested with %s, which is true when "
		                "the key is absent, and no other condition requires it: a request "
		                "that omits it is not checked on this key at all",
		                k, op);
		return;
	}
	if (st->effect != TL_EFFECT_ALLOW)
		lint_report(ctx, &c->key.loc, fix,
		            "single-valued key \"%s\" is tested with %s, which is true when the "
		            "key is absent, so this Deny also applies to every request without it; "
		            "say so with Null or a plain operator",
		            k, op);
	else if (open)
		lint_report(ctx, &c->key.loc, fix,
		            "single-valued key \"%s\" is tested with %s, which is true when the "
		            "key is absent: a request without it satisfies this condition",
		            k, op);
	else
		lint_report(ctx, &c->key.loc, fix,
		            "single-valued key \"%s\" is tested with %s, which is true when the "
		            "key is absent (another condition of the statement requires the key, "
		            "so only that one bounds it)",
		            k, op);
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *c = &st->conditions[j];

			if (c->qualifier == TL_QUAL_FOR_ALL_VALUES && c->op != TL_OP_UNKNOWN &&
			    key_is_single_valued(c->key.text))
				report(ctx, i, c);
		}
	}
}

const rule_def rule_forallvalues_single_valued_key = {
	.code = 401,
	.name = "forallvalues-single-valued-key",
	.severity = LINT_WARNING,
	.summary = "ForAllValues: on a single-valued condition key, which a request without the "
	           "key satisfies",
	.rationale =
	        "ForAllValues is true when the key is absent or empty, so on a key that carries "
	        "one value (sub, aud, aws:SourceAccount, aws:PrincipalOrgID, sts:ExternalId...) it "
	        "turns a missing key into a pass (IAM \"Set operators for multivalued context "
	        "keys\"; Access Analyzer \"ForAllValues with single valued key\"). GitHub's AWS "
	        "example once used it and was corrected (github/docs#12137). An error when it is "
	        "the only bound on a key that identifies the caller.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Action\": "
	       "\"sts:AssumeRole\", \"Condition\": {\"ForAllValues:StringEquals\": "
	       "{\"aws:SourceAccount\": \"111122223333\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Action\": "
	        "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": "
	        "\"111122223333\"}}}]}",
	.fix = "Remove the ForAllValues: qualifier; keep set operators for multi-valued keys such "
	       "as aws:TagKeys or cognito-identity.amazonaws.com:amr.",
	.check = check,
};
