/*
 * policy.c - the policy model and its structural validation.
 *
 * One pass over the JSON tree builds every statement and collects every
 * problem IAM would refuse (and the softer ones), each with its location,
 * rather than stopping at the first (IAM policy grammar; Access Analyzer
 * policy checks; SEMANTICS.md 1.4 and 5).
 */
#include "policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "names.h"
#include "values.h"

void tl__problem_add(tl__arena *a, tl__problems *list, tl_problem_kind kind, const tl_loc *loc,
                     const char *fmt, ...)
{
	static const bool hard[] = {
#define TL_PROBLEM(id, h) h,
#include "problems.def"
#undef TL_PROBLEM
	};
	char buf[512];
	va_list ap;
	tl_problem *p;

	if (!list)
		return; /* the caller does not want this one reported */
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		tl_problem *items = tl__arena_alloc(a, cap * sizeof(*items));
		if (!items)
			return;
		if (list->n)
			memcpy(items, list->items, list->n * sizeof(*items));
		list->items = items;
		list->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p = &list->items[list->n++];
	p->kind = kind;
	p->hard = hard[kind];
	p->message = tl__arena_strndup(a, buf, strlen(buf));
	p->loc = *loc;
	list->hard += p->hard;
}

typedef struct builder {
	tl__arena *arena;
	tl__problems problems;
} builder;

#define PROBLEM(b, kind, loc, ...) tl__problem_add((b)->arena, &(b)->problems, kind, loc, __VA_ARGS__)

/* Where a member's name starts: problems about an element's presence or
 * name point there rather than at its value. */
static tl_loc name_loc(const tl__jnode *n)
{
	tl_loc loc = n->loc;

	loc.line = n->loc.key_line;
	loc.column = n->loc.key_column;
	return loc;
}

static bool starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

/* A domain-like name: lower-case letters, digits, '.', '-', with a dot. */
static bool is_host(const char *s, size_t len)
{
	size_t i;
	bool dot = false;

	if (!len)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == '.')
			dot = true;
		else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return dot && s[0] != '.' && s[len - 1] != '.';
}

/* IAM unique ids: AIDA (users), AROA (roles), then upper-case letters and digits. */
static bool is_unique_id(const char *s, size_t len)
{
	size_t i;

	if (len < 16 || !(starts(s, len, "AIDA") || starts(s, len, "AROA")))
		return false;
	for (i = 4; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* Classify an ARN principal by its service and resource type. */
static tl_principal_form classify_arn(tl_principal *p)
{
	tl__arn arn;
	const char *res;
	size_t rlen;
	bool iam, sts;

	if (!tl__arn_split(p->value.text, p->value.len, &arn) || arn.len[1] == 0 ||
	    arn.len[3] != 0 || !tl__account_id(arn.part[4], arn.len[4]))
		return TL_FORM_INVALID;
	memcpy(p->account, arn.part[4], 12);
	p->account[12] = '\0';
	iam = arn.len[2] == 3 && memcmp(arn.part[2], "iam", 3) == 0;
	sts = arn.len[2] == 3 && memcmp(arn.part[2], "sts", 3) == 0;
	res = arn.part[5];
	rlen = arn.len[5];
	if (iam && rlen == 4 && memcmp(res, "root", 4) == 0)
		return TL_FORM_ACCOUNT;
	if (iam && starts(res, rlen, "user/") && rlen > 5 && res[rlen - 1] != '/')
		return TL_FORM_USER;
	if (iam && starts(res, rlen, "role/") && rlen > 5 && res[rlen - 1] != '/')
		return TL_FORM_ROLE;
	/* IAM provider ARNs name the URL without its scheme (IAM "Create an
	 * OpenID Connect (OIDC) identity provider"; Access Analyzer "Invalid
	 * federated principal syntax in role trust policy") */
	if (iam && starts(res, rlen, "oidc-provider/") && rlen > 14 &&
	    !starts(res + 14, rlen - 14, "https://") && !starts(res + 14, rlen - 14, "http://"))
		return TL_FORM_OIDC_PROVIDER;
	if (iam && starts(res, rlen, "saml-provider/") && rlen > 14)
		return TL_FORM_SAML_PROVIDER;
	if (sts && starts(res, rlen, "assumed-role/")) {
		const char *slash = memchr(res + 13, '/', rlen - 13);
		if (slash && slash > res + 13 && slash < res + rlen - 1)
			return TL_FORM_SESSION;
	}
	if (sts && starts(res, rlen, "federated-user/") && rlen > 15)
		return TL_FORM_FEDERATED_USER;
	p->account[0] = '\0';
	return TL_FORM_INVALID;
}

void tl__principal_classify(tl_principal *p)
{
	const char *s = p->value.text;
	size_t len = p->value.len;
	tl_principal_form f = TL_FORM_INVALID;

	p->account[0] = '\0';
	if (p->value.kind == TL_JSON_PLACEHOLDER ||
	    (p->value.kind == TL_JSON_STRING &&
	     tl_template_placeholder(s, len, NULL, NULL, NULL))) {
		p->form = TL_FORM_PLACEHOLDER;
		return;
	}
	if (p->value.kind != TL_JSON_STRING || len == 0) {
		p->form = TL_FORM_INVALID;
		return;
	}
	if (len == 1 && s[0] == '*') {
		p->form = TL_FORM_WILDCARD;
		return;
	}
	/* "Wildcards can not be used to match part of a principal name or ARN". */
	if (tl__glob_has_wildcard(s, len)) {
		p->form = TL_FORM_INVALID;
		return;
	}
	switch (p->type) {
	case TL_PRINCIPAL_AWS:
		if (tl__account_id(s, len)) {
			memcpy(p->account, s, 12);
			p->account[12] = '\0';
			f = TL_FORM_ACCOUNT;
		} else if (starts(s, len, "arn:")) {
			f = classify_arn(p);
			if (f == TL_FORM_OIDC_PROVIDER || f == TL_FORM_SAML_PROVIDER)
				f = TL_FORM_INVALID;
		} else if (is_unique_id(s, len)) {
			f = TL_FORM_UNIQUE_ID;
		}
		break;
	case TL_PRINCIPAL_SERVICE:
		if (is_host(s, len))
			f = TL_FORM_SERVICE;
		break;
	case TL_PRINCIPAL_FEDERATED:
		if (starts(s, len, "arn:")) {
			f = classify_arn(p);
			if (f != TL_FORM_OIDC_PROVIDER && f != TL_FORM_SAML_PROVIDER)
				f = TL_FORM_INVALID;
		} else if (is_host(s, len)) {
			f = TL_FORM_BUILTIN_IDP;
		}
		break;
	case TL_PRINCIPAL_CANONICAL_USER:
		f = TL_FORM_CANONICAL;
		break;
	default:
		break;
	}
	if (f == TL_FORM_INVALID)
		p->account[0] = '\0';
	p->form = f;
}

static tl_json_kind kind_of(const tl__jnode *n)
{
	switch (n->type) {
	case TL__J_STRING:
		return TL_JSON_STRING;
	case TL__J_NUMBER:
		return TL_JSON_NUMBER;
	case TL__J_TRUE:
	case TL__J_FALSE:
		return TL_JSON_BOOL;
	case TL__J_PLACEHOLDER:
		return TL_JSON_PLACEHOLDER;
	default:
		return TL_JSON_OTHER;
	}
}

static void to_value(const tl__jnode *n, tl_value *v)
{
	v->text = n->text ? n->text : "";
	v->len = n->text ? n->len : 0;
	v->kind = kind_of(n);
	v->loc = n->loc;
}

/*
 * A "string or array of strings" element.  Scalars of other JSON types are
 * kept (with their kind) and reported, so one bad entry does not hide the
 * rest.  Returns the number of values; *out is arena memory.
 */
static size_t string_list(builder *b, const tl__jnode *n, const char *what, tl_value **out,
                          bool strings_only)
{
	size_t count = n->type == TL__J_ARRAY ? n->n : 1, i;
	tl_value *vals;

	*out = NULL;
	if (n->type == TL__J_OBJECT || n->type == TL__J_NULL) {
		PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &n->loc, "%s must be a string or an array of strings, not %s",
		        what, tl__json_type_name(n->type));
		return 0;
	}
	if (count == 0)
		return 0;
	vals = tl__arena_alloc(b->arena, count * sizeof(*vals));
	if (!vals)
		return 0;
	for (i = 0; i < count; i++) {
		const tl__jnode *c = n->type == TL__J_ARRAY ? &n->child[i] : n;
		bool scalar = c->type != TL__J_OBJECT && c->type != TL__J_ARRAY && c->type != TL__J_NULL;

		if (!scalar || (strings_only && c->type != TL__J_STRING && c->type != TL__J_PLACEHOLDER))
			PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &c->loc, "%s entries must be strings, not %s", what,
			        tl__json_type_name(c->type));
		to_value(c, &vals[i]);
	}
	*out = vals;
	return count;
}

