/*
 * eval_bench.c - in-process evaluation speed: decisions per second for
 * compiled policies of the usual shapes, and how the cost grows with the
 * number of statements and of condition values.  Prints markdown rows.
 *
 * Each shape is compiled once; the loop evaluates a prepared request with
 * no trace (the gate's path), alternating an allowed and a denied caller so
 * that neither the fast exit nor the full scan alone is measured.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trustlint.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static tl_policy *compile(const char *text)
{
	tl_policy *p = NULL;
	tl_error err = {0};

	if (tl_policy_parse(&p, text, strlen(text), NULL, &err) != TL_OK) {
		fprintf(stderr, "bench: policy does not parse: %s\n", err.message);
		exit(2);
	}
	return p;
}

/* Decisions per second over at least `seconds`. */
static double rate(const tl_policy *p, tl_request *const req[2], double seconds, tl_decision want[2])
{
	size_t n = 0, batch = 100000, i;
	double t0 = now(), t;
	tl_result r;
	volatile int sink = 0;

	do {
		for (i = 0; i < batch; i++) {
			tl_eval(p, req[i & 1], NULL, &r);
			sink += r.decision;
		}
		n += batch;
		t = now();
	} while (t - t0 < seconds);
	tl_eval(p, req[0], NULL, &r);
	if (r.decision != want[0]) {
		fprintf(stderr, "bench: the allowed request was not allowed\n");
		exit(2);
	}
	tl_eval(p, req[1], NULL, &r);
	if (r.decision != want[1]) {
		fprintf(stderr, "bench: the denied request was not denied\n");
		exit(2);
	}
	(void)sink;
	return (double)n / (t - t0);
}

static tl_request *request(const char *type, const char *id, const char *action, const char *kv[],
                           size_t n)
{
	tl_request *r = tl_request_new();
	tl_principal_type t = strcmp(type, "AWS") == 0       ? TL_PRINCIPAL_AWS
	                      : strcmp(type, "Service") == 0 ? TL_PRINCIPAL_SERVICE
	                                                     : TL_PRINCIPAL_FEDERATED;
	size_t i;

	tl_request_set_principal(r, t, id);
	tl_request_set_action(r, action);
	for (i = 0; i + 1 < n; i += 2)
		tl_request_add(r, kv[i], kv[i + 1], strlen(kv[i + 1]));
	tl_request_derive(r);
	return r;
}

#define IRSA_ARN "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7"
#define IRSA_HOST "oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7"
#define GH_ARN "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

static void shape(const char *name, const char *policy, tl_request *req[2], double seconds)
{
	tl_policy *p = compile(policy);
	tl_decision want[2] = {TL_ALLOW, TL_IMPLICIT_DENY};
	double r = rate(p, req, seconds, want);

	printf("| %s | %.2f M/s | %.0f ns |\n", name, r / 1e6, 1e9 / r);
	tl_policy_free(p);
	tl_request_free(req[0]);
	tl_request_free(req[1]);
}

