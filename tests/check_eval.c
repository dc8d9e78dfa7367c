/*
 * check_eval.c - unit tests for engine/eval.c through the public API:
 * compile a policy from text, build a request, decide it with and
 * without a trace, and read the trace.  Expectations follow the IAM
 * evaluation rules as SEMANTICS.md sets them out (sections 2 and 3).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

#define ALICE "arn:aws:iam::111122223333:user/alice"

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

static tl_request *caller(tl_principal_type type, const char *id, const char *action)
{
	tl_request *r = tl_request_new();

	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(tl_request_set_principal(r, type, id), TL_OK);
	ck_assert_int_eq(tl_request_set_action(r, action), TL_OK);
	return r;
}

static void add(tl_request *r, const char *key, const char *value)
{
	ck_assert_int_eq(tl_request_add(r, key, value, strlen(value)), TL_OK);
}

/* Decide with the trace and without; both must agree. */
static tl_result decide(const tl_policy *p, const tl_request *r, tl_trace *t)
{
	tl_result with = {TL_ALLOW, true, 99, 0, 99}, without = {TL_ALLOW, true, 99, 0, 99};

	ck_assert_int_eq(tl_eval(p, r, t, &with), TL_OK);
	ck_assert_int_eq(tl_eval(p, r, NULL, &without), TL_OK);
	ck_assert_int_eq(with.decision, without.decision);
	ck_assert_int_eq(with.account_level, without.account_level);
	ck_assert_int_eq(with.deciding_statement, without.deciding_statement);
	ck_assert_uint_eq(with.possible, without.possible);
	ck_assert_int_eq(with.unknown_statement, without.unknown_statement);
	return with;
}

static void expect_stmt(const tl_trace *t, size_t i, tl_principal_match principal, long pidx,
                        bool action, long aidx, bool applies)
{
	const tl_stmt_trace *s = &t->stmt[i];

	ck_assert_msg(s->principal == principal, "statement %zu: principal match %d, expected %d", i,
	              s->principal, principal);
	ck_assert_msg(s->principal_index == pidx, "statement %zu: principal index %ld, expected %ld", i,
	              s->principal_index, pidx);
	ck_assert_msg(s->action == action, "statement %zu: action %d", i, s->action);
	ck_assert_msg(s->action_index == aidx, "statement %zu: action index %ld, expected %ld", i,
	              s->action_index, aidx);
	ck_assert_msg(s->applies == applies, "statement %zu: applies %d", i, s->applies);
}

static void expect_cond(const tl_cond_trace *c, bool result, tl_cond_reason reason, long pv, long rv)
{
	ck_assert_msg(c->result == result, "result %d, expected %d", c->result, result);
	ck_assert_msg(c->reason == reason, "reason %d (%s), expected %d (%s)", c->reason,
	              tl_reason_text(c->reason), reason, tl_reason_text(reason));
	ck_assert_msg(c->policy_value == pv, "policy_value %ld, expected %ld", c->policy_value, pv);
	ck_assert_msg(c->request_value == rv, "request_value %ld, expected %ld", c->request_value, rv);
}

/* ---- one condition under a test harness -------------------------------- */

/* An Allow for {"AWS": "*"} on sts:AssumeRole with one Condition block. */
typedef struct probe {
	tl_policy *p;
	tl_trace *t;
} probe;

static probe probe_new(const char *version, const char *condition)
{
	char text[2048];
	probe pr;

	snprintf(text, sizeof(text),
	         "{%s%s%s\"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, "
	         "\"Action\": \"sts:AssumeRole\", \"Condition\": %s}}",
	         version ? "\"Version\": \"" : "", version ? version : "", version ? "\", " : "",
	         condition);
	pr.p = compile(text);
	pr.t = tl_trace_new(pr.p);
	ck_assert_ptr_nonnull(pr.t);
	return pr;
}

static void probe_free(probe *pr)
{
	tl_trace_free(pr->t);
	tl_policy_free(pr->p);
}

#define VALS(...) \
	(int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)), \
	(const char *const[]){__VA_ARGS__}
#define ABSENT -1, NULL
#define EMPTY 0, NULL

/*
 * Decide with KEY absent (n < 0), present and empty (n == 0) or holding
 * vals, plus an optional single-valued EXTRA=EXTRA_VALUE; return the trace
 * of condition `which`.  The decision must follow the conditions.
 */
/* The probes' caller: the user alice, or a role session where a test needs
 * aws:username absent (AWS gives it only for IAM users, and it is derived). */
#define SESSION "arn:aws:sts::111122223333:assumed-role/Deploy/alice"
static const char *probe_caller = ALICE;

static tl_cond_trace run_with(probe *pr, size_t which, const char *key, int n,
                              const char *const *vals, const char *extra, const char *extra_value)
{
	tl_request *r = caller(TL_PRINCIPAL_AWS, probe_caller, "sts:AssumeRole");
	tl_result res;
	int i;

	if (extra)
		add(r, extra, extra_value);
	if (n == 0)
		ck_assert_int_eq(tl_request_set_empty(r, key), TL_OK);
	for (i = 0; i < n; i++)
		add(r, key, vals[i]);
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	res = decide(pr->p, r, pr->t);
	ck_assert_int_eq(res.decision, pr->t->stmt[0].conditions ? TL_ALLOW : TL_IMPLICIT_DENY);
	/* key_index names the request key used, or -1 when absent. */
	if (n < 0) {
		ck_assert_int_eq(pr->t->stmt[0].cond[which].key_index, -1);
	} else {
		long ki = pr->t->stmt[0].cond[which].key_index;
		ck_assert(ki >= 0);
		ck_assert(strcmp(tl_request_key(r, (size_t)ki, NULL, NULL), key) == 0);
	}
	tl_request_free(r);
	return pr->t->stmt[0].cond[which];
}

static tl_cond_trace run(probe *pr, const char *key, int n, const char *const *vals)
{
	return run_with(pr, 0, key, n, vals, NULL, NULL);
}

/* ---- principals, actions, statements ----------------------------------- */

