/*
 * check_suite.c - unit tests for engine/suite.c: expectation files as
 * trustlint.h and the README describe them ({"policy", "role", "cases"}
 * or {"suites": [...]}), the request each case builds (caller shorthand
 * or the eval request form, then "action" and "context" overrides), and
 * every error located at its line:column.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trustlint.h"

#define ACCT "111122223333"
#define ALICE "arn:aws:iam::" ACCT ":user/alice"
#define EKS_ID "5C4E9F2A1B3D4E5F60718293A4B5C6D7"
#define EKS_HOST "oidc.eks.us-west-2.amazonaws.com/id/" EKS_ID
#define EKS_ARN "arn:aws:iam::" ACCT ":oidc-provider/" EKS_HOST
#define CLUSTER "arn:aws:eks:us-west-2:" ACCT ":cluster/prod"

/* Where `needle` (its `nth` occurrence, from 0) starts in `text`, 1-based. */
static void where(const char *text, const char *needle, int nth, unsigned *line, unsigned *col)
{
	const char *p = text, *hit = NULL, *q;

	for (; nth >= 0; nth--) {
		hit = strstr(p, needle);
		ck_assert_msg(hit != NULL, "no %s in the text", needle);
		p = hit + 1;
	}
	*line = 1;
	*col = 1;
	for (q = text; q < hit; q++) {
		if (*q == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static void expect_pos(unsigned line, unsigned col, const char *text, const char *needle, int nth)
{
	unsigned l, c;

	where(text, needle, nth, &l, &c);
	ck_assert_msg(line == l && col == c, "at %u:%u, want %u:%u (%s)", line, col, l, c, needle);
}

/* Load a file that is JSON; problems or not. */
static tl_suite *load_any(const char *text, const char *def)
{
	tl_suite *s = NULL;
	tl_error err = {0};
	tl_status st = tl_suite_load(&s, text, strlen(text), def, &err);

	ck_assert_msg(st == TL_OK, "%s at %u:%u: %s", tl_status_name(st), err.line, err.column,
	              err.message);
	ck_assert_ptr_nonnull(s);
	return s;
}

/* Load a file without a problem. */
static tl_suite *load(const char *text, const char *def)
{
	tl_suite *s = load_any(text, def);

	ck_assert_msg(tl_suite_problem_count(s) == 0, "problem at %u:%u: %s",
	              tl_suite_problem_at(s, 0)->error.line, tl_suite_problem_at(s, 0)->error.column,
	              tl_suite_problem_at(s, 0)->error.message);
	return s;
}

/* Problem k of the file (which must have it), located and with a message. */
static void problem_of(const tl_suite *s, size_t k, tl_error *err)
{
	const tl_suite_problem *p = tl_suite_problem_at(s, k);

	ck_assert_msg(p != NULL, "no problem %zu (%zu in all)", k, tl_suite_problem_count(s));
	*err = p->error;
	ck_assert_int_eq(err->status, TL_EARG);
	ck_assert_msg(err->message[0] != '\0', "no message");
	ck_assert_msg(err->line > 0 && err->column > 0, "unlocated: %s", err->message);
}

/* The file fails: a hard error (`want` not TL_EARG: not JSON, not an
 * object) or, for TL_EARG, problems, the first of them in err. */
static void load_fails(const char *text, const char *def, tl_status want, tl_error *err)
{
	tl_suite *s = (tl_suite *)&s;
	tl_status st;

	memset(err, 0, sizeof(*err));
	st = tl_suite_load(&s, text, strlen(text), def, err);
	if (want == TL_EARG && st == TL_OK) {
		problem_of(s, 0, err);
		tl_suite_free(s);
		return;
	}
	ck_assert_msg(st == want, "%s, want %s (%s)", tl_status_name(st), tl_status_name(want),
	              err->message);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(err->status, want);
	ck_assert_msg(err->message[0] != '\0', "no message");
	ck_assert_msg(err->line > 0 && err->column > 0, "unlocated: %s", err->message);
}

static tl_policy *compile(const char *text)
{
	tl_policy *p = NULL;
	tl_error err = {0};

	ck_assert_msg(tl_policy_parse(&p, text, strlen(text), NULL, &err) == TL_OK, "%s", err.message);
	ck_assert_uint_eq(tl_policy_document(p)->n_hard_problems, 0);
	return p;
}

static long key_index(const tl_request *r, const char *key)
{
	size_t i, n = tl_request_key_count(r);

	for (i = 0; i < n; i++)
		if (strcasecmp(tl_request_key(r, i, NULL, NULL), key) == 0)
			return (long)i;
	return -1;
}

/* KEY has exactly these values, in order (n may be 0: present, empty). */
static void expect_values(const tl_request *r, const char *key, const char *const *values, size_t n)
{
	long k = key_index(r, key);
	size_t got = 99, i;

	ck_assert_msg(k >= 0, "no key %s", key);
	tl_request_key(r, (size_t)k, &got, NULL);
	ck_assert_msg(got == n, "%s has %zu values, want %zu", key, got, n);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(tl_request_value(r, (size_t)k, i, NULL), values[i]);
}

static void expect_key(const tl_request *r, const char *key, const char *value)
{
	expect_values(r, key, &value, 1);
}

static const char irsa_policy_text[] =
	"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	"{\"Federated\": \"" EKS_ARN "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
	"\"Condition\": {\"StringEquals\": {\"" EKS_HOST ":sub\": \"system:serviceaccount:payments:api\", "
	"\"" EKS_HOST ":aud\": \"sts.amazonaws.com\"}}}]}";

/* ---- reading files ----------------------------------------------------- */

START_TEST(test_suite_one_policy_several_cases)
{
	static const char text[] =
		"{\"policy\": \"payments.json\",\n"
		" \"cases\": [\n"
		"  {\"name\": \"api may\", \"caller\": {\"irsa\": [\"" EKS_ID "\", \"payments\", \"api\"]},\n"
		"   \"expect\": \"allow\"},\n"
		"  {\"name\": \"ec2 may not\", \"caller\": {\"service\": \"ec2.amazonaws.com\"}, \"expect\": \"deny\"},\n"
		"    {\"caller\": {\"account\": \"444455556666\"}, \"expect\": \"implicit-deny\"}\n"
		" ]}\n";
	tl_suite *s = load(text, NULL);
	const tl_case *c;

	ck_assert_uint_eq(tl_suite_case_count(s), 3);
	c = tl_suite_case(s, 0);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->name, "api may");
	ck_assert_str_eq(c->policy, "payments.json");
	ck_assert_ptr_null(c->role);
	ck_assert_int_eq(c->expect, TL_EXPECT_ALLOW);
	expect_pos(c->line, c->column, text, "{\"name\": \"api may\"", 0);
	c = tl_suite_case(s, 1);
	ck_assert_str_eq(c->name, "ec2 may not");
	ck_assert_int_eq(c->expect, TL_EXPECT_DENY);
	ck_assert_str_eq(c->policy, "payments.json");
	expect_pos(c->line, c->column, text, "{\"name\": \"ec2", 0);
	/* A case without a name still has one to report. */
	c = tl_suite_case(s, 2);
	ck_assert_ptr_nonnull(c->name);
	ck_assert(c->name[0] != '\0');
	ck_assert_int_eq(c->expect, TL_EXPECT_IMPLICIT_DENY);
	expect_pos(c->line, c->column, text, "{\"caller\": {\"account\"", 0);
	/* Past the end. */
	ck_assert_ptr_null(tl_suite_case(s, 3));
	tl_suite_free(s);
	tl_suite_free(NULL);
}
END_TEST

START_TEST(test_suite_several_policies)
{
	static const char text[] =
		"{\"suites\": [\n"
		" {\"policy\": \"roles/app.json\", \"role\": \"AppRole\", \"cases\": [\n"
		"   {\"name\": \"a1\", \"caller\": {\"service\": \"ec2.amazonaws.com\"}, \"expect\": \"allow\"},\n"
		"   {\"name\": \"a2\", \"caller\": {\"service\": \"lambda.amazonaws.com\"}, \"expect\": \"explicit-deny\"}]},\n"
		" {\"policy\": \"roles/ci.json\", \"cases\": [\n"
		"   {\"name\": \"c1\", \"caller\": {\"user\": \"" ALICE "\"}, \"expect\": \"deny\"}]},\n"
		" {\"cases\": [{\"name\": \"d1\", \"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"allow\"}]}\n"
		"]}\n";
	tl_suite *s = load(text, "sibling.json");
	const tl_case *c;

	ck_assert_uint_eq(tl_suite_case_count(s), 4);
	c = tl_suite_case(s, 0);
	ck_assert_str_eq(c->name, "a1");
	ck_assert_str_eq(c->policy, "roles/app.json");
	ck_assert_ptr_nonnull(c->role);
	ck_assert_str_eq(c->role, "AppRole");
	c = tl_suite_case(s, 1);
	ck_assert_str_eq(c->name, "a2");
	ck_assert_str_eq(c->policy, "roles/app.json");
	ck_assert_str_eq(c->role, "AppRole");
	ck_assert_int_eq(c->expect, TL_EXPECT_EXPLICIT_DENY);
	c = tl_suite_case(s, 2);
	ck_assert_str_eq(c->name, "c1");
	ck_assert_str_eq(c->policy, "roles/ci.json");
	ck_assert_ptr_null(c->role);
	ck_assert_int_eq(c->expect, TL_EXPECT_DENY);
	expect_pos(c->line, c->column, text, "{\"name\": \"c1\"", 0);
	/* A block that names no policy takes the default. */
	c = tl_suite_case(s, 3);
	ck_assert_str_eq(c->name, "d1");
	ck_assert_str_eq(c->policy, "sibling.json");
	ck_assert_ptr_null(c->role);
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_default_policy)
{
	static const char unnamed[] =
		"{\"cases\": [{\"caller\": {\"service\": \"ec2.amazonaws.com\"}, \"expect\": \"allow\"}]}";
	static const char named[] =
		"{\"policy\": \"other.json\", \"role\": \"R\", \"cases\": [{\"caller\": {\"service\": "
		"\"ec2.amazonaws.com\"}, \"expect\": \"allow\"}]}";
	char def[32];
	tl_suite *s;

	/* The sibling policy's name, copied: the caller's buffer may go. */
	snprintf(def, sizeof(def), "%s", "role.json");
	s = load(unnamed, def);
	memset(def, 'x', sizeof(def) - 1);
	ck_assert_str_eq(tl_suite_case(s, 0)->policy, "role.json");
	ck_assert_ptr_null(tl_suite_case(s, 0)->role);
	tl_suite_free(s);
	/* A file that names its policy keeps it. */
	s = load(named, "role.json");
	ck_assert_str_eq(tl_suite_case(s, 0)->policy, "other.json");
	ck_assert_str_eq(tl_suite_case(s, 0)->role, "R");
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_expect_words)
{
	static const struct {
		const char *word;
		tl_expect e;
	} words[] = {{"allow", TL_EXPECT_ALLOW},
	             {"deny", TL_EXPECT_DENY},
	             {"explicit-deny", TL_EXPECT_EXPLICIT_DENY},
	             {"implicit-deny", TL_EXPECT_IMPLICIT_DENY}};
	static const char *const bad[] = {"Allow", "denied", "explicit_deny", "", "allow "};
	char text[256];
	tl_error err;
	size_t i;

	for (i = 0; i < 4; i++) {
		tl_suite *s;
		snprintf(text, sizeof(text),
		         "{\"policy\": \"p.json\", \"cases\": [{\"caller\": {\"service\": \"x\"}, "
		         "\"expect\": \"%s\"}]}", words[i].word);
		s = load(text, NULL);
		ck_assert_int_eq(tl_suite_case(s, 0)->expect, words[i].e);
		ck_assert_str_eq(tl_expect_name(words[i].e), words[i].word);
		tl_suite_free(s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(text, sizeof(text),
		         "{\"policy\": \"p.json\", \"cases\": [{\"caller\": {\"service\": \"x\"},\n"
		         "  \"expect\": \"%s\"}]}", bad[i]);
		load_fails(text, NULL, TL_EARG, &err);
		/* at the word */
		ck_assert_uint_eq(err.line, 2);
		ck_assert_uint_eq(err.column, 13);
		ck_assert_msg(strstr(err.message, "expect") != NULL, "%s", err.message);
	}
}
END_TEST

/* ---- building requests ------------------------------------------------- */

START_TEST(test_suite_caller_request)
{
	static const char text[] =
		"{\"cases\": [\n"
		" {\"caller\": {\"irsa\": [\"" EKS_ID "\", \"payments\", \"api\"]}, \"expect\": \"allow\"},\n"
		" {\"caller\": {\"service\": \"ec2.amazonaws.com\"}, \"expect\": \"deny\"},\n"
		" {\"caller\": {\"pod-identity\": [\"" CLUSTER "\", \"payments\", \"api\"]}, \"expect\": \"deny\"}]}";
	tl_suite *s = load(text, "p.json");
	tl_policy *p = compile(irsa_policy_text);
	tl_request *r = tl_request_new();
	tl_caller_actions acts;
	tl_error err = {0};
	tl_result res;

	ck_assert_ptr_nonnull(r);
	/* A cluster id resolved through the policy given. */
	ck_assert_int_eq(tl_suite_request(s, 0, p, r, &acts, &err), TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_FEDERATED);
	ck_assert_str_eq(tl_request_principal_id(r), EKS_ARN);
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_str_eq(acts.action[0], "sts:AssumeRoleWithWebIdentity");
	expect_key(r, EKS_HOST ":sub", "system:serviceaccount:payments:api");
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	/* A single argument may be a plain string. */
	ck_assert_int_eq(tl_suite_request(s, 1, p, r, &acts, &err), TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_SERVICE);
	ck_assert_str_eq(tl_request_principal_id(r), "ec2.amazonaws.com");
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	/* Both actions of a Pod Identity caller. */
	ck_assert_int_eq(tl_suite_request(s, 2, p, r, &acts, &err), TL_OK);
	ck_assert_uint_eq(acts.n, 2);
	ck_assert_str_eq(acts.action[0], "sts:AssumeRole");
	ck_assert_str_eq(acts.action[1], "sts:TagSession");
	/* Past the end. */
	ck_assert_int_eq(tl_suite_request(s, 3, p, r, &acts, &err), TL_EARG);
	tl_request_free(r);
	tl_policy_free(p);
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_request_form)
{
	static const char text[] =
		"{\"cases\": [\n"
		" {\"request\": {\"principal\": {\"type\": \"AWS\", \"id\": \"" ALICE "\"}, "
		"\"action\": \"sts:AssumeRole\", \"context\": {\"sts:ExternalId\": \"e-1\", "
		"\"aws:TagKeys\": [\"a\", \"b\"]}}, \"expect\": \"allow\"},\n"
		" {\"request\": {\"principal\": {\"type\": \"Service\", \"id\": \"ec2.amazonaws.com\"}}, "
		"\"expect\": \"deny\"}]}";
	tl_suite *s = load(text, "p.json");
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
		"{\"StringEquals\": {\"sts:ExternalId\": \"e-1\"}}}]}");
	tl_request *r = tl_request_new();
	tl_caller_actions acts;
	tl_error err = {0};
	tl_result res;
	static const char *const ab[] = {"a", "b"};

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(tl_suite_request(s, 0, p, r, &acts, &err), TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_AWS);
	ck_assert_str_eq(tl_request_principal_id(r), ALICE);
	ck_assert_str_eq(tl_request_action(r), "sts:AssumeRole");
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_str_eq(acts.action[0], "sts:AssumeRole");
	expect_key(r, "sts:ExternalId", "e-1");
	expect_values(r, "aws:TagKeys", ab, 2);
	/* the request form derives the caller keys it leaves out */
	expect_key(r, "aws:PrincipalArn", ALICE);
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	/* The request form needs its action (as eval's does), and says where. */
	ck_assert_int_eq(tl_suite_request(s, 1, p, r, &acts, &err), TL_EARG);
	ck_assert_msg(strstr(err.message, "action") != NULL, "%s", err.message);
	ck_assert_uint_eq(err.line, 3);
	tl_request_free(r);
	tl_policy_free(p);
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_context_override)
{
	static const char text[] =
		"{\"cases\": [\n"
		" {\"caller\": {\"irsa\": [\"" EKS_ARN "\", \"payments\", \"api\"]}, \"context\": {\n"
		"   \"" EKS_HOST ":aud\": \"other-audience\",\n"
		"   \"OIDC.EKS.US-WEST-2.AMAZONAWS.COM/ID/" EKS_ID ":SUB\": \"system:serviceaccount:payments:admin\",\n"
		"   \"aws:SourceIp\": \"203.0.113.7\", \"aws:TagKeys\": [\"x\", \"y\"], \"sts:TransitiveTagKeys\": [],\n"
		"   \"aws:MultiFactorAuthAge\": 300, \"aws:SecureTransport\": true}, \"expect\": \"deny\"},\n"
		" {\"caller\": {\"role\": \"arn:aws:iam::" ACCT ":role/app\"}, \"context\": {\"aws:PrincipalArn\": "
		"\"arn:aws:iam::" ACCT ":role/other\"}, \"expect\": \"deny\"}]}";
	tl_suite *s = load(text, "p.json");
	tl_policy *p = compile(irsa_policy_text);
	tl_request *r = tl_request_new();
	tl_caller_actions acts;
	tl_error err = {0};
	tl_result res;
	static const char *const xy[] = {"x", "y"};
	long k;
	size_t n = 99;
	bool derived = true;

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(tl_suite_request(s, 0, p, r, &acts, &err), TL_OK);
	/* The context replaces what the caller sent (in any key case) and adds the rest. */
	expect_key(r, EKS_HOST ":aud", "other-audience");
	expect_key(r, EKS_HOST ":sub", "system:serviceaccount:payments:admin");
	expect_key(r, "aws:SourceIp", "203.0.113.7");
	expect_values(r, "aws:TagKeys", xy, 2);
	expect_values(r, "sts:TransitiveTagKeys", NULL, 0);
	expect_key(r, "aws:MultiFactorAuthAge", "300");
	expect_key(r, "aws:SecureTransport", "true");
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_FEDERATED);
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	/* A derived key given in the context is the context's, and not derived. */
	ck_assert_int_eq(tl_suite_request(s, 1, p, r, &acts, &err), TL_OK);
	expect_key(r, "aws:PrincipalArn", "arn:aws:iam::" ACCT ":role/other");
	k = key_index(r, "aws:PrincipalArn");
	tl_request_key(r, (size_t)k, &n, &derived);
	ck_assert(!derived);
	tl_request_free(r);
	tl_policy_free(p);
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_action_override)
{
	static const char text[] =
		"{\"cases\": [\n"
		" {\"caller\": {\"pod-identity\": [\"" CLUSTER "\", \"payments\", \"api\"]}, "
		"\"action\": \"sts:TagSession\", \"expect\": \"allow\"},\n"
		" {\"request\": {\"principal\": {\"type\": \"AWS\", \"id\": \"" ALICE "\"}, \"action\": "
		"\"sts:AssumeRole\"}, \"action\": \"sts:SetSourceIdentity\", \"expect\": \"deny\"},\n"
		" {\"caller\": {\"user\": \"" ALICE "\"}, \"action\": \"sts:TagSession\", \"expect\": \"allow\"}]}";
	tl_suite *s = load(text, "p.json");
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:TagSession\"}]}");
	tl_request *r = tl_request_new();
	tl_caller_actions acts;
	tl_error err = {0};
	tl_result res;

	ck_assert_ptr_nonnull(r);
	/* The action replaces the caller's, all of them. */
	ck_assert_int_eq(tl_suite_request(s, 0, NULL, r, &acts, &err), TL_OK);
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_str_eq(acts.action[0], "sts:TagSession");
	ck_assert_str_eq(tl_request_action(r), "sts:TagSession");
	ck_assert_str_eq(tl_request_principal_id(r), "pods.eks.amazonaws.com");
	ck_assert_int_eq(tl_suite_request(s, 1, NULL, r, &acts, &err), TL_OK);
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_str_eq(acts.action[0], "sts:SetSourceIdentity");
	ck_assert_str_eq(tl_request_action(r), "sts:SetSourceIdentity");
	ck_assert_int_eq(tl_suite_request(s, 2, p, r, &acts, &err), TL_OK);
	ck_assert_str_eq(tl_request_action(r), "sts:TagSession");
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	tl_request_free(r);
	tl_policy_free(p);
	tl_suite_free(s);
}
END_TEST

/* The cases of a file decided as `trustlint test` decides them: every
 * action allowed for "allow"; otherwise the worst decision. */
START_TEST(test_suite_cases_decide_as_expected)
{
	static const char text[] =
		"{\"policy\": \"payments.json\", \"cases\": [\n"
		" {\"caller\": {\"irsa\": [\"https://" EKS_HOST "\", \"payments\", \"api\"]}, \"expect\": \"allow\"},\n"
		" {\"caller\": {\"irsa\": [\"" EKS_ID "\", \"payments\", \"default\"]}, \"expect\": \"implicit-deny\"},\n"
		" {\"caller\": {\"irsa\": [\"" EKS_ID "\", \"payments\", \"api\"]}, \"context\": {\"aws:SourceIp\": \"198.51.100.1\"}, \"expect\": \"explicit-deny\"},\n"
		" {\"caller\": {\"pod-identity\": [\"" CLUSTER "\", \"payments\", \"api\"]}, \"expect\": \"deny\"},\n"
		" {\"caller\": {\"service\": \"pods.eks.amazonaws.com\"}, \"context\": {\"aws:SourceAccount\": \"" ACCT "\"}, \"expect\": \"allow\"}]}";
	tl_suite *s = load(text, NULL);
	/* IRSA for payments/api, except from 198.51.100.0/24; Pod Identity may
	 * AssumeRole but not TagSession. */
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": \"" EKS_ARN "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
		"\"Condition\": {\"StringEquals\": {\"" EKS_HOST ":sub\": \"system:serviceaccount:payments:api\"}}}, "
		"{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:*\", \"Condition\": "
		"{\"IpAddress\": {\"aws:SourceIp\": \"198.51.100.0/24\"}}}, "
		"{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, "
		"\"Action\": \"sts:AssumeRole\"}]}");
	tl_request *r = tl_request_new();
	size_t i, k;

	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(tl_suite_case_count(s), 5);
	for (i = 0; i < tl_suite_case_count(s); i++) {
		const tl_case *c = tl_suite_case(s, i);
		tl_caller_actions acts;
		tl_error err = {0};
		tl_decision worst = TL_ALLOW;
		bool holds;

		ck_assert_msg(tl_suite_request(s, i, p, r, &acts, &err) == TL_OK, "case %zu: %s", i,
		              err.message);
		ck_assert_uint_ge(acts.n, 1);
		for (k = 0; k < acts.n; k++) {
			tl_result res;
			if (acts.action[k] != tl_request_action(r))
				ck_assert_int_eq(tl_request_set_action(r, acts.action[k]), TL_OK);
			ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
			if (res.decision == TL_EXPLICIT_DENY ||
			    (res.decision == TL_IMPLICIT_DENY && worst == TL_ALLOW))
				worst = res.decision;
		}
		switch (c->expect) {
		case TL_EXPECT_ALLOW:
			holds = worst == TL_ALLOW;
			break;
		case TL_EXPECT_DENY:
			holds = worst != TL_ALLOW;
			break;
		case TL_EXPECT_EXPLICIT_DENY:
			holds = worst == TL_EXPLICIT_DENY;
			break;
		default:
			holds = worst == TL_IMPLICIT_DENY;
		}
		ck_assert_msg(holds, "case %zu expects %s, got %s", i, tl_expect_name(c->expect),
		              tl_decision_name(worst));
	}
	tl_request_free(r);
	tl_policy_free(p);
	tl_suite_free(s);
}
END_TEST

