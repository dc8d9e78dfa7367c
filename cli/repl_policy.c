/*
 * repl_policy.c - the simulate REPL's policy side: load a file of one or
 * more roles, select a role, show it with its lint findings, lint it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "lint.h"
#include "report.h"
#include "repl_session.h"

const tl_role *repl_selected_role(const repl_session *s)
{
	return s->src && s->role >= 0 ? tl_source_role(s->src, (size_t)s->role) : NULL;
}

const tl_policy *repl_policy(const repl_session *s)
{
	const tl_role *r = repl_selected_role(s);
	return r ? r->policy : NULL;
}

static const char *role_name(const tl_role *r)
{
	return r->name ? r->name : "(the policy)";
}

/* The first Fn::If choice of role `name`, as `role` takes it: "Prod=true". */
static const char *first_variant(const tl_source *src, const char *name)
{
	static char buf[256];
	size_t i, j = 0, n = tl_source_role_count(src);
	const char *v = NULL;

	for (i = 0; i < n && !v; i++) {
		const tl_role *r = tl_source_role(src, i);
		if (r->name && strcmp(r->name, name) == 0)
			v = r->variant;
	}
	for (i = 0; v && v[i] && j + 1 < sizeof(buf); i++)
		if (v[i] != ',')
			buf[j++] = v[i];
	buf[j] = '\0';
	return buf;
}

/* A role's parse error, located in the file: a policy that was a JSON
 * string in the file has positions inside that string, so say both. */
static int role_error(repl_session *s, const char *path, const tl_role *r)
{
	const tl_error *e = &r->error;

	if (r->embedded_string)
		return repl_error(s, "%s:%u:%u: %s%s%s%s (at %u:%u of the policy string)", path,
		                  r->line, r->column, r->name ? "role " : "",
		                  r->name ? r->name : "", r->name ? ": " : "", e->message, e->line,
		                  e->column);
	if (e->line)
		return repl_error(s, "%s:%u:%u: %s%s%s%s", path, e->line, e->column,
		                  r->name ? "role " : "", r->name ? r->name : "",
		                  r->name ? ": " : "", e->message);
	return repl_error(s, "%s: %s%s%s%s", path, r->name ? "role " : "", r->name ? r->name : "",
	                  r->name ? ": " : "", e->message);
}

/* IAM would refuse the policy: say where, once per problem, and go on
 * (the REPL is for asking "what if", also of a broken policy). */
static void warn_hard_problems(const repl_session *s, const char *path, const tl_role *r)
{
	const tl_document *doc = tl_policy_document(r->policy);
	size_t i;

	for (i = 0; i < doc->n_problems; i++) {
		const tl_problem *p = &doc->problems[i];
		if (p->hard)
			repl_warning(
			    s, "%s:%u:%u: IAM would refuse this policy: %s (eval decides it anyway)",
			    path, r->embedded_string ? r->line : p->loc.line,
			    r->embedded_string ? r->column : p->loc.column, p->message);
	}
}

/* Only for roles whose policy parsed. */
static size_t statement_count(const tl_role *r)
{
	return tl_policy_document(r->policy)->n_statements;
}

/* One line per role, * on the selected one, and why a role cannot be picked. */
static void print_roles(const repl_session *s)
{
	size_t i, n = tl_source_role_count(s->src);

	for (i = 0; i < n; i++) {
		const tl_role *r = tl_source_role(s->src, i);
		printf("  %c %s", (long)i == s->role ? '*' : ' ', role_name(r));
		if (r->variant)
			printf(" [%s]", r->variant);
		if (r->arn)
			printf("  %s", r->arn);
		printf("  (line %u", r->line);
		if (r->policy)
			printf(", %zu statement%s)\n", statement_count(r),
			       statement_count(r) == 1 ? "" : "s");
		else
			printf("): does not parse: %s\n", r->error.message);
	}
}

/* The lint config `trustlint lint FILE` would use: the nearest
 * .trustlint.json above FILE, else the defaults. */
