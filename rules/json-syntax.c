/*
 * json-syntax.c - TL101: the file is not JSON (or exceeds a size bound).
 */
#include <string.h>

#include "lint.h"

/* The generic fix speaks of commas and quotes; a bound or a wrong
 * --input-format needs its own. */
static const char *fix_for(tl_status status)
{
	switch (status) {
	case TL_EARG: /* the file is fine, the --input-format given for it is not */
		return "give the file's own format with --input-format, or leave it out to detect the "
		       "format from the content";
	case TL_ELIMIT:
		return "IAM's own quotas are far below this bound: split the document, or check that "
		       "this is the file meant (trustlint reads at most what the message says)";
	default:
		return NULL;
	}
}

static void check(lint_ctx *ctx)
{
	tl_loc loc = {"", 1, 1, 1, 1};

	if (ctx->parse_error && !(ctx->parse_error->flags & TL_ERROR_DUPLICATE_KEY)) {
		loc.line = ctx->parse_error->line ? ctx->parse_error->line : 1;
		loc.column = ctx->parse_error->column ? ctx->parse_error->column : 1;
		lint_report(ctx, &loc, fix_for(ctx->parse_error->status), "%s", ctx->parse_error->message);
	}
}

const rule_def rule_json_syntax = {
	.code = 101,
	.name = "json-syntax",
	.severity = LINT_ERROR,
	.summary = "the policy (or the template holding it) is not valid JSON or YAML, or is larger "
	           "or deeper than trustlint reads",
	.rationale = "IAM refuses a policy that is not strict JSON (Access Analyzer \"Json syntax "
	             "error\"): trailing commas, comments and single quotes are not allowed. Nothing "
	             "else can be checked until the document parses.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	.fix = "Fix the JSON (or YAML) at the position shown (a missing or extra comma, quote or "
	       "bracket).",
	.check = check,
};
