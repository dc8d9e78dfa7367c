/*
 * cmd_test.c - `trustlint test`: run expectation files (*.test.json) that
 * pin who may and may not assume each role; and `trustlint check`, which
 * runs lint and test in one CI step.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
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
	"pod-identity CLUSTER-ARN NS SA, github OWNER/REPO [REF|environment:ENV], gitlab, terraform,\n"
	"role ARN, user ARN, account ID, service NAME, saml PROVIDER-ARN; or \"request\": {...} as in\n"
	"eval; \"context\" and \"action\" add to or override them.  expect: allow, deny,\n"
	"explicit-deny, implicit-deny.  A Pod Identity caller is allowed only when both\n"
	"sts:AssumeRole and sts:TagSession are.\n"
	"\n"
	"  --junit FILE   also write a JUnit XML report for CI systems\n"
	"\n"
	"Exit status: 0 every expectation held, 1 one failed, 2 a file could not be read.\n";

static const char check_help[] =
	"usage: trustlint check [lint options] [--junit FILE] PATH...\n"
	"\n"
	"One CI step: lint every trust policy under PATH (as trustlint lint) and run every\n"
	"expectation file (*.test.json) under PATH (as trustlint test).  Exit status: 2 if\n"
	"anything could not be read, else 1 if a finding reached --fail-on or an expectation\n"
	"failed, else 0.\n";

typedef struct case_result {
	char *file, *name, *message; /* message: NULL when passed */
	bool error;
	unsigned line;
} case_result;

typedef struct results {
	case_result *items;
	size_t n, cap, failed, errors;
} results;

static void record(results *r, const char *file, const tl_case *c, const char *message, bool error)
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
	cr->name = strdup(c ? c->name : "(file)");
	cr->message = message ? strdup(message) : NULL;
	cr->error = error;
	cr->line = c ? c->line : 0;
	r->failed += message && !error;
	r->errors += error;
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

/* The role to test: by name, or the only one. */
static const tl_role *pick_role(const tl_source *src, const char *name, char *why, size_t cap)
{
	size_t i, n = tl_source_role_count(src);

	if (!name) {
		if (n == 1)
			return tl_source_role(src, 0);
		snprintf(why, cap, "the policy file holds %zu roles: say which with \"role\"", n);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		const tl_role *r = tl_source_role(src, i);
		if (r->name && strcmp(r->name, name) == 0)
			return r;
	}
	snprintf(why, cap, "no role \"%s\" in the policy file", name);
	return NULL;
}