static lint_config *config_for(repl_session *s, const char *path)
{
	char dir[4096], err[1024], *cfg_path;
	const char *slash = strrchr(path, '/');
	lint_config *cfg;
	size_t i;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
	if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	cfg_path = lint_config_find(dir);
	if (!cfg_path)
		cfg = lint_config_default();
	else
		cfg = lint_config_load(cfg_path, err, sizeof(err));
	if (!cfg && cfg_path) {
		/* lint's message is "FILE:L:C: error: ...": one "error:" is enough */
		char *dup = strstr(err, ": error: ");
		if (dup)
			memmove(dup + 2, dup + 9, strlen(dup + 9) + 1);
		repl_error(s, "%s", err);
	} else if (!cfg) {
		repl_error(s, "out of memory");
	}
	free(cfg_path);
	if (!cfg)
		return NULL;
	for (i = 0; i < cfg->n_warnings; i++)
		repl_warning(s, "%s", cfg->warnings[i]);
	return cfg;
}

/* Forget the loaded file, if any. */
static void drop_policy(repl_session *s)
{
	tl_trace_free(s->trace);
	tl_source_free(s->src);
	lint_config_free(s->cfg);
	free(s->file);
	s->trace = NULL;
	s->src = NULL;
	s->cfg = NULL;
	s->file = NULL;
	s->role = -1;
}

void repl_session_free(repl_session *s)
{
	drop_policy(s);
	repl_forget_action_copies(s);
	tl_request_free(s->req);
	s->req = NULL;
}

/*
 * Load into temporaries and swap only when everything worked, so a
 * failed load keeps the old policy.  A lone role is selected at once.
 */
int repl_load(repl_session *s, const char *path)
{
	char *text = NULL, *file = NULL;
	size_t len, n;
	tl_error e = {0};
	tl_source *src = NULL;
	lint_config *cfg = NULL;
	tl_trace *trace = NULL;
	const tl_role *r = NULL;
	int rc = -1;

	if (strcmp(path, "-") == 0)
		return repl_error(
		    s, "load reads a file, not standard input (the commands come from it)");
	if (tl_file_read(path, CLI_MAX_FILE, &text, &len, &e) != TL_OK) {
		repl_error(s, "%s", e.message);
		goto done;
	}
	if (tl_source_load(&src, text, len, TL_INPUT_AUTO, NULL, &e) != TL_OK) {
		if (e.line)
			repl_error(s, "%s:%u:%u: %s", path, e.line, e.column, e.message);
		else
			repl_error(s, "%s: %s", path, e.message);
		goto done;
	}
	n = tl_source_role_count(src);
	if (n == 0) {
		repl_error(s, "%s: no role trust policy in this %s", path,
		           tl_input_format_name(tl_source_format(src)));
		goto done;
	}
	if (n == 1) {
		r = tl_source_role(src, 0);
		if (!r->policy) {
			role_error(s, path, r);
			goto done;
		}
		trace = tl_trace_new(r->policy);
		if (!trace) {
			repl_error(s, "out of memory");
			goto done;
		}
	}
	cfg = config_for(s, path);
	file = strdup(path);
	if (!cfg || !file) {
		if (cfg)
			repl_error(s, "out of memory");
		goto done;
	}
	drop_policy(s);
	s->file = file;
	s->src = src;
	s->cfg = cfg;
	s->trace = trace;
	s->role = n == 1 ? 0 : -1;
	s->changes++;
	file = NULL;
	src = NULL;
	cfg = NULL;
	trace = NULL;
	printf("loaded %s (%s): ", s->file, tl_input_format_name(tl_source_format(s->src)));
	if (n > 1) {
		printf("%zu roles; pick one with: role NAME\n", n);
		print_roles(s);
	} else {
		if (r->name)
			printf("role %s, ", r->name);
		printf("%zu statement%s\n", statement_count(r), statement_count(r) == 1 ? "" : "s");
		warn_hard_problems(s, s->file, r);
	}
	rc = 0;
done:
	free(text);
	free(file);
	tl_source_free(src);
	lint_config_free(cfg);
	tl_trace_free(trace);
	return rc;
}