/* A Principal key's type: Anonymous names callers, never a key. */
static tl_principal_type principal_key(const char *k)
{
	tl_principal_type t = tl__principal_type_from_name(k);

	return t == TL_PRINCIPAL_ANONYMOUS ? TL_PRINCIPAL_UNKNOWN : t;
}

static bool ieq(const char *a, size_t alen, const char *b)
{
	return alen == strlen(b) && tl__ascii_ieq(a, alen, b, alen);
}

/* An unknown Principal key, with what it probably meant. */
static void unknown_type(builder *b, const tl_loc *at, const char *key, size_t len)
{
	static const char *const types[] = {"AWS", "Service", "Federated", "CanonicalUser", NULL};
	size_t i;

	for (i = 0; types[i]; i++)
		if (ieq(key, len, types[i])) {
			PROBLEM(b, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, at,
			        "unknown principal type \"%s\": principal types are case-sensitive, write \"%s\"",
			        key, types[i]);
			return;
		}
	if (is_host(key, len) && len > 14 && memcmp(key + len - 14, ".amazonaws.com", 14) == 0)
		PROBLEM(b, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, at,
		        "unknown principal type \"%s\": it is a service name, not a type; write "
		        "{\"Service\": \"%s\"}",
		        key, key);
	else if (starts(key, len, "arn:") || tl__account_id(key, len))
		PROBLEM(b, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, at,
		        "unknown principal type \"%s\": it is a principal, not a type; write "
		        "{\"AWS\": \"%s\"} (or \"Federated\" for an identity provider)",
		        key, key);
	else
		PROBLEM(b, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, at,
		        "unknown principal type \"%s\" (expected AWS, Service, Federated or CanonicalUser)",
		        key);
}

