/*
 * invalid-effect.c - TL104: Effect is not exactly "Allow" or "Deny".
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_INVALID_EFFECT);
}

const rule_def rule_invalid_effect = {
	.code = 104,
	.name = "invalid-effect",
	.severity = LINT_ERROR,
	.summary = "Effect is not exactly \"Allow\" or \"Deny\"",
	.rationale = "Effect is case-sensitive and takes only \"Allow\" or \"Deny\" (IAM Effect element page); IAM refuses anything else (Access Analyzer \"Invalid effect\").",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Write \"Effect\": \"Allow\" or \"Effect\": \"Deny\" with that exact capitalisation.",
	.check = check,
};
