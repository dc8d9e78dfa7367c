/*
 * check_request.c - unit tests for engine/request.c and the JSON request
 * form (tl_request_from_json): case-insensitive multi-valued keys, absent
 * versus empty, and the keys AWS derives from an AWS caller.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

/* Index of KEY (ASCII case folded), or -1. */
static long key_index(const tl_request *r, const char *key)
{
	size_t i, j, n = tl_request_key_count(r);

	for (i = 0; i < n; i++) {
		const char *k = tl_request_key(r, i, NULL, NULL);
		if (strlen(k) != strlen(key))
			continue;
		for (j = 0; k[j]; j++) {
			char a = k[j], b = key[j];
			if (a >= 'A' && a <= 'Z')
				a += 32;
			if (b >= 'A' && b <= 'Z')
				b += 32;
			if (a != b)
				break;
		}
		if (!k[j])
			return (long)i;
	}
	return -1;
}

/* KEY is present with exactly the one value VALUE, derived or not. */
static void expect_single(const tl_request *r, const char *key, const char *value, bool derived)
{
	long i = key_index(r, key);
	size_t n = 99, len = 0;
	bool d = !derived;
	const char *v;

	ck_assert_msg(i >= 0, "no key %s", key);
	tl_request_key(r, (size_t)i, &n, &d);
	ck_assert_msg(n == 1, "%s has %zu values", key, n);
	ck_assert_msg(d == derived, "%s derived=%d", key, d);
	v = tl_request_value(r, (size_t)i, 0, &len);
	ck_assert_str_eq(v, value);
	ck_assert_uint_eq(len, strlen(value));
}

static tl_request *new_request(void)
{
	tl_request *r = tl_request_new();

	ck_assert_ptr_nonnull(r);
	return r;
}

/* ---- keys -------------------------------------------------------------- */

START_TEST(test_request_new_is_empty)
{
	tl_request *r = new_request();

	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_ANONYMOUS);
	ck_assert_ptr_null(tl_request_principal_id(r));
	ck_assert_ptr_null(tl_request_action(r));
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	ck_assert_ptr_null(tl_request_key(r, 0, NULL, NULL));
	ck_assert_ptr_null(tl_request_value(r, 0, 0, NULL));
	tl_request_free(r);
	tl_request_free(NULL);
}
END_TEST

