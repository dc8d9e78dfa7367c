/*
 * source-account-mismatch.c - TL409: a statement requires aws:SourceArn in
 * one account and aws:SourceAccount another, so no request meets both.
 *
 * For a service acting for a resource, aws:SourceAccount is the account
 * that owns the resource and aws:SourceArn is that resource's ARN (IAM
 * global condition keys page; confused-deputy page), so an ARN whose
 * account field names another account can never come with that
 * SourceAccount.  Keys of one statement are ANDed: the statement allows
 * no one, and the service the role was written for is refused.  A copy
 * from another account's template is the usual cause.
 *
 * Only what certainly never holds is reported: positive, non-IfExists
 * operators without a set qualifier; exact 12-digit account ids on both
 * sides; ARNs without an account field (S3 buckets) or with a wildcard
 * there are skipped.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static bool plain_positive(const tl_condition *c)
{
	return !c->negated && !c->if_exists && c->qualifier == TL_QUAL_NONE && c->op != TL_OP_UNKNOWN &&
	       c->op != TL_OP_NULL;
}

static bool is_account(const char *s, size_t n)
{
	size_t i;

	if (n != 12)
		return false;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The account field of an ARN value (the fifth, after "arn:P:S:R:"), when exact. */
static bool arn_account(const tl_value *v, const char **acct)
{
	const char *p = v->text;
	int colons = 0;

	if (v->kind != TL_JSON_STRING || strncmp(p, "arn:", 4) != 0)
		return false;
	while (*p && colons < 4)
		colons += *p++ == ':';
	if (colons < 4)
		return false;
	*acct = p;
	return strlen(p) > 12 && p[12] == ':' && is_account(p, 12);
}

/* Does SourceAccount condition `c` list the account at `acct` (12 chars)? */
static bool lists(const tl_condition *c, const char *acct)
{
	size_t k;

	for (k = 0; k < c->n_values; k++)
		if (c->values[k].len == 12 && memcmp(c->values[k].text, acct, 12) == 0)
			return true;
	return false;
}

static bool all_exact_accounts(const tl_condition *c)
{
	size_t k;

	for (k = 0; k < c->n_values; k++)
		if (c->values[k].kind != TL_JSON_STRING || !is_account(c->values[k].text, c->values[k].len))
			return false;
	return c->n_values > 0;
}

/* Every SourceArn value of `arn` names an account `acc` does not list. */
static bool never_together(const tl_condition *arn, const tl_condition *acc)
{
	const char *a;
	size_t k;

	for (k = 0; k < arn->n_values; k++)
		if (!arn_account(&arn->values[k], &a) || lists(acc, a))
			return false;
	return arn->n_values > 0;
}

static void check_statement(lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	size_t i, j;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *arn = &st->conditions[i];
		const char *a;

		if (!str_ieq(arn->key.text, "aws:SourceArn") || !plain_positive(arn))
			continue;
		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *acc = &st->conditions[j];

			if (!str_ieq(acc->key.text, "aws:SourceAccount") || !plain_positive(acc) ||
			    !all_exact_accounts(acc) || !never_together(arn, acc))
				continue;
			arn_account(&arn->values[0], &a);
			lint_report(ctx, &arn->values[0].loc, NULL,
			            "aws:SourceArn \"%s\" is a resource of account %.12s, but aws:SourceAccount "
			            "requires %s%s: a request never carries both, so this statement allows "
			            "no one",
			            arn->values[0].text, a, acc->values[0].text,
			            acc->n_values > 1 ? " (or the other accounts listed)" : "");
			return;
		}
	}
}

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++)
		if (ctx->doc->statements[i].effect == TL_EFFECT_ALLOW)
			check_statement(ctx, i);
}

const rule_def rule_source_account_mismatch = {
	.code = 409,
	.name = "source-account-mismatch",
	.severity = LINT_WARNING,
	.summary = "aws:SourceArn names another account than aws:SourceAccount, so the statement allows no one",
	.rationale = "When a service acts for a resource, aws:SourceAccount is the account that owns "
	             "the resource and aws:SourceArn its ARN (IAM global condition context keys page; "
	             "IAM confused deputy page), so an ARN in one account never comes with a "
	             "SourceAccount of another. Both conditions must hold, so the statement allows no "
	             "one and the service the role was written for is refused; usually one of the two "
	             "was copied from another account (PEERS.md D3).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Service\": \"events.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	       "{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}, \"ArnEquals\": "
	       "{\"aws:SourceArn\": \"arn:aws:events:eu-west-1:444455556666:rule/nightly\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Service\": \"events.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	        "{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}, \"ArnEquals\": "
	        "{\"aws:SourceArn\": \"arn:aws:events:eu-west-1:111122223333:rule/nightly\"}}}]}",
	.fix = "Make aws:SourceArn and aws:SourceAccount name the same account: the one that owns "
	       "the resource the service acts for.",
	.check = check,
};
