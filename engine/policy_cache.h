/*
 * policy_cache.h - parsed and compiled policies kept by their text or
 * path, for batches that repeat a policy over many lines.
 *
 * Ownership: the cache owns its entries, their policies and traces; an
 * entry stays valid until the next tl__policy_cache_get or clear.
 */
#ifndef TL_POLICY_CACHE_H
#define TL_POLICY_CACHE_H

#include <stdint.h>

#include "trustlint.h"

#define TL__CACHE_SLOTS 1024

typedef struct tl__cache_entry tl__cache_entry;
struct tl__cache_entry {
	tl_policy *policy; /* NULL when it failed: then error says why */
	tl_trace *trace;
	tl_error error;
	/* the cache's own */
	char *key; /* kind ('t' text, 'f' path) + text */
	size_t key_len;
	size_t bytes;  /* what it holds, as the cache counts it */
	uint64_t slot; /* its hash (the slot is this modulo TL__CACHE_SLOTS) */
	tl__cache_entry *next;          /* in its hash slot */
	tl__cache_entry *newer, *older; /* in the use order */
};

typedef struct tl__policy_cache {
	tl__cache_entry *slots[TL__CACHE_SLOTS];
	tl__cache_entry *newest, *oldest;
	size_t n_entries, bytes, max_bytes;
} tl__policy_cache;

/* An empty cache (a zeroed one also needs its byte bound: this sets it). */
void tl__policy_cache_init(tl__policy_cache *c);
/* Free every entry; the cache stays usable. */
void tl__policy_cache_clear(tl__policy_cache *c);
/*
 * The entry for an inline policy (kind 't', `text` its JSON) or a policy
 * file (kind 'f', `text` its path, relative ones under base_dir, which may
 * be NULL), parsed with `lim` on first use.  A failure is cached too, in
 * entry->error.  NULL only when out of memory.
 */
tl__cache_entry *tl__policy_cache_get(tl__policy_cache *c, char kind, const char *text,
                                      size_t len, const char *base_dir, const tl_limits *lim);
/* Whether the inline policy of exactly this text is cached. */
bool tl__policy_cache_has_text(const tl__policy_cache *c, const char *text, size_t len);

#endif
