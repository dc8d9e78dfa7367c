/*
 * invalid-action.c - TL114: an action that a trust policy cannot grant.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_INVALID_ACTION);
}

const rule_def rule_invalid_action = {
	.code = 114,
	.name = "invalid-action",
	.severity = LINT_ERROR,
	.summary = "an action that a trust policy cannot grant",
	.rationale = "A trust policy may only grant sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; IAM answers any other action with \"AssumeRole policy may only specify STS AssumeRole actions\" (SEMANTICS.md 1.4).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"s3:GetObject\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Grant the STS action the caller uses: sts:AssumeRole for AWS and service principals, sts:AssumeRoleWithWebIdentity for OIDC, sts:AssumeRoleWithSAML for SAML.",
	.check = check,
};
