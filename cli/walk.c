/* walk.c - see walk.h. */
#define _DEFAULT_SOURCE /* DT_DIR */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_DEPTH 64

static int add(file_list *l, const char *path, bool named)
{
	char *copy;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **grown = realloc(l->paths, cap * sizeof(*grown));
		bool *grown_named;
		if (!grown)
			return -1;
		l->paths = grown;
		grown_named = realloc(l->named, cap * sizeof(*grown_named));
		if (!grown_named)
			return -1;
		l->named = grown_named;
		l->cap = cap;
	}
	copy = strdup(path);
	if (!copy)
		return -1;
	l->named[l->n] = named;
	l->paths[l->n++] = copy;
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

int walk_wanted(const char *name)
{
	return ends_with(name, ".json") || ends_with(name, ".yaml") || ends_with(name, ".yml") ||
	       ends_with(name, ".template");
}

static int skip_dir(const char *name)
{
	return name[0] == '.' || strcmp(name, "node_modules") == 0 || strcmp(name, "vendor") == 0;
}

static void to_stderr(void *unused, const char *path, const char *message)
{
	(void)unused;
	fprintf(stderr, "%s: error: %s\n", path, message);
}

static int walk_dir(file_list *l, const char *dir, int depth, walk_error_fn fn, void *arg)
{
	struct dirent **names;
	int n, i, rc = 0;

	/* deeper trees are refused, not skipped: a policy left unread would pass */
	if (depth > MAX_DEPTH) {
		char msg[80];
		snprintf(msg, sizeof(msg), "directories nested deeper than %d levels (limit)", MAX_DEPTH);
		fn(arg, dir, msg);
		return -1;
	}
	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		char msg[300];
		snprintf(msg, sizeof(msg), "cannot read directory: %s", strerror(errno));
		fn(arg, dir, msg);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char path[4096];
		struct stat sb;

		if (name[0] != '.') { /* hidden files and folders, .trustlint.json among them */
			int k = snprintf(path, sizeof(path), "%s%s%s", dir,
			                 dir[strlen(dir) - 1] == '/' ? "" : "/", name);
			if (k < 0 || (size_t)k >= sizeof(path)) {
				char msg[80];
				snprintf(msg, sizeof(msg), "a name in it makes a path longer than %zu bytes (limit)",
				         sizeof(path) - 1);
				fn(arg, dir, msg);
				rc = -1;
			} else if (lstat(path, &sb) == 0) {
				if (S_ISDIR(sb.st_mode) && !skip_dir(name))
					rc |= walk_dir(l, path, depth + 1, fn, arg);
				else if (S_ISREG(sb.st_mode) && walk_wanted(name) && add(l, path, false) < 0)
					rc = -1;
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int walk_paths(file_list *l, char **paths, int n_paths)
{
	return walk_paths_to(l, paths, n_paths, to_stderr, NULL);
}

int walk_paths_to(file_list *l, char **paths, int n_paths, walk_error_fn fn, void *arg)
{
	int i, rc = 0;

	for (i = 0; i < n_paths; i++) {
		struct stat sb;

		if (strcmp(paths[i], "-") == 0) {
			rc |= add(l, "-", true);
		} else if (stat(paths[i], &sb) != 0) {
			fn(arg, paths[i], strerror(errno));
			rc = -1;
		} else if (S_ISDIR(sb.st_mode)) {
			rc |= walk_dir(l, paths[i], 0, fn, arg);
		} else {
			rc |= add(l, paths[i], true);
		}
	}
	return rc;
}

void file_list_free(file_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	free(l->named);
	l->paths = NULL;
	l->named = NULL;
	l->n = l->cap = 0;
}
