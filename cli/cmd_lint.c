/*
 * cmd_lint.c - `trustlint lint PATH...`: run the rules over trust
 * policies and report in text, JSON, SARIF or GitHub annotations.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "report.h"
#include "walk.h"

static const char lint_help[] =
	"usage: trustlint lint [OPTIONS] PATH...\n"
	"\n"
	"Lint role trust policies: files, directories (recursively, *.json) or - for stdin.\n"
	"\n"
	"  --format FORMAT   text (default), json, sarif (GitHub code scanning) or github\n"
	"                    (workflow annotations)\n"
	"  --fail-on LEVEL   exit 1 when a finding is at or above error, warning (default) or note\n"
	"  --account ID      an account of the organisation (repeatable): trust from other\n"
	"                    accounts is cross-account\n"
	"  --config FILE     use FILE instead of the nearest .trustlint.json above each file\n"
	"  --no-config       use no config file\n"
	"  --disable RULE    turn a rule off (name or code, repeatable)\n"
	"  --enable RULE     turn a rule on at its default severity (repeatable)\n"
	"  --exit-zero       report, but exit 0 unless trustlint itself failed\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, I/O or\n"
	"parse errors (a file that is not JSON is also reported as a json-syntax finding).\n";

typedef struct lint_args {
	report_format format;
	lint_severity fail_on;
	const char *config;
	bool no_config, exit_zero;
	char **accounts, **disable, **enable;
	size_t n_accounts, n_disable, n_enable;
	char **paths;
	int n_paths;
} lint_args;

static bool push_arg(char ***list, size_t *n, char *s)
{
	char **grown = realloc(*list, (*n + 1) * sizeof(*grown));

	if (!grown)
		return false;
	grown[(*n)++] = s;
	*list = grown;
	return true;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(lint_args *a, int argc, char **argv)
{
	int i;

	a->fail_on = LINT_WARNING;
	a->paths = calloc((size_t)argc, sizeof(*a->paths));
	if (!a->paths)
		return EXIT_TROUBLE;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i];
		bool has = i + 1 < argc;

		if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
			fputs(lint_help, stdout);
			return EXIT_CLEAN;
		} else if (strcmp(o, "--format") == 0 && has) {
			if (!report_format_from(argv[++i], &a->format)) {
				fprintf(stderr, "trustlint lint: unknown format \"%s\"\n", argv[i]);
				return EXIT_TROUBLE;
			}
		} else if (strcmp(o, "--fail-on") == 0 && has) {
			const char *v = argv[++i];
			if (strcmp(v, "error") == 0)
				a->fail_on = LINT_ERROR;
			else if (strcmp(v, "warning") == 0)
				a->fail_on = LINT_WARNING;
			else if (strcmp(v, "note") == 0)
				a->fail_on = LINT_NOTE;
			else {
				fprintf(stderr, "trustlint lint: --fail-on takes error, warning or note\n");
				return EXIT_TROUBLE;
			}
		} else if (strcmp(o, "--account") == 0 && has) {
			if (!push_arg(&a->accounts, &a->n_accounts, argv[++i]))
				return EXIT_TROUBLE;
		} else if (strcmp(o, "--config") == 0 && has) {
			a->config = argv[++i];
		} else if (strcmp(o, "--no-config") == 0) {
			a->no_config = true;
		} else if (strcmp(o, "--exit-zero") == 0) {
			a->exit_zero = true;
		} else if (strcmp(o, "--disable") == 0 && has) {
			if (!push_arg(&a->disable, &a->n_disable, argv[++i]))
				return EXIT_TROUBLE;
		} else if (strcmp(o, "--enable") == 0 && has) {
			if (!push_arg(&a->enable, &a->n_enable, argv[++i]))
				return EXIT_TROUBLE;
		} else if (o[0] == '-' && o[1] == '-') {
			fprintf(stderr, "trustlint lint: unknown option \"%s\"\n%s", o, lint_help);
			return EXIT_TROUBLE;
		} else {
			a->paths[a->n_paths++] = argv[i];
		}
	}
	if (a->n_paths == 0) {
		fprintf(stderr, "trustlint lint: give files or directories to lint (or - for stdin)\n%s",
		        lint_help);
		return EXIT_TROUBLE;
	}
	return -1;
}

/* Command-line settings win over the file's. */
static bool apply_args(lint_config *cfg, const lint_args *a)
{
	size_t i;

	for (i = 0; i < a->n_accounts; i++)
		if (!lint_config_add_account(cfg, a->accounts[i])) {
			fprintf(stderr, "trustlint lint: --account \"%s\" is not a 12-digit account id\n",
			        a->accounts[i]);
			return false;
		}
	for (i = 0; i < a->n_disable; i++)
		if (!lint_config_set(cfg, a->disable[i], LINT_OFF)) {
			fprintf(stderr, "trustlint lint: unknown rule \"%s\"\n", a->disable[i]);
			return false;
		}
	for (i = 0; i < a->n_enable; i++) {
		const rule_def *r = lint_rule_find(a->enable[i]);
		if (!r || !lint_config_set(cfg, a->enable[i], r->severity)) {
			fprintf(stderr, "trustlint lint: unknown rule \"%s\"\n", a->enable[i]);
			return false;
		}
	}
	return true;
}

