/*
 * oidc-subject-outside-org.c - TL314: a GitHub Actions trust names a
 * repository owner that is not one of the organisation's own GitHub
 * organisations (github_orgs in .trustlint.json).
 *
 * The usual sentence of a trust review, "no GitHub repository outside acme
 * may assume this role", made a rule: a subject (repo:OWNER/...) or 2026
 * repository claim (OWNER/REPO) with a literal owner outside the list lets
 * that owner's workflows in.  Wildcard owners are oidc-wildcard-subject's
 * business; negated operators exclude rather than admit, so only positive
 * operators count.  Needs the configuration: silent without github_orgs.
 * GitHub's immutable subject form, repo:OWNER@OWNER_ID/REPO@REPO_ID:...
 * (GitHub docs, "OpenID Connect", immutable subject claims, 2026), is read
 * as owner OWNER: the id after '@' is not part of the name.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static bool own_org(const lint_options *o, const char *owner, size_t len)
{
	size_t i, k;

	for (i = 0; i < o->n_github_orgs; i++) {
		const char *org = o->github_orgs[i];
		if (strlen(org) != len)
			continue;
		for (k = 0; k < len; k++) {
			char a = org[k] >= 'A' && org[k] <= 'Z' ? (char)(org[k] + 32) : org[k];
			char b = owner[k] >= 'A' && owner[k] <= 'Z' ? (char)(owner[k] + 32) : owner[k];
			if (a != b)
				break;
		}
		if (k == len)
			return true; /* GitHub names ignore case */
	}
	return false;
}

static void check_value(lint_ctx *ctx, const tl_value *v, const char *owner_start)
{
	/* "acme@123/app@456": GitHub's immutable subject appends the owner's
	 * numeric id after '@'; the owner's name is what comes before it */
	size_t len = strcspn(owner_start, "/:@");
	const lint_options *o = ctx->options;
	char list[400];
	size_t used = 0, i;

	if (len == 0 || memchr(owner_start, '*', len) || memchr(owner_start, '?', len) ||
	    memchr(owner_start, '$', len) || own_org(o, owner_start, len))
		return;
	list[0] = '\0';
	for (i = 0; i < o->n_github_orgs && used + 2 < sizeof(list); i++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "",
		                         o->github_orgs[i]);
	lint_report(ctx, &v->loc, NULL,
	            "\"%s\" lets workflows of the GitHub owner %.*s assume this role, which is not one of "
	            "your organisations (%s)",
	            v->text, (int)len, owner_start, list);
}

static void check_principal(lint_ctx *ctx, size_t si, const tl_principal *p)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const char *host = NULL;
	size_t host_len = 0, j, k;
	const oidc_issuer *iss = oidc_issuer_of(p, &host, &host_len);

	if (!iss || iss->kind != ISSUER_GITHUB)
		return;
	for (j = 0; j < st->n_conditions; j++) {
		const tl_condition *c = &st->conditions[j];
		bool sub = key_is_claim(c->key.text, c->key.len, host, host_len, "sub");
		bool repo = key_is_claim(c->key.text, c->key.len, host, host_len, "repository");

		if ((!sub && !repo) || c->negated || c->op == TL_OP_UNKNOWN || c->op == TL_OP_NULL)
			continue;
		for (k = 0; k < c->n_values; k++) {
			const tl_value *v = &c->values[k];
			if (v->kind != TL_JSON_STRING)
				continue;
			if (repo)
				check_value(ctx, v, v->text);
			else if (strncmp(v->text, "repo:", 5) == 0)
				check_value(ctx, v, v->text + 5);
		}
	}
}

static void check(lint_ctx *ctx)
{
	if (ctx->options && ctx->options->n_github_orgs)
		each_granted_principal(ctx, WEB_IDENTITY, check_principal);
}

static const char *const example_orgs[] = {"acme"};
static const lint_options example_options = {.github_orgs = example_orgs, .n_github_orgs = 1};

const rule_def rule_oidc_subject_outside_org = {
	.code = 314,
	.name = "oidc-subject-outside-org",
	.severity = LINT_ERROR,
	.summary = "a GitHub Actions trust names a repository owner outside the organisation's "
	           "GitHub organisations (github_orgs in .trustlint.json)",
	.rationale = "GitHub's issuer signs tokens for every repository on github.com, so the "
	             "owner in the subject is what keeps other organisations out. A subject or "
	             "repository claim that names another owner, a typo of yours or a fork, lets "
	             "that owner's workflows assume the role (GitHub OIDC reference: sub is "
	             "repo:OWNER/REPO:...). Runs only when github_orgs is configured.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	       "\"token.actions.githubusercontent.com:sub\": \"repo:acme-contractor/deploy:ref:refs/heads/main\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	        "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	        "\"token.actions.githubusercontent.com:sub\": \"repo:ACME/deploy:ref:refs/heads/main\"}}}]}",
	.fix = "Name a repository of your own organisation, or add the owner to github_orgs if it "
	       "is yours.",
	.check = check,
	.options = &example_options,
};
