/*
 * check_policy.c - unit tests for engine/policy.c (with compile.c's
 * problems): the model tl_policy_parse builds from a trust policy and
 * the problems it reports, each where it belongs.
 *
 * Expected locations are computed from the test's own text (at()), so a
 * problem must point at the first character of what it is about: the
 * member name when an element's presence or name is wrong, the value
 * when its content is.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

typedef struct pos {
	unsigned line, col;
} pos;

/* Line and column (in characters) of the nth (1-based) occurrence of
 * `needle` in `text`, moved `offset` characters to the right. */
static pos at_off(const char *text, const char *needle, int nth, unsigned offset)
{
	const char *hit = text, *p;
	pos r = {1, 1};
	int i;

	for (i = 0; i < nth; i++) {
		hit = strstr(i ? hit + 1 : hit, needle);
		ck_assert_msg(hit != NULL, "test text lacks occurrence %d of %s", nth, needle);
	}
	for (p = text; p < hit; p++) {
		if (*p == '\n') {
			r.line++;
			r.col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			r.col++;
		}
	}
	r.col += offset;
	return r;
}

static pos at(const char *text, const char *needle)
{
	return at_off(text, needle, 1, 0);
}

static tl_policy *parse_ok(const char *text)
{
	tl_policy *p = NULL;
	tl_error err = {0};
	tl_status st = tl_policy_parse(&p, text, strlen(text), NULL, &err);

	ck_assert_msg(st == TL_OK, "parse failed: %s at %u:%u", err.message, err.line, err.column);
	ck_assert_ptr_nonnull(p);
	return p;
}

static size_t count(const tl_document *d, tl_problem_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < d->n_problems; i++)
		n += d->problems[i].kind == kind;
	return n;
}

static const tl_problem *find_problem(const tl_document *d, tl_problem_kind kind,
                                      const char *pointer)
{
	size_t i;

	for (i = 0; i < d->n_problems; i++)
		if (d->problems[i].kind == kind && strcmp(d->problems[i].loc.pointer, pointer) == 0)
			return &d->problems[i];
	return NULL;
}

/* A problem of `kind` at `pointer`, reported at `where`. */
static const tl_problem *expect_problem(const tl_document *d, tl_problem_kind kind,
                                        const char *pointer, pos where)
{
	const tl_problem *p = find_problem(d, kind, pointer);

	ck_assert_msg(p != NULL, "no %s at \"%s\"", tl_problem_name(kind), pointer);
	ck_assert_msg(p->loc.line == where.line && p->loc.column == where.col,
	              "%s at \"%s\" reported at %u:%u, expected %u:%u", tl_problem_name(kind), pointer,
	              p->loc.line, p->loc.column, where.line, where.col);
	ck_assert_ptr_nonnull(p->message);
	ck_assert(p->message[0] != '\0');
	return p;
}

static size_t hard_count(const tl_document *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n_problems; i++)
		n += d->problems[i].hard;
	return n;
}

#define TRUST_STMT "\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\""

/* ---- document and statements ----------------------------------------- */

START_TEST(test_policy_statement_object_or_array)
{
	const char *obj = "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT "}}";
	const char *arr = "{\"Version\": \"2012-10-17\", \"Statement\": [{" TRUST_STMT "}, {" TRUST_STMT
	                  ", \"Sid\": \"Two\"}]}";
	tl_policy *p = parse_ok(obj);
	const tl_document *d = tl_policy_document(p);
	pos w;

	ck_assert(!d->statement_is_array);
	ck_assert_uint_eq(d->n_statements, 1);
	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert_str_eq(d->statement_loc.pointer, "/Statement");
	ck_assert_str_eq(d->statements[0].loc.pointer, "/Statement");
	w = at(obj, "{\"Effect\"");
	ck_assert_uint_eq(d->statements[0].loc.column, w.col);
	ck_assert_int_eq(d->statements[0].effect, TL_EFFECT_ALLOW);
	ck_assert_ptr_null(d->statements[0].sid);
	tl_policy_free(p);

	p = parse_ok(arr);
	d = tl_policy_document(p);
	ck_assert(d->statement_is_array);
	ck_assert_uint_eq(d->n_statements, 2);
	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert_uint_eq(d->statements[1].index, 1);
	ck_assert_str_eq(d->statements[1].loc.pointer, "/Statement/1");
	ck_assert_ptr_nonnull(d->statements[1].sid);
	ck_assert_str_eq(d->statements[1].sid->text, "Two");
	ck_assert_str_eq(d->statements[1].sid->loc.pointer, "/Statement/1/Sid");
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_version_and_id)
{
	tl_policy *p = parse_ok("{\"Version\": \"2012-10-17\", \"Id\": \"trust-1\", \"Statement\": {" TRUST_STMT "}}");
	const tl_document *d = tl_policy_document(p);

	ck_assert_str_eq(d->version->text, "2012-10-17");
	ck_assert_str_eq(d->id->text, "trust-1");
	ck_assert(d->variables_enabled);
	tl_policy_free(p);

	/* Only 2012-10-17 enables policy variables (Version element page). */
	p = parse_ok("{\"Version\": \"2008-10-17\", \"Statement\": {" TRUST_STMT "}}");
	d = tl_policy_document(p);
	ck_assert(!d->variables_enabled);
	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert_ptr_null(d->id);
	tl_policy_free(p);

	p = parse_ok("{\"Statement\": {" TRUST_STMT "}}");
	d = tl_policy_document(p);
	ck_assert(!d->variables_enabled);
	ck_assert_ptr_null(d->version);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_effect_values)
{
	static const struct {
		const char *json;
		tl_effect want;
	} cases[] = {{"\"Allow\"", TL_EFFECT_ALLOW}, {"\"Deny\"", TL_EFFECT_DENY},
	             {"\"allow\"", TL_EFFECT_INVALID}, {"\"DENY\"", TL_EFFECT_INVALID},
	             {"\"Allow \"", TL_EFFECT_INVALID}, {"true", TL_EFFECT_INVALID},
	             {"[\"Allow\"]", TL_EFFECT_INVALID}};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p;
		const tl_document *d;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": %s, \"Principal\": "
		         "{\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\"}}",
		         cases[i].json);
		p = parse_ok(text);
		d = tl_policy_document(p);
		ck_assert_msg(d->statements[0].effect == cases[i].want, "Effect %s", cases[i].json);
		ck_assert_uint_eq(count(d, TL_PROBLEM_INVALID_EFFECT), cases[i].want == TL_EFFECT_INVALID);
		if (cases[i].want == TL_EFFECT_INVALID)
			expect_problem(d, TL_PROBLEM_INVALID_EFFECT, "/Statement/Effect",
			               at(text, cases[i].json));
		tl_policy_free(p);
	}
}
END_TEST

/* ---- principals -------------------------------------------------------- */

