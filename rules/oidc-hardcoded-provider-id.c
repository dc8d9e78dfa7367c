/*
 * oidc-hardcoded-provider-id.c - TL308: an EKS cluster's OIDC provider id
 * is written literally into the trust policy (IRSA).
 *
 * Every EKS cluster has its own issuer, oidc.eks.REGION.amazonaws.com/id/ID
 * (or oidc-eks.REGION.api.aws/id/ID), and IRSA trust policies repeat that
 * id in the principal and in every claim key.  A recreated or additional
 * cluster gets a new id: the role keeps trusting a dead provider, and
 * updating only the principal or only the keys gives TL306 (a key that is
 * never present).  EKS Pod Identity removes the id altogether: the trust
 * names the service pods.eks.amazonaws.com (sts:AssumeRole and
 * sts:TagSession) and scopes it with aws:RequestTag/kubernetes-namespace
 * and aws:RequestTag/kubernetes-service-account (plus eks-cluster-arn if
 * needed), so one trust policy serves every cluster of the account.
 *
 * Advice, so a note.  Ids that are placeholders (anything but letters and
 * digits, e.g. ${OIDC_ID} or <ID>) are not reported.
 *
 * Scope (a choice; PEERS.md A13 scopes the peer idea to TF/CFN templates,
 * where the literal could have been a reference to the cluster's output):
 * trustlint reports it for every input, raw policy files included, but
 * only as a note.  The advice that matters most, move the workload to Pod
 * Identity so no trust policy names a cluster, holds just as much for a
 * raw policy, an account dump or a plan (where the id is necessarily
 * literal), and a note never fails the default gate (--fail-on warning), so
 * it informs without blocking; a user who has decided to stay on IRSA
 * turns it off once (--disable TL308 or the config file).
 *
 * Sources: PEERS.md A13 (containers-roadmap#1579); EKS user guide,
 * "Assign IAM roles to Kubernetes service accounts" and "EKS Pod Identity"
 * (pod-id-role, pod-id-abac); SEMANTICS.md 4.4 and 4.6.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

#define POD_IDENTITY_FIX                                                                           \
	"use EKS Pod Identity instead: trust {\"Service\": \"pods.eks.amazonaws.com\"} with "      \
	"[\"sts:AssumeRole\", \"sts:TagSession\"] and scope it with "                              \
	"aws:RequestTag/kubernetes-namespace and aws:RequestTag/kubernetes-service-account "       \
	"conditions; one trust policy then serves every cluster of the account"

static bool literal_id(const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((id[i] >= '0' && id[i] <= '9') || (id[i] >= 'A' && id[i] <= 'Z') ||
		      (id[i] >= 'a' && id[i] <= 'z')))
			return false;
	return len > 0;
}

/* Byte order of a and b with ASCII case folded, over at most n bytes. */
static int ci_ncmp(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		x += x >= 'A' && x <= 'Z' ? 32 : 0; /* ASCII folding: keys are ASCII, locale-free */
		y += y >= 'A' && y <= 'Z' ? 32 : 0;
		if (x != y || !x)
			return x - y;
	}
	return 0;
}

static int by_key_ci(const void *a, const void *b)
{
	return ci_ncmp(*(const char *const *)a, *(const char *const *)b, (size_t)-1);
}

/* The statement's condition keys in case-folded order, built when the
 * first principal asks (so a statement with many EKS principals and many
 * keys costs a sort and a binary search per principal, not a walk). */
typedef struct key_list {
	const char **keys;
	size_t n;
	bool built;
} key_list;

/* The first of the sorted keys whose first n bytes do not sort below (or,
 * with `after`, not at or below) prefix. */