/* Why an ARN principal is refused, field by field. */
static void explain_arn(const tl_principal *p, char *out, size_t cap)
{
	tl__arn arn;
	const char *res;
	size_t rlen;
	bool iam, sts;

	if (!tl__arn_split(p->value.text, p->value.len, &arn)) {
		snprintf(out, cap, "not an ARN: an ARN has six colon-separated parts "
		                   "(arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)");
		return;
	}
	iam = ieq(arn.part[2], arn.len[2], "iam");
	sts = ieq(arn.part[2], arn.len[2], "sts");
	res = arn.part[5];
	rlen = arn.len[5];
	if (arn.len[1] == 0)
		snprintf(out, cap, "the partition (aws, aws-cn, aws-us-gov) is missing");
	else if (!iam && !sts)
		snprintf(out, cap, "service \"%.*s\" cannot name a principal: principal ARNs are iam or sts ARNs",
		         (int)arn.len[2], arn.part[2]);
	else if (arn.len[3] != 0)
		snprintf(out, cap, "IAM and STS ARNs have no region, but this one has \"%.*s\"",
		         (int)arn.len[3], arn.part[3]);
	else if (!tl__account_id(arn.part[4], arn.len[4]))
		snprintf(out, cap, "account id \"%.*s\" is not 12 digits", (int)arn.len[4], arn.part[4]);
	else if (p->type == TL_PRINCIPAL_AWS && iam &&
	         (starts(res, rlen, "oidc-provider/") || starts(res, rlen, "saml-provider/")))
		snprintf(out, cap, "an identity provider belongs under \"Federated\", not \"AWS\"");
	else if (p->type == TL_PRINCIPAL_FEDERATED &&
	         !(iam && (starts(res, rlen, "oidc-provider/") || starts(res, rlen, "saml-provider/"))))
		snprintf(out, cap, "\"Federated\" takes an oidc-provider/ or saml-provider/ ARN; "
		                   "IAM users, roles and accounts go under \"AWS\"");
	else if (iam && (starts(res, rlen, "oidc-provider/https://") ||
	                 starts(res, rlen, "oidc-provider/http://")))
		snprintf(out, cap, "an OIDC provider ARN without a URL scheme: oidc-provider/HOST, not "
		                   "oidc-provider/https://HOST");
	else if (iam && (starts(res, rlen, "user/") || starts(res, rlen, "role/") ||
	                 starts(res, rlen, "oidc-provider/") || starts(res, rlen, "saml-provider/")))
		snprintf(out, cap, "the name after \"%.*s\" is empty or ends in \"/\"",
		         (int)(strchr(res, '/') - res + 1), res);
	else if (sts && starts(res, rlen, "assumed-role/"))
		snprintf(out, cap, "a role session ARN is assumed-role/ROLE/SESSION");
	else
		snprintf(out, cap, "resource \"%.*s\" is not a principal (expected root, user/NAME, "
		                   "role/NAME, assumed-role/ROLE/SESSION or federated-user/NAME%s)",
		         (int)rlen, res, p->type == TL_PRINCIPAL_FEDERATED ? ", or a provider" : "");
}

/* Why IAM refuses a principal value, in words that say what to change. */
static void explain_invalid(const tl_principal *p, char *out, size_t cap)
{
	const char *s = p->value.text;
	size_t len = p->value.len, i, digits = 0;

	if (len == 0) {
		snprintf(out, cap, "an empty string names no one");
		return;
	}
	if (tl__glob_has_wildcard(s, len)) {
		snprintf(out, cap, "a partial wildcard: IAM accepts \"*\" only as the whole value "
		                   "(use \"*\" with an aws:PrincipalArn or aws:PrincipalAccount condition)");
		return;
	}
	if (strstr(s, "${")) {
		snprintf(out, cap, "policy variables are not substituted in Principal, so this literal "
		                   "text is not a principal");
		return;
	}
	if (starts(s, len, "arn:")) {
		explain_arn(p, out, cap);
		return;
	}
	for (i = 0; i < len; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	switch (p->type) {
	case TL_PRINCIPAL_AWS:
		if (digits == len)
			snprintf(out, cap, "account id \"%s\" is not 12 digits", s);
		else if (is_host(s, len))
			snprintf(out, cap, "\"%s\" is a service or provider name: write it under "
			                   "\"Service\" (or \"Federated\")", s);
		else
			snprintf(out, cap, "neither an account id (12 digits), an IAM or STS ARN, a unique id "
			                   "(AIDA..., AROA...) nor \"*\"");
		break;
	case TL_PRINCIPAL_SERVICE:
		snprintf(out, cap, "not a service principal name (a lower-case host such as "
		                   "ec2.amazonaws.com)");
		break;
	case TL_PRINCIPAL_FEDERATED:
		snprintf(out, cap, "neither an OIDC or SAML provider ARN nor a provider name such as "
		                   "cognito-identity.amazonaws.com");
		break;
	default:
		snprintf(out, cap, "not a valid principal");
		break;
	}
}

/* What to lint instead of a template: where its rendered policy is. */
static const char *render_hint(const char *kind)
{
	if (strcmp(kind, "Terraform interpolation") == 0)
		return "lint the rendered policy (terraform show -json of a plan) instead";
	if (strcmp(kind, "shell variable") == 0)
		return "lint the policy after the script renders it (envsubst) instead";
	if (strcmp(kind, "CloudFormation Fn::Sub variable") == 0)
		return "lint the template itself, or the deployed role, instead";
	if (strcmp(kind, "documentation placeholder") == 0)
		return "fill in the real values before linting";
	return "lint the rendered policy instead";
}

/*
 * One problem per value that still holds a template's hole: IAM refuses
 * such a principal (hard) and compares such a condition value literally
 * (soft).  Returns true when it reported, so the caller says nothing more.
 */
static bool check_placeholder(builder *b, tl_problem_kind kind, const tl_loc *loc,
                              const char *text, size_t len)
{
	size_t at, n;
	const char *what;

	if (!tl_template_placeholder(text, len, &at, &n, &what))
		return false;
	if (at == 0 && n == len)
		PROBLEM(b, kind, loc, "\"%s\" looks like an unrendered template placeholder (%s); %s",
		        text, what, render_hint(what));
	else
		PROBLEM(b, kind, loc,
		        "\"%s\" holds \"%.*s\", which looks like an unrendered template placeholder "
		        "(%s); %s",
		        text, (int)n, text + at, what, render_hint(what));
	return true;
}

/* A Principal that is one value, not an object: a placeholder (!If [cond,
 * A, B] and the like: unknown until deployed, names no one we can see) or
 * a bare string, which IAM refuses in a trust policy even when it is "*". */
static void build_single_principal(builder *b, tl_statement *st, const tl__jnode *n,
                                   const char *elem)
{
	tl_principal *list = tl__arena_alloc(b->arena, sizeof(*list));

	if (!list)
		return;
	to_value(n, &list->value);
	if (n->type == TL__J_PLACEHOLDER) {
		list->type = TL_PRINCIPAL_UNKNOWN;
		list->form = TL_FORM_PLACEHOLDER;
	} else {
		list->type = TL_PRINCIPAL_STAR;
		list->form = strcmp(n->text, "*") == 0 ? TL_FORM_WILDCARD : TL_FORM_INVALID;
		if (list->form == TL_FORM_WILDCARD)
			PROBLEM(b, TL_PROBLEM_PRINCIPAL_STAR_STRING, &n->loc,
			        "\"%s\": \"*\" is refused in a role trust policy; write {\"AWS\": \"*\"} with a condition",
			        elem);
		else
			PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &n->loc,
			        "%s must be an object such as {\"AWS\": ...} or \"*\"", elem);
	}
	st->principals = list;
	st->n_principals = 1;
}

