/*
 * cmd_lint.c - `trustlint lint PATH...`: run the rules over trust
 * policies and report in text, JSON, SARIF or GitHub annotations.
 */
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "config_cache.h"
#include "report.h"
#include "walk.h"

static const char lint_help[] =
	"usage: trustlint lint [OPTIONS] PATH...\n"
	"\n"
	"Lint role trust policies: files, directories (recursively: *.json, *.yaml, *.yml,\n"
	"*.template that hold trust policies) or - for stdin.  Policies are found inside\n"
	"CloudFormation/SAM templates (JSON, YAML), Terraform plans (terraform show -json)\n"
	"and IAM account dumps (get-account-authorization-details, list-roles, get-role).\n"
	"\n"
	"  --format FORMAT   text (default), json, sarif (GitHub code scanning) or github\n"
	"                    (workflow annotations)\n"
	"  --fail-on LEVEL   exit 1 when a finding is at or above error, warning (default) or note\n"
	"  --account ID      an account of the organisation (repeatable): trust from other\n"
	"                    accounts is cross-account\n"
	"  --input-format F auto (default: from the content), policy, cloudformation-json,\n"
	"                    cloudformation-yaml, terraform-plan, account-authorization-details,\n"
	"                    get-role, list-roles\n"
	"  --config FILE     use FILE instead of the nearest .trustlint.json above each file\n"
	"  --no-config       use no config file\n"
	"  --disable RULE    turn a rule off (name or code, repeatable)\n"
	"  --enable RULE     turn a rule on at its default severity (repeatable; of\n"
	"                    --enable and --disable, the last for a rule wins)\n"
	"  --exit-zero       report, but exit 0 unless trustlint itself failed\n"
	"  -j, --jobs N      lint on N threads (default: one per processor)\n"
	"  --policies-only   skip named files that hold no trust policy, as a directory walk\n"
	"                    does (for hooks that pass every changed .json/.yaml file)\n"
	"Every long option also takes its value as --option=VALUE.\n"
	"\n"
	"Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, I/O or\n"
	"parse errors (a file that is not JSON is also reported as a json-syntax finding).\n"
	"A directory with nothing to lint is no error: a note on stderr, exit 0.\n";

typedef struct lint_args {
	report_format format;
	lint_severity fail_on;
	const char *config;
	bool no_config, exit_zero, policies_only;
	unsigned threads; /* 0: one per processor */
	tl_input_format input_format;
	char **accounts;
	size_t n_accounts;
	/* --enable and --disable in command-line order: the last for a rule wins */
	char **toggles;
	bool *toggle_on;
	size_t n_toggles;
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

static bool push_toggle(lint_args *a, char *rule, bool on)
{
	bool *grown = realloc(a->toggle_on, (a->n_toggles + 1) * sizeof(*grown));

	if (!grown)
		return false;
	a->toggle_on = grown;
	grown[a->n_toggles] = on;
	return push_arg(&a->toggles, &a->n_toggles, rule); /* counts the new toggle */
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
		} else if (strcmp(o, "--input-format") == 0 && has) {
			if (!tl_input_format_from(argv[++i], &a->input_format)) {
				fprintf(stderr, "trustlint lint: unknown input format \"%s\" (auto, policy, "
				                "cloudformation-json, cloudformation-yaml, terraform-plan, "
				                "account-authorization-details, get-role, list-roles)\n", argv[i]);
				return EXIT_TROUBLE;
			}
		} else if (strcmp(o, "--config") == 0 && has) {
			a->config = argv[++i];
		} else if (strcmp(o, "--no-config") == 0) {
			a->no_config = true;
		} else if ((strcmp(o, "-j") == 0 || strcmp(o, "--jobs") == 0) && has) {
			char *end;
			unsigned long n = strtoul(argv[++i], &end, 10);
			if (*end || n == 0 || n > 64) {
				fprintf(stderr, "trustlint lint: -j takes a number of threads from 1 to 64\n");
				return EXIT_TROUBLE;
			}
			a->threads = (unsigned)n;
		} else if (strcmp(o, "--policies-only") == 0) {
			a->policies_only = true;
		} else if (strcmp(o, "--exit-zero") == 0) {
			a->exit_zero = true;
		} else if ((strcmp(o, "--disable") == 0 || strcmp(o, "--enable") == 0) && has) {
			if (!push_toggle(a, argv[++i], o[2] == 'e'))
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
	for (i = 0; i < a->n_toggles; i++) {
		const rule_def *r = lint_rule_find(a->toggles[i]);
		if (!r || !lint_config_set(cfg, a->toggles[i], a->toggle_on[i] ? r->severity : LINT_OFF)) {
			fprintf(stderr, "trustlint lint: unknown rule \"%s\"\n", a->toggles[i]);
			return false;
		}
	}
	return true;
}

/* The config for one file: --config, the nearest .trustlint.json, or
 * defaults.  Configs are cached by path: most files share one. */
static lint_config *config_for(const lint_args *a, const char *file, config_cache *cache,
                               report *rep, bool *failed)
{
	char dir[4096], err[1024], *path = NULL;
	const char *slash;
	lint_config *cfg;
	size_t i;

	if (a->config) {
		path = strdup(a->config);
		if (!path)
			goto oom;
	} else if (!a->no_config) {
		slash = strrchr(file, '/');
		snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - file) : 1, slash ? file : ".");
		if (strcmp(file, "-") == 0)
			snprintf(dir, sizeof(dir), ".");
		path = lint_config_find(dir);
	}
	cfg = config_cache_find(cache, path);
	if (cfg) {
		free(path);
		return cfg;
	}
	cfg = path ? lint_config_load(path, err, sizeof(err)) : lint_config_default();
	if (!cfg) {
		report_add_note(rep, path, LINT_ERROR, path ? err : "error: out of memory");
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
	if (!config_cache_add(cache, path, cfg)) {
		lint_config_free(cfg);
		free(path);
		goto oom;
	}
	for (i = 0; i < cfg->n_warnings; i++)
		report_add_note(rep, cfg->path, LINT_WARNING, cfg->warnings[i]);
	return cfg;
oom:
	report_add_note(rep, NULL, LINT_ERROR, "trustlint lint: error: out of memory");
	*failed = true;
	return NULL;
}

