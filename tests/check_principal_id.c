/*
 * check_principal_id.c - unit tests for engine/principal_id.c: which ids a
 * caller of each principal type may have (IAM user guide,
 * reference_policies_elements_principal; account ids and canonical user
 * ids: AWS Account Management reference, manage-acct-identifiers).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

static bool ok(tl_principal_type type, const char *id)
{
	tl_error err = {0};
	tl_status st = tl_principal_id_check(type, id, &err);

	/* a refusal always says why, and only a refusal fills the message */
	if (st != TL_OK) {
		ck_assert_int_eq(st, TL_EARG);
		ck_assert_int_eq(err.status, TL_EARG);
		ck_assert_uint_gt(strlen(err.message), 10);
	} else {
		ck_assert_str_eq(err.message, "");
	}
	return st == TL_OK;
}

START_TEST(test_principal_id_aws)
{
	ck_assert(ok(TL_PRINCIPAL_AWS, "111122223333"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "*"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:root"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:user/alice"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:role/path/deploy"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "arn:aws:sts::111122223333:assumed-role/deploy/s1"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "arn:aws:sts::111122223333:federated-user/bob"));
	ck_assert(ok(TL_PRINCIPAL_AWS, "arn:aws-cn:iam::111122223333:role/deploy"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "not-an-arn"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "12345"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "1111222233334"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "arn:aws:iam::12345:root"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:role/"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:role/dep*"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "arn:aws:sts::111122223333:assumed-role/deploy"));
	/* a provider is a Federated caller, a unique id is no caller at all */
	ck_assert(!ok(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:oidc-provider/example.com"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, "AROAEXAMPLEID1234567"));
	ck_assert(!ok(TL_PRINCIPAL_AWS, ""));
	ck_assert(!ok(TL_PRINCIPAL_AWS, NULL));
}
END_TEST

START_TEST(test_principal_id_service)
{
	ck_assert(ok(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com"));
	ck_assert(ok(TL_PRINCIPAL_SERVICE, "pods.eks.amazonaws.com"));
	ck_assert(ok(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com.cn"));
	ck_assert(!ok(TL_PRINCIPAL_SERVICE, "ec2"));
	ck_assert(!ok(TL_PRINCIPAL_SERVICE, "EC2.amazonaws.com"));
	ck_assert(!ok(TL_PRINCIPAL_SERVICE, "arn:aws:iam::111122223333:root"));
	ck_assert(!ok(TL_PRINCIPAL_SERVICE, "*.amazonaws.com"));
}
END_TEST

START_TEST(test_principal_id_federated)
{
	ck_assert(ok(TL_PRINCIPAL_FEDERATED,
	             "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"));
	ck_assert(ok(TL_PRINCIPAL_FEDERATED, "arn:aws:iam::111122223333:saml-provider/okta"));
	ck_assert(ok(TL_PRINCIPAL_FEDERATED, "cognito-identity.amazonaws.com"));
	ck_assert(ok(TL_PRINCIPAL_FEDERATED, "accounts.google.com"));
	ck_assert(ok(TL_PRINCIPAL_FEDERATED, "graph.facebook.com"));
	ck_assert(ok(TL_PRINCIPAL_FEDERATED, "www.amazon.com"));
	/* an issuer host is not a caller: STS knows it only by its provider ARN */
	ck_assert(!ok(TL_PRINCIPAL_FEDERATED, "token.actions.githubusercontent.com"));
	ck_assert(!ok(TL_PRINCIPAL_FEDERATED, "arn:aws:iam::111122223333:role/deploy"));
	ck_assert(!ok(TL_PRINCIPAL_FEDERATED, "arn:aws:iam::111122223333:oidc-provider/"));
}
END_TEST

START_TEST(test_principal_id_canonical_and_anonymous)
{
	const char *hex64 = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

	ck_assert(ok(TL_PRINCIPAL_CANONICAL_USER, hex64));
	ck_assert(!ok(TL_PRINCIPAL_CANONICAL_USER, "79a59df900b949e5"));
	ck_assert(!ok(TL_PRINCIPAL_CANONICAL_USER,
	              "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2bg"));
	ck_assert(ok(TL_PRINCIPAL_ANONYMOUS, NULL));
	ck_assert(!ok(TL_PRINCIPAL_ANONYMOUS, "someone"));
	ck_assert(!ok(TL_PRINCIPAL_STAR, "*"));
	ck_assert(!ok(TL_PRINCIPAL_UNKNOWN, "x"));
}
END_TEST

/* A long id is cut in the message, and the message says what was expected. */
START_TEST(test_principal_id_message)
{
	char id[600];
	tl_error err = {0};

	memset(id, 'x', sizeof(id) - 1);
	id[sizeof(id) - 1] = '\0';
	ck_assert_int_eq(tl_principal_id_check(TL_PRINCIPAL_AWS, id, &err), TL_EARG);
	ck_assert_ptr_nonnull(strstr(err.message, "AWS principal \"xxx"));
	ck_assert_ptr_nonnull(strstr(err.message, "xxx...\" is not valid: expected a 12-digit account id"));
}
END_TEST

static Suite *principal_id_suite(void)
{
	Suite *s = suite_create("principal_id");
	TCase *tc = tcase_create("types");

	tcase_add_test(tc, test_principal_id_aws);
	tcase_add_test(tc, test_principal_id_service);
	tcase_add_test(tc, test_principal_id_federated);
	tcase_add_test(tc, test_principal_id_canonical_and_anonymous);
	tcase_add_test(tc, test_principal_id_message);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(principal_id_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