START_TEST(test_request_keys_case_insensitive)
{
	tl_request *r = new_request();
	size_t n = 0, len = 0;
	bool derived = true;

	ck_assert_int_eq(tl_request_add(r, "aws:SourceIp", "192.0.2.1", 9), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "AWS:SOURCEIP", "192.0.2.2", 9), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "aws:sourceip", "192.0.2.3", 9), TL_OK);
	/* One key, named as first given, with all three values in order. */
	ck_assert_uint_eq(tl_request_key_count(r), 1);
	ck_assert_str_eq(tl_request_key(r, 0, &n, &derived), "aws:SourceIp");
	ck_assert_uint_eq(n, 3);
	ck_assert(!derived);
	ck_assert_str_eq(tl_request_value(r, 0, 0, &len), "192.0.2.1");
	ck_assert_str_eq(tl_request_value(r, 0, 2, &len), "192.0.2.3");
	ck_assert_ptr_null(tl_request_value(r, 0, 3, &len));
	/* Only ASCII folds: a tag key differing beyond ASCII is another key. */
	ck_assert_int_eq(tl_request_add(r, "aws:RequestTag/\xc3\x89quipe", "a", 1), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "aws:RequestTag/\xc3\xa9quipe", "b", 1), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 3);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_values_are_bytes)
{
	tl_request *r = new_request();
	size_t len = 0;
	const char *v;

	/* Values keep their length, case and any NUL inside. */
	ck_assert_int_eq(tl_request_add(r, "k", "A\0b", 3), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "k", "", 0), TL_OK);
	v = tl_request_value(r, 0, 0, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert(memcmp(v, "A\0b", 3) == 0);
	v = tl_request_value(r, 0, 1, &len);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(v, "");
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_set_empty_vs_absent)
{
	tl_request *r = new_request();
	size_t n = 99;

	ck_assert_int_eq(key_index(r, "aws:TagKeys"), -1);
	ck_assert_int_eq(tl_request_set_empty(r, "aws:TagKeys"), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 1);
	ck_assert_str_eq(tl_request_key(r, 0, &n, NULL), "aws:TagKeys");
	ck_assert_uint_eq(n, 0);
	/* Emptying a key with values drops them; it stays present. */
	ck_assert_int_eq(tl_request_add(r, "sts:TransitiveTagKeys", "a", 1), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "sts:TransitiveTagKeys", "b", 1), TL_OK);
	ck_assert_int_eq(tl_request_set_empty(r, "STS:TRANSITIVETAGKEYS"), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 2);
	tl_request_key(r, 1, &n, NULL);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(tl_request_value(r, 1, 0, NULL));
	/* And values can be added again. */
	ck_assert_int_eq(tl_request_add(r, "sts:transitivetagkeys", "c", 1), TL_OK);
	tl_request_key(r, 1, &n, NULL);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(tl_request_value(r, 1, 0, NULL), "c");
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_unset)
{
	tl_request *r = new_request();
	char long_key[301];

	ck_assert_int_eq(tl_request_add(r, "a", "1", 1), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "b", "2", 1), TL_OK);
	ck_assert_int_eq(tl_request_set_empty(r, "c"), TL_OK);
	tl_request_unset(r, "B");
	ck_assert_uint_eq(tl_request_key_count(r), 2);
	ck_assert_int_eq(key_index(r, "b"), -1);
	/* The others keep their values. */
	expect_single(r, "a", "1", false);
	ck_assert_int_ge(key_index(r, "c"), 0);
	tl_request_unset(r, "nothing-here");
	ck_assert_uint_eq(tl_request_key_count(r), 2);
	tl_request_unset(r, "c");
	tl_request_unset(r, "A");
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	/* Any key that can be added can be removed, however long. */
	memset(long_key, 'k', sizeof(long_key) - 1);
	long_key[sizeof(long_key) - 1] = '\0';
	ck_assert_int_eq(tl_request_add(r, long_key, "v", 1), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 1);
	long_key[0] = 'K';
	tl_request_unset(r, long_key);
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_reset)
{
	tl_request *r = new_request();

	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS,
	                                          "arn:aws:iam::111122223333:user/alice"), TL_OK);
	ck_assert_int_eq(tl_request_set_action(r, "sts:AssumeRole"), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "k", "v", 1), TL_OK);
	tl_request_reset(r);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_ANONYMOUS);
	ck_assert_ptr_null(tl_request_principal_id(r));
	ck_assert_ptr_null(tl_request_action(r));
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	/* Reusable after a reset, and a reset caller derives nothing. */
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	ck_assert_int_eq(tl_request_add(r, "K", "w", 1), TL_OK);
	expect_single(r, "k", "w", false);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_principal_and_action)
{
	tl_request *r = new_request();

	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com"), TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_SERVICE);
	ck_assert_str_eq(tl_request_principal_id(r), "ec2.amazonaws.com");
	/* Callers of these types have an id; "*" and unknown are not callers. */
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS, NULL), TL_EARG);
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_STAR, "*"), TL_EARG);
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_UNKNOWN, "x"), TL_EARG);
	/* A refused change leaves the caller as it was. */
	ck_assert_str_eq(tl_request_principal_id(r), "ec2.amazonaws.com");
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_ANONYMOUS, NULL), TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_ANONYMOUS);
	ck_assert_ptr_null(tl_request_principal_id(r));
	/* The action is kept as given (matching folds case later). */
	ck_assert_int_eq(tl_request_set_action(r, "STS:AssumeRole"), TL_OK);
	ck_assert_str_eq(tl_request_action(r), "STS:AssumeRole");
	ck_assert_int_eq(tl_request_set_action(r, "sts:TagSession"), TL_OK);
	ck_assert_str_eq(tl_request_action(r), "sts:TagSession");
	tl_request_free(r);
}
END_TEST

/* ---- derived keys (IAM global condition keys page) --------------------- */