/* The problems of one classified principal value of a known type. */
static void check_principal_value(builder *b, const tl_principal *p)
{
	if (p->form == TL_FORM_PLACEHOLDER)
		check_placeholder(b, TL_PROBLEM_TEMPLATE_PLACEHOLDER, &p->value.loc, p->value.text,
		                  p->value.len);
	else if (p->form == TL_FORM_INVALID && p->type != TL_PRINCIPAL_UNKNOWN) {
		char why[300];
		explain_invalid(p, why, sizeof(why));
		PROBLEM(b, TL_PROBLEM_INVALID_PRINCIPAL, &p->value.loc, "invalid principal \"%s\": %s",
		        p->value.text, why);
	}
}

/* One member of a Principal object ({"AWS": [...]}) appended to `list`
 * at *k; an unknown key is a problem, and its values are kept, typed
 * unknown. */
static void build_principal_member(builder *b, const tl__jnode *c, const char *elem,
                                   tl_principal *list, size_t *k)
{
	tl_principal_type type = principal_key(c->key);
	tl_value *vals;
	size_t nv, j;

	if (type == TL_PRINCIPAL_UNKNOWN) {
		tl_loc at = name_loc(c);
		if (!check_placeholder(b, TL_PROBLEM_TEMPLATE_PLACEHOLDER, &at, c->key, c->key_len))
			unknown_type(b, &at, c->key, c->key_len);
	}
	nv = string_list(b, c, c->key, &vals, true);
	if (nv == 0 && c->type == TL__J_ARRAY)
		PROBLEM(b, TL_PROBLEM_EMPTY_PRINCIPAL, &c->loc, "%s \"%s\" lists no one", elem, c->key);
	for (j = 0; j < nv; j++) {
		tl_principal *p = &list[(*k)++];
		p->type = type;
		p->value = vals[j];
		tl__principal_classify(p);
		if (vals[j].kind == TL_JSON_STRING)
			check_principal_value(b, p);
	}
}

static void build_principal(builder *b, tl_statement *st, const tl__jnode *n, bool negated)
{
	const char *elem = negated ? "NotPrincipal" : "Principal";
	size_t total = 0, i, k = 0;
	tl_principal *list;

	st->has_principal = true;
	st->not_principal = negated;
	st->principal_loc = n->loc;
	if (negated) {
		tl_loc at = name_loc(n);
		PROBLEM(b, TL_PROBLEM_NOT_PRINCIPAL, &at,
		        "NotPrincipal is not supported in a role trust policy");
	}
	if (n->type == TL__J_PLACEHOLDER || n->type == TL__J_STRING) {
		build_single_principal(b, st, n, elem);
		return;
	}
	if (n->type != TL__J_OBJECT) {
		PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &n->loc, "%s must be an object, not %s", elem,
		        tl__json_type_name(n->type));
		return;
	}
	if (n->n == 0)
		PROBLEM(b, TL_PROBLEM_EMPTY_PRINCIPAL, &n->loc, "%s is empty: it names no one", elem);
	for (i = 0; i < n->n; i++)
		total += n->child[i].type == TL__J_ARRAY ? n->child[i].n : 1;
	list = total ? tl__arena_alloc(b->arena, total * sizeof(*list)) : NULL;
	if (total && !list)
		return;
	for (i = 0; i < n->n; i++)
		build_principal_member(b, &n->child[i], elem, list, &k);
	st->principals = list;
	st->n_principals = k;
}

static const char *const trust_actions[] = {
	"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
	"sts:tagsession", "sts:setsourceidentity", "sts:setcontext",
};