static const struct form_case {
	const char *key, *value;
	tl_principal_form form;
	const char *account;
} forms[] = {
	{"AWS", "*", TL_FORM_WILDCARD, ""},
	{"AWS", "111122223333", TL_FORM_ACCOUNT, "111122223333"},
	{"AWS", "arn:aws:iam::111122223333:root", TL_FORM_ACCOUNT, "111122223333"},
	{"AWS", "arn:aws-cn:iam::111122223333:root", TL_FORM_ACCOUNT, "111122223333"},
	{"AWS", "arn:aws:iam::444455556666:user/alice", TL_FORM_USER, "444455556666"},
	{"AWS", "arn:aws:iam::444455556666:user/division/team/alice", TL_FORM_USER, "444455556666"},
	{"AWS", "arn:aws:iam::444455556666:role/Admin", TL_FORM_ROLE, "444455556666"},
	{"AWS", "arn:aws-us-gov:iam::444455556666:role/service-role/path/Admin", TL_FORM_ROLE,
	 "444455556666"},
	{"AWS", "arn:aws:sts::444455556666:assumed-role/Admin/alice@example.com", TL_FORM_SESSION,
	 "444455556666"},
	{"AWS", "arn:aws:sts::444455556666:federated-user/bob", TL_FORM_FEDERATED_USER,
	 "444455556666"},
	{"AWS", "AIDAJQABLZS4A3QDU576Q", TL_FORM_UNIQUE_ID, ""},
	{"AWS", "AROADBQP57FF2AEXAMPLE", TL_FORM_UNIQUE_ID, ""},
	{"Service", "ec2.amazonaws.com", TL_FORM_SERVICE, ""},
	{"Service", "pods.eks.amazonaws.com", TL_FORM_SERVICE, ""},
	{"Service", "states.us-east-1.amazonaws.com", TL_FORM_SERVICE, ""},
	{"Federated", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
	 TL_FORM_OIDC_PROVIDER, "111122223333"},
	{"Federated",
	 "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
	 TL_FORM_OIDC_PROVIDER, "111122223333"},
	{"Federated", "arn:aws:iam::111122223333:saml-provider/Okta", TL_FORM_SAML_PROVIDER,
	 "111122223333"},
	{"Federated", "cognito-identity.amazonaws.com", TL_FORM_BUILTIN_IDP, ""},
	{"Federated", "accounts.google.com", TL_FORM_BUILTIN_IDP, ""},
	{"Federated", "graph.facebook.com", TL_FORM_BUILTIN_IDP, ""},
	{"Federated", "www.amazon.com", TL_FORM_BUILTIN_IDP, ""},
	{"CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
	 TL_FORM_CANONICAL, ""},
	/* What IAM refuses ("Invalid principal in policy"). */
	{"AWS", "11112222333", TL_FORM_INVALID, ""},
	{"AWS", "1111222233334", TL_FORM_INVALID, ""},
	{"AWS", "", TL_FORM_INVALID, ""},
	{"AWS", "alice", TL_FORM_INVALID, ""},
	{"AWS", "AIDA", TL_FORM_INVALID, ""},
	{"AWS", "AROAJQABLZ", TL_FORM_INVALID, ""},
	{"AWS", "AGPAJQABLZS4A3QDU576Q", TL_FORM_INVALID, ""}, /* a group id */
	{"AWS", "arn:aws:iam::111122223333:group/devs", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam:us-east-1:111122223333:role/Admin", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::11112222333:role/Admin", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:role/", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:user/", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:sts::111122223333:assumed-role/Admin", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:assumed-role/Admin/s", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:sts::111122223333:role/Admin", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:s3:::bucket", TL_FORM_INVALID, ""},
	{"AWS", "arn::iam::111122223333:root", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:user/alice/", TL_FORM_INVALID, ""},
	{"Service", "ec2.amazonaws.com ", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:saml-provider/Okta", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:oidc-provider/gitlab.com", TL_FORM_INVALID, ""},
	/* Partial wildcards: the only wildcard is the whole value "*". */
	{"AWS", "arn:aws:iam::*:root", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:role/*", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:iam::111122223333:role/Admin?", TL_FORM_INVALID, ""},
	{"AWS", "arn:aws:sts::111122223333:assumed-role/Admin/*", TL_FORM_INVALID, ""},
	{"AWS", "**", TL_FORM_INVALID, ""},
	{"Service", "*.amazonaws.com", TL_FORM_INVALID, ""},
	{"Service", "ec2", TL_FORM_INVALID, ""},
	{"Service", "arn:aws:iam::111122223333:root", TL_FORM_INVALID, ""},
	{"Federated", "arn:aws:iam::111122223333:role/Admin", TL_FORM_INVALID, ""},
	{"Federated", "arn:aws:iam::111122223333:saml-provider/", TL_FORM_INVALID, ""},
	{"Federated", "arn:aws:iam::111122223333:oidc-provider/*", TL_FORM_INVALID, ""},
	{"Federated", "111122223333", TL_FORM_INVALID, ""},
};

START_TEST(test_policy_principal_forms)
{
	const struct form_case *c = &forms[_i];
	char text[768];
	tl_policy *p;
	const tl_document *d;
	const tl_principal *pr;
	char ptr[64];

	snprintf(text, sizeof(text),
	         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	         "\"Principal\": {\"%s\": [\"%s\"]}, \"Action\": \"sts:AssumeRole\"}}",
	         c->key, c->value);
	p = parse_ok(text);
	d = tl_policy_document(p);
	ck_assert_uint_eq(d->statements[0].n_principals, 1);
	pr = &d->statements[0].principals[0];
	ck_assert_msg(pr->form == c->form, "%s %s: form %d, expected %d", c->key, c->value, pr->form,
	              c->form);
	ck_assert_str_eq(pr->account, c->account);
	ck_assert_str_eq(pr->value.text, c->value);
	ck_assert_str_eq(tl_principal_type_name(pr->type), c->key);
	snprintf(ptr, sizeof(ptr), "/Statement/Principal/%s/0", c->key);
	ck_assert_str_eq(pr->value.loc.pointer, ptr);
	if (c->form == TL_FORM_INVALID) {
		const tl_problem *pb = expect_problem(d, TL_PROBLEM_INVALID_PRINCIPAL, ptr,
		                                      at_off(text, "[\"", 1, 1));
		ck_assert(pb->hard);
		ck_assert_uint_eq(d->n_hard_problems, 1);
	} else {
		ck_assert_uint_eq(d->n_problems, 0);
	}
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_principal_list_and_types)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\",\n"
	                   " \"Principal\": {\"AWS\": [\"111122223333\", \"arn:aws:iam::444455556666:root\"],"
	                   " \"Service\": \"ec2.amazonaws.com\", \"Federated\": [],"
	                   " \"CanonicalUser\": \"abc\"},\n \"Action\": \"sts:AssumeRole\"}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);
	const tl_statement *st = &d->statements[0];

	ck_assert(st->has_principal);
	ck_assert(!st->not_principal);
	ck_assert_str_eq(st->principal_loc.pointer, "/Statement/Principal");
	ck_assert_uint_eq(st->principal_loc.line, 2);
	/* Every value of every key, in document order. */
	ck_assert_uint_eq(st->n_principals, 4);
	ck_assert_int_eq(st->principals[0].type, TL_PRINCIPAL_AWS);
	ck_assert_int_eq(st->principals[1].type, TL_PRINCIPAL_AWS);
	ck_assert_str_eq(st->principals[1].account, "444455556666");
	ck_assert_int_eq(st->principals[2].type, TL_PRINCIPAL_SERVICE);
	ck_assert_str_eq(st->principals[2].value.loc.pointer, "/Statement/Principal/Service");
	ck_assert_int_eq(st->principals[3].type, TL_PRINCIPAL_CANONICAL_USER);
	/* The empty Federated list names no one. */
	expect_problem(d, TL_PROBLEM_EMPTY_PRINCIPAL, "/Statement/Principal/Federated",
	               at_off(text, "\"Federated\": []", 1, 13));
	ck_assert_uint_eq(d->n_problems, 1);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_principal_bare_star)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	                   "\"Principal\": \"*\", \"Action\": \"sts:AssumeRole\"}]}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);
	const tl_problem *pb;

	/* IAM: 'invalid principal: "STAR":"*"' (aws-cdk#5732). */
	ck_assert_uint_eq(d->statements[0].n_principals, 1);
	ck_assert_int_eq(d->statements[0].principals[0].type, TL_PRINCIPAL_STAR);
	ck_assert_int_eq(d->statements[0].principals[0].form, TL_FORM_WILDCARD);
	pb = expect_problem(d, TL_PROBLEM_PRINCIPAL_STAR_STRING, "/Statement/0/Principal",
	                    at(text, "\"*\""));
	ck_assert(pb->hard);
	ck_assert_uint_eq(d->n_problems, 1);
	tl_policy_free(p);

	/* Any other bare string is not a Principal at all. */
	text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	       "\"Principal\": \"111122223333\", \"Action\": \"sts:AssumeRole\"}}";
	p = parse_ok(text);
	d = tl_policy_document(p);
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Principal", at(text, "\"111122223333\""));
	ck_assert_uint_eq(count(d, TL_PROBLEM_PRINCIPAL_STAR_STRING), 0);
	tl_policy_free(p);
}
END_TEST

/* ---- every problem, located, in one pass ------------------------------- */

