/*
 * trust-policy-resource.c - TL108: Resource or NotResource in a trust
 * policy.  IAM refuses the document ("Has prohibited field Resource";
 * Access Analyzer "Role trust policy syntax error resource").
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_RESOURCE_IN_TRUST_POLICY);
}

const rule_def rule_trust_policy_resource = {
	.code = 108,
	.name = "trust-policy-resource",
	.severity = LINT_ERROR,
	.summary = "Resource or NotResource in a role trust policy",
	.rationale = "A trust policy always applies to the role it is attached to, so IAM refuses "
	             "a Resource or NotResource element with MalformedPolicyDocument (\"Has "
	             "prohibited field Resource\") and the deployment fails. Access Analyzer: "
	             "\"Role trust policy syntax error resource\".",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", "
	       "\"Resource\": \"*\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Delete the Resource (or NotResource) element from the statement.",
	.check = check,
};
