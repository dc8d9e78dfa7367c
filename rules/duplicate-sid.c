/*
 * duplicate-sid.c - TL107: two statements share a Sid.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_DUPLICATE_SID);
}

const rule_def rule_duplicate_sid = {
	.code = 107,
	.name = "duplicate-sid",
	.severity = LINT_WARNING,
	.summary = "two statements share a Sid",
	.rationale = "Sids must be unique within a policy (Access Analyzer \"Unique Sids required\"); duplicates make reviews, suppressions and explanations that name a statement by its Sid ambiguous.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \"Ec2\"}, {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \"Ec2\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \"Ec2\"}, {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"lambda.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \"Lambda\"}]}",
	.fix = "Give each statement its own Sid.",
	.check = check,
};