/* A file met in a directory walk is linted only when it holds trust
 * policies: a container with roles, or a document with a Statement. */
static bool worth_linting(const tl_source *src, const char *text)
{
	if (tl_source_format(src) != TL_INPUT_POLICY)
		return tl_source_role_count(src) > 0 || tl_source_note_count(src) > 0;
	return strstr(text, "\"Statement\"") != NULL;
}

/*
 * Findings of a policy that was a JSON string inside the file (Terraform
 * plans, URL-encoded account dumps) point at that string.
 */
static void place(lint_ctx *ctx, const tl_role *role)
{
	size_t i;

	for (i = 0; i < ctx->n_findings; i++)
		if (role->embedded_string) {
			ctx->findings[i].line = role->line;
			ctx->findings[i].column = role->column;
		}
}

/* Every finding names the role it belongs to, and the Fn::If branch choice
 * when only some choices have it ("role R [Prod=true]: ..."). */
static void name_finding(lint_finding *f, const char *role, const char *variant)
{
	size_t n;
	char *m;

	if (!role && !variant)
		return;
	n = (role ? strlen(role) : 0) + (variant ? strlen(variant) : 0) + strlen(f->message) + 24;
	m = malloc(n);
	if (!m)
		return;
	if (role && variant)
		snprintf(m, n, "role %s [%s]: %s", role, variant, f->message);
	else if (role)
		snprintf(m, n, "role %s: %s", role, f->message);
	else
		snprintf(m, n, "with %s: %s", variant, f->message);
	free(f->message);
	f->message = m;
}

