/*
 * check_view.c - unit tests for engine/view.c (tl_statement_admits): what
 * a statement's conditions on one key admit, for an absent key, a present
 * one with values, or a present one without values.  Expectations follow
 * SEMANTICS.md 3.1, 3.2, 3.7 and 3.8; a property checks that the view
 * never disagrees with a decision of tl_eval.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

#define ALICE "arn:aws:iam::111122223333:user/alice"
#define GH_ARN "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
#define GH_SUB "token.actions.githubusercontent.com:sub"

static tl_policy *compile(const char *text)
{
	tl_policy *p = NULL;
	tl_error err = {0};

	ck_assert_msg(tl_policy_parse(&p, text, strlen(text), NULL, &err) == TL_OK, "%s at %u:%u",
	              err.message, err.line, err.column);
	ck_assert_msg(tl_policy_document(p)->n_hard_problems == 0, "policy has hard problems: %s",
	              tl_policy_document(p)->problems[0].message);
	return p;
}

/* A one-statement Allow for ALICE with `condition` as its Condition block. */
static tl_policy *allow_alice_with(const char *condition)
{
	char text[4096];

	snprintf(text, sizeof(text),
	         "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	         "{\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": %s}]}",
	         condition);
	return compile(text);
}

/* Statement 0 admits KEY absent / present with no values / with one value. */
static bool absent(const tl_policy *p, const char *key)
{
	return tl_statement_admits(p, 0, key, NULL, 0, false);
}

static bool empty(const tl_policy *p, const char *key)
{
	return tl_statement_admits(p, 0, key, NULL, 0, true);
}

static bool one(const tl_policy *p, const char *key, const char *value)
{
	const char *v[1] = {value};
	return tl_statement_admits(p, 0, key, v, 1, true);
}

static bool two(const tl_policy *p, const char *key, const char *a, const char *b)
{
	const char *v[2] = {a, b};
	return tl_statement_admits(p, 0, key, v, 2, true);
}

/* ---- presence and operator kinds ------------------------------------- */

START_TEST(test_view_positive_operator)
{
	tl_policy *p = allow_alice_with("{\"StringEquals\": {\"sts:ExternalId\": [\"a1\", \"b2\"]}}");

	/* A positive operator is false for an absent key (3.2) ... */
	ck_assert(!absent(p, "sts:ExternalId"));
	/* ... and true when a request value equals any listed value (3.1). */
	ck_assert(one(p, "sts:ExternalId", "a1"));
	ck_assert(one(p, "sts:ExternalId", "b2"));
	ck_assert(!one(p, "sts:ExternalId", "c3"));
	/* StringEquals is exact and case-sensitive (3.3). */
	ck_assert(!one(p, "sts:ExternalId", "A1"));
	ck_assert(!one(p, "sts:ExternalId", "a1 "));
	ck_assert(!one(p, "sts:ExternalId", ""));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_negated_operator)
{
	tl_policy *p = allow_alice_with(
		"{\"StringNotLike\": {\"aws:PrincipalOrgPaths\": [\"o-1/r-1/ou-bad/*\", \"o-1/r-1/ou-worse/*\"]}}");

	/* A negated operator is true for an absent key (3.2) ... */
	ck_assert(absent(p, "aws:PrincipalOrgPaths"));
	/* ... and NOR over its values when the key is present (3.1). */
	ck_assert(one(p, "aws:PrincipalOrgPaths", "o-1/r-1/ou-good/"));
	ck_assert(!one(p, "aws:PrincipalOrgPaths", "o-1/r-1/ou-bad/x/"));
	ck_assert(!one(p, "aws:PrincipalOrgPaths", "o-1/r-1/ou-worse/"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_if_exists)
{
	tl_policy *p = allow_alice_with(
		"{\"StringEqualsIfExists\": {\"aws:RequestTag/team\": \"blue\"}, "
		"\"StringNotLikeIfExists\": {\"sts:RoleSessionName\": \"admin-*\"}}");

	/* IfExists makes an absent key true, positive or negated (3.2). */
	ck_assert(absent(p, "aws:RequestTag/team"));
	ck_assert(absent(p, "sts:RoleSessionName"));
	/* Present: the operator without the suffix. */
	ck_assert(one(p, "aws:RequestTag/team", "blue"));
	ck_assert(!one(p, "aws:RequestTag/team", "red"));
	ck_assert(one(p, "sts:RoleSessionName", "alice"));
	ck_assert(!one(p, "sts:RoleSessionName", "admin-alice"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_for_all_values)
{
	tl_policy *p = allow_alice_with(
		"{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"team\", \"project\"]}}");

	/* True for an absent key or an empty set (3.8) ... */
	ck_assert(absent(p, "aws:TagKeys"));
	ck_assert(empty(p, "aws:TagKeys"));
	/* ... and when every request value is listed. */
	ck_assert(one(p, "aws:TagKeys", "team"));
	ck_assert(two(p, "aws:TagKeys", "project", "team"));
	ck_assert(!two(p, "aws:TagKeys", "team", "cost-center"));
	ck_assert(!one(p, "aws:TagKeys", "cost-center"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_for_any_value)
{
	tl_policy *p = allow_alice_with(
		"{\"ForAnyValue:StringLike\": {\"cognito-identity.amazonaws.com:amr\": \"authenticated\"}}");

	/* False for an absent key or an empty set (3.8) ... */
	ck_assert(!absent(p, "cognito-identity.amazonaws.com:amr"));
	ck_assert(!empty(p, "cognito-identity.amazonaws.com:amr"));
	/* ... true as soon as one request value matches. */
	ck_assert(one(p, "cognito-identity.amazonaws.com:amr", "authenticated"));
	ck_assert(two(p, "cognito-identity.amazonaws.com:amr", "graph.facebook.com", "authenticated"));
	ck_assert(!one(p, "cognito-identity.amazonaws.com:amr", "unauthenticated"));
	ck_assert(!two(p, "cognito-identity.amazonaws.com:amr", "unauthenticated", "x"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_for_any_value_if_exists_absent)
{
	tl_policy *p = allow_alice_with(
		"{\"ForAnyValue:StringEqualsIfExists\": {\"aws:TagKeys\": \"team\"}, "
		"\"ForAllValues:StringEqualsIfExists\": {\"sts:TransitiveTagKeys\": \"team\"}}");

	/* IfExists inside a set operator does not change the absent result (3.8). */
	ck_assert(!absent(p, "aws:TagKeys"));
	ck_assert(absent(p, "sts:TransitiveTagKeys"));
	ck_assert(one(p, "aws:TagKeys", "team"));
	ck_assert(!one(p, "sts:TransitiveTagKeys", "project"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_null_operator)
{
	tl_policy *p = allow_alice_with(
		"{\"Null\": {\"sts:SourceIdentity\": \"true\", \"aws:PrincipalOrgID\": \"false\"}}");

	/* Null true: the key must be absent; Null false: present (3.7). */
	ck_assert(absent(p, "sts:SourceIdentity"));
	ck_assert(!one(p, "sts:SourceIdentity", "alice"));
	ck_assert(!absent(p, "aws:PrincipalOrgID"));
	ck_assert(one(p, "aws:PrincipalOrgID", "o-abc"));
	/* present without values is present */
	ck_assert(empty(p, "aws:PrincipalOrgID"));
	ck_assert(!empty(p, "sts:SourceIdentity"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_multi_valued_without_qualifier)
{
	tl_policy *p = allow_alice_with("{\"StringEquals\": {\"aws:TagKeys\": [\"a\", \"b\"]}}");

	/* Several request values and no set operator: false (3.8, as recommended). */
	ck_assert(one(p, "aws:TagKeys", "a"));
	ck_assert(!two(p, "aws:TagKeys", "a", "b"));
	tl_policy_free(p);
}
END_TEST

/* ---- several conditions, other keys, other statements ---------------- */

START_TEST(test_view_conditions_on_one_key_and)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": \"" GH_ARN "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
		"\"Condition\": {\"StringLike\": {\"" GH_SUB "\": \"repo:acme/*\"}, "
		"\"StringNotLike\": {\"" GH_SUB "\": \"*:pull_request\"}, "
		"\"StringNotEquals\": {\"TOKEN.ACTIONS.GITHUBUSERCONTENT.COM:SUB\": \"repo:acme/secret:ref:refs/heads/main\"}}}]}");

	/* Every condition naming the key must hold, whatever case names it. */
	ck_assert(one(p, GH_SUB, "repo:acme/app:ref:refs/heads/main"));
	ck_assert(!one(p, GH_SUB, "repo:acme/app:pull_request"));        /* the NotLike */
	ck_assert(!one(p, GH_SUB, "repo:acme/secret:ref:refs/heads/main")); /* the upper-case key */
	ck_assert(!one(p, GH_SUB, "repo:evil/app:ref:refs/heads/main"));  /* the Like */
	/* Absent: the positive StringLike is false, so the whole is false. */
	ck_assert(!absent(p, GH_SUB));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_key_case)
{
	tl_policy *p = allow_alice_with(
		"{\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\", "
		"\"aws:RequestTag/Team\": \"blue\"}}");

	/* Key names fold case (3.1), tag keys included ... */
	ck_assert(!absent(p, "AWS:SOURCEACCOUNT"));
	ck_assert(one(p, "AWS:SOURCEACCOUNT", "111122223333"));
	ck_assert(!one(p, "aws:sourceaccount", "999988887777"));
	ck_assert(one(p, "aws:requesttag/TEAM", "blue"));
	ck_assert(!one(p, "aws:requesttag/TEAM", "Blue"));
	/* ... values do not; and a longer or shorter key is another key. */
	ck_assert(absent(p, "aws:SourceAccounts"));
	ck_assert(absent(p, "aws:SourceAccoun"));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_other_keys_ignored)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": \"" GH_ARN "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
		"\"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
		"\"sts.amazonaws.com\", \"" GH_SUB "\": \"repo:acme/app:ref:refs/heads/main\"}, "
		"\"Null\": {\"token.actions.githubusercontent.com:environment\": \"false\"}}}, "
		"{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:AssumeRole\"}]}");

	/* The aud and environment conditions would fail for a request with
	 * only the sub; they are not about the sub, so they do not count. */
	ck_assert(one(p, GH_SUB, "repo:acme/app:ref:refs/heads/main"));
	ck_assert(!one(p, GH_SUB, "repo:acme/app:ref:refs/heads/dev"));
	/* A key no condition names is admitted, absent or not. */
	ck_assert(absent(p, "aws:SourceIp"));
	ck_assert(one(p, "aws:SourceIp", "203.0.113.9"));
	/* A statement without conditions admits everything. */
	ck_assert(tl_statement_admits(p, 1, GH_SUB, NULL, 0, false));
	{
		const char *v[1] = {"anything"};
		ck_assert(tl_statement_admits(p, 1, GH_SUB, v, 1, true));
	}
	/* And statement 1 does not see statement 0's conditions. */
	ck_assert(!tl_statement_admits(p, 0, GH_SUB, NULL, 0, false));
	tl_policy_free(p);
}
END_TEST

/* tl_statement_admits_from gives tl_statement_admits' answer whatever the
 * hint: a value that matches, one that does not, one of a negated
 * condition, one of another statement, or none. */
START_TEST(test_view_admits_from_same_answer)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": \"" GH_ARN "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
		"\"Condition\": {\"StringLike\": {\"" GH_SUB "\": [\"repo:acme/*\", \"repo:beta/*\"]}, "
		"\"StringNotLike\": {\"" GH_SUB "\": \"*:pull_request\"}, "
		"\"StringEquals\": {\"aws:SourceAccount\": \"repo:*\"}}}]}");
	const tl_statement *st = &tl_policy_document(p)->statements[0];
	const tl_value *like = NULL, *notlike = NULL, *eq = NULL;
	const char *probes[] = {"repo:acme/app:ref:refs/heads/main", "repo:beta/x:ref:refs/tags/v1",
	                        "repo:acme/app:pull_request", "repo:evil/app:ref:refs/heads/main",
	                        "repo:*"};
	size_t i, k;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		if (c->op == TL_OP_STRING_LIKE && !c->negated)
			like = c->values;
		else if (c->negated)
			notlike = c->values;
		else
			eq = c->values;
	}
	ck_assert(like && notlike && eq);
	for (k = 0; k < sizeof(probes) / sizeof(*probes); k++) {
		const tl_value *hints[] = {NULL, &like[0], &like[1], notlike, eq};
		bool want = one(p, GH_SUB, probes[k]);
		bool want_eq = one(p, "aws:SourceAccount", probes[k]);

		for (i = 0; i < sizeof(hints) / sizeof(*hints); i++) {
			ck_assert_msg(tl_statement_admits_from(p, 0, GH_SUB, probes[k], hints[i]) == want,
			              "probe %s hint %zu", probes[k], i);
			ck_assert(tl_statement_admits_from(p, 0, "aws:sourceaccount", probes[k],
			                                   hints[i]) == want_eq);
		}
	}
	/* the hint only reorders: the hinted pattern matching is not enough */
	ck_assert(!tl_statement_admits_from(p, 0, GH_SUB, "repo:acme/app:pull_request", &like[0]));
	ck_assert(tl_statement_admits_from(p, 0, GH_SUB, "repo:beta/x:ref:refs/heads/a", &like[0]));
	/* StringEquals takes "*" literally, hinted or not */
	ck_assert(tl_statement_admits_from(p, 0, "aws:SourceAccount", "repo:*", eq));
	ck_assert(!tl_statement_admits_from(p, 0, "aws:SourceAccount", "repo:x", eq));
	ck_assert(tl_statement_admits_from(p, 1, GH_SUB, "anything", &like[0]));
	tl_policy_free(p);
}
END_TEST

/* Many keys in one statement: each key still finds exactly its conditions
 * (the by-key order is searched, not walked). */
START_TEST(test_view_many_keys)
{
	char *text = malloc(200000);
	size_t at = 0, i;
	tl_policy *p;

	ck_assert(text);
	at += (size_t)snprintf(text + at, 200000 - at,
	                       "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
	                       "\"Allow\", \"Principal\": {\"AWS\": \"" ALICE "\"}, \"Action\": "
	                       "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {");
	for (i = 0; i < 3000; i++)
		at += (size_t)snprintf(text + at, 200000 - at, "%s\"aws:PrincipalTag/K%zu\": \"v%zu\"",
		                       i ? ", " : "", i, i);
	at += (size_t)snprintf(text + at, 200000 - at,
	                       "}, \"StringNotEquals\": {\"aws:principaltag/k7\": \"v7\"}}}]}");
	ck_assert(at < 200000);
	p = compile(text);
	for (i = 0; i < 3000; i++) {
		char key[64], good[32], bad[32];
		snprintf(key, sizeof(key), "aws:principaltag/k%zu", i);
		snprintf(good, sizeof(good), "v%zu", i);
		snprintf(bad, sizeof(bad), "v%zu", i + 1);
		ck_assert(!absent(p, key));
		ck_assert_msg(one(p, key, good) == (i != 7), "key %zu", i); /* k7: both conditions */
		ck_assert(!one(p, key, bad));
	}
	ck_assert(absent(p, "aws:PrincipalTag/K3000"));
	ck_assert(absent(p, "aws:PrincipalTag/"));
	tl_policy_free(p);
	free(text);
}
END_TEST

START_TEST(test_view_statement_out_of_range)
{
	tl_policy *p = allow_alice_with("{\"StringEquals\": {\"sts:ExternalId\": \"x\"}}");
	const char *v[1] = {"wrong"};

	ck_assert(!tl_statement_admits(p, 0, "sts:ExternalId", NULL, 0, false));
	ck_assert(!tl_statement_admits(p, 0, "sts:ExternalId", v, 1, true));
	/* Past the last statement: nothing bounds the key. */
	ck_assert(tl_statement_admits(p, 1, "sts:ExternalId", NULL, 0, false));
	ck_assert(tl_statement_admits(p, 1, "sts:ExternalId", v, 1, true));
	ck_assert(tl_statement_admits(p, (size_t)-1, "sts:ExternalId", v, 1, true));
	tl_policy_free(p);
}
END_TEST

START_TEST(test_view_empty_policy_values)
{
	tl_policy *p = allow_alice_with("{\"StringEquals\": {\"sts:ExternalId\": []}, "
	                                "\"StringEqualsIfExists\": {\"aws:RequestTag/x\": []}}");

	/* [] under a positive operator is false for a present key; IfExists
	 * with [] is true only when the key is absent (3.1). */
	ck_assert(!one(p, "sts:ExternalId", "x"));
	ck_assert(absent(p, "aws:RequestTag/x"));
	ck_assert(!one(p, "aws:RequestTag/x", "y"));
	tl_policy_free(p);
}
END_TEST

/* ---- property: the view agrees with tl_eval --------------------------- */

/*
 * For a policy of one Allow statement whose conditions all name KEY, the
 * statement applies to a matching caller exactly when its conditions
 * admit the caller's KEY.  So for every candidate value set: admits ->
 * Allow, and not admits -> not Allow.
 */
typedef struct prop {
	const char *policy;
	tl_principal_type type;
	const char *id, *action, *key;
} prop;

static void check_agrees(const tl_policy *p, const prop *c, const char *const *vals, size_t n,
                         bool present, size_t *admitted, size_t *refused)
{
	tl_request *r = tl_request_new();
	tl_result res;
	bool admits = tl_statement_admits(p, 0, c->key, vals, n, present);
	size_t i;

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(tl_request_set_principal(r, c->type, c->id), TL_OK);
	ck_assert_int_eq(tl_request_set_action(r, c->action), TL_OK);
	if (present)
		ck_assert_int_eq(tl_request_set_empty(r, c->key), TL_OK);
	for (i = 0; present && i < n; i++)
		ck_assert_int_eq(tl_request_add(r, c->key, vals[i], strlen(vals[i])), TL_OK);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
	ck_assert_msg((res.decision == TL_ALLOW) == admits,
	              "%s: view %s {%s%s%s} (%s, %zu values) but eval says %s", c->policy,
	              admits ? "admits" : "refuses", n > 0 ? vals[0] : "", n > 1 ? ", " : "",
	              n > 1 ? vals[1] : "", present ? "present" : "absent", n,
	              tl_decision_name(res.decision));
	++*(admits ? admitted : refused);
	tl_request_free(r);
}

START_TEST(test_view_agrees_with_eval)
{
	static const prop cases[] = {
		{"{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		 "{\"Federated\": \"" GH_ARN "\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", "
		 "\"Condition\": {\"StringLike\": {\"" GH_SUB "\": [\"repo:acme/*\", \"repo:Acme/app:*\"]}, "
		 "\"StringNotLike\": {\"" GH_SUB "\": \"*:pull_request\"}}}}",
		 TL_PRINCIPAL_FEDERATED, GH_ARN, "sts:AssumeRoleWithWebIdentity", GH_SUB},
		{"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		 "{\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
		 "{\"StringEqualsIgnoreCase\": {\"aws:RequestTag/env\": [\"prod\", \"dev\"]}, "
		 "\"StringNotEqualsIfExists\": {\"AWS:REQUESTTAG/ENV\": \"DEV\"}}}]}",
		 TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole", "aws:RequestTag/env"},
		{"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		 "{\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": [\"sts:AssumeRole\", \"sts:TagSession\"], "
		 "\"Condition\": {\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"a\", \"b\", \"c\"]}, "
		 "\"ForAnyValue:StringLike\": {\"aws:TagKeys\": \"a*\"}}}]}",
		 TL_PRINCIPAL_SERVICE, "pods.eks.amazonaws.com", "sts:TagSession", "aws:TagKeys"},
		{"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		 "{\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
		 "{\"ForAllValues:StringLike\": {\"aws:TagKeys\": [\"a\", \"d?\"]}}}]}",
		 TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole", "aws:TagKeys"},
		{"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		 "{\"AWS\": \"" ALICE "\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
		 "{\"Null\": {\"sts:ExternalId\": \"false\"}, \"StringNotEquals\": {\"sts:ExternalId\": \"a\"}, "
		 "\"StringLike\": {\"sts:externalid\": [\"?\", \"d*\"]}}}]}",
		 TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole", "sts:ExternalId"},
	};
	static const char *const heads[] = {"repo:acme/app", "repo:Acme/app", "repo:evil/app",
	                                    "repo:acme", "a", "b", "c", "d", "dd", "prod", "PROD",
	                                    "dev", "DEV", "ab", ""};
	static const char *const tails[] = {"", ":ref:refs/heads/main", ":pull_request",
	                                    ":environment:prod", "1", "*"};
	size_t k, h, t, h2;

	for (k = 0; k < sizeof(cases) / sizeof(*cases); k++) {
		tl_policy *p = compile(cases[k].policy);
		size_t admitted = 0, refused = 0;
		char vals[sizeof(heads) / sizeof(*heads) * sizeof(tails) / sizeof(*tails)][64];
		size_t nv = 0;

		for (h = 0; h < sizeof(heads) / sizeof(*heads); h++)
			for (t = 0; t < sizeof(tails) / sizeof(*tails); t++)
				snprintf(vals[nv++], sizeof(vals[0]), "%s%s", heads[h], tails[t]);
		check_agrees(p, &cases[k], NULL, 0, false, &admitted, &refused);
		check_agrees(p, &cases[k], NULL, 0, true, &admitted, &refused);
		for (h = 0; h < nv; h++) {
			const char *v1[1] = {vals[h]};
			check_agrees(p, &cases[k], v1, 1, true, &admitted, &refused);
			/* pairs, for the set operators (every 7th, to stay quick) */
			for (h2 = h % 7; h2 < nv; h2 += 7) {
				const char *v2[2] = {vals[h], vals[h2]};
				check_agrees(p, &cases[k], v2, 2, true, &admitted, &refused);
			}
		}
		/* The property must have been tested both ways. */
		ck_assert_msg(admitted > 0 && refused > 0, "policy %zu: %zu admitted, %zu refused", k,
		              admitted, refused);
		tl_policy_free(p);
	}
}
END_TEST

static Suite *view_suite(void)
{
	Suite *s = suite_create("view");
	TCase *ops = tcase_create("operators");
	TCase *keys = tcase_create("keys");
	TCase *prop_tc = tcase_create("property");

	tcase_add_test(ops, test_view_positive_operator);
	tcase_add_test(ops, test_view_negated_operator);
	tcase_add_test(ops, test_view_if_exists);
	tcase_add_test(ops, test_view_for_all_values);
	tcase_add_test(ops, test_view_for_any_value);
	tcase_add_test(ops, test_view_for_any_value_if_exists_absent);
	tcase_add_test(ops, test_view_null_operator);
	tcase_add_test(ops, test_view_multi_valued_without_qualifier);
	tcase_add_test(ops, test_view_empty_policy_values);
	suite_add_tcase(s, ops);

	tcase_add_test(keys, test_view_conditions_on_one_key_and);
	tcase_add_test(keys, test_view_key_case);
	tcase_add_test(keys, test_view_other_keys_ignored);
	tcase_add_test(keys, test_view_statement_out_of_range);
	tcase_add_test(keys, test_view_admits_from_same_answer);
	tcase_add_test(keys, test_view_many_keys);
	suite_add_tcase(s, keys);

	tcase_add_test(prop_tc, test_view_agrees_with_eval);
	tcase_set_timeout(prop_tc, 120);
	suite_add_tcase(s, prop_tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(view_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
