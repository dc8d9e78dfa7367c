/*
 * invalid-sid.c - TL115: a Sid with characters other than A-Z, a-z and 0-9.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_INVALID_SID);
}

const rule_def rule_invalid_sid = {
	.code = 115,
	.name = "invalid-sid",
	.severity = LINT_NOTE,
	.summary = "a Sid with characters other than A-Z, a-z and 0-9",
	.rationale = "The IAM grammar allows only ASCII letters and digits in a Sid (IAM Sid element page; Access Analyzer \"Unsupported Sid\"). IAM has been seen to store such Sids in trust policies, so this is a note, not an error.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \"allow ec2\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \"AllowEc2\"}]}",
	.fix = "Rename the Sid using letters and digits only.",
	.check = check,
};