/* IAM refuses non-STS actions in a trust policy (SEMANTICS.md 1.4). */
static void check_action(builder *b, const tl_value *v)
{
	char low[64];
	size_t i;

	if (v->kind != TL_JSON_STRING)
		return;
	if (v->len == 1 && v->text[0] == '*')
		return;
	for (i = 0; i < v->len; i++)
		if (v->text[i] == ' ' || v->text[i] == '\t' || v->text[i] == '\n') {
			PROBLEM(b, TL_PROBLEM_INVALID_ACTION, &v->loc, "action \"%s\" contains white space",
			        v->text);
			return;
		}
	if (v->len < 4 || !tl__ascii_ieq(v->text, 4, "sts:", 4)) {
		PROBLEM(b, TL_PROBLEM_INVALID_ACTION, &v->loc,
		        "action \"%s\" is not an STS action: a trust policy may only grant sts:AssumeRole* and related actions",
		        v->text);
		return;
	}
	if (tl__glob_has_wildcard(v->text, v->len))
		return;
	if (v->len < sizeof(low)) {
		tl__ascii_lower(low, v->text, v->len);
		for (i = 0; i < sizeof(trust_actions) / sizeof(*trust_actions); i++)
			if (strlen(trust_actions[i]) == v->len && memcmp(low, trust_actions[i], v->len) == 0)
				return;
	}
	PROBLEM(b, TL_PROBLEM_INVALID_ACTION, &v->loc,
	        "action \"%s\" is not one a trust policy can grant (sts:AssumeRole, sts:AssumeRoleWithSAML, "
	        "sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity, sts:SetContext)",
	        v->text);
}

static void build_action(builder *b, tl_statement *st, const tl__jnode *n, bool negated)
{
	tl_value *vals;
	size_t i;

	if (st->has_action) {
		tl_loc at = name_loc(n);
		PROBLEM(b, TL_PROBLEM_ACTION_AND_NOT_ACTION, &at,
		        "a statement may have Action or NotAction, not both");
		return;
	}
	st->has_action = true;
	st->not_action = negated;
	st->action_loc = n->loc;
	st->n_actions = string_list(b, n, negated ? "NotAction" : "Action", &vals, true);
	st->actions = vals;
	if (st->n_actions == 0 && n->type == TL__J_ARRAY)
		PROBLEM(b, TL_PROBLEM_MISSING_ACTION, &n->loc, "%s is an empty list",
		        negated ? "NotAction" : "Action");
	for (i = 0; i < st->n_actions; i++)
		check_action(b, &vals[i]);
}

static int cmp_lower_keys(const void *a, const void *b)
{
	const tl_condition *x = *(const tl_condition *const *)a, *y = *(const tl_condition *const *)b;
	size_t n = x->key.len < y->key.len ? x->key.len : y->key.len, i;

	for (i = 0; i < n; i++) {
		int cx = (unsigned char)x->key.text[i], cy = (unsigned char)y->key.text[i];
		if (cx >= 'A' && cx <= 'Z')
			cx += 32;
		if (cy >= 'A' && cy <= 'Z')
			cy += 32;
		if (cx != cy)
			return cx - cy;
	}
	return x->key.len < y->key.len ? -1 : x->key.len > y->key.len;
}

/* Spellings of one key order by their bytes, not by where they stand, so
 * the same spellings are reported whatever the order of the keys (the
 * invariance test checks it): every spelling but the first in byte order. */
static int cmp_lower_keys_in_order(const void *a, const void *b)
{
	const tl_condition *x = *(const tl_condition *const *)a, *y = *(const tl_condition *const *)b;
	int c = cmp_lower_keys(a, b);

	return c ? c : strcmp(x->key.text, y->key.text);
}

/* Keys differing only in case under one operator ("Duplicate keys with
 * different case"): sorted, so hostile blocks stay O(n log n). */
static void check_key_case(builder *b, tl_condition *conds, size_t n)
{
	const tl_condition **sorted;
	size_t i, first;

	if (n < 2)
		return;
	sorted = tl__arena_alloc(b->arena, n * sizeof(*sorted));
	if (!sorted)
		return;
	for (i = 0; i < n; i++)
		sorted[i] = &conds[i];
	qsort(sorted, n, sizeof(*sorted), cmp_lower_keys_in_order);
	for (i = 1, first = 0; i < n; i++) {
		if (cmp_lower_keys(&sorted[first], &sorted[i]) != 0) {
			first = i;
			continue;
		}
		PROBLEM(b, TL_PROBLEM_KEY_CASE_DUPLICATE, &sorted[i]->key.loc,
		        "condition key \"%s\" repeats \"%s\" in another case under %s", sorted[i]->key.text,
		        sorted[first]->key.text, sorted[i]->operator_text.text);
	}
}

/* How many condition keys the operator blocks hold; a block that is not
 * an object is a problem (or, from Fn::If, unknown conditions). */
static size_t count_condition_keys(builder *b, tl_statement *st, const tl__jnode *n)
{
	size_t total = 0, i;

	for (i = 0; i < n->n; i++) {
		if (n->child[i].type == TL__J_OBJECT)
			total += n->child[i].n;
		else if (n->child[i].type == TL__J_PLACEHOLDER)
			st->unknown_conditions = true; /* one operator's block, chosen by Fn::If */
		else
			PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &n->child[i].loc,
			        "condition operator \"%s\" must map keys to values (an object), not %s",
			        n->child[i].key, tl__json_type_name(n->child[i].type));
	}
	return total;
}

/* A condition operator as written and as parsed. */
typedef struct parsed_operator {
	tl_value text; /* located at its name */
	tl_operator op;
	tl_qualifier qual;
	bool if_exists, known;
} parsed_operator;