static const char everything[] =
	"{\n"
	"  \"Version\": \"2012-10-18\",\n"
	"  \"Foo\": 1,\n"
	"  \"Statement\": [\n"
	"    {\n"
	"      \"Sid\": \"first one\",\n"
	"      \"Effect\": \"allow\",\n"
	"      \"NotPrincipal\": {\"AWS\": \"111122223333\"},\n"
	"      \"Action\": [\"sts:AssumeRole\", \"s3:GetObject\"],\n"
	"      \"NotAction\": \"sts:TagSession\",\n"
	"      \"Resource\": \"*\",\n"
	"      \"Condition\": {\n"
	"        \"StringEqual\": {\"k\": \"v\"},\n"
	"        \"NullIfExists\": {\"k\": \"true\"},\n"
	"        \"StringLike\": {\"aws:PrincipalTag/Team\": \"a\", \"AWS:principaltag/team\": \"b\"},\n"
	"        \"NumericLessThan\": {\"n\": \"ten\"},\n"
	"        \"StringEquals\": {\"e\": []}\n"
	"      }\n"
	"    },\n"
	"    {\n"
	"      \"Sid\": \"A\",\n"
	"      \"Effect\": \"Allow\",\n"
	"      \"Principal\": {\"Aws\": \"*\", \"AWS\": [\"arn:aws:iam::*:root\", \"*\"]},\n"
	"      \"Action\": \"sts:AssumeRole\"\n"
	"    },\n"
	"    {\"Sid\": \"A\", \"Principal\": \"*\", \"Effect\": \"Deny\", \"Action\": \"sts:AssumeRole\"},\n"
	"    {\"Sid\": \"B\"},\n"
	"    {\"Effect\": \"Allow\", \"Principal\": {}, \"Action\": []},\n"
	"    \"oops\"\n"
	"  ]\n"
	"}\n";

START_TEST(test_policy_problems_located)
{
	const char *t = everything;
	tl_policy *p = parse_ok(t);
	const tl_document *d = tl_policy_document(p);

	expect_problem(d, TL_PROBLEM_INVALID_VERSION, "/Version", at(t, "\"2012-10-18\""));
	expect_problem(d, TL_PROBLEM_UNKNOWN_ELEMENT, "/Foo", at(t, "\"Foo\""));
	expect_problem(d, TL_PROBLEM_INVALID_SID, "/Statement/0/Sid", at(t, "\"first one\""));
	expect_problem(d, TL_PROBLEM_INVALID_EFFECT, "/Statement/0/Effect", at(t, "\"allow\""));
	expect_problem(d, TL_PROBLEM_NOT_PRINCIPAL, "/Statement/0/NotPrincipal", at(t, "\"NotPrincipal\""));
	expect_problem(d, TL_PROBLEM_INVALID_ACTION, "/Statement/0/Action/1", at(t, "\"s3:GetObject\""));
	expect_problem(d, TL_PROBLEM_ACTION_AND_NOT_ACTION, "/Statement/0/NotAction",
	               at(t, "\"NotAction\""));
	expect_problem(d, TL_PROBLEM_RESOURCE_IN_TRUST_POLICY, "/Statement/0/Resource",
	               at(t, "\"Resource\""));
	expect_problem(d, TL_PROBLEM_UNKNOWN_OPERATOR, "/Statement/0/Condition/StringEqual",
	               at(t, "\"StringEqual\""));
	expect_problem(d, TL_PROBLEM_NULL_WITH_IF_EXISTS, "/Statement/0/Condition/NullIfExists",
	               at(t, "\"NullIfExists\""));
	/* every spelling but the first in byte order ("AWS:..." < "aws:...") */
	expect_problem(d, TL_PROBLEM_KEY_CASE_DUPLICATE,
	               "/Statement/0/Condition/StringLike/aws:PrincipalTag~1Team",
	               at(t, "\"aws:PrincipalTag/Team\""));
	expect_problem(d, TL_PROBLEM_TYPE_MISMATCH, "/Statement/0/Condition/NumericLessThan/n",
	               at(t, "\"ten\""));
	expect_problem(d, TL_PROBLEM_EMPTY_VALUES, "/Statement/0/Condition/StringEquals/e",
	               at_off(t, "\"e\": []", 1, 5));
	expect_problem(d, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, "/Statement/1/Principal/Aws", at(t, "\"Aws\""));
	expect_problem(d, TL_PROBLEM_INVALID_PRINCIPAL, "/Statement/1/Principal/AWS/0",
	               at(t, "\"arn:aws:iam::*:root\""));
	expect_problem(d, TL_PROBLEM_DUPLICATE_SID, "/Statement/2/Sid", at_off(t, "\"A\"", 2, 0));
	expect_problem(d, TL_PROBLEM_PRINCIPAL_STAR_STRING, "/Statement/2/Principal",
	               at_off(t, "\"Principal\": \"*\"", 1, 13));
	expect_problem(d, TL_PROBLEM_MISSING_EFFECT, "/Statement/3", at(t, "{\"Sid\": \"B\"}"));
	expect_problem(d, TL_PROBLEM_MISSING_PRINCIPAL, "/Statement/3", at(t, "{\"Sid\": \"B\"}"));
	expect_problem(d, TL_PROBLEM_MISSING_ACTION, "/Statement/3", at(t, "{\"Sid\": \"B\"}"));
	expect_problem(d, TL_PROBLEM_EMPTY_PRINCIPAL, "/Statement/4/Principal",
	               at_off(t, "\"Principal\": {}", 1, 13));
	expect_problem(d, TL_PROBLEM_MISSING_ACTION, "/Statement/4/Action",
	               at_off(t, "\"Action\": []", 1, 10));
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/5", at(t, "\"oops\""));
	/* All of them, and nothing else. */
	ck_assert_uint_eq(d->n_problems, 23);
	ck_assert_uint_eq(d->n_statements, 6);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_hard_and_soft)
{
	tl_policy *p = parse_ok(everything);
	const tl_document *d = tl_policy_document(p);
	static const tl_problem_kind hard[] = {
		/* SEMANTICS.md 1.4: what IAM refuses to store. */
		TL_PROBLEM_INVALID_VERSION,      TL_PROBLEM_UNKNOWN_ELEMENT,
		TL_PROBLEM_INVALID_EFFECT,       TL_PROBLEM_NOT_PRINCIPAL,
		TL_PROBLEM_INVALID_ACTION,       TL_PROBLEM_RESOURCE_IN_TRUST_POLICY,
		TL_PROBLEM_INVALID_PRINCIPAL,    TL_PROBLEM_PRINCIPAL_STAR_STRING,
		TL_PROBLEM_MISSING_EFFECT,       TL_PROBLEM_MISSING_PRINCIPAL,
		TL_PROBLEM_MISSING_ACTION,       TL_PROBLEM_UNKNOWN_OPERATOR,
		TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, TL_PROBLEM_WRONG_TYPE,
	};
	static const tl_problem_kind soft[] = {
		/* Access Analyzer warnings and suggestions: IAM stores these. */
		TL_PROBLEM_TYPE_MISMATCH, TL_PROBLEM_EMPTY_VALUES, TL_PROBLEM_INVALID_SID,
	};
	size_t i, j;

	ck_assert_uint_eq(d->n_hard_problems, hard_count(d));
	ck_assert_uint_eq(d->n_hard_problems, 18);
	for (i = 0; i < d->n_problems; i++) {
		for (j = 0; j < sizeof(hard) / sizeof(*hard); j++)
			if (d->problems[i].kind == hard[j])
				ck_assert_msg(d->problems[i].hard, "%s should be hard",
				              tl_problem_name(d->problems[i].kind));
		for (j = 0; j < sizeof(soft) / sizeof(*soft); j++)
			if (d->problems[i].kind == soft[j])
				ck_assert_msg(!d->problems[i].hard, "%s should be soft",
				              tl_problem_name(d->problems[i].kind));
	}
	tl_policy_free(p);

	/* A storable policy that only lacks Version: one soft problem. */
	p = parse_ok("{\"Statement\": {" TRUST_STMT "}}");
	d = tl_policy_document(p);
	ck_assert_uint_eq(d->n_problems, 1);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	expect_problem(d, TL_PROBLEM_MISSING_VERSION, "", (pos){1, 1});
	ck_assert(!d->problems[0].hard);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_document_shape_problems)
{
	static const char *const not_objects[] = {"[]", "\"x\"", "null", "12", "  [{}]"};
	tl_policy *p;
	const tl_document *d;
	size_t i;

	for (i = 0; i < sizeof(not_objects) / sizeof(*not_objects); i++) {
		p = parse_ok(not_objects[i]);
		d = tl_policy_document(p);
		expect_problem(d, TL_PROBLEM_NOT_AN_OBJECT, "",
		               (pos){1, (unsigned)strspn(not_objects[i], " ") + 1});
		ck_assert_uint_eq(d->n_statements, 0);
		ck_assert_uint_eq(d->n_hard_problems, 1);
		tl_policy_free(p);
	}

	p = parse_ok("{\"Version\": \"2012-10-17\"}");
	d = tl_policy_document(p);
	expect_problem(d, TL_PROBLEM_MISSING_STATEMENT, "", (pos){1, 1});
	tl_policy_free(p);

	p = parse_ok("{\"Version\": \"2012-10-17\",\n \"Statement\": []}");
	d = tl_policy_document(p);
	expect_problem(d, TL_PROBLEM_MISSING_STATEMENT, "/Statement", (pos){2, 15});
	ck_assert_uint_eq(d->n_statements, 0);
	tl_policy_free(p);

	/* A Version that is not a string is reported with its type, not a
	 * null pointer. */
	p = parse_ok("{\"Version\": [\"2012-10-17\"], \"Statement\": {" TRUST_STMT "}}");
	d = tl_policy_document(p);
	ck_assert_uint_eq(count(d, TL_PROBLEM_INVALID_VERSION), 1);
	ck_assert_ptr_null(strstr(d->problems[0].message, "(null)"));
	ck_assert(!d->variables_enabled);
	tl_policy_free(p);

	/* Element names are case-sensitive. */
	p = parse_ok("{\"version\": \"2012-10-17\", \"statement\": {" TRUST_STMT "}}");
	d = tl_policy_document(p);
	ck_assert_uint_eq(count(d, TL_PROBLEM_UNKNOWN_ELEMENT), 2);
	ck_assert_uint_eq(count(d, TL_PROBLEM_MISSING_STATEMENT), 1);
	ck_assert_uint_eq(count(d, TL_PROBLEM_MISSING_VERSION), 1);
	tl_policy_free(p);
	p = parse_ok("{\"Version\": \"2012-10-17\", \"Statement\": {\"sid\": \"A\", \"effect\": \"Allow\", "
	             "\"Principal\": {\"aws\": \"111122223333\"}, \"action\": \"sts:AssumeRole\"}}");
	d = tl_policy_document(p);
	ck_assert_uint_eq(count(d, TL_PROBLEM_UNKNOWN_ELEMENT), 3);
	/* One mistake, one problem: the key, not also its value. */
	ck_assert_uint_eq(count(d, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY), 1);
	ck_assert_uint_eq(count(d, TL_PROBLEM_INVALID_PRINCIPAL), 0);
	ck_assert_uint_eq(count(d, TL_PROBLEM_MISSING_EFFECT), 1);
	ck_assert_uint_eq(count(d, TL_PROBLEM_MISSING_ACTION), 1);
	ck_assert_ptr_null(d->statements[0].sid);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_wrong_types)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                   "\"Principal\": {\"AWS\": [\"111122223333\", 444455556666]}, "
	                   "\"Action\": {\"a\": 1}, \"Condition\": {\"StringEquals\": {\"k\": {\"x\": 1}, "
	                   "\"j\": [null]}, \"Bool\": \"true\"}, \"Sid\": 5}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);

	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Principal/AWS/1", at(text, "444455556666"));
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Action", at(text, "{\"a\""));
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Condition/StringEquals/k", at(text, "{\"x\""));
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Condition/StringEquals/j/0", at(text, "null"));
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Condition/Bool",
	               at_off(text, "\"Bool\": ", 1, 8));
	expect_problem(d, TL_PROBLEM_WRONG_TYPE, "/Statement/Sid", at(text, "5}}"));
	ck_assert_uint_eq(count(d, TL_PROBLEM_WRONG_TYPE), 6);
	/* A number in Principal is not a principal, but it is reported once. */
	ck_assert_uint_eq(count(d, TL_PROBLEM_INVALID_PRINCIPAL), 0);
	tl_policy_free(p);
}
END_TEST