START_TEST(test_eval_direct_match_trace)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Trust\", \"Effect\": \"Allow\", "
		"\"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:user/bob\", "
		"\"arn:aws:iam::444455556666:role/Deploy\"]}, "
		"\"Action\": [\"sts:TagSession\", \"sts:AssumeRole\"]}]}");
	tl_trace *t = tl_trace_new(p);
	tl_request *r;
	tl_result res;

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->n_statements, 1);

	/* A session of a listed role is that role, directly. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/Deploy/run-1", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert(!res.account_level);
	ck_assert_int_eq(res.deciding_statement, 0);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 1, true, 1, true);
	ck_assert(t->stmt[0].conditions);
	tl_request_free(r);

	/* Role names are unique without case. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/deploy/run-2", "sts:TagSession");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 1, true, 0, true);
	tl_request_free(r);

	/* The same role name in another account is another role. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::999988887777:assumed-role/Deploy/run-1", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_int_eq(res.deciding_statement, -1);
	expect_stmt(t, 0, TL_MATCH_NONE, -1, true, 1, false);
	tl_request_free(r);

	/* Action names ignore case; whole-name match only. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:user/bob", "STS:ASSUMEROLE");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 0, true, 1, true);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:user/bob", "sts:AssumeRoleWithSAML");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 0, false, -1, false);
	tl_request_free(r);

	/* User names in a principal ARN are case-sensitive. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::111122223333:user/Bob", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	expect_stmt(t, 0, TL_MATCH_NONE, -1, true, 1, false);
	tl_request_free(r);

	/* An AWS entry names AWS callers only. */
	r = caller(TL_PRINCIPAL_SERVICE, "arn:aws:iam::111122223333:user/bob", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	tl_request_free(r);

	tl_trace_free(t);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_eval_role_path_and_principal_arn)
{
	tl_policy *p = compile("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                       "\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:role/ci/Deploy\"}, "
	                       "\"Action\": \"sts:AssumeRole\"}}");
	tl_request *r;

	/* The session ARN drops the path: account and name decide... */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/Deploy/s", "sts:AssumeRole");
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_int_eq(decide(p, r, NULL).decision, TL_ALLOW);
	tl_request_free(r);
	/* ... unless aws:PrincipalArn (which keeps it) says otherwise. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/Deploy/s", "sts:AssumeRole");
	add(r, "aws:PrincipalArn", "arn:aws:iam::444455556666:role/ci/Deploy");
	ck_assert_int_eq(decide(p, r, NULL).decision, TL_ALLOW);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/Deploy/s", "sts:AssumeRole");
	add(r, "aws:PrincipalArn", "arn:aws:iam::444455556666:role/other/Deploy");
	ck_assert_int_eq(decide(p, r, NULL).decision, TL_IMPLICIT_DENY);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_eval_other_principal_kinds)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Service\": \"ec2.amazonaws.com\", \"Federated\": "
		"\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
		"\"Action\": [\"sts:AssumeRole\", \"sts:AssumeRoleWithWebIdentity\"]}, "
		"{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [\"AROADBQP57FF2AEXAMPLE\", "
		"\"arn:aws:sts::111122223333:federated-user/bob\"]}, \"Action\": \"sts:AssumeRole\"}]}");
	tl_trace *t = tl_trace_new(p);
	tl_request *r;

	r = caller(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com", "sts:AssumeRole");
	ck_assert_int_eq(decide(p, r, t).decision, TL_ALLOW);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 0, true, 0, true);
	tl_request_free(r);
	/* Whole-string equality: no case folding, no suffix match. */
	r = caller(TL_PRINCIPAL_SERVICE, "EC2.amazonaws.com", "sts:AssumeRole");
	ck_assert_int_eq(decide(p, r, t).decision, TL_IMPLICIT_DENY);
	tl_request_free(r);
	/* A Service entry is not a federated caller of the same text. */
	r = caller(TL_PRINCIPAL_FEDERATED, "ec2.amazonaws.com", "sts:AssumeRole");
	ck_assert_int_eq(decide(p, r, t).decision, TL_IMPLICIT_DENY);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_FEDERATED,
	           "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
	           "sts:AssumeRoleWithWebIdentity");
	ck_assert_int_eq(decide(p, r, t).decision, TL_ALLOW);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 1, true, 1, true);
	tl_request_free(r);

	/* A unique id matches the caller's aws:userid (the part before ':'
	 * for a role session). */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::111122223333:assumed-role/Old/s", "sts:AssumeRole");
	add(r, "aws:userid", "AROADBQP57FF2AEXAMPLE:s");
	ck_assert_int_eq(decide(p, r, t).decision, TL_ALLOW);
	expect_stmt(t, 1, TL_MATCH_DIRECT, 0, true, 0, true);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::111122223333:assumed-role/Old/s", "sts:AssumeRole");
	add(r, "aws:userid", "AROADBQP57FF2AEXAMPLF:s");
	ck_assert_int_eq(decide(p, r, t).decision, TL_IMPLICIT_DENY);
	tl_request_free(r);
	/* Federation-token sessions cannot assume roles, listed or not. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::111122223333:federated-user/bob", "sts:AssumeRole");
	ck_assert_int_eq(decide(p, r, t).decision, TL_IMPLICIT_DENY);
	expect_stmt(t, 1, TL_MATCH_NONE, -1, true, 0, false);
	tl_request_free(r);
	tl_trace_free(t);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_eval_deny_precedence)
{
	static const char *const orders[] = {
		"[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}, "
		"{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:user/mallory\"}, "
		"\"Action\": \"sts:*\"}]",
		"[{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:user/mallory\"}, "
		"\"Action\": \"sts:*\"}, "
		"{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}]",
	};
	size_t i;

	/* Any applicable Deny overrides every Allow; order is irrelevant. */
	for (i = 0; i < 2; i++) {
		char text[1024];
		tl_policy *p;
		tl_trace *t;
		tl_request *r;
		tl_result res;
		long deny = i == 0 ? 1 : 0, allow = 1 - deny;

		snprintf(text, sizeof(text), "{\"Version\": \"2012-10-17\", \"Statement\": %s}", orders[i]);
		p = compile(text);
		t = tl_trace_new(p);
		r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/mallory", "sts:AssumeRole");
		res = decide(p, r, t);
		ck_assert_int_eq(res.decision, TL_EXPLICIT_DENY);
		ck_assert_int_eq(res.deciding_statement, deny);
		ck_assert(!res.account_level);
		ck_assert(t->stmt[allow].applies);
		ck_assert(t->stmt[deny].applies);
		tl_request_free(r);

		r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/alice", "sts:AssumeRole");
		res = decide(p, r, t);
		ck_assert_int_eq(res.decision, TL_ALLOW);
		ck_assert_int_eq(res.deciding_statement, allow);
		ck_assert(!t->stmt[deny].applies);
		tl_request_free(r);

		/* The Deny covers an action no Allow grants: still explicit. */
		r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/mallory", "sts:TagSession");
		res = decide(p, r, t);
		ck_assert_int_eq(res.decision, TL_EXPLICIT_DENY);
		tl_request_free(r);
		tl_trace_free(t);
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_eval_deny_needs_its_conditions)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"444455556666\"}, \"Action\": \"sts:AssumeRole\"}, {\"Effect\": \"Deny\", "
		"\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
		"{\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}}]}");
	tl_trace *t = tl_trace_new(p);
	tl_request *r;
	tl_result res;

	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/alice", "sts:AssumeRole");
	add(r, "aws:MultiFactorAuthPresent", "true");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert(res.account_level);
	ck_assert(!t->stmt[1].applies);
	ck_assert(!t->stmt[1].conditions);
	expect_stmt(t, 1, TL_MATCH_DIRECT, 0, true, 0, false);
	expect_cond(&t->stmt[1].cond[0], false, TL_REASON_NO_MATCH, -1, 0);
	tl_request_free(r);

	/* Absent: the IfExists Deny applies (condition operators page). */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/alice", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_EXPLICIT_DENY);
	ck_assert(!res.account_level);
	ck_assert_int_eq(res.deciding_statement, 1);
	expect_cond(&t->stmt[1].cond[0], true, TL_REASON_ABSENT_IFEXISTS, -1, -1);
	tl_request_free(r);
	tl_trace_free(t);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_eval_account_level)
{
	static const char *const forms[] = {"\"444455556666\"", "\"arn:aws:iam::444455556666:root\""};
	size_t i;

	/* An account principal delegates to the account: the caller's own
	 * identity policy must allow too (id_roles_update-role-trust-policy). */
	for (i = 0; i < 2; i++) {
		char text[512];
		tl_policy *p;
		tl_trace *t;
		tl_request *r;
		tl_result res;

		snprintf(text, sizeof(text),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
		         "\"Principal\": {\"AWS\": %s}, \"Action\": \"sts:AssumeRole\"}}",
		         forms[i]);
		p = compile(text);
		t = tl_trace_new(p);
		r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/alice", "sts:AssumeRole");
		res = decide(p, r, t);
		ck_assert_int_eq(res.decision, TL_ALLOW);
		ck_assert(res.account_level);
		expect_stmt(t, 0, TL_MATCH_ACCOUNT, 0, true, 0, true);
		tl_request_free(r);

		/* Any principal of the account: a role session too. */
		r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/R/s", "sts:AssumeRole");
		res = decide(p, r, t);
		ck_assert_int_eq(res.decision, TL_ALLOW);
		ck_assert(res.account_level);
		tl_request_free(r);

		r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::999988887777:user/alice", "sts:AssumeRole");
		res = decide(p, r, t);
		ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
		ck_assert(!res.account_level);
		expect_stmt(t, 0, TL_MATCH_NONE, -1, true, 0, false);
		tl_request_free(r);

		/* Not a service or a federated caller. */
		r = caller(TL_PRINCIPAL_SERVICE, "444455556666", "sts:AssumeRole");
		ck_assert_int_eq(decide(p, r, t).decision, TL_IMPLICIT_DENY);
		tl_request_free(r);
		tl_trace_free(t);
		tl_policy_free(p);
	}
}
END_TEST

