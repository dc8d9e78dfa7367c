/*
 * arena.h - one bump allocator per parsed policy, freed in one call.
 *
 * Ownership: the arena owns every block it returns.  Out of memory is a
 * sticky flag (checked once by the caller at the end, as sqlite's
 * mallocFailed); allocation then returns NULL.  Building with
 * -DTL_ARENA_DEBUG makes every allocation a separate malloc so that ASan
 * and valgrind see overruns.
 */
#ifndef TL_ARENA_H
#define TL_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct tl__arena_block tl__arena_block;

typedef struct tl__arena {
	tl__arena_block *head;
	bool failed;
	size_t bytes; /* held from malloc, blocks and their headers: what a cache bounds */
} tl__arena;

void tl__arena_init(tl__arena *a);
void tl__arena_release(tl__arena *a);
void *tl__arena_alloc(tl__arena *a, size_t size);   /* zeroed, 16-aligned */
char *tl__arena_strndup(tl__arena *a, const char *s, size_t len); /* NUL-terminated copy */
char *tl__arena_printf(tl__arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
