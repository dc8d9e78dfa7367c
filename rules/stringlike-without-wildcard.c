/*
 * stringlike-without-wildcard.c - TL309: a StringLike / StringNotLike
 * value (any qualifier, IfExists or not) with no '*' or '?'.
 *
 * The comparison is then exact, so StringEquals / StringNotEquals says
 * what is meant and keeps later readers (and TL310's reverse check) from
 * guessing whether a wildcard was forgotten.  ${*}, ${?} and ${$} are
 * literal characters when policy variables are on, so they do not count.
 * Harmless, hence a note (Access Analyzer has the inverse as a warning;
 * PEERS.md A14).  Cognito's amr claim is exempt: the Cognito developer
 * guide itself writes "ForAnyValue:StringLike" with "authenticated", and
 * TL305 recommends that form.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static bool ends_with_amr(const char *key, size_t len)
{
	return len > 4 && strcmp(key + len - 4, ":amr") == 0;
}

/* The operator as written with Like replaced by Equals. */
static void equals_form(char *out, size_t n, const char *op)
{
	const char *like = strstr(op, "Like");

	if (like)
		snprintf(out, n, "%.*sEquals%s", (int)(like - op), op, like + 4);
	else
		snprintf(out, n, "StringEquals");
}

static void check(lint_ctx *ctx)
{
	size_t i, j, k;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *c = &st->conditions[j];
			char eq[128], fix[200];

			if ((c->op != TL_OP_STRING_LIKE && c->op != TL_OP_STRING_NOT_LIKE) ||
			    ends_with_amr(c->key.text, c->key.len))
				continue;
			const tl_value *first = NULL;
			size_t exact = 0, strings = 0;

			equals_form(eq, sizeof(eq), c->operator_text.text);
			/* one finding per condition key, however long its list (a 60-value
			 * list is one decision to change the operator, not 60) */
			for (k = 0; k < c->n_values; k++) {
				const tl_value *v = &c->values[k];
				if (v->kind != TL_JSON_STRING)
					continue;
				strings++;
				if (value_has_wildcard(v->text, v->len, ctx->doc->variables_enabled))
					continue;
				if (!first)
					first = v;
				exact++;
			}
			if (!first)
				continue;
			if (exact == 1) {
				snprintf(fix, sizeof(fix), "write %s, or add the wildcard you meant", eq);
				lint_report(ctx, &first->loc, fix,
				            "\"%s\" has no '*' or '?', so %s compares %s exactly: "
				            "%s says so",
				            first->text, c->operator_text.text, c->key.text, eq);
			} else if (exact == strings) {
				snprintf(fix, sizeof(fix), "write %s, or add the wildcards you meant", eq);
				lint_report(ctx, &first->loc, fix,
				            "none of the %zu values of %s has a '*' or '?' (the first is \"%s\"), "
				            "so %s compares them exactly: %s says so",
				            exact, c->key.text, first->text, c->operator_text.text, eq);
			} else {
				snprintf(fix, sizeof(fix),
				         "move the exact values under %s, or add the wildcards you meant", eq);
				lint_report(ctx, &first->loc, fix,
				            "%zu of the %zu values of %s have no '*' or '?' (the first is \"%s\"), "
				            "so %s compares them exactly: %s says so",
				            exact, strings, c->key.text, first->text, c->operator_text.text, eq);
			}
		}
	}
}

const rule_def rule_stringlike_without_wildcard = {
	.code = 309,
	.name = "stringlike-without-wildcard",
	.severity = LINT_NOTE,
	.summary = "a StringLike or StringNotLike value has no wildcard, so the comparison is "
	           "exact",
	.rationale = "Without '*' or '?' StringLike behaves like StringEquals. It works, but a "
	             "reader cannot tell whether a wildcard was forgotten (\"repo:acme/app\" "
	             "never matches a GitHub subject, which always continues with \":ref:...\"), "
	             "and a stray '?' later silently matches any character. Access Analyzer flags "
	             "the inverse, \"Wildcard without like operator\" (PEERS.md A14). Cognito's "
	             "amr claim is exempt: the Cognito guide writes ForAnyValue:StringLike for it.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, "
	       "\"StringLike\": {\"token.actions.githubusercontent.com:sub\": "
	       "\"repo:acme/deploy:ref:refs/heads/main\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
	        " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
	        "{\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
	        "\"sts.amazonaws.com\", \"token.actions.githubusercontent.com:sub\": "
	        "\"repo:acme/deploy:ref:refs/heads/main\"}}}]}",
	.fix = "Use StringEquals (StringNotEquals) for exact values, keeping any ForAnyValue / "
	       "ForAllValues qualifier and IfExists suffix.",
	.check = check,
};