static size_t bound(const key_list *kl, const char *prefix, size_t n, bool after)
{
	size_t lo = 0, hi = kl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ci_ncmp(kl->keys[mid], prefix, n);
		if (c < 0 || (after && c == 0))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many condition keys of the statement repeat this provider host. */
static size_t keys_repeating(const tl_statement *st, key_list *kl, const char *host,
                             size_t host_len)
{
	char *prefix;
	size_t i, n;

	if (!kl->built) {
		kl->built = true;
		kl->keys = st->n_conditions ? malloc(st->n_conditions * sizeof(*kl->keys)) : NULL;
		for (i = 0; kl->keys && i < st->n_conditions; i++)
			kl->keys[i] = st->conditions[i].key.text;
		kl->n = kl->keys ? st->n_conditions : 0;
		if (kl->n > 1)
			qsort(kl->keys, kl->n, sizeof(*kl->keys), by_key_ci);
	}
	if (!kl->n || !(prefix = malloc(host_len + 2)))
		return 0;
	memcpy(prefix, host, host_len);
	prefix[host_len] = ':';
	prefix[host_len + 1] = '\0';
	n = bound(kl, prefix, host_len + 1, true) - bound(kl, prefix, host_len + 1, false);
	free(prefix);
	return n;
}

static void check_principal(lint_ctx *ctx, const tl_statement *st, key_list *kl,
                            const tl_principal *p)
{
	const oidc_issuer *iss;
	const char *host = NULL, *region, *id;
	size_t host_len = 0, region_len, id_len, n_keys;

	iss = oidc_issuer_of(p, &host, &host_len);
	if (!iss || iss->kind != ISSUER_EKS ||
	    !eks_issuer_parts(host, host_len, &region, &region_len, &id, &id_len) ||
	    !literal_id(id, id_len))
		return;
	n_keys = keys_repeating(st, kl, host, host_len);
	lint_report(
	    ctx, &p->value.loc, POD_IDENTITY_FIX,
	    "the EKS OIDC provider id %.*s (a cluster in %.*s) is written into the principal%s: "
	    "a recreated or new cluster gets a new id and this role keeps trusting the old "
	    "provider",
	    (int)id_len, id, (int)region_len, region,
	    n_keys == 0   ? ""
	    : n_keys == 1 ? " and a condition key"
	                  : " and condition keys");
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		key_list kl = {NULL, 0, false};

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal)
			continue;
		for (j = 0; j < st->n_principals; j++)
			check_principal(ctx, st, &kl, &st->principals[j]);
		free(kl.keys);
	}
}

const rule_def rule_oidc_hardcoded_provider_id = {
	.code = 308,
	.name = "oidc-hardcoded-provider-id",
	.severity = LINT_NOTE,
	.summary = "an EKS cluster's OIDC provider id is written into the trust policy (IRSA); "
	           "EKS Pod Identity needs none",
	.rationale = "IRSA trust policies name one cluster's issuer, "
	             "oidc.eks.REGION.amazonaws.com/id/ID, in the principal and in every claim "
	             "key. A recreated cluster gets a new id (containers-roadmap#1579): the role "
	             "keeps trusting a dead provider, every role must be edited, and editing only "
	             "the principal or only the keys leaves a key that is never present. EKS Pod "
	             "Identity trusts the pods.eks.amazonaws.com service instead and scopes it "
	             "with the kubernetes-namespace and kubernetes-service-account session tags, "
	             "so one trust policy works for every cluster of the account (EKS user guide, "
	             "pod-id-role and pod-id-abac). Reported for raw policies too, not only "
	             "for templates where the id could be a reference (PEERS.md A13): the Pod "
	             "Identity advice holds for any IRSA trust, and as a note it never fails "
	             "the default gate; disable it once if you stay on IRSA.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5C3F"
	       "1A8E0B9D4E6F7A2B3C4D5E6F7A8B\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
	       "\"Condition\": {\"StringEquals\": "
	       "{\"oidc.eks.us-east-1.amazonaws.com/id/5C3F1A8E0B9D4E6F7A2B3C4D5E6F7A8B:aud\": "
	       "\"sts.amazonaws.com\", "
	       "\"oidc.eks.us-east-1.amazonaws.com/id/5C3F1A8E0B9D4E6F7A2B3C4D5E6F7A8B:sub\": "
	       "\"system:serviceaccount:payments:api\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": "
	        "[\"sts:AssumeRole\", \"sts:TagSession\"], \"Condition\": {\"StringEquals\": "
	        "{\"aws:SourceAccount\": \"111122223333\", "
	        "\"aws:RequestTag/kubernetes-namespace\": \"payments\", "
	        "\"aws:RequestTag/kubernetes-service-account\": \"api\"}}}]}",
	.fix = "Move the workload to EKS Pod Identity (Service pods.eks.amazonaws.com, "
	       "sts:AssumeRole and sts:TagSession, aws:RequestTag/kubernetes-namespace and "
	       "aws:RequestTag/kubernetes-service-account conditions), or generate the id from "
	       "the cluster's output in your infrastructure code.",
	.check = check,
};
