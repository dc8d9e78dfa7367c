/*
 * cmd_test.c - `trustlint test`: run expectation files (*.test.json) that
 * pin who may and may not assume each role; and `trustlint check`, which
 * runs lint and test in one CI step.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "suites_for.h"
#include "walk.h"

static const char test_help[] =
	"usage: trustlint test [--junit FILE] PATH...\n"
	"\n"
	"Run expectation files: *.test.json beside the policies they pin (role.json with\n"
	"role.test.json), or directories holding them.  A file is\n"
	"  {\"policy\": \"role.json\", \"role\": \"NAME\" (in a container), \"cases\": [\n"
	"    {\"name\": \"payments/api may assume\", \"caller\": {\"irsa\": [\"ISSUER\", \"payments\", \"api\"]},\n"
	"     \"expect\": \"allow\"},\n"
	"    {\"name\": \"no other repository\", \"caller\": {\"github\": \"evil/x\"}, \"expect\": \"deny\"}]}\n"
	"or {\"suites\": [{\"policy\": ..., \"cases\": [...]}, ...]}.  Callers: irsa ISSUER|ID NS SA,\n"
	"pod-identity CLUSTER-ARN NS SA, github OWNER/REPO [REF|environment:ENV|pull_request]\n"
	"(REF defaults to refs/heads/main), gitlab GROUP/PROJECT [BRANCH] (main), terraform ORG\n"
	"PROJECT WORKSPACE [plan|apply] (apply), role ARN, user ARN, account ID, service\n"
	"NAME.amazonaws.com, saml PROVIDER-ARN; or \"request\": {...} as in eval; \"context\" and\n"
	"\"action\" (SERVICE:NAME) add to or override them.  An OIDC caller whose issuer the\n"
	"policy does not name gets the standard provider ARN in the role's account, so a deny\n"
	"case holds for any role.  expect: allow, deny, explicit-deny, implicit-deny.  A Pod\n"
	"Identity caller is allowed only when both sts:AssumeRole and sts:TagSession are.\n"
	"\n"
	"Every mistake in a file (an unknown key, a bad caller, no cases) is an error at its\n"
	"line:column; the file's other cases still run, and the file has failed.\n"
	"\n"
	"  --junit FILE   also write a JUnit XML report for CI systems\n"
	"\n"
	"Exit status: 0 every expectation held, 1 one failed, 2 a file or case could not be read.\n";

static const char check_help[] =
	"usage: trustlint check [lint options] [--junit FILE] PATH...\n"
	"\n"
	"One CI step: lint every trust policy under PATH (as trustlint lint) and run every\n"
	"expectation file (*.test.json) under PATH (as trustlint test).  For a policy file\n"
	"named on the command line (as a pre-commit hook names changed files) it also runs\n"
	"the expectation files that pin it: NAME.test.json beside NAME.json, and any\n"
	"*.test.json in its folder or a folder above it, up to the repository root, with a\n"
	"case naming it.  --junit FILE writes the expectation results and every lint finding\n"
	"at or above --fail-on (one failed testcase each); --format json adds \"tests\".\n"
	"Exit status: 2 if anything could not be read, else 1 if a finding reached --fail-on or\n"
	"an expectation failed, else 0.\n";

typedef struct case_result {
	char *file, *name, *message; /* message: NULL when passed */
	bool error, lint;            /* lint: a finding of check's lint run */
	unsigned line, column;
} case_result;

typedef struct results {
	case_result *items;
	size_t n, cap;
	size_t failed, errors;           /* of the expectations */
	size_t lint_failed, lint_errors; /* of lint (check --junit) */
} results;

static void add_result(results *r, const char *file, const char *name, unsigned line,
                       unsigned column, const char *message, bool error, bool lint)
{
	case_result *cr;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 32;
		case_result *grown = realloc(r->items, cap * sizeof(*grown));
		if (!grown)
			return;
		r->items = grown;
		r->cap = cap;
	}
	cr = &r->items[r->n++];
	cr->file = strdup(file);
	cr->name = strdup(name);
	cr->message = message ? strdup(message) : NULL;
	cr->error = error;
	cr->lint = lint;
	cr->line = line;
	cr->column = column;
	if (lint) {
		r->lint_failed += message && !error;
		r->lint_errors += error;
	} else {
		r->failed += message && !error;
		r->errors += error;
	}
}

static void record(results *r, const char *file, const tl_case *c, const char *message, bool error)
{
	add_result(r, file, c ? c->name : "(file)", c ? c->line : 0, c ? c->column : 0, message,
	           error, false);
}