START_TEST(test_eval_account_level_versus_direct)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"444455556666\"}, \"Action\": \"sts:AssumeRole\"}, {\"Effect\": \"Allow\", "
		"\"Principal\": {\"AWS\": [\"444455556666\", \"arn:aws:iam::444455556666:user/alice\"]}, "
		"\"Action\": \"sts:AssumeRole\"}]}");
	tl_trace *t = tl_trace_new(p);
	tl_request *r;
	tl_result res;

	/* alice is named directly in statement 1: no identity policy needed,
	 * even though statement 0 only names her account. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/alice", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert(!res.account_level);
	ck_assert_int_eq(res.deciding_statement, 0);
	expect_stmt(t, 0, TL_MATCH_ACCOUNT, 0, true, 0, true);
	/* The direct entry wins over an earlier account entry. */
	expect_stmt(t, 1, TL_MATCH_DIRECT, 1, true, 0, true);
	tl_request_free(r);

	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/bob", "sts:AssumeRole");
	res = decide(p, r, t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert(res.account_level);
	expect_stmt(t, 1, TL_MATCH_ACCOUNT, 0, true, 0, true);
	tl_request_free(r);
	tl_trace_free(t);
	tl_policy_free(p);

	/* Order does not matter: a direct Allow before an account one. */
	p = compile("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	            "{\"AWS\": \"arn:aws:iam::444455556666:user/alice\"}, \"Action\": \"sts:AssumeRole\"}, "
	            "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"444455556666\"}, "
	            "\"Action\": \"sts:AssumeRole\"}]}");
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:iam::444455556666:user/alice", "sts:AssumeRole");
	res = decide(p, r, NULL);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert(!res.account_level);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_eval_not_action)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"" ALICE "\"}, \"NotAction\": [\"sts:AssumeRoleWithSAML\", \"sts:TagSession\"]}, "
		"{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, \"NotAction\": \"sts:*Role*\"}]}");
	tl_trace *t = tl_trace_new(p);
	tl_request *r;

	/* Allow + NotAction grants every action not listed. */
	r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	ck_assert_int_eq(decide(p, r, t).decision, TL_ALLOW);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 0, true, -1, true);
	expect_stmt(t, 1, TL_MATCH_DIRECT, 0, false, 0, false);
	tl_request_free(r);
	/* A listed action is excluded, case-insensitively; the trace names the
	 * entry that excluded it. */
	r = caller(TL_PRINCIPAL_AWS, ALICE, "STS:tagsession");
	ck_assert_int_eq(decide(p, r, t).decision, TL_EXPLICIT_DENY);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 0, false, 1, false);
	/* Deny + NotAction denies the rest. */
	expect_stmt(t, 1, TL_MATCH_DIRECT, 0, true, -1, true);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRoleWithSAML");
	ck_assert_int_eq(decide(p, r, t).decision, TL_IMPLICIT_DENY);
	expect_stmt(t, 0, TL_MATCH_DIRECT, 0, false, 0, false);
	tl_request_free(r);
	tl_trace_free(t);
	tl_policy_free(p);
}
END_TEST

/* ---- conditions ------------------------------------------------------- */

START_TEST(test_eval_if_exists)
{
	probe pr = probe_new("2012-10-17", "{\"StringEqualsIfExists\": {\"sts:ExternalId\": [\"a\", \"abc\"]}}");
	tl_cond_trace c;

	c = run(&pr, "sts:ExternalId", ABSENT);
	expect_cond(&c, true, TL_REASON_ABSENT_IFEXISTS, -1, -1);
	c = run(&pr, "sts:ExternalId", VALS("abc"));
	expect_cond(&c, true, TL_REASON_MATCHED, 1, 0);
	c = run(&pr, "STS:EXTERNALID", VALS("ABC"));
	expect_cond(&c, false, TL_REASON_NO_MATCH, -1, 0);
	probe_free(&pr);

	/* Without IfExists an absent key fails a positive operator. */
	pr = probe_new("2012-10-17", "{\"StringEquals\": {\"sts:ExternalId\": \"abc\"}}");
	c = run(&pr, "sts:ExternalId", ABSENT);
	expect_cond(&c, false, TL_REASON_ABSENT, -1, -1);
	probe_free(&pr);

	pr = probe_new("2012-10-17", "{\"NumericLessThanIfExists\": {\"aws:MultiFactorAuthAge\": 3600}}");
	c = run(&pr, "aws:MultiFactorAuthAge", ABSENT);
	expect_cond(&c, true, TL_REASON_ABSENT_IFEXISTS, -1, -1);
	c = run(&pr, "aws:MultiFactorAuthAge", VALS("3599.5"));
	expect_cond(&c, true, TL_REASON_MATCHED, 0, 0);
	c = run(&pr, "aws:MultiFactorAuthAge", VALS("3600"));
	expect_cond(&c, false, TL_REASON_NO_MATCH, -1, 0);
	probe_free(&pr);
}
END_TEST

START_TEST(test_eval_negation_missing_key)
{
	probe pr = probe_new("2012-10-17",
	                     "{\"StringNotEquals\": {\"aws:PrincipalTag/team\": [\"red\", \"blue\"]}}");
	tl_cond_trace c;

	/* Negated operators hold for an absent key and NOR their values. */
	c = run(&pr, "aws:PrincipalTag/team", ABSENT);
	expect_cond(&c, true, TL_REASON_ABSENT, -1, -1);
	c = run(&pr, "aws:PrincipalTag/team", VALS("green"));
	expect_cond(&c, true, TL_REASON_NONE_MATCHED, -1, 0);
	c = run(&pr, "aws:principaltag/TEAM", VALS("blue"));
	expect_cond(&c, false, TL_REASON_SOME_MATCHED, 1, 0);
	probe_free(&pr);

	pr = probe_new("2012-10-17", "{\"NotIpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}, "
	                             "\"ArnNotLike\": {\"aws:SourceArn\": \"arn:aws:s3:::*\"}}");
	c = run(&pr, "aws:SourceIp", ABSENT);
	expect_cond(&c, true, TL_REASON_ABSENT, -1, -1);
	ck_assert(pr.t->stmt[0].cond[1].result);
	ck_assert_int_eq(pr.t->stmt[0].cond[1].reason, TL_REASON_ABSENT);
	c = run(&pr, "aws:SourceIp", VALS("203.0.113.9"));
	expect_cond(&c, false, TL_REASON_SOME_MATCHED, 0, 0);
	c = run(&pr, "aws:SourceIp", VALS("198.51.100.1"));
	expect_cond(&c, true, TL_REASON_NONE_MATCHED, -1, 0);
	probe_free(&pr);

	/* Null: "true" holds when the key is absent, "false" when present
	 * (present but empty counts as present). */
	pr = probe_new("2012-10-17", "{\"Null\": {\"aws:TokenIssueTime\": \"true\"}}");
	c = run(&pr, "aws:TokenIssueTime", ABSENT);
	expect_cond(&c, true, TL_REASON_NULL_CHECK, 0, -1);
	c = run(&pr, "aws:TokenIssueTime", VALS("2024-01-01T00:00:00Z"));
	ck_assert(!c.result);
	ck_assert_int_eq(c.reason, TL_REASON_NULL_CHECK);
	probe_free(&pr);
	pr = probe_new("2012-10-17", "{\"Null\": {\"sts:TransitiveTagKeys\": false}}");
	c = run(&pr, "sts:TransitiveTagKeys", EMPTY);
	expect_cond(&c, true, TL_REASON_NULL_CHECK, 0, -1);
	c = run(&pr, "sts:TransitiveTagKeys", ABSENT);
	ck_assert(!c.result);
	probe_free(&pr);
}
END_TEST

