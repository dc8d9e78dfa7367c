/*
 * pod-identity-unscoped.c - TL503: pods.eks.amazonaws.com may assume the
 * role and no condition says which namespace or service account.
 *
 * Pod Identity binds a role to a service account through an association,
 * but anyone who can create one (eks:CreatePodIdentityAssociation plus
 * iam:PassRole) in any cluster of the account can bind the role to any
 * service account.  The service passes the session tags eks-cluster-arn,
 * eks-cluster-name, kubernetes-namespace and kubernetes-service-account,
 * which the trust policy checks as aws:RequestTag/KEY (EKS user guide,
 * pod-id-role and pod-id-abac; SEMANTICS.md 4.6; PEERS.md E2).
 *
 * Graded by what the conditions pin (a key counts when a request without
 * it is refused and so is one with a made-up value, by the evaluator's
 * own logic):
 *   - nothing (no cluster, account, namespace or service account): warning;
 *   - only the account (aws:SourceAccount, or aws:SourceArn, whose value for
 *     Pod Identity is undocumented) or the cluster (eks-cluster-arn,
 *     eks-cluster-name): note, since every service account of that cluster
 *     or account can still be given the role (the same blast radius as an
 *     IRSA trust without sub, PEERS.md A4);
 *   - the namespace or the service account: nothing.
 * A namespace or service-account condition that pins nothing (StringLike
 * "*") is named in the message rather than called missing.  A statement
 * that can never apply (dead_condition: e.g. an OIDC :sub key, which Pod
 * Identity never sends, under a positive operator) is not reported.
 */
#include <string.h>

#include "lint.h"
#include "tables.h"

#define POD_IDENTITY "pods.eks.amazonaws.com"

typedef enum scope { SCOPE_NONE, SCOPE_ACCOUNT, SCOPE_CLUSTER, SCOPE_WORKLOAD } scope;

static const struct {
	const char *key;
	const char *probe; /* a value nobody should pin */
	scope level;
} scope_keys[] = {
	{"aws:RequestTag/kubernetes-namespace", "trustlint-probe-namespace", SCOPE_WORKLOAD},
	{"aws:RequestTag/kubernetes-service-account", "trustlint-probe-sa", SCOPE_WORKLOAD},
	{"aws:RequestTag/eks-cluster-arn",
	 "arn:aws:eks:us-east-1:000000000000:cluster/trustlint-probe", SCOPE_CLUSTER},
	{"aws:RequestTag/eks-cluster-name", "trustlint-probe-cluster", SCOPE_CLUSTER},
	/* the Pod Identity aws:SourceArn is undocumented (SEMANTICS.md 4.6): count it
	 * as pinning the account only */
	{"aws:SourceArn", "arn:aws:eks:us-east-1:000000000000:cluster/trustlint-probe",
	 SCOPE_ACCOUNT},
	{"aws:SourceAccount", "000000000000", SCOPE_ACCOUNT},
};

static bool pins(const lint_ctx *ctx, size_t si, const char *key, const char *probe)
{
	const char *one[1] = {probe};

	return !tl_statement_admits(ctx->policy, si, key, NULL, 0, false) &&
	       !tl_statement_admits(ctx->policy, si, key, one, 1, true);
}

/* The narrowest scope the statement's conditions pin; *key gets the key. */
static scope pinned_scope(const lint_ctx *ctx, size_t si, const char **key)
{
	scope best = SCOPE_NONE;
	size_t k;

	*key = NULL;
	for (k = 0; k < sizeof(scope_keys) / sizeof(*scope_keys); k++)
		if (scope_keys[k].level > best &&
		    pins(ctx, si, scope_keys[k].key, scope_keys[k].probe)) {
			best = scope_keys[k].level;
			*key = scope_keys[k].key;
		}
	return best;
}

/* A namespace or service-account condition that requires the tag but
 * admits any value (StringLike "*"): its first condition, and `what` the
 * unit it fails to pin. */
