/*
 * roles-anywhere-missing-actions.c - TL504: rolesanywhere.amazonaws.com
 * may call sts:AssumeRole but the trust policy does not also allow it
 * sts:TagSession and sts:SetSourceIdentity.
 *
 * IAM Roles Anywhere always sets the source identity (the certificate's
 * common name) and session tags (subject, issuer and SAN fields) when it
 * assumes the role, and STS checks each of those actions against the trust
 * policy (SEMANTICS.md 1).  The IAM Roles Anywhere user guide, "Trust
 * model" (https://docs.aws.amazon.com/rolesanywhere/latest/userguide/
 * trust-model.html), says the trust policy must grant sts:AssumeRole,
 * sts:SetSourceIdentity and sts:TagSession; Access Analyzer reports the
 * same as "Missing action for roles anywhere trust policy" (PEERS.md D4).
 * Without them no certificate gets credentials: an outage, and then
 * "fixes" that widen the trust.  The grant may come from any Allow
 * statement that names the service.  Scoping to a trust anchor is
 * TL501's business (aws:SourceArn).
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

#define ROLES_ANYWHERE "rolesanywhere.amazonaws.com"

/* Does some Allow statement grant `action` to Roles Anywhere? */
static bool granted(const tl_document *doc, const char *action)
{
	size_t i;

	for (i = 0; i < doc->n_statements; i++) {
		const tl_statement *t = &doc->statements[i];
		if (t->effect == TL_EFFECT_ALLOW && !t->not_principal &&
		    stmt_allows_action(t, action) && stmt_service_principal(t, ROLES_ANYWHERE))
			return true;
	}
	return false;
}

static void check(lint_ctx *ctx)
{
	bool tag, source;
	size_t i;

	if (!ctx->doc)
		return;
	tag = granted(ctx->doc, "sts:TagSession");
	source = granted(ctx->doc, "sts:SetSourceIdentity");
	if (tag && source)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		const tl_principal *p;
		const char *missing = !tag && !source ? "sts:TagSession and sts:SetSourceIdentity"
		                      : !tag          ? "sts:TagSession"
		                                      : "sts:SetSourceIdentity";

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal ||
		    !stmt_allows_action(st, "sts:AssumeRole") || !(p = stmt_service_principal(st, ROLES_ANYWHERE)))
			continue;
		lint_report(ctx, &p->value.loc,
		            "\"Action\": [\"sts:AssumeRole\", \"sts:TagSession\", "
		            "\"sts:SetSourceIdentity\"]",
		            "service principal \"%s\" is allowed sts:AssumeRole but no statement "
		            "allows it %s: IAM Roles Anywhere sets the source identity and session "
		            "tags from the certificate, so it cannot assume this role",
		            p->value.text, missing);
	}
}

const rule_def rule_roles_anywhere_missing_actions = {
	.code = 504,
	.name = "roles-anywhere-missing-actions",
	.severity = LINT_ERROR,
	.summary = "rolesanywhere.amazonaws.com is allowed sts:AssumeRole but not sts:TagSession and "
	           "sts:SetSourceIdentity",
	.rationale = "IAM Roles Anywhere assumes the role with a source identity (the certificate's "
	             "common name) and session tags (its subject, issuer and SAN fields), and STS "
	             "refuses the request unless the trust policy also allows sts:SetSourceIdentity "
	             "and sts:TagSession. The IAM Roles Anywhere user guide (\"Trust model\") says "
	             "the trust policy must grant all three actions; Access Analyzer reports "
	             "\"Missing action for roles anywhere trust policy\" (PEERS.md D4).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"rolesanywhere.amazonaws.com\"}, \"Action\": "
	       "\"sts:AssumeRole\", \"Condition\": {\"ArnEquals\": {\"aws:SourceArn\": "
	       "\"arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/"
	       "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"rolesanywhere.amazonaws.com\"}, \"Action\": "
	        "[\"sts:AssumeRole\", \"sts:TagSession\", \"sts:SetSourceIdentity\"], "
	        "\"Condition\": {\"ArnEquals\": {\"aws:SourceArn\": "
	        "\"arn:aws:rolesanywhere:us-east-1:111122223333:trust-anchor/"
	        "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"}}}]}",
	.fix = "Allow all three actions to the service: \"Action\": [\"sts:AssumeRole\", "
	       "\"sts:TagSession\", \"sts:SetSourceIdentity\"].",
	.check = check,
};