/* ---- actions ----------------------------------------------------------- */

START_TEST(test_policy_actions)
{
	static const struct {
		const char *action;
		bool ok;
	} cases[] = {
		{"sts:AssumeRole", true},
		{"sts:AssumeRoleWithSAML", true},
		{"sts:AssumeRoleWithWebIdentity", true},
		{"sts:TagSession", true},
		{"sts:SetSourceIdentity", true},
		{"sts:SetContext", true},
		{"STS:assumerole", true}, /* action names ignore case */
		{"*", true},
		{"sts:AssumeRole*", true}, /* wildcards: unverified, not refused */
		{"s3:GetObject", false},
		{"iam:PassRole", false},
		{"sts:GetCallerIdentity", false},
		{"sts:AssumeRoles", false},
		{"sts:Assume Role", false},
		{" sts:AssumeRole", false},
		{"sts:", false},
		{"AssumeRole", false},
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p;
		const tl_document *d;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		         "{\"AWS\": \"111122223333\"}, \"Action\": [\"sts:AssumeRole\", \"%s\"]}}",
		         cases[i].action);
		p = parse_ok(text);
		d = tl_policy_document(p);
		ck_assert_uint_eq(d->statements[0].n_actions, 2);
		ck_assert_str_eq(d->statements[0].actions[1].text, cases[i].action);
		if (cases[i].ok) {
			ck_assert_msg(d->n_problems == 0, "%s: unexpected %s", cases[i].action,
			              d->n_problems ? tl_problem_name(d->problems[0].kind) : "");
		} else {
			ck_assert_msg(count(d, TL_PROBLEM_INVALID_ACTION) == 1, "%s not refused",
			              cases[i].action);
			expect_problem(d, TL_PROBLEM_INVALID_ACTION, "/Statement/Action/1",
			               at_off(text, "\"sts:AssumeRole\", \"", 1, 18));
		}
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_policy_action_model)
{
	tl_policy *p = parse_ok("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\", "
	                        "\"Principal\": {\"AWS\": \"*\"}, \"NotAction\": \"sts:TagSession\"}}");
	const tl_statement *st = &tl_policy_document(p)->statements[0];

	ck_assert(st->has_action);
	ck_assert(st->not_action);
	ck_assert_uint_eq(st->n_actions, 1);
	ck_assert_str_eq(st->actions[0].text, "sts:TagSession");
	ck_assert_str_eq(st->action_loc.pointer, "/Statement/NotAction");
	ck_assert_int_eq(st->effect, TL_EFFECT_DENY);
	ck_assert_uint_eq(tl_policy_document(p)->n_problems, 0);
	tl_policy_free(p);
}
END_TEST

/* ---- conditions -------------------------------------------------------- */