/* One key of an operator block (kn) into c, with its values. */
static void build_condition_key(builder *b, tl_condition *c, const parsed_operator *po,
                                const tl__jnode *opn, const tl__jnode *kn)
{
	tl_value *vals;
	size_t v;

	c->operator_text = po->text;
	c->op = po->known ? po->op : TL_OP_UNKNOWN;
	c->qualifier = po->known ? po->qual : TL_QUAL_NONE;
	c->if_exists = po->known && po->if_exists;
	c->negated = po->known && tl__operator_negated(po->op);
	c->key = (tl_value){kn->key, kn->key_len, TL_JSON_STRING, kn->loc};
	c->key.loc.line = kn->loc.key_line;
	c->key.loc.column = kn->loc.key_column;
	c->values_array = kn->type == TL__J_ARRAY;
	c->n_values = string_list(b, kn, "condition values", &vals, false);
	c->values = vals;
	for (v = 0; v < c->n_values; v++)
		if (vals[v].kind == TL_JSON_STRING)
			check_placeholder(b, TL_PROBLEM_TEMPLATE_PLACEHOLDER_VALUE, &vals[v].loc,
			                  vals[v].text, vals[v].len);
	if (c->n_values == 0 && kn->type == TL__J_ARRAY)
		PROBLEM(b, TL_PROBLEM_EMPTY_VALUES, &kn->loc,
		        "condition key \"%s\" under %s has an empty list of values", kn->key, opn->key);
}

/* One operator block ({"StringEquals": {...}}): its name is checked even
 * when its body is not an object; its keys go into conds from *k on. */
static void build_operator_block(builder *b, const tl__jnode *opn, tl_condition *conds,
                                 size_t *k)
{
	size_t first = *k, j; /* an index: conds is NULL when there are no keys at all */
	parsed_operator po;

	po.known = tl__operator_parse(opn->key, opn->key_len, &po.op, &po.qual, &po.if_exists);
	po.text = (tl_value){opn->key, opn->key_len, TL_JSON_STRING, opn->loc};
	po.text.loc.line = opn->loc.key_line;
	po.text.loc.column = opn->loc.key_column;
	if (!po.known)
		PROBLEM(b, TL_PROBLEM_UNKNOWN_OPERATOR, &po.text.loc, "unknown condition operator \"%s\"",
		        opn->key);
	if (opn->type != TL__J_OBJECT)
		return; /* reported as WRONG_TYPE by count_condition_keys */
	else if (po.op == TL_OP_NULL && po.if_exists)
		PROBLEM(b, TL_PROBLEM_NULL_WITH_IF_EXISTS, &po.text.loc,
		        "IfExists cannot be added to the Null operator");
	if (opn->n == 0)
		PROBLEM(b, TL_PROBLEM_EMPTY_VALUES, &po.text.loc, "condition operator \"%s\" has no keys",
		        opn->key);
	for (j = 0; j < opn->n; j++) {
		conds[*k].index = *k;
		build_condition_key(b, &conds[*k], &po, opn, &opn->child[j]);
		(*k)++;
	}
	if (conds)
		check_key_case(b, conds + first, *k - first);
}

static void build_condition(builder *b, tl_statement *st, const tl__jnode *n)
{
	size_t total, i, k = 0;
	tl_condition *conds;

	st->has_condition = true;
	st->condition_loc = n->loc;
	if (n->type == TL__J_PLACEHOLDER) {
		st->unknown_conditions = true; /* Fn::If choosing the conditions */
		return;
	}
	if (n->type != TL__J_OBJECT) {
		PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &n->loc, "Condition must be an object, not %s",
		        tl__json_type_name(n->type));
		return;
	}
	/* Access Analyzer "Empty object condition": it constrains nothing */
	if (n->n == 0)
		PROBLEM(b, TL_PROBLEM_EMPTY_VALUES, &n->loc,
		        "Condition is an empty object: it constrains nothing (remove it, or add the "
		        "conditions that were meant)");
	total = count_condition_keys(b, st, n);
	conds = total ? tl__arena_alloc(b->arena, total * sizeof(*conds)) : NULL;
	if (total && !conds)
		return;
	for (i = 0; i < n->n; i++)
		build_operator_block(b, &n->child[i], conds, &k);
	st->conditions = conds;
	st->n_conditions = k;
}