/* ---- errors, each at its line:column ------------------------------------ */

START_TEST(test_suite_error_unknown_field)
{
	static const char text[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"caller\": {\"service\": \"x\"}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"service\": \"x\"}, \"expected\": \"allow\", \"expect\": \"deny\"}]}";
	tl_error err;
	unsigned kl, kc, vl, vc;

	load_fails(text, NULL, TL_EARG, &err);
	ck_assert_msg(strstr(err.message, "expected") != NULL, "%s", err.message);
	/* at the member: its name or its value */
	where(text, "\"expected\"", 0, &kl, &kc);
	where(text, "\"allow\", \"expect\"", 0, &vl, &vc);
	ck_assert_uint_eq(err.line, 3);
	ck_assert_msg((err.line == kl && err.column == kc) || (err.line == vl && err.column == vc),
	              "at %u:%u, want %u:%u or %u:%u", err.line, err.column, kl, kc, vl, vc);
	ck_assert_str_eq(err.pointer, "/cases/1/expected");
}
END_TEST

START_TEST(test_suite_error_missing_expect)
{
	static const char text[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"caller\": {\"service\": \"x\"}, \"expect\": \"allow\"},\n"
		"     {\"name\": \"no expectation\", \"caller\": {\"service\": \"x\"}}]}";
	tl_error err;

	load_fails(text, NULL, TL_EARG, &err);
	expect_pos(err.line, err.column, text, "{\"name\": \"no expectation\"", 0);
	ck_assert_msg(strstr(err.message, "expect") != NULL, "%s", err.message);
}
END_TEST

START_TEST(test_suite_error_caller_and_request)
{
	static const char both[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"caller\": {\"service\": \"x\"}, \"request\": {\"principal\": {\"type\": \"Anonymous\"}}, "
		"\"expect\": \"allow\"}]}";
	static const char neither[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"name\": \"who?\", \"expect\": \"allow\"}]}";
	tl_error err;

	load_fails(both, NULL, TL_EARG, &err);
	expect_pos(err.line, err.column, both, "{\"caller\"", 0);
	ck_assert_msg(strstr(err.message, "caller") != NULL && strstr(err.message, "request") != NULL,
	              "%s", err.message);
	load_fails(neither, NULL, TL_EARG, &err);
	expect_pos(err.line, err.column, neither, "{\"name\": \"who?\"", 0);
}
END_TEST

/* Errors found when the case's request is built. */
static void request_fails(const char *text, const tl_policy *p, size_t i, tl_error *err)
{
	tl_suite *s = load_any(text, "p.json");
	tl_request *r = tl_request_new();
	tl_caller_actions acts;
	tl_status st;

	ck_assert_ptr_nonnull(r);
	memset(err, 0, sizeof(*err));
	st = tl_suite_request(s, i, p, r, &acts, err);
	ck_assert_msg(st == TL_EARG, "case %zu: %s", i, tl_status_name(st));
	ck_assert_msg(err->message[0] != '\0', "no message");
	tl_request_free(r);
	tl_suite_free(s);
}

/* A suite's own fields of the wrong type and a context list with no text
 * in it are problems where they are, never read as the default policy,
 * "no role" or "" (unknown keys: test_suite_error_unknown_file_and_suite_keys). */
START_TEST(test_suite_error_suite_field_types_and_context_lists)
{
#define CASE1 "[{\"caller\": {\"service\": \"x\"}, \"expect\": \"allow\"}]"
	static const char policy_num[] = "{\"policy\": 5, \"cases\": " CASE1 "}";
	static const char role_list[] = "{\"policy\": \"p.json\", \"role\": [\"R\"], \"cases\": " CASE1 "}";
	static const char roel[] = "{\"policy\": \"p.json\", \"roel\": \"R\", \"cases\": " CASE1 "}";
	static const char nested[] =
		"{\"suites\": [{\"policy\": \"p.json\", \"cases\": " CASE1 ", \"suites\": []}]}";
#undef CASE1
	static const char context[] =
		"{\"cases\": [\n"
		"  {\"caller\": {\"service\": \"x\"}, \"context\": {\"aws:a\": [\"x\", null]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"service\": \"x\"}, \"context\": {\"aws:a\": [\"x\", [\"y\"]]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"service\": \"ec2.amazonaws.com\"}, \"context\": {\"aws:a\": [\"x\", 2, true]}, \"expect\": \"allow\"}]}";
	static const char *const want[] = {"x", "2", "true"};
	tl_error err;
	tl_suite *s;
	tl_request *r;
	tl_caller_actions acts;

	/* a policy that is no path does not fall back on the default */
	s = load_any(policy_num, "default.json");
	ck_assert_uint_eq(tl_suite_problem_count(s), 1);
	ck_assert_uint_eq(tl_suite_case_count(s), 0);
	problem_of(s, 0, &err);
	ck_assert_str_eq(err.message, "\"policy\" must be the policy file's path");
	expect_pos(err.line, err.column, policy_num, "5", 0);
	tl_suite_free(s);
	load_fails(role_list, NULL, TL_EARG, &err);
	ck_assert_str_eq(err.message, "\"role\" must be the name of a role in the policy file");
	expect_pos(err.line, err.column, role_list, "[\"R\"]", 0);
	load_fails(roel, NULL, TL_EARG, &err);
	/* (a swap of two letters is too far for a did-you-mean) */
	ck_assert_str_eq(err.message,
	                 "unknown key \"roel\" in an expectation file (known: policy, role, cases)");
	expect_pos(err.line, err.column, roel, "\"roel\"", 0);
	/* suites do not nest */
	load_fails(nested, NULL, TL_EARG, &err);
	ck_assert_msg(strstr(err.message, "unknown key \"suites\" in a suite") != NULL, "%s",
	              err.message);
	expect_pos(err.line, err.column, nested, "\"suites\"", 1);

	s = load_any(context, "p.json");
	ck_assert_uint_eq(tl_suite_problem_count(s), 2);
	problem_of(s, 0, &err);
	ck_assert_str_eq(err.message,
	                 "context key \"aws:a\": a list holds strings, numbers or booleans, not null");
	expect_pos(err.line, err.column, context, "null", 0);
	problem_of(s, 1, &err);
	ck_assert_str_eq(err.message,
	                 "context key \"aws:a\": a list holds strings, numbers or booleans, not an array");
	expect_pos(err.line, err.column, context, "[\"y\"]", 0);
	/* scalars of every kind are fine */
	ck_assert_uint_eq(tl_suite_case_count(s), 1);
	r = tl_request_new();
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(tl_suite_request(s, 0, NULL, r, &acts, &err), TL_OK);
	expect_values(r, "aws:a", want, 3);
	tl_request_free(r);
	tl_suite_free(s);
}
END_TEST

/* Caller shapes are checked as the file loads: every bad case is a
 * problem of its own, in file order. */
START_TEST(test_suite_error_caller_shape)
{
	static const char text[] =
		"{\"cases\": [\n"
		"  {\"caller\": [\"irsa\", \"x\"], \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"user\": \"" ALICE "\", \"service\": \"x\"}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"service\": 7}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"service\": {\"name\": \"x\"}}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"azure\": \"x\"}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"gihub\": \"acme/app\"}, \"expect\": \"allow\"}]}";
	tl_suite *s = load_any(text, "p.json");
	tl_error err;

	ck_assert_uint_eq(tl_suite_problem_count(s), 7);
	ck_assert_uint_eq(tl_suite_case_count(s), 0);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, text, "[\"irsa\"", 0);
	problem_of(s, 1, &err);
	expect_pos(err.line, err.column, text, "{\"user\"", 0);
	problem_of(s, 2, &err);
	expect_pos(err.line, err.column, text, "{}", 0);
	problem_of(s, 3, &err);
	expect_pos(err.line, err.column, text, "7}", 0);
	problem_of(s, 4, &err);
	expect_pos(err.line, err.column, text, "{\"name\": \"x\"}", 0);
	/* an unknown kind, at its name */
	problem_of(s, 5, &err);
	ck_assert_msg(strstr(err.message, "azure") != NULL, "%s", err.message);
	expect_pos(err.line, err.column, text, "\"azure\"", 0);
	problem_of(s, 6, &err);
	ck_assert_msg(strstr(err.message, "did you mean \"github\"") != NULL, "%s", err.message);
	expect_pos(err.line, err.column, text, "\"gihub\"", 0);
	/* each problem names its case */
	ck_assert_str_eq(tl_suite_problem_at(s, 0)->case_name, "case 1");
	ck_assert_str_eq(tl_suite_problem_at(s, 6)->case_name, "case 7");
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_error_non_string_args)
{
	static const char text[] =
		"{\"cases\": [\n"
		"  {\"caller\": {\"irsa\": [\"" EKS_ARN "\", \"payments\", 42]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"github\": [\"acme/app\", null]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"role\": [[\"arn:aws:iam::" ACCT ":role/x\"]]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"role\": []}, \"expect\": \"allow\"}]}";
	tl_suite *s = load_any(text, "p.json");
	tl_error err;

	ck_assert_uint_eq(tl_suite_problem_count(s), 4);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, text, "42]", 0);
	ck_assert_msg(strstr(err.message, "string") != NULL, "%s", err.message);
	problem_of(s, 1, &err);
	expect_pos(err.line, err.column, text, "null]", 0);
	problem_of(s, 2, &err);
	expect_pos(err.line, err.column, text, "[\"arn:aws:iam::" ACCT ":role/x", 0);
	problem_of(s, 3, &err);
	expect_pos(err.line, err.column, text, "[]}", 0);
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_error_caller_arguments_located)
{
	static const char text[] =
		"{\"cases\": [\n"
		"  {\"caller\": {\"irsa\": [\"" EKS_ID "\", \"payments\", \"api\"]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"pod-identity\": [\"not-a-cluster\", \"ns\", \"sa\"]}, \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"user\": [\"a\", \"b\"]}, \"expect\": \"allow\"}]}";
	tl_error err;

	/* The cluster id cannot be resolved without the policy: the message
	 * is the caller's, the place is the case's caller. */
	request_fails(text, NULL, 0, &err);
	ck_assert_msg(strstr(err.message, EKS_ID) != NULL, "%s", err.message);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_gt(err.column, 0);
	request_fails(text, NULL, 1, &err);
	ck_assert_msg(strstr(err.message, "cluster") != NULL, "%s", err.message);
	ck_assert_uint_eq(err.line, 3);
	request_fails(text, NULL, 2, &err);
	ck_assert_uint_eq(err.line, 4);
}
END_TEST

START_TEST(test_suite_error_request_form)
{
	static const char text[] =
		"{\"cases\": [\n"
		"  {\"request\": {\"principal\": {\"type\": \"Robot\", \"id\": \"x\"}}, \"expect\": \"allow\"},\n"
		"  {\"request\": [1, 2], \"expect\": \"allow\"}]}";
	tl_suite *s;
	tl_error err;
	unsigned l, c;

	/* What the request says is read when it is built: located at the
	 * request, or inside it. */
	request_fails(text, NULL, 0, &err);
	where(text, "{\"principal\"", 0, &l, &c);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_ge(err.column, c);
	ck_assert_uint_lt(err.column, c + strlen("{\"principal\": {\"type\": \"Robot\", \"id\": \"x\"}}"));
	/* A request that is not an object is a problem of the file. */
	s = load_any(text, "p.json");
	ck_assert_uint_eq(tl_suite_case_count(s), 1);
	ck_assert_uint_eq(tl_suite_problem_count(s), 1);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, text, "[1, 2]", 0);
	tl_suite_free(s);
}
END_TEST

START_TEST(test_suite_error_action_and_context_types)
{
	static const char text[] =
		"{\"cases\": [\n"
		"  {\"caller\": {\"service\": \"x\"}, \"action\": [\"sts:AssumeRole\"], \"expect\": \"allow\"},\n"
		"  {\"caller\": {\"service\": \"x\"}, \"context\": [\"aws:SourceIp\"], \"expect\": \"allow\"}]}";
	tl_suite *s = load_any(text, "p.json");
	tl_error err;

	ck_assert_uint_eq(tl_suite_problem_count(s), 2);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, text, "[\"sts:AssumeRole\"]", 0);
	ck_assert_msg(strstr(err.message, "action") != NULL, "%s", err.message);
	problem_of(s, 1, &err);
	expect_pos(err.line, err.column, text, "[\"aws:SourceIp\"]", 0);
	ck_assert_msg(strstr(err.message, "context") != NULL, "%s", err.message);
	tl_suite_free(s);
}
END_TEST

