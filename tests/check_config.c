/*
 * check_config.c - rules/config.c: path globs, loading and its located
 * errors, severity overrides, ignores (with reasons, counted), org rules.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

START_TEST(test_config_path_glob)
{
	static const struct {
		const char *pat, *path;
		bool want;
	} t[] = {
		{"**/*.json", "wild/001.json", true},     {"**/*.json", "a.json", true},
		{"**/*.json", "a/b/c.json", true},        {"**/*.json", "a/b/c.yaml", false},
		{"vendor/**", "vendor/x/y.json", true},   {"vendor/**", "other/x.json", false},
		{"roles/*.json", "roles/a.json", true},   {"roles/*.json", "roles/sub/a.json", false},
		{"a/**/b.json", "a/b.json", true},        {"a/**/b.json", "a/x/y/b.json", true},
		{"a/**/b.json", "a/x/y/c.json", false},   {"*.json", "x/a.json", false},
		{"**", "anything/at/all", true},          {"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/d/c", false},              {"r?les/x", "roles/x", true},
		{"exact/name.json", "exact/name.json", true}, {"exact/name.json", "exact/name.jsonx", false},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++)
		ck_assert_msg(path_glob(t[i].pat, t[i].path) == t[i].want, "%s vs %s", t[i].pat, t[i].path);
}
END_TEST

static lint_config *parse(const char *text, char *err, size_t cap)
{
	return lint_config_parse(text, strlen(text), "dir/.trustlint.json", err, cap);
}

START_TEST(test_config_errors_are_located)
{
	static const struct {
		const char *text, *where, *what;
	} t[] = {
		{"{\"rules\": {\"no-such-rule\": \"off\"}}", ":1:28:", "unknown rule"},
		{"{\"rules\": {\"wildcard-principal\": \"loud\"}}", ":1:34:", "severity must be"},
		{"{\"accounts\": [\"12345\"]}", ":1:15:", "not a 12-digit account id"},
		{"{\"ignore_findings\": [{\"rule\": \"wildcard-principal\", \"file\": \"x\"}]}", ":1:22:",
		 "needs a non-empty \"reason\""},
		{"{\"org_rules\": [{\"key\": \"*:sub\", \"must_match\": \"(\"}]}", ":1:47:", "bad pattern"},
		{"{\"org_rules\": [{\"key\": \"*:sub\"}]}", ":1:16:", "needs \"key\" and \"must_match\""},
		{"{\"rules\": ", ":1:", "error"},
	};
	char err[512];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		ck_assert_ptr_null(parse(t[i].text, err, sizeof(err)));
		ck_assert_msg(strstr(err, t[i].where) && strstr(err, t[i].what), "%s -> %s", t[i].text, err);
		ck_assert_msg(strncmp(err, "dir/.trustlint.json:", 20) == 0, "%s", err);
	}
}
END_TEST

START_TEST(test_config_unknown_keys_warn)
{
	char err[512];
	lint_config *c = parse("{\"colour\": true, \"accounts\": [\"111122223333\"]}", err, sizeof(err));

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->n_warnings, 1);
	ck_assert_ptr_nonnull(strstr(c->warnings[0], "dir/.trustlint.json:1:2: warning: unknown config key \"colour\""));
	ck_assert_uint_eq(c->options.n_accounts, 1);
	ck_assert_str_eq(c->options.accounts[0], "111122223333");
	lint_config_free(c);
}
END_TEST

/* a finding of `rule` to filter */
static lint_finding finding(const char *rule)
{
	lint_finding f = {lint_rule_find(rule), LINT_ERROR, 1, 1, strdup(""), strdup("m"), NULL};
	f.severity = f.rule->severity;
	return f;
}

