/*
 * stringequals-with-wildcard.c - TL310: '*' or '?' in a value of
 * StringEquals, StringNotEquals or their IgnoreCase forms (any qualifier).
 *
 * Only the Like operators expand wildcards; the Equals operators compare
 * the characters literally (IAM condition operators page; Access Analyzer
 * "Wildcard without like operator").  Under a positive operator the value
 * then matches nothing real and the role breaks: warning.  Under a negated
 * operator on a subject or identity key (sub, aud, aws:PrincipalArn,
 * aws:SourceArn, ...) the exclusion excludes only that literal string and
 * every real subject passes: the check fails open, so error.  ${*} and ${?}
 * are the documented way to write a literal '*' or '?' (with policy
 * variables on) and are not reported.
 *
 * Sources: PEERS.md A14; IAM "Condition operators" and "Policy variables"
 * pages; SEMANTICS.md 3.3 and 3.9.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static bool equals_op(tl_operator op)
{
	return op == TL_OP_STRING_EQUALS || op == TL_OP_STRING_NOT_EQUALS ||
	       op == TL_OP_STRING_EQUALS_IGNORE_CASE || op == TL_OP_STRING_NOT_EQUALS_IGNORE_CASE;
}

/* The operator as written with Equals replaced by Like (IgnoreCase dropped). */
static void like_form(char *out, size_t n, const char *op)
{
	const char *eq = strstr(op, "Equals"), *rest;

	if (!eq) {
		snprintf(out, n, "StringLike");
		return;
	}
	rest = eq + 6;
	if (strncmp(rest, "IgnoreCase", 10) == 0)
		rest += 10;
	snprintf(out, n, "%.*sLike%s", (int)(eq - op), op, rest);
}

static void check_condition(lint_ctx *ctx, const tl_condition *c)
{
	bool fails_open = c->negated && key_is_identity(c->key.text);
	char like[128], fix[300];
	size_t k;

	like_form(like, sizeof(like), c->operator_text.text);
	snprintf(fix, sizeof(fix), "write %s to match a pattern%s", like,
	         c->op == TL_OP_STRING_EQUALS_IGNORE_CASE ||
	                 c->op == TL_OP_STRING_NOT_EQUALS_IGNORE_CASE
	             ? " (Like operators are case-sensitive)"
	             : "");
	for (k = 0; k < c->n_values; k++) {
		const tl_value *v = &c->values[k];

		if (v->kind != TL_JSON_STRING ||
		    !value_has_wildcard(v->text, v->len, ctx->doc->variables_enabled))
			continue;
		if (fails_open)
			lint_report_sev(
			    ctx, LINT_ERROR, &v->loc, fix,
			    "\"%s\" is compared literally by %s, so it excludes only that "
			    "exact string and every real %s passes (fails open)",
			    v->text, c->operator_text.text, c->key.text);
		else
			lint_report_sev(
			    ctx, LINT_WARNING, &v->loc, fix,
			    "\"%s\" is compared literally by %s: its wildcard matches only "
			    "the character itself, %s",
			    v->text, c->operator_text.text,
			    c->negated ? "so the exclusion almost never applies"
			               : "so the condition almost never holds");
	}
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		for (j = 0; j < st->n_conditions; j++)
			if (equals_op(st->conditions[j].op))
				check_condition(ctx, &st->conditions[j]);
	}
}

const rule_def rule_stringequals_with_wildcard = {
	.code = 310,
	.name = "stringequals-with-wildcard",
	.severity = LINT_WARNING,
	.summary = "a StringEquals or StringNotEquals value contains '*' or '?', which it "
	           "compares literally",
	.rationale = "Only StringLike and StringNotLike expand wildcards. \"StringEquals\": "
	             "{\"...:sub\": \"repo:acme/*\"} matches only a subject that is literally "
	             "repo:acme/*, so the role never works; \"StringNotEquals\": {\"...:sub\": "
	             "\"repo:acme/untrusted*\"} excludes nothing real, so every subject passes "
	             "and the exclusion fails open (error on subject and identity keys). IAM "
	             "condition operators page; Access Analyzer \"Wildcard without like "
	             "operator\" (PEERS.md A14).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	       "\"token.actions.githubusercontent.com:sub\": "
	       "\"repo:acme/deploy:ref:refs/heads/*\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
	        " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
	        "{\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
	        "\"sts.amazonaws.com\"}, \"StringLike\": "
	        "{\"token.actions.githubusercontent.com:sub\": "
	        "\"repo:acme/deploy:ref:refs/heads/*\"}}}]}",
	.fix = "Use StringLike (StringNotLike) for patterns, keeping any qualifier and IfExists.",
	.check = check,
};