START_TEST(test_request_derive_user)
{
	tl_request *r = new_request();

	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS,
	                                          "arn:aws:iam::111122223333:user/division/alice"),
	                 TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalArn", "arn:aws:iam::111122223333:user/division/alice", true);
	expect_single(r, "aws:PrincipalAccount", "111122223333", true);
	expect_single(r, "aws:PrincipalType", "User", true);
	/* Always present for IAM users: the friendly name, path dropped. */
	expect_single(r, "aws:username", "alice", true);
	/* Present in every signed request; false for anyone but a service. */
	expect_single(r, "aws:PrincipalIsAWSService", "false", true);
	ck_assert_ptr_null(tl_request_derived_note(r, (size_t)key_index(r, "aws:PrincipalArn")));
	ck_assert_uint_eq(tl_request_key_count(r), 5);
	/* Idempotent. */
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 5);
	expect_single(r, "aws:PrincipalType", "User", true);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_derive_session)
{
	tl_request *r = new_request();

	/* A role session's aws:PrincipalArn is the role's ARN, not the
	 * session's (SEMANTICS.md 2.3). */
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS,
	                                          "arn:aws:sts::444455556666:assumed-role/Deploy/ci-run-7"),
	                 TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalArn", "arn:aws:iam::444455556666:role/Deploy", true);
	expect_single(r, "aws:PrincipalAccount", "444455556666", true);
	expect_single(r, "aws:PrincipalType", "AssumedRole", true);
	expect_single(r, "aws:PrincipalIsAWSService", "false", true);
	/* A role session has no aws:username, and its aws:userid is the role's
	 * unique id, which the session ARN does not carry. */
	ck_assert_int_eq(key_index(r, "aws:username"), -1);
	ck_assert_int_eq(key_index(r, "aws:userid"), -1);
	/* The derived role ARN assumes the path "/", and says so. */
	ck_assert_str_eq(tl_request_derived_note(r, (size_t)key_index(r, "aws:PrincipalArn")),
	                 "assuming the role's path is /; give aws:PrincipalArn in the context to "
	                 "override");
	ck_assert_ptr_null(tl_request_derived_note(r, (size_t)key_index(r, "aws:PrincipalType")));
	tl_request_free(r);

	/* Other partitions keep theirs. */
	r = new_request();
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS,
	                                          "arn:aws-cn:sts::444455556666:assumed-role/R/s@x.com"),
	                 TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalArn", "arn:aws-cn:iam::444455556666:role/R", true);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_derive_account_and_others)
{
	tl_request *r = new_request();

	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS, "111122223333"), TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalAccount", "111122223333", true);
	expect_single(r, "aws:PrincipalType", "Account", true);
	/* The root user's aws:userid is the account id (policy variables page,
	 * principal key values); it has no aws:username. */
	expect_single(r, "aws:userid", "111122223333", true);
	expect_single(r, "aws:PrincipalIsAWSService", "false", true);
	ck_assert_int_eq(key_index(r, "aws:username"), -1);
	ck_assert_uint_eq(tl_request_key_count(r), 4);
	tl_request_free(r);

	/* A service calling directly: aws:PrincipalIsAWSService true and its
	 * name in aws:PrincipalServiceName; none of the AWS caller keys. */
	r = new_request();
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com"), TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalIsAWSService", "true", true);
	expect_single(r, "aws:PrincipalServiceName", "ec2.amazonaws.com", true);
	ck_assert_uint_eq(tl_request_key_count(r), 2);
	tl_request_free(r);
	/* Federated callers (unsigned calls) get nothing. */
	r = new_request();
	ck_assert_int_eq(tl_request_set_principal(
	                     r, TL_PRINCIPAL_FEDERATED,
	                     "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"),
	                 TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	/* An AWS id that is no ARN or account still signs its request: only
	 * aws:PrincipalIsAWSService. */
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS, "alice"), TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalIsAWSService", "false", true);
	ck_assert_uint_eq(tl_request_key_count(r), 1);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_derive_context_wins)
{
	tl_request *r = new_request();

	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS,
	                                          "arn:aws:sts::444455556666:assumed-role/Deploy/s"),
	                 TL_OK);
	/* The context gives the role ARN with its path, in another case. */
	ck_assert_int_eq(tl_request_add(r, "AWS:PRINCIPALARN", "arn:aws:iam::444455556666:role/ci/Deploy",
	                                strlen("arn:aws:iam::444455556666:role/ci/Deploy")),
	                 TL_OK);
	ck_assert_int_eq(tl_request_set_empty(r, "aws:PrincipalType"), TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	expect_single(r, "aws:PrincipalArn", "arn:aws:iam::444455556666:role/ci/Deploy", false);
	ck_assert_str_eq(tl_request_key(r, (size_t)key_index(r, "aws:principalarn"), NULL, NULL),
	                 "AWS:PRINCIPALARN");
	/* Present-but-empty is present: not filled in. */
	{
		size_t n = 99;
		tl_request_key(r, (size_t)key_index(r, "aws:PrincipalType"), &n, NULL);
		ck_assert_uint_eq(n, 0);
	}
	expect_single(r, "aws:PrincipalAccount", "444455556666", true);
	/* given in the context: nothing to assume */
	ck_assert_ptr_null(tl_request_derived_note(r, (size_t)key_index(r, "aws:PrincipalArn")));
	ck_assert_uint_eq(tl_request_key_count(r), 4);
	/* A value added to a derived key makes it the caller's own. */
	ck_assert_int_eq(tl_request_add(r, "aws:principalaccount", "x", 1), TL_OK);
	{
		bool derived = true;
		tl_request_key(r, (size_t)key_index(r, "aws:PrincipalAccount"), NULL, &derived);
		ck_assert(!derived);
	}
	tl_request_free(r);
}
END_TEST