static bool holds(tl_expect e, const tl_decision *got, size_t n)
{
	bool all_allow = true, any_explicit = false;
	size_t i;

	for (i = 0; i < n; i++) {
		all_allow = all_allow && got[i] == TL_ALLOW;
		any_explicit = any_explicit || got[i] == TL_EXPLICIT_DENY;
	}
	switch (e) {
	case TL_EXPECT_ALLOW:
		return all_allow;
	case TL_EXPECT_DENY:
		return !all_allow;
	case TL_EXPECT_EXPLICIT_DENY:
		return any_explicit;
	default:
		return !all_allow && !any_explicit;
	}
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

static void run_case(const char *file, const tl_suite *suite, size_t i, const tl_policy *policy,
                     tl_request *req, results *r, FILE *out)
{
	const tl_case *c = tl_suite_case(suite, i);
	tl_caller_actions acts;
	tl_decision got[3];
	tl_result res[3];
	tl_error err = {0};
	char what[600], msg[900];
	size_t k;

	tl_status st = tl_suite_request(suite, i, policy, req, &acts, &err);

	if (st != TL_OK || acts.n == 0) {
		snprintf(msg, sizeof(msg), "%s:%u:%u: %s", file, err.line ? err.line : c->line, err.column,
		         st != TL_OK ? err.message : "the request has no action");
		fprintf(out, "ERROR %s:%u: %s: %s\n", file, c->line, c->name, msg);
		record(r, file, c, msg, true);
		return;
	}
	for (k = 0; k < acts.n && k < 3; k++) {
		/* a "request" case's action already lives in req: setting it from
		 * itself would read the text it frees */
		if (acts.action[k] != tl_request_action(req))
			tl_request_set_action(req, acts.action[k]);
		tl_eval(policy, req, NULL, &res[k]);
		got[k] = res[k].decision;
	}
	describe(what, sizeof(what), &acts, got, res, policy);
	if (holds(c->expect, got, acts.n)) {
		fprintf(out, "PASS %s:%u: %s (%s)\n", file, c->line, c->name, what);
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
	tl_request *req = tl_request_new();
	tl_error err = {0};

	sibling_policy(file, def, sizeof(def));
	if (!req || tl_file_read(file, CLI_MAX_FILE, &text, &len, &err) != TL_OK ||
	    tl_suite_load(&suite, text, len, strrchr(def, '/') ? strrchr(def, '/') + 1 : def, &err) !=
	        TL_OK) {
		char msg[700];
		snprintf(msg, sizeof(msg), "%s:%u:%u: %s", file, err.line, err.column, err.message);
		fprintf(out, "ERROR %s\n", msg);
		record(r, file, NULL, msg, true);
		goto done;
	}
	for (i = 0; i < tl_suite_case_count(suite); i++) {
		const tl_case *c = tl_suite_case(suite, i);
		const tl_role *role;

		resolve(file, c->policy, path, sizeof(path));
		if (!loaded || strcmp(loaded, c->policy) != 0) {
			tl_source_free(src);
			free(ptext);
			src = NULL;
			ptext = NULL;
			loaded = c->policy;
			if (tl_file_read(path, CLI_MAX_FILE, &ptext, &plen, &err) != TL_OK ||
			    tl_source_load(&src, ptext, plen, TL_INPUT_AUTO, NULL, &err) != TL_OK)
				src = NULL;
		}
		role = src ? pick_role(src, c->role, why, sizeof(why)) : NULL;
		if (!src)
			snprintf(why, sizeof(why), "%s: %s", path, err.message);
		else if (role && !role->policy)
			snprintf(why, sizeof(why), "%s:%u:%u: %s", path, role->error.line, role->error.column,
			         role->error.message);
		else if (role && tl_policy_document(role->policy)->n_hard_problems)
			snprintf(why, sizeof(why), "%s: IAM would refuse this policy (trustlint lint says why)",
			         path);
		if (!role || !role->policy || tl_policy_document(role->policy)->n_hard_problems) {
			fprintf(out, "ERROR %s:%u: %s: %s\n", file, c->line, c->name, why);
			record(r, file, c, why, true);
			continue;
		}
		run_case(file, suite, i, role->policy, req, r, out);
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

/* JUnit XML, one testsuite per expectation file. */
static bool write_junit(const char *path, const results *r)
{
	FILE *f = fopen(path, "w");
	size_t i, j;

	if (!f)
		return false;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"trustlint\" "
	           "tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
	        r->n, r->failed, r->errors);
	for (i = 0; i < r->n; i = j) {
		size_t tests = 0, failures = 0, errors = 0;
		for (j = i; j < r->n && strcmp(r->items[j].file, r->items[i].file) == 0; j++) {
			tests++;
			failures += r->items[j].message && !r->items[j].error;
			errors += r->items[j].error;
		}
		fputs("  <testsuite name=\"", f);
		xml_text(f, r->items[i].file);
		fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", tests, failures, errors);
		for (j = i; j < r->n && strcmp(r->items[j].file, r->items[i].file) == 0; j++) {
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

/* Run every suite under `paths`; the exit status of `trustlint test`. */
static int run_tests(char **paths, int n_paths, const char *junit, FILE *out, bool quiet_if_none)
{
	file_list files = {0};
	results r = {0};
	size_t i, ran = 0;
	int rc;

	if (walk_paths(&files, paths, n_paths) < 0)
		record(&r, "(arguments)", NULL, "a path could not be read", true);
	for (i = 0; i < files.n; i++)
		if (files.named[i] || is_suite_file(files.paths[i])) {
			if (!is_suite_file(files.paths[i]) && quiet_if_none)
				continue; /* check: named policies are lint's */
			run_suite(files.paths[i], &r, out);
			ran++;
		}
	if (ran || !quiet_if_none) {
		fprintf(out, "%zu passed, %zu failed", r.n - r.failed - r.errors, r.failed);
		if (r.errors)
			fprintf(out, ", %zu error%s", r.errors, r.errors == 1 ? "" : "s");
		fputc('\n', out);
	}
	if (junit && !write_junit(junit, &r)) {
		fprintf(stderr, "trustlint: cannot write %s\n", junit);
		r.errors++;
	}
	rc = r.errors ? EXIT_TROUBLE : r.failed ? EXIT_FINDINGS : EXIT_CLEAN;
	results_free(&r);
	file_list_free(&files);
	return rc;
}

int cmd_test(int argc, char **argv)
{
	const char *junit = NULL;
	char **paths = calloc((size_t)argc, sizeof(*paths));
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
	rc = run_tests(paths, n, junit, stdout, false);
	free(paths);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	char **lint_argv = calloc((size_t)argc + 1, sizeof(*lint_argv));
	char **paths = calloc((size_t)argc + 1, sizeof(*paths));
	const char *junit = NULL;
	bool text = true;
	int i, n_lint = 0, n_paths = 0, n_lint_paths = 0, lint_rc, test_rc;

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
			if (strcmp(a, "--format") == 0 && i + 1 < argc)
				text = strcmp(argv[i + 1], "text") == 0;
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
	lint_rc = n_lint_paths ? cmd_lint(n_lint, lint_argv) : EXIT_CLEAN;
	fflush(stdout);
	/* machine-readable lint output owns stdout; test lines go to stderr then */
	test_rc = run_tests(paths, n_paths, junit, text ? stdout : stderr, true);
	free(lint_argv);
	free(paths);
	if (lint_rc == EXIT_TROUBLE || test_rc == EXIT_TROUBLE)
		return EXIT_TROUBLE;
	return lint_rc == EXIT_FINDINGS || test_rc == EXIT_FINDINGS ? EXIT_FINDINGS : EXIT_CLEAN;
}