START_TEST(test_config_apply_severity_and_ignores)
{
	char err[512];
	lint_config *c = parse("{\"rules\": {\"wildcard-principal\": \"note\", \"missing-version\": \"off\"},"
	                       " \"ignore_findings\": [{\"rule\": \"TL108\", \"file\": \"roles/**\","
	                       " \"reason\": \"legacy\"}]}",
	                       err, sizeof(err));
	lint_finding f[3];
	size_t n;
	const bool *enabled;

	ck_assert_msg(c != NULL, "%s", err);
	f[0] = finding("wildcard-principal");
	f[1] = finding("missing-version");
	f[2] = finding("trust-policy-resource");
	n = lint_config_apply(c, "roles/a/x.json", f, 3);
	ck_assert_uint_eq(n, 1); /* missing-version off, TL108 ignored there */
	ck_assert_ptr_eq(f[0].rule, lint_rule_find("wildcard-principal"));
	ck_assert_int_eq(f[0].severity, LINT_NOTE);
	ck_assert_uint_eq(c->ignores[0].used, 1);
	free(f[0].pointer);
	free(f[0].message);
	enabled = lint_config_enabled(c);
	for (n = 0; n < lint_rule_count; n++)
		ck_assert(enabled[n] == (lint_rules[n] != lint_rule_find("missing-version")));
	ck_assert(lint_config_set(c, "TL106", LINT_WARNING)); /* by code turns it back on */
	for (n = 0; n < lint_rule_count; n++)
		ck_assert(lint_config_enabled(c)[n]);
	ck_assert(!lint_config_set(c, "TL999", LINT_OFF));
	ck_assert(lint_config_add_account(c, "444455556666"));
	ck_assert(!lint_config_add_account(c, "4444-5555"));
	lint_config_free(c);
}
END_TEST

/* An ignore counts the linted files its glob matches: only those can make it "unused". */
START_TEST(test_config_ignores_count_linted_files)
{
	char err[512];
	lint_config *c = parse("{\"ignore_findings\": [{\"rule\": \"TL108\", \"file\": \"roles/**\","
	                       " \"reason\": \"legacy\"}, {\"rule\": \"TL201\", \"file\": \"other/y.json\","
	                       " \"reason\": \"demo\"}]}",
	                       err, sizeof(err));

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_uint_eq(c->ignores[0].matched, 0);
	lint_config_mark_linted(c, "roles/a/x.json");
	lint_config_mark_linted(c, "roles/b.json");
	lint_config_mark_linted(c, "elsewhere/z.json");
	ck_assert_uint_eq(c->ignores[0].matched, 2);
	ck_assert_uint_eq(c->ignores[1].matched, 0);
	lint_config_mark_linted(c, "other/y.json");
	ck_assert_uint_eq(c->ignores[1].matched, 1);
	ck_assert_uint_eq(c->ignores[0].used + c->ignores[1].used, 0); /* marking silences nothing */
	lint_config_free(c);
}
END_TEST

START_TEST(test_config_ignore_paths)
{
	char err[512];
	lint_config *c = parse("{\"ignore\": [\"vendor/**\", \"**/*.generated.json\"]}", err, sizeof(err));

	ck_assert_ptr_nonnull(c);
	ck_assert(lint_config_ignores_path(c, "vendor/x/role.json"));
	ck_assert(lint_config_ignores_path(c, "a/b/role.generated.json"));
	ck_assert(!lint_config_ignores_path(c, "roles/role.json"));
	lint_config_free(c);
}
END_TEST

START_TEST(test_config_org_rules_run_with_limits)
{
	static const char policy_text[] =
		"{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		"{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
		"\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringLike\": "
		"{\"token.actions.githubusercontent.com:sub\": [\"repo:acme/a:*\", \"repo:evil/b:*\", "
		"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"]}}}}";
	char err[512];
	lint_config *c = parse("{\"org_rules\": [{\"key\": \"*:SUB\", \"must_match\": \"^(repo:acme/|(a|aa)+$)\","
	                       " \"message\": \"acme only\"}]}",
	                       err, sizeof(err));
	tl_policy *p = NULL;
	tl_error e;
	lint_ctx ctx = {0};
	size_t i, limit = 0, broken = 0;

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_int_eq(tl_policy_parse(&p, policy_text, strlen(policy_text), NULL, &e), TL_OK);
	ctx.policy = p;
	ctx.doc = tl_policy_document(p);
	lint_config_org_rules(c, &ctx);
	for (i = 0; i < ctx.n_findings; i++) {
		ck_assert_ptr_eq(ctx.findings[i].rule, &rule_org_policy);
		limit += strstr(ctx.findings[i].message, "could not be checked") != NULL;
		broken += strstr(ctx.findings[i].message, "\"repo:evil/b:*\" does not match") != NULL;
	}
	/* evil breaks the rule; the a...a! value exhausts the match limit: both loud */
	ck_assert_uint_eq(broken, 1);
	ck_assert_uint_eq(limit, 1);
	ck_assert_uint_eq(ctx.n_findings, 2);
	lint_ctx_release(&ctx);
	tl_policy_free(p);
	lint_config_free(c);
}
END_TEST

