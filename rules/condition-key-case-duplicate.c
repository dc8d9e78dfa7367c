/*
 * condition-key-case-duplicate.c - TL405: two condition keys under one operator differ only in case.
 * The engine's parser finds these (policy.c); this rule reports them.
 */
#include "lint.h"

static void check(lint_ctx *ctx)
{
	lint_report_problems(ctx, TL_PROBLEM_KEY_CASE_DUPLICATE);
}

const rule_def rule_condition_key_case_duplicate = {
	.code = 405,
	.name = "condition-key-case-duplicate",
	.severity = LINT_ERROR,
	.summary = "two condition keys under one operator differ only in case",
	.rationale = "Condition key names are case-insensitive, so aws:SourceAccount and aws:sourceaccount under one operator name the same key twice (Access Analyzer \"Duplicate keys with different case\"); which values apply is ambiguous.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\", \"aws:sourceaccount\": \"444455556666\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": [\"111122223333\", \"444455556666\"]}}}]}",
	.fix = "Merge the values under one spelling of the key.",
	.check = check,
};
