/*
 * config.c - load and apply .trustlint.json (see config.h).
 *
 * The file is JSON, read with the engine's located reader (json.h), so a
 * config error names its line and column like a policy error does.  This
 * is the one place outside engine/ that uses an engine-internal header:
 * the config is lint's, not the engine's, but must not get a JSON parser
 * of its own.  Organisation rules compile their PCRE2 patterns once, with
 * JIT where available, and run under match and depth limits so that a
 * catastrophic pattern fails loudly instead of hanging the gate.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "config.h"

#include <fnmatch.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"

#define MATCH_LIMIT 100000
#define DEPTH_LIMIT 1000
/* A match budget per rule and document: each value is tried first under a
 * small limit, and only BUDGET_FULL_TRIES values of a document may go on
 * to the full one.  Thirty thousand values against a catastrophic pattern
 * were eight seconds at MATCH_LIMIT each; this bounds a document at
 * values x CHEAP_LIMIT + BUDGET_FULL_TRIES x MATCH_LIMIT steps, and what
 * is left unchecked is reported, never passed. */
#define CHEAP_LIMIT 1000
#define BUDGET_FULL_TRIES 20

/* what one rule has spent on one document */
typedef struct budget {
	size_t full_tries;      /* values that went on to MATCH_LIMIT */
	size_t unchecked;       /* values left unchecked once those ran out */
	const tl_value *first;  /* the first of them, where the finding points */
} budget;

struct org_rule {
	char *key; /* glob over condition keys, case-insensitive */
	pcre2_code *must_match, *must_not_match;
	char *must_match_src, *must_not_match_src;
	char *message;
	lint_severity severity;
};

const rule_def rule_org_policy = {
	.code = 601,
	.name = "org-policy",
	.severity = LINT_ERROR,
	.summary = "a condition value breaks an organisation rule from .trustlint.json",
	.rationale = "Organisation rules in .trustlint.json say which values a condition key may "
	             "take, for example that every GitHub subject starts with repo:acme/. A value "
	             "outside them lets in callers the organisation never meant to trust.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	       "\"token.actions.githubusercontent.com:sub\": \"repo:other/app:ref:refs/heads/main\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	        "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", "
	        "\"token.actions.githubusercontent.com:sub\": \"repo:acme/app:ref:refs/heads/main\"}}}]}",
	.fix = "Change the value so it satisfies the organisation rule, or ask for the rule to change.",
	.check = NULL,
};

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
	for (i = 0; i < c->n_org_rules; i++) {
		org_rule *r = &c->org_rules[i];
		free(r->key);
		pcre2_code_free(r->must_match);
		pcre2_code_free(r->must_not_match);
		free(r->must_match_src);
		free(r->must_not_match_src);
		free(r->message);
	}
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

/* ---- globs ----------------------------------------------------------- */

/* One path segment against one pattern segment ('*' and '?' stay inside it). */
static bool segment_match(const char *pat, size_t plen, const char *s, size_t slen)
{
	char p[1024], v[1024];

	if (plen >= sizeof(p) || slen >= sizeof(v))
		return false;
	memcpy(p, pat, plen);
	p[plen] = '\0';
	memcpy(v, s, slen);
	v[slen] = '\0';
	return fnmatch(p, v, FNM_PERIOD) == 0;
}

/*
 * Segment by segment, '**' standing for any number of whole segments, with
 * one backtrack point (the latest '**'), as the value glob does with '*':
 * linear in the number of segments times the pattern's, never exponential.
 */
bool path_glob(const char *pat, const char *path)
{
	const char *star_pat = NULL, *star_path = NULL;

	for (;;) {
		size_t pl = strcspn(pat, "/"), sl = strcspn(path, "/");

		if (pl == 2 && pat[0] == '*' && pat[1] == '*') {
			pat += pat[2] == '/' ? 3 : 2;
			star_pat = pat;
			star_path = path;
			if (!*pat)
				return true; /* a trailing ** takes the rest */
			continue;
		}
		if (*path && *pat && segment_match(pat, pl, path, sl)) {
			pat += pl + (pat[pl] == '/');
			path += sl + (path[sl] == '/');
			if (!*pat && !*path)
				return true;
			if (*pat && *path)
				continue;
		}
		if (!star_pat || !*star_path)
			return false;
		/* let the latest ** take one more segment */
		star_path += strcspn(star_path, "/");
		star_path += *star_path == '/';
		pat = star_pat;
		path = star_path;
	}
}

