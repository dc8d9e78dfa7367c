/*
 * batch.h - what the tests may see of the batch policy cache (the batch
 * itself is public, in trustlint.h).
 */
#ifndef TL_BATCH_H
#define TL_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "trustlint.h"

/* The byte bound of the cache (CACHE_MAX_BYTES unless set). */
void tl__batch_set_cache_bytes(tl_batch *b, size_t max);
size_t tl__batch_cache_bytes(const tl_batch *b);
size_t tl__batch_cache_entries(const tl_batch *b);
/* Whether the inline policy of exactly this text is cached. */
bool tl__batch_cached(const tl_batch *b, const char *policy_text, size_t len);

#endif
