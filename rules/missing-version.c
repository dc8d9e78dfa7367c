/*
 * missing-version.c - TL106: the policy has no Version, or the old
 * "2008-10-17", so policy variables are literal text.
 *
 * The engine's parser finds a missing Version (policy.c).  The old
 * version is valid, so IAM stores the policy (invalid-version is about
 * values it refuses), but it has the same effect as none: the IAM Version
 * element page says not to use it for new or updated policies, since
 * policy variables such as ${aws:username} are then literal strings.
 * PEERS.md G2: a warning (parliament OLD_VERSION, cfn-lint W2511).
 */
#include <string.h>

#include "lint.h"

static void check(lint_ctx *ctx)
{
	const tl_value *v;

	lint_report_problems(ctx, TL_PROBLEM_MISSING_VERSION);
	v = ctx->doc ? ctx->doc->version : NULL;
	if (v && v->kind == TL_JSON_STRING && strcmp(v->text, "2008-10-17") == 0)
		lint_report(ctx, &v->loc, NULL,
		            "Version \"2008-10-17\" is the old policy language: policy variables such as "
		            "${aws:username} are literal text, as with no Version, and IAM says not to "
		            "use it for new or updated policies");
}

const rule_def rule_missing_version = {
	.code = 106,
	.name = "missing-version",
	.severity = LINT_WARNING,
	.summary = "the policy has no Version, or the old 2008-10-17, so policy variables are literal text",
	.rationale = "Without \"Version\": \"2012-10-17\" (no Version, or the old \"2008-10-17\") IAM evaluates the policy with the old language, where ${aws:username} and other policy variables are not substituted but compared as literal text; the Version element page says not to use 2008-10-17 for new or updated policies (IAM Version element page; Access Analyzer \"Missing version\"; parliament OLD_VERSION).",
	.bad = "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Set \"Version\": \"2012-10-17\" at the top level of the policy.",
	.check = check,
};
