/*
 * config.c - load .trustlint.json into a lint_config, and the settings the
 * command line adds to it (see config.h; applying it to findings is
 * config_apply.c, its path globs path_glob.c, organisation rules run in
 * org-policy.c).
 *
 * The file is JSON, read with the engine's located reader (json.h), so a
 * config error names its line and column like a policy error does.  This
 * is the one place outside engine/ that uses an engine-internal header:
 * the config is lint's, not the engine's, but must not get a JSON parser
 * of its own.  Organisation rules compile their PCRE2 patterns here,
 * once, with JIT where available.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "org_rule.h"

static char *dup_n(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

static char *dup_s(const char *s)
{
	return dup_n(s, strlen(s));
}

lint_config *lint_config_default(void)
{
	lint_config *c = calloc(1, sizeof(*c));
	size_t i;

	if (!c)
		return NULL;
	c->severity = calloc(lint_rule_count, sizeof(*c->severity));
	if (!c->severity) {
		free(c);
		return NULL;
	}
	for (i = 0; i < lint_rule_count; i++)
		c->severity[i] = lint_rules[i]->severity;
	return c;
}

static void free_list(char **l, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void lint_config_free(lint_config *c)
{
	size_t i;

	if (!c)
		return;
	free(c->path);
	free(c->dir);
	free(c->severity);
	free(c->enabled);
	free_list(c->ignore_paths, c->n_ignore_paths);
	for (i = 0; i < c->n_ignores; i++) {
		free(c->ignores[i].rule);
		free(c->ignores[i].file);
		free(c->ignores[i].reason);
	}
	free(c->ignores);
	free_list(c->accounts, c->n_accounts);
	free_list(c->trusted_oidc, c->n_trusted_oidc);
	free_list(c->github_orgs, c->n_github_orgs);
	for (i = 0; i < c->n_org_rules; i++)
		org_rule_release(&c->org_rules[i]);
	free(c->org_rules);
	free_list(c->warnings, c->n_warnings);
	free(c);
}

static bool push(char ***list, size_t *n, char *s)
{
	char **grown;

	if (!s)
		return false;
	grown = realloc(*list, (*n + 1) * sizeof(*grown));
	if (!grown) {
		free(s);
		return false;
	}
	grown[(*n)++] = s;
	*list = grown;
	return true;
}

static void sync_options(lint_config *c)
{
	c->options.accounts = (const char *const *)c->accounts;
	c->options.n_accounts = c->n_accounts;
	c->options.trusted_oidc = (const char *const *)c->trusted_oidc;
	c->options.n_trusted_oidc = c->n_trusted_oidc;
	c->options.github_orgs = (const char *const *)c->github_orgs;
	c->options.n_github_orgs = c->n_github_orgs;
}

static bool severity_from(const char *s, lint_severity *out)
{
	static const char *const names[] = {"note", "warning", "error", "off"};
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (lint_severity)i;
			return true;
		}
	return false;
}

bool lint_config_set(lint_config *c, const char *rule, lint_severity sev)
{
	const rule_def *r = lint_rule_find(rule);
	size_t i;

	if (!r)
		return false;
	for (i = 0; i < lint_rule_count; i++)
		if (lint_rules[i] == r)
			c->severity[i] = sev;
	return true;
}

bool lint_config_add_account(lint_config *c, const char *account)
{
	size_t i;

	if (strlen(account) != 12)
		return false;
	for (i = 0; i < 12; i++)
		if (account[i] < '0' || account[i] > '9')
			return false;
	if (!push(&c->accounts, &c->n_accounts, dup_s(account)))
		return false;
	sync_options(c);
	return true;
}

const bool *lint_config_enabled(lint_config *c)
{
	size_t i;

	if (!c->enabled)
		c->enabled = calloc(lint_rule_count, sizeof(*c->enabled));
	if (!c->enabled)
		return NULL; /* lint_run then runs every rule; apply still drops disabled ones */
	for (i = 0; i < lint_rule_count; i++)
		c->enabled[i] = c->severity[i] != LINT_OFF;
	return c->enabled;
}

/* ---- loading --------------------------------------------------------- */

typedef struct loader {
	lint_config *cfg;
	const char *path;
	char *err;
	size_t err_cap;
	bool failed;
} loader;