START_TEST(test_eval_for_any_value)
{
	probe pr = probe_new("2012-10-17", "{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"team\", \"cost\"]}}");
	tl_cond_trace c;

	/* False for an absent key or an empty set (multi-value conditions). */
	c = run(&pr, "aws:TagKeys", ABSENT);
	expect_cond(&c, false, TL_REASON_ABSENT, -1, -1);
	c = run(&pr, "aws:TagKeys", EMPTY);
	expect_cond(&c, false, TL_REASON_EMPTY_SET, -1, -1);
	c = run(&pr, "aws:TagKeys", VALS("x", "cost", "team"));
	expect_cond(&c, true, TL_REASON_ANY_VALUE, 1, 1);
	c = run(&pr, "aws:TagKeys", VALS("x", "y"));
	expect_cond(&c, false, TL_REASON_NO_VALUE, -1, -1);
	/* A single-valued key is a one-element set. */
	c = run(&pr, "aws:TagKeys", VALS("team"));
	expect_cond(&c, true, TL_REASON_ANY_VALUE, 0, 0);
	probe_free(&pr);

	/* IfExists does not make ForAnyValue true for an absent key. */
	pr = probe_new("2012-10-17", "{\"ForAnyValue:StringEqualsIfExists\": {\"aws:TagKeys\": \"team\"}}");
	c = run(&pr, "aws:TagKeys", ABSENT);
	ck_assert(!c.result);
	probe_free(&pr);

	/* Negated: some request value matches none of the policy values. */
	pr = probe_new("2012-10-17", "{\"ForAnyValue:StringNotEquals\": {\"k\": \"a\"}}");
	c = run(&pr, "k", VALS("a", "b"));
	expect_cond(&c, true, TL_REASON_ANY_VALUE, -1, 1);
	c = run(&pr, "k", VALS("a", "a"));
	expect_cond(&c, false, TL_REASON_NO_VALUE, -1, -1);
	probe_free(&pr);
}
END_TEST

START_TEST(test_eval_for_all_values)
{
	probe pr = probe_new("2012-10-17", "{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"team\", \"cost\"]}}");
	tl_cond_trace c;

	/* True for an absent key or an empty set. */
	c = run(&pr, "aws:TagKeys", ABSENT);
	expect_cond(&c, true, TL_REASON_ABSENT, -1, -1);
	c = run(&pr, "aws:TagKeys", EMPTY);
	expect_cond(&c, true, TL_REASON_EMPTY_SET, -1, -1);
	c = run(&pr, "aws:TagKeys", VALS("cost", "team", "cost"));
	expect_cond(&c, true, TL_REASON_ALL_VALUES, -1, -1);
	c = run(&pr, "aws:TagKeys", VALS("team", "x", "cost"));
	expect_cond(&c, false, TL_REASON_NOT_ALL_VALUES, -1, 1);
	probe_free(&pr);

	pr = probe_new("2012-10-17", "{\"ForAllValues:StringLikeIfExists\": {\"k\": \"t*\"}}");
	c = run(&pr, "k", ABSENT);
	ck_assert(c.result);
	probe_free(&pr);

	/* Negated: every request value matches none of the policy values;
	 * the trace names the request value and the policy value it hit. */
	pr = probe_new("2012-10-17", "{\"ForAllValues:StringNotLike\": {\"k\": [\"x*\", \"a*\"]}}");
	c = run(&pr, "k", VALS("b", "c"));
	expect_cond(&c, true, TL_REASON_ALL_VALUES, -1, -1);
	c = run(&pr, "k", VALS("b", "abc"));
	expect_cond(&c, false, TL_REASON_NOT_ALL_VALUES, 1, 1);
	probe_free(&pr);

	/* With Null a set qualifier decides alone (Access Analyzer). */
	pr = probe_new("2012-10-17", "{\"ForAllValues:Null\": {\"k\": \"false\"}}");
	c = run(&pr, "k", ABSENT);
	ck_assert(c.result);
	probe_free(&pr);
}
END_TEST

START_TEST(test_eval_multi_valued_without_qualifier)
{
	probe pr = probe_new("2012-10-17", "{\"StringEquals\": {\"aws:TagKeys\": [\"a\", \"b\"]}}");
	tl_cond_trace c;

	/* Several request values need ForAnyValue/ForAllValues: false. */
	c = run(&pr, "aws:TagKeys", VALS("a", "b"));
	expect_cond(&c, false, TL_REASON_MULTI_NO_QUALIFIER, -1, -1);
	c = run(&pr, "aws:TagKeys", VALS("b"));
	expect_cond(&c, true, TL_REASON_MATCHED, 1, 0);
	probe_free(&pr);

	/* Negated too, and IfExists does not rescue it. */
	pr = probe_new("2012-10-17", "{\"StringNotEqualsIfExists\": {\"aws:TagKeys\": \"z\"}}");
	c = run(&pr, "aws:TagKeys", VALS("x", "y"));
	expect_cond(&c, false, TL_REASON_MULTI_NO_QUALIFIER, -1, -1);
	probe_free(&pr);
}
END_TEST

START_TEST(test_eval_condition_blocks_and)
{
	probe pr = probe_new("2012-10-17",
	                     "{\"StringEquals\": {\"a\": \"1\", \"b\": [\"2\", \"3\"]}, "
	                     "\"StringLike\": {\"c\": \"x*\"}}");
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_result res;

	/* Keys AND, values OR, operators AND. */
	add(r, "a", "1");
	add(r, "b", "3");
	add(r, "c", "xyz");
	res = decide(pr.p, r, pr.t);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	expect_cond(&pr.t->stmt[0].cond[1], true, TL_REASON_MATCHED, 1, 0);
	tl_request_unset(r, "c");
	add(r, "c", "yz");
	res = decide(pr.p, r, pr.t);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert(pr.t->stmt[0].cond[0].result);
	ck_assert(pr.t->stmt[0].cond[1].result);
	ck_assert(!pr.t->stmt[0].cond[2].result);
	ck_assert(!pr.t->stmt[0].conditions);
	tl_request_free(r);
	probe_free(&pr);
}
END_TEST

/* One request value against one operator: the condition's result. */
static bool holds(const char *condition, const char *key, const char *value)
{
	probe pr = probe_new("2012-10-17", condition);
	tl_cond_trace c = run(&pr, key, VALS(value));

	probe_free(&pr);
	return c.result;
}

