/*
 * allow-with-notprincipal.c - TL202: NotPrincipal in a role trust policy.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_NOT_PRINCIPAL);
}

const rule_def rule_allow_with_notprincipal = {
	.code = 202,
	.name = "allow-with-notprincipal",
	.severity = LINT_ERROR,
	.summary = "NotPrincipal in a role trust policy",
	.rationale = "IAM does not support NotPrincipal in role trust policies and refuses the document (IAM NotPrincipal element page; Access Analyzer \"Role trust policy syntax error notprincipal\"). With Allow it would mean everyone except the listed principals may assume the role (Access Analyzer \"Allow with NotPrincipal\").",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"NotPrincipal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Admin\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/Admin\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "List who may assume the role in Principal; to exclude callers use a Deny statement with a Principal and a condition such as aws:PrincipalArn.",
	.check = check,
};
