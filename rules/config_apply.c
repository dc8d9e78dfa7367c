/*
 * config_apply.c - a loaded .trustlint.json applied to one file's
 * findings (config.h): severity overrides, rules turned off, ignored
 * paths, and ignores with a reason, counted so an unused one is reported.
 *
 * Globs match the path relative to the config's folder as well as the
 * path as given, so a config means the same from wherever lint runs.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (r == &rule_org_policy)
		return org_policy_named(name_or_code);
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