/* ---- the JSON request form --------------------------------------------- */

static tl_status from_json(tl_request *r, const char *text, tl_error *err)
{
	memset(err, 0, sizeof(*err));
	return tl_request_from_json(r, text, strlen(text), err);
}

START_TEST(test_request_from_json_good)
{
	tl_request *r = new_request();
	tl_error err;
	size_t n = 0;

	ck_assert_int_eq(from_json(r,
	                           "{\"principal\": {\"type\": \"AWS\", \"id\": "
	                           "\"arn:aws:iam::111122223333:user/alice\"}, \"action\": \"sts:AssumeRole\", "
	                           "\"context\": {\"aws:SourceIp\": \"192.0.2.1\", \"aws:TagKeys\": [\"a\", \"b\"], "
	                           "\"aws:MultiFactorAuthAge\": 10.50, \"aws:SecureTransport\": true, "
	                           "\"sts:TransitiveTagKeys\": [], \"aws:PrincipalType\": \"Mine\"}}",
	                           &err),
	                 TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_AWS);
	ck_assert_str_eq(tl_request_principal_id(r), "arn:aws:iam::111122223333:user/alice");
	ck_assert_str_eq(tl_request_action(r), "sts:AssumeRole");
	expect_single(r, "aws:SourceIp", "192.0.2.1", false);
	tl_request_key(r, (size_t)key_index(r, "aws:TagKeys"), &n, NULL);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(tl_request_value(r, (size_t)key_index(r, "aws:TagKeys"), 1, NULL), "b");
	/* Numbers and booleans as written. */
	expect_single(r, "aws:MultiFactorAuthAge", "10.50", false);
	expect_single(r, "aws:SecureTransport", "true", false);
	tl_request_key(r, (size_t)key_index(r, "sts:TransitiveTagKeys"), &n, NULL);
	ck_assert_uint_eq(n, 0);
	/* Derived keys the context left out; the context's own kept. */
	expect_single(r, "aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice", true);
	expect_single(r, "aws:PrincipalAccount", "111122223333", true);
	expect_single(r, "aws:PrincipalType", "Mine", false);
	expect_single(r, "aws:username", "alice", true);
	expect_single(r, "aws:PrincipalIsAWSService", "false", true);
	ck_assert_uint_eq(tl_request_key_count(r), 10);

	/* A second fill starts from nothing. */
	ck_assert_int_eq(from_json(r,
	                           "{\"principal\": {\"type\": \"Anonymous\"}, \"action\": "
	                           "\"sts:AssumeRoleWithWebIdentity\"}",
	                           &err),
	                 TL_OK);
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_ANONYMOUS);
	ck_assert_ptr_null(tl_request_principal_id(r));
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_from_json_principal_types)
{
	static const struct {
		const char *name;
		tl_principal_type type;
	} types[] = {{"AWS", TL_PRINCIPAL_AWS},
	             {"Service", TL_PRINCIPAL_SERVICE},
	             {"Federated", TL_PRINCIPAL_FEDERATED},
	             {"CanonicalUser", TL_PRINCIPAL_CANONICAL_USER}};
	tl_request *r = new_request();
	tl_error err;
	char text[256];
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(*types); i++) {
		snprintf(text, sizeof(text),
		         "{\"principal\": {\"type\": \"%s\", \"id\": \"x.example.com\"}, \"action\": \"sts:AssumeRole\"}",
		         types[i].name);
		ck_assert_int_eq(from_json(r, text, &err), TL_OK);
		ck_assert_int_eq(tl_request_principal_type(r), types[i].type);
	}
	tl_request_free(r);
}
END_TEST