static void fail(loader *l, const tl__jnode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void fail(loader *l, const tl__jnode *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (l->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(l->err, l->err_cap, "%s:%u:%u: error: %s", l->path, n ? n->loc.line : 1,
	         n ? n->loc.column : 1, msg);
	l->failed = true;
}

static void warn(loader *l, unsigned line, unsigned col, const char *msg)
{
	char buf[600];

	snprintf(buf, sizeof(buf), "%s:%u:%u: warning: %s", l->path, line, col, msg);
	push(&l->cfg->warnings, &l->cfg->n_warnings, dup_s(buf));
}

static bool string_list(loader *l, const tl__jnode *n, char ***out, size_t *count)
{
	size_t i;

	if (n->type != TL__J_ARRAY) {
		fail(l, n, "\"%s\" must be an array of strings", n->key);
		return false;
	}
	for (i = 0; i < n->n; i++) {
		if (n->child[i].type != TL__J_STRING) {
			fail(l, &n->child[i], "\"%s\" entries must be strings", n->key);
			return false;
		}
		if (!push(out, count, dup_s(n->child[i].text)))
			return false;
	}
	return true;
}

static void load_rules(loader *l, const tl__jnode *n)
{
	size_t i;

	if (n->type != TL__J_OBJECT) {
		fail(l, n, "\"rules\" must map rule names to \"error\", \"warning\", \"note\" or \"off\"");
		return;
	}
	for (i = 0; i < n->n && !l->failed; i++) {
		const tl__jnode *c = &n->child[i];
		lint_severity sev;

		if (c->type != TL__J_STRING || !severity_from(c->text, &sev))
			fail(l, c, "rule \"%s\": severity must be \"error\", \"warning\", \"note\" or \"off\"",
			     c->key);
		else if (!lint_config_set(l->cfg, c->key, sev))
			fail(l, c, "unknown rule \"%s\" (trustlint rules lists them)", c->key);
	}
}

static void load_ignores(loader *l, const tl__jnode *n)
{
	size_t i;

	if (n->type != TL__J_ARRAY) {
		fail(l, n, "\"ignore_findings\" must be an array of {\"rule\", \"file\", \"reason\"}");
		return;
	}
	l->cfg->ignores = calloc(n->n ? n->n : 1, sizeof(*l->cfg->ignores));
	if (!l->cfg->ignores) {
		fail(l, n, "out of memory");
		return;
	}
	for (i = 0; i < n->n && !l->failed; i++) {
		const tl__jnode *e = &n->child[i], *rule, *file, *reason;
		finding_ignore *ig = &l->cfg->ignores[l->cfg->n_ignores];

		rule = tl__json_get(e, "rule");
		file = tl__json_get(e, "file");
		reason = tl__json_get(e, "reason");
		if (e->type != TL__J_OBJECT || !rule || rule->type != TL__J_STRING || !file ||
		    file->type != TL__J_STRING) {
			fail(l, e, "an ignore needs \"rule\" and \"file\" (strings) and a \"reason\"");
			return;
		}
		if (!reason || reason->type != TL__J_STRING || reason->len == 0) {
			fail(l, e, "an ignore of %s in %s needs a non-empty \"reason\"", rule->text, file->text);
			return;
		}
		if (!lint_rule_find(rule->text) && !org_policy_named(rule->text)) {
			fail(l, rule, "unknown rule \"%s\"", rule->text);
			return;
		}
		if (e->n > 3)
			fail(l, e, "an ignore takes only \"rule\", \"file\" and \"reason\"");
		ig->rule = dup_s(rule->text);
		ig->file = dup_s(file->text);
		ig->reason = dup_s(reason->text);
		ig->line = e->loc.line;
		l->cfg->n_ignores++;
	}
}

static pcre2_code *compile_pattern(loader *l, const tl__jnode *n)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re;
	char msg[256];

	if (n->type != TL__J_STRING) {
		fail(l, n, "a pattern must be a string");
		return NULL;
	}
	re = pcre2_compile((PCRE2_SPTR)n->text, n->len, PCRE2_UTF, &code, &off, NULL);
	if (!re) {
		pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, sizeof(msg));
		fail(l, n, "bad pattern at offset %zu: %s", (size_t)off, msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* best effort: the interpreter is the fallback */
	return re;
}

/* One field of an org rule into r; a field it does not know fails the load. */
static void load_org_rule_field(loader *l, const tl__jnode *f, org_rule *r)
{
	if (strcmp(f->key, "key") == 0 && f->type == TL__J_STRING) {
		r->key = dup_s(f->text);
	} else if (strcmp(f->key, "must_match") == 0) {
		r->must_match = compile_pattern(l, f);
		r->must_match_src = dup_s(f->text ? f->text : "");
	} else if (strcmp(f->key, "must_not_match") == 0) {
		r->must_not_match = compile_pattern(l, f);
		r->must_not_match_src = dup_s(f->text ? f->text : "");
	} else if (strcmp(f->key, "message") == 0 && f->type == TL__J_STRING) {
		r->message = dup_s(f->text);
	} else if (strcmp(f->key, "severity") == 0 && f->type == TL__J_STRING &&
	           severity_from(f->text, &r->severity) && r->severity != LINT_OFF) {
		return;
	} else {
		fail(l, f, "unknown or malformed org rule field \"%s\"", f->key);
	}
}

static void load_org_rule(loader *l, const tl__jnode *e, org_rule *r)
{
	size_t j;

	r->severity = LINT_ERROR;
	if (e->type != TL__J_OBJECT) {
		fail(l, e, "an org rule is an object {\"key\", \"must_match\" or \"must_not_match\", \"message\"}");
		return;
	}
	for (j = 0; j < e->n && !l->failed; j++)
		load_org_rule_field(l, &e->child[j], r);
	if (!l->failed && (!r->key || (!r->must_match && !r->must_not_match)))
		fail(l, e, "an org rule needs \"key\" and \"must_match\" or \"must_not_match\"");
}

static void load_org_rules(loader *l, const tl__jnode *n)
{
	size_t i;

	if (n->type != TL__J_ARRAY) {
		fail(l, n, "\"org_rules\" must be an array");
		return;
	}
	l->cfg->org_rules = calloc(n->n ? n->n : 1, sizeof(*l->cfg->org_rules));
	if (!l->cfg->org_rules) {
		fail(l, n, "out of memory");
		return;
	}
	for (i = 0; i < n->n && !l->failed; i++)
		load_org_rule(l, &n->child[i], &l->cfg->org_rules[l->cfg->n_org_rules++]);
}

static void load_root(loader *l, const tl__jnode *root)
{
	lint_config *c = l->cfg;
	size_t i;

	if (root->type != TL__J_OBJECT) {
		fail(l, root, "the config must be a JSON object");
		return;
	}
	for (i = 0; i < root->n && !l->failed; i++) {
		const tl__jnode *n = &root->child[i];
		const char *k = n->key;

		if (strcmp(k, "rules") == 0)
			load_rules(l, n);
		else if (strcmp(k, "ignore") == 0)
			string_list(l, n, &c->ignore_paths, &c->n_ignore_paths);
		else if (strcmp(k, "ignore_findings") == 0)
			load_ignores(l, n);
		else if (strcmp(k, "accounts") == 0) {
			size_t before = c->n_accounts, j;
			if (string_list(l, n, &c->accounts, &c->n_accounts))
				for (j = before; j < c->n_accounts; j++)
					if (strlen(c->accounts[j]) != 12 ||
					    strspn(c->accounts[j], "0123456789") != 12)
						fail(l, &n->child[j - before], "\"%s\" is not a 12-digit account id",
						     c->accounts[j]);
		} else if (strcmp(k, "trusted_oidc_providers") == 0)
			string_list(l, n, &c->trusted_oidc, &c->n_trusted_oidc);
		else if (strcmp(k, "github_orgs") == 0)
			string_list(l, n, &c->github_orgs, &c->n_github_orgs);
		else if (strcmp(k, "org_rules") == 0)
			load_org_rules(l, n);
		else {
			char msg[300];
			snprintf(msg, sizeof(msg), "unknown config key \"%s\" (ignored)", k);
			warn(l, n->loc.key_line, n->loc.key_column, msg);
		}
	}
	sync_options(c);
}

lint_config *lint_config_parse(const char *text, size_t len, const char *path, char *err,
                               size_t err_cap)
{
	lint_config *c = lint_config_default();
	char *slash;
	tl_error e = {0};
	tl__arena arena;
	const tl__jnode *root;
	loader l = {c, path, err, err_cap, false};

	if (!c) {
		snprintf(err, err_cap, "%s: error: out of memory", path);
		return NULL;
	}
	tl__arena_init(&arena);
	if (tl__json_parse(&arena, text, len, NULL, &root, &e) != TL_OK) {
		snprintf(err, err_cap, "%s:%u:%u: error: %s", path, e.line, e.column, e.message);
		l.failed = true;
	} else {
		load_root(&l, root);
	}
	tl__arena_release(&arena);
	c->path = dup_s(path);
	slash = c->path ? strrchr(c->path, '/') : NULL;
	c->dir = slash ? dup_n(c->path, (size_t)(slash - c->path)) : dup_s(".");
	if (l.failed || !c->path || !c->dir) {
		lint_config_free(c);
		return NULL;
	}
	return c;
}

lint_config *lint_config_load(const char *path, char *err, size_t err_cap)
{
	char *text = NULL;
	size_t len;
	tl_error e = {0};
	lint_config *c;

	if (tl_file_read(path, 1 << 20, &text, &len, &e) != TL_OK) {
		snprintf(err, err_cap, "%s: error: %s", path, e.message);
		return NULL;
	}
	c = lint_config_parse(text, len, path, err, err_cap);
	free(text);
	return c;
}

char *lint_config_find(const char *dir)
{
	char buf[4096], path[4200];

	if (!realpath(dir, buf))
		return NULL;
	for (;;) {
		char *slash;
		snprintf(path, sizeof(path), "%s/.trustlint.json", strcmp(buf, "/") ? buf : "");
		if (access(path, R_OK) == 0)
			return dup_s(path);
		slash = strrchr(buf, '/');
		if (!slash || slash == buf)
			break;
		*slash = '\0';
	}
	snprintf(path, sizeof(path), "/.trustlint.json");
	return access(path, R_OK) == 0 ? dup_s(path) : NULL;
}
