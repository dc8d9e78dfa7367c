/*
 * unknown-global-condition-key.c - TL404: an aws: or sts: condition key
 * that AWS does not define (aws:SourceAcount, aws:PrincipalOrgId is fine:
 * keys fold case; aws:PrincipalOrgIDs is not).
 *
 * A key nobody sends is always absent.  The constraint view then says
 * which way the statement fails (SEMANTICS.md 3.2): positive operators are
 * false, so an Allow never applies (the role breaks: fails closed) and a
 * Deny never fires (fails open); IfExists, negated operators and
 * ForAllValues are true, so the condition restricts nothing (an Allow
 * fails open).  Access Analyzer: "Invalid global condition key",
 * "Unsupported global condition key" (PEERS.md C6; parliament, boogy).
 * The list of known keys and the did-you-mean live in tables.c.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

/* "aws:" or "sts:", any case (key names fold ASCII case). */
static bool global_prefix(const char *k)
{
	char p[5];
	size_t i;

	for (i = 0; i < 4 && k[i]; i++)
		p[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]);
	p[i] = '\0';
	return strcmp(p, "aws:") == 0 || strcmp(p, "sts:") == 0;
}

/* What an always-absent key does to this statement. */
static const char *effect_text(const lint_ctx *ctx, size_t si, const char *key)
{
	bool holds = tl_statement_admits(ctx->policy, si, key, NULL, 0, false);
	bool allow = ctx->doc->statements[si].effect == TL_EFFECT_ALLOW;

	if (allow)
		return holds ? "its conditions are always true, so they restrict nothing (fails "
		               "open)"
		             : "its conditions are never true, so this statement allows no one "
		               "(fails closed)";
	return holds ? "its conditions are always true, so this Deny applies to every matching "
	               "caller"
	             : "its conditions are never true, so this Deny never applies (fails open)";
}

static void report(lint_ctx *ctx, size_t si, const tl_condition *c)
{
	const char *k = c->key.text, *hint = NULL;
	char fix[160];

	if (key_is_known_global(k, &hint))
		return;
	if (hint) {
		snprintf(fix, sizeof(fix), "replace \"%s\" with \"%s\"", k, hint);
		lint_report(ctx, &c->key.loc, fix,
		            "unknown condition key \"%s\" (did you mean \"%s\"?): no request "
		            "carries it, and %s",
		            k, hint, effect_text(ctx, si, k));
		return;
	}
	lint_report(ctx, &c->key.loc, NULL,
	            "unknown condition key \"%s\": no request carries it, and %s", k,
	            effect_text(ctx, si, k));
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		for (j = 0; j < st->n_conditions; j++)
			if (global_prefix(st->conditions[j].key.text))
				report(ctx, i, &st->conditions[j]);
	}
}

const rule_def rule_unknown_global_condition_key = {
	.code = 404,
	.name = "unknown-global-condition-key",
	.severity = LINT_ERROR,
	.summary = "an aws: or sts: condition key that AWS does not define (with a did-you-mean)",
	.rationale = "A misspelt key such as aws:SourceAcount is never in the request: a positive "
	             "operator on it is always false (the role cannot be assumed through the "
	             "statement), while IfExists, negated operators and ForAllValues are always "
	             "true (the condition restricts nothing). Access Analyzer reports \"Invalid "
	             "global condition key\"; most linters without a key list accept it silently.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Action\": "
	       "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAcount\": "
	       "\"111122223333\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Action\": "
	        "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": "
	        "\"111122223333\"}}}]}",
	.fix = "Spell the key as the IAM global condition keys page does (case does not matter), "
	       "or remove the condition.",
	.check = check,
};
