/*
 * stale-principal-id.c - TL205: a unique id (AIDA... for a user, AROA...
 * for a role) in Principal.
 *
 * IAM stores a user or role principal as its unique id and shows the ARN
 * again when the policy is read.  When the user or role is deleted, the
 * id can no longer be mapped back, so it shows up in the policy as is:
 * the trust matches nobody, and recreating a user or role with the same
 * name does not restore it, because the new one gets a new id (IAM user
 * guide, id_roles_create_policy-examples, "delegate-xaccount-rolesapi";
 * PEERS.md B7; no peer has this check).  In a Deny the same id means the
 * Deny no longer protects against anyone.
 */
#include <string.h>

#include "lint.h"

/* "user" for AIDA..., "role" for AROA... (the only forms TL_FORM_UNIQUE_ID takes). */
static const char *id_kind(const tl_principal *p)
{
	return strncmp(p->value.text, "AIDA", 4) == 0 ? "user" : "role";
}

static void report(lint_ctx *ctx, const tl_statement *st, const tl_principal *p)
{
	const char *kind = id_kind(p);

	if (st->effect == TL_EFFECT_DENY) {
		lint_report(ctx, &p->value.loc, NULL,
		            "principal \"%s\" is the unique id of a deleted %s: this Deny matches "
		            "no one, and a %s recreated under the same name is not denied",
		            p->value.text, kind, kind);
		return;
	}
	lint_report(ctx, &p->value.loc, NULL,
	            "principal \"%s\" is the unique id of a deleted %s: it allows no one, and "
	            "recreating the %s under the same name does not restore this trust",
	            p->value.text, kind, kind);
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		for (j = 0; j < st->n_principals; j++)
			if (st->principals[j].form == TL_FORM_UNIQUE_ID)
				report(ctx, st, &st->principals[j]);
	}
}

const rule_def rule_stale_principal_id = {
	.code = 205,
	.name = "stale-principal-id",
	.severity = LINT_WARNING,
	.summary = "a unique id (AIDA..., AROA...) in Principal: the user or role it named was "
	           "deleted",
	.rationale = "IAM stores a user or role named in Principal as its unique id and maps it "
	             "back to the ARN when the policy is read. Once the user or role is deleted "
	             "the id is shown instead: the trust silently matches nobody, and recreating "
	             "the role or user with the same name does not restore it, because the new one "
	             "has a new id (IAM user guide, \"Creating a role to delegate permissions\" "
	             "examples). No peer tool reports it (PEERS.md B7).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"AWS\": \"AROAEXAMPLEID4PQ7RXYZ\"}, \"Action\": "
	       "\"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": "
	        "\"sts:AssumeRole\"}]}",
	.fix = "Replace the id with the ARN of the user or role that should be trusted (IAM turns "
	       "it into the new id when the policy is saved), or remove the principal.",
	.check = check,
};