static const struct op_case {
	const char *text;
	bool known;
	tl_operator op;
	tl_qualifier qual;
	bool if_exists, negated;
} ops[] = {
	{"StringEquals", true, TL_OP_STRING_EQUALS, TL_QUAL_NONE, false, false},
	{"ForAnyValue:StringLikeIfExists", true, TL_OP_STRING_LIKE, TL_QUAL_FOR_ANY_VALUE, true, false},
	{"ForAllValues:StringNotEquals", true, TL_OP_STRING_NOT_EQUALS, TL_QUAL_FOR_ALL_VALUES, false,
	 true},
	{"StringEqualsIgnoreCaseIfExists", true, TL_OP_STRING_EQUALS_IGNORE_CASE, TL_QUAL_NONE, true,
	 false},
	{"StringNotLikeIfExists", true, TL_OP_STRING_NOT_LIKE, TL_QUAL_NONE, true, true},
	{"NotIpAddress", true, TL_OP_NOT_IP_ADDRESS, TL_QUAL_NONE, false, true},
	{"ArnNotLike", true, TL_OP_ARN_NOT_LIKE, TL_QUAL_NONE, false, true},
	{"NumericNotEquals", true, TL_OP_NUMERIC_NOT_EQUALS, TL_QUAL_NONE, false, true},
	{"DateNotEquals", true, TL_OP_DATE_NOT_EQUALS, TL_QUAL_NONE, false, true},
	{"DateGreaterThanEqualsIfExists", true, TL_OP_DATE_GREATER_THAN_EQUALS, TL_QUAL_NONE, true,
	 false},
	{"BinaryEquals", true, TL_OP_BINARY_EQUALS, TL_QUAL_NONE, false, false},
	{"Null", true, TL_OP_NULL, TL_QUAL_NONE, false, false},
	{"ForAllValues:Null", true, TL_OP_NULL, TL_QUAL_FOR_ALL_VALUES, false, false},
	/* Exact case and exact shape only. */
	{"stringequals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"ForAnyvalue:StringEquals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"forallvalues:StringEquals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"StringEqualsIfexists", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"IfExists", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"ForAnyValue:", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"ForAnyValue:ForAllValues:StringEquals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"StringEqualsIfExistsIfExists", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"ForAnyValue: StringEquals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{" StringEquals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"StringEqual", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
	{"ForAnyValueStringEquals", false, TL_OP_UNKNOWN, TL_QUAL_NONE, false, false},
};

START_TEST(test_policy_operators_parsed)
{
	const struct op_case *c = &ops[_i];
	char text[512], ptr[128];
	tl_policy *p;
	const tl_document *d;
	const tl_condition *cond;

	snprintf(text, sizeof(text),
	         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
	         "{\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	         "{\"%s\": {\"aws:PrincipalTag/x\": \"true\"}}}}",
	         c->text);
	p = parse_ok(text);
	d = tl_policy_document(p);
	ck_assert_uint_eq(d->statements[0].n_conditions, 1);
	cond = &d->statements[0].conditions[0];
	ck_assert_str_eq(cond->operator_text.text, c->text);
	ck_assert_msg(cond->op == c->op, "%s: op %d, expected %d", c->text, cond->op, c->op);
	ck_assert_int_eq(cond->qualifier, c->qual);
	ck_assert_int_eq(cond->if_exists, c->if_exists);
	ck_assert_int_eq(cond->negated, c->negated);
	snprintf(ptr, sizeof(ptr), "/Statement/Condition/%s", c->text);
	if (c->known) {
		/* The bare operator name: no qualifier prefix, no IfExists. */
		const char *name = strchr(c->text, ':') ? strchr(c->text, ':') + 1 : c->text;
		size_t len = strlen(name) - (c->if_exists ? strlen("IfExists") : 0);

		ck_assert_uint_eq(strlen(tl_operator_name(cond->op)), len);
		ck_assert(memcmp(tl_operator_name(cond->op), name, len) == 0);
		ck_assert_uint_eq(count(d, TL_PROBLEM_UNKNOWN_OPERATOR), 0);
		ck_assert_uint_eq(d->n_hard_problems, 0);
	} else {
		expect_problem(d, TL_PROBLEM_UNKNOWN_OPERATOR, ptr, at_off(text, "\"Condition\": {", 1, 14));
		ck_assert_uint_eq(d->n_problems, 1);
		ck_assert(d->problems[0].hard);
	}
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_operator_names_round_trip)
{
	/* The operators.def table is the source of the public enum. */
	ck_assert_str_eq(tl_operator_name(TL_OP_STRING_EQUALS), "StringEquals");
	ck_assert_str_eq(tl_operator_name(TL_OP_NOT_IP_ADDRESS), "NotIpAddress");
	ck_assert_str_eq(tl_operator_name(TL_OP_ARN_NOT_LIKE), "ArnNotLike");
	ck_assert_str_eq(tl_operator_name(TL_OP_NULL), "Null");
	ck_assert_str_eq(tl_problem_name(TL_PROBLEM_DUPLICATE_SID), "DUPLICATE_SID");
	ck_assert_str_eq(tl_problem_name(TL_PROBLEM_NOT_AN_OBJECT), "NOT_AN_OBJECT");
}
END_TEST

START_TEST(test_policy_null_with_if_exists)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                   "\"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\", "
	                   "\"Condition\": {\"NullIfExists\": {\"aws:TokenIssueTime\": \"true\"}}}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);
	const tl_problem *pb;

	pb = expect_problem(d, TL_PROBLEM_NULL_WITH_IF_EXISTS, "/Statement/Condition/NullIfExists",
	                    at(text, "\"NullIfExists\""));
	ck_assert(pb->hard);
	ck_assert_uint_eq(d->n_problems, 1);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_condition_values_keep_kind)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                   "\"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\", "
	                   "\"Condition\": {\"NumericLessThanEquals\": {\"aws:MultiFactorAuthAge\": "
	                   "[10.0, \"10\", 1e2]},\n \"Bool\": {\"aws:SecureTransport\": true, "
	                   "\"aws:MultiFactorAuthPresent\": \"True\"}}}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);
	const tl_statement *st = &d->statements[0];
	const tl_condition *c;

	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert(st->has_condition);
	ck_assert_str_eq(st->condition_loc.pointer, "/Statement/Condition");
	ck_assert_uint_eq(st->n_conditions, 3);
	c = &st->conditions[0];
	ck_assert_uint_eq(c->index, 0);
	ck_assert_str_eq(c->key.text, "aws:MultiFactorAuthAge");
	ck_assert_uint_eq(c->key.loc.line, 1);
	ck_assert_uint_eq(c->key.loc.column, at(text, "\"aws:MultiFactorAuthAge\"").col);
	ck_assert(c->values_array);
	ck_assert_uint_eq(c->n_values, 3);
	ck_assert_int_eq(c->values[0].kind, TL_JSON_NUMBER);
	ck_assert_str_eq(c->values[0].text, "10.0");
	ck_assert_int_eq(c->values[1].kind, TL_JSON_STRING);
	ck_assert_str_eq(c->values[1].text, "10");
	ck_assert_int_eq(c->values[2].kind, TL_JSON_NUMBER);
	ck_assert_str_eq(c->values[2].text, "1e2");
	ck_assert_str_eq(c->values[2].loc.pointer,
	                 "/Statement/Condition/NumericLessThanEquals/aws:MultiFactorAuthAge/2");
	c = &st->conditions[1];
	ck_assert_uint_eq(c->index, 1);
	ck_assert_int_eq(c->op, TL_OP_BOOL);
	ck_assert(!c->values_array);
	ck_assert_uint_eq(c->n_values, 1);
	ck_assert_int_eq(c->values[0].kind, TL_JSON_BOOL);
	ck_assert_str_eq(c->values[0].text, "true");
	ck_assert_uint_eq(c->values[0].loc.line, 2);
	c = &st->conditions[2];
	ck_assert_uint_eq(c->index, 2);
	ck_assert_str_eq(c->key.text, "aws:MultiFactorAuthPresent");
	ck_assert_int_eq(c->values[0].kind, TL_JSON_STRING);
	ck_assert_str_eq(c->values[0].text, "True");
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_empty_lists)
{
	const char *text;
	tl_policy *p;
	const tl_document *d;
	const tl_statement *st;

	/* Condition: {} does not affect the policy, but is worth a soft problem
	 * (Access Analyzer "Empty object condition", a suggestion). */
	p = parse_ok("{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": {}}}");
	d = tl_policy_document(p);
	ck_assert(d->statements[0].has_condition);
	ck_assert_uint_eq(d->statements[0].n_conditions, 0);
	ck_assert_uint_eq(d->n_problems, 1);
	ck_assert_uint_eq(count(d, TL_PROBLEM_EMPTY_VALUES), 1);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	tl_policy_free(p);

	text = "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT
	       ", \"Condition\": {\"StringEquals\": {}, \"StringLike\": {\"k\": []}}}}";
	p = parse_ok(text);
	d = tl_policy_document(p);
	st = &d->statements[0];
	ck_assert_uint_eq(st->n_conditions, 1);
	ck_assert(st->conditions[0].values_array);
	ck_assert_uint_eq(st->conditions[0].n_values, 0);
	expect_problem(d, TL_PROBLEM_EMPTY_VALUES, "/Statement/Condition/StringEquals",
	               at(text, "\"StringEquals\""));
	expect_problem(d, TL_PROBLEM_EMPTY_VALUES, "/Statement/Condition/StringLike/k",
	               at_off(text, "\"k\": []", 1, 5));
	ck_assert_uint_eq(d->n_problems, 2);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	tl_policy_free(p);

	text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	       "\"Principal\": {\"AWS\": []}, \"Action\": []}}";
	p = parse_ok(text);
	d = tl_policy_document(p);
	st = &d->statements[0];
	ck_assert(st->has_principal);
	ck_assert_uint_eq(st->n_principals, 0);
	ck_assert(st->has_action);
	ck_assert_uint_eq(st->n_actions, 0);
	expect_problem(d, TL_PROBLEM_EMPTY_PRINCIPAL, "/Statement/Principal/AWS",
	               at_off(text, "\"AWS\": []", 1, 7));
	expect_problem(d, TL_PROBLEM_MISSING_ACTION, "/Statement/Action",
	               at_off(text, "\"Action\": []", 1, 10));
	ck_assert_uint_eq(d->n_problems, 2);
	ck_assert_uint_eq(d->n_hard_problems, 2);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_key_case_duplicate)
{
	const char *text =
		"{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": {"
		"\"StringEquals\": {\"aws:RequestTag/Team\": \"a\", \"sts:ExternalId\": \"x\", "
		"\"AWS:requesttag/team\": \"b\", \"aws:requesttag/TEAM\": \"c\", \"aws:RequestTag/Teams\": \"d\"}, "
		"\"StringLike\": {\"aws:requesttag/team\": \"e\"}}}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);

	/* Every spelling of the same key but the first in byte order, whatever
	 * the order of the keys (here "AWS:requesttag/team" comes first); the
	 * same key under another operator is a separate block. */
	expect_problem(d, TL_PROBLEM_KEY_CASE_DUPLICATE,
	               "/Statement/Condition/StringEquals/aws:RequestTag~1Team",
	               at(text, "\"aws:RequestTag/Team\""));
	expect_problem(d, TL_PROBLEM_KEY_CASE_DUPLICATE,
	               "/Statement/Condition/StringEquals/aws:requesttag~1TEAM",
	               at(text, "\"aws:requesttag/TEAM\""));
	ck_assert_uint_eq(d->n_problems, 2);
	ck_assert(!d->problems[0].hard);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_duplicate_sid)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Same\", " TRUST_STMT
	                   "}, {\"Sid\": \"Other\", " TRUST_STMT "}, {\"Sid\": \"Same\", " TRUST_STMT
	                   "}, {\"Sid\": \"Same\", " TRUST_STMT "}]}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);

	/* Unique Sids: each repeat is reported at the repeat, the first use
	 * is not. */
	expect_problem(d, TL_PROBLEM_DUPLICATE_SID, "/Statement/2/Sid", at_off(text, "\"Same\"", 2, 0));
	expect_problem(d, TL_PROBLEM_DUPLICATE_SID, "/Statement/3/Sid", at_off(text, "\"Same\"", 3, 0));
	ck_assert_ptr_null(find_problem(d, TL_PROBLEM_DUPLICATE_SID, "/Statement/0/Sid"));
	ck_assert_uint_eq(count(d, TL_PROBLEM_DUPLICATE_SID), 2);
	ck_assert_uint_eq(count(d, TL_PROBLEM_INVALID_SID), 0);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_invalid_sid)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Ok123\", " TRUST_STMT
	                   "}, {\"Sid\": \"not-ok\", " TRUST_STMT "}, {\"Sid\": \"caf\xc3\xa9\", " TRUST_STMT
	                   "}]}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);

	expect_problem(d, TL_PROBLEM_INVALID_SID, "/Statement/1/Sid", at(text, "\"not-ok\""));
	expect_problem(d, TL_PROBLEM_INVALID_SID, "/Statement/2/Sid", at(text, "\"caf"));
	ck_assert_uint_eq(d->n_problems, 2);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_type_mismatch)
{
	static const struct {
		const char *op, *value;
		bool bad;
	} cases[] = {
		{"NumericLessThan", "\"ten\"", true},
		{"NumericLessThan", "\"10\"", false},
		{"NumericLessThan", "10.5", false},
		{"NumericEquals", "\"1,000\"", true},
		{"DateGreaterThan", "\"yesterday\"", true},
		{"DateGreaterThan", "\"2020-01-01T00:00:00Z\"", false},
		{"DateLessThan", "1700000000", false},
		{"Bool", "\"yes\"", true},
		{"Bool", "true", false},
		{"Bool", "\"False\"", false},
		{"IpAddress", "\"10.0.0.256\"", true},
		{"IpAddress", "\"10.0.0.0/8\"", false},
		{"NotIpAddress", "\"2001:db8::/129\"", true},
		{"ArnLike", "\"not-an-arn\"", true},
		{"ArnEquals", "\"arn:aws:iam::111122223333:role/R\"", false},
		{"BinaryEquals", "\"!!!!\"", true},
		{"BinaryEquals", "\"QmluYXJ5\"", false},
		{"Null", "\"maybe\"", true},
		{"StringEquals", "\"anything at all\"", false},
		{"StringEquals", "12", false},
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p;
		const tl_document *d;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": "
		         "{\"%s\": {\"k\": [%s]}}}}",
		         cases[i].op, cases[i].value);
		p = parse_ok(text);
		d = tl_policy_document(p);
		ck_assert_msg(count(d, TL_PROBLEM_TYPE_MISMATCH) == cases[i].bad, "%s %s", cases[i].op,
		              cases[i].value);
		ck_assert_uint_eq(d->n_problems, cases[i].bad);
		if (cases[i].bad) {
			char ptr[96];
			snprintf(ptr, sizeof(ptr), "/Statement/Condition/%s/k/0", cases[i].op);
			expect_problem(d, TL_PROBLEM_TYPE_MISMATCH, ptr, at(text, cases[i].value));
			ck_assert(!d->problems[0].hard);
		}
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_policy_bad_variable)
{
	static const char *const bad[] = {
		"${aws:username",         /* missing brace */
		"x-${}",                  /* empty variable */
		"${aws: username}",       /* space */
		"${aws:username }",       /* space */
		"${aws:username, nobody}",  /* default without quotes */
		"${aws:username,'nobody'}", /* no space after the comma */
		"${aws:username,x'nobody'}", /* something else after the comma */
		"${aws:username, 'a'b'}", /* quote inside the default */
		"${, 'x'}",               /* no key */
	};
	static const char *const good[] = {
		"${aws:username}", "${aws:username, 'nobody'}", "a${*}b${?}c${$}", "$", "$x{y}",
		"${aws:PrincipalTag/team}-${aws:userid}",
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		tl_policy *p;
		const tl_document *d;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": "
		         "{\"StringLike\": {\"k\": \"%s\"}}}}",
		         bad[i]);
		p = parse_ok(text);
		d = tl_policy_document(p);
		ck_assert_msg(count(d, TL_PROBLEM_BAD_VARIABLE) == 1, "%s not reported", bad[i]);
		expect_problem(d, TL_PROBLEM_BAD_VARIABLE, "/Statement/Condition/StringLike/k",
		               at_off(text, "\"k\": ", 1, 5));
		ck_assert_uint_eq(d->n_problems, 1);
		tl_policy_free(p);
	}
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		tl_policy *p;
		const tl_document *d;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": "
		         "{\"StringLike\": {\"k\": \"%s\"}, \"ArnLike\": {\"a\": \"arn:aws:iam::%s:role/x\"}}}}",
		         good[i], good[i]);
		p = parse_ok(text);
		d = tl_policy_document(p);
		ck_assert_msg(d->n_problems == 0, "%s: %s", good[i],
		              d->n_problems ? d->problems[0].message : "");
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_policy_variable_unsupported)
{
	static const struct {
		const char *op, *value;
	} cases[] = {
		{"NumericEquals", "${aws:MultiFactorAuthAge}"},
		{"DateLessThan", "${aws:CurrentTime}"},
		{"IpAddress", "${aws:SourceIp}"},
		{"Bool", "${aws:SecureTransport}"},
		{"BinaryEquals", "${aws:x}"},
		{"Null", "${aws:x}"},
	};
	char text[512];
	size_t i;

	/* Variables are substituted only for String and ARN operators. */
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p;
		const tl_document *d;
		char ptr[96];

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": "
		         "{\"%s\": {\"k\": \"%s\"}}}}",
		         cases[i].op, cases[i].value);
		p = parse_ok(text);
		d = tl_policy_document(p);
		snprintf(ptr, sizeof(ptr), "/Statement/Condition/%s/k", cases[i].op);
		ck_assert_msg(count(d, TL_PROBLEM_VARIABLE_UNSUPPORTED) == 1, "%s", cases[i].op);
		expect_problem(d, TL_PROBLEM_VARIABLE_UNSUPPORTED, ptr, at_off(text, "\"k\": ", 1, 5));
		ck_assert(!find_problem(d, TL_PROBLEM_VARIABLE_UNSUPPORTED, ptr)->hard);
		tl_policy_free(p);
	}
	/* ... where they are fine. */
	snprintf(text, sizeof(text),
	         "{\"Version\": \"2012-10-17\", \"Statement\": {" TRUST_STMT ", \"Condition\": "
	         "{\"StringEqualsIgnoreCase\": {\"k\": \"${aws:username}\"}, "
	         "\"ArnNotEquals\": {\"a\": \"${aws:PrincipalArn}\"}}}}");
	{
		tl_policy *p = parse_ok(text);
		ck_assert_uint_eq(tl_policy_document(p)->n_problems, 0);
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_policy_not_principal_and_both)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\",\n"
	                   "  \"NotPrincipal\": {\"AWS\": \"111122223333\"},\n"
	                   "  \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);

	/* Both: the statement keeps Principal whatever the order of the two
	 * (the invariance test checks that), and one problem names NotPrincipal. */
	ck_assert(!d->statements[0].not_principal);
	ck_assert_uint_eq(d->statements[0].n_principals, 1);
	ck_assert_int_eq(d->statements[0].principals[0].form, TL_FORM_WILDCARD);
	expect_problem(d, TL_PROBLEM_NOT_PRINCIPAL, "/Statement/NotPrincipal", at(text, "\"NotPrincipal\""));
	ck_assert_uint_eq(d->n_problems, 1);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_not_resource)
{
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": [{" TRUST_STMT ",\n"
	                   "  \"NotResource\": [\"arn:aws:iam::111122223333:role/x\"]}]}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);
	const tl_problem *pb;

	pb = expect_problem(d, TL_PROBLEM_RESOURCE_IN_TRUST_POLICY, "/Statement/0/NotResource",
	                    (pos){2, 3});
	ck_assert(pb->hard);
	ck_assert(d->statements[0].has_resource);
	ck_assert_uint_eq(d->statements[0].resource_loc.line, 2);
	ck_assert_uint_eq(d->n_problems, 1);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_policy_parse_at_offsets)
{
	/* A policy embedded at 12:20 of a larger file (a template, a plan):
	 * every location is the file's. */
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"allow\",\n"
	                   "  \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"s3:GetObject\"}}";
	tl_policy *p = NULL;
	tl_error err = {0};
	const tl_document *d;
	pos effect = at(text, "\"allow\""), action = at(text, "\"s3:GetObject\"");

	ck_assert_int_eq(tl_policy_parse_at(&p, text, strlen(text), 12, 20, NULL, &err), TL_OK);
	d = tl_policy_document(p);
	expect_problem(d, TL_PROBLEM_INVALID_EFFECT, "/Statement/Effect",
	               (pos){11 + effect.line, 19 + effect.col});
	expect_problem(d, TL_PROBLEM_INVALID_ACTION, "/Statement/Action", (pos){11 + action.line, action.col});
	ck_assert_uint_eq(d->statement_loc.line, 12);
	ck_assert_uint_eq(d->statement_loc.column, 19 + at(text, "{\"Effect\"").col);
	tl_policy_free(p);

	ck_assert_int_eq(tl_policy_parse_at(&p, "{\"Statement\": }", 15, 3, 5, NULL, &err), TL_ESYNTAX);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(err.line, 3);
	ck_assert_uint_eq(err.column, 4 + 15);
}
END_TEST