/* An error at file:line:col, printed once: "ERROR FILE:L:C: [NAME: ]MESSAGE". */
static void report_error(results *r, FILE *out, const char *file, const char *name,
                         const tl_error *err, unsigned line, unsigned column)
{
	char msg[900];

	if (err->line) {
		line = err->line;
		column = err->column;
	}
	snprintf(msg, sizeof(msg), "%s:%u:%u: %s", file, line, column, err->message);
	fprintf(out, "ERROR %s:%u:%u: %s%s%s\n", file, line, column, name ? name : "",
	        name ? ": " : "", err->message);
	add_result(r, file, name ? name : "(file)", line, column, msg, true, false);
}

static bool is_suite_file(const char *name)
{
	size_t n = strlen(name);
	return n > 10 && strcmp(name + n - 10, ".test.json") == 0;
}

/* role.trust.test.json -> role.trust.json, in the suite's folder */
static void sibling_policy(const char *suite, char *out, size_t cap)
{
	size_t n = strlen(suite);
	snprintf(out, cap, "%.*s.json", (int)(n - 10), suite);
}

static void resolve(const char *suite, const char *policy, char *out, size_t cap)
{
	const char *slash = strrchr(suite, '/');

	if (policy[0] == '/' || !slash)
		snprintf(out, cap, "%s", policy);
	else
		snprintf(out, cap, "%.*s/%s", (int)(slash - suite), suite, policy);
}

/* One role as the case sees it: every Fn::If choice of it (inputs make
 * one policy per choice, each labelled), so a case must hold for all. */
#define MAX_VARIANTS 32
typedef struct variants {
	const tl_role *role[MAX_VARIANTS];
	size_t n;
} variants;

/* The role to test, by name or the only one, with every Fn::If variant
 * of it (the inputs give each choice its own tl_role of the same name). */
static bool pick_role(const tl_source *src, const char *name, variants *v, char *why, size_t cap)
{
	size_t i, n = tl_source_role_count(src);
	const char *want = name;

	v->n = 0;
	if (!want && n > 0) {
		/* no name: the file must hold one role (perhaps in several variants) */
		want = tl_source_role(src, 0)->name;
		for (i = 1; i < n; i++) {
			const char *other = tl_source_role(src, i)->name;
			if (!want || !other || strcmp(want, other) != 0) {
				snprintf(why, cap, "the policy file holds %zu roles: say which with \"role\"", n);
				return false;
			}
		}
	}
	for (i = 0; i < n; i++) {
		const tl_role *r = tl_source_role(src, i);
		if (want ? !(r->name && strcmp(r->name, want) == 0) : i > 0)
			continue;
		if (v->n == MAX_VARIANTS) {
			snprintf(why, cap, "role \"%s\" has more than %d Fn::If variants", want,
			         MAX_VARIANTS);
			return false;
		}
		v->role[v->n++] = r;
	}
	if (v->n == 0)
		snprintf(why, cap, n ? "no role \"%s\" in the policy file" : "no role in the policy file",
		         name ? name : "");
	return v->n > 0;
}

/* The first statement that might apply once intrinsics are known, or -1. */
static long unknown_statement(const tl_result *res, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (res[i].unknown_statement >= 0)
			return res[i].unknown_statement;
	return -1;
}

/* "sts:AssumeRole Allow (statement 0 \"Sid\"), sts:TagSession ImplicitDeny" */
static void describe(char *out, size_t cap, const tl_caller_actions *acts, const tl_decision *got,
                     const tl_result *res, const tl_policy *policy)
{
	const tl_document *doc = tl_policy_document(policy);
	size_t i, used = 0;

	out[0] = '\0';
	for (i = 0; i < acts->n && used < cap; i++) {
		used += (size_t)snprintf(out + used, cap - used, "%s%s %s", i ? ", " : "", acts->action[i],
		                         tl_decision_name(got[i]));
		if (res[i].deciding_statement >= 0 && used < cap) {
			const tl_statement *st = &doc->statements[res[i].deciding_statement];
			used += (size_t)snprintf(out + used, cap - used, " (statement %ld%s%s%s)",
			                         res[i].deciding_statement, st->sid ? " \"" : "",
			                         st->sid ? st->sid->text : "", st->sid ? "\"" : "");
		}
	}
}

/* Decide case i against one policy; false when the request cannot be built
 * (reported).  `what` gets the decisions in words. */