START_TEST(test_eval_typed_operators)
{
	/* request OP policy, per family (condition operators page). */
	ck_assert(holds("{\"StringEquals\": {\"k\": \"Alice\"}}", "k", "Alice"));
	ck_assert(!holds("{\"StringEquals\": {\"k\": \"Alice\"}}", "k", "alice"));
	ck_assert(holds("{\"StringEqualsIgnoreCase\": {\"k\": \"Alice\"}}", "k", "aLICE"));
	ck_assert(!holds("{\"StringNotEqualsIgnoreCase\": {\"k\": \"Alice\"}}", "k", "ALICE"));
	ck_assert(holds("{\"StringLike\": {\"k\": \"repo:acme/*\"}}", "k", "repo:acme/x:ref:refs/heads/main"));
	ck_assert(!holds("{\"StringLike\": {\"k\": \"repo:acme/*\"}}", "k", "repo:acme-evil/x"));
	ck_assert(holds("{\"StringLike\": {\"k\": \"a?c\"}}", "k", "abc"));
	ck_assert(!holds("{\"StringLike\": {\"k\": \"a?c\"}}", "k", "ac"));
	/* Wildcards mean nothing under StringEquals. */
	ck_assert(!holds("{\"StringEquals\": {\"k\": \"a*\"}}", "k", "abc"));
	/* Booleans and numbers compare as their string form. */
	ck_assert(holds("{\"StringEquals\": {\"k\": true}}", "k", "true"));

	ck_assert(holds("{\"NumericEquals\": {\"n\": 10.0}}", "n", "10"));
	ck_assert(holds("{\"NumericGreaterThanEquals\": {\"n\": \"10\"}}", "n", "10.0"));
	ck_assert(!holds("{\"NumericGreaterThanEquals\": {\"n\": \"10\"}}", "n", "9.99"));
	ck_assert(holds("{\"NumericGreaterThan\": {\"n\": \"-1\"}}", "n", "0"));
	ck_assert(!holds("{\"NumericLessThan\": {\"n\": \"10\"}}", "n", "ten"));

	ck_assert(holds("{\"DateGreaterThan\": {\"aws:CurrentTime\": \"2020-01-01T00:00:00Z\"}}",
	                "aws:CurrentTime", "2024-06-01T12:00:00Z"));
	ck_assert(!holds("{\"DateGreaterThan\": {\"aws:CurrentTime\": \"2020-01-01T00:00:00Z\"}}",
	                 "aws:CurrentTime", "2019-12-31T23:59:59Z"));
	ck_assert(holds("{\"DateLessThanEquals\": {\"aws:EpochTime\": 1700000000}}", "aws:EpochTime",
	                "1700000000"));
	ck_assert(!holds("{\"DateLessThanEquals\": {\"aws:EpochTime\": 1700000000}}", "aws:EpochTime",
	                 "1700000001"));
	ck_assert(!holds("{\"DateGreaterThan\": {\"aws:CurrentTime\": \"2020-01-01\"}}", "aws:CurrentTime",
	                 "soon"));

	ck_assert(holds("{\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"2001:db8::/32\"]}}",
	                "aws:SourceIp", "2001:db8::1"));
	ck_assert(!holds("{\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"2001:db8::/32\"]}}",
	                 "aws:SourceIp", "11.0.0.1"));

	ck_assert(holds("{\"Bool\": {\"aws:SecureTransport\": true}}", "aws:SecureTransport", "TRUE"));
	ck_assert(!holds("{\"Bool\": {\"aws:SecureTransport\": \"true\"}}", "aws:SecureTransport", "false"));
	ck_assert(!holds("{\"Bool\": {\"aws:SecureTransport\": \"true\"}}", "aws:SecureTransport", "yes"));

	ck_assert(holds("{\"BinaryEquals\": {\"k\": \"QmluYXJ5\"}}", "k", "QmluYXJ5"));
	ck_assert(!holds("{\"BinaryEquals\": {\"k\": \"QmluYXJ5\"}}", "k", "QmluYXJ6"));

	/* ARNs match part by part; '*' does not cross a ':' before the
	 * resource, and ArnEquals globs like ArnLike. */
	ck_assert(holds("{\"ArnLike\": {\"aws:SourceArn\": \"arn:aws:s3:::bucket-*\"}}", "aws:SourceArn",
	                "arn:aws:s3:::bucket-1"));
	ck_assert(holds("{\"ArnEquals\": {\"aws:PrincipalArn\": \"arn:aws:iam::*:role/x\"}}",
	                "aws:PrincipalArn", "arn:aws:iam::111122223333:role/x"));
	ck_assert(holds("{\"ArnLike\": {\"a\": \"arn:aws:iam::111122223333:*\"}}", "a",
	                "arn:aws:iam::111122223333:role/p:q"));
	ck_assert(!holds("{\"ArnLike\": {\"a\": \"arn:aws:iam::1*3:role/x\"}}", "a",
	                 "arn:aws:iam::1:2:3:role/x"));
	ck_assert(!holds("{\"ArnLike\": {\"a\": \"arn:aws:iam::111122223333:role/*\"}}", "a",
	                 "arn:aws:iam::111122223333"));
}
END_TEST

/* ---- policy variables ------------------------------------------------- */

START_TEST(test_eval_variables)
{
	probe pr = probe_new("2012-10-17", "{\"StringEquals\": {\"sts:RoleSessionName\": \"${aws:username}\"}}");
	tl_cond_trace c;

	probe_caller = SESSION;

	c = run_with(&pr, 0, "sts:RoleSessionName", VALS("alice"), "aws:username", "alice");
	expect_cond(&c, true, TL_REASON_MATCHED, 0, 0);
	c = run_with(&pr, 0, "sts:RoleSessionName", VALS("bob"), "aws:username", "alice");
	expect_cond(&c, false, TL_REASON_NO_MATCH, -1, 0);
	/* No value for the variable: nothing matches (a role session has no
	 * aws:username). */
	c = run(&pr, "sts:RoleSessionName", VALS("alice"));
	expect_cond(&c, false, TL_REASON_NO_MATCH, -1, 0);
	c = run(&pr, "sts:RoleSessionName", VALS(""));
	ck_assert(!c.result);
	/* Variable names ignore case like any key. */
	c = run_with(&pr, 0, "sts:RoleSessionName", VALS("alice"), "AWS:UserName", "alice");
	ck_assert(c.result);
	probe_free(&pr);

	/* A multi-valued key is no variable. */
	pr = probe_new("2012-10-17", "{\"StringLike\": {\"k\": \"${aws:TagKeys}\"}}");
	{
		tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
		add(r, "aws:TagKeys", "a");
		add(r, "aws:TagKeys", "b");
		add(r, "k", "a");
		ck_assert_int_eq(decide(pr.p, r, pr.t).decision, TL_IMPLICIT_DENY);
		tl_request_free(r);
	}
	probe_free(&pr);
	probe_caller = ALICE;
}
END_TEST

START_TEST(test_eval_variable_default)
{
	probe pr = probe_new("2012-10-17",
	                     "{\"StringEquals\": {\"sts:RoleSessionName\": \"${aws:username, 'nobody'}\"}}");
	tl_cond_trace c;

	probe_caller = SESSION;

	c = run(&pr, "sts:RoleSessionName", VALS("nobody"));
	expect_cond(&c, true, TL_REASON_MATCHED, 0, 0);
	c = run_with(&pr, 0, "sts:RoleSessionName", VALS("nobody"), "aws:username", "alice");
	expect_cond(&c, false, TL_REASON_NO_MATCH, -1, 0);
	c = run_with(&pr, 0, "sts:RoleSessionName", VALS("alice"), "aws:username", "alice");
	ck_assert(c.result);
	probe_free(&pr);
	probe_caller = ALICE;
}
END_TEST

START_TEST(test_eval_variable_escapes_are_literal)
{
	probe pr = probe_new("2012-10-17", "{\"StringLike\": {\"k\": \"a${*}b${?}\", \"d\": \"${$}{x}\"}}");
	tl_cond_trace c;

	/* ${*} and ${?} are a literal '*' and '?', not wildcards. */
	c = run_with(&pr, 0, "k", VALS("a*b?"), "d", "${x}");
	expect_cond(&c, true, TL_REASON_MATCHED, 0, 0);
	ck_assert(pr.t->stmt[0].cond[1].result);
	c = run_with(&pr, 0, "k", VALS("axbc"), "d", "${x}");
	expect_cond(&c, false, TL_REASON_NO_MATCH, -1, 0);
	c = run_with(&pr, 0, "k", VALS("a*b?"), "d", "$x");
	ck_assert(!pr.t->stmt[0].cond[1].result);
	probe_free(&pr);

	/* A substituted value is literal text too, while the policy's own
	 * '*' stays a wildcard. */
	pr = probe_new("2012-10-17", "{\"StringLike\": {\"k\": \"pre-${aws:username}-*\"}}");
	c = run_with(&pr, 0, "k", VALS("pre-al*-x"), "aws:username", "al*");
	ck_assert(c.result);
	c = run_with(&pr, 0, "k", VALS("pre-alice-x"), "aws:username", "al*");
	ck_assert(!c.result);
	c = run_with(&pr, 0, "k", VALS("pre-a?-"), "aws:username", "a?");
	ck_assert(c.result);
	c = run_with(&pr, 0, "k", VALS("pre-ab-"), "aws:username", "a?");
	ck_assert(!c.result);
	probe_free(&pr);
}
END_TEST

START_TEST(test_eval_variables_need_version)
{
	static const char *const versions[] = {"2008-10-17", NULL};
	size_t i;

	/* Under 2008-10-17 or with no Version, "${...}" is plain text. */
	for (i = 0; i < 2; i++) {
		probe pr = probe_new(versions[i], "{\"StringEquals\": {\"k\": \"${aws:username}\"}}");
		tl_cond_trace c;

		c = run_with(&pr, 0, "k", VALS("alice"), "aws:username", "alice");
		ck_assert(!c.result);
		c = run_with(&pr, 0, "k", VALS("${aws:username}"), "aws:username", "alice");
		expect_cond(&c, true, TL_REASON_MATCHED, 0, 0);
		probe_free(&pr);
	}
}
END_TEST