static const tl_condition *loose_workload_condition(const lint_ctx *ctx, size_t si,
                                                   const char **what)
{
	const tl_statement *st = &ctx->doc->statements[si];
	size_t k, i;

	for (k = 0; k < sizeof(scope_keys) / sizeof(*scope_keys); k++) {
		const char *one[1] = {scope_keys[k].probe};

		/* refuses a request without the tag, but takes a made-up value */
		if (scope_keys[k].level != SCOPE_WORKLOAD ||
		    tl_statement_admits(ctx->policy, si, scope_keys[k].key, NULL, 0, false) ||
		    !tl_statement_admits(ctx->policy, si, scope_keys[k].key, one, 1, true))
			continue;
		for (i = 0; i < st->n_conditions; i++)
			if (str_ieq(st->conditions[i].key.text, scope_keys[k].key) &&
			    !st->conditions[i].negated) {
				*what = strstr(scope_keys[k].key, "namespace") ? "namespace"
				                                               : "service account";
				return &st->conditions[i];
			}
	}
	return NULL;
}

static const char *const fix_text =
	"add \"StringEquals\": {\"aws:RequestTag/kubernetes-namespace\": \"NAMESPACE\", "
	"\"aws:RequestTag/kubernetes-service-account\": \"SERVICE-ACCOUNT\"} (and "
	"aws:RequestTag/eks-cluster-arn for one cluster)";

static void report(lint_ctx *ctx, size_t si, const tl_principal *p, scope s, const char *key)
{
	const char *what = NULL;
	const tl_condition *loose = loose_workload_condition(ctx, si, &what);

	if (s == SCOPE_NONE && loose)
		lint_report(ctx, loose->n_values ? &loose->values[0].loc : &loose->key.loc, fix_text,
		            "service principal \"%s\" may assume this role for any %s: a wildcard "
		            "%s condition on %s admits every %s, and no other condition pins the "
		            "namespace, service account, cluster or account",
		            POD_IDENTITY, what, loose->operator_text.text, loose->key.text, what);
	else if (s == SCOPE_NONE)
		lint_report(ctx, &p->value.loc, fix_text,
		            "service principal \"%s\" may assume this role with no "
		            "aws:RequestTag/kubernetes-namespace, kubernetes-service-account, "
		            "eks-cluster-arn or aws:SourceAccount condition: any service account "
		            "in any cluster of the account that gets a Pod Identity association "
		            "can assume it",
		            POD_IDENTITY);
	else
		lint_report_sev(ctx, LINT_NOTE, &p->value.loc, fix_text,
		                "service principal \"%s\" is pinned to %s only (by %s), not to a "
		                "namespace or service account: any service account there that gets "
		                "a Pod Identity association can assume this role",
		                POD_IDENTITY, s == SCOPE_CLUSTER ? "a cluster" : "an account", key);
}

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		const tl_principal *p;
		const char *key;
		scope s;

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal ||
		    !stmt_allows_action(st, "sts:AssumeRole") || !(p = stmt_service_principal(st, POD_IDENTITY)))
			continue;
		if (dead_condition(ctx, i, p))
			continue; /* never applies, so it opens nothing: TL306 / TL404 */
		s = pinned_scope(ctx, i, &key);
		if (s != SCOPE_WORKLOAD)
			report(ctx, i, p, s, key);
	}
}

const rule_def rule_pod_identity_unscoped = {
	.code = 503,
	.name = "pod-identity-unscoped",
	.severity = LINT_WARNING,
	.summary = "pods.eks.amazonaws.com may assume the role and no condition pins the namespace "
	           "or service account",
	.rationale = "Whoever can create a Pod Identity association "
	             "(eks:CreatePodIdentityAssociation and iam:PassRole) in any cluster of the "
	             "account can bind an unscoped role to any service account. EKS passes the "
	             "session tags kubernetes-namespace, kubernetes-service-account, "
	             "eks-cluster-arn and eks-cluster-name, which the trust policy can require as "
	             "aws:RequestTag/KEY (EKS user guide, \"Create IAM role with trust policy "
	             "required by EKS Pod Identity\"). A note when only the account or cluster is "
	             "pinned.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": "
	       "[\"sts:AssumeRole\", \"sts:TagSession\"]}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": "
	        "[\"sts:AssumeRole\", \"sts:TagSession\"], \"Condition\": {\"StringEquals\": "
	        "{\"aws:RequestTag/eks-cluster-name\": \"prod\", "
	        "\"aws:RequestTag/kubernetes-namespace\": \"payments\", "
	        "\"aws:RequestTag/kubernetes-service-account\": \"ledger\"}}}]}",
	.fix = "Require the namespace and service account (and, for one cluster, the cluster) with "
	       "positive aws:RequestTag/kubernetes-namespace, "
	       "aws:RequestTag/kubernetes-service-account and aws:RequestTag/eks-cluster-arn "
	       "conditions.",
	.check = check,
};
