/* config_cache.c - see config_cache.h. */
#include "config_cache.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a; the defaults (NULL) hash like the empty string, which no config path is. */
static size_t hash(const char *path)
{
	size_t h = (size_t)1469598103934665603ull;

	for (; path && *path; path++)
		h = (h ^ (unsigned char)*path) * (size_t)1099511628211ull;
	return h;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

lint_config *config_cache_find(const config_cache *c, const char *path)
{
	size_t mask = c->n_slots - 1, i;

	if (!c->n_slots)
		return NULL;
	for (i = hash(path) & mask; c->slots[i]; i = (i + 1) & mask)
		if (same(c->entries[c->slots[i] - 1].path, path))
			return c->entries[c->slots[i] - 1].cfg;
	return NULL;
}

static void place(size_t *slots, size_t n_slots, const config_entry *entries, size_t index)
{
	size_t i = hash(entries[index].path) & (n_slots - 1);

	while (slots[i])
		i = (i + 1) & (n_slots - 1);
	slots[i] = index + 1;
}

/* Keep the table at most half full: rehash into twice the slots. */
static bool grow_slots(config_cache *c)
{
	size_t n_slots = c->n_slots ? c->n_slots * 2 : 32, i;
	size_t *slots = calloc(n_slots, sizeof(*slots));

	if (!slots)
		return false;
	for (i = 0; i < c->n; i++)
		place(slots, n_slots, c->entries, i);
	free(c->slots);
	c->slots = slots;
	c->n_slots = n_slots;
	return true;
}

bool config_cache_add(config_cache *c, char *path, lint_config *cfg)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		config_entry *grown = realloc(c->entries, cap * sizeof(*grown));
		if (!grown)
			return false;
		c->entries = grown;
		c->cap = cap;
	}
	if ((c->n + 1) * 2 > c->n_slots && !grow_slots(c))
		return false;
	c->entries[c->n] = (config_entry){path, cfg};
	place(c->slots, c->n_slots, c->entries, c->n);
	c->n++;
	return true;
}

void config_cache_free(config_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->entries[i].path);
		lint_config_free(c->entries[i].cfg);
	}
	free(c->entries);
	free(c->slots);
	memset(c, 0, sizeof(*c));
}
