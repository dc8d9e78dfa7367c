/*
 * unknown-condition-operator.c - TL403: a condition operator IAM does not know (with a did-you-mean), or IfExists on Null.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include <string.h>

#include "lint.h"
#include "tables.h"

/* Once per operator block (its conditions share operator_text). */
static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		const char *last = NULL;

		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *c = &st->conditions[j];
			const char *op = c->operator_text.text, *hint;
			char buf[96];

			if (op == last)
				continue;
			last = op;
			if (c->op == TL_OP_UNKNOWN) {
				hint = operator_suggestion(op, buf, sizeof(buf));
				if (hint)
					lint_report(ctx, &c->operator_text.loc, NULL,
					            "unknown condition operator \"%s\" (did you mean \"%s\"?): IAM refuses the policy",
					            op, hint);
				else
					lint_report(ctx, &c->operator_text.loc, NULL,
					            "unknown condition operator \"%s\": IAM refuses the policy", op);
			}
		}
	}
	lint_report_problems(ctx, TL_PROBLEM_NULL_WITH_IF_EXISTS);
}

const rule_def rule_unknown_condition_operator = {
	.code = 403,
	.name = "unknown-condition-operator",
	.severity = LINT_ERROR,
	.summary = "a condition operator IAM does not know (with a did-you-mean), or IfExists on Null",
	.rationale = "Operator names are exact: a misspelt operator such as StringEqual or stringequals is refused by IAM (Access Analyzer \"Invalid condition operator\"), and Null cannot take IfExists (\"Null with if exists\"). Tools that ignore unknown operators silently drop the constraint.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEqual\": {\"aws:SourceAccount\": \"111122223333\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}}]}",
	.fix = "Use a documented operator name, with an optional ForAnyValue:/ForAllValues: prefix and IfExists suffix (not on Null).",
	.check = check,
};
