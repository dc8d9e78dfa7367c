/*
 * policy_cache.c - the batch's policy cache (policy_cache.h).
 *
 * A batch may repeat one policy over a million lines; it is parsed and
 * compiled once, keyed by its exact text (inline) or its path (file), and
 * the cache is bounded so memory follows the number of distinct policies
 * in flight, not the length of the input.  Hash slots find an entry; a
 * use order (most recent first) says which to drop when a bound is hit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "policy.h"
#include "policy_cache.h"

/* Bounds of the cache: entries, and bytes (a 1 MB policy of 80,000 values
 * compiles to some 40 MB, so a count alone lets a few dozen distinct large
 * policies take gigabytes).  The least recently used entries go first. */
#define CACHE_MAX_ENTRIES (4 * TL__CACHE_SLOTS)
#define CACHE_MAX_BYTES ((size_t)256 << 20)

typedef tl__cache_entry entry;

void tl__policy_cache_init(tl__policy_cache *c)
{
	memset(c, 0, sizeof(*c));
	c->max_bytes = CACHE_MAX_BYTES;
}

static void entry_free(entry *e)
{
	tl_trace_free(e->trace);
	tl_policy_free(e->policy);
	free(e->key);
	free(e);
}

void tl__policy_cache_clear(tl__policy_cache *c)
{
	size_t i;

	for (i = 0; i < TL__CACHE_SLOTS; i++) {
		entry *e = c->slots[i];
		while (e) {
			entry *next = e->next;
			entry_free(e);
			e = next;
		}
		c->slots[i] = NULL;
	}
	c->newest = c->oldest = NULL;
	c->n_entries = 0;
	c->bytes = 0;
}

static void use_order_unlink(tl__policy_cache *c, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void use_order_push(tl__policy_cache *c, entry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* Drop the least recently used entry (chains are short: a walk finds it). */
static void evict_oldest(tl__policy_cache *c)
{
	entry *e = c->oldest, **link;
	size_t slot = (size_t)(e->slot % TL__CACHE_SLOTS);

	for (link = &c->slots[slot]; *link != e; link = &(*link)->next)
		;
	*link = e->next;
	use_order_unlink(c, e);
	c->n_entries--;
	c->bytes -= e->bytes;
	entry_free(e);
}

static size_t entry_bytes(const entry *e)
{
	size_t n = sizeof(*e) + e->key_len + 1;

	if (e->policy)
		n += e->policy->arena.bytes;
	if (e->trace)
		n += sizeof(*e->trace) + e->trace->n_statements * sizeof(*e->trace->stmt) +
		     e->policy->total_conditions * sizeof(tl_cond_trace);
	return n;
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static uint64_t key_hash(char kind, const char *text, size_t len)
{
	return hash_bytes(text, len) ^ (uint64_t)kind;
}

static bool entry_is(const entry *e, char kind, const char *text, size_t len)
{
	return e->key_len == len + 1 && e->key[0] == kind && memcmp(e->key + 1, text, len) == 0;
}

bool tl__policy_cache_has_text(const tl__policy_cache *c, const char *text, size_t len)
{
	const entry *e = c->slots[(size_t)(key_hash('t', text, len) % TL__CACHE_SLOTS)];

	for (; e; e = e->next)
		if (entry_is(e, 't', text, len))
			return true;
	return false;
}

/* A new entry holding its key, not yet parsed or linked. */
static entry *entry_new(char kind, const char *text, size_t len, uint64_t hash)
{
	entry *e = calloc(1, sizeof(*e));

	if (!e)
		return NULL;
	e->key = malloc(len + 2);
	if (!e->key) {
		free(e);
		return NULL;
	}
	e->key[0] = kind;
	memcpy(e->key + 1, text, len);
	e->key[len + 1] = '\0';
	e->key_len = len + 1;
	e->slot = hash;
	return e;
}

/* Read and parse the policy file `path` (relative ones under base_dir)
 * into e; a failure stays in e->error. */
static void entry_load_file(entry *e, const char *path, const char *base_dir,
                            const tl_limits *lim)
{
	char *src = NULL, *full = NULL;
	size_t src_len;

	if (base_dir && path[0] != '/') {
		size_t n = strlen(base_dir) + strlen(path) + 2;
		full = malloc(n);
		if (!full) { /* never fall back to `path` from the working directory */
			tl__error_set(&e->error, TL_ENOMEM, NULL, "out of memory reading %s", path);
			return;
		}
		snprintf(full, n, "%s/%s", base_dir, path);
	}
	if (tl_file_read(full ? full : path, lim->max_document_bytes, &src, &src_len, &e->error) ==
	    TL_OK) {
		tl_policy_parse(&e->policy, src, src_len, lim, &e->error);
		free(src);
	}
	free(full);
}

/* Link e in as the most recently used, first making room for it from the
 * least recently used; it stays even when it alone is over the bound (the
 * line needs it), and goes next time. */
static void cache_insert(tl__policy_cache *c, entry *e)
{
	size_t slot = (size_t)(e->slot % TL__CACHE_SLOTS);

	while (c->oldest &&
	       (c->n_entries >= CACHE_MAX_ENTRIES || c->bytes + e->bytes > c->max_bytes))
		evict_oldest(c);
	e->next = c->slots[slot];
	c->slots[slot] = e;
	use_order_push(c, e);
	c->n_entries++;
	c->bytes += e->bytes;
}

/* The entry keeps a failure too, so a broken policy repeated on many lines
 * is also parsed once. */
tl__cache_entry *tl__policy_cache_get(tl__policy_cache *c, char kind, const char *text,
                                      size_t len, const char *base_dir, const tl_limits *lim)
{
	uint64_t h = key_hash(kind, text, len);
	entry *e;

	for (e = c->slots[(size_t)(h % TL__CACHE_SLOTS)]; e; e = e->next)
		if (entry_is(e, kind, text, len)) {
			use_order_unlink(c, e);
			use_order_push(c, e);
			return e;
		}
	e = entry_new(kind, text, len, h);
	if (!e)
		return NULL;
	if (kind == 'f')
		entry_load_file(e, e->key + 1, base_dir, lim);
	else
		tl_policy_parse(&e->policy, text, len, lim, &e->error);
	if (e->policy)
		e->trace = tl_trace_new(e->policy);
	e->bytes = entry_bytes(e);
	cache_insert(c, e);
	return e;
}
