/*
 * notaction-in-trust.c - TL110: NotAction in a trust policy statement.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		tl_loc at = st->action_loc;

		if (!st->not_action)
			continue;
		at.line = at.key_line; /* the element, not its value */
		at.column = at.key_column;
		if (st->effect == TL_EFFECT_ALLOW)
			lint_report(ctx, &at, NULL,
			            "Allow with NotAction grants every STS action not listed, including "
			            "AssumeRoleWithWebIdentity, AssumeRoleWithSAML and TagSession");
		else
			lint_report_sev(ctx, LINT_NOTE, &at, NULL,
			                "Deny with NotAction denies every action not listed; say which "
			                "actions you mean to deny instead");
	}
}

const rule_def rule_notaction_in_trust = {
	.code = 110,
	.name = "notaction-in-trust",
	.severity = LINT_WARNING,
	.summary = "NotAction in a trust policy",
	.rationale = "With Allow, NotAction grants every action except those listed, so the principals "
	             "get every assume variant and session action, including ones added to STS later "
	             "(IAM NotAction element page; cfn_nag W14).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Service\": \"ec2.amazonaws.com\"}, \"NotAction\": \"sts:TagSession\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Replace NotAction with an Action list of the actions the principal needs.",
	.check = check,
};
