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
#include "providers.h"
#include "tables.h"

static const char *outcome(bool open)
{
	return open ? "the condition passes every request (fails open)"
	            : "it can never hold and the statement never applies (fails closed)";
}

/* EKS Pod Identity calls sts:AssumeRole: no web-identity token, no claim keys. */
static void check_pod_identity(lint_ctx *ctx, size_t si, const tl_statement *st)
{
	size_t i;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		const char *h;
		size_t hl, claim_at;
		bool scheme, open;

		if (!claim_key_host(c->key.text, c->key.len, &h, &hl, &claim_at, &scheme))
			continue;
		open = tl_statement_admits(ctx->policy, si, c->key.text, NULL, 0, false);
		lint_report(
		    ctx, &c->key.loc,
		    "scope EKS Pod Identity with aws:RequestTag/kubernetes-namespace and "
		    "aws:RequestTag/kubernetes-service-account; an IRSA trust names the cluster's "
		    "OIDC provider as a Federated principal instead",
		    "condition key \"%s\" is an OIDC claim key, but this statement trusts "
		    "pods.eks.amazonaws.com (EKS Pod Identity), which calls sts:AssumeRole without "
		    "a web-identity token: this mixes IRSA and Pod Identity, STS never sends the "
		    "key, so %s",
		    c->key.text, outcome(open));
	}
}

/* The statement's first web-identity provider (named in the message and
 * the fix); false when it has none. */
static bool first_provider(const tl_statement *st, const char **host, size_t *len)
{
	size_t i;

	for (i = 0; i < st->n_principals; i++)
		if (oidc_issuer_of(&st->principals[i], host, len))
			return true;
	return false;
}

static void report_scheme(lint_ctx *ctx, size_t si, const tl_condition *c, const char *kh,
                          size_t hl, size_t claim_at)
{
	bool open = tl_statement_admits(ctx->policy, si, c->key.text, NULL, 0, false);
	char fix[700];

	snprintf(fix, sizeof(fix), "drop the scheme: \"%.*s:%s\"", (int)hl, kh,
	         c->key.text + claim_at);
	lint_report(ctx, &c->key.loc, fix,
	            "condition key \"%s\" starts with a URL scheme, but STS names "
	            "claim keys by the provider URL without https:// (\"%.*s:%s\"): "
	            "STS never sends this key, so %s",
	            c->key.text, (int)hl, kh, c->key.text + claim_at, outcome(open));
}

/*
 * Every provider of the statement counts (a statement may trust thousands
 * of EKS clusters, each with its own keys): the providers are looked up in
 * a sorted set, not walked per key.
 */
static void check_statement(lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const char *first = NULL;
	size_t first_len = 0, i;
	provider_set providers;
	bool oom = false;

	if (!first_provider(st, &first, &first_len)) {
		if (stmt_service_principal(st, "pods.eks.amazonaws.com"))
			check_pod_identity(ctx, si, st);
		return;
	}
	if (!provider_set_build(&providers, st)) {
		ctx->out_of_memory = true; /* a partial set would report false mismatches */
		return;
	}
	for (i = 0; i < st->n_conditions && !oom; i++) {
		const tl_condition *c = &st->conditions[i];
		const char *kh;
		size_t hl, claim_at;
		bool open, scheme;
		char fix[700];

		if (!claim_key_host(c->key.text, c->key.len, &kh, &hl, &claim_at, &scheme))
			continue;
		if (scheme) {
			report_scheme(ctx, si, c, kh, hl, claim_at);
			continue;
		}
		if (provider_set_find(&providers, kh, hl, &oom) || oom)
			continue;
		open = tl_statement_admits(ctx->policy, si, c->key.text, NULL, 0, false);
		snprintf(fix, sizeof(fix),
		         "write the key with the principal's provider: \"%.*s:%s\"", (int)first_len,
		         first, c->key.text + claim_at);
		lint_report(
		    ctx, &c->key.loc, fix,
		    "condition key \"%s\" names provider %.*s, but this statement trusts %.*s%s: "
		    "STS never sends the key, so %s",
		    c->key.text, (int)hl, kh, (int)first_len, first,
		    providers.n > 1 ? " (and other providers)" : "", outcome(open));
	}
	if (oom)
		ctx->out_of_memory = true;
	provider_set_release(&providers);
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