static void shapes(double seconds)
{
	char big[65536];
	size_t used, i;
	tl_request *req[2];

	printf("| shape | decisions per second (one core) | per decision |\n| --- | ---: | ---: |\n");
	{
		const char *ok[] = {IRSA_HOST ":sub", "system:serviceaccount:payments:api", IRSA_HOST ":aud", "sts.amazonaws.com"};
		const char *no[] = {IRSA_HOST ":sub", "system:serviceaccount:payments:default", IRSA_HOST ":aud", "sts.amazonaws.com"};
		req[0] = request("Federated", IRSA_ARN, "sts:AssumeRoleWithWebIdentity", ok, 4);
		req[1] = request("Federated", IRSA_ARN, "sts:AssumeRoleWithWebIdentity", no, 4);
		shape("IRSA (StringEquals sub + aud)",
		      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" IRSA_ARN
		      "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" IRSA_HOST
		      ":sub\":\"system:serviceaccount:payments:api\",\"" IRSA_HOST ":aud\":\"sts.amazonaws.com\"}}}]}",
		      req, seconds);
	}
	{
		const char *ok[] = {"aws:SourceAccount", "111122223333", "aws:RequestTag/kubernetes-namespace", "payments",
		                    "aws:RequestTag/kubernetes-service-account", "api",
		                    "aws:RequestTag/eks-cluster-arn", "arn:aws:eks:us-west-2:111122223333:cluster/prod"};
		const char *no[] = {"aws:SourceAccount", "111122223333", "aws:RequestTag/kubernetes-namespace", "default",
		                    "aws:RequestTag/kubernetes-service-account", "api",
		                    "aws:RequestTag/eks-cluster-arn", "arn:aws:eks:us-west-2:111122223333:cluster/prod"};
		req[0] = request("Service", "pods.eks.amazonaws.com", "sts:TagSession", ok, 8);
		req[1] = request("Service", "pods.eks.amazonaws.com", "sts:TagSession", no, 8);
		shape("Pod Identity (session-tag conditions)",
		      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"pods.eks.amazonaws.com\"},"
		      "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\","
		      "\"aws:RequestTag/kubernetes-namespace\":\"payments\",\"aws:RequestTag/kubernetes-service-account\":\"api\"},"
		      "\"ArnLike\":{\"aws:RequestTag/eks-cluster-arn\":\"arn:aws:eks:us-west-2:111122223333:cluster/*\"}}}]}",
		      req, seconds);
	}
	{
		const char *ok[] = {"token.actions.githubusercontent.com:sub", "repo:acme/deploy:ref:refs/heads/main",
		                    "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"};
		const char *no[] = {"token.actions.githubusercontent.com:sub", "repo:evil/deploy:ref:refs/heads/main",
		                    "token.actions.githubusercontent.com:aud", "sts.amazonaws.com"};
		req[0] = request("Federated", GH_ARN, "sts:AssumeRoleWithWebIdentity", ok, 4);
		req[1] = request("Federated", GH_ARN, "sts:AssumeRoleWithWebIdentity", no, 4);
		shape("GitHub Actions (StringLike sub)",
		      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" GH_ARN "\"},"
		      "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"token.actions.githubusercontent.com:aud\":"
		      "\"sts.amazonaws.com\"},\"StringLike\":{\"token.actions.githubusercontent.com:sub\":[\"repo:acme/deploy:ref:refs/heads/*\","
		      "\"repo:acme/deploy:environment:prod\"]}}}]}",
		      req, seconds);
	}
	{
		const char *ok[] = {"sts:ExternalId", "acme-7f3c9a"};
		const char *no[] = {"sts:ExternalId", "guess"};
		req[0] = request("AWS", "arn:aws:sts::444455556666:assumed-role/VendorAudit/s1", "sts:AssumeRole", ok, 2);
		req[1] = request("AWS", "arn:aws:sts::444455556666:assumed-role/VendorAudit/s1", "sts:AssumeRole", no, 2);
		shape("cross-account role with ExternalId",
		      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
		      "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"acme-7f3c9a\"}}}]}",
		      req, seconds);
	}
	{
		/* the shape bench/peer/simulate.mjs decides, for a like-for-like ratio */
		const char *ok[] = {"sts:ExternalId", "acme-7f3c9a"};
		const char *no[] = {"sts:ExternalId", "guess"};
		req[0] = request("AWS", "arn:aws:iam::111122223333:role/Caller", "sts:AssumeRole", ok, 2);
		req[1] = request("AWS", "arn:aws:iam::111122223333:role/Caller", "sts:AssumeRole", no, 2);
		shape("same-account role with ExternalId (the peer's shape)",
		      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
		      "\"arn:aws:iam::111122223333:role/Caller\"},\"Action\":\"sts:AssumeRole\",\"Condition\":"
		      "{\"StringEquals\":{\"sts:ExternalId\":\"acme-7f3c9a\"}}}]}",
		      req, seconds);
	}
	/* 40 statements, one per service account, with three conditions each;
	 * the allowed caller matches the last one, so every statement is scanned */
	used = (size_t)snprintf(big, sizeof(big), "{\"Version\":\"2012-10-17\",\"Statement\":[");
	for (i = 0; i < 40; i++)
		used += (size_t)snprintf(big + used, sizeof(big) - used,
		                         "%s{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" IRSA_ARN "\"},"
		                         "\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringEquals\":{\"" IRSA_HOST
		                         ":sub\":\"system:serviceaccount:ns%zu:sa%zu\",\"" IRSA_HOST ":aud\":\"sts.amazonaws.com\"},"
		                         "\"StringLike\":{\"" IRSA_HOST ":sub\":\"system:serviceaccount:ns%zu:*\"}}}",
		                         i ? "," : "", i, i, i);
	snprintf(big + used, sizeof(big) - used, "]}");
	{
		const char *ok[] = {IRSA_HOST ":sub", "system:serviceaccount:ns39:sa39", IRSA_HOST ":aud", "sts.amazonaws.com"};
		const char *no[] = {IRSA_HOST ":sub", "system:serviceaccount:other:sa", IRSA_HOST ":aud", "sts.amazonaws.com"};
		req[0] = request("Federated", IRSA_ARN, "sts:AssumeRoleWithWebIdentity", ok, 4);
		req[1] = request("Federated", IRSA_ARN, "sts:AssumeRoleWithWebIdentity", no, 4);
		shape("40 statements x 3 conditions (match in the last)", big, req, seconds);
	}
}