START_TEST(test_policy_max_statements)
{
	tl_limits lim = TL_LIMITS_INIT;
	tl_policy *p = NULL;
	tl_error err = {0};
	const char *two = "{\"Statement\": [{" TRUST_STMT "}, {" TRUST_STMT "}]}";
	const char *three = "{\"Statement\":\n [{" TRUST_STMT "}, {" TRUST_STMT "}, {" TRUST_STMT "}]}";

	lim.max_statements = 2;
	ck_assert_int_eq(tl_policy_parse(&p, two, strlen(two), &lim, &err), TL_OK);
	ck_assert_uint_eq(tl_policy_document(p)->n_statements, 2);
	tl_policy_free(p);
	p = (tl_policy *)&err; /* must be reset to NULL on failure */
	ck_assert_int_eq(tl_policy_parse(&p, three, strlen(three), &lim, &err), TL_ELIMIT);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(err.status, TL_ELIMIT);
	ck_assert_str_eq(err.pointer, "/Statement");
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 2);
}
END_TEST

START_TEST(test_policy_parse_errors)
{
	tl_policy *p = NULL;
	tl_error err = {0};
	const char *dup = "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", "
	                  "\"Effect\": \"Deny\"}}";
	const char *broken = "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": }}";

	/* A duplicate element is refused, not "last wins". */
	ck_assert_int_eq(tl_policy_parse(&p, dup, strlen(dup), NULL, &err), TL_ESYNTAX);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(err.status, TL_ESYNTAX);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_ge(err.column, at(dup, "\"Effect\": \"Deny\"").col);
	ck_assert_uint_le(err.column, at(dup, "\"Effect\": \"Deny\"").col + 7);
	ck_assert_int_eq(tl_policy_parse(&p, broken, strlen(broken), NULL, &err), TL_ESYNTAX);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, at(broken, "}}").col);
}
END_TEST