static bool key_glob(const char *pat, const char *s)
{
	const char *sp = NULL, *ss = NULL;

	while (*s) {
		char a = *pat >= 'A' && *pat <= 'Z' ? (char)(*pat + 32) : *pat;
		char b = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
		if (*pat == '*') {
			sp = ++pat;
			ss = s;
		} else if (*pat == '?' || (*pat && a == b)) {
			pat++;
			s++;
		} else if (sp) {
			pat = sp;
			s = ++ss;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
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
		if (!lint_rule_find(rule->text) && strcmp(rule->text, "org-policy") != 0) {
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

static void load_org_rules(loader *l, const tl__jnode *n)
{
	size_t i, j;

	if (n->type != TL__J_ARRAY) {
		fail(l, n, "\"org_rules\" must be an array");
		return;
	}
	l->cfg->org_rules = calloc(n->n ? n->n : 1, sizeof(*l->cfg->org_rules));
	if (!l->cfg->org_rules) {
		fail(l, n, "out of memory");
		return;
	}
	for (i = 0; i < n->n && !l->failed; i++) {
		const tl__jnode *e = &n->child[i];
		org_rule *r = &l->cfg->org_rules[l->cfg->n_org_rules++];

		r->severity = LINT_ERROR;
		if (e->type != TL__J_OBJECT) {
			fail(l, e, "an org rule is an object {\"key\", \"must_match\" or \"must_not_match\", \"message\"}");
			return;
		}
		for (j = 0; j < e->n && !l->failed; j++) {
			const tl__jnode *f = &e->child[j];
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
				continue;
			} else {
				fail(l, f, "unknown or malformed org rule field \"%s\"", f->key);
			}
		}
		if (!l->failed && (!r->key || (!r->must_match && !r->must_not_match)))
			fail(l, e, "an org rule needs \"key\" and \"must_match\" or \"must_not_match\"");
	}
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

/* ---- applying -------------------------------------------------------- */

/* `path` relative to the config's folder when it lies below it. */
static const char *relative(const lint_config *c, const char *path, char *buf, size_t cap)
{
	char abs[4096];
	size_t n;

	if (!c->dir || !realpath(path, abs))
		return path;
	if (!realpath(c->dir, buf))
		return path;
	n = strlen(buf);
	if (strncmp(abs, buf, n) == 0 && abs[n] == '/') {
		snprintf(buf, cap, "%s", abs + n + 1);
		return buf;
	}
	return path;
}

bool lint_config_ignores_path(const lint_config *c, const char *path)
{
	char buf[4096];
	const char *rel = relative(c, path, buf, sizeof(buf));
	size_t i;

	for (i = 0; i < c->n_ignore_paths; i++)
		if (path_glob(c->ignore_paths[i], rel) || path_glob(c->ignore_paths[i], path))
			return true;
	return false;
}

static bool rule_is(const char *name_or_code, const rule_def *r)
{
	return lint_rule_find(name_or_code) == r || strcmp(name_or_code, r->name) == 0;
}

size_t lint_config_apply(lint_config *c, const char *path, lint_finding *f, size_t n)
{
	char buf[4096];
	const char *rel = relative(c, path, buf, sizeof(buf));
	size_t i, j, kept = 0;

	for (i = 0; i < n; i++) {
		bool drop = false;
		for (j = 0; j < lint_rule_count; j++)
			if (lint_rules[j] == f[i].rule) {
				if (c->severity[j] == LINT_OFF)
					drop = true;
				else if (c->severity[j] != f[i].rule->severity)
					f[i].severity = c->severity[j];
			}
		for (j = 0; j < c->n_ignores && !drop; j++)
			if (rule_is(c->ignores[j].rule, f[i].rule) &&
			    (path_glob(c->ignores[j].file, rel) || path_glob(c->ignores[j].file, path))) {
				__atomic_fetch_add(&c->ignores[j].used, 1, __ATOMIC_RELAXED);
				drop = true;
			}
		if (drop) {
			free(f[i].pointer);
			free(f[i].message);
			free(f[i].fix);
			continue;
		}
		f[kept++] = f[i];
	}
	return kept;
}

void lint_config_mark_linted(lint_config *c, const char *path)
{
	char buf[4096];
	const char *rel;
	size_t j;

	if (c->n_ignores == 0)
		return;
	rel = relative(c, path, buf, sizeof(buf));
	for (j = 0; j < c->n_ignores; j++)
		if (path_glob(c->ignores[j].file, rel) || path_glob(c->ignores[j].file, path))
			c->ignores[j].matched++;
}

/* One value against one of an org rule's patterns (NULL: nothing to check). */
static void check_value(lint_ctx *ctx, const org_rule *r, const tl_condition *cond,
                        const tl_value *val, pcre2_match_data *md, pcre2_match_context *mctx,
                        pcre2_code *re, bool must, budget *spent)
{
	int rc;

	if (!re)
		return;
	pcre2_set_match_limit(mctx, CHEAP_LIMIT);
	rc = pcre2_match(re, (PCRE2_SPTR)val->text, val->len, 0, 0, md, mctx);
	if (rc == PCRE2_ERROR_MATCHLIMIT) {
		if (spent->full_tries == BUDGET_FULL_TRIES) {
			if (spent->unchecked++ == 0)
				spent->first = val;
			return;
		}
		spent->full_tries++;
		pcre2_set_match_limit(mctx, MATCH_LIMIT);
		rc = pcre2_match(re, (PCRE2_SPTR)val->text, val->len, 0, 0, md, mctx);
	}
	if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
		lint_report_sev(ctx, LINT_ERROR, &val->loc, NULL,
		                "organisation rule on %s could not be checked against \"%s\" (the pattern "
		                "gave up with PCRE2 error %d, e.g. its match limit): fix the pattern",
		                r->key, val->text, rc);
		return;
	}
	if (must ? rc < 0 : rc >= 0)
		lint_report_sev(ctx, r->severity, &val->loc, NULL, "%s value \"%s\" %s the pattern \"%s\"%s%s",
		                cond->key.text, val->text, must ? "does not match" : "matches",
		                must ? r->must_match_src : r->must_not_match_src, r->message ? ": " : "",
		                r->message ? r->message : "");
}

void lint_config_org_rules(const lint_config *c, lint_ctx *ctx)
{
	pcre2_match_context *mctx;
	pcre2_match_data *md;
	size_t i, s, k, v;

	if (!ctx->doc || c->n_org_rules == 0)
		return;
	mctx = pcre2_match_context_create(NULL);
	md = pcre2_match_data_create(4, NULL);
	if (!mctx || !md) {
		ctx->out_of_memory = true;
		goto done;
	}
	pcre2_set_depth_limit(mctx, DEPTH_LIMIT);
	ctx->current = &rule_org_policy;
	for (i = 0; i < c->n_org_rules; i++) {
		const org_rule *r = &c->org_rules[i];
		budget spent = {0, 0, NULL};
		for (s = 0; s < ctx->doc->n_statements; s++) {
			const tl_statement *st = &ctx->doc->statements[s];
			for (k = 0; k < st->n_conditions; k++) {
				const tl_condition *cond = &st->conditions[k];
				if (!key_glob(r->key, cond->key.text))
					continue;
				for (v = 0; v < cond->n_values; v++) {
					check_value(ctx, r, cond, &cond->values[v], md, mctx, r->must_match, true,
					            &spent);
					check_value(ctx, r, cond, &cond->values[v], md, mctx, r->must_not_match,
					            false, &spent);
				}
			}
		}
		if (spent.unchecked)
			lint_report_sev(ctx, LINT_ERROR, &spent.first->loc, NULL,
			                "organisation rule on %s ran out of its match budget: %zu more "
			                "value%s (from this one on) could not be checked against it, each "
			                "over %d steps after %d values took the full %d: fix the pattern",
			                r->key, spent.unchecked, spent.unchecked == 1 ? "" : "s",
			                CHEAP_LIMIT, BUDGET_FULL_TRIES, MATCH_LIMIT);
	}
done:
	ctx->current = NULL;
	pcre2_match_data_free(md);
	pcre2_match_context_free(mctx);
}
