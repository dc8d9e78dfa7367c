/*
 * missing-version.c - TL106: the policy has no Version, so policy variables are literal text.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_MISSING_VERSION);
}

const rule_def rule_missing_version = {
	.code = 106,
	.name = "missing-version",
	.severity = LINT_WARNING,
	.summary = "the policy has no Version, so policy variables are literal text",
	.rationale = "Without \"Version\": \"2012-10-17\" IAM evaluates the policy with the old language, where ${aws:username} and other policy variables are not substituted but compared as literal text (IAM Version element page; Access Analyzer \"Missing version\").",
	.bad = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Add \"Version\": \"2012-10-17\" at the top level of the policy.",
	.check = check,
};
