/*
 * org-policy.c - TL601 org-policy: the organisation rules of
 * .trustlint.json (PCRE2 patterns a condition key's values must or must
 * not match), run on a parsed policy.
 *
 * It is not in rules.def: it has no check of its own without a config,
 * so the driver runs it after lint_run (lint_config_org_rules), and
 * `trustlint rules` lists it after the table.  Patterns were compiled
 * once, with JIT where available, when the config was loaded (config.c);
 * here they run under match and depth limits so that a catastrophic
 * pattern fails loudly instead of hanging the gate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org_rule.h"
#include "tables.h"

#define MATCH_LIMIT 100000
#define DEPTH_LIMIT 1000
/* A match budget per rule and document: each value is tried first under a
 * small limit, and only BUDGET_FULL_TRIES values of a document may go on
 * to the full one.  Thirty thousand values against a catastrophic pattern
 * were eight seconds at MATCH_LIMIT each; this bounds a document at
 * values x CHEAP_LIMIT + BUDGET_FULL_TRIES x MATCH_LIMIT steps, and what
 * is left unchecked is reported, never passed. */
#define CHEAP_LIMIT 1000
#define BUDGET_FULL_TRIES 20

/* what one rule has spent on one document */
typedef struct budget {
	size_t full_tries;      /* values that went on to MATCH_LIMIT */
	size_t unchecked;       /* values left unchecked once those ran out */
	const tl_value *first;  /* the first of them, where the finding points */
} budget;

const rule_def rule_org_policy = {
	.code = 601,
	.name = "org-policy",
	.severity = LINT_ERROR,
	.summary = "a condition value breaks an organisation rule from .trustlint.json",
	.rationale = "Organisation rules in .trustlint.json say which values a condition key may "
	             "take, for example that every GitHub subject starts with repo:acme/. A value "
	             "outside them lets in callers the organisation never meant to trust.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	       "\"token.actions.githubusercontent.com:sub\": \"repo:other/app:ref:refs/heads/main\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	        "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	        "\"token.actions.githubusercontent.com:sub\": \"repo:acme/app:ref:refs/heads/main\"}}}]}",
	.fix = "Change the value so it satisfies the organisation rule, or ask for the rule to change.",
	.check = NULL,
};

void org_rule_release(org_rule *r)
{
	free(r->key);
	pcre2_code_free(r->must_match);
	pcre2_code_free(r->must_not_match);
	free(r->must_match_src);
	free(r->must_not_match_src);
	free(r->message);
}

/* One value against one of an org rule's patterns (NULL: nothing to check). */
static void check_value(lint_ctx *ctx, const org_rule *r, const tl_condition *cond,
                        const tl_value *val, pcre2_match_data *md, pcre2_match_context *mctx,
                        pcre2_code *re, bool must, budget *spent)
{
	int rc;

	if (!re)
		return;
	pcre2_set_match_limit(mctx, CHEAP_LIMIT);
	rc = pcre2_match(re, (PCRE2_SPTR)val->text, val->len, 0, 0, md, mctx);
	if (rc == PCRE2_ERROR_MATCHLIMIT) {
		if (spent->full_tries == BUDGET_FULL_TRIES) {
			if (spent->unchecked++ == 0)
				spent->first = val;
			return;
		}
		spent->full_tries++;
		pcre2_set_match_limit(mctx, MATCH_LIMIT);
		rc = pcre2_match(re, (PCRE2_SPTR)val->text, val->len, 0, 0, md, mctx);
	}
	if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
		lint_report_sev(ctx, LINT_ERROR, &val->loc, NULL,
		                "organisation rule on %s could not be checked against \"%s\" (the pattern "
		                "gave up with PCRE2 error %d, e.g. its match limit): fix the pattern",
		                r->key, val->text, rc);
		return;
	}
	if (must ? rc < 0 : rc >= 0)
		lint_report_sev(ctx, r->severity, &val->loc, NULL, "%s value \"%s\" %s the pattern \"%s\"%s%s",
		                cond->key.text, val->text, must ? "does not match" : "matches",
		                must ? r->must_match_src : r->must_not_match_src, r->message ? ": " : "",
		                r->message ? r->message : "");
}

/* One organisation rule over every matching condition of the document,
 * with its own budget; what the budget left unchecked is one error. */
static void run_org_rule(lint_ctx *ctx, const org_rule *r, pcre2_match_data *md,
                         pcre2_match_context *mctx)
{
	budget spent = {0, 0, NULL};
	size_t s, k, v;

	for (s = 0; s < ctx->doc->n_statements; s++) {
		const tl_statement *st = &ctx->doc->statements[s];
		for (k = 0; k < st->n_conditions; k++) {
			const tl_condition *cond = &st->conditions[k];
			if (!glob_ieq(r->key, cond->key.text))
				continue;
			for (v = 0; v < cond->n_values; v++) {
				check_value(ctx, r, cond, &cond->values[v], md, mctx, r->must_match, true,
				            &spent);
				check_value(ctx, r, cond, &cond->values[v], md, mctx, r->must_not_match,
				            false, &spent);
			}
		}
	}
	if (spent.unchecked)
		lint_report_sev(ctx, LINT_ERROR, &spent.first->loc, NULL,
		                "organisation rule on %s ran out of its match budget: %zu more "
		                "value%s (from this one on) could not be checked against it, each "
		                "over %d steps after %d values took the full %d: fix the pattern",
		                r->key, spent.unchecked, spent.unchecked == 1 ? "" : "s",
		                CHEAP_LIMIT, BUDGET_FULL_TRIES, MATCH_LIMIT);
}

void lint_config_org_rules(const lint_config *c, lint_ctx *ctx)
{
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	size_t i;

	if (!ctx->doc || c->n_org_rules == 0)
		return;
	mctx = pcre2_match_context_create(NULL);
	md = pcre2_match_data_create(4, NULL);
	if (!mctx || !md) {
		ctx->out_of_memory = true;
		goto done;
	}
	pcre2_set_depth_limit(mctx, DEPTH_LIMIT);
	ctx->current = &rule_org_policy;
	for (i = 0; i < c->n_org_rules; i++)
		run_org_rule(ctx, &c->org_rules[i], md, mctx);
done:
	ctx->current = NULL;
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
}

bool org_policy_named(const char *s)
{
	char code[16];

	snprintf(code, sizeof(code), "TL%d", rule_org_policy.code);
	return strcmp(s, rule_org_policy.name) == 0 || strcmp(s, code) == 0;
}