/* Keys differing only in case are one key to AWS: an error, located at
 * the second spelling, never a silent merge. */
START_TEST(test_request_from_json_case_duplicate_keys)
{
	tl_request *r = new_request();
	tl_error err;

	ck_assert_int_eq(from_json(r,
	                           "{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"},\n"
	                           "\"action\": \"sts:AssumeRole\", \"context\": {\n"
	                           "  \"aws:MultiFactorAuthPresent\": \"true\",\n"
	                           "  \"AWS:MultiFactorAuthPresent\": \"false\"}}",
	                           &err),
	                 TL_EARG);
	ck_assert_uint_eq(err.line, 4);
	ck_assert_uint_eq(err.column, 33); /* the second spelling's value */
	ck_assert_msg(strstr(err.message, "\"AWS:MultiFactorAuthPresent\"") &&
	                  strstr(err.message, "\"aws:MultiFactorAuthPresent\"") &&
	                  strstr(err.message, "ambiguous"),
	              "%s", err.message);
	/* The same key spelled once is fine. */
	ck_assert_int_eq(from_json(r,
	                           "{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, "
	                           "\"action\": \"sts:AssumeRole\", \"context\": "
	                           "{\"AWS:MultiFactorAuthPresent\": [\"true\", \"false\"]}}",
	                           &err),
	                 TL_OK);
	tl_request_free(r);
}
END_TEST

START_TEST(test_request_from_json_errors)
{
	static const struct {
		const char *text;
		tl_status st;
		const char *pointer; /* NULL: not checked */
		const char *says;
	} cases[] = {
		/* Unknown field (names are case-sensitive). */
		{"{\"Principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\"}",
		 TL_EARG, "/Principal", "Principal"},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\", "
		 "\"contexts\": {}}",
		 TL_EARG, "/contexts", "contexts"},
		/* Bad principal type. */
		{"{\"principal\": {\"type\": \"aws\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\"}",
		 TL_EARG, "/principal", NULL},
		{"{\"principal\": {\"type\": \"Star\", \"id\": \"*\"}, \"action\": \"sts:AssumeRole\"}", TL_EARG,
		 "/principal", NULL},
		{"{\"principal\": {\"type\": 1, \"id\": \"x\"}, \"action\": \"sts:AssumeRole\"}", TL_EARG,
		 "/principal", NULL},
		{"{\"principal\": \"AWS\", \"action\": \"sts:AssumeRole\"}", TL_EARG, NULL, NULL},
		{"{\"action\": \"sts:AssumeRole\"}", TL_EARG, NULL, NULL},
		/* Anonymous has no id; the others need a string one. */
		{"{\"principal\": {\"type\": \"Anonymous\", \"id\": \"x\"}, \"action\": \"sts:AssumeRole\"}",
		 TL_EARG, "/principal", "Anonymous"},
		{"{\"principal\": {\"type\": \"AWS\"}, \"action\": \"sts:AssumeRole\"}", TL_EARG, "/principal",
		 NULL},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": 111122223333}, \"action\": \"sts:AssumeRole\"}",
		 TL_EARG, "/principal", NULL},
		/* Action. */
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}}", TL_EARG, NULL, "action"},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": [\"sts:AssumeRole\"]}",
		 TL_EARG, "/action", "action"},
		/* Context values must be scalars or lists of scalars. */
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\", "
		 "\"context\": {\"k\": {\"a\": \"b\"}}}",
		 TL_EARG, "/context/k", "k"},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\", "
		 "\"context\": {\"ok\": \"v\", \"k\": [\"a\", [\"b\"]]}}",
		 TL_EARG, "/context/k/1", NULL},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\", "
		 "\"context\": {\"k\": null}}",
		 TL_EARG, "/context/k", NULL},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\", "
		 "\"context\": {\"k\": [null]}}",
		 TL_EARG, "/context/k/0", NULL},
		{"{\"principal\": {\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": \"sts:AssumeRole\", "
		 "\"context\": [\"k\"]}",
		 TL_EARG, "/context", NULL},
		/* Not a request at all. */
		{"[]", TL_EARG, "", NULL},
		{"{\"principal\": ", TL_ESYNTAX, NULL, NULL},
		{"{\"action\": \"a\", \"action\": \"b\"}", TL_ESYNTAX, NULL, NULL},
	};
	tl_request *r = new_request();
	tl_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_status st = from_json(r, cases[i].text, &err);

		ck_assert_msg(st == cases[i].st, "case %zu: status %d, expected %d (%s)", i, st, cases[i].st,
		              err.message);
		ck_assert_int_eq(err.status, cases[i].st);
		ck_assert_msg(err.message[0] != '\0', "case %zu: no message", i);
		if (cases[i].pointer)
			ck_assert_msg(strcmp(err.pointer, cases[i].pointer) == 0,
			              "case %zu: pointer \"%s\", expected \"%s\"", i, err.pointer, cases[i].pointer);
		if (cases[i].says)
			ck_assert_msg(strstr(err.message, cases[i].says) != NULL,
			              "case %zu: message \"%s\" lacks \"%s\"", i, err.message, cases[i].says);
		if (cases[i].st == TL_EARG && cases[i].pointer && cases[i].pointer[0])
			ck_assert_msg(err.line == 1 && err.column > 1, "case %zu: at %u:%u", i, err.line,
			              err.column);
	}
	tl_request_free(r);
}
END_TEST

