/*
 * federated-action-mismatch.c - TL311: an Allow names an assume action
 * that none of the statement's principals can call.
 *
 * Each principal type reaches a role through one STS call (SEMANTICS.md
 * 2.2, 4.4-4.6): AWS and Service principals through sts:AssumeRole, web
 * identity providers (IAM OIDC providers and the built-in ones) through
 * sts:AssumeRoleWithWebIdentity, SAML providers through
 * sts:AssumeRoleWithSAML; sts:TagSession and sts:SetSourceIdentity go with
 * any of them.  So
 *   - AssumeRole granted only to Federated providers,
 *   - AssumeRoleWithWebIdentity granted to no web-identity provider (AWS,
 *     Service or SAML principals only; in particular pods.eks.amazonaws.com,
 *     since EKS Pod Identity calls AssumeRole + TagSession and IRSA trusts
 *     the cluster's OIDC provider instead),
 *   - AssumeRoleWithSAML granted to no SAML provider,
 * is a grant nobody can use: the role never works for the principal the
 * author meant, or works through a path they did not mean (Access Analyzer
 * "Mismatched action for principal").  Error.  A statement that mixes
 * principal types is fine as long as each action fits one of them.
 * Wildcard actions and NotAction are left to TL109 / TL110.
 *
 * Sources: PEERS.md A15, E4, F2; IAM "Mismatched action for principal";
 * EKS user guide pod-id-role.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

typedef enum assume_call { CALL_ASSUME, CALL_WEB_IDENTITY, CALL_SAML, CALL_OTHER } assume_call;

static assume_call call_of(const char *action)
{
	if (str_ieq(action, "sts:AssumeRole"))
		return CALL_ASSUME;
	if (str_ieq(action, "sts:AssumeRoleWithWebIdentity"))
		return CALL_WEB_IDENTITY;
	if (str_ieq(action, "sts:AssumeRoleWithSAML"))
		return CALL_SAML;
	return CALL_OTHER;
}

static bool web_identity(const tl_principal *p)
{
	const char *h;
	size_t l;

	return oidc_issuer_of(p, &h, &l) != NULL;
}

/* Can principal p make this call?  Unknown or malformed ones: assume so. */
static bool fits(const tl_principal *p, assume_call call)
{
	switch (p->type) {
	case TL_PRINCIPAL_AWS:
	case TL_PRINCIPAL_SERVICE:
	case TL_PRINCIPAL_CANONICAL_USER:
		return call == CALL_ASSUME || p->form == TL_FORM_WILDCARD;
	case TL_PRINCIPAL_FEDERATED:
		if (p->form == TL_FORM_SAML_PROVIDER)
			return call == CALL_SAML;
		if (web_identity(p))
			return call == CALL_WEB_IDENTITY;
		return call != CALL_ASSUME || p->form == TL_FORM_INVALID;
	default:
		return true;
	}
}

static bool pod_identity(const tl_statement *st)
{
	size_t i;

	for (i = 0; i < st->n_principals; i++)
		if (st->principals[i].type == TL_PRINCIPAL_SERVICE &&
		    strcmp(st->principals[i].value.text, "pods.eks.amazonaws.com") == 0)
			return true;
	return false;
}