/* Template placeholders: found with their kind; IAM policy variables are not. */
START_TEST(test_policy_template_placeholders)
{
	static const struct {
		const char *text, *found, *kind;
	} cases[] = {
		{"${module.eks.oidc_provider_arn}", "${module.eks.oidc_provider_arn}", "Terraform interpolation"},
		{"arn:aws:iam::${data.aws_caller_identity.current.account_id}:root",
		 "${data.aws_caller_identity.current.account_id}", "Terraform interpolation"},
		{"arn:${AWS_PARTITION}:iam::1:root", "${AWS_PARTITION}", "shell variable"},
		{"arn:aws:iam::$ACCOUNT_ID:root", "$ACCOUNT_ID", "shell variable"},
		{"arn:aws:iam::<AWS_ACCOUNT_ID>:root", "<AWS_ACCOUNT_ID>", "documentation placeholder"},
		{"{arn-aws}iam::111122223333:root", "{arn-aws}", "documentation placeholder"},
		{"{{ .Values.roleArn }}", "{{ .Values.roleArn }}", "Go, Helm or Jinja template"},
		{"arn:aws:iam::${AWS::AccountId}:root", "${AWS::AccountId}", "CloudFormation Fn::Sub variable"},
		{"arn:aws:iam::${self:custom.account}:root", "${self:custom.account}", "Serverless Framework variable"},
		{"${trusted_entity}", "${trusted_entity}", "template variable"},
	};
	static const char *const not_placeholders[] = {
		"${aws:username}", "${aws:PrincipalTag/team}-x", "${www.amazon.com:user_id}",
		"${token.actions.githubusercontent.com:sub}", "a${*}b${?}c${$}", "${aws: username}",
		"${aws:username, 'nobody'}", "arn:aws:lambda:eu-west-1:111122223333:function:f:$LATEST",
		"$", "$x{y}", "a<b", "arn:aws:iam::111122223333:root", "${unclosed",
	};
	size_t i, at, n;
	const char *kind;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		ck_assert_msg(tl_template_placeholder(cases[i].text, strlen(cases[i].text), &at, &n, &kind),
		              "%s: not found", cases[i].text);
		ck_assert_uint_eq(n, strlen(cases[i].found));
		ck_assert_msg(memcmp(cases[i].text + at, cases[i].found, n) == 0, "%s", cases[i].text);
		ck_assert_str_eq(kind, cases[i].kind);
	}
	for (i = 0; i < sizeof(not_placeholders) / sizeof(*not_placeholders); i++)
		ck_assert_msg(!tl_template_placeholder(not_placeholders[i], strlen(not_placeholders[i]),
		                                       NULL, NULL, NULL),
		              "%s taken for a placeholder", not_placeholders[i]);
}
END_TEST