/* Lint one role's policy; findings are appended to *all. */
static bool lint_role(const tl_role *role, lint_config *cfg, const char *path, lint_finding **all,
                      size_t *n_all, char **error)
{
	lint_ctx ctx = {0};
	lint_finding *grown;

	ctx.text = role->text ? role->text : "";
	ctx.text_len = role->len;
	ctx.options = &cfg->options;
	ctx.role_account = role->account[0] ? role->account : NULL;
	/* a repeated key is a finding (TL102), not unreadable input (PEERS.md
	 * 4.4: exit 2 only for broken JSON): lint its last-wins reading */
	ctx.policy = role->policy ? role->policy : role->last_wins;
	ctx.doc = ctx.policy ? tl_policy_document(ctx.policy) : NULL;
	ctx.parse_error = role->policy ? NULL : &role->error;
	lint_run(&ctx, cfg->enabled);
	lint_config_org_rules(cfg, &ctx);
	ctx.n_findings = lint_config_apply(cfg, path, ctx.findings, ctx.n_findings);
	place(&ctx, role);
	grown = realloc(*all, (*n_all + ctx.n_findings + 1) * sizeof(*grown));
	if (grown) {
		if (ctx.n_findings)
			memcpy(grown + *n_all, ctx.findings, ctx.n_findings * sizeof(*grown));
		*all = grown;
		*n_all += ctx.n_findings;
		ctx.n_findings = 0;
	}
	lint_ctx_release(&ctx);
	if (!ctx.policy && !*error)
		*error = strdup(role->error.message);
	return ctx.policy != NULL;
}

/* One file's work and result; workers fill results, the main thread prints. */
typedef struct job {
	const char *path;
	bool named;
	lint_config *cfg;
	lint_finding *findings;
	size_t n;
	char *error;
	char **notes; /* the input layer's notes, as located lines */
	size_t n_notes;
	bool ok, skipped;
	size_t file; /* its index in the walked file list */
} job;

/* What the reader could not lint (a policy unknown until apply), as a
 * located note line beside the findings. */
static void keep_notes(job *j, const tl_source *src)
{
	size_t i, n = tl_source_note_count(src);

	j->notes = n ? calloc(n, sizeof(*j->notes)) : NULL;
	for (i = 0; j->notes && i < n; i++) {
		const tl_input_note *note = tl_source_note(src, i);
		size_t len = strlen(j->path) + strlen(note->message) + 48;
		char *line = malloc(len);
		if (!line)
			break;
		snprintf(line, len, "%s:%u:%u: note: %s", j->path, note->line, note->column,
		         note->message);
		j->notes[j->n_notes++] = line;
	}
}

/* Variants of one document: consecutive roles sharing the first's name. */
static size_t variant_group_end(const tl_source *src, size_t i)
{
	const tl_role *first = tl_source_role(src, i);
	size_t end = i + 1, n = tl_source_role_count(src);

	while (first->variant && end < n && tl_source_role(src, end)->variant &&
	       tl_source_role(src, end)->name == first->name &&
	       tl_source_role(src, end)->line == first->line &&
	       tl_source_role(src, end)->column == first->column)
		end++;
	return end;
}

typedef struct variant_finding {
	lint_finding f;
	size_t variant;
} variant_finding;

static int same_finding_cmp(const variant_finding *x, const variant_finding *y)
{
	if (x->f.rule->code != y->f.rule->code)
		return x->f.rule->code < y->f.rule->code ? -1 : 1;
	if (x->f.line != y->f.line)
		return x->f.line < y->f.line ? -1 : 1;
	if (x->f.column != y->f.column)
		return x->f.column < y->f.column ? -1 : 1;
	return strcmp(x->f.message, y->f.message);
}

static int variant_finding_cmp(const void *a, const void *b)
{
	const variant_finding *x = a, *y = b;
	int c = same_finding_cmp(x, y);

	return c ? c : (x->variant > y->variant) - (x->variant < y->variant);
}

/* Split "A=true, B=false" into its parts (at most `max`). */
static size_t choice_parts(const char *label, const char **part, size_t *len, size_t max)
{
	size_t n = 0;

	while (*label && n < max) {
		const char *end = strstr(label, ", ");
		part[n] = label;
		len[n] = end ? (size_t)(end - label) : strlen(label);
		n++;
		label += len[n - 1] + (end ? 2 : 0);
	}
	return n;
}

/*
 * The branch choice of findings that only some variants have: the parts
 * every one of them agrees on ("C1=true" when C2..C4 do not matter), or
 * the first variant's whole choice when they agree on none.
 */
