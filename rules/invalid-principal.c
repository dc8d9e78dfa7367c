/*
 * invalid-principal.c - TL204: a principal IAM refuses: a partial wildcard, a malformed ARN, an unknown principal type, or a bare "*".
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_INVALID_PRINCIPAL);
	lint_report_problems(ctx, TL_PROBLEM_PRINCIPAL_STAR_STRING);
	lint_report_problems(ctx, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY);
	lint_report_problems(ctx, TL_PROBLEM_EMPTY_PRINCIPAL);
}

const rule_def rule_invalid_principal = {
	.code = 204,
	.name = "invalid-principal",
	.severity = LINT_ERROR,
	.summary = "a principal IAM refuses: a partial wildcard, a malformed ARN, an unknown principal type, or a bare \"*\"",
	.rationale = "A wildcard may only be the whole principal value: arn:aws:iam::*:root or role/* is refused (\"Invalid principal in policy\"), as are malformed ARNs, unknown keys such as \"Federate\", empty principals, and the bare string \"Principal\": \"*\" in a trust policy (IAM Principal element page; Access Analyzer \"Unsupported wildcard in principal\", \"Role trust policy unsupported wildcard in principal\"; aws-cdk#5732).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::*:root\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:role/Deployer\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Name exact principals; to trust many callers use {\"AWS\": \"*\"} (or an account) with an aws:PrincipalOrgID or aws:PrincipalArn condition.",
	.check = check,
};
