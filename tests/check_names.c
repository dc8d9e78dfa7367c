/*
 * check_names.c - engine/names.c and the operator table: every enum value
 * has its own printable name, and every operator name reads back as the
 * operator it names, with each qualifier and IfExists.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "trustlint.h"

/* Distinct, non-empty names for `n` values. */
static void all_distinct(const char *(*name)(int), int n, const char *what)
{
	int i, j;

	for (i = 0; i < n; i++) {
		ck_assert_msg(name(i) && name(i)[0], "%s %d has no name", what, i);
		for (j = 0; j < i; j++)
			ck_assert_msg(strcmp(name(i), name(j)) != 0, "%s %d and %d are both \"%s\"", what, i,
			              j, name(i));
	}
}

static const char *problem(int i)
{
	return tl_problem_name((tl_problem_kind)i);
}
static const char *status(int i)
{
	return tl_status_name((tl_status)i);
}
static const char *decision(int i)
{
	return tl_decision_name((tl_decision)i);
}
static const char *reason(int i)
{
	return tl_reason_text((tl_cond_reason)i);
}
static const char *principal_type(int i)
{
	return tl_principal_type_name((tl_principal_type)i);
}

START_TEST(test_names_distinct)
{
	all_distinct(problem, TL_PROBLEM_COUNT, "problem");
	all_distinct(status, TL_EARG + 1, "status");
	all_distinct(decision, TL_EXPLICIT_DENY + 1, "decision");
	all_distinct(reason, TL_REASON_BAD_ARN + 1, "reason");
	all_distinct(principal_type, TL_PRINCIPAL_UNKNOWN + 1, "principal type");
	ck_assert_str_eq(tl_decision_name(TL_ALLOW), "Allow");
	ck_assert_str_eq(tl_decision_name(TL_EXPLICIT_DENY), "ExplicitDeny");
	ck_assert_str_eq(tl_decision_name(TL_IMPLICIT_DENY), "ImplicitDeny");
	/* out of range: a word, never NULL or a read past the table */
	ck_assert_str_eq(tl_problem_name((tl_problem_kind)9999), "UNKNOWN");
	ck_assert_str_eq(tl_status_name((tl_status)9999), "unknown");
}
END_TEST

START_TEST(test_names_value_types_only_for_bad_values)
{
	ck_assert_ptr_null(tl_reason_value_type(TL_REASON_MATCHED));
	ck_assert_ptr_null(tl_reason_value_type(TL_REASON_ABSENT));
	ck_assert_str_eq(tl_reason_value_type(TL_REASON_BAD_ARN), "ARN");
	ck_assert_ptr_nonnull(tl_reason_value_type(TL_REASON_BAD_IP));
}
END_TEST

/* "StringLike" reads back as StringLike; "ForAnyValue:StringLikeIfExists"
 * as StringLike with both; operator names are case-sensitive. */
START_TEST(test_names_operators_round_trip)
{
	static const char *const quals[] = {"", "ForAnyValue:", "ForAllValues:"};
	int op, q, ie;

	for (op = 0; op < TL_OP_UNKNOWN; op++) {
		const char *name = tl_operator_name((tl_operator)op);
		ck_assert_ptr_nonnull(name);
		for (q = 0; q < 3; q++)
			for (ie = 0; ie < 2; ie++) {
				char text[128];
				tl_operator got;
				tl_qualifier qual;
				bool if_exists;
				int n = snprintf(text, sizeof(text), "%s%s%s", quals[q], name,
				                 ie ? "IfExists" : "");
				ck_assert_msg(tl__operator_parse(text, (size_t)n, &got, &qual, &if_exists),
				              "\"%s\" does not parse", text);
				ck_assert_int_eq(got, op);
				ck_assert_int_eq(qual, q);
				ck_assert_int_eq(if_exists, ie);
			}
	}
	{
		tl_operator got;
		tl_qualifier qual;
		bool if_exists;
		ck_assert(!tl__operator_parse("stringequals", 12, &got, &qual, &if_exists));
		ck_assert(!tl__operator_parse("ForAnyValue:", 12, &got, &qual, &if_exists));
		ck_assert(!tl__operator_parse("StringEqualsIfExistsIfExists", 28, &got, &qual,
		                              &if_exists));
	}
}
END_TEST

START_TEST(test_names_negated_operators)
{
	ck_assert(tl__operator_negated(TL_OP_STRING_NOT_EQUALS));
	ck_assert(tl__operator_negated(TL_OP_STRING_NOT_LIKE));
	ck_assert(tl__operator_negated(TL_OP_ARN_NOT_LIKE));
	ck_assert(!tl__operator_negated(TL_OP_STRING_EQUALS));
	ck_assert(!tl__operator_negated(TL_OP_NULL));
	ck_assert_int_eq(tl__operator_family(TL_OP_STRING_LIKE), TL__FAM_STRING_LIKE);
	ck_assert_int_eq(tl__operator_family(TL_OP_STRING_NOT_LIKE), TL__FAM_STRING_LIKE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("names");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_names_distinct);
	tcase_add_test(tc, test_names_value_types_only_for_bad_values);
	tcase_add_test(tc, test_names_operators_round_trip);
	tcase_add_test(tc, test_names_negated_operators);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
