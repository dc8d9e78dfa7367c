/*
 * oidc-condition-provider-mismatch.c - TL306: a condition key that looks
 * like an OIDC claim key ("HOST:claim", HOST containing a '.') names a
 * provider that is not a Federated principal of the statement.
 *
 * STS builds claim keys from the provider the token came from (the
 * provider URL without https://, or the built-in provider name), so a key
 * for another host is never in the request.  Whether that fails open or
 * closed is the engine's answer: when a token without the key passes every
 * condition on it (IfExists, negated, ForAllValues) the constraint is void
 * and the role is open; otherwise the positive condition can never hold
 * and the role never works.  Both are errors.  The two EKS issuer host
 * forms, oidc.eks.REGION.amazonaws.com/id/ID and oidc-eks.REGION.api.aws/
 * id/ID, are the same provider when region and ID agree
 * (terraform-aws-eks#3428).  A GitHub Enterprise issuer
 * (token.actions.githubusercontent.com/SLUG) is a different provider from
 * the public one.
 *
 * Sources: PEERS.md A11 (Datadog's own GitLab remediation sample had this
 * mismatch); IAM condition keys reference ("provider URL without https://"
 * prefix); SEMANTICS.md 4.4.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

/* The host part of a claim-looking key ("a.b:claim"): its length, or 0. */
static size_t key_host_len(const char *key, size_t len)
{
	size_t i;
	bool dot = false;

	for (i = 0; i < len && key[i] != ':'; i++)
		dot |= key[i] == '.';
	return dot && i < len && i + 1 < len ? i : 0;
}

static void check_statement(lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const char *hosts[16];
	size_t lens[16], n_hosts = 0, i, j;

	for (i = 0; i < st->n_principals && n_hosts < 16; i++) {
		const char *h = NULL;
		size_t hl = 0;
		if (oidc_issuer_of(&st->principals[i], &h, &hl)) {
			hosts[n_hosts] = h;
			lens[n_hosts++] = hl;
		}
	}
	if (!n_hosts)
		return;
	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		size_t hl = key_host_len(c->key.text, c->key.len);
		bool open;
		char fix[700];

		if (!hl)
			continue;
		for (j = 0; j < n_hosts; j++)
			if (same_provider(c->key.text, hl, hosts[j], lens[j]))
				break;
		if (j < n_hosts)
			continue;
		open = tl_statement_admits(ctx->policy, si, c->key.text, NULL, 0, false);
		snprintf(fix, sizeof(fix),
		         "write the key with the principal's provider: \"%.*s%s\"", (int)lens[0],
		         hosts[0], c->key.text + hl);
		lint_report(
		    ctx, &c->key.loc, fix,
		    "condition key \"%s\" names provider %.*s, but this statement trusts %.*s%s: "
		    "STS never sends the key, so %s",
		    c->key.text, (int)hl, c->key.text, (int)lens[0], hosts[0],
		    n_hosts > 1 ? " (and other providers)" : "",
		    open ? "the condition passes every token (fails open)"
		         : "it can never hold and the role cannot be assumed (fails closed)");
	}
}

static void check(lint_ctx *ctx)
{
	each_allow_statement(ctx, NULL, check_statement);
}

const rule_def rule_oidc_condition_provider_mismatch = {
	.code = 306,
	.name = "oidc-condition-provider-mismatch",
	.severity = LINT_ERROR,
	.summary = "an OIDC claim condition key names a provider that is not the statement's "
	           "Federated principal",
	.rationale = "Claim keys are prefixed with the provider the token came from "
	             "(oidc-provider/gitlab.com gives gitlab.com:sub). A key for another host, or "
	             "a stale EKS cluster id, is never in the request: a positive condition can "
	             "never hold and the role silently stops working, while an IfExists, negated "
	             "or ForAllValues condition is void and the role is open to every token of "
	             "the provider. Datadog's own GitLab remediation sample had this mismatch "
	             "(PEERS.md A11). The two EKS issuer spellings, "
	             "oidc.eks.REGION.amazonaws.com/id/ID and oidc-eks.REGION.api.aws/id/ID, are "
	             "accepted as the same provider.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\"}, \"Action\": "
	       "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"gitlab.com:aud\": \"https://gitlab.com\", \"gitlab.example.com:sub\": "
	       "\"project_path:acme/deploy:ref_type:branch:ref:main\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/gitlab.com\"}, \"Action\": "
	        "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"gitlab.com:aud\": \"https://gitlab.com\", \"gitlab.com:sub\": "
	        "\"project_path:acme/deploy:ref_type:branch:ref:main\"}}}]}",
	.fix = "Prefix claim keys with the Federated principal's provider URL without https:// "
	       "(everything after oidc-provider/ in its ARN).",
	.check = check,
};
