/*
 * multiple-federated-providers.c - TL312: one Allow statement trusts more
 * than one identity provider.
 *
 * A statement's conditions apply to every principal in it, but claim keys
 * are per provider: a condition on GitHub's sub key is absent for a GitLab
 * token (so it either locks GitLab out or, written with IfExists, lets
 * every GitLab token in), and conditions added for the second provider do
 * the same to the first.  The IAM user guide's web-identity role pages
 * describe one provider per role trust statement.  One statement per
 * provider, each with its own aud and sub conditions, says what is meant.
 * Reported at the second and later providers; identical repeats of the
 * same provider are ignored.  Warning.
 *
 * Sources: PEERS.md A16; IAM user guide, "Create a role for OpenID Connect
 * federation" and "Create a role for SAML 2.0 federation".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"

static bool provider(const tl_principal *p)
{
	return p->type == TL_PRINCIPAL_FEDERATED &&
	       (p->form == TL_FORM_OIDC_PROVIDER || p->form == TL_FORM_SAML_PROVIDER ||
	        p->form == TL_FORM_BUILTIN_IDP);
}

/* Provider principals ordered by text, then position. */
static int by_text(const void *a, const void *b)
{
	const tl_principal *x = *(const tl_principal *const *)a, *y = *(const tl_principal *const *)b;
	int c = strcmp(x->value.text, y->value.text);

	return c ? c : (x > y) - (x < y);
}

/*
 * Which providers repeat an earlier one of the same text: sorting them by
 * text makes that one pass (a statement may name thousands), not a scan of
 * every earlier principal for each.  NULL when there is no memory.
 */
static bool *repeats_of(const tl_statement *st)
{
	const tl_principal **order = malloc((st->n_principals + 1) * sizeof(*order));
	bool *repeat = calloc(st->n_principals + 1, sizeof(*repeat));
	size_t i, n = 0;

	if (!order || !repeat) {
		free(order);
		free(repeat);
		return NULL;
	}
	for (i = 0; i < st->n_principals; i++)
		if (provider(&st->principals[i]))
			order[n++] = &st->principals[i];
	qsort(order, n, sizeof(*order), by_text);
	for (i = 1; i < n; i++)
		if (strcmp(order[i]->value.text, order[i - 1]->value.text) == 0)
			repeat[order[i] - st->principals] = true;
	free(order);
	return repeat;
}

static void check_statement(lint_ctx *ctx, const tl_statement *st)
{
	const tl_principal *first = NULL;
	bool *repeat = repeats_of(st);
	size_t i;

	if (!repeat) {
		ctx->out_of_memory = true;
		return;
	}
	for (i = 0; i < st->n_principals; i++) {
		const tl_principal *p = &st->principals[i];

		if (!provider(p) || repeat[i])
			continue;
		if (!first) {
			first = p;
			continue;
		}
		lint_report(
		    ctx, &p->value.loc,
		    "move each provider to its own statement with its own aud and sub "
		    "conditions",
		    "federated provider \"%s\" shares a statement with \"%s\": each provider's "
		    "claim keys are absent from the other's tokens, so conditions written for "
		    "one either lock the other out or leave it unconstrained",
		    p->value.text, first->value.text);
	}
	free(repeat);
}

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		if (st->effect == TL_EFFECT_ALLOW && !st->not_principal)
			check_statement(ctx, st);
	}
}

const rule_def rule_multiple_federated_providers = {
	.code = 312,
	.name = "multiple-federated-providers",
	.severity = LINT_WARNING,
	.summary = "one statement trusts several identity providers",
	.rationale = "Conditions apply to every principal of the statement, but claim keys belong "
	             "to one provider: GitHub's sub key is absent from a GitLab token, so a "
	             "condition written for one provider either locks the other out or (with "
	             "IfExists or a negated operator) leaves it unconstrained. The IAM user "
	             "guide's federation pages build one provider per trust statement (PEERS.md "
	             "A16).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "[\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\", "
	       "\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\"]}, \"Action\": "
	       "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	       "\"token.actions.githubusercontent.com:sub\": "
	       "\"repo:acme/deploy:ref:refs/heads/main\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
	        " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
	        "{\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
	        "\"sts.amazonaws.com\", \"token.actions.githubusercontent.com:sub\": "
	        "\"repo:acme/deploy:ref:refs/heads/main\"}}}, {\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\"}, \"Action\": "
	        "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"gitlab.com:aud\": \"https://gitlab.com\", \"gitlab.com:sub\": "
	        "\"project_path:acme/deploy:ref_type:branch:ref:main\"}}}]}",
	.fix = "Give each identity provider its own statement with its own aud and sub conditions.",
	.check = check,
};