int repl_cmd_load(repl_session *s, int argc, char **argv)
{
	(void)argc;
	return repl_load(s, argv[1]);
}

/* Does a variant label ("Prod=true, Dev=false") include every choice? */
static bool variant_has(const char *variant, int n_choices, char **choices)
{
	int k;

	for (k = 0; k < n_choices; k++) {
		const char *at = variant ? strstr(variant, choices[k]) : NULL;
		size_t len = strlen(choices[k]);
		if (!at || (at != variant && at[-1] != ' ') || (at[len] != '\0' && at[len] != ','))
			return false;
	}
	return true;
}

/*
 * By name or ARN (dumps name roles, templates give logical ids), and for
 * a role the inputs split by Fn::If, by its choices: `role Ops Prod=true`.
 * -1: none; -2: several variants match (the caller lists them).
 */
static long find_role(const tl_source *src, const char *name, int n_choices, char **choices)
{
	size_t i, n = tl_source_role_count(src);
	long found = -1;

	for (i = 0; i < n; i++) {
		const tl_role *r = tl_source_role(src, i);
		if (!((r->name && strcmp(r->name, name) == 0) || (r->arn && strcmp(r->arn, name) == 0)))
			continue;
		if (!variant_has(r->variant, n_choices, choices))
			continue;
		if (found >= 0)
			return -2;
		found = (long)i;
	}
	return found;
}

/* The trace is sized for one policy, so it is rebuilt with the selection. */
int repl_cmd_role(repl_session *s, int argc, char **argv)
{
	const tl_role *r;
	tl_trace *trace;
	long i;

	if (!s->src)
		return repl_error(s, "no file loaded (load FILE)");
	if (argc == 1) {
		print_roles(s);
		return 0;
	}
	i = find_role(s->src, argv[1], argc - 2, argv + 2);
	if (i == -2)
		return repl_error(s, "role %s has one policy per Fn::If choice: name the choice too, "
		                     "e.g. role %s %s (role lists them)", argv[1], argv[1],
		                  first_variant(s->src, argv[1]));
	if (i < 0)
		return repl_error(s, "no role \"%s\"%s in %s (role lists them)", argv[1],
		                  argc > 2 ? " with those Fn::If choices" : "", s->file);
	r = tl_source_role(s->src, (size_t)i);
	if (!r->policy)
		return role_error(s, s->file, r);
	trace = tl_trace_new(r->policy);
	if (!trace)
		return repl_error(s, "out of memory");
	tl_trace_free(s->trace);
	s->trace = trace;
	s->role = i;
	s->changes++;
	printf("role %s%s%s%s: %zu statement%s\n", role_name(r), r->variant ? " [" : "",
	       r->variant ? r->variant : "", r->variant ? "]" : "", statement_count(r),
	       statement_count(r) == 1 ? "" : "s");
	warn_hard_problems(s, s->file, r);
	return 0;
}

/* The selected role, or an error saying what is missing. */
static const tl_role *need_role(repl_session *s)
{
	const tl_role *r = repl_selected_role(s);

	if (r)
		return r;
	if (!s->src)
		repl_error(s, "no policy loaded (load FILE)");
	else
		repl_error(s, "%s holds %zu roles: pick one with: role NAME", s->file,
		           tl_source_role_count(s->src));
	return NULL;
}

const tl_policy *repl_need_policy(repl_session *s)
{
	const tl_role *r = need_role(s);
	return r ? r->policy : NULL;
}

/* Lint the selected role as `trustlint lint` would; the caller releases
 * ctx.  A policy that was a JSON string points its findings at the string. */