static char *common_choice(const tl_source *src, size_t first, const variant_finding *run, size_t n)
{
	const char *part[8], *other[8], *label = tl_source_role(src, first + run[0].variant)->variant;
	size_t len[8], olen[8], np = choice_parts(label, part, len, 8), i, k, out_len = 0;
	bool keep[8];
	char *out = malloc(strlen(label) + 1);

	if (!out)
		return NULL;
	for (k = 0; k < np; k++)
		keep[k] = true;
	for (i = 1; i < n; i++) {
		size_t no = choice_parts(tl_source_role(src, first + run[i].variant)->variant, other, olen, 8);
		for (k = 0; k < np; k++)
			keep[k] = keep[k] && k < no && olen[k] == len[k] && memcmp(other[k], part[k], len[k]) == 0;
	}
	for (k = 0; k < np; k++)
		if (keep[k]) {
			if (out_len) {
				memcpy(out + out_len, ", ", 2);
				out_len += 2;
			}
			memcpy(out + out_len, part[k], len[k]);
			out_len += len[k];
		}
	if (!out_len) {
		free(out);
		return strdup(label);
	}
	out[out_len] = '\0';
	return out;
}

/*
 * Lint each Fn::If variant of one document and keep each finding once
 * (same rule, place and message): named with the role alone when every
 * variant has it, else with the first choice that has it.
 */
static bool lint_variants(const tl_source *src, size_t first, size_t end, job *j)
{
	variant_finding *all = NULL;
	lint_finding *grown;
	size_t n_all = 0, v, i, k, kept = 0;
	bool ok = true;

	for (v = first; v < end; v++) {
		lint_finding *fs = NULL;
		size_t n = 0;
		variant_finding *more;
		ok &= lint_role(tl_source_role(src, v), j->cfg, j->path, &fs, &n, &j->error);
		more = realloc(all, (n_all + n + 1) * sizeof(*more));
		if (!more) {
			/* out of memory: what is lost must fail the run, never pass it */
			for (i = 0; i < n; i++) {
				free(fs[i].pointer);
				free(fs[i].message);
				free(fs[i].fix);
			}
			free(fs);
			ok = false;
			break;
		}
		all = more;
		for (i = 0; i < n; i++)
			all[n_all++] = (variant_finding){fs[i], v - first};
		free(fs);
	}
	if (all)
		qsort(all, n_all, sizeof(*all), variant_finding_cmp);
	for (i = 0; i < n_all; i = k) {
		size_t distinct = 1;
		char *choice = NULL;
		for (k = i + 1; k < n_all && same_finding_cmp(&all[i], &all[k]) == 0; k++)
			distinct += all[k].variant != all[k - 1].variant;
		if (distinct < end - first)
			choice = common_choice(src, first, all + i, k - i);
		for (v = i + 1; v < k; v++) {
			free(all[v].f.pointer);
			free(all[v].f.message);
			free(all[v].f.fix);
		}
		name_finding(&all[i].f, tl_source_role(src, first)->name, choice);
		free(choice);
		all[kept++].f = all[i].f;
	}
	grown = realloc(j->findings, (j->n + kept + 1) * sizeof(*grown));
	if (grown) {
		for (i = 0; i < kept; i++)
			grown[j->n + i] = all[i].f;
		qsort(grown + j->n, kept, sizeof(*grown), lint_finding_cmp);
		j->findings = grown;
		j->n += kept;
	} else {
		for (i = 0; i < kept; i++) {
			free(all[i].f.pointer);
			free(all[i].f.message);
			free(all[i].f.fix);
		}
		ok = false;
	}
	free(all);
	return ok;
}

/* Lint one file into its job; job->ok is false on I/O or parse errors.
 * Only this file's text and policies are in memory meanwhile. */
static void lint_one(job *j, tl_input_format format)
{
	char *text = NULL;
	size_t len, i, end;
	tl_error err = {0};
	tl_source *src = NULL;

	j->ok = true;
	if (tl_file_read(j->path, CLI_MAX_FILE, &text, &len, &err) != TL_OK) {
		j->error = strdup(err.message);
		j->ok = false;
		return;
	}
	if (tl_source_load(&src, text, len, format, NULL, &err) != TL_OK) {
		/* an unreadable container (a YAML syntax error, say) is a finding too,
		 * at its position: lint it as a role whose document failed */
		tl_role broken = {.text = text, .len = len, .error = err, .line = err.line,
		                  .column = err.column};
		lint_role(&broken, j->cfg, j->path, &j->findings, &j->n, &j->error);
		j->ok = false;
		free(text);
		return;
	}
	if (!j->named && !worth_linting(src, text)) {
		j->skipped = true;
	} else {
		keep_notes(j, src);
		for (i = 0; i < tl_source_role_count(src); i = end) {
			end = variant_group_end(src, i);
			j->ok &= lint_variants(src, i, end, j);
		}
	}
	tl_source_free(src);
	free(text);
}