static bool decide_case(const char *file, const tl_suite *suite, size_t i, const tl_policy *policy,
                        tl_request *req, results *r, FILE *out, bool *holds, char *what, size_t cap)
{
	const tl_case *c = tl_suite_case(suite, i);
	tl_caller_actions acts;
	tl_decision got[3];
	tl_result res[3];
	long unknown;
	tl_error err = {0};
	size_t k;
	tl_status st = tl_suite_request(suite, i, policy, req, &acts, &err);

	if (st != TL_OK || acts.n == 0) {
		if (st == TL_OK)
			snprintf(err.message, sizeof(err.message), "the request has no action");
		report_error(r, out, file, c->name, &err, c->line, c->column);
		return false;
	}
	for (k = 0; k < acts.n && k < 3; k++) {
		/* a "request" case's action already lives in req: setting it from
		 * itself would read the text it frees */
		if (acts.action[k] != tl_request_action(req))
			tl_request_set_action(req, acts.action[k]);
		tl_eval(policy, req, NULL, &res[k]);
		got[k] = res[k].decision;
	}
	describe(what, cap, &acts, got, res, policy);
	unknown = unknown_statement(res, acts.n);
	if (unknown >= 0) {
		size_t used = strlen(what);
		snprintf(what + used, cap - used,
		         "; statement %ld depends on intrinsic functions unknown until deployed", unknown);
	}
	*holds = tl_expect_holds(c->expect, res, acts.n);
	return true;
}

static void run_case(const char *file, const tl_suite *suite, size_t i, const variants *v,
                     tl_request *req, results *r, FILE *out)
{
	const tl_case *c = tl_suite_case(suite, i);
	char what[600], msg[900];
	size_t k;
	bool holds = true;

	for (k = 0; k < v->n && holds; k++) {
		const char *label = v->role[k]->variant;
		if (!decide_case(file, suite, i, v->role[k]->policy, req, r, out, &holds, what,
		                 sizeof(what)))
			return;
		if (!holds && label) { /* say which Fn::If choice breaks it */
			size_t used = strlen(what);
			snprintf(what + used, sizeof(what) - used, " when %s", label);
		}
	}
	if (holds) {
		fprintf(out, "PASS %s:%u: %s (%s%s)\n", file, c->line, c->name, what,
		        v->n > 1 ? ", and alike for every Fn::If choice" : "");
		record(r, file, c, NULL, false);
	} else {
		snprintf(msg, sizeof(msg), "expected %s, got %s", tl_expect_name(c->expect), what);
		fprintf(out, "FAIL %s:%u: %s: %s\n", file, c->line, c->name, msg);
		record(r, file, c, msg, false);
	}
}

