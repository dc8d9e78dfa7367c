/*
 * unknown-condition-operator.c - TL403: a condition operator IAM does not know (with a did-you-mean), or IfExists on Null.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include <string.h>

#include "lint.h"
#include "tables.h"

/* The operator's name: the last segment of the problem's pointer
 * (".../Condition/NAME"), with RFC 6901 escapes undone. */
static void operator_of(const char *pointer, char *out, size_t cap)
{
	const char *seg = strrchr(pointer, '/');
	size_t n = 0;

	for (seg = seg ? seg + 1 : pointer; *seg && n + 1 < cap; seg++) {
		if (seg[0] == '~' && (seg[1] == '0' || seg[1] == '1')) {
			out[n++] = seg[1] == '1' ? '/' : '~';
			seg++;
		} else {
			out[n++] = *seg;
		}
	}
	out[n] = '\0';
}

/* From the parser's problems, so that an operator with no keys, or with a
 * value that is not an object, is still reported. */
static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_problems; i++) {
		const tl_problem *p = &ctx->doc->problems[i];
		char op[256], buf[96];
		const char *hint;

		if (p->kind != TL_PROBLEM_UNKNOWN_OPERATOR)
			continue;
		operator_of(p->loc.pointer ? p->loc.pointer : "", op, sizeof(op));
		hint = operator_suggestion(op, buf, sizeof(buf));
		if (hint)
			lint_report(ctx, &p->loc, NULL,
			            "unknown condition operator \"%s\" (did you mean \"%s\"?): IAM refuses the policy",
			            op, hint);
		else
			lint_report(ctx, &p->loc, NULL,
			            "unknown condition operator \"%s\": IAM refuses the policy", op);
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