typedef struct pool {
	job *jobs;
	size_t n, next;
	tl_input_format format;
} pool;

static void *worker(void *arg)
{
	pool *p = arg;
	size_t i;

	while ((i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED)) < p->n)
		lint_one(&p->jobs[i], p->format);
	return NULL;
}

/* Files are independent: lint them on `threads` threads (rules keep no
 * state of their own; configs are final and read-only by now). */
static void run_jobs(job *jobs, size_t n, tl_input_format format, unsigned threads)
{
	pool p = {jobs, n, 0, format};
	pthread_t tid[64];
	unsigned t, started = 0;

	if (threads > 64)
		threads = 64;
	if (threads > n)
		threads = (unsigned)n;
	for (t = 1; t < threads; t++)
		if (pthread_create(&tid[started], NULL, worker, &p) == 0)
			started++;
	worker(&p);
	for (t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/*
 * An ignore is unused when its glob matched a file linted in this run and
 * its rule found nothing there to silence.  Ignores of files outside this
 * run say nothing (a hook lints only the changed files).  Ignores of rules
 * that do not exist fail when the config loads.
 */
static void report_unused_ignores(const config_cache *cache, report *rep)
{
	size_t i, j;
	char msg[1024];

	for (i = 0; i < cache->n; i++) {
		const lint_config *cfg = cache->entries[i].cfg;
		for (j = 0; j < cfg->n_ignores; j++) {
			const finding_ignore *ig = &cfg->ignores[j];
			if (ig->used || !ig->matched)
				continue;
			snprintf(msg, sizeof(msg), "%s:%u: warning: unused ignore of %s in %s",
			         cfg->path ? cfg->path : "config", ig->line, ig->rule, ig->file);
			report_add_note(rep, cfg->path, LINT_WARNING, msg);
		}
	}
}

/*
 * The severity each rule has in this run, for SARIF's rule descriptions:
 * what every config gives it, the highest when they differ, LINT_OFF when
 * every config turns it off.
 */
static lint_severity *effective_levels(const config_cache *cache)
{
	lint_severity *levels;
	size_t i, k;

	if (cache->n == 0)
		return NULL;
	levels = malloc(lint_rule_count * sizeof(*levels));
	if (!levels)
		return NULL;
	for (k = 0; k < lint_rule_count; k++) {
		levels[k] = LINT_OFF;
		for (i = 0; i < cache->n; i++) {
			lint_severity s = cache->entries[i].cfg->severity[k];
			if (s != LINT_OFF && (levels[k] == LINT_OFF || s > levels[k]))
				levels[k] = s;
		}
	}
	return levels;
}

/* An unreadable path is reported as a file that could not be read. */
static void walk_error(void *arg, const char *path, const char *message)
{
	report_add(arg, path, NULL, 0, message);
}

static bool is_dir(const char *path)
{
	struct stat sb;

	return strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* https://no-color.org: set and not empty means no colour. */
static bool no_color(void)
{
	const char *v = getenv("NO_COLOR");
	return v && *v;
}

/*
 * One job per file that its config does not ignore, with that config.
 * Configs are loaded first, on this thread: they are cached and then
 * read-only.  False when a broken config stops the run (fix it first).
 */
static bool plan_jobs(const lint_args *a, const file_list *files, config_cache *cache,
                      report *rep, job *jobs, size_t *n_jobs, bool *trouble)
{
	size_t i;

	for (i = 0; i < files->n; i++) {
		lint_config *cfg = config_for(a, files->paths[i], cache, rep, trouble);
		if (!cfg)
			return false;
		if (lint_config_ignores_path(cfg, files->paths[i]))
			continue;
		lint_config_enabled(cfg);
		jobs[(*n_jobs)++] = (job){.path = files->paths[i],
		                          .named = files->named[i] && !a->policies_only,
		                          .cfg = cfg, .file = i};
	}
	return true;
}

/* A finished job into the report (and its memory released); false when
 * trustlint could not do it. */
static bool take_result(job *j, report *rep, bool *linted)
{
	size_t n;

	if (!j->skipped) {
		report_add(rep, j->path, j->findings, j->n, j->error);
		lint_config_mark_linted(j->cfg, j->path);
		linted[j->file] = true;
	} else {
		free(j->findings);
	}
	/* notes, not errors: they leave the exit status alone */
	for (n = 0; n < j->n_notes; n++) {
		report_add_note(rep, j->path, LINT_NOTE, j->notes[n]);
		free(j->notes[n]);
	}
	free(j->notes);
	free(j->error);
	return j->ok;
}

/* A directory argument that gave no file to lint gets a note on stderr
 * (no error: a repository without trust policies is fine). */
static void note_empty_dirs(const lint_args *a, const size_t *first_file, const bool *linted,
                            const bool *unwalked)
{
	size_t i, k;

	for (k = 0; k < (size_t)a->n_paths; k++) {
		bool any = false;
		for (i = first_file[k]; i < first_file[k + 1] && !any; i++)
			any = linted[i];
		/* a walk that failed said why; "nothing to lint" would contradict it */
		if (!any && !unwalked[k] && is_dir(a->paths[k]))
			fprintf(stderr, "trustlint lint: note: nothing to lint in %s (no *.json, *.yaml, "
			                "*.yml or *.template file holding a trust policy)\n", a->paths[k]);
	}
}

int lint_collect(int argc, char **argv, lint_outcome *out)
{
	lint_args a = {0};
	file_list files = {0};
	report *rep = &out->rep;
	config_cache cache = {0};
	job *jobs = NULL;
	size_t *first_file = NULL, n_jobs = 0, i, k;
	bool trouble = false, stopped = false, *linted = NULL, *unwalked = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = parse_args(&a, argc, argv);
	if (rc >= 0)
		goto done;
	out->format = a.format;
	out->fail_on = a.fail_on;
	out->exit_zero = a.exit_zero;
	/* path by path, to know which files each directory argument gave */
	first_file = calloc((size_t)a.n_paths + 1, sizeof(*first_file));
	unwalked = calloc((size_t)a.n_paths + 1, sizeof(*unwalked));
	if (!first_file || !unwalked) {
		rc = EXIT_TROUBLE;
		goto done;
	}
	for (k = 0; k < (size_t)a.n_paths; k++) {
		first_file[k] = files.n;
		if (walk_paths_to(&files, &a.paths[k], 1, walk_error, rep) < 0)
			trouble = unwalked[k] = true;
	}
	first_file[k] = files.n;
	jobs = calloc(files.n ? files.n : 1, sizeof(*jobs));
	linted = calloc(files.n ? files.n : 1, sizeof(*linted));
	if (!jobs || !linted) {
		rc = EXIT_TROUBLE;
		goto done;
	}
	stopped = !plan_jobs(&a, &files, &cache, rep, jobs, &n_jobs, &trouble);
	run_jobs(jobs, n_jobs, a.input_format, a.threads ? a.threads : default_threads());
	for (i = 0; i < n_jobs; i++)
		trouble = !take_result(&jobs[i], rep, linted) || trouble;
	if (!stopped)
		note_empty_dirs(&a, first_file, linted, unwalked);
	report_unused_ignores(&cache, rep);
	rep->rule_levels = effective_levels(&cache);
	rep->failed = trouble;
	out->ran = true;
	if (trouble)
		rc = EXIT_TROUBLE;
	else if (!a.exit_zero && report_count_at_least(rep, a.fail_on) > 0)
		rc = EXIT_FINDINGS;
	else
		rc = EXIT_CLEAN;
done:
	config_cache_free(&cache);
	free(jobs);
	free(linted);
	free(first_file);
	free(unwalked);
	file_list_free(&files);
	free(a.paths);
	free(a.accounts);
	free(a.toggles);
	free(a.toggle_on);
	return rc;
}

bool lint_colour(report_format format)
{
	return format == FORMAT_TEXT && isatty(1) && !no_color();
}

int cmd_lint(int argc, char **argv)
{
	lint_outcome o;
	int rc = lint_collect(argc, argv, &o);

	if (o.ran)
		report_write(stdout, &o.rep, o.format, lint_colour(o.format));
	report_free(&o.rep);
	return rc;
}
