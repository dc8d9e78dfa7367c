/*
 * wildcard-principal.c - TL201: "*" (or {"AWS": "*"}) may assume the role
 * and no condition pins who.
 *
 * Peers flag every "*" and drown users in false positives (checkov#6839,
 * #7304) or skip any statement with any condition (cfripper).  Here a
 * statement passes only when, by the engine's own condition logic, a
 * caller that omits an identity key is refused AND a caller from a
 * stranger account or organisation is refused: a positive, non-IfExists
 * condition on aws:PrincipalOrgID, aws:PrincipalOrgPaths,
 * aws:PrincipalAccount, aws:PrincipalArn or aws:userid.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

#define STRANGER "000000000000"

/* Does the statement refuse a caller from a stranger account on `key`? */
static bool stranger_refused(const lint_ctx *ctx, size_t si, const char *key)
{
	const tl_statement *st = &ctx->doc->statements[si];
	char probe[600];
	const char *one[1] = {probe};
	size_t j, k;

	if (tl_statement_admits(ctx->policy, si, key, NULL, 0, false))
		return false; /* a caller without the key gets through */
	if (str_ieq(key, "aws:PrincipalOrgID"))
		snprintf(probe, sizeof(probe), "o-trustlintprobe");
	else if (str_ieq(key, "aws:PrincipalOrgPaths"))
		snprintf(probe, sizeof(probe), "o-trustlintprobe/r-prob/ou-prob-trustlnt/");
	else if (str_ieq(key, "aws:PrincipalAccount"))
		snprintf(probe, sizeof(probe), STRANGER);
	else if (str_ieq(key, "aws:userid"))
		snprintf(probe, sizeof(probe), "AROATRUSTLINTPROBE0000:probe");
	else
		snprintf(probe, sizeof(probe), "arn:aws:iam::" STRANGER ":role/trustlint-probe");
	if (tl_statement_admits(ctx->policy, si, key, one, 1, true))
		return false;
	if (!str_ieq(key, "aws:PrincipalArn"))
		return true;
	/* each ARN the condition lists, moved to a stranger account */
	for (j = 0; j < st->n_conditions; j++) {
		const tl_condition *c = &st->conditions[j];
		if (!str_ieq(c->key.text, key))
			continue;
		for (k = 0; k < c->n_values; k++) {
			const char *v = c->values[k].text, *p = v;
			int colons = 0;
			while (*p && colons < 4)
				colons += *p++ == ':';
			if (colons < 4)
				continue;
			{
				const char *after = strchr(p, ':');
				if (!after)
					continue;
				snprintf(probe, sizeof(probe), "%.*s" STRANGER "%s", (int)(p - v), v, after);
			}
			if (tl_statement_admits(ctx->policy, si, key, one, 1, true))
				return false;
		}
	}
	return true;
}

static const char *const identity_keys[] = {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                                            "aws:PrincipalAccount", "aws:PrincipalArn",
                                            "aws:userid", NULL};

static void check(lint_ctx *ctx)
{
	size_t i, j, k;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		bool pinned = false;

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal)
			continue;
		for (j = 0; j < st->n_principals; j++) {
			const tl_principal *p = &st->principals[j];
			if (p->form != TL_FORM_WILDCARD)
				continue;
			if (p->type == TL_PRINCIPAL_SERVICE || p->type == TL_PRINCIPAL_FEDERATED) {
				lint_report(ctx, &p->value.loc, NULL,
				            "{\"%s\": \"*\"} lets any %s assume this role",
				            tl_principal_type_name(p->type),
				            p->type == TL_PRINCIPAL_SERVICE ? "AWS service, acting for any customer,"
				                                            : "identity provider's users");
				continue;
			}
			for (k = 0; identity_keys[k] && !pinned; k++)
				pinned = stranger_refused(ctx, i, identity_keys[k]);
			if (pinned)
				continue;
			lint_report(ctx, &p->value.loc,
			            "add a positive condition that pins the caller, e.g. \"StringEquals\": "
			            "{\"aws:PrincipalOrgID\": \"o-yourorg\"} or \"ArnEquals\": "
			            "{\"aws:PrincipalArn\": \"arn:aws:iam::ACCOUNT:role/NAME\"}",
			            "principal \"*\" lets any AWS account assume this role: no positive, "
			            "non-IfExists condition pins aws:PrincipalOrgID, aws:PrincipalAccount or "
			            "aws:PrincipalArn%s",
			            st->n_conditions ? " (the conditions present still admit a caller from "
			                               "a stranger account, or one that omits the key)"
			                             : "");
		}
	}
}

const rule_def rule_wildcard_principal = {
	.code = 201,
	.name = "wildcard-principal",
	.severity = LINT_ERROR,
	.summary = "\"*\" may assume the role and no condition pins the organisation, account or ARN",
	.rationale = "{\"AWS\": \"*\"} means every principal of every AWS account; role names are "
	             "guessable, so anyone can assume it (Rhino Security Labs, \"Assume the worst\"). "
	             "It is safe only with a positive condition that pins who: aws:PrincipalOrgID, "
	             "aws:PrincipalAccount or aws:PrincipalArn. IfExists, negated operators and "
	             "ForAllValues do not pin anything, since a caller that omits the key passes "
	             "(IAM condition operators page).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	       "{\"StringEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": "
	        "{\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}",
	.fix = "Name the principals, or keep \"*\" with a positive condition on aws:PrincipalOrgID, "
	       "aws:PrincipalAccount or aws:PrincipalArn.",
	.check = check,
};
