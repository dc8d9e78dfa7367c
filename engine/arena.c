/* arena.c - see arena.h. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN 8192

struct tl__arena_block {
	tl__arena_block *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
};

void tl__arena_init(tl__arena *a)
{
	a->head = NULL;
	a->failed = false;
	a->bytes = 0;
}

void tl__arena_release(tl__arena *a)
{
	tl__arena_block *b = a->head;

	while (b) {
		tl__arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->bytes = 0;
}

static tl__arena_block *new_block(tl__arena *a, size_t need)
{
	size_t size = need;
	tl__arena_block *b;

#ifndef TL_ARENA_DEBUG
	if (size < BLOCK_MIN)
		size = BLOCK_MIN;
#endif
	b = malloc(sizeof(*b) + size);
	if (!b) {
		a->failed = true;
		return NULL;
	}
	a->bytes += sizeof(*b) + size;
	b->size = size;
	b->used = 0;
	b->next = a->head;
	a->head = b;
	return b;
}

void *tl__arena_alloc(tl__arena *a, size_t size)
{
	tl__arena_block *b = a->head;
	size_t rounded;

	if (a->failed || size > SIZE_MAX / 2)
		goto fail;
	rounded = (size + 15) & ~(size_t)15;
	if (rounded == 0)
		rounded = 16;
#ifdef TL_ARENA_DEBUG
	b = new_block(a, size ? size : 1);
	if (!b)
		return NULL;
	b->used = b->size;
	memset(b->data, 0, b->size);
	return b->data;
#else
	if (!b || b->size - b->used < rounded) {
		b = new_block(a, rounded);
		if (!b)
			return NULL;
	}
	{
		void *p = b->data + b->used;
		b->used += rounded;
		memset(p, 0, rounded);
		return p;
	}
#endif
fail:
	a->failed = true;
	return NULL;
}

char *tl__arena_strndup(tl__arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX) { /* len + 1 would wrap: as impossible as any other size */
		a->failed = true;
		return NULL;
	}
	p = tl__arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *tl__arena_printf(tl__arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = tl__arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