/* The match budget: per rule and document, 20 values may take the full
 * match limit; the rest that need more than the small one are counted in
 * one finding at the first of them, and a cheap value after them is still
 * checked.  A second document starts with a whole budget. */
START_TEST(test_config_org_rules_match_budget)
{
	char err[512];
	lint_config *c = parse("{\"org_rules\": [{\"key\": \"*:sub\", \"must_match\": \"^(repo:acme/|(a|aa)+$)\"}]}",
	                       err, sizeof(err));
	char *text = malloc(64 * 1024);
	size_t at, i, round;
	int k;

	ck_assert_msg(c != NULL, "%s", err);
	ck_assert_ptr_nonnull(text);
	at = (size_t)sprintf(text, "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
	                           "\"Principal\": {\"Federated\": \"accounts.google.com\"}, \"Action\": "
	                           "\"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringLike\": "
	                           "{\"x:sub\": [\n");
	for (k = 0; k < 50; k++) /* lines 2..51, catastrophic for (a|aa)+$ */
		at += (size_t)sprintf(text + at, "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa%d!\",\n", k % 10);
	at += (size_t)sprintf(text + at, "\"repo:evil/x\"]}}}}"); /* line 52: cheap, and breaks the rule */
	for (round = 0; round < 2; round++) {
		tl_policy *p = NULL;
		tl_error e;
		lint_ctx ctx = {0};
		size_t limit = 0, ran_out = 0, broken = 0;

		ck_assert_int_eq(tl_policy_parse(&p, text, at, NULL, &e), TL_OK);
		ctx.policy = p;
		ctx.doc = tl_policy_document(p);
		lint_config_org_rules(c, &ctx);
		for (i = 0; i < ctx.n_findings; i++) {
			const lint_finding *f = &ctx.findings[i];
			ck_assert_int_eq(f->severity, LINT_ERROR);
			if (strstr(f->message, "could not be checked against \"aaa")) {
				limit++;
			} else if (strstr(f->message, "ran out of its match budget")) {
				ran_out++;
				ck_assert_str_eq(f->message,
				                 "organisation rule on *:sub ran out of its match budget: 30 more "
				                 "values (from this one on) could not be checked against it, each "
				                 "over 1000 steps after 20 values took the full 100000: fix the pattern");
				ck_assert_uint_eq(f->line, 22);
				ck_assert_uint_eq(f->column, 1);
			} else if (strstr(f->message, "\"repo:evil/x\" does not match")) {
				broken++;
			}
		}
		ck_assert_uint_eq(limit, 20);
		ck_assert_uint_eq(ran_out, 1);
		ck_assert_uint_eq(broken, 1);
		ck_assert_uint_eq(ctx.n_findings, 22);
		lint_ctx_release(&ctx);
		tl_policy_free(p);
	}
	free(text);
	lint_config_free(c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_config_path_glob);
	tcase_add_test(tc, test_config_errors_are_located);
	tcase_add_test(tc, test_config_unknown_keys_warn);
	tcase_add_test(tc, test_config_apply_severity_and_ignores);
	tcase_add_test(tc, test_config_ignore_paths);
	tcase_add_test(tc, test_config_ignores_count_linted_files);
	tcase_add_test(tc, test_config_org_rules_run_with_limits);
	tcase_add_test(tc, test_config_org_rules_match_budget);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