/* The config for one file: --config, the nearest .trustlint.json, or
 * defaults.  Configs are cached by path: most files share one. */
typedef struct config_cache {
	char *path;
	lint_config *cfg;
} config_cache;

static lint_config *config_for(const lint_args *a, const char *file, config_cache *cache,
                               size_t *n_cache, report *rep, bool *failed)
{
	char dir[4096], err[1024], *path = NULL;
	const char *slash;
	lint_config *cfg;
	size_t i;

	if (a->config) {
		path = strdup(a->config);
	} else if (!a->no_config) {
		slash = strrchr(file, '/');
		snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - file) : 1, slash ? file : ".");
		if (strcmp(file, "-") == 0)
			snprintf(dir, sizeof(dir), ".");
		path = lint_config_find(dir);
	}
	for (i = 0; i < *n_cache; i++)
		if ((!path && !cache[i].path) || (path && cache[i].path && strcmp(path, cache[i].path) == 0)) {
			free(path);
			return cache[i].cfg;
		}
	if (*n_cache == 16) { /* a handful of configs per run is the norm */
		free(path);
		return cache[15].cfg;
	}
	cfg = path ? lint_config_load(path, err, sizeof(err)) : lint_config_default();
	if (!cfg) {
		report_add_error(rep, err);
		*failed = true;
		free(path);
		return NULL;
	}
	if (!apply_args(cfg, a)) {
		*failed = true;
		lint_config_free(cfg);
		free(path);
		return NULL;
	}
	for (i = 0; i < cfg->n_warnings; i++)
		report_add_error(rep, cfg->warnings[i]);
	cache[*n_cache].path = path;
	cache[*n_cache].cfg = cfg;
	(*n_cache)++;
	return cfg;
}

/* Lint one file into the report; returns false on I/O or parse errors. */
static bool lint_one(const char *path, lint_config *cfg, report *rep)
{
	char *text = NULL;
	size_t len;
	tl_error err = {0};
	tl_policy *policy = NULL;
	lint_ctx ctx = {0};
	bool ok = true;
	char msg[600];
	size_t n;

	if (tl_file_read(path, CLI_MAX_FILE, &text, &len, &err) != TL_OK) {
		snprintf(msg, sizeof(msg), "%s: error: %s", path, err.message);
		fprintf(stderr, "%s\n", msg);
		report_add(rep, path, NULL, 0, err.message);
		return false;
	}
	ctx.text = text;
	ctx.text_len = len;
	ctx.options = &cfg->options;
	if (tl_policy_parse(&policy, text, len, NULL, &err) == TL_OK) {
		ctx.policy = policy;
		ctx.doc = tl_policy_document(policy);
	} else {
		ctx.parse_error = &err;
		ok = false;
	}
	lint_run(&ctx, lint_config_enabled(cfg));
	lint_config_org_rules(cfg, &ctx);
	n = lint_config_apply(cfg, path, ctx.findings, ctx.n_findings);
	report_add(rep, path, ctx.findings, n, ok ? NULL : err.message);
	ctx.findings = NULL; /* the report owns them now */
	tl_policy_free(policy);
	free(text);
	return ok;
}

static void report_unused_ignores(config_cache *cache, size_t n, report *rep)
{
	size_t i, j;
	char msg[1024];

	for (i = 0; i < n; i++)
		for (j = 0; j < cache[i].cfg->n_ignores; j++) {
			const finding_ignore *ig = &cache[i].cfg->ignores[j];
			if (ig->used)
				continue;
			snprintf(msg, sizeof(msg), "%s:%u: warning: unused ignore of %s in %s",
			         cache[i].cfg->path ? cache[i].cfg->path : "config", ig->line, ig->rule,
			         ig->file);
			report_add_error(rep, msg);
		}
}

/* https://no-color.org: set and not empty means no colour. */
static bool no_color(void)
{
	const char *v = getenv("NO_COLOR");
	return v && *v;
}

int cmd_lint(int argc, char **argv)
{
	lint_args a = {0};
	file_list files = {0};
	report rep = {0};
	config_cache cache[16];
	size_t n_cache = 0, i;
	bool trouble = false;
	int rc;

	rc = parse_args(&a, argc, argv);
	if (rc >= 0)
		goto done;
	if (walk_paths(&files, a.paths, a.n_paths) < 0)
		trouble = true;
	for (i = 0; i < files.n; i++) {
		lint_config *cfg = config_for(&a, files.paths[i], cache, &n_cache, &rep, &trouble);
		if (!cfg)
			break;
		if (lint_config_ignores_path(cfg, files.paths[i]))
			continue;
		if (!lint_one(files.paths[i], cfg, &rep))
			trouble = true;
	}
	report_unused_ignores(cache, n_cache, &rep);
	report_write(stdout, &rep, a.format,
	             a.format == FORMAT_TEXT && isatty(1) && !no_color());
	if (trouble)
		rc = EXIT_TROUBLE;
	else if (!a.exit_zero && report_count_at_least(&rep, a.fail_on) > 0)
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
done:
	for (i = 0; i < n_cache; i++) {
		free(cache[i].path);
		lint_config_free(cache[i].cfg);
	}
	report_free(&rep);
	file_list_free(&files);
	free(a.paths);
	free(a.accounts);
	free(a.disable);
	free(a.enable);
	return rc;
}