/* Growth: statements (each a non-matching AWS role) and values per condition. */
static void growth(double seconds)
{
	static char text[1 << 20];
	size_t sizes[] = {1, 4, 16, 64, 256}, k, i, used;
	const char *kv[] = {"sts:ExternalId", "secret-last"};
	const char *kv_no[] = {"sts:ExternalId", "nope"};
	tl_decision want[2] = {TL_ALLOW, TL_IMPLICIT_DENY};

	printf("\n| n | n statements: ns per decision | n values in one condition: ns per decision |\n"
	       "| ---: | ---: | ---: |\n");
	for (k = 0; k < sizeof(sizes) / sizeof(*sizes); k++) {
		size_t n = sizes[k];
		double r1, r2;
		tl_policy *p;
		tl_request *req[2];

		used = (size_t)snprintf(text, sizeof(text), "{\"Version\":\"2012-10-17\",\"Statement\":[");
		for (i = 0; i < n; i++)
			used += (size_t)snprintf(text + used, sizeof(text) - used,
			                         "%s{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:role/R%zu\"},"
			                         "\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"secret-%s\"}}}",
			                         i ? "," : "", i == n - 1 ? (size_t)0 : i + 1, i == n - 1 ? "last" : "x");
		snprintf(text + used, sizeof(text) - used, "]}");
		p = compile(text);
		req[0] = request("AWS", "arn:aws:sts::444455556666:assumed-role/R0/s", "sts:AssumeRole", kv, 2);
		req[1] = request("AWS", "arn:aws:sts::444455556666:assumed-role/R0/s", "sts:AssumeRole", kv_no, 2);
		r1 = rate(p, req, seconds, want);
		tl_policy_free(p);

		used = (size_t)snprintf(text, sizeof(text),
		                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
		                        "{\"AWS\":\"arn:aws:iam::444455556666:role/R0\"},\"Action\":\"sts:AssumeRole\","
		                        "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":[");
		for (i = 0; i < n; i++)
			used += (size_t)snprintf(text + used, sizeof(text) - used, "%s\"secret-%s%zu\"", i ? "," : "",
			                         i == n - 1 ? "last" : "v", i == n - 1 ? (size_t)0 : i);
		snprintf(text + used, sizeof(text) - used, "]}}}]}");
		/* the allowed value is the last listed: "secret-last0" */
		tl_request_free(req[0]);
		{
			const char *kv2[] = {"sts:ExternalId", "secret-last0"};
			req[0] = request("AWS", "arn:aws:sts::444455556666:assumed-role/R0/s", "sts:AssumeRole", kv2, 2);
		}
		p = compile(text);
		r2 = rate(p, req, seconds, want);
		tl_policy_free(p);
		tl_request_free(req[0]);
		tl_request_free(req[1]);
		printf("| %zu | %.0f | %.0f |\n", n, 1e9 / r1, 1e9 / r2);
	}
}

int main(int argc, char **argv)
{
	double seconds = argc > 1 ? strtod(argv[1], NULL) : 0.5;

	shapes(seconds);
	growth(seconds / 2);
	return 0;
}
