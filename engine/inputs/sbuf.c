/*
 * sbuf.c - a growing text buffer for the JSON the input readers write
 * (a YAML document's JSON form, a Terraform policy built from its
 * statement blocks).  Out of memory is sticky: check `failed` once.
 */
#include <stdlib.h>
#include <string.h>

#include "inputs.h"

static bool room(tl__sbuf *b, size_t more)
{
	char *grown;
	size_t cap;

	if (b->failed)
		return false;
	if (b->n + more <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + more)
		cap *= 2;
	grown = realloc(b->p, cap);
	if (!grown) {
		b->failed = true;
		return false;
	}
	b->p = grown;
	b->cap = cap;
	return true;
}

void tl__sbuf_put(tl__sbuf *b, const char *s, size_t len)
{
	if (room(b, len)) {
		memcpy(b->p + b->n, s, len);
		b->n += len;
	}
}

void tl__sbuf_puts(tl__sbuf *b, const char *s)
{
	tl__sbuf_put(b, s, strlen(s));
}

void tl__sbuf_string(tl__sbuf *b, const char *s, size_t len)
{
	tl__sbuf_put(b, "\"", 1);
	if (room(b, 6 * len + 1))
		b->n += tl_json_escape(b->p + b->n, s, len);
	tl__sbuf_put(b, "\"", 1);
}