START_TEST(test_eval_variable_negated_unresolved)
{
	probe pr = probe_new("2012-10-17", "{\"StringNotEquals\": {\"k\": [\"${aws:username}\", \"x\"]}}");
	tl_cond_trace c;

	probe_caller = SESSION;

	/* AWS: a variable with no value makes the request value count as "not
	 * equal", so the negated operator holds unless another value matches. */
	c = run(&pr, "k", VALS("alice"));
	expect_cond(&c, true, TL_REASON_NONE_MATCHED, -1, 0);
	c = run(&pr, "k", VALS("x"));
	expect_cond(&c, false, TL_REASON_SOME_MATCHED, 1, 0);
	c = run_with(&pr, 0, "k", VALS("alice"), "aws:username", "alice");
	expect_cond(&c, false, TL_REASON_SOME_MATCHED, 0, 0);
	probe_free(&pr);
	probe_caller = ALICE;
}
END_TEST

START_TEST(test_eval_variable_in_arn)
{
	probe pr = probe_new("2012-10-17", "{\"ArnLike\": {\"aws:PrincipalArn\": "
	                                   "\"arn:aws:iam::${aws:PrincipalAccount}:role/team-*\"}}");
	tl_request *r;

	/* Derived keys feed variables: aws:PrincipalAccount of the caller. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/team-a/s", "sts:AssumeRole");
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_int_eq(decide(pr.p, r, pr.t).decision, TL_ALLOW);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/ops/s", "sts:AssumeRole");
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_int_eq(decide(pr.p, r, pr.t).decision, TL_IMPLICIT_DENY);
	tl_request_free(r);
	/* The account part comes from the variable, not a wildcard. */
	r = caller(TL_PRINCIPAL_AWS, "arn:aws:sts::444455556666:assumed-role/team-a/s", "sts:AssumeRole");
	add(r, "aws:PrincipalAccount", "999988887777");
	ck_assert_int_eq(tl_request_derive(r), TL_OK);
	ck_assert_int_eq(decide(pr.p, r, pr.t).decision, TL_IMPLICIT_DENY);
	tl_request_free(r);
	probe_free(&pr);
}
END_TEST

/* ---- API edges and speed ---------------------------------------------- */