static void run_suite(const char *file, results *r, FILE *out)
{
	char *text = NULL, *ptext = NULL, def[4096], path[4096], why[300];
	size_t len, plen, i;
	tl_suite *suite = NULL;
	tl_source *src = NULL;
	const char *loaded = NULL;
	bool unreadable = false;
	tl_request *req = tl_request_new();
	tl_error err = {0};

	sibling_policy(file, def, sizeof(def));
	if (!req || tl_file_read(file, CLI_MAX_FILE, &text, &len, &err) != TL_OK ||
	    tl_suite_load(&suite, text, len, strrchr(def, '/') ? strrchr(def, '/') + 1 : def, &err) !=
	        TL_OK) {
		if (!req)
			snprintf(err.message, sizeof(err.message), "out of memory");
		report_error(r, out, file, NULL, &err, 0, 0);
		goto done;
	}
	for (i = 0; i < tl_suite_problem_count(suite); i++) {
		const tl_suite_problem *p = tl_suite_problem_at(suite, i);
		report_error(r, out, file, p->case_name, &p->error, 0, 0);
	}
	if (tl_suite_problems_unkept(suite)) {
		tl_error more = {0};
		snprintf(more.message, sizeof(more.message), "%zu more problems not shown",
		         tl_suite_problems_unkept(suite));
		report_error(r, out, file, NULL, &more, 0, 0);
	}
	for (i = 0; i < tl_suite_case_count(suite); i++) {
		const tl_case *c = tl_suite_case(suite, i);
		const tl_role *role = NULL;
		variants v = {{NULL}, 0};
		size_t k;

		resolve(file, c->policy, path, sizeof(path));
		if (!loaded || strcmp(loaded, c->policy) != 0) {
			tl_source_free(src);
			free(ptext);
			src = NULL;
			ptext = NULL;
			loaded = c->policy;
			unreadable = tl_file_read(path, CLI_MAX_FILE, &ptext, &plen, &err) != TL_OK;
			if (unreadable || tl_source_load(&src, ptext, plen, TL_INPUT_AUTO, NULL, &err) != TL_OK)
				src = NULL;
		}
		if (src && pick_role(src, c->role, &v, why, sizeof(why))) {
			/* the first variant that IAM would not take speaks for all */
			role = v.role[0];
			for (k = 0; k < v.n; k++)
				if (!v.role[k]->policy ||
				    tl_policy_document(v.role[k]->policy)->n_hard_problems) {
					role = v.role[k];
					break;
				}
		}
		if (!src && unreadable) /* the message names the file */
			snprintf(why, sizeof(why), "%s", err.message);
		else if (!src)
			snprintf(why, sizeof(why), "%s:%u:%u: %s", path, err.line, err.column, err.message);
		else if (role && !role->policy)
			snprintf(why, sizeof(why), "%s:%u:%u: %s", path, role->error.line, role->error.column,
			         role->error.message);
		else if (role && tl_policy_document(role->policy)->n_hard_problems)
			snprintf(why, sizeof(why), "%s: IAM would refuse this policy (trustlint lint says why)",
			         path);
		if (!role || !role->policy || tl_policy_document(role->policy)->n_hard_problems) {
			tl_error e = {0};
			snprintf(e.message, sizeof(e.message), "%s", why);
			report_error(r, out, file, c->name, &e, c->line, c->column);
			continue;
		}
		run_case(file, suite, i, &v, req, r, out);
	}
done:
	tl_source_free(src);
	free(ptext);
	tl_suite_free(suite);
	tl_request_free(req);
	free(text);
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
			fputc(*s, f);
	}
}

/* JUnit XML: one testsuite per expectation file, and for check one per
 * linted file with findings at or above --fail-on (one failed testcase
 * each), so that a CI report is green only when the exit status is 0. */
static bool write_junit(const char *path, const results *r)
{
	FILE *f = fopen(path, "w");
	size_t i, j;

	if (!f)
		return false;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trustlint\" "
	           "tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
	        r->n, r->failed + r->lint_failed, r->errors + r->lint_errors);
	for (i = 0; i < r->n; i = j) {
		size_t tests = 0, failures = 0, errors = 0;
		for (j = i; j < r->n && r->items[j].lint == r->items[i].lint &&
		            strcmp(r->items[j].file, r->items[i].file) == 0;
		     j++) {
			tests++;
			failures += r->items[j].message && !r->items[j].error;
			errors += r->items[j].error;
		}
		fputs("  <testsuite name=\"", f);
		if (r->items[i].lint)
			fputs("lint ", f);
		xml_text(f, r->items[i].file);
		fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", tests, failures, errors);
		for (j = i; j < r->n && r->items[j].lint == r->items[i].lint &&
		            strcmp(r->items[j].file, r->items[i].file) == 0;
		     j++) {
			const case_result *c = &r->items[j];
			fputs("    <testcase classname=\"", f);
			xml_text(f, c->file);
			fputs("\" name=\"", f);
			xml_text(f, c->name);
			if (!c->message) {
				fputs("\"/>\n", f);
				continue;
			}
			fprintf(f, "\">\n      <%s message=\"", c->error ? "error" : "failure");
			xml_text(f, c->message);
			fprintf(f, "\"/>\n    </testcase>\n");
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
	return fclose(f) == 0;
}

/* check --format json: "tests": {"passed", "failed", "errors", "cases"}. */
static void json_tests(FILE *out, const void *ctx)
{
	const results *r = ctx;
	size_t i, tests = 0;
	bool first = true;

	for (i = 0; i < r->n; i++)
		tests += !r->items[i].lint;
	fprintf(out, ", \"tests\": {\"passed\": %zu, \"failed\": %zu, \"errors\": %zu, \"cases\": [",
	        tests - r->failed - r->errors, r->failed, r->errors);
	for (i = 0; i < r->n; i++) {
		const case_result *c = &r->items[i];
		if (c->lint)
			continue;
		fputs(first ? "\n  {\"file\": " : ",\n  {\"file\": ", out);
		json_cstr(out, c->file);
		fputs(", \"name\": ", out);
		json_cstr(out, c->name);
		fprintf(out, ", \"line\": %u, \"column\": %u, \"status\": \"%s\", \"message\": ", c->line,
		        c->column, !c->message ? "pass" : c->error ? "error" : "fail");
		json_cstr(out, c->message);
		fputc('}', out);
		first = false;
	}
	fputs(first ? "]}" : "\n]}", out);
}

/* check --junit: lint's findings at or above --fail-on as failed testcases,
 * and what kept lint from reading a file as errors. */
static void add_lint_results(results *r, const lint_outcome *o, int lint_rc)
{
	char name[200], msg[1400];
	size_t i, j;

	for (i = 0; i < o->rep.n; i++) {
		const report_file *rf = &o->rep.files[i];
		if (rf->error && rf->n == 0)
			add_result(r, rf->path, "lint", 0, 0, rf->error, true, true);
		for (j = 0; j < rf->n && !o->exit_zero; j++) {
			const lint_finding *f = &rf->findings[j];
			if (f->severity < o->fail_on)
				continue;
			snprintf(name, sizeof(name), "TL%d %s at %u:%u", f->rule->code, f->rule->name,
			         f->line, f->column);
			snprintf(msg, sizeof(msg), "%s:%u:%u: %s: %s [TL%d %s]", rf->path, f->line,
			         f->column, lint_severity_name(f->severity), f->message, f->rule->code,
			         f->rule->name);
			add_result(r, rf->path, name, f->line, f->column, msg, false, true);
		}
	}
	/* config errors; warnings and notes (unused ignores, a policy unknown
	 * until apply) are no testcase */
	for (i = 0; lint_rc == EXIT_TROUBLE && i < o->rep.n_notes; i++)
		if (o->rep.notes[i].level == LINT_ERROR)
			add_result(r, o->rep.notes[i].file ? o->rep.notes[i].file : "(lint)", "lint", 0, 0,
			           o->rep.notes[i].line, true, true);
}

static void results_free(results *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->items[i].file);
		free(r->items[i].name);
		free(r->items[i].message);
	}
	free(r->items);
}

