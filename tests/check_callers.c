/*
 * check_callers.c - unit tests for engine/callers.c (tl_request_caller):
 * each usual caller produces the principal, action(s) and context that
 * SEMANTICS.md 4.1, 4.4-4.6 and 2.5 say it sends, and is then decided
 * with tl_eval against a policy written for it (Allow for every action)
 * and one that is not (a deny).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "trustlint.h"

#define ACCT "111122223333"
#define OTHER "444455556666"
#define STRANGER "999988887777"
#define ALICE "arn:aws:iam::" ACCT ":user/alice"

#define EKS_ID "5C4E9F2A1B3D4E5F60718293A4B5C6D7"
#define EKS_HOST "oidc.eks.us-west-2.amazonaws.com/id/" EKS_ID
#define EKS_ARN "arn:aws:iam::" ACCT ":oidc-provider/" EKS_HOST
#define GH_HOST "token.actions.githubusercontent.com"
#define GH_ARN "arn:aws:iam::" ACCT ":oidc-provider/" GH_HOST
#define GL_ARN "arn:aws:iam::" ACCT ":oidc-provider/gitlab.com"
#define TF_ARN "arn:aws:iam::" ACCT ":oidc-provider/app.terraform.io"
#define SAML_ARN "arn:aws:iam::" ACCT ":saml-provider/Okta"
#define CLUSTER "arn:aws:eks:us-west-2:" ACCT ":cluster/prod"

/* One statement: Effect Allow, PRINCIPAL (a JSON object), ACTION (JSON), CONDITION (JSON or NULL). */
static tl_policy *policy_of(const char *principal, const char *action, const char *condition)
{
	char text[4096];
	tl_policy *p = NULL;
	tl_error err = {0};

	snprintf(text, sizeof(text),
	         "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	         "\"Principal\": %s, \"Action\": %s%s%s}]}",
	         principal, action, condition ? ", \"Condition\": " : "", condition ? condition : "");
	ck_assert_msg(tl_policy_parse(&p, text, strlen(text), NULL, &err) == TL_OK, "%s at %u:%u",
	              err.message, err.line, err.column);
	ck_assert_msg(tl_policy_document(p)->n_hard_problems == 0, "hard problem: %s",
	              tl_policy_document(p)->problems[0].message);
	return p;
}

static tl_policy *federated(const char *arn, const char *action, const char *condition)
{
	char principal[512];

	snprintf(principal, sizeof(principal), "{\"Federated\": \"%s\"}", arn);
	return policy_of(principal, action, condition);
}

static tl_request *new_request(void)
{
	tl_request *r = tl_request_new();

	ck_assert_ptr_nonnull(r);
	return r;
}

/* Call KIND with the NULL-terminated argument list; expect `want`. */
static tl_status call_list(tl_request *r, const tl_policy *p, const char *kind,
                           const char *const *args, tl_caller_actions *acts, tl_error *err,
                           tl_status want)
{
	size_t n = 0;
	tl_status st;

	while (args[n])
		n++;
	memset(err, 0, sizeof(*err));
	memset(acts, 0x5A, sizeof(*acts));
	st = tl_request_caller(r, p, kind, args, n, acts, err);
	ck_assert_msg(st == want, "%s with %zu args: %s (%s), want %s", kind, n, tl_status_name(st),
	              err->message, tl_status_name(want));
	if (st != TL_OK) {
		ck_assert_int_eq(err->status, st);
		ck_assert_msg(err->message[0] != '\0', "%s: empty error message", kind);
	}
	return st;
}

#define CALL(r, p, kind, acts, err, want, ...)                                                 \
	do {                                                                                   \
		const char *const args_[] = {__VA_ARGS__, NULL};                               \
		call_list(r, p, kind, args_, acts, err, want);                                 \
	} while (0)

/* Index of KEY (ASCII case folded), or -1. */
static long key_index(const tl_request *r, const char *key)
{
	size_t i, n = tl_request_key_count(r);

	for (i = 0; i < n; i++)
		if (strcasecmp(tl_request_key(r, i, NULL, NULL), key) == 0)
			return (long)i;
	return -1;
}

/* KEY has exactly the one value VALUE. */
static void expect_key(const tl_request *r, const char *key, const char *value)
{
	long i = key_index(r, key);
	size_t n = 99, len = 0;
	const char *v;

	ck_assert_msg(i >= 0, "no key %s", key);
	tl_request_key(r, (size_t)i, &n, NULL);
	ck_assert_msg(n == 1, "%s has %zu values", key, n);
	v = tl_request_value(r, (size_t)i, 0, &len);
	ck_assert_msg(strcmp(v, value) == 0, "%s = \"%s\", want \"%s\"", key, v, value);
	ck_assert_uint_eq(len, strlen(value));
}

static void expect_no_key(const tl_request *r, const char *key)
{
	ck_assert_msg(key_index(r, key) < 0, "unexpected key %s", key);
}

static void expect_caller(const tl_request *r, const tl_caller_actions *acts,
                          tl_principal_type type, const char *id, const char *action)
{
	ck_assert_int_eq(tl_request_principal_type(r), type);
	ck_assert_ptr_nonnull(tl_request_principal_id(r));
	ck_assert_str_eq(tl_request_principal_id(r), id);
	ck_assert_uint_eq(acts->n, 1);
	ck_assert_str_eq(acts->action[0], action);
	ck_assert_ptr_nonnull(tl_request_action(r));
	ck_assert_str_eq(tl_request_action(r), action);
}

/* The decision for the whole call: Allow only when every action is
 * allowed; else an explicit deny if any, else implicit (SEMANTICS 0). */
static tl_decision decide(const tl_policy *p, tl_request *r, const tl_caller_actions *acts,
                          bool *account_level)
{
	tl_decision worst = TL_ALLOW;
	size_t k;

	ck_assert_uint_ge(acts->n, 1);
	if (account_level)
		*account_level = false;
	for (k = 0; k < acts->n; k++) {
		tl_result res;
		ck_assert_int_eq(tl_request_set_action(r, acts->action[k]), TL_OK);
		ck_assert_int_eq(tl_eval(p, r, NULL, &res), TL_OK);
		if (res.decision == TL_EXPLICIT_DENY ||
		    (res.decision == TL_IMPLICIT_DENY && worst == TL_ALLOW))
			worst = res.decision;
		if (res.decision == TL_ALLOW && account_level && res.account_level)
			*account_level = true;
	}
	/* leave the request as the caller made it */
	ck_assert_int_eq(tl_request_set_action(r, acts->action[0]), TL_OK);
	return worst;
}

