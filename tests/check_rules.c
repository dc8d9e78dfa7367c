/*
 * check_rules.c - the rule table and the rule corpus.
 *
 * 1. The table: codes unique and increasing, names kebab-case and unique,
 *    documentation present, each rule's bad example triggers that rule and
 *    its good example triggers no rule at all.
 * 2. corpus/lint/<name>/bad/ *.json: the findings of rule <name> must be
 *    exactly those listed in the sibling .expect file, one "LINE:COL
 *    SEVERITY" per line; corpus/lint/<name>/good/ *.json: no finding of
 *    rule <name> (the false-positive traps live here).  Every rule must
 *    have at least one case of each.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"

static const char *corpus_dir = "corpus/lint";

/* TL_RULES=name,name limits the per-rule tests to those rules (for work on a
 * few rules at a time); unset, every rule is tested. */
static bool selected(const rule_def *r)
{
	const char *only = getenv("TL_RULES"), *p;
	size_t n = strlen(r->name);

	if (!only || !*only)
		return true;
	for (p = strstr(only, r->name); p; p = strstr(p + 1, r->name))
		if ((p == only || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* Lint `text` with a rule's example settings; the caller releases ctx and
 * the policy. */
static void lint_text(lint_ctx *ctx, tl_policy **policy, tl_error *err, const char *text,
                      const rule_def *r)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->options = r->options;
	*policy = NULL;
	ctx->text = text;
	ctx->text_len = strlen(text);
	if (tl_policy_parse(policy, text, strlen(text), NULL, err) == TL_OK) {
		ctx->policy = *policy;
		ctx->doc = tl_policy_document(*policy);
	} else {
		ctx->parse_error = err;
	}
	lint_run(ctx, NULL);
}

static size_t count_rule(const lint_ctx *ctx, const rule_def *r)
{
	size_t i, n = 0;

	for (i = 0; i < ctx->n_findings; i++)
		n += ctx->findings[i].rule == r;
	return n;
}

static bool kebab(const char *s)
{
	if (!*s || *s == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return s[-1] != '-';
}

START_TEST(test_rules_table_is_well_formed)
{
	size_t i, j;

	ck_assert_uint_gt(lint_rule_count, 30);
	for (i = 0; i < lint_rule_count; i++) {
		const rule_def *r = lint_rules[i];
		if (i)
			ck_assert_msg(lint_rules[i - 1]->code < r->code, "codes not increasing at %s",
			              r->name);
		if (!selected(r))
			continue;
		ck_assert_msg(kebab(r->name), "%s is not kebab-case", r->name);
		ck_assert_msg(r->summary && strlen(r->summary) > 10, "%s: summary", r->name);
		ck_assert_msg(r->rationale && strlen(r->rationale) > 40, "%s: rationale", r->name);
		ck_assert_msg(r->fix && strlen(r->fix) > 10, "%s: fix", r->name);
		ck_assert_msg(r->bad && r->good && strcmp(r->bad, r->good) != 0, "%s: examples", r->name);
		ck_assert_msg(strstr(r->summary, "TODO") == NULL, "%s is a stub", r->name);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(lint_rules[j]->name, r->name);
		ck_assert_ptr_eq(lint_rule_find(r->name), r);
	}
}
END_TEST

START_TEST(test_rules_examples_trigger_their_rule)
{
	const rule_def *r = lint_rules[_i];
	lint_ctx ctx;
	tl_policy *policy;
	tl_error err = {0};
	size_t k;

	if (!selected(r))
		return;

	lint_text(&ctx, &policy, &err, r->bad, r);
	ck_assert_msg(count_rule(&ctx, r) > 0, "%s: its bad example does not trigger it", r->name);
	lint_ctx_release(&ctx);
	tl_policy_free(policy);

	lint_text(&ctx, &policy, &err, r->good, r);
	for (k = 0; k < ctx.n_findings; k++)
		ck_assert_msg(0, "%s: its good example triggers TL%d %s: %s", r->name,
		              ctx.findings[k].rule->code, ctx.findings[k].rule->name,
		              ctx.findings[k].message);
	lint_ctx_release(&ctx);
	tl_policy_free(policy);
}
END_TEST

static char *slurp(const char *path)
{
	char *buf = NULL;
	size_t len;
	tl_error err;

	if (tl_file_read(path, 1 << 20, &buf, &len, &err) != TL_OK)
		return NULL;
	return buf;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Compare this rule's findings in `path` with `path`.expect (NULL: none). */
static int check_case(const rule_def *r, const char *path, bool bad)
{
	char *text = slurp(path), expect_path[4200], *expect = NULL, *got[256], *want[256], *line;
	size_t n_got = 0, n_want = 0, i;
	lint_ctx ctx;
	tl_policy *policy;
	tl_error err = {0};
	int failures = 0;

	if (!text) {
		fprintf(stderr, "%s: cannot read\n", path);
		return 1;
	}
	lint_text(&ctx, &policy, &err, text, r);
	for (i = 0; i < ctx.n_findings && n_got < 256; i++) {
		char buf[64];
		if (ctx.findings[i].rule != r)
			continue;
		snprintf(buf, sizeof(buf), "%u:%u %s", ctx.findings[i].line, ctx.findings[i].column,
		         lint_severity_name(ctx.findings[i].severity));
		got[n_got++] = strdup(buf);
	}
	if (bad) {
		snprintf(expect_path, sizeof(expect_path), "%.*s.expect", (int)(strlen(path) - 5), path);
		expect = slurp(expect_path);
		if (!expect) {
			fprintf(stderr, "%s: missing %s\n", path, expect_path);
			failures++;
		}
		for (line = expect ? strtok(expect, "\n") : NULL; line && n_want < 256;
		     line = strtok(NULL, "\n"))
			if (*line && *line != '#')
				want[n_want++] = line;
		if (n_want == 0 && expect) {
			fprintf(stderr, "%s: a bad case must expect at least one finding\n", path);
			failures++;
		}
	}
	qsort(got, n_got, sizeof(*got), cmp_str);
	qsort(want, n_want, sizeof(*want), cmp_str);
	if (n_got != n_want) {
		failures++;
	} else {
		for (i = 0; i < n_got; i++)
			if (strcmp(got[i], want[i]) != 0)
				failures++;
	}
	if (failures) {
		fprintf(stderr, "%s: %s findings differ\n  expected:", path, r->name);
		for (i = 0; i < n_want; i++)
			fprintf(stderr, " [%s]", want[i]);
		fprintf(stderr, "\n  got:     ");
		for (i = 0; i < n_got; i++)
			fprintf(stderr, " [%s]", got[i]);
		for (i = 0; i < ctx.n_findings; i++)
			if (ctx.findings[i].rule == r)
				fprintf(stderr, "\n    %u:%u %s", ctx.findings[i].line, ctx.findings[i].column,
				        ctx.findings[i].message);
		fprintf(stderr, "\n");
	}
	for (i = 0; i < n_got; i++)
		free(got[i]);
	free(expect);
	free(text);
	lint_ctx_release(&ctx);
	tl_policy_free(policy);
	return failures;
}

/* Run the cases of one rule's bad/ or good/ folder; returns how many ran. */
static size_t run_cases(const rule_def *r, bool bad, int *failures)
{
	char dir[4096], path[4200];
	struct dirent **names;
	int n, i;
	size_t ran = 0;

	snprintf(dir, sizeof(dir), "%s/%s/%s", corpus_dir, r->name, bad ? "bad" : "good");
	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (len > 5 && strcmp(names[i]->d_name + len - 5, ".json") == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			*failures += check_case(r, path, bad);
			ran++;
		}
		free(names[i]);
	}
	free(names);
	return ran;
}

START_TEST(test_rules_corpus_cases)
{
	const rule_def *r = lint_rules[_i];
	int failures = 0;
	size_t bad, good;

	if (!selected(r))
		return;
	bad = run_cases(r, true, &failures);
	good = run_cases(r, false, &failures);

	ck_assert_msg(bad > 0, "%s: no cases in %s/%s/bad", r->name, corpus_dir, r->name);
	ck_assert_msg(good > 0, "%s: no cases in %s/%s/good", r->name, corpus_dir, r->name);
	ck_assert_msg(failures == 0, "%s: %d corpus case(s) failed (details above)", r->name,
	              failures);
}
END_TEST

int main(int argc, char **argv)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed;

	if (argc > 1)
		corpus_dir = argv[1];
	tcase_add_test(tc, test_rules_table_is_well_formed);
	tcase_add_loop_test(tc, test_rules_examples_trigger_their_rule, 0, (int)lint_rule_count);
	tcase_add_loop_test(tc, test_rules_corpus_cases, 0, (int)lint_rule_count);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
