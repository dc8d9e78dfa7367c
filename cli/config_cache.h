/*
 * config_cache.h - the configs of one lint run, by the path of the
 * .trustlint.json they came from (NULL: built-in defaults).
 *
 * It grows with the run: one entry per distinct config file, so at most
 * one per directory walked.  A lookup never answers with another path's
 * config.  Lookups are hashed, so a run over many folders stays linear.
 *
 * Ownership: the cache owns every path and config added to it.
 */
#ifndef TL_CONFIG_CACHE_H
#define TL_CONFIG_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

typedef struct config_entry {
	char *path; /* NULL: the defaults (no config file) */
	lint_config *cfg;
} config_entry;

typedef struct config_cache {
	config_entry *entries; /* in the order they were added */
	size_t n, cap;
	size_t *slots; /* open addressing: index + 1 into entries, 0 empty */
	size_t n_slots;
} config_cache;

/* The config loaded from `path` (NULL: the defaults), or NULL when absent. */
lint_config *config_cache_find(const config_cache *c, const char *path);
/* Take ownership of `path` and `cfg`; false (and nothing taken) when out of memory. */
bool config_cache_add(config_cache *c, char *path, lint_config *cfg);
void config_cache_free(config_cache *c);

#endif