static int tests_status(const results *r)
{
	return r->errors ? EXIT_TROUBLE : r->failed ? EXIT_FINDINGS : EXIT_CLEAN;
}

/*
 * Run every suite under `paths`.  `check`: only expectation files (named
 * policies are lint's), plus those that pin a named policy file
 * (suites_for.h); the summary line only when some ran.
 */
static void run_tests(char **paths, int n_paths, FILE *out, bool check, results *r)
{
	file_list files = {0}, pinning = {0};
	char **named = NULL;
	size_t i, n_named = 0, ran = 0;

	if (walk_paths(&files, paths, n_paths) < 0)
		add_result(r, "(arguments)", "(arguments)", 0, 0, "a path could not be read", true, false);
	if (check) {
		named = calloc(files.n ? files.n : 1, sizeof(*named));
		for (i = 0; named && i < files.n; i++)
			if (files.named[i] && !is_suite_file(files.paths[i]))
				named[n_named++] = files.paths[i];
		if (!named || suites_for(&pinning, named, n_named, &files) < 0)
			add_result(r, "(arguments)", "(arguments)", 0, 0, "out of memory", true, false);
	}
	for (i = 0; i < files.n; i++)
		if (is_suite_file(files.paths[i]) || (files.named[i] && !check)) {
			run_suite(files.paths[i], r, out);
			ran++;
		}
	for (i = 0; i < pinning.n; i++, ran++)
		run_suite(pinning.paths[i], r, out);
	if (ran || !check) {
		size_t tests = r->n;
		for (i = 0; i < r->n; i++)
			tests -= r->items[i].lint;
		fprintf(out, "%zu passed, %zu failed", tests - r->failed - r->errors, r->failed);
		if (r->errors)
			fprintf(out, ", %zu error%s", r->errors, r->errors == 1 ? "" : "s");
		fputc('\n', out);
	}
	free(named);
	file_list_free(&pinning);
	file_list_free(&files);
}

static bool junit_to(const char *junit, const results *r)
{
	if (!junit || write_junit(junit, r))
		return true;
	fprintf(stderr, "trustlint: cannot write %s\n", junit);
	return false;
}

