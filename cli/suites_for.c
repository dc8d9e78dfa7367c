/* suites_for.c - see suites_for.h. */
#define _DEFAULT_SOURCE /* realpath, scandir */
#include "suites_for.h"

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_UP 64 /* folders above a policy, at most */

typedef struct strset {
	char **s;
	size_t n, cap;
} strset;

static int push(strset *set, char *owned)
{
	if (!owned)
		return -1;
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 32;
		char **grown = realloc(set->s, cap * sizeof(*grown));
		if (!grown) {
			free(owned);
			return -1;
		}
		set->s = grown;
		set->cap = cap;
	}
	set->s[set->n++] = owned;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop repeats, so that membership is a binary search. */
static void settle(strset *set)
{
	size_t i, k = 0;

	if (set->n == 0)
		return;
	qsort(set->s, set->n, sizeof(*set->s), by_name);
	for (i = 1; i < set->n; i++) {
		if (strcmp(set->s[i], set->s[k]) == 0)
			free(set->s[i]);
		else
			set->s[++k] = set->s[i];
	}
	set->n = k + 1;
}

static bool has(const strset *set, const char *s)
{
	return set->n && bsearch(&s, set->s, set->n, sizeof(*set->s), by_name) != NULL;
}

static void strset_free(strset *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		free(set->s[i]);
	free(set->s);
}

static bool is_suite_name(const char *name)
{
	size_t n = strlen(name);
	return n > 10 && strcmp(name + n - 10, ".test.json") == 0;
}

/* Cut the last component of an absolute path ("/a/b" -> "/a", "/a" -> "/"). */
static void up(char *dir)
{
	char *slash = strrchr(dir, '/');

	if (slash == dir)
		dir[1] = '\0';
	else if (slash)
		*slash = '\0';
}

/* The nearest folder at or above `dir` that holds .git, into root; false
 * outside a repository. */
static bool repo_root(const char *dir, char *root, size_t cap)
{
	char git[PATH_MAX + 16];

	snprintf(root, cap, "%s", dir);
	for (;;) {
		snprintf(git, sizeof(git), "%s/.git", strcmp(root, "/") ? root : "");
		if (access(git, F_OK) == 0)
			return true;
		if (strcmp(root, "/") == 0)
			return false;
		up(root);
	}
}

/* The policy's folder and those above it, to the repository root. */
static int add_folders(strset *dirs, const char *policy)
{
	char dir[PATH_MAX + 8], root[PATH_MAX + 8];
	int i;

	snprintf(dir, sizeof(dir), "%s", policy);
	up(dir);
	if (push(dirs, strdup(dir)) < 0)
		return -1;
	if (!repo_root(dir, root, sizeof(root)))
		return 0; /* outside a repository, only the policy's own folder */
	for (i = 0; i < MAX_UP && strcmp(dir, root) != 0; i++) {
		up(dir);
		if (push(dirs, strdup(dir)) < 0)
			return -1;
	}
	return 0;
}

static int wanted(const struct dirent *d)
{
	return d->d_name[0] != '.' && is_suite_name(d->d_name);
}

static int add_suites_in(strset *out, const char *dir)
{
	struct dirent **names;
	int n, i, rc = 0;

	n = scandir(dir, &names, wanted, alphasort);
	if (n < 0)
		return 0; /* unreadable: nothing of ours there */
	for (i = 0; i < n; i++) {
		char path[PATH_MAX + 300];
		snprintf(path, sizeof(path), "%s/%s", strcmp(dir, "/") ? dir : "", names[i]->d_name);
		if (rc == 0 && push(out, strdup(path)) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

/* Does a case of the expectation file `suite` name one of `policies`? */
static bool names_one(const char *suite, const strset *policies)
{
	char *text = NULL, def[PATH_MAX + 8], path[2 * PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(suite, '/');
	size_t len, i;
	tl_suite *s = NULL;
	tl_error err = {0};
	bool found = false;

	snprintf(def, sizeof(def), "%.*s.json", (int)(strlen(slash + 1) - 10), slash + 1);
	if (tl_file_read(suite, CLI_MAX_FILE, &text, &len, &err) != TL_OK ||
	    tl_suite_load(&s, text, len, def, &err) != TL_OK) {
		free(text);
		return false;
	}
	for (i = 0; i < tl_suite_case_count(s) && !found; i++) {
		const char *p = tl_suite_case(s, i)->policy;
		if (p[0] == '/')
			snprintf(path, sizeof(path), "%s", p);
		else
			snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - suite), suite, p);
		found = realpath(path, real) && has(policies, real);
	}
	tl_suite_free(s);
	free(text);
	return found;
}

/* NAME.test.json pins NAME.json: it runs even when it cannot be read, so
 * that its error is reported. */
static bool beside(const char *suite, const strset *policies)
{
	char policy[PATH_MAX + 8];

	snprintf(policy, sizeof(policy), "%.*s.json", (int)(strlen(suite) - 10), suite);
	return has(policies, policy);
}

int suites_for(file_list *out, char *const *policies, size_t n_policies, const file_list *skip)
{
	strset named = {0}, dirs = {0}, candidates = {0}, done = {0};
	char cwd[PATH_MAX], real[PATH_MAX];
	size_t i, cl;
	int rc = 0;

	for (i = 0; i < n_policies && rc == 0; i++)
		if (!is_suite_name(policies[i]) && realpath(policies[i], real))
			rc = push(&named, strdup(real));
	settle(&named);
	for (i = 0; i < named.n && rc == 0; i++)
		rc = add_folders(&dirs, named.s[i]);
	settle(&dirs);
	for (i = 0; i < dirs.n && rc == 0; i++)
		rc = add_suites_in(&candidates, dirs.s[i]);
	for (i = 0; i < skip->n && rc == 0; i++)
		if (is_suite_name(skip->paths[i]) && realpath(skip->paths[i], real))
			rc = push(&done, strdup(real));
	settle(&done);
	if (!getcwd(cwd, sizeof(cwd)))
		cwd[0] = '\0';
	cl = strlen(cwd);
	for (i = 0; i < candidates.n && rc == 0; i++) {
		const char *c = candidates.s[i];
		if (!realpath(c, real) || has(&done, real))
			continue;
		if (!beside(real, &named) && !names_one(real, &named))
			continue;
		if (cl > 1 && strncmp(c, cwd, cl) == 0 && c[cl] == '/')
			c += cl + 1;
		rc = walk_paths(out, (char **)&c, 1) < 0 ? -1 : 0;
	}
	strset_free(&named);
	strset_free(&dirs);
	strset_free(&candidates);
	strset_free(&done);
	return rc;
}