static void lint_role(const repl_session *s, const tl_role *r, lint_ctx *ctx)
{
	size_t i;

	memset(ctx, 0, sizeof(*ctx));
	ctx->text = r->text ? r->text : "";
	ctx->text_len = r->len;
	ctx->options = &s->cfg->options;
	ctx->role_account = r->account[0] ? r->account : NULL;
	ctx->policy = r->policy;
	ctx->doc = tl_policy_document(r->policy);
	lint_run(ctx, lint_config_enabled(s->cfg));
	lint_config_org_rules(s->cfg, ctx);
	ctx->n_findings = lint_config_apply(s->cfg, s->file, ctx->findings, ctx->n_findings);
	for (i = 0; r->embedded_string && i < ctx->n_findings; i++) {
		ctx->findings[i].line = r->line;
		ctx->findings[i].column = r->column;
	}
}

/* Through report_write, so the lines are exactly those of `trustlint lint`. */
int repl_cmd_lint_policy(repl_session *s, int argc, char **argv)
{
	const tl_role *r = need_role(s);
	report rep = {0};
	lint_ctx ctx;

	(void)argc;
	(void)argv;
	if (!r)
		return -1;
	lint_role(s, r, &ctx);
	if (ctx.out_of_memory) {
		lint_ctx_release(&ctx);
		return repl_error(s, "out of memory");
	}
	if (ctx.n_findings == 0) {
		lint_ctx_release(&ctx);
		printf("no findings\n");
		return 0;
	}
	if (!report_add(&rep, s->file, ctx.findings, ctx.n_findings, NULL) && rep.n == 0) {
		lint_ctx_release(&ctx);
		return repl_error(s, "out of memory");
	}
	ctx.findings = NULL; /* the report owns them now */
	report_write(stdout, &rep, FORMAT_TEXT, s->colour);
	report_free(&rep);
	return 0;
}

/* Which statement a JSON Pointer is in: /Statement/N/..., or /Statement/...
 * when Statement is a lone object; -1 for the document itself. */
static long statement_of(const tl_document *doc, const char *pointer)
{
	static const char prefix[] = "/Statement";
	const char *p = pointer;
	long n = 0;

	if (strncmp(p, prefix, sizeof(prefix) - 1) != 0)
		return -1;
	p += sizeof(prefix) - 1;
	if (*p && *p != '/')
		return -1;
	if (!doc->statement_is_array)
		return doc->n_statements ? 0 : -1;
	if (*p++ != '/' || *p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && n < 1000000)
		n = n * 10 + (*p++ - '0');
	return (*p == '\0' || *p == '/') && (size_t)n < doc->n_statements ? n : -1;
}

/* The findings whose pointer falls in statement `stmt` (-1: the document). */
static void show_findings(const lint_ctx *ctx, long stmt, const char *indent)
{
	size_t i;

	for (i = 0; i < ctx->n_findings; i++) {
		const lint_finding *f = &ctx->findings[i];
		if (statement_of(ctx->doc, f->pointer) != stmt)
			continue;
		printf("%s! %u:%u: %s: %s [TL%d %s]\n", indent, f->line, f->column,
		       lint_severity_name(f->severity), f->message, f->rule->code, f->rule->name);
	}
}

/* One value bare, several (or a written array) in brackets. */
static void show_values(const tl_value *v, size_t n, bool array)
{
	size_t i;

	if (array || n != 1)
		fputc('[', stdout);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", v[i].text);
	if (array || n != 1)
		fputc(']', stdout);
}

/* `line` is where the statement is in the file: the policy string's own
 * line for a policy that was a JSON string. */