/* ---- IRSA -------------------------------------------------------------- */

static tl_policy *irsa_policy(void)
{
	return federated(EKS_ARN, "\"sts:AssumeRoleWithWebIdentity\"",
	                 "{\"StringEquals\": {\"" EKS_HOST ":sub\": \"system:serviceaccount:payments:api\", "
	                 "\"" EKS_HOST ":aud\": \"sts.amazonaws.com\"}}");
}

static void expect_irsa(const tl_request *r, const tl_caller_actions *acts, const char *ns_sa)
{
	char sub[200];

	snprintf(sub, sizeof(sub), "system:serviceaccount:%s", ns_sa);
	expect_caller(r, acts, TL_PRINCIPAL_FEDERATED, EKS_ARN, "sts:AssumeRoleWithWebIdentity");
	expect_key(r, EKS_HOST ":sub", sub);
	expect_key(r, EKS_HOST ":aud", "sts.amazonaws.com");
	/* A web identity call is unsigned: no AWS caller keys (4.1). */
	expect_no_key(r, "aws:PrincipalArn");
	ck_assert_uint_eq(tl_request_key_count(r), 2);
}

START_TEST(test_callers_irsa_forms)
{
	static const char *const issuers[] = {EKS_ARN, "https://" EKS_HOST, EKS_HOST, EKS_ID};
	tl_policy *p = irsa_policy();
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	size_t i;

	for (i = 0; i < 4; i++) {
		CALL(r, p, "irsa", &acts, &err, TL_OK, issuers[i], "payments", "api");
		expect_irsa(r, &acts, "payments:api");
		ck_assert_msg(decide(p, r, &acts, NULL) == TL_ALLOW, "issuer form %zu", i);
		CALL(r, p, "irsa", &acts, &err, TL_OK, issuers[i], "payments", "default");
		expect_irsa(r, &acts, "payments:default");
		ck_assert_int_eq(decide(p, r, &acts, NULL), TL_IMPLICIT_DENY);
	}
	/* The provider ARN needs no policy to resolve it. */
	CALL(r, NULL, "irsa", &acts, &err, TL_OK, EKS_ARN, "payments", "api");
	expect_irsa(r, &acts, "payments:api");
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_irsa_other_cluster_denied)
{
	/* The policy trusts another cluster: the caller's own ARN does not match. */
	tl_policy *p = federated("arn:aws:iam::" ACCT ":oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/"
	                         "0123456789ABCDEF0123456789ABCDEF",
	                         "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, p, "irsa", &acts, &err, TL_OK, EKS_ARN, "payments", "api");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_irsa_unresolvable)
{
	tl_policy *gh = federated(GH_ARN, "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	/* A bare cluster id names neither region nor account: without a
	 * provider for it in the policy the caller cannot be built. */
	CALL(r, gh, "irsa", &acts, &err, TL_EARG, EKS_ID, "payments", "api");
	ck_assert_msg(strstr(err.message, EKS_ID) != NULL, "%s", err.message);
	CALL(r, NULL, "irsa", &acts, &err, TL_EARG, EKS_ID, "payments", "api");
	ck_assert_msg(strstr(err.message, EKS_ID) != NULL, "%s", err.message);
	/* An ARN that is not an OIDC provider. */
	CALL(r, NULL, "irsa", &acts, &err, TL_EARG, SAML_ARN, "payments", "api");
	ck_assert_msg(strstr(err.message, "OIDC") != NULL, "%s", err.message);
	tl_request_free(r);
	tl_policy_free(gh);
}
END_TEST

/* An issuer the policy does not name is still a caller: its provider
 * lives in the role's account (known from the policy's other providers,
 * else a placeholder), no statement names it, and STS denies it. */
START_TEST(test_callers_unnamed_issuer_is_denied)
{
	tl_policy *gh = federated(GH_ARN, "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_policy *eks = federated(EKS_ARN, "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_policy *cn = federated("arn:aws-cn:iam::" OTHER ":oidc-provider/" EKS_HOST,
	                          "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, gh, "irsa", &acts, &err, TL_OK, "https://" EKS_HOST, "payments", "api");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, EKS_ARN, "sts:AssumeRoleWithWebIdentity");
	expect_key(r, EKS_HOST ":sub", "system:serviceaccount:payments:api");
	ck_assert_int_eq(decide(gh, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, NULL, "irsa", &acts, &err, TL_OK, EKS_HOST, "payments", "api");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED,
	              "arn:aws:iam::000000000000:oidc-provider/" EKS_HOST,
	              "sts:AssumeRoleWithWebIdentity");
	/* "no GitHub repository may assume this role", for a role without GitHub */
	CALL(r, eks, "github", &acts, &err, TL_OK, "evil/x");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, GH_ARN, "sts:AssumeRoleWithWebIdentity");
	expect_key(r, GH_HOST ":sub", "repo:evil/x:ref:refs/heads/main");
	ck_assert_int_eq(decide(eks, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, NULL, "github", &acts, &err, TL_OK, "evil/x");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED,
	              "arn:aws:iam::000000000000:oidc-provider/" GH_HOST, "sts:AssumeRoleWithWebIdentity");
	/* the partition comes with the account */
	CALL(r, cn, "gitlab", &acts, &err, TL_OK, "acme/app");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED,
	              "arn:aws-cn:iam::" OTHER ":oidc-provider/gitlab.com", "sts:AssumeRoleWithWebIdentity");
	CALL(r, NULL, "terraform", &acts, &err, TL_OK, "acme", "infra", "prod");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED,
	              "arn:aws:iam::000000000000:oidc-provider/app.terraform.io",
	              "sts:AssumeRoleWithWebIdentity");
	/* not a host */
	CALL(r, NULL, "irsa", &acts, &err, TL_EARG, "a b", "payments", "api");
	tl_request_free(r);
	tl_policy_free(gh);
	tl_policy_free(eks);
	tl_policy_free(cn);
}
END_TEST

/* The policy supplies only what the arguments leave out (the provider's
 * account); it must not swap the caller's issuer for another one that
 * merely contains or extends it: the caller keeps its own issuer, and the
 * policy denies it. */
START_TEST(test_callers_issuer_must_match_exactly)
{
	tl_policy *longer = federated(EKS_ARN "ABCD", "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_policy *mygitlab = federated("arn:aws:iam::" ACCT ":oidc-provider/mygitlab.com",
	                                "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_policy *tfe = federated("arn:aws:iam::" ACCT ":oidc-provider/app.terraform.io.example.net",
	                           "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	/* cluster EKS_ID is not cluster EKS_ID "ABCD" */
	CALL(r, longer, "irsa", &acts, &err, TL_OK, EKS_HOST, "payments", "api");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, EKS_ARN, "sts:AssumeRoleWithWebIdentity");
	ck_assert_int_eq(decide(longer, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, longer, "irsa", &acts, &err, TL_EARG, EKS_ID, "payments", "api");
	/* gitlab.com is not mygitlab.com; app.terraform.io is not a host under it */
	CALL(r, mygitlab, "gitlab", &acts, &err, TL_OK, "acme/app");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, GL_ARN, "sts:AssumeRoleWithWebIdentity");
	ck_assert_int_eq(decide(mygitlab, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, tfe, "terraform", &acts, &err, TL_OK, "acme", "infra", "prod");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, TF_ARN, "sts:AssumeRoleWithWebIdentity");
	ck_assert_int_eq(decide(tfe, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(longer);
	tl_policy_free(mygitlab);
	tl_policy_free(tfe);
}
END_TEST


/* ---- EKS Pod Identity -------------------------------------------------- */

static const char *const pod_tags[] = {"eks-cluster-arn", "eks-cluster-name",
                                       "kubernetes-namespace", "kubernetes-service-account",
                                       "kubernetes-pod-name", "kubernetes-pod-uid"};

START_TEST(test_callers_pod_identity_request)
{
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	long tk;
	size_t i, j, n = 0;
	bool seen[6] = {false};

	CALL(r, NULL, "pod-identity", &acts, &err, TL_OK, CLUSTER, "payments", "api");
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_SERVICE);
	ck_assert_str_eq(tl_request_principal_id(r), "pods.eks.amazonaws.com");
	/* Both actions must be allowed (2.5, 4.6); the request carries the first. */
	ck_assert_uint_eq(acts.n, 2);
	ck_assert_str_eq(acts.action[0], "sts:AssumeRole");
	ck_assert_str_eq(acts.action[1], "sts:TagSession");
	ck_assert_str_eq(tl_request_action(r), "sts:AssumeRole");
	/* The six session tags as request tags. */
	expect_key(r, "aws:RequestTag/eks-cluster-arn", CLUSTER);
	expect_key(r, "aws:RequestTag/eks-cluster-name", "prod");
	expect_key(r, "aws:RequestTag/kubernetes-namespace", "payments");
	expect_key(r, "aws:RequestTag/kubernetes-service-account", "api");
	for (i = 4; i < 6; i++) {
		char key[80];
		long k;
		size_t len = 0;
		snprintf(key, sizeof(key), "aws:RequestTag/%s", pod_tags[i]);
		k = key_index(r, key);
		ck_assert_msg(k >= 0, "no %s", key);
		tl_request_key(r, (size_t)k, &n, NULL);
		ck_assert_uint_eq(n, 1);
		ck_assert_ptr_nonnull(tl_request_value(r, (size_t)k, 0, &len));
		ck_assert_msg(len > 0, "%s is empty", key);
	}
	/* aws:TagKeys lists exactly the six tag keys. */
	tk = key_index(r, "aws:TagKeys");
	ck_assert(tk >= 0);
	tl_request_key(r, (size_t)tk, &n, NULL);
	ck_assert_uint_eq(n, 6);
	for (i = 0; i < 6; i++) {
		const char *v = tl_request_value(r, (size_t)tk, i, NULL);
		for (j = 0; j < 6; j++)
			if (strcmp(v, pod_tags[j]) == 0 && !seen[j])
				break;
		ck_assert_msg(j < 6, "unexpected or repeated tag key %s", v);
		seen[j] = true;
	}
	/* The cluster's account as aws:SourceAccount; no invented SourceArn. */
	expect_key(r, "aws:SourceAccount", ACCT);
	expect_no_key(r, "aws:SourceArn");
	expect_no_key(r, "aws:PrincipalArn");
	/* What AWS puts in a service principal's request (derived). */
	expect_key(r, "aws:PrincipalIsAWSService", "true");
	expect_key(r, "aws:PrincipalServiceName", "pods.eks.amazonaws.com");
	ck_assert_uint_eq(tl_request_key_count(r), 10);
	tl_request_free(r);
}
END_TEST

START_TEST(test_callers_pod_identity_decisions)
{
	static const char *const principal = "{\"Service\": \"pods.eks.amazonaws.com\"}";
	static const char *const cond =
		"{\"StringEquals\": {\"aws:SourceAccount\": \"" ACCT "\", "
		"\"aws:RequestTag/kubernetes-namespace\": \"payments\", "
		"\"aws:RequestTag/kubernetes-service-account\": \"api\", "
		"\"aws:RequestTag/eks-cluster-name\": \"prod\"}, "
		"\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"eks-cluster-arn\", \"eks-cluster-name\", "
		"\"kubernetes-namespace\", \"kubernetes-service-account\", \"kubernetes-pod-name\", "
		"\"kubernetes-pod-uid\"]}}";
	tl_policy *good = policy_of(principal, "[\"sts:AssumeRole\", \"sts:TagSession\"]", cond);
	tl_policy *no_tag = policy_of(principal, "\"sts:AssumeRole\"", cond);
	tl_policy *cluster_arn = policy_of(principal, "[\"sts:AssumeRole\", \"sts:TagSession\"]",
	                                   "{\"ArnEquals\": {\"aws:RequestTag/eks-cluster-arn\": \"" CLUSTER "\"}}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, NULL, "pod-identity", &acts, &err, TL_OK, CLUSTER, "payments", "api");
	ck_assert_int_eq(decide(good, r, &acts, NULL), TL_ALLOW);
	ck_assert_int_eq(decide(cluster_arn, r, &acts, NULL), TL_ALLOW);
	/* Without sts:TagSession the call fails, though AssumeRole alone is allowed. */
	ck_assert_int_eq(decide(no_tag, r, &acts, NULL), TL_IMPLICIT_DENY);
	{
		tl_result res;
		ck_assert_int_eq(tl_eval(no_tag, r, NULL, &res), TL_OK);
		ck_assert_int_eq(res.decision, TL_ALLOW);
	}
	/* Another namespace, or a cluster in another account. */
	CALL(r, NULL, "pod-identity", &acts, &err, TL_OK, CLUSTER, "web", "api");
	ck_assert_int_eq(decide(good, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, NULL, "pod-identity", &acts, &err, TL_OK, "arn:aws:eks:us-west-2:" STRANGER ":cluster/prod",
	     "payments", "api");
	expect_key(r, "aws:SourceAccount", STRANGER);
	ck_assert_int_eq(decide(good, r, &acts, NULL), TL_IMPLICIT_DENY);
	ck_assert_int_eq(decide(cluster_arn, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(good);
	tl_policy_free(no_tag);
	tl_policy_free(cluster_arn);
}
END_TEST

START_TEST(test_callers_pod_identity_bad_cluster)
{
	static const char *const bad[] = {
		"prod",
		"arn:aws:eks:us-west-2:" ACCT ":nodegroup/prod/ng/1",
		"arn:aws:eks:us-west-2:1111:cluster/prod",
		"arn:aws:eks:us-west-2:" ACCT,
		"",
	};
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		CALL(r, NULL, "pod-identity", &acts, &err, TL_EARG, bad[i], "payments", "api");
		ck_assert_msg(strstr(err.message, "cluster") != NULL, "%s", err.message);
	}
	tl_request_free(r);
}
END_TEST

/* ---- GitHub, GitLab, HCP Terraform -------------------------------------- */

static tl_policy *github_policy(void)
{
	return federated(GH_ARN, "\"sts:AssumeRoleWithWebIdentity\"",
	                 "{\"StringEquals\": {\"" GH_HOST ":aud\": \"sts.amazonaws.com\"}, "
	                 "\"StringLike\": {\"" GH_HOST ":sub\": \"repo:acme/app:*\"}}");
}

START_TEST(test_callers_github_sub_forms)
{
	static const struct {
		const char *ref, *sub, *ref_claim, *env_claim;
	} forms[] = {
		{NULL, "repo:acme/app:ref:refs/heads/main", "refs/heads/main", NULL},
		{"refs/heads/release/1.x", "repo:acme/app:ref:refs/heads/release/1.x",
		 "refs/heads/release/1.x", NULL},
		{"refs/tags/v1.2.3", "repo:acme/app:ref:refs/tags/v1.2.3", "refs/tags/v1.2.3", NULL},
		{"environment:prod", "repo:acme/app:environment:prod", NULL, "prod"},
		{"pull_request", "repo:acme/app:pull_request", NULL, NULL},
	};
	tl_policy *p = github_policy();
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		if (forms[i].ref)
			CALL(r, p, "github", &acts, &err, TL_OK, "acme/app", forms[i].ref);
		else
			CALL(r, p, "github", &acts, &err, TL_OK, "acme/app");
		expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, GH_ARN, "sts:AssumeRoleWithWebIdentity");
		expect_key(r, GH_HOST ":sub", forms[i].sub);
		expect_key(r, GH_HOST ":aud", "sts.amazonaws.com");
		/* The 2026 provider claims (4.4). */
		expect_key(r, GH_HOST ":repository", "acme/app");
		if (forms[i].ref_claim)
			expect_key(r, GH_HOST ":ref", forms[i].ref_claim);
		if (forms[i].env_claim)
			expect_key(r, GH_HOST ":environment", forms[i].env_claim);
		else
			expect_no_key(r, GH_HOST ":environment");
		expect_no_key(r, "aws:PrincipalArn");
		ck_assert_msg(decide(p, r, &acts, NULL) == TL_ALLOW, "form %zu", i);
	}
	/* Another repository does not match the sub. */
	CALL(r, p, "github", &acts, &err, TL_OK, "evil/app");
	expect_key(r, GH_HOST ":sub", "repo:evil/app:ref:refs/heads/main");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_IMPLICIT_DENY);
	/* acme/application is not acme/app ("repo:acme/app:*" needs the colon). */
	CALL(r, p, "github", &acts, &err, TL_OK, "acme/application");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_github_claims_decide)
{
	tl_policy *branch = federated(GH_ARN, "\"sts:AssumeRoleWithWebIdentity\"",
	                              "{\"StringEquals\": {\"" GH_HOST ":repository\": \"acme/app\", "
	                              "\"" GH_HOST ":ref\": \"refs/heads/main\"}}");
	tl_policy *env = federated(GH_ARN, "\"sts:AssumeRoleWithWebIdentity\"",
	                           "{\"StringEquals\": {\"" GH_HOST ":environment\": \"prod\"}}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, branch, "github", &acts, &err, TL_OK, "acme/app");
	ck_assert_int_eq(decide(branch, r, &acts, NULL), TL_ALLOW);
	CALL(r, branch, "github", &acts, &err, TL_OK, "acme/app", "refs/heads/dev");
	ck_assert_int_eq(decide(branch, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, branch, "github", &acts, &err, TL_OK, "acme/other", "refs/heads/main");
	ck_assert_int_eq(decide(branch, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, env, "github", &acts, &err, TL_OK, "acme/app", "environment:prod");
	ck_assert_int_eq(decide(env, r, &acts, NULL), TL_ALLOW);
	CALL(r, env, "github", &acts, &err, TL_OK, "acme/app", "environment:staging");
	ck_assert_int_eq(decide(env, r, &acts, NULL), TL_IMPLICIT_DENY);
	CALL(r, env, "github", &acts, &err, TL_OK, "acme/app", "refs/heads/main");
	ck_assert_int_eq(decide(env, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(branch);
	tl_policy_free(env);
}
END_TEST

/* An enterprise issuer has a path; every claim key carries it (4.4: the
 * provider URL without https://, host plus any path). */
START_TEST(test_callers_github_enterprise_issuer)
{
	tl_policy *p = federated(GH_ARN "/acme-corp", "\"sts:AssumeRoleWithWebIdentity\"",
	                         "{\"StringEquals\": {\"" GH_HOST "/acme-corp:aud\": \"sts.amazonaws.com\", "
	                         "\"" GH_HOST "/acme-corp:repository\": \"acme/app\"}}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, p, "github", &acts, &err, TL_OK, "acme/app");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, GH_ARN "/acme-corp",
	              "sts:AssumeRoleWithWebIdentity");
	expect_key(r, GH_HOST "/acme-corp:sub", "repo:acme/app:ref:refs/heads/main");
	expect_key(r, GH_HOST "/acme-corp:repository", "acme/app");
	expect_key(r, GH_HOST "/acme-corp:ref", "refs/heads/main");
	expect_no_key(r, GH_HOST ":repository");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_ALLOW);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_github_errors)
{
	tl_policy *p = github_policy();
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	/* OWNER/REPO needs the slash. */
	CALL(r, p, "github", &acts, &err, TL_EARG, "acme");
	ck_assert_msg(strstr(err.message, "OWNER/REPO") != NULL, "%s", err.message);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_gitlab)
{
	tl_policy *p = federated(GL_ARN, "\"sts:AssumeRoleWithWebIdentity\"",
	                         "{\"StringEquals\": {\"gitlab.com:aud\": \"https://gitlab.com\"}, "
	                         "\"StringLike\": {\"gitlab.com:sub\": \"project_path:acme/app:ref_type:branch:ref:main\"}}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, p, "gitlab", &acts, &err, TL_OK, "acme/app");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, GL_ARN, "sts:AssumeRoleWithWebIdentity");
	expect_key(r, "gitlab.com:sub", "project_path:acme/app:ref_type:branch:ref:main");
	expect_key(r, "gitlab.com:aud", "https://gitlab.com");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_ALLOW);
	CALL(r, p, "gitlab", &acts, &err, TL_OK, "acme/app", "dev");
	expect_key(r, "gitlab.com:sub", "project_path:acme/app:ref_type:branch:ref:dev");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_terraform)
{
	tl_policy *p = federated(TF_ARN, "\"sts:AssumeRoleWithWebIdentity\"",
	                         "{\"StringEquals\": {\"app.terraform.io:aud\": \"aws.workload.identity\"}, "
	                         "\"StringLike\": {\"app.terraform.io:sub\": "
	                         "\"organization:acme:project:infra:workspace:prod:run_phase:*\"}}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, p, "terraform", &acts, &err, TL_OK, "acme", "infra", "prod");
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, TF_ARN, "sts:AssumeRoleWithWebIdentity");
	expect_key(r, "app.terraform.io:sub", "organization:acme:project:infra:workspace:prod:run_phase:apply");
	expect_key(r, "app.terraform.io:aud", "aws.workload.identity");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_ALLOW);
	CALL(r, p, "terraform", &acts, &err, TL_OK, "acme", "infra", "prod", "plan");
	expect_key(r, "app.terraform.io:sub", "organization:acme:project:infra:workspace:prod:run_phase:plan");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_ALLOW);
	CALL(r, p, "terraform", &acts, &err, TL_OK, "acme", "infra", "staging");
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

/* ---- AWS callers ------------------------------------------------------- */

START_TEST(test_callers_role_session)
{
	static const char *const role_arn = "arn:aws:iam::" OTHER ":role/team/deploy";
	tl_policy *by_arn = policy_of("{\"AWS\": \"arn:aws:iam::" OTHER ":role/team/deploy\"}",
	                              "\"sts:AssumeRole\"", NULL);
	tl_policy *by_path = policy_of("{\"AWS\": \"" OTHER "\"}", "\"sts:AssumeRole\"",
	                               "{\"ArnLike\": {\"aws:PrincipalArn\": \"arn:aws:iam::" OTHER ":role/team/*\"}}");
	tl_policy *other_path = policy_of("{\"AWS\": \"arn:aws:iam::" OTHER ":role/ops/deploy\"}",
	                                  "\"sts:AssumeRole\"", NULL);
	tl_policy *other_role = policy_of("{\"AWS\": \"arn:aws:iam::" OTHER ":role/team/audit\"}",
	                                  "\"sts:AssumeRole\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	const char *id;
	bool account_level = true;

	CALL(r, NULL, "role", &acts, &err, TL_OK, role_arn);
	/* A session of the role: the session ARN has the role's name, no path. */
	ck_assert_int_eq(tl_request_principal_type(r), TL_PRINCIPAL_AWS);
	id = tl_request_principal_id(r);
	ck_assert_ptr_nonnull(id);
	ck_assert_msg(strncmp(id, "arn:aws:sts::" OTHER ":assumed-role/deploy/",
	                      strlen("arn:aws:sts::" OTHER ":assumed-role/deploy/")) == 0, "%s", id);
	ck_assert_msg(strlen(id) > strlen("arn:aws:sts::" OTHER ":assumed-role/deploy/"),
	              "no session name: %s", id);
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_str_eq(acts.action[0], "sts:AssumeRole");
	ck_assert_str_eq(tl_request_action(r), "sts:AssumeRole");
	/* aws:PrincipalArn is the role ARN with its path (4.1). */
	expect_key(r, "aws:PrincipalArn", role_arn);
	expect_key(r, "aws:PrincipalAccount", OTHER);
	expect_key(r, "aws:PrincipalType", "AssumedRole");

	ck_assert_int_eq(decide(by_arn, r, &acts, &account_level), TL_ALLOW);
	ck_assert(!account_level);
	ck_assert_int_eq(decide(by_path, r, &acts, &account_level), TL_ALLOW);
	ck_assert(account_level);
	ck_assert_int_eq(decide(other_path, r, &acts, NULL), TL_IMPLICIT_DENY);
	ck_assert_int_eq(decide(other_role, r, &acts, NULL), TL_IMPLICIT_DENY);

	/* Another partition keeps its partition. */
	CALL(r, NULL, "role", &acts, &err, TL_OK, "arn:aws-us-gov:iam::" OTHER ":role/deploy");
	ck_assert_msg(strncmp(tl_request_principal_id(r), "arn:aws-us-gov:sts::" OTHER ":assumed-role/deploy/",
	                      strlen("arn:aws-us-gov:sts::" OTHER ":assumed-role/deploy/")) == 0,
	              "%s", tl_request_principal_id(r));
	expect_key(r, "aws:PrincipalArn", "arn:aws-us-gov:iam::" OTHER ":role/deploy");
	tl_request_free(r);
	tl_policy_free(by_arn);
	tl_policy_free(by_path);
	tl_policy_free(other_path);
	tl_policy_free(other_role);
}
END_TEST

START_TEST(test_callers_role_errors)
{
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, NULL, "role", &acts, &err, TL_EARG, ALICE);
	CALL(r, NULL, "role", &acts, &err, TL_EARG, "arn:aws:iam::1234:role/x");
	CALL(r, NULL, "role", &acts, &err, TL_EARG, "deploy");
	CALL(r, NULL, "role", &acts, &err, TL_EARG, "arn:aws:sts::" OTHER ":assumed-role/deploy/s");
	ck_assert_msg(strstr(err.message, "role/") != NULL, "%s", err.message);
	tl_request_free(r);
}
END_TEST

static tl_policy *compile(const char *text)
{
	tl_policy *p = NULL;
	tl_error err = {0};

	ck_assert_msg(tl_policy_parse(&p, text, strlen(text), NULL, &err) == TL_OK, "%s", err.message);
	ck_assert_uint_eq(tl_policy_document(p)->n_hard_problems, 0);
	return p;
}

START_TEST(test_callers_user)
{
	tl_policy *p = policy_of("{\"AWS\": \"" ALICE "\"}", "\"sts:AssumeRole\"", NULL);
	tl_policy *bob = policy_of("{\"AWS\": \"arn:aws:iam::" ACCT ":user/bob\"}", "\"sts:AssumeRole\"", NULL);
	/* Allowed by account, denied by name: the Deny wins (2.1). */
	tl_policy *deny = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"arn:aws:iam::" ACCT ":root\"}, \"Action\": \"sts:AssumeRole\"}, "
		"{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:*\", "
		"\"Condition\": {\"StringEquals\": {\"aws:PrincipalType\": \"User\"}}}]}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	bool account_level = true;

	CALL(r, NULL, "user", &acts, &err, TL_OK, ALICE);
	expect_caller(r, &acts, TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	/* The keys AWS derives from a user caller (4.1). */
	expect_key(r, "aws:PrincipalArn", ALICE);
	expect_key(r, "aws:PrincipalAccount", ACCT);
	expect_key(r, "aws:PrincipalType", "User");
	ck_assert_int_eq(decide(p, r, &acts, &account_level), TL_ALLOW);
	ck_assert(!account_level);
	ck_assert_int_eq(decide(bob, r, &acts, NULL), TL_IMPLICIT_DENY);
	ck_assert_int_eq(decide(deny, r, &acts, NULL), TL_EXPLICIT_DENY);
	CALL(r, NULL, "user", &acts, &err, TL_EARG, ALICE, "extra");
	tl_request_free(r);
	tl_policy_free(p);
	tl_policy_free(bob);
	tl_policy_free(deny);
}
END_TEST

START_TEST(test_callers_account)
{
	tl_policy *root = policy_of("{\"AWS\": \"arn:aws:iam::" OTHER ":root\"}", "\"sts:AssumeRole\"", NULL);
	tl_policy *bare = policy_of("{\"AWS\": \"" OTHER "\"}", "\"sts:AssumeRole\"", NULL);
	tl_policy *stranger = policy_of("{\"AWS\": \"" STRANGER "\"}", "\"sts:AssumeRole\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	bool account_level = false;

	CALL(r, NULL, "account", &acts, &err, TL_OK, OTHER);
	expect_caller(r, &acts, TL_PRINCIPAL_AWS, OTHER, "sts:AssumeRole");
	expect_key(r, "aws:PrincipalAccount", OTHER);
	/* Anyone in the account: no single principal ARN. */
	expect_no_key(r, "aws:PrincipalArn");
	/* A grant to the account is account-level: the identity policy must allow too (2.4). */
	ck_assert_int_eq(decide(root, r, &acts, &account_level), TL_ALLOW);
	ck_assert(account_level);
	ck_assert_int_eq(decide(bare, r, &acts, &account_level), TL_ALLOW);
	ck_assert(account_level);
	ck_assert_int_eq(decide(stranger, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(root);
	tl_policy_free(bare);
	tl_policy_free(stranger);
}
END_TEST

START_TEST(test_callers_service)
{
	tl_policy *ec2 = policy_of("{\"Service\": \"ec2.amazonaws.com\"}", "\"sts:AssumeRole\"", NULL);
	tl_policy *lambda = policy_of("{\"Service\": [\"lambda.amazonaws.com\"]}", "\"sts:AssumeRole\"", NULL);
	tl_policy *aws_any = policy_of("{\"AWS\": \"" ACCT "\"}", "\"sts:AssumeRole\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, NULL, "service", &acts, &err, TL_OK, "ec2.amazonaws.com");
	expect_caller(r, &acts, TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com", "sts:AssumeRole");
	expect_no_key(r, "aws:PrincipalArn");
	ck_assert_int_eq(decide(ec2, r, &acts, NULL), TL_ALLOW);
	ck_assert_int_eq(decide(lambda, r, &acts, NULL), TL_IMPLICIT_DENY);
	/* An AWS account entry matches only AWS callers (2.3 rule 1). */
	ck_assert_int_eq(decide(aws_any, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(ec2);
	tl_policy_free(lambda);
	tl_policy_free(aws_any);
}
END_TEST

START_TEST(test_callers_saml)
{
	tl_policy *p = federated(SAML_ARN, "\"sts:AssumeRoleWithSAML\"",
	                         "{\"StringEquals\": {\"SAML:aud\": \"https://signin.aws.amazon.com/saml\"}}");
	tl_policy *other = federated("arn:aws:iam::" ACCT ":saml-provider/AzureAD", "\"sts:AssumeRoleWithSAML\"",
	                             NULL);
	tl_policy *web = federated(SAML_ARN, "\"sts:AssumeRoleWithWebIdentity\"", NULL);
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, NULL, "saml", &acts, &err, TL_OK, SAML_ARN);
	expect_caller(r, &acts, TL_PRINCIPAL_FEDERATED, SAML_ARN, "sts:AssumeRoleWithSAML");
	/* saml:aud is the AWS sign-in endpoint (4.5). */
	expect_key(r, "saml:aud", "https://signin.aws.amazon.com/saml");
	ck_assert_uint_eq(tl_request_key_count(r), 1);
	ck_assert_int_eq(decide(p, r, &acts, NULL), TL_ALLOW);
	ck_assert_int_eq(decide(other, r, &acts, NULL), TL_IMPLICIT_DENY);
	ck_assert_int_eq(decide(web, r, &acts, NULL), TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(p);
	tl_policy_free(other);
	tl_policy_free(web);
}
END_TEST

/* A value that is no such caller is an error, never a request that no
 * policy names (a deny expectation would pass for nothing). */
START_TEST(test_callers_values_checked)
{
	static const struct {
		const char *kind, *arg, *says;
	} bad[] = {
		{"account", "12345", "12 digits"},
		{"account", "1111222233334", "12 digits"},
		{"account", "arn:aws:iam::" ACCT ":user/alice", "12 digits"},
		{"service", "ec2", "service principal"},
		{"service", "EC2.amazonaws.com", "service principal"},
		{"service", ".amazonaws.com", "service principal"},
		{"service", "ec2.amazonaws.com.evil.example", "service principal"},
		{"saml", "x", "SAML provider ARN"},
		{"saml", "arn:aws:iam::" ACCT ":oidc-provider/x", "SAML provider ARN"},
		{"saml", "arn:aws:iam::" ACCT ":saml-provider/", "SAML provider ARN"},
		{"user", "alice", "IAM user ARN"},
		{"user", "arn:aws:iam::1234:user/alice", "IAM user ARN"},
	};
	static const char *const good[][2] = {
		{"account", "arn:aws:iam::" ACCT ":root"},
		{"account", "arn:aws-cn:iam::" ACCT ":root"},
		{"service", "states.us-east-1.amazonaws.com"},
		{"service", "ec2.amazonaws.com.cn"},
		{"service", "alexa-appkit.amazon.com"},
		{"saml", "arn:aws-us-gov:iam::" ACCT ":saml-provider/Okta"},
		{"user", "arn:aws:iam::" ACCT ":user/team/alice"},
	};
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		CALL(r, NULL, bad[i].kind, &acts, &err, TL_EARG, bad[i].arg);
		ck_assert_msg(strstr(err.message, bad[i].says) != NULL, "%s %s: %s", bad[i].kind,
		              bad[i].arg, err.message);
		ck_assert_msg(strstr(err.message, bad[i].arg) != NULL, "%s", err.message);
	}
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		CALL(r, NULL, good[i][0], &acts, &err, TL_OK, good[i][1]);
	tl_request_free(r);
}
END_TEST

/* ---- the interface ----------------------------------------------------- */

START_TEST(test_callers_unknown_kind)
{
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	CALL(r, NULL, "azure", &acts, &err, TL_EARG, "x");
	ck_assert_msg(strstr(err.message, "azure") != NULL, "%s", err.message);
	/* kinds are names, exactly */
	CALL(r, NULL, "IRSA", &acts, &err, TL_EARG, EKS_ARN, "a", "b");
	CALL(r, NULL, "", &acts, &err, TL_EARG, "x");
	tl_request_free(r);
}
END_TEST

START_TEST(test_callers_argument_counts)
{
	static const struct {
		const char *kind;
		size_t n;
	} bad[] = {
		{"irsa", 0}, {"irsa", 1}, {"irsa", 2}, {"irsa", 4},
		{"pod-identity", 0}, {"pod-identity", 2}, {"pod-identity", 4},
		{"github", 0}, {"github", 3},
		{"gitlab", 0}, {"gitlab", 3},
		{"terraform", 0}, {"terraform", 2}, {"terraform", 5},
		{"role", 0}, {"role", 2},
		{"user", 0}, {"user", 2},
		{"account", 0}, {"account", 2},
		{"service", 0}, {"service", 2},
		{"saml", 0}, {"saml", 2},
	};
	/* Arguments that would be right in number for every kind. */
	static const char *const args[] = {"ARG", "ARG", "ARG", "ARG", "ARG", "ARG"};
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": [\"" EKS_ARN "\", \"" GH_ARN "\", \"" GL_ARN "\", \"" TF_ARN "\"]}, "
		"\"Action\": \"sts:AssumeRoleWithWebIdentity\"}]}");
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		const char *a[6];
		size_t k;
		tl_status st;

		for (k = 0; k < bad[i].n; k++)
			a[k] = args[k];
		if (strcmp(bad[i].kind, "irsa") == 0 && bad[i].n > 0)
			a[0] = EKS_ARN;
		if (strcmp(bad[i].kind, "github") == 0 || strcmp(bad[i].kind, "gitlab") == 0)
			a[0] = "acme/app";
		memset(&err, 0, sizeof(err));
		st = tl_request_caller(r, p, bad[i].kind, a, bad[i].n, &acts, &err);
		ck_assert_msg(st == TL_EARG, "%s with %zu arguments: %s", bad[i].kind, bad[i].n,
		              tl_status_name(st));
		ck_assert_int_eq(err.status, TL_EARG);
		ck_assert_msg(strstr(err.message, "usage") != NULL, "%s with %zu: \"%s\"", bad[i].kind,
		              bad[i].n, err.message);
		ck_assert_msg(strstr(err.message, bad[i].kind) != NULL, "%s with %zu: \"%s\"", bad[i].kind,
		              bad[i].n, err.message);
	}
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_callers_kinds_list)
{
	static const char *const want[] = {"irsa", "pod-identity", "github", "gitlab", "terraform",
	                                   "role", "user", "account", "service", "saml"};
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;
	size_t i, j;

	for (i = 0; tl_caller_kinds[i]; i++)
		;
	ck_assert_uint_eq(i, 10);
	for (j = 0; j < 10; j++) {
		for (i = 0; tl_caller_kinds[i]; i++)
			if (strcmp(tl_caller_kinds[i], want[j]) == 0)
				break;
		ck_assert_msg(tl_caller_kinds[i] != NULL, "%s missing", want[j]);
		/* every listed kind is known to tl_request_caller */
		memset(&err, 0, sizeof(err));
		tl_request_caller(r, NULL, want[j], NULL, 0, &acts, &err);
		ck_assert_msg(strstr(err.message, "unknown") == NULL, "%s: %s", want[j], err.message);
	}
	tl_request_free(r);
}
END_TEST

START_TEST(test_callers_reset_request)
{
	tl_request *r = new_request();
	tl_caller_actions acts;
	tl_error err;

	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS, ALICE), TL_OK);
	ck_assert_int_eq(tl_request_set_action(r, "sts:TagSession"), TL_OK);
	ck_assert_int_eq(tl_request_add(r, "sts:ExternalId", "x", 1), TL_OK);
	CALL(r, NULL, "service", &acts, &err, TL_OK, "ec2.amazonaws.com");
	/* Nothing of the earlier request survives. */
	expect_no_key(r, "sts:ExternalId");
	expect_no_key(r, "aws:PrincipalArn");
	/* only the new service caller's derived keys */
	expect_key(r, "aws:PrincipalServiceName", "ec2.amazonaws.com");
	ck_assert_uint_eq(tl_request_key_count(r), 2);
	ck_assert_str_eq(tl_request_action(r), "sts:AssumeRole");
	/* Nor of an earlier caller with more actions and keys. */
	CALL(r, NULL, "pod-identity", &acts, &err, TL_OK, CLUSTER, "payments", "api");
	CALL(r, NULL, "saml", &acts, &err, TL_OK, SAML_ARN);
	ck_assert_uint_eq(acts.n, 1);
	ck_assert_uint_eq(tl_request_key_count(r), 1);
	tl_request_free(r);
}
END_TEST

/* Names longer than any real one: refused, or carried whole, never cut
 * (a cut sub would be some other caller's). */
static void long_ok_or_refused(tl_request *r, const tl_policy *p, const char *kind,
                               const char *const *args, size_t n, const char *key,
                               const char *want)
{
	tl_caller_actions acts;
	tl_error err = {0};
	tl_status st = tl_request_caller(r, p, kind, args, n, &acts, &err);

	ck_assert_msg(st == TL_OK || st == TL_EARG, "%s: %s", kind, tl_status_name(st));
	if (st == TL_OK)
		expect_key(r, key, want);
	else
		ck_assert_msg(err.message[0] != '\0', "%s: no message", kind);
}

START_TEST(test_callers_long_arguments)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": [\"" EKS_ARN "\", \"" GH_ARN "\", \"" GL_ARN "\", \"" TF_ARN "\"]}, "
		"\"Action\": \"sts:AssumeRoleWithWebIdentity\"}]}");
	tl_request *r = new_request();
	char name[1201], repo[1210], want[2600];
	const char *args[4];

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(repo, sizeof(repo), "acme/%s", name);

	args[0] = repo;
	snprintf(want, sizeof(want), "repo:%s:ref:refs/heads/main", repo);
	long_ok_or_refused(r, p, "github", args, 1, GH_HOST ":sub", want);
	args[1] = "refs/heads/main";
	long_ok_or_refused(r, p, "github", args, 2, GH_HOST ":sub", want);
	args[1] = "environment:prod";
	snprintf(want, sizeof(want), "repo:%s:environment:prod", repo);
	long_ok_or_refused(r, p, "github", args, 2, GH_HOST ":sub", want);

	args[0] = EKS_ID;
	args[1] = "payments";
	args[2] = name;
	snprintf(want, sizeof(want), "system:serviceaccount:payments:%s", name);
	long_ok_or_refused(r, p, "irsa", args, 3, EKS_HOST ":sub", want);

	args[0] = CLUSTER;
	long_ok_or_refused(r, p, "pod-identity", args, 3, "aws:RequestTag/kubernetes-service-account",
	                   name);

	args[0] = repo;
	snprintf(want, sizeof(want), "project_path:%s:ref_type:branch:ref:main", repo);
	long_ok_or_refused(r, p, "gitlab", args, 1, "gitlab.com:sub", want);

	args[0] = "acme";
	args[1] = "infra";
	args[2] = name;
	snprintf(want, sizeof(want), "organization:acme:project:infra:workspace:%s:run_phase:apply", name);
	long_ok_or_refused(r, p, "terraform", args, 3, "app.terraform.io:sub", want);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

static Suite *callers_suite(void)
{
	Suite *s = suite_create("callers");
	TCase *oidc = tcase_create("oidc");
	TCase *pods = tcase_create("pod-identity");
	TCase *aws = tcase_create("aws");
	TCase *api = tcase_create("api");

	tcase_add_test(oidc, test_callers_irsa_forms);
	tcase_add_test(oidc, test_callers_irsa_other_cluster_denied);
	tcase_add_test(oidc, test_callers_irsa_unresolvable);
	tcase_add_test(oidc, test_callers_unnamed_issuer_is_denied);
	tcase_add_test(oidc, test_callers_issuer_must_match_exactly);
	tcase_add_test(oidc, test_callers_github_sub_forms);
	tcase_add_test(oidc, test_callers_github_claims_decide);
	tcase_add_test(oidc, test_callers_github_enterprise_issuer);
	tcase_add_test(oidc, test_callers_github_errors);
	tcase_add_test(oidc, test_callers_gitlab);
	tcase_add_test(oidc, test_callers_terraform);
	suite_add_tcase(s, oidc);

	tcase_add_test(pods, test_callers_pod_identity_request);
	tcase_add_test(pods, test_callers_pod_identity_decisions);
	tcase_add_test(pods, test_callers_pod_identity_bad_cluster);
	suite_add_tcase(s, pods);

	tcase_add_test(aws, test_callers_role_session);
	tcase_add_test(aws, test_callers_role_errors);
	tcase_add_test(aws, test_callers_user);
	tcase_add_test(aws, test_callers_account);
	tcase_add_test(aws, test_callers_service);
	tcase_add_test(aws, test_callers_saml);
	tcase_add_test(aws, test_callers_values_checked);
	suite_add_tcase(s, aws);

	tcase_add_test(api, test_callers_unknown_kind);
	tcase_add_test(api, test_callers_argument_counts);
	tcase_add_test(api, test_callers_kinds_list);
	tcase_add_test(api, test_callers_reset_request);
	tcase_add_test(api, test_callers_long_arguments);
	suite_add_tcase(s, api);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(callers_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