/* One placeholder problem per value, instead of INVALID_PRINCIPAL and variable problems. */
START_TEST(test_policy_placeholder_problems)
{
	const char *text =
		"{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"arn:aws:iam::${var.a}:user/${var.b}\", \"${var.type}\": \"x\"}, "
		"\"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": "
		"{\"aws:PrincipalTag/t\": \"${var.tag}\", \"sts:RoleSessionName\": \"${aws:username}\"}}}}";
	tl_policy *p = parse_ok(text);
	const tl_document *d = tl_policy_document(p);
	const tl_problem *pr;

	ck_assert_uint_eq(count(d, TL_PROBLEM_TEMPLATE_PLACEHOLDER), 2);
	ck_assert_uint_eq(count(d, TL_PROBLEM_TEMPLATE_PLACEHOLDER_VALUE), 1);
	ck_assert_uint_eq(count(d, TL_PROBLEM_INVALID_PRINCIPAL), 0);
	ck_assert_uint_eq(count(d, TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY), 0);
	ck_assert_uint_eq(count(d, TL_PROBLEM_BAD_VARIABLE), 0);
	pr = expect_problem(d, TL_PROBLEM_TEMPLATE_PLACEHOLDER, "/Statement/Principal/AWS",
	                    at_off(text, "\"arn:aws:iam::${var.a}", 1, 0));
	ck_assert_ptr_nonnull(strstr(pr->message, "holds \"${var.a}\""));
	ck_assert_ptr_nonnull(strstr(pr->message, "terraform show -json"));
	ck_assert_int_eq(d->statements[0].principals[0].form, TL_FORM_PLACEHOLDER);
	tl_policy_free(p);
}
END_TEST

/* INVALID_PRINCIPAL says what is wrong, not only what was expected. */
START_TEST(test_policy_invalid_principal_reasons)
{
	static const struct {
		const char *key, *value, *reason;
	} cases[] = {
		{"Federated", "arn:aws:iam::123:oidc-provider/oidc.eks.eu-north-1.amazonaws.com/id/1",
		 "account id \"123\" is not 12 digits"},
		{"AWS", "54321", "account id \"54321\" is not 12 digits"},
		{"AWS", "arn:aws:iam::*:root", "a partial wildcard"},
		{"AWS", "arn:aws:iam:3456:role/x", "six colon-separated parts"},
		{"AWS", "arn:aws:s3:::bucket", "service \"s3\" cannot name a principal"},
		{"AWS", "arn:aws:iam:us-east-1:111122223333:root", "no region"},
		{"AWS", "arn:aws:iam::111122223333:group/admins", "resource \"group/admins\" is not a principal"},
		{"AWS", "arn:aws:iam::111122223333:oidc-provider/x.example.com", "belongs under \"Federated\""},
		{"Federated", "arn:aws:iam::111122223333:role/x", "go under \"AWS\""},
		{"AWS", "arn:aws:iam::111122223333:role/", "is empty"},
		{"AWS", "ACCOUNT-B-ID", "neither an account id"},
		{"Service", "codebuild", "not a service principal name"},
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p;
		const tl_problem *pr;
		char ptr[64];

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		         "{\"%s\": \"%s\"}, \"Action\": \"sts:AssumeRole\"}}",
		         cases[i].key, cases[i].value);
		snprintf(ptr, sizeof(ptr), "/Statement/Principal/%s", cases[i].key);
		p = parse_ok(text);
		pr = find_problem(tl_policy_document(p), TL_PROBLEM_INVALID_PRINCIPAL, ptr);
		ck_assert_msg(pr != NULL, "%s: no INVALID_PRINCIPAL", cases[i].value);
		ck_assert_msg(strstr(pr->message, cases[i].reason) != NULL, "%s: \"%s\" lacks \"%s\"",
		              cases[i].value, pr->message, cases[i].reason);
		tl_policy_free(p);
	}
}
END_TEST

/* Unknown principal types say what they probably meant. */
START_TEST(test_policy_unknown_type_reasons)
{
	static const struct {
		const char *key, *reason;
	} cases[] = {
		{"codebuild.amazonaws.com", "write {\"Service\": \"codebuild.amazonaws.com\"}"},
		{"aws", "case-sensitive, write \"AWS\""},
		{"Federate", "expected AWS, Service, Federated or CanonicalUser"},
	};
	char text[512], ptr[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p;
		const tl_problem *pr;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		         "{\"%s\": \"x\"}, \"Action\": \"sts:AssumeRole\"}}",
		         cases[i].key);
		snprintf(ptr, sizeof(ptr), "/Statement/Principal/%s", cases[i].key);
		p = parse_ok(text);
		pr = find_problem(tl_policy_document(p), TL_PROBLEM_UNKNOWN_PRINCIPAL_KEY, ptr);
		ck_assert_msg(pr && strstr(pr->message, cases[i].reason), "%s: %s", cases[i].key,
		              pr ? pr->message : "not reported");
		tl_policy_free(p);
	}
}
END_TEST

static Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *model = tcase_create("model");
	TCase *principals = tcase_create("principals");
	TCase *problems = tcase_create("problems");
	TCase *conditions = tcase_create("conditions");

	tcase_add_test(model, test_policy_statement_object_or_array);
	tcase_add_test(model, test_policy_version_and_id);
	tcase_add_test(model, test_policy_effect_values);
	tcase_add_test(model, test_policy_actions);
	tcase_add_test(model, test_policy_action_model);
	tcase_add_test(model, test_policy_max_statements);
	tcase_add_test(model, test_policy_parse_errors);
	tcase_add_test(model, test_policy_parse_at_offsets);
	suite_add_tcase(s, model);

	tcase_add_loop_test(principals, test_policy_principal_forms, 0,
	                    (int)(sizeof(forms) / sizeof(*forms)));
	tcase_add_test(principals, test_policy_principal_list_and_types);
	tcase_add_test(principals, test_policy_principal_bare_star);
	tcase_add_test(principals, test_policy_not_principal_and_both);
	tcase_add_test(principals, test_policy_not_resource);
	suite_add_tcase(s, principals);

	tcase_add_test(problems, test_policy_problems_located);
	tcase_add_test(problems, test_policy_hard_and_soft);
	tcase_add_test(problems, test_policy_document_shape_problems);
	tcase_add_test(problems, test_policy_wrong_types);
	tcase_add_test(problems, test_policy_duplicate_sid);
	tcase_add_test(problems, test_policy_invalid_sid);
	suite_add_tcase(s, problems);

	tcase_add_loop_test(conditions, test_policy_operators_parsed, 0,
	                    (int)(sizeof(ops) / sizeof(*ops)));
	tcase_add_test(conditions, test_policy_operator_names_round_trip);
	tcase_add_test(conditions, test_policy_null_with_if_exists);
	tcase_add_test(conditions, test_policy_condition_values_keep_kind);
	tcase_add_test(conditions, test_policy_empty_lists);
	tcase_add_test(conditions, test_policy_key_case_duplicate);
	tcase_add_test(conditions, test_policy_type_mismatch);
	tcase_add_test(conditions, test_policy_bad_variable);
	tcase_add_test(conditions, test_policy_template_placeholders);
	tcase_add_test(conditions, test_policy_placeholder_problems);
	tcase_add_test(principals, test_policy_invalid_principal_reasons);
	tcase_add_test(principals, test_policy_unknown_type_reasons);
	tcase_add_test(conditions, test_policy_variable_unsupported);
	suite_add_tcase(s, conditions);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(policy_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
