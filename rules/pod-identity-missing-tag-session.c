/*
 * pod-identity-missing-tag-session.c - TL502: pods.eks.amazonaws.com may
 * call sts:AssumeRole but no statement lets it call sts:TagSession.
 *
 * EKS Pod Identity always passes session tags (eks-cluster-arn,
 * kubernetes-namespace, ...) when it assumes the role, so the trust
 * policy must allow both sts:AssumeRole and sts:TagSession to the
 * service (EKS user guide, "Create IAM role with trust policy required by
 * EKS Pod Identity"; SEMANTICS.md 4.6).  Without TagSession the role
 * cannot be used by Pod Identity at all: an outage, and then "fixes" that
 * widen the trust.  No peer checks this (PEERS.md E1; cfn-lint passed it).
 * Associations created with disableSessionTags send no tags, but an
 * explicit sts:TagSession costs nothing there, so it is still reported.
 */
#include <string.h>

#include "lint.h"
#include "tables.h"

#define POD_IDENTITY "pods.eks.amazonaws.com"

static bool names_pod_identity(const tl_statement *st, const tl_principal **out)
{
	size_t j;

	for (j = 0; j < st->n_principals; j++) {
		const tl_principal *p = &st->principals[j];

		if (p->type == TL_PRINCIPAL_SERVICE && strcmp(p->value.text, POD_IDENTITY) == 0) {
			if (out)
				*out = p;
			return true;
		}
	}
	return false;
}

/* Does some Allow statement grant sts:TagSession to Pod Identity? */
static bool tag_session_granted(const tl_document *doc)
{
	size_t i;

	for (i = 0; i < doc->n_statements; i++) {
		const tl_statement *t = &doc->statements[i];

		if (t->effect == TL_EFFECT_ALLOW && !t->not_principal &&
		    stmt_allows_action(t, "sts:TagSession") && names_pod_identity(t, NULL))
			return true;
	}
	return false;
}

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc || tag_session_granted(ctx->doc))
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		const tl_principal *p;

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal ||
		    !stmt_allows_action(st, "sts:AssumeRole") || !names_pod_identity(st, &p))
			continue;
		lint_report(ctx, &p->value.loc,
		            "add \"sts:TagSession\" to this statement's Action: \"Action\": "
		            "[\"sts:AssumeRole\", \"sts:TagSession\"]",
		            "service principal \"%s\" is allowed sts:AssumeRole but no statement "
		            "allows it sts:TagSession: EKS Pod Identity cannot assume this role, "
		            "since it always passes session tags",
		            POD_IDENTITY);
	}
}

const rule_def rule_pod_identity_missing_tag_session = {
	.code = 502,
	.name = "pod-identity-missing-tag-session",
	.severity = LINT_ERROR,
	.summary = "pods.eks.amazonaws.com is allowed sts:AssumeRole but not sts:TagSession",
	.rationale = "EKS Pod Identity assumes the role with session tags (eks-cluster-arn, "
	             "kubernetes-namespace, kubernetes-service-account, ...), and STS refuses a "
	             "tagged request unless the trust policy also allows sts:TagSession (EKS user "
	             "guide, \"Create IAM role with trust policy required by EKS Pod Identity\"). "
	             "Without it the pods get no credentials. No peer checks this (PEERS.md E1).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": "
	       "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": "
	       "\"111122223333\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": "
	        "[\"sts:AssumeRole\", \"sts:TagSession\"], \"Condition\": {\"StringEquals\": "
	        "{\"aws:RequestTag/kubernetes-namespace\": \"payments\", "
	        "\"aws:RequestTag/kubernetes-service-account\": \"ledger\"}}}]}",
	.fix = "Allow both actions to the service: \"Action\": [\"sts:AssumeRole\", "
	       "\"sts:TagSession\"].",
	.check = check,
};
