/*
 * empty-condition-values.c - TL406: a condition key with an empty list of values, an operator with no keys, or an empty Condition.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_EMPTY_VALUES);
}

const rule_def rule_empty_condition_values = {
	.code = 406,
	.name = "empty-condition-values",
	.severity = LINT_WARNING,
	.summary = "a condition key with an empty list of values, an operator with no keys, or an empty Condition",
	.rationale = "An empty value list makes a positive operator always false and a ForAllValues or negated operator vacuously true, so the condition either blocks everyone or constrains nothing; an empty operator or \"Condition\": {} constrains nothing, often where a template dropped the conditions meant (Access Analyzer \"Empty array condition\", \"Empty object condition\").",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": []}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}}]}",
	.fix = "List the values the key must have, or remove the condition.",
	.check = check,
};