/* Thousands of keys: every one found (any case), removals keep the rest
 * findable, and a reset starts over.  (The index behind the lookups.) */
START_TEST(test_request_many_keys)
{
	tl_request *r = tl_request_new();
	char key[64], val[32];
	size_t i, n;
	bool derived;

	ck_assert_ptr_nonnull(r);
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "aws:RequestTag/k%zu", i);
		snprintf(val, sizeof(val), "v%zu", i);
		ck_assert_int_eq(tl_request_add(r, key, val, strlen(val)), TL_OK);
	}
	ck_assert_uint_eq(tl_request_key_count(r), 5000);
	/* adding to a key again finds it: still 5000 keys, two values */
	ck_assert_int_eq(tl_request_add(r, "AWS:REQUESTTAG/K4321", "again", 5), TL_OK);
	ck_assert_uint_eq(tl_request_key_count(r), 5000);
	for (i = 0; i < 5000; i += 7) {
		snprintf(key, sizeof(key), "aws:requesttag/k%zu", i);
		tl_request_unset(r, key);
	}
	ck_assert_uint_eq(tl_request_key_count(r), 5000 - 715);
	for (i = 0; i < tl_request_key_count(r); i++) {
		const char *name = tl_request_key(r, i, &n, &derived);
		size_t num = strtoul(name + strlen("aws:RequestTag/k"), NULL, 10);
		ck_assert_uint_ne(num % 7, 0);
		ck_assert_uint_eq(n, num == 4321 ? 2 : 1);
		/* found again by name: adding a value grows that key, not the list */
		ck_assert_int_eq(tl_request_add(r, name, "x", 1), TL_OK);
		ck_assert_uint_eq(tl_request_key_count(r), 5000 - 715);
	}
	tl_request_reset(r);
	ck_assert_uint_eq(tl_request_key_count(r), 0);
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "k:%zu", i % 10);
		ck_assert_int_eq(tl_request_add(r, key, "v", 1), TL_OK);
	}
	ck_assert_uint_eq(tl_request_key_count(r), 10);
	tl_request_free(r);
}
END_TEST

static Suite *request_suite(void)
{
	Suite *s = suite_create("request");
	TCase *keys = tcase_create("keys");
	TCase *derive = tcase_create("derive");
	TCase *json = tcase_create("json");

	tcase_add_test(keys, test_request_new_is_empty);
	tcase_add_test(keys, test_request_keys_case_insensitive);
	tcase_add_test(keys, test_request_values_are_bytes);
	tcase_add_test(keys, test_request_set_empty_vs_absent);
	tcase_add_test(keys, test_request_unset);
	tcase_add_test(keys, test_request_reset);
	tcase_add_test(keys, test_request_principal_and_action);
	suite_add_tcase(s, keys);

	tcase_add_test(derive, test_request_derive_user);
	tcase_add_test(derive, test_request_derive_session);
	tcase_add_test(derive, test_request_derive_account_and_others);
	tcase_add_test(derive, test_request_derive_context_wins);
	suite_add_tcase(s, derive);

	tcase_add_test(json, test_request_from_json_good);
	tcase_add_test(json, test_request_from_json_principal_types);
	tcase_add_test(json, test_request_from_json_errors);
	tcase_add_test(json, test_request_from_json_case_duplicate_keys);
	tcase_add_test(json, test_request_many_keys);
	suite_add_tcase(s, json);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(request_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
