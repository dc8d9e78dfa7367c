/*
 * check_compile.c - engine/compile.c: what compiling a parsed policy finds
 * out about its values (a value that is not of its operator's type, a
 * variable IAM will not substitute) and that it prepares each value once,
 * so deciding needs no parsing.  Seen through the document's problems and
 * through decisions.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

/* A policy with one condition block `cond` (JSON text). */
static tl_policy *with_condition(const char *version, const char *cond)
{
	char text[2048];
	tl_policy *p = NULL;
	tl_error err = {0};

	snprintf(text, sizeof(text),
	         "{\"Version\": \"%s\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	         "{\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": %s}]}",
	         version, cond);
	ck_assert_msg(tl_policy_parse(&p, text, strlen(text), NULL, &err) == TL_OK, "%s", err.message);
	return p;
}

/* The first problem of `kind`, or NULL. */
static const tl_problem *find(const tl_policy *p, tl_problem_kind kind)
{
	const tl_document *d = tl_policy_document(p);
	size_t i;

	for (i = 0; i < d->n_problems; i++)
		if (d->problems[i].kind == kind)
			return &d->problems[i];
	return NULL;
}

START_TEST(test_compile_type_mismatch_each_family)
{
	static const struct {
		const char *cond, *says;
	} cases[] = {
	    {"{\"NumericLessThan\": {\"sts:DurationSeconds\": \"an hour\"}}", "is not a number"},
	    {"{\"DateGreaterThan\": {\"aws:CurrentTime\": \"yesterday\"}}", "is not an ISO 8601 date"},
	    {"{\"Bool\": {\"aws:SecureTransport\": \"yes\"}}", "is not true or false"},
	    {"{\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/33\"}}", "is not an IPv4 or IPv6"},
	    {"{\"BinaryEquals\": {\"k:b\": \"!!!\"}}", "is not base64"},
	    {"{\"ArnLike\": {\"aws:PrincipalArn\": \"role/x\"}}", "is not an ARN"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_policy *p = with_condition("2012-10-17", cases[i].cond);
		const tl_problem *pr = find(p, TL_PROBLEM_TYPE_MISMATCH);
		ck_assert_msg(pr != NULL, "no type mismatch for %s", cases[i].cond);
		ck_assert_msg(strstr(pr->message, cases[i].says), "\"%s\" lacks \"%s\"", pr->message,
		              cases[i].says);
		ck_assert_uint_eq(pr->loc.line, 1);
		ck_assert_uint_gt(pr->loc.column, 100); /* at the value, not the document */
		ck_assert(!pr->hard); /* IAM stores such a policy; the condition never matches */
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_compile_good_values_no_problem)
{
	tl_policy *p = with_condition(
	    "2012-10-17", "{\"NumericLessThan\": {\"sts:DurationSeconds\": \"3600\"}, "
	                  "\"DateGreaterThan\": {\"aws:CurrentTime\": \"2030-01-01T00:00:00Z\"}, "
	                  "\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"2001:db8::/32\"]}, "
	                  "\"Bool\": {\"aws:SecureTransport\": true}, "
	                  "\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/x\"}}");

	ck_assert_ptr_null(find(p, TL_PROBLEM_TYPE_MISMATCH));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_compile_variables_by_version_and_operator)
{
	/* under 2008-10-17 a variable is literal text (the linter says so from
	 * the Version: TL112), so "alice" does not equal "${aws:username}" */
	tl_policy *p = with_condition("2008-10-17",
	                              "{\"StringEquals\": {\"sts:RoleSessionName\": \"${aws:username}\"}}");
	tl_request *r = tl_request_new();
	tl_result res;

	ck_assert(!tl_policy_document(p)->variables_enabled);
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS,
	                                          "arn:aws:iam::111122223333:user/alice"),
	                 TL_OK);
	ck_assert_int_eq(tl_request_set_action(r, "sts:AssumeRole"), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "sts:RoleSessionName", "alice", 5), TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	tl_policy_free(p);
	/* under 2012-10-17 it is substituted */
	p = with_condition("2012-10-17",
	                   "{\"StringEquals\": {\"sts:RoleSessionName\": \"${aws:username}\"}}");
	ck_assert_ptr_null(find(p, TL_PROBLEM_VARIABLE_UNSUPPORTED));
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	tl_policy_free(p);
	/* a numeric operator takes none */
	p = with_condition("2012-10-17", "{\"NumericEquals\": {\"k:n\": \"${aws:username}\"}}");
	ck_assert_ptr_nonnull(find(p, TL_PROBLEM_VARIABLE_UNSUPPORTED));
	tl_policy_free(p);
	/* a malformed one is named */
	p = with_condition("2012-10-17", "{\"StringEquals\": {\"k:s\": \"${aws:username\"}}");
	ck_assert_ptr_nonnull(find(p, TL_PROBLEM_BAD_VARIABLE));
	tl_policy_free(p);
	tl_request_free(r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("compile");
	TCase *tc = tcase_create("values");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_compile_type_mismatch_each_family);
	tcase_add_test(tc, test_compile_good_values_no_problem);
	tcase_add_test(tc, test_compile_variables_by_version_and_operator);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
