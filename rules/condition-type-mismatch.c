/*
 * condition-type-mismatch.c - TL408: a condition value that is not of the operator's type, so it never matches.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_TYPE_MISMATCH);
}

const rule_def rule_condition_type_mismatch = {
	.code = 408,
	.name = "condition-type-mismatch",
	.severity = LINT_WARNING,
	.summary = "a condition value that is not of the operator's type, so it never matches",
	.rationale = "Numeric, Date, Bool, IpAddress, Binary and Arn operators compare typed values; a policy value that does not parse as that type never matches, so a positive condition is always false and a negated one always true (IAM condition operators page; Access Analyzer \"Type mismatch\").",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": \"one hour\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": \"3600\"}}}]}",
	.fix = "Write the value in the operator's type (a number, an ISO 8601 date, true/false, a CIDR block, base64, an ARN), or use a String operator.",
	.check = check,
};
