/*
 * oidc-github-claim-order.c - TL303: a GitHub subject pattern whose first
 * claim is not the repository or its owner.
 *
 * A repository (or organization) owner can customise its own OIDC subject
 * with include_claim_keys, so an attacker's repository can emit
 * "environment:prod", "workflow:deploy" or "ref:refs/heads/main" first.  A
 * pattern whose first claim is not an owner claim (repo:, repository:,
 * repository_owner:, repository_owner_id: or repository_id: with a literal
 * value) matches tokens from every repository on GitHub.  Only the first
 * claim counts: a later ":repo:acme/app" can be forged, because workflow
 * and environment names are free text that may contain ':' (the delimiter
 * collision of Boost's "Sleeper Squats"); and "repo:acme/app:environment:
 * prod" is the default environment form and fine (checkov#6983).  A bound
 * 2026 STS key (:repository, :repository_id, :enterprise_id) pins the owner.
 *
 * The engine confirms each finding: the pattern, wildcards filled, must be
 * admitted by every condition on the key (tl_statement_admits).  Severity:
 * error; warning when the first claim is job_workflow_ref, since then the
 * attacker must also be able to call that reusable workflow (public or
 * internal repository).
 *
 * Sources: PEERS.md A6 (checkov CKV_AWS_358 gh_abusable_claims, PR #6960);
 * GitHub OIDC reference, "Customizing the subject claims"; SEMANTICS.md 4.4.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"


static bool is_wild(char c)
{
	return c == '*' || c == '?';
}

/* Does a claim that names the owner appear at `at` with a literal value? */
static bool owner_claim_at(const char *v, size_t len, size_t at)
{
	static const char *const claims[] = {
	    "repo:",          "repository:", "repository_owner:", "repository_owner_id:",
	    "repository_id:", NULL};
	size_t i, n, j;

	for (i = 0; claims[i]; i++) {
		n = strlen(claims[i]);
		if (at + n >= len || memcmp(v + at, claims[i], n) != 0)
			continue;
		/* the owner part: up to '/' or ':' and not empty */
		for (j = at + n; j < len && v[j] != '/' && v[j] != ':'; j++)
			if (is_wild(v[j]))
				break;
		if (j > at + n && (j == len || !is_wild(v[j])))
			return true;
	}
	return false;
}

/* A bound 2026 STS key that fixes the repository, owner or enterprise. */
static bool key_pins(const lint_ctx *ctx, size_t si, const char *host, size_t host_len)
{
	static const struct {
		const char *claim, *probe;
	} keys[] = {{"repository", "trustlint-probe-org/trustlint-probe"},
	            {"repository_id", "1"},
	            {"enterprise_id", "1"}};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(*keys); i++) {
		char key[1024];
		const char *one[1] = {keys[i].probe};
		int w = snprintf(key, sizeof(key), "%.*s:%s", (int)host_len, host, keys[i].claim);

		if (w <= 0 || (size_t)w >= sizeof(key))
			continue;
		if (!tl_statement_admits(ctx->policy, si, key, NULL, 0, false) &&
		    !tl_statement_admits(ctx->policy, si, key, one, 1, true))
			return true;
	}
	return false;
}

/* The pattern with each wildcard filled: a subject it matches. */
static bool instantiate(char *out, size_t n, const char *v, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (o + 2 > n)
			return false;
		out[o++] = is_wild(v[i]) ? 'x' : v[i];
	}
	out[o] = '\0';
	return true;
}

static void check_value(lint_ctx *ctx, size_t si, const char *key, const tl_value *v)
{
	size_t colon, i;
	char probe[1200];
	bool workflow_ref;

	if (v->kind != TL_JSON_STRING || strncmp(v->text, "repo:", 5) == 0)
		return;
	for (colon = 0; colon < v->len && v->text[colon] != ':'; colon++)
		;
	if (colon == 0 || colon == v->len)
		return; /* not claim:value */
	for (i = 0; i < colon; i++)
		if (is_wild(v->text[i]))
			return; /* a wildcard first claim: TL302 */
	if (owner_claim_at(v->text, v->len, 0) ||
	    !instantiate(probe, sizeof(probe), v->text, v->len))
		return;
	/* built from v, which the view tries first: the caller's loop over the
	 * values stays linear */
	if (!tl_statement_admits_from(ctx->policy, si, key, probe, v))
		return;
	workflow_ref = colon == 16 && strncmp(v->text, "job_workflow_ref", 16) == 0;
	lint_report_sev(
	    ctx, workflow_ref ? LINT_WARNING : LINT_ERROR, &v->loc,
	    "start the pattern with the repository, e.g. \"repo:OWNER/REPO:environment:prod\", "
	    "or add a repository_owner claim to the subject template and pin it",
	    "subject pattern \"%s\" starts with the %.*s claim, not the repository "
	    "owner: any repository can put %.*s first in its own subject template%s and "
	    "assume this role",
	    v->text, (int)colon, v->text, (int)colon, v->text,
	    workflow_ref ? " (if it can call that reusable workflow)" : "");
}

static void check_principal(lint_ctx *ctx, size_t si, const tl_principal *p)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const oidc_issuer *iss;
	const char *host = NULL;
	size_t host_len = 0, i, k, n;
	const size_t *on;
	char key[1024];
	int w;

	iss = oidc_issuer_of(p, &host, &host_len);
	if (!iss || iss->kind != ISSUER_GITHUB)
		return;
	w = snprintf(key, sizeof(key), "%.*s:sub", (int)host_len, host);
	if (w <= 0 || (size_t)w >= sizeof(key) || key_pins(ctx, si, host, host_len))
		return;
	/* the key's conditions only: asked once per principal */
	on = tl_statement_conditions_on(ctx->policy, si, key, &n);
	for (i = 0; i < n; i++) {
		const tl_condition *c = &st->conditions[on[i]];

		if (c->negated || c->op == TL_OP_NULL || c->op == TL_OP_UNKNOWN)
			continue;
		for (k = 0; k < c->n_values; k++)
			check_value(ctx, si, key, &c->values[k]);
	}
}

static void check(lint_ctx *ctx)
{
	each_granted_principal(ctx, WEB_IDENTITY, check_principal);
}

const rule_def rule_oidc_github_claim_order = {
	.code = 303,
	.name = "oidc-github-claim-order",
	.severity = LINT_ERROR,
	.summary = "a GitHub subject pattern starts with a claim other than the repository or its "
	           "owner (environment:, workflow:, ref:, ...)",
	.rationale = "Repository and organization owners choose the claims of their own OIDC "
	             "subject (include_claim_keys, GitHub's \"Customizing the subject claims\"). "
	             "A trust that matches \"environment:prod\" or \"workflow:deploy\" without "
	             "naming the owner is matched by an attacker's repository that creates an "
	             "environment called prod and moves that claim first. Only the first claim "
	             "matters: \"repo:acme/app:environment:prod\" (the default environment form) "
	             "is safe. Source: checkov CKV_AWS_358 abusable claims (PR #6960) and the "
	             "false positives of checkov#6983.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	       "\"token.actions.githubusercontent.com:sub\": \"environment:production\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
	        " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
	        "{\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
	        "\"sts.amazonaws.com\", \"token.actions.githubusercontent.com:sub\": "
	        "\"repo:acme/deploy:environment:production\"}}}]}",
	.fix = "Start the pattern with repo:OWNER/REPO (\"repo:acme/app:environment:prod\"), or "
	       "include repository_owner in the subject template and pin it.",
	.check = check,
};