int cmd_test(int argc, char **argv)
{
	const char *junit = NULL;
	char **paths = calloc((size_t)argc, sizeof(*paths));
	results r = {0};
	int i, n = 0, rc;

	if (!paths)
		return EXIT_TROUBLE;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(test_help, stdout);
			free(paths);
			return EXIT_CLEAN;
		} else if (strcmp(argv[i], "--junit") == 0 && i + 1 < argc) {
			junit = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			fprintf(stderr, "trustlint test: unknown option \"%s\"\n%s", argv[i], test_help);
			free(paths);
			return EXIT_TROUBLE;
		} else {
			paths[n++] = argv[i];
		}
	}
	if (n == 0) {
		fprintf(stderr, "trustlint test: give expectation files or directories\n%s", test_help);
		free(paths);
		return EXIT_TROUBLE;
	}
	run_tests(paths, n, stdout, false, &r);
	rc = tests_status(&r);
	if (!junit_to(junit, &r))
		rc = EXIT_TROUBLE;
	results_free(&r);
	free(paths);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	char **lint_argv = calloc((size_t)argc + 1, sizeof(*lint_argv));
	char **paths = calloc((size_t)argc + 1, sizeof(*paths));
	const char *junit = NULL;
	lint_outcome o = {0};
	results r = {0};
	int i, n_lint = 0, n_paths = 0, n_lint_paths = 0, lint_rc = EXIT_CLEAN, test_rc;

	if (!lint_argv || !paths) {
		free(lint_argv);
		free(paths);
		return EXIT_TROUBLE;
	}
	lint_argv[n_lint++] = "lint";
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(check_help, stdout);
			free(lint_argv);
			free(paths);
			return EXIT_CLEAN;
		} else if (strcmp(a, "--junit") == 0 && i + 1 < argc) {
			junit = argv[++i];
		} else if ((a[0] == '-' && a[1] == '-') || strcmp(a, "-j") == 0) {
			/* lint's options, with their value when they take one */
			lint_argv[n_lint++] = argv[i];
			if (i + 1 < argc && (strcmp(a, "--format") == 0 || strcmp(a, "--fail-on") == 0 ||
			                     strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
			                     strcmp(a, "--account") == 0 || strcmp(a, "--config") == 0 ||
			                     strcmp(a, "--disable") == 0 || strcmp(a, "--enable") == 0 ||
			                     strcmp(a, "--input-format") == 0))
				lint_argv[n_lint++] = argv[++i];
		} else {
			paths[n_paths++] = argv[i];
			if (!is_suite_file(a)) {
				lint_argv[n_lint++] = argv[i];
				n_lint_paths++;
			}
		}
	}
	if (n_paths == 0) {
		fprintf(stderr, "trustlint check: give files or directories\n%s", check_help);
		free(lint_argv);
		free(paths);
		return EXIT_TROUBLE;
	}
	if (n_lint_paths) {
		lint_rc = lint_collect(n_lint, lint_argv, &o);
		if (!o.ran) { /* a usage error, already said */
			report_free(&o.rep);
			free(lint_argv);
			free(paths);
			return lint_rc;
		}
	} else {
		/* only expectation files: lint's options still decide the format */
		for (i = 1; i + 1 < n_lint; i++)
			if (strcmp(lint_argv[i], "--format") == 0 &&
			    !report_format_from(lint_argv[i + 1], &o.format)) {
				fprintf(stderr, "trustlint check: unknown format \"%s\"\n", lint_argv[i + 1]);
				free(lint_argv);
				free(paths);
				return EXIT_TROUBLE;
			}
	}
	/* Machine-readable lint output owns stdout; test lines go to stderr
	 * then.  JSON carries the results too, so it is written last. */
	if (o.format == FORMAT_JSON) {
		run_tests(paths, n_paths, stderr, true, &r);
		o.rep.json_extra = json_tests;
		o.rep.json_extra_ctx = &r;
		report_write(stdout, &o.rep, o.format, false);
	} else {
		if (n_lint_paths)
			report_write(stdout, &o.rep, o.format, lint_colour(o.format));
		fflush(stdout);
		run_tests(paths, n_paths, o.format == FORMAT_TEXT ? stdout : stderr, true, &r);
	}
	test_rc = tests_status(&r);
	add_lint_results(&r, &o, lint_rc);
	if (!junit_to(junit, &r))
		test_rc = EXIT_TROUBLE;
	results_free(&r);
	report_free(&o.rep);
	free(lint_argv);
	free(paths);
	if (lint_rc == EXIT_TROUBLE || test_rc == EXIT_TROUBLE)
		return EXIT_TROUBLE;
	return lint_rc == EXIT_FINDINGS || test_rc == EXIT_FINDINGS ? EXIT_FINDINGS : EXIT_CLEAN;
}