START_TEST(test_eval_api_edges)
{
	tl_policy *one = compile("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                         "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}}");
	tl_policy *two = compile("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	                         "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}, "
	                         "{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, "
	                         "\"Action\": \"sts:TagSession\"}]}");
	tl_trace *t1 = tl_trace_new(one);
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_result res;

	ck_assert_int_eq(tl_eval(two, r, t1, &res), TL_EARG); /* a trace for another shape */
	ck_assert_int_eq(tl_eval(NULL, r, NULL, &res), TL_EARG);
	ck_assert_int_eq(tl_eval(one, NULL, NULL, &res), TL_EARG);
	ck_assert_int_eq(tl_eval(one, r, NULL, NULL), TL_EARG);
	/* A request without an action matches no Action. */
	tl_request_reset(r);
	ck_assert_int_eq(tl_request_set_principal(r, TL_PRINCIPAL_AWS, ALICE), TL_OK);
	ck_assert_int_eq(tl_eval(one, r, t1, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_str_eq(tl_decision_name(TL_ALLOW), "Allow");
	ck_assert_str_eq(tl_decision_name(TL_EXPLICIT_DENY), "ExplicitDeny");
	ck_assert_str_eq(tl_decision_name(TL_IMPLICIT_DENY), "ImplicitDeny");
	tl_trace_free(t1);
	tl_trace_free(NULL);
	tl_request_free(r);
	tl_policy_free(two);
	tl_policy_free(one);
}
END_TEST

START_TEST(test_eval_invalid_policy_still_evaluated)
{
	tl_policy *p = NULL;
	tl_error err = {0};
	const char *text = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"allow\", "
	                   "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}, "
	                   "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": "
	                   "\"sts:AssumeRole\", \"Resource\": \"*\"}]}";
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_trace *t;
	tl_result res;

	ck_assert_int_eq(tl_policy_parse(&p, text, strlen(text), NULL, &err), TL_OK);
	ck_assert_uint_eq(tl_policy_document(p)->n_hard_problems, 2);
	t = tl_trace_new(p);
	res = decide(p, r, t);
	/* A statement with no valid Effect never applies; the rest decide. */
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert_int_eq(res.deciding_statement, 1);
	ck_assert(!t->stmt[0].applies);
	tl_trace_free(t);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

START_TEST(test_eval_million_without_trace)
{
	tl_policy *p = compile(
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
		"\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
		"{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, \"StringLike\": "
		"{\"token.actions.githubusercontent.com:sub\": \"repo:acme/${aws:x, 'app'}:ref:refs/heads/*\"}}}, "
		"{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:*\", \"Condition\": "
		"{\"StringNotEquals\": {\"aws:PrincipalOrgID\": \"o-abc\"}}}]}");
	tl_request *r = caller(TL_PRINCIPAL_FEDERATED,
	                       "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
	                       "sts:AssumeRoleWithWebIdentity");
	tl_result res;
	long i, allowed = 0;

	add(r, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com");
	add(r, "token.actions.githubusercontent.com:sub", "repo:acme/app:ref:refs/heads/main");
	add(r, "aws:PrincipalOrgID", "o-abc");
	for (i = 0; i < 1000000; i++) {
		if (tl_eval(p, r, NULL, &res) != TL_OK)
			break;
		allowed += res.decision == TL_ALLOW;
	}
	ck_assert_int_eq(allowed, 1000000);
	tl_request_free(r);
	tl_policy_free(p);
}
END_TEST

/* ---- request values not of the operator's type ------------------------- */

static tl_cond_trace one(const char *condition, const char *key, int n, const char *const *vals)
{
	probe pr = probe_new("2012-10-17", condition);
	tl_cond_trace c = run(&pr, key, n, vals);

	probe_free(&pr);
	return c;
}

START_TEST(test_eval_invalid_request_values)
{
	tl_cond_trace c;

	/* ARN: fewer than six parts satisfies neither form (SEMANTICS.md 3.6). */
	c = one("{\"ArnNotLike\": {\"k\": \"arn:aws:s3:::x\"}}", "k", VALS("notanarn"));
	expect_cond(&c, false, TL_REASON_BAD_ARN, -1, 0);
	c = one("{\"ArnLike\": {\"k\": \"arn:aws:s3:::x\"}}", "k", VALS("notanarn"));
	expect_cond(&c, false, TL_REASON_BAD_ARN, -1, 0);
	c = one("{\"ForAnyValue:ArnNotEquals\": {\"k\": \"arn:aws:s3:::x\"}}", "k", VALS("a:b"));
	expect_cond(&c, false, TL_REASON_NO_VALUE, -1, -1);
	c = one("{\"ForAllValues:ArnNotLike\": {\"k\": \"arn:aws:s3:::x\"}}", "k",
	        VALS("arn:aws:s3:::y", "a:b"));
	expect_cond(&c, false, TL_REASON_BAD_ARN, -1, 1);
	/* Undocumented for the others: negated operators hold, positive fail,
	 * and the reason says the value is of the wrong type. */
	c = one("{\"NumericNotEquals\": {\"k\": \"3\"}}", "k", VALS("abc"));
	expect_cond(&c, true, TL_REASON_BAD_NUMBER, -1, 0);
	c = one("{\"NumericLessThan\": {\"k\": \"3\"}}", "k", VALS("abc"));
	expect_cond(&c, false, TL_REASON_BAD_NUMBER, -1, 0);
	c = one("{\"DateNotEquals\": {\"k\": \"2026-01-01\"}}", "k", VALS("x"));
	expect_cond(&c, true, TL_REASON_BAD_DATE, -1, 0);
	c = one("{\"NotIpAddress\": {\"k\": \"203.0.113.0/24\"}}", "k", VALS("foo"));
	expect_cond(&c, true, TL_REASON_BAD_IP, -1, 0);
	c = one("{\"IpAddress\": {\"k\": \"203.0.113.0/24\"}}", "k", VALS("foo"));
	expect_cond(&c, false, TL_REASON_BAD_IP, -1, 0);
	c = one("{\"Bool\": {\"k\": \"true\"}}", "k", VALS("yes"));
	expect_cond(&c, false, TL_REASON_BAD_BOOL, -1, 0);
	c = one("{\"BinaryEquals\": {\"k\": \"QmluYXJ5\"}}", "k", VALS("QmluYXJ5!"));
	expect_cond(&c, false, TL_REASON_BAD_BINARY, -1, 0);
	c = one("{\"ForAllValues:NumericNotEquals\": {\"k\": \"3\"}}", "k", VALS("4", "abc"));
	expect_cond(&c, true, TL_REASON_ALL_VALUES, -1, -1);
	/* A valid value keeps the usual reasons. */
	c = one("{\"NumericNotEquals\": {\"k\": \"3\"}}", "k", VALS("3.0"));
	expect_cond(&c, false, TL_REASON_SOME_MATCHED, 0, 0);
	ck_assert_str_eq(tl_reason_value_type(TL_REASON_BAD_ARN), "ARN");
	ck_assert_str_eq(tl_reason_value_type(TL_REASON_BAD_NUMBER), "number");
	ck_assert_ptr_null(tl_reason_value_type(TL_REASON_NO_MATCH));
}
END_TEST

/* ---- account principals and partitions ---------------------------------- */

START_TEST(test_eval_account_partition)
{
	tl_policy *p = compile("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                       "\"Principal\": {\"AWS\": \"arn:aws-cn:iam::444455556666:root\"}, "
	                       "\"Action\": \"sts:AssumeRole\"}}");
	tl_policy *bare = compile("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                          "\"Principal\": {\"AWS\": \"444455556666\"}, "
	                          "\"Action\": \"sts:AssumeRole\"}}");
	static const struct {
		const char *caller;
		tl_decision arn, bare;
	} cases[] = {
		{"arn:aws:iam::444455556666:user/alice", TL_IMPLICIT_DENY, TL_ALLOW},
		{"arn:aws-cn:iam::444455556666:user/alice", TL_ALLOW, TL_ALLOW},
		{"arn:aws-cn:sts::444455556666:assumed-role/R/s", TL_ALLOW, TL_ALLOW},
		{"arn:aws-us-gov:iam::444455556666:root", TL_IMPLICIT_DENY, TL_ALLOW},
		{"444455556666", TL_ALLOW, TL_ALLOW}, /* a bare id names no partition */
		{"arn:aws-cn:iam::111122223333:user/alice", TL_IMPLICIT_DENY, TL_IMPLICIT_DENY},
	};
	size_t i;
	tl_result res;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_request *r = caller(TL_PRINCIPAL_AWS, cases[i].caller, "sts:AssumeRole");
		res = decide(p, r, NULL);
		ck_assert_msg(res.decision == cases[i].arn, "%s: %d", cases[i].caller, res.decision);
		res = decide(bare, r, NULL);
		ck_assert_msg(res.decision == cases[i].bare, "%s (bare): %d", cases[i].caller, res.decision);
		tl_request_free(r);
	}
	tl_policy_free(p);
	tl_policy_free(bare);
}
END_TEST

/* ---- long values: no buffer limits what matches ------------------------ */

static char *base64(const unsigned char *b, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = malloc((n + 2) / 3 * 4 + 1), *q = out;
	size_t i;

	ck_assert_ptr_nonnull(out);
	for (i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)b[i] << 16 | (i + 1 < n ? (unsigned long)b[i + 1] << 8 : 0) |
		                  (i + 2 < n ? b[i + 2] : 0);
		*q++ = tab[v >> 18 & 63];
		*q++ = tab[v >> 12 & 63];
		*q++ = i + 1 < n ? tab[v >> 6 & 63] : '=';
		*q++ = i + 2 < n ? tab[v & 63] : '=';
	}
	*q = '\0';
	return out;
}

/* Allow for anyone when the Condition block BEFORE VALUE AFTER holds. */
static tl_policy *long_policy(const char *before, const char *value, const char *after)
{
	size_t n = strlen(before) + strlen(value) + strlen(after) + 256;
	char *text = malloc(n);
	tl_policy *p;

	ck_assert_ptr_nonnull(text);
	snprintf(text, n, "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                  "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", "
	                  "\"Condition\": %s%s%s}}", before, value, after);
	p = compile(text);
	free(text);
	return p;
}

static tl_decision long_decide(const tl_policy *p, const char *k1, const char *v1, const char *k2,
                               const char *v2)
{
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_decision d;

	add(r, k1, v1);
	if (k2)
		add(r, k2, v2);
	d = decide(p, r, NULL).decision;
	tl_request_free(r);
	return d;
}

START_TEST(test_eval_long_values)
{
	enum { N = 3000 };
	unsigned char bytes[N];
	char *b64, *big = malloc(5001), *val = malloc(5100);
	tl_policy *p;
	size_t i;

	ck_assert_ptr_nonnull(big);
	ck_assert_ptr_nonnull(val);
	for (i = 0; i < N; i++)
		bytes[i] = (unsigned char)(i * 7 + 3);
	/* BinaryEquals on a 4 KB request value (it once needed a heap buffer). */
	b64 = base64(bytes, N);
	p = long_policy("{\"BinaryEquals\": {\"k\": \"", b64, "\"}}");
	ck_assert_int_eq(long_decide(p, "k", b64, NULL, NULL), TL_ALLOW);
	b64[100] = b64[100] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(long_decide(p, "k", b64, NULL, NULL), TL_IMPLICIT_DENY);
	b64[strlen(b64) - 4] = '\0'; /* three bytes short */
	ck_assert_int_eq(long_decide(p, "k", b64, NULL, NULL), TL_IMPLICIT_DENY);
	tl_policy_free(p);
	free(b64);

	/* A 5 KB variable value substituted (once beyond the stack buffer). */
	memset(big, 'x', 5000);
	big[5000] = '\0';
	snprintf(val, 5100, "%s:end", big);
	p = long_policy("{\"StringEquals\": {\"k\": \"${v}:end\"}}", "", "");
	ck_assert_int_eq(long_decide(p, "v", big, "k", val), TL_ALLOW);
	ck_assert_int_eq(long_decide(p, "v", big, "k", big), TL_IMPLICIT_DENY);
	ck_assert_int_eq(long_decide(p, "v", big, "k", "x:end"), TL_IMPLICIT_DENY);
	tl_policy_free(p);
	/* Globs around it, runs of '*' included. */
	p = long_policy("{\"StringLike\": {\"k\": \"a****${v}**:e*\"}}", "", "");
	snprintf(val, 5100, "a-%s-:end", big);
	ck_assert_int_eq(long_decide(p, "v", big, "k", val), TL_ALLOW);
	ck_assert_int_eq(long_decide(p, "v", big, "k", "a-x-:end"), TL_IMPLICIT_DENY);
	tl_policy_free(p);
	/* The negated operator holds when the substitution cannot fit. */
	p = long_policy("{\"StringNotEquals\": {\"k\": \"${v}\"}}", "", "");
	ck_assert_int_eq(long_decide(p, "v", big, "k", "short"), TL_ALLOW);
	ck_assert_int_eq(long_decide(p, "v", big, "k", big), TL_IMPLICIT_DENY);
	tl_policy_free(p);
	free(big);
	free(val);
}
END_TEST

/* ---- placeholders: intrinsics are unknown, not "no one" ---------------- */

/* A lone policy with CloudFormation intrinsics, as `trustlint` reads it. */
static tl_result decide_source(const char *text, tl_request *r, tl_source **keep)
{
	tl_source *src = NULL;
	tl_error err = {0};
	const tl_role *role;

	ck_assert_msg(tl_source_load(&src, text, strlen(text), TL_INPUT_POLICY, NULL, &err) == TL_OK,
	              "%s", err.message);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	role = tl_source_role(src, 0);
	ck_assert_ptr_nonnull(role->policy);
	*keep = src;
	return decide(role->policy, r, NULL);
}

#define BIT(d) (1u << (d))

START_TEST(test_eval_placeholder_principal_might_allow)
{
	/* Principal {"AWS": {"Fn::Sub": ...}}: any account might be named */
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_AWS, "999988887777", "sts:AssumeRole");
	tl_result res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"AWS\": {\"Fn::Sub\": \"arn:aws:iam::${Trusted}:root\"}}, \"Action\": \"sts:AssumeRole\"}]}",
	    r, &src);

	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_uint_eq(res.possible, BIT(TL_IMPLICIT_DENY) | BIT(TL_ALLOW));
	ck_assert(TL_RESULT_UNRESOLVED(&res));
	ck_assert_int_eq(res.unknown_statement, 0);
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_placeholder_of_another_type_names_no_one_here)
{
	/* {"Service": <Ref>} can become some service, never an AWS caller;
	 * {"AWS": <Ref>} could become "*", which names every caller */
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_result res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"Service\": {\"Ref\": \"Svc\"}}, \"Action\": \"sts:AssumeRole\"}]}",
	    r, &src);

	ck_assert_uint_eq(res.possible, BIT(TL_IMPLICIT_DENY));
	tl_source_free(src);
	tl_request_free(r);
	r = caller(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com", "sts:AssumeRole");
	res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"AWS\": {\"Ref\": \"Who\"}}, \"Action\": \"sts:AssumeRole\"}]}",
	    r, &src);
	ck_assert_uint_eq(res.possible, BIT(TL_IMPLICIT_DENY) | BIT(TL_ALLOW));
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_placeholder_beside_a_match_is_resolved)
{
	/* a literal entry already matches: the placeholder cannot undo that */
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com", "sts:AssumeRole");
	tl_result res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"Service\": [\"ec2.amazonaws.com\", {\"Ref\": \"Other\"}]}, \"Action\": \"sts:AssumeRole\"}]}",
	    r, &src);

	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert_uint_eq(res.possible, BIT(TL_ALLOW));
	ck_assert(!TL_RESULT_UNRESOLVED(&res));
	ck_assert_int_eq(res.unknown_statement, -1);
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_placeholder_condition_value_either_way)
{
	/* StringNotEquals with a placeholder: holds or not, depending on it */
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_trace *t;
	tl_result res;

	add(r, "sts:ExternalId", "guess");
	res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\"}, {\"Effect\": \"Deny\", "
	    "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	    "{\"StringNotEquals\": {\"sts:ExternalId\": {\"Ref\": \"ExternalId\"}}}}]}",
	    r, &src);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert_uint_eq(res.possible, BIT(TL_ALLOW) | BIT(TL_EXPLICIT_DENY));
	ck_assert_int_eq(res.unknown_statement, 1);
	/* the trace marks the statement as one that might apply */
	t = tl_trace_new(tl_source_role(src, 0)->policy);
	ck_assert_int_eq(tl_eval(tl_source_role(src, 0)->policy, r, t, &res), TL_OK);
	ck_assert(!t->stmt[1].applies);
	ck_assert(t->stmt[1].unknown);
	ck_assert(!t->stmt[0].unknown);
	tl_trace_free(t);
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_placeholder_cannot_undo_a_visible_deny)
{
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_AWS, ALICE, "sts:AssumeRole");
	tl_result res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Principal\": "
	    "{\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}, {\"Effect\": \"Allow\", \"Principal\": "
	    "{\"AWS\": {\"Ref\": \"Who\"}}, \"Action\": \"sts:AssumeRole\"}]}",
	    r, &src);

	ck_assert_int_eq(res.decision, TL_EXPLICIT_DENY);
	ck_assert_uint_eq(res.possible, BIT(TL_EXPLICIT_DENY));
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_placeholder_effect_and_statement)
{
	/* Effect from a parameter: the statement might allow or deny.  (Fn::If
	 * is expanded into one policy per choice by the inputs; a Ref is what
	 * stays unknown.) */
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com", "sts:AssumeRole");
	tl_result res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": {\"Ref\": \"Effect\"}, "
	    "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}",
	    r, &src);

	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_uint_eq(res.possible,
	                  BIT(TL_IMPLICIT_DENY) | BIT(TL_ALLOW) | BIT(TL_EXPLICIT_DENY));
	tl_source_free(src);
	/* a whole statement from a parameter, beside an Allow that applies */
	res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}, {\"Ref\": \"ExtraStatement\"}]}",
	    r, &src);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert_uint_eq(res.possible, BIT(TL_ALLOW) | BIT(TL_EXPLICIT_DENY));
	ck_assert_int_eq(res.unknown_statement, 1);
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_placeholder_conditions_block)
{
	/* the Condition element from a parameter: the statement might not apply */
	tl_source *src;
	tl_request *r = caller(TL_PRINCIPAL_SERVICE, "ec2.amazonaws.com", "sts:AssumeRole");
	tl_result res = decide_source(
	    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	    "{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	    "{\"Ref\": \"Conditions\"}}]}",
	    r, &src);

	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_uint_eq(res.possible, BIT(TL_IMPLICIT_DENY) | BIT(TL_ALLOW));
	tl_source_free(src);
	tl_request_free(r);
}
END_TEST

START_TEST(test_eval_no_placeholder_one_possible)
{
	tl_policy *p = compile("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	                       "\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": "
	                       "\"sts:AssumeRole\"}]}");
	tl_request *r = caller(TL_PRINCIPAL_SERVICE, "lambda.amazonaws.com", "sts:AssumeRole");
	tl_result res = decide(p, r, NULL);

	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_uint_eq(res.possible, BIT(TL_IMPLICIT_DENY));
	ck_assert_int_eq(res.unknown_statement, -1);
	tl_policy_free(p);
	tl_request_free(r);
}
END_TEST

static Suite *eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *stmts = tcase_create("statements");
	TCase *conds = tcase_create("conditions");
	TCase *vars = tcase_create("variables");
	TCase *api = tcase_create("api");

	tcase_add_test(stmts, test_eval_direct_match_trace);
	tcase_add_test(stmts, test_eval_role_path_and_principal_arn);
	tcase_add_test(stmts, test_eval_other_principal_kinds);
	tcase_add_test(stmts, test_eval_deny_precedence);
	tcase_add_test(stmts, test_eval_deny_needs_its_conditions);
	tcase_add_test(stmts, test_eval_account_level);
	tcase_add_test(stmts, test_eval_account_level_versus_direct);
	tcase_add_test(stmts, test_eval_not_action);
	suite_add_tcase(s, stmts);

	tcase_add_test(conds, test_eval_if_exists);
	tcase_add_test(conds, test_eval_negation_missing_key);
	tcase_add_test(conds, test_eval_for_any_value);
	tcase_add_test(conds, test_eval_for_all_values);
	tcase_add_test(conds, test_eval_multi_valued_without_qualifier);
	tcase_add_test(conds, test_eval_condition_blocks_and);
	tcase_add_test(conds, test_eval_typed_operators);
	tcase_add_test(conds, test_eval_invalid_request_values);
	tcase_add_test(conds, test_eval_long_values);
	tcase_add_test(stmts, test_eval_account_partition);
	suite_add_tcase(s, conds);

	tcase_add_test(vars, test_eval_variables);
	tcase_add_test(vars, test_eval_variable_default);
	tcase_add_test(vars, test_eval_variable_escapes_are_literal);
	tcase_add_test(vars, test_eval_variables_need_version);
	tcase_add_test(vars, test_eval_variable_negated_unresolved);
	tcase_add_test(vars, test_eval_variable_in_arn);
	suite_add_tcase(s, vars);

	tcase_add_test(api, test_eval_api_edges);
	tcase_add_test(api, test_eval_invalid_policy_still_evaluated);
	tcase_add_test(api, test_eval_million_without_trace);
	tcase_add_test(api, test_eval_placeholder_principal_might_allow);
	tcase_add_test(api, test_eval_placeholder_beside_a_match_is_resolved);
	tcase_add_test(api, test_eval_placeholder_of_another_type_names_no_one_here);
	tcase_add_test(api, test_eval_placeholder_condition_value_either_way);
	tcase_add_test(api, test_eval_placeholder_cannot_undo_a_visible_deny);
	tcase_add_test(api, test_eval_placeholder_effect_and_statement);
	tcase_add_test(api, test_eval_placeholder_conditions_block);
	tcase_add_test(api, test_eval_no_placeholder_one_possible);
	/* Sanitized builds are slower; the loop must finish, not race. */
	tcase_set_timeout(api, 300);
	suite_add_tcase(s, api);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(eval_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
