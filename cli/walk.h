/*
 * walk.h - expand the command line's paths into the files to lint:
 * files as given, directories recursively (sorted, skipping hidden and
 * vendored folders), "-" for standard input.
 */
#ifndef TL_WALK_H
#define TL_WALK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct file_list {
	char **paths;
	bool *named; /* given on the command line, not found in a directory */
	size_t n, cap;
} file_list;

/* Returns 0, or -1 after printing why a path cannot be read. */
int walk_paths(file_list *out, char **paths, int n_paths);
/* The same, handing each unreadable path and why to `fn` instead of stderr
 * (lint puts them in its report, so JSON and SARIF carry them too). */
typedef void (*walk_error_fn)(void *arg, const char *path, const char *message);
int walk_paths_to(file_list *out, char **paths, int n_paths, walk_error_fn fn, void *arg);
void file_list_free(file_list *l);
/* Does the name look like something lint reads from a directory
 * (.json, .yaml, .yml, .template)? */
int walk_wanted(const char *name);

#endif