/* An action without its service prefix names nothing a policy grants: a
 * deny expectation for it would pass for nothing. */
START_TEST(test_suite_error_action_form)
{
	static const char text[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"caller\": {\"account\": \"" ACCT "\"}, \"action\": \"AssumeRole\", \"expect\": \"deny\"},\n"
		"  {\"caller\": {\"account\": \"" ACCT "\"}, \"action\": \":AssumeRole\", \"expect\": \"deny\"},\n"
		"  {\"caller\": {\"account\": \"" ACCT "\"}, \"action\": \"sts:\", \"expect\": \"deny\"},\n"
		"  {\"caller\": {\"account\": \"" ACCT "\"}, \"action\": \"sts:Assume Role\", \"expect\": \"deny\"},\n"
		"  {\"caller\": {\"account\": \"" ACCT "\"}, \"action\": \"sts:TagSession\", \"expect\": \"deny\"}]}";
	static const char *const at[] = {"\"AssumeRole\"", "\":AssumeRole\"", "\"sts:\"",
	                                 "\"sts:Assume Role\""};
	tl_suite *s = load_any(text, NULL);
	tl_error err;
	int i;

	ck_assert_uint_eq(tl_suite_problem_count(s), 4);
	for (i = 0; i < 4; i++) {
		problem_of(s, (size_t)i, &err);
		ck_assert_uint_eq(err.line, (unsigned)i + 2);
		expect_pos(err.line, err.column, text, at[i], 0);
		ck_assert_msg(strstr(err.message, "SERVICE:NAME") != NULL, "%s", err.message);
	}
	/* the good one still loads */
	ck_assert_uint_eq(tl_suite_case_count(s), 1);
	ck_assert_uint_eq(tl_suite_case(s, 0)->line, 6);
	tl_suite_free(s);
}
END_TEST

/* Context values are strings, numbers, booleans or lists of them. */
START_TEST(test_suite_error_context_values)
{
	static const char text[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"name\": \"object\", \"caller\": {\"account\": \"" ACCT "\"}, \"context\": {\"k\": {\"a\": 1}}, \"expect\": \"deny\"},\n"
		"  {\"name\": \"list of objects\", \"caller\": {\"account\": \"" ACCT "\"}, \"context\": {\"k\": [\"x\", {\"a\": 1}]}, \"expect\": \"deny\"},\n"
		"  {\"name\": \"null\", \"caller\": {\"account\": \"" ACCT "\"}, \"context\": {\"k\": null}, \"expect\": \"deny\"},\n"
		"  {\"name\": \"good\", \"caller\": {\"account\": \"" ACCT "\"}, \"context\": {\"a\": \"x\", \"b\": 3, \"c\": true, \"d\": [1, \"y\", false], \"e\": []}, \"expect\": \"deny\"}]}";
	static const char *const three[] = {"1", "y", "false"};
	tl_suite *s = load_any(text, NULL);
	tl_request *r = tl_request_new();
	tl_caller_actions acts;
	tl_error err;

	ck_assert_uint_eq(tl_suite_problem_count(s), 3);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, text, "{\"a\": 1}}", 0);
	ck_assert_str_eq(tl_suite_problem_at(s, 0)->case_name, "object");
	problem_of(s, 1, &err);
	expect_pos(err.line, err.column, text, "{\"a\": 1}]", 0);
	problem_of(s, 2, &err);
	expect_pos(err.line, err.column, text, "null}", 0);
	ck_assert_msg(strstr(err.message, "\"k\"") != NULL, "%s", err.message);
	ck_assert_uint_eq(tl_suite_case_count(s), 1);
	ck_assert_int_eq(tl_suite_request(s, 0, NULL, r, &acts, &err), TL_OK);
	expect_key(r, "b", "3");
	expect_key(r, "c", "true");
	expect_values(r, "d", three, 3);
	expect_values(r, "e", NULL, 0);
	tl_request_free(r);
	tl_suite_free(s);
}
END_TEST

/* Unknown keys of the file and of a suite: each located at its name,
 * with the key it likely meant; the cases of that file or suite do not
 * run (they would test another policy, or miss cases). */
START_TEST(test_suite_error_unknown_file_and_suite_keys)
{
	static const char file[] =
		"{\"polcy\": \"cfn1.yaml\",\n"
		" \"cases\": [{\"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"deny\"}],\n"
		" \"Cases\": [{\"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"allow\"}],\n"
		" \"comment\": \"x\"}";
	static const char suites[] =
		"{\"suites\": [\n"
		"  {\"policy\": \"a.json\", \"rol\": \"Deploy\", \"cases\": [{\"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"deny\"}]},\n"
		"  {\"policy\": \"b.json\", \"cases\": [{\"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"deny\"}]}]}";
	static const char top[] =
		"{\"suites\": [{\"policy\": \"b.json\", \"cases\": [{\"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"deny\"}]}],\n"
		" \"policy\": \"a.json\"}";
	tl_suite *s = load_any(file, "role.json");
	tl_error err;

	ck_assert_uint_eq(tl_suite_problem_count(s), 3);
	ck_assert_uint_eq(tl_suite_case_count(s), 0);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, file, "\"polcy\"", 0);
	ck_assert_msg(strstr(err.message, "did you mean \"policy\"") != NULL, "%s", err.message);
	ck_assert_ptr_null(tl_suite_problem_at(s, 0)->case_name);
	problem_of(s, 1, &err);
	expect_pos(err.line, err.column, file, "\"Cases\"", 0);
	ck_assert_msg(strstr(err.message, "did you mean \"cases\"") != NULL, "%s", err.message);
	problem_of(s, 2, &err);
	expect_pos(err.line, err.column, file, "\"comment\"", 0);
	ck_assert_msg(strstr(err.message, "did you mean") == NULL, "%s", err.message);
	tl_suite_free(s);

	s = load_any(suites, NULL);
	ck_assert_uint_eq(tl_suite_problem_count(s), 1);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, suites, "\"rol\"", 0);
	ck_assert_msg(strstr(err.message, "did you mean \"role\"") != NULL, "%s", err.message);
	/* the other suite still runs */
	ck_assert_uint_eq(tl_suite_case_count(s), 1);
	ck_assert_str_eq(tl_suite_case(s, 0)->policy, "b.json");
	tl_suite_free(s);

	s = load_any(top, NULL);
	ck_assert_uint_eq(tl_suite_problem_count(s), 1);
	problem_of(s, 0, &err);
	expect_pos(err.line, err.column, top, "\"policy\": \"a.json\"", 0);
	ck_assert_uint_eq(tl_suite_case_count(s), 0);
	tl_suite_free(s);
}
END_TEST