static void report(lint_ctx *ctx, const tl_statement *st, const tl_value *action, assume_call call)
{
	const tl_principal *p = &st->principals[0];
	const char *name = tl_principal_type_name(p->type);

	switch (call) {
	case CALL_ASSUME:
		lint_report(
		    ctx, &action->loc,
		    "grant sts:AssumeRoleWithWebIdentity to an OIDC provider and "
		    "sts:AssumeRoleWithSAML to a SAML provider",
		    "%s is granted only to Federated principals (\"%s\"), which never call it: "
		    "an identity provider assumes roles with %s",
		    action->text, p->value.text,
		    p->form == TL_FORM_SAML_PROVIDER ? "sts:AssumeRoleWithSAML"
		                                     : "sts:AssumeRoleWithWebIdentity");
		break;
	case CALL_WEB_IDENTITY:
		if (pod_identity(st)) {
			lint_report(
			    ctx, &action->loc,
			    "grant [\"sts:AssumeRole\", \"sts:TagSession\"] for EKS Pod Identity; "
			    "for IRSA trust the cluster's OIDC provider (Federated) instead",
			    "%s is granted to pods.eks.amazonaws.com, but EKS Pod Identity calls "
			    "sts:AssumeRole with sts:TagSession: this mixes IRSA and Pod Identity, "
			    "and the grant is never used",
			    action->text);
			break;
		}
		lint_report(
		    ctx, &action->loc,
		    "trust the web-identity provider as {\"Federated\": \"arn:aws:iam::ACCOUNT:"
		    "oidc-provider/HOST\"}, or grant sts:AssumeRole to this principal",
		    "%s is granted, but no principal of this statement is a web-identity "
		    "provider (the first is %s \"%s\"): the grant is never used",
		    action->text, name, p->value.text);
		break;
	case CALL_SAML:
		lint_report(
		    ctx, &action->loc,
		    "trust the SAML provider as {\"Federated\": \"arn:aws:iam::ACCOUNT:"
		    "saml-provider/NAME\"}, or grant the action that fits this principal",
		    "%s is granted, but no principal of this statement is a SAML provider (the "
		    "first is %s \"%s\"): the grant is never used",
		    action->text, name, p->value.text);
		break;
	default:
		break;
	}
}

static void check_statement(lint_ctx *ctx, const tl_statement *st)
{
	size_t i, j;

	for (i = 0; i < st->n_actions; i++) {
		const tl_value *a = &st->actions[i];
		assume_call call;
		bool ok = false;

		if (a->kind != TL_JSON_STRING || strpbrk(a->text, "*?"))
			continue;
		call = call_of(a->text);
		if (call == CALL_OTHER)
			continue;
		for (j = 0; j < st->n_principals && !ok; j++)
			ok = fits(&st->principals[j], call);
		if (!ok)
			report(ctx, st, a, call);
	}
}

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal || st->not_action ||
		    st->n_principals == 0)
			continue;
		check_statement(ctx, st);
	}
}

const rule_def rule_federated_action_mismatch = {
	.code = 311,
	.name = "federated-action-mismatch",
	.severity = LINT_ERROR,
	.summary = "an assume action is granted to principals that cannot call it (AssumeRole to "
	           "an identity provider, AssumeRoleWithWebIdentity or AssumeRoleWithSAML to AWS "
	           "or Service principals)",
	.rationale = "Each caller type assumes a role through one STS call: AWS and Service "
	             "principals through sts:AssumeRole, OIDC and built-in web identity providers "
	             "through sts:AssumeRoleWithWebIdentity, SAML providers through "
	             "sts:AssumeRoleWithSAML. A mismatched grant is never used, so the role does "
	             "not work for the principal the author meant, and the usual \"fix\" is a "
	             "wildcard action that opens unintended paths (Access Analyzer \"Mismatched "
	             "action for principal\"; PEERS.md A15, F2). EKS Pod Identity "
	             "(pods.eks.amazonaws.com) calls sts:AssumeRole with sts:TagSession, never "
	             "AssumeRoleWithWebIdentity: that grant mixes IRSA and Pod Identity (PEERS.md "
	             "E4).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:saml-provider/CorpIdP\"}, \"Action\": "
	       "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"SAML:aud\": "
	       "\"https://signin.aws.amazon.com/saml\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:saml-provider/CorpIdP\"}, \"Action\": "
	        "\"sts:AssumeRoleWithSAML\", \"Condition\": {\"StringEquals\": {\"SAML:aud\": "
	        "\"https://signin.aws.amazon.com/saml\"}}}]}",
	.fix = "Grant sts:AssumeRoleWithWebIdentity to OIDC providers, sts:AssumeRoleWithSAML to "
	       "SAML providers and sts:AssumeRole to AWS and Service principals (plus "
	       "sts:TagSession or sts:SetSourceIdentity where needed).",
	.check = check,
};
