/*
 * missing-element.c - TL103: a required element (Statement, Effect, Principal, Action) is missing, or Action and NotAction are both present.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_MISSING_STATEMENT);
	lint_report_problems(ctx, TL_PROBLEM_MISSING_EFFECT);
	lint_report_problems(ctx, TL_PROBLEM_MISSING_PRINCIPAL);
	lint_report_problems(ctx, TL_PROBLEM_MISSING_ACTION);
	lint_report_problems(ctx, TL_PROBLEM_ACTION_AND_NOT_ACTION);
}

const rule_def rule_missing_element = {
	.code = 103,
	.name = "missing-element",
	.severity = LINT_ERROR,
	.summary = "a required element (Statement, Effect, Principal, Action) is missing, or Action and NotAction are both present",
	.rationale = "IAM refuses a trust policy without a Statement, or a statement without Effect, Principal and exactly one of Action or NotAction (IAM policy grammar; Access Analyzer \"Missing effect\", \"Missing principal\", \"Missing action\", \"Missing statement\"), so the deployment fails.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Add the missing element: every statement needs Effect, Principal and Action (or NotAction, but not both).",
	.check = check,
};
