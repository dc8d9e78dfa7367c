/*
 * action-wildcard.c - TL109: an Allow grants actions through a wildcard
 * ("*", "sts:*", "sts:AssumeRole*").
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static const char *const trust_actions[] = {
	"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
	"sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext", NULL};

static void check(lint_ctx *ctx)
{
	size_t i, j, k;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		if (st->effect != TL_EFFECT_ALLOW || st->not_action)
			continue;
		for (j = 0; j < st->n_actions; j++) {
			const tl_value *a = &st->actions[j];
			char granted[200] = "";
			size_t used = 0;
			tl_statement one = *st;

			if (a->kind != TL_JSON_STRING || !strpbrk(a->text, "*?"))
				continue;
			one.actions = a;
			one.n_actions = 1;
			for (k = 0; trust_actions[k]; k++)
				if (stmt_allows_action(&one, trust_actions[k]))
					used += (size_t)snprintf(granted + used, sizeof(granted) - used, "%s%s",
					                         used ? ", " : "", trust_actions[k] + 4);
			if (!used)
				continue; /* matches no STS trust action: invalid-action's business */
			lint_report(ctx, &a->loc, NULL,
			            "action \"%s\" grants every assume variant it matches (%s), not only the "
			            "one this principal needs", a->text, granted);
		}
	}
}

const rule_def rule_action_wildcard = {
	.code = 109,
	.name = "action-wildcard",
	.severity = LINT_WARNING,
	.summary = "an Allow grants STS actions through a wildcard",
	.rationale = "\"*\" or \"sts:*\" grants every assume variant (AssumeRole, "
	             "AssumeRoleWithWebIdentity, AssumeRoleWithSAML, TagSession, SetSourceIdentity) "
	             "to the listed principals, so a principal may reach the role through a path its "
	             "conditions were not written for (cfn_nag F2; IAM Action element page).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:*\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "List the exact actions the principal needs, e.g. \"sts:AssumeRole\" (plus "
	       "\"sts:TagSession\" when it passes session tags).",
	.check = check,
};
