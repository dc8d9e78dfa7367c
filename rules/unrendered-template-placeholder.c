/*
 * unrendered-template-placeholder.c - TL116: a value still holds a
 * template's hole (${module.eks.oidc_provider_arn}, $ACCOUNT_ID,
 * <AWS_ACCOUNT_ID>, {arn-aws}, {{ .Values.x }}).
 *
 * The engine's parser finds these (placeholder.c) and reports one per
 * value, instead of an invalid-principal error and a policy-variable
 * warning about text nobody meant IAM to read.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_TEMPLATE_PLACEHOLDER);
	lint_report_problems(ctx, TL_PROBLEM_TEMPLATE_PLACEHOLDER_VALUE);
}

const rule_def rule_unrendered_template_placeholder = {
	.code = 116,
	.name = "unrendered-template-placeholder",
	.severity = LINT_ERROR,
	.summary = "a value is an unrendered template placeholder, so this is not the policy IAM will see",
	.rationale = "A principal such as \"${module.eks.oidc_provider_arn}\" or "
	             "\"arn:aws:iam::<AWS_ACCOUNT_ID>:root\" is refused by IAM (\"Invalid principal in "
	             "policy\"), and in a condition value the text is compared literally, so it never "
	             "matches. Only ${aws:...}-style names are IAM policy variables (IAM policy "
	             "variables page); Terraform, shell, Helm and documentation placeholders are filled "
	             "in before the policy reaches IAM, so the rendered policy is the one to lint.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"AWS\": \"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root\"}, "
	       "\"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"AWS\": \"arn:aws:iam::444455556666:role/Deployer\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Lint the rendered policy: for Terraform, `terraform show -json` of a plan (trustlint "
	       "reads plans); for scripts and charts, the output after substitution.",
	.check = check,
};