/* A file or suite that pins nothing is a mistake (a typo'd key, a
 * half-written file), not a pass. */
START_TEST(test_suite_error_no_cases)
{
	static const char empty[] = "{\"policy\": \"p.json\",\n \"cases\": []}";
	static const char no_suites[] = "{\"suites\": []}";
	tl_error err;

	load_fails(empty, NULL, TL_EARG, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 11);
	ck_assert_msg(strstr(err.message, "no cases") != NULL, "%s", err.message);
	load_fails(no_suites, NULL, TL_EARG, &err);
	ck_assert_uint_eq(err.column, 12);
	ck_assert_msg(strstr(err.message, "no suites") != NULL, "%s", err.message);
}
END_TEST

/* Every bad case is reported, each with its place and name; the good
 * ones load and run. */
START_TEST(test_suite_bad_cases_do_not_stop_good_ones)
{
	static const char text[] =
		"{\"policy\": \"p.json\", \"cases\": [\n"
		"  {\"name\": \"first\", \"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"maybe\"},\n"
		"  {\"name\": \"good\", \"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"deny\"},\n"
		"  {\"name\": \"typo\", \"caller\": {\"account\": \"" ACCT "\"}, \"expct\": \"deny\"},\n"
		"  {\"name\": \"also good\", \"caller\": {\"account\": \"" ACCT "\"}, \"expect\": \"allow\"}]}";
	tl_suite *s = load_any(text, NULL);
	tl_error err;

	/* the typo is both an unknown key and a missing expect */
	ck_assert_uint_eq(tl_suite_problem_count(s), 3);
	problem_of(s, 0, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_str_eq(tl_suite_problem_at(s, 0)->case_name, "first");
	problem_of(s, 1, &err);
	expect_pos(err.line, err.column, text, "\"expct\"", 0);
	ck_assert_msg(strstr(err.message, "did you mean \"expect\"") != NULL, "%s", err.message);
	ck_assert_str_eq(tl_suite_problem_at(s, 1)->case_name, "typo");
	ck_assert_uint_eq(tl_suite_case_count(s), 2);
	ck_assert_str_eq(tl_suite_case(s, 0)->name, "good");
	ck_assert_str_eq(tl_suite_case(s, 1)->name, "also good");
	ck_assert_int_eq(tl_suite_case(s, 1)->expect, TL_EXPECT_ALLOW);
	tl_suite_free(s);
}
END_TEST

/* Caller values are checked when the request is built (callers.c), at
 * the caller's place. */
START_TEST(test_suite_error_caller_values)
{
	static const char text[] =
		"{\"cases\": [\n"
		"  {\"caller\": {\"account\": \"12345\"}, \"expect\": \"deny\"},\n"
		"  {\"caller\": {\"service\": \"ec2\"}, \"expect\": \"deny\"},\n"
		"  {\"caller\": {\"saml\": \"x\"}, \"expect\": \"deny\"}]}";
	tl_error err;

	request_fails(text, NULL, 0, &err);
	ck_assert_msg(strstr(err.message, "\"12345\" is not an account id") != NULL, "%s", err.message);
	expect_pos(err.line, err.column, text, "\"12345\"", 0);
	request_fails(text, NULL, 1, &err);
	ck_assert_msg(strstr(err.message, "service principal") != NULL, "%s", err.message);
	expect_pos(err.line, err.column, text, "\"ec2\"", 0);
	request_fails(text, NULL, 2, &err);
	ck_assert_msg(strstr(err.message, "SAML provider ARN") != NULL, "%s", err.message);
	ck_assert_uint_eq(err.line, 4);
}
END_TEST

START_TEST(test_suite_error_no_policy)
{
	static const char plain[] =
		"\n  {\"cases\": [{\"caller\": {\"service\": \"x\"}, \"expect\": \"allow\"}]}";
	static const char suites[] =
		"{\"suites\": [\n"
		"  {\"policy\": \"a.json\", \"cases\": []},\n"
		"   {\"cases\": [{\"caller\": {\"service\": \"x\"}, \"expect\": \"allow\"}]}]}";
	tl_error err;

	load_fails(plain, NULL, TL_EARG, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 3);
	ck_assert_msg(strstr(err.message, "policy") != NULL, "%s", err.message);
	load_fails(suites, NULL, TL_EARG, &err); /* first: the empty suite's "no cases" */
	ck_assert_uint_eq(err.line, 2);
	{
		tl_suite *s = load_any(suites, NULL);
		problem_of(s, 1, &err);
		ck_assert_uint_eq(err.line, 3);
		ck_assert_uint_eq(err.column, 4);
		ck_assert_msg(strstr(err.message, "policy") != NULL, "%s", err.message);
		tl_suite_free(s);
	}
}
END_TEST

START_TEST(test_suite_error_structure)
{
	static const char no_cases[] = "{\"policy\": \"p.json\"}";
	static const char cases_object[] = "{\"policy\": \"p.json\",\n \"cases\": {\"a\": 1}}";
	static const char case_string[] =
		"{\"policy\": \"p.json\", \"cases\": [\n  \"allow\"]}";
	static const char suite_number[] = "{\"suites\": [\n  7]}";
	static const char syntax[] = "{\"policy\": \"p.json\",\n \"cases\": [}";
	static const char duplicate[] =
		"{\"policy\": \"p.json\", \"cases\": [],\n \"cases\": []}";
	tl_error err;

	load_fails(no_cases, NULL, TL_EARG, &err);
	ck_assert_uint_eq(err.line, 1);
	ck_assert_uint_eq(err.column, 1);
	load_fails(cases_object, NULL, TL_EARG, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 11);
	load_fails(case_string, NULL, TL_EARG, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 3);
	load_fails(suite_number, "p.json", TL_EARG, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 3);
	/* Not JSON, or JSON with a repeated key: a syntax error, located. */
	load_fails(syntax, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
	load_fails(duplicate, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
}
END_TEST

START_TEST(test_suite_expect_names)
{
	ck_assert_str_eq(tl_expect_name(TL_EXPECT_ALLOW), "allow");
	ck_assert_str_eq(tl_expect_name(TL_EXPECT_DENY), "deny");
	ck_assert_str_eq(tl_expect_name(TL_EXPECT_EXPLICIT_DENY), "explicit-deny");
	ck_assert_str_eq(tl_expect_name(TL_EXPECT_IMPLICIT_DENY), "implicit-deny");
	ck_assert_ptr_nonnull(tl_expect_name((tl_expect)99));
}
END_TEST

static Suite *suite_suite(void)
{
	Suite *s = suite_create("suite");
	TCase *files = tcase_create("files");
	TCase *requests = tcase_create("requests");
	TCase *errors = tcase_create("errors");

	tcase_add_test(files, test_suite_one_policy_several_cases);
	tcase_add_test(files, test_suite_several_policies);
	tcase_add_test(files, test_suite_default_policy);
	tcase_add_test(files, test_suite_expect_words);
	tcase_add_test(files, test_suite_expect_names);
	suite_add_tcase(s, files);

	tcase_add_test(requests, test_suite_caller_request);
	tcase_add_test(requests, test_suite_request_form);
	tcase_add_test(requests, test_suite_context_override);
	tcase_add_test(requests, test_suite_action_override);
	tcase_add_test(requests, test_suite_cases_decide_as_expected);
	suite_add_tcase(s, requests);

	tcase_add_test(errors, test_suite_error_unknown_field);
	tcase_add_test(errors, test_suite_error_missing_expect);
	tcase_add_test(errors, test_suite_error_caller_and_request);
	tcase_add_test(errors, test_suite_error_caller_shape);
	tcase_add_test(errors, test_suite_error_non_string_args);
	tcase_add_test(errors, test_suite_error_caller_arguments_located);
	tcase_add_test(errors, test_suite_error_request_form);
	tcase_add_test(errors, test_suite_error_action_and_context_types);
	tcase_add_test(errors, test_suite_error_no_policy);
	tcase_add_test(errors, test_suite_error_structure);
	tcase_add_test(errors, test_suite_error_action_form);
	tcase_add_test(errors, test_suite_error_context_values);
	tcase_add_test(errors, test_suite_error_unknown_file_and_suite_keys);
	tcase_add_test(errors, test_suite_error_no_cases);
	tcase_add_test(errors, test_suite_bad_cases_do_not_stop_good_ones);
	tcase_add_test(errors, test_suite_error_caller_values);
	tcase_add_test(errors, test_suite_error_suite_field_types_and_context_lists);
	suite_add_tcase(s, errors);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
