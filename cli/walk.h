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
void file_list_free(file_list *l);
/* Does the name look like something lint reads from a directory
 * (.json, .yaml, .yml, .template)? */
int walk_wanted(const char *name);

#endif
