/*
 * json_query.c - a test tool: read JSON from stdin with the engine's strict
 * reader; exit 1 if it is not valid JSON.  With a JSON Pointer argument,
 * print the value there (strings unquoted, others as their raw text), or
 * exit 1 if there is none.  With --count, print how many members/elements
 * the value has.  Lets the shell CLI tests check real JSON/SARIF output
 * without python or jq.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static const tl__jnode *walk(const tl__jnode *n, const char *ptr)
{
	while (n && *ptr == '/') {
		char seg[512];
		size_t len = strcspn(ptr + 1, "/"), i, k = 0;
		const tl__jnode *next = NULL;

		for (i = 0; i < len && k + 1 < sizeof(seg); i++) {
			char c = ptr[1 + i];
			if (c == '~' && i + 1 < len) {
				c = ptr[2 + i] == '1' ? '/' : '~';
				i++;
			}
			seg[k++] = c;
		}
		seg[k] = '\0';
		if (n->type == TL__J_OBJECT) {
			next = tl__json_get(n, seg);
		} else if (n->type == TL__J_ARRAY) {
			char *end;
			unsigned long idx = strtoul(seg, &end, 10);
			next = *end == '\0' && idx < n->n ? &n->child[idx] : NULL;
		}
		n = next;
		ptr += 1 + len;
	}
	return n;
}

int main(int argc, char **argv)
{
	char *text = NULL;
	size_t len;
	tl_error err = {0};
	tl__arena arena;
	const tl__jnode *root, *n;
	tl_limits lim = TL_LIMITS_INIT;
	bool count = argc > 1 && strcmp(argv[1], "--count") == 0;
	const char *ptr = argc > 1 + count ? argv[1 + count] : NULL;

	lim.max_document_bytes = 256u << 20;
	lim.max_values = 10000000;
	lim.max_string_bytes = 1u << 20;
	tl__arena_init(&arena);
	if (tl_file_read("-", lim.max_document_bytes, &text, &len, &err) != TL_OK ||
	    tl__json_parse(&arena, text, len, &lim, &root, &err) != TL_OK) {
		fprintf(stderr, "json_query: %u:%u: %s\n", err.line, err.column, err.message);
		tl__arena_release(&arena);
		free(text);
		return 1;
	}
	if (ptr) {
		n = walk(root, ptr);
		if (!n) {
			fprintf(stderr, "json_query: nothing at %s\n", ptr);
			tl__arena_release(&arena);
			free(text);
			return 1;
		}
		if (count)
			printf("%zu\n", n->n);
		else if (n->type == TL__J_STRING)
			printf("%s\n", n->text);
		else
			printf("%.*s\n", (int)n->src_len, n->src);
	}
	tl__arena_release(&arena);
	free(text);
	return 0;
}