static void show_statement(const tl_statement *st, unsigned line, const lint_ctx *ctx)
{
	size_t i;

	printf("  [%zu] %s", st->index,
	       st->effect == TL_EFFECT_ALLOW  ? "Allow"
	       : st->effect == TL_EFFECT_DENY ? "Deny"
	       : st->effect_value             ? st->effect_value->text
	                                      : "(no Effect)");
	if (st->sid)
		printf(" \"%s\"", st->sid->text);
	printf("  (line %u)\n", line);
	if (st->has_principal) {
		printf("      %s:", st->not_principal ? "NotPrincipal" : "Principal");
		for (i = 0; i < st->n_principals; i++) {
			const tl_principal *p = &st->principals[i];
			if (p->type == TL_PRINCIPAL_STAR)
				printf("%s *", i ? "," : "");
			else
				printf("%s %s %s", i ? "," : "", tl_principal_type_name(p->type),
				       p->value.text);
		}
		fputc('\n', stdout);
	}
	if (st->has_action) {
		printf("      %s: ", st->not_action ? "NotAction" : "Action");
		show_values(st->actions, st->n_actions, false);
		fputc('\n', stdout);
	}
	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		printf("      Condition: %s %s = ", c->operator_text.text, c->key.text);
		show_values(c->values, c->n_values, c->values_array && c->n_values != 1);
		fputc('\n', stdout);
	}
	show_findings(ctx, (long)st->index, "      ");
}

/* Lint runs afresh each time: it is cheap, and the findings need no cache
 * to go stale.  A file of several roles with none picked shows what it
 * holds: that is what `show` can say, and picking is the next step. */
int repl_cmd_show(repl_session *s, int argc, char **argv)
{
	const tl_role *r;
	const tl_document *doc;
	lint_ctx ctx;
	size_t i;

	(void)argc;
	(void)argv;
	if (s->src && s->role < 0) {
		printf("%s (%s): %zu roles, none picked; pick one with `role NAME` (a name or an "
		       "ARN below), then `show` prints its statements\n",
		       s->file, tl_input_format_name(tl_source_format(s->src)),
		       tl_source_role_count(s->src));
		print_roles(s);
		return 0;
	}
	r = need_role(s);
	if (!r)
		return -1;
	doc = tl_policy_document(r->policy);
	lint_role(s, r, &ctx);
	printf("%s", s->file);
	if (r->name)
		printf(" role %s", r->name);
	printf(": Version %s, %zu statement%s, %zu lint finding%s\n",
	       doc->version ? doc->version->text : "(none)", doc->n_statements,
	       doc->n_statements == 1 ? "" : "s", ctx.n_findings, ctx.n_findings == 1 ? "" : "s");
	show_findings(&ctx, -1, "  ");
	for (i = 0; i < doc->n_statements; i++)
		show_statement(&doc->statements[i],
		               r->embedded_string ? r->line : doc->statements[i].loc.line, &ctx);
	lint_ctx_release(&ctx);
	return 0;
}

/* Add the condition keys of one policy to `keys`, skipping repeats. */
static void collect_keys(const tl_policy *p, const char ***keys, size_t *n, size_t *cap)
{
	const tl_document *doc = tl_policy_document(p);
	size_t i, j, k;

	for (i = 0; i < doc->n_statements; i++)
		for (j = 0; j < doc->statements[i].n_conditions; j++) {
			const char *key = doc->statements[i].conditions[j].key.text;
			for (k = 0; k < *n && strcasecmp((*keys)[k], key) != 0; k++)
				;
			if (k < *n)
				continue;
			if (*n == *cap) {
				size_t grown_cap = *cap ? *cap * 2 : 16;
				const char **grown = realloc(*keys, grown_cap * sizeof(*grown));
				if (!grown)
					return;
				*keys = grown;
				*cap = grown_cap;
			}
			(*keys)[(*n)++] = key;
		}
}

const char **repl_policy_keys(const repl_session *s, size_t *n)
{
	const char **keys = NULL;
	size_t cap = 0, i;

	*n = 0;
	if (!s->src)
		return NULL;
	if (repl_policy(s)) {
		collect_keys(repl_policy(s), &keys, n, &cap);
		return keys;
	}
	for (i = 0; i < tl_source_role_count(s->src); i++)
		if (tl_source_role(s->src, i)->policy)
			collect_keys(tl_source_role(s->src, i)->policy, &keys, n, &cap);
	return keys;
}
