/*
 * invalid-element.c - TL113: an unknown element, or an element of the wrong JSON type.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_UNKNOWN_ELEMENT);
	lint_report_problems(ctx, TL_PROBLEM_WRONG_TYPE);
	lint_report_problems(ctx, TL_PROBLEM_NOT_AN_OBJECT);
}

const rule_def rule_invalid_element = {
	.code = 113,
	.name = "invalid-element",
	.severity = LINT_ERROR,
	.summary = "an unknown element, or an element of the wrong JSON type",
	.rationale = "IAM refuses elements it does not know (element names are case-sensitive: \"effect\" is not \"Effect\") and elements of the wrong JSON type, such as a Condition written as an array (IAM policy grammar; Access Analyzer \"Invalid policy element\").",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Conditions\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}}]}",
	.fix = "Use the element names and shapes of the IAM policy grammar: Version, Id, Statement; Sid, Effect, Principal, Action/NotAction, Condition.",
	.check = check,
};