static void build_statement(builder *b, tl_statement *st, const tl__jnode *n)
{
	size_t i;

	st->loc = n->loc;
	st->effect = TL_EFFECT_INVALID;
	if (n->type == TL__J_PLACEHOLDER) {
		/* Fn::If choosing a statement: unknown until deployed; it applies
		 * to no request we can see, but might to any (tl_eval says so) */
		st->unknown_statement = true;
		return;
	}
	if (n->type != TL__J_OBJECT) {
		PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &n->loc, "a statement must be an object, not %s",
		        tl__json_type_name(n->type));
		return;
	}
	for (i = 0; i < n->n; i++) {
		const tl__jnode *c = &n->child[i];
		const char *k = c->key;
		tl_loc kloc = c->loc;

		kloc.line = c->loc.key_line;
		kloc.column = c->loc.key_column;
		if (strcmp(k, "Sid") == 0) {
			tl_value *v = tl__arena_alloc(b->arena, sizeof(*v));
			if (!v)
				return;
			to_value(c, v);
			st->sid = v;
			if (c->type != TL__J_STRING)
				PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &c->loc, "Sid must be a string, not %s",
				        tl__json_type_name(c->type));
		} else if (strcmp(k, "Effect") == 0) {
			tl_value *v = tl__arena_alloc(b->arena, sizeof(*v));
			if (!v)
				return;
			to_value(c, v);
			st->effect_value = v;
			if (c->type == TL__J_STRING && strcmp(c->text, "Allow") == 0)
				st->effect = TL_EFFECT_ALLOW;
			else if (c->type == TL__J_STRING && strcmp(c->text, "Deny") == 0)
				st->effect = TL_EFFECT_DENY;
			else if (c->type != TL__J_PLACEHOLDER) /* an intrinsic: unknown, not wrong */
				PROBLEM(b, TL_PROBLEM_INVALID_EFFECT, &c->loc,
				        "Effect must be \"Allow\" or \"Deny\" (case-sensitive), not %s%s%s",
				        c->type == TL__J_STRING ? "\"" : "", c->text ? c->text : "?",
				        c->type == TL__J_STRING ? "\"" : "");
		} else if (strcmp(k, "NotPrincipal") == 0 && tl__json_get(n, "Principal")) {
			/* both: the statement keeps Principal, whatever the order of the two */
			PROBLEM(b, TL_PROBLEM_NOT_PRINCIPAL, &kloc,
			        "a statement may have Principal or NotPrincipal, not both (and NotPrincipal "
			        "is not supported in a role trust policy)");
		} else if (strcmp(k, "Principal") == 0 || strcmp(k, "NotPrincipal") == 0) {
			build_principal(b, st, c, k[0] == 'N');
		} else if (strcmp(k, "NotAction") == 0 && tl__json_get(n, "Action")) {
			/* both: the statement keeps Action, whatever the order of the two */
			PROBLEM(b, TL_PROBLEM_ACTION_AND_NOT_ACTION, &kloc,
			        "a statement may have Action or NotAction, not both");
		} else if (strcmp(k, "Action") == 0 || strcmp(k, "NotAction") == 0) {
			build_action(b, st, c, k[0] == 'N');
		} else if (strcmp(k, "Resource") == 0 || strcmp(k, "NotResource") == 0) {
			st->has_resource = true;
			st->resource_loc = kloc;
			PROBLEM(b, TL_PROBLEM_RESOURCE_IN_TRUST_POLICY, &kloc,
			        "%s is prohibited in a role trust policy (the trust policy always applies to its role)",
			        k);
		} else if (strcmp(k, "Condition") == 0) {
			build_condition(b, st, c);
		} else {
			PROBLEM(b, TL_PROBLEM_UNKNOWN_ELEMENT, &kloc,
			        "unknown statement element \"%s\" (element names are case-sensitive)", k);
		}
	}
	if (!st->effect_value)
		PROBLEM(b, TL_PROBLEM_MISSING_EFFECT, &n->loc, "statement %zu has no Effect", st->index);
	if (!st->has_principal)
		PROBLEM(b, TL_PROBLEM_MISSING_PRINCIPAL, &n->loc,
		        "statement %zu has no Principal (a trust policy must say who may assume the role)",
		        st->index);
	if (!st->has_action)
		PROBLEM(b, TL_PROBLEM_MISSING_ACTION, &n->loc, "statement %zu has no Action", st->index);
}

static int cmp_sid(const void *a, const void *b)
{
	const tl_statement *x = *(const tl_statement *const *)a, *y = *(const tl_statement *const *)b;
	size_t n = x->sid->len < y->sid->len ? x->sid->len : y->sid->len;
	int c = memcmp(x->sid->text, y->sid->text, n);

	if (c)
		return c;
	if (x->sid->len != y->sid->len)
		return x->sid->len < y->sid->len ? -1 : 1;
	return x->index < y->index ? -1 : 1;
}

static void check_sids(builder *b, tl_document *doc, tl_statement *stmts)
{
	const tl_statement **with = NULL;
	size_t n = 0, i, j;

	for (i = 0; i < doc->n_statements; i++) {
		const tl_value *sid = stmts[i].sid;
		if (!sid || sid->kind != TL_JSON_STRING)
			continue;
		for (j = 0; j < sid->len; j++) {
			char c = sid->text[j];
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
				PROBLEM(b, TL_PROBLEM_INVALID_SID, &sid->loc,
				        "Sid \"%s\" has characters other than A-Z, a-z and 0-9", sid->text);
				break;
			}
		}
		n++;
	}
	if (n < 2)
		return;
	with = tl__arena_alloc(b->arena, n * sizeof(*with));
	if (!with)
		return;
	for (i = 0, j = 0; i < doc->n_statements; i++)
		if (stmts[i].sid && stmts[i].sid->kind == TL_JSON_STRING && stmts[i].sid->len)
			with[j++] = &stmts[i];
	qsort(with, j, sizeof(*with), cmp_sid);
	for (i = 1; i < j; i++)
		if (with[i]->sid->len == with[i - 1]->sid->len &&
		    memcmp(with[i]->sid->text, with[i - 1]->sid->text, with[i]->sid->len) == 0)
			PROBLEM(b, TL_PROBLEM_DUPLICATE_SID, &with[i]->sid->loc,
			        "Sid \"%s\" is also used by statement %zu", with[i]->sid->text,
			        with[i - 1]->index);
}

