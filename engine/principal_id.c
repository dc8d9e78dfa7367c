/*
 * principal_id.c - is a string a principal a caller of a given type can
 * be?  The policy parser classifies what a Principal element may name
 * (tl__principal_classify); a caller is narrower: one identity, so no
 * unique id, no OIDC provider under AWS, and for Federated only the
 * providers STS knows by name.
 *
 * Sources: IAM user guide reference_policies_elements_principal (AWS
 * account, IAM user/role, role session, federated user session, service
 * principal, OIDC/SAML provider and the built-in web identity providers);
 * AWS Account Management reference manage-acct-identifiers (a 12-digit
 * account ID; the canonical user ID, 64 hexadecimal digits in its example).
 */
#include <string.h>

#include "json.h"
#include "policy.h"
#include "trustlint.h"

/* The web identity providers a trust policy names without an ARN. */
static const char *const builtin_idps[] = {"cognito-identity.amazonaws.com",
                                           "accounts.google.com", "graph.facebook.com",
                                           "www.amazon.com", NULL};

static bool is_hex(const char *s, size_t len, size_t want)
{
	size_t i;

	if (len != want)
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

static bool is_builtin_idp(const char *s)
{
	size_t i;

	for (i = 0; builtin_idps[i]; i++)
		if (strcmp(s, builtin_idps[i]) == 0)
			return true;
	return false;
}

/* Which classified forms a caller of each type may take. */
static bool caller_form(tl_principal_type type, const tl_principal *p)
{
	switch (type) {
	case TL_PRINCIPAL_AWS:
		return p->form == TL_FORM_WILDCARD || p->form == TL_FORM_ACCOUNT ||
		       p->form == TL_FORM_USER || p->form == TL_FORM_ROLE ||
		       p->form == TL_FORM_SESSION || p->form == TL_FORM_FEDERATED_USER;
	case TL_PRINCIPAL_SERVICE:
		return p->form == TL_FORM_SERVICE;
	case TL_PRINCIPAL_FEDERATED:
		return p->form == TL_FORM_OIDC_PROVIDER || p->form == TL_FORM_SAML_PROVIDER ||
		       (p->form == TL_FORM_BUILTIN_IDP && is_builtin_idp(p->value.text));
	case TL_PRINCIPAL_CANONICAL_USER:
		return is_hex(p->value.text, p->value.len, 64);
	default:
		return false;
	}
}

static const char *expected(tl_principal_type type)
{
	switch (type) {
	case TL_PRINCIPAL_AWS:
		return "a 12-digit account id, an IAM user, role or root ARN, a role session ARN "
		       "(arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), a federated user ARN, or \"*\"";
	case TL_PRINCIPAL_SERVICE:
		return "a service principal name such as ec2.amazonaws.com";
	case TL_PRINCIPAL_FEDERATED:
		return "an OIDC or SAML provider ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST), or "
		       "cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com or "
		       "www.amazon.com";
	case TL_PRINCIPAL_CANONICAL_USER:
		return "64 hexadecimal digits";
	default:
		return "no id";
	}
}

tl_status tl_principal_id_check(tl_principal_type type, const char *id, tl_error *err)
{
	const char *name = tl_principal_type_name(type);
	tl_principal p;

	if (type == TL_PRINCIPAL_ANONYMOUS) {
		if (!id)
			return TL_OK;
		tl__error_set(err, TL_EARG, NULL, "an Anonymous caller has no id");
		return TL_EARG;
	}
	if (type > TL_PRINCIPAL_CANONICAL_USER) {
		tl__error_set(err, TL_EARG, NULL, "%s is not a caller type", name);
		return TL_EARG;
	}
	if (!id || !*id) {
		tl__error_set(err, TL_EARG, NULL, "a %s caller needs an id: %s", name, expected(type));
		return TL_EARG;
	}
	memset(&p, 0, sizeof(p));
	p.type = type;
	p.value.text = id;
	p.value.len = strlen(id);
	p.value.kind = TL_JSON_STRING;
	tl__principal_classify(&p);
	if (caller_form(type, &p))
		return TL_OK;
	/* a long id is cut so the expectation after it still fits the message */
	tl__error_set(err, TL_EARG, NULL, "%s principal \"%.100s%s\" is not valid: expected %s",
	              name, id, p.value.len > 100 ? "..." : "", expected(type));
	return TL_EARG;
}
