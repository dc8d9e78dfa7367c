/*
 * invalid-version.c - TL105: Version is neither "2012-10-17" nor "2008-10-17".
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_INVALID_VERSION);
}

const rule_def rule_invalid_version = {
	.code = 105,
	.name = "invalid-version",
	.severity = LINT_ERROR,
	.summary = "Version is neither \"2012-10-17\" nor \"2008-10-17\"",
	.rationale = "IAM accepts only the two policy language versions \"2012-10-17\" and \"2008-10-17\" (IAM Version element page; Access Analyzer \"Invalid version\"); a policy with any other Version, such as today's date, is refused.",
	.bad = "{\"Version\": \"2024-01-01\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Set \"Version\": \"2012-10-17\", the current policy language.",
	.check = check,
};