size_t tl__quota_chars(const char *text, size_t len)
{
	size_t i, n = 0;

	/* characters, as the quota counts them: UTF-8 continuation bytes add none */
	for (i = 0; i < len; i++)
		n += !(text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') &&
		     ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

static tl_status build_document(builder *b, tl_document *doc, const tl__jnode *root,
                                const tl_limits *lim, tl_error *err)
{
	const tl__jnode *stmt_node = NULL;
	tl_statement *stmts;
	size_t i, n;

	if (root->type != TL__J_OBJECT) {
		PROBLEM(b, TL_PROBLEM_NOT_AN_OBJECT, &root->loc, "a policy must be a JSON object, not %s",
		        tl__json_type_name(root->type));
		return TL_OK;
	}
	for (i = 0; i < root->n; i++) {
		const tl__jnode *c = &root->child[i];
		tl_loc kloc = c->loc;

		kloc.line = c->loc.key_line;
		kloc.column = c->loc.key_column;
		if (strcmp(c->key, "Version") == 0) {
			tl_value *v = tl__arena_alloc(b->arena, sizeof(*v));
			if (!v)
				return TL_ENOMEM;
			to_value(c, v);
			doc->version = v;
			if (c->type == TL__J_STRING && strcmp(c->text, "2012-10-17") == 0)
				doc->variables_enabled = true;
			else if (!(c->type == TL__J_STRING && strcmp(c->text, "2008-10-17") == 0))
				PROBLEM(b, TL_PROBLEM_INVALID_VERSION, &c->loc,
				        "Version must be \"2012-10-17\" or \"2008-10-17\", not %s",
				        c->text ? c->text : tl__json_type_name(c->type));
		} else if (strcmp(c->key, "Id") == 0) {
			tl_value *v = tl__arena_alloc(b->arena, sizeof(*v));
			if (!v)
				return TL_ENOMEM;
			to_value(c, v);
			doc->id = v;
			if (c->type != TL__J_STRING)
				PROBLEM(b, TL_PROBLEM_WRONG_TYPE, &c->loc, "Id must be a string");
		} else if (strcmp(c->key, "Statement") == 0) {
			stmt_node = c;
		} else {
			PROBLEM(b, TL_PROBLEM_UNKNOWN_ELEMENT, &kloc,
			        "unknown policy element \"%s\" (expected Version, Id, Statement)", c->key);
		}
	}
	if (!doc->version)
		PROBLEM(b, TL_PROBLEM_MISSING_VERSION, &root->loc,
		        "no Version: policy variables such as ${aws:username} are then literal text");
	if (!stmt_node) {
		PROBLEM(b, TL_PROBLEM_MISSING_STATEMENT, &root->loc, "the policy has no Statement");
		return TL_OK;
	}
	doc->statement_loc = stmt_node->loc;
	doc->statement_is_array = stmt_node->type == TL__J_ARRAY;
	n = doc->statement_is_array ? stmt_node->n : 1;
	if (n > lim->max_statements) {
		tl__error_set(err, TL_ELIMIT, &stmt_node->loc, "more than %zu statements (limit)",
		              lim->max_statements);
		return TL_ELIMIT;
	}
	if (n == 0) {
		PROBLEM(b, TL_PROBLEM_MISSING_STATEMENT, &stmt_node->loc, "Statement is an empty list");
		return TL_OK;
	}
	stmts = tl__arena_alloc(b->arena, n * sizeof(*stmts));
	if (!stmts)
		return TL_ENOMEM;
	for (i = 0; i < n; i++) {
		stmts[i].index = i;
		build_statement(b, &stmts[i], doc->statement_is_array ? &stmt_node->child[i] : stmt_node);
	}
	doc->statements = stmts;
	doc->n_statements = n;
	check_sids(b, doc, stmts);
	return TL_OK;
}

tl_status tl_policy_parse(tl_policy **out, const char *text, size_t len, const tl_limits *limits,
                          tl_error *err)
{
	return tl_policy_parse_at(out, text, len, 1, 1, limits, err);
}

tl_policy *tl__policy_new(void)
{
	tl_policy *policy = calloc(1, sizeof(*policy));

	if (policy)
		tl__arena_init(&policy->arena);
	return policy;
}

/*
 * Build the model and the compiled form from a tree that lives in the
 * policy's own arena (from JSON text, or converted from YAML).  `size` is
 * the document's length without white space, for the quota rule.
 */
tl_status tl__policy_build(tl_policy *policy, const tl__jnode *root, size_t size,
                           const tl_limits *limits, tl_error *err)
{
	static const tl_limits defaults = TL_LIMITS_INIT;
	builder b = {&policy->arena, {0}};
	tl_status st;

	if (!limits)
		limits = &defaults;
	st = build_document(&b, &policy->doc, root, limits, err);
	if (st == TL_OK)
		st = tl__compile(policy, &b.problems);
	if (st == TL_OK && policy->arena.failed)
		st = TL_ENOMEM;
	if (st == TL_ENOMEM)
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
	if (st != TL_OK)
		return st;
	policy->doc.problems = b.problems.items;
	policy->doc.n_problems = b.problems.n;
	policy->doc.n_hard_problems = b.problems.hard;
	policy->doc.size_without_whitespace = size;
	return TL_OK;
}

tl_status tl_policy_parse_at(tl_policy **out, const char *text, size_t len, unsigned line,
                             unsigned column, const tl_limits *limits, tl_error *err)
{
	tl_policy *policy = tl__policy_new();
	const tl__jnode *root;
	tl_status st;

	*out = NULL;
	if (!policy) {
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
		return TL_ENOMEM;
	}
	st = tl__json_parse_at(&policy->arena, text, len, line, column, limits, &root, err);
	if (st == TL_OK)
		st = tl__policy_build(policy, root, tl__quota_chars(text, len), limits, err);
	if (st != TL_OK) {
		tl_policy_free(policy);
		return st;
	}
	*out = policy;
	return TL_OK;
}

const tl_document *tl_policy_document(const tl_policy *policy)
{
	return &policy->doc;
}

void tl_policy_free(tl_policy *policy)
{
	if (!policy)
		return;
	tl__arena_release(&policy->arena);
	free(policy);
}
