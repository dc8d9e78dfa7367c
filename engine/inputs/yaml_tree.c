/*
 * yaml_tree.c - questions the CloudFormation reader asks of the YAML tree
 * (yaml.h): through aliases, a mapping's value by key, and its first
 * repeated key, which IAM and CloudFormation refuse.
 */
#include <stdlib.h>
#include <string.h>

#include "yaml.h"

const tl__ynode *tl__yaml_deref(const tl__ynode *y)
{
	return y && y->kind == TL__Y_ALIAS ? y->target : y;
}

bool tl__yaml_scalar_is(const tl__ynode *y, const char *s)
{
	size_t n = strlen(s);

	y = tl__yaml_deref(y);
	return y && y->kind == TL__Y_SCALAR && y->len == n && memcmp(y->text, s, n) == 0;
}

/* The first value under scalar key `name` of a mapping, or NULL. */
const tl__ynode *tl__yaml_map_get(const tl__ynode *map, const char *name)
{
	const tl__ynode *k;

	map = tl__yaml_deref(map);
	if (!map || map->kind != TL__Y_MAP)
		return NULL;
	for (k = map->first; k && k->next; k = k->next->next)
		if (tl__yaml_scalar_is(k, name))
			return k->next;
	return NULL;
}

typedef struct keyref {
	const tl__ynode *key; /* the key as written (maybe an alias) */
	size_t index;
} keyref;

static int keyref_cmp(const void *a, const void *b)
{
	const keyref *x = a, *y = b;
	const tl__ynode *kx = tl__yaml_deref(x->key), *ky = tl__yaml_deref(y->key);
	size_t n = kx->len < ky->len ? kx->len : ky->len;
	int c = memcmp(kx->text, ky->text, n);

	if (c)
		return c;
	if (kx->len != ky->len)
		return kx->len < ky->len ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The later key of the first repeated scalar key of a mapping, by sorting
 * (a hostile mapping may have a hundred thousand keys).  IAM and
 * CloudFormation refuse duplicates; quietly keeping one would evaluate a
 * policy other than the one written.  *dup is NULL when there is none.
 */
tl_status tl__yaml_find_duplicate(tl__arena *scratch, const tl__ynode *map, const tl__ynode **dup)
{
	size_t n = 0, i, best = (size_t)-1;
	const tl__ynode *k;
	keyref *keys;

	*dup = NULL;
	if (map->n <= 16) {
		for (k = map->first; k && k->next; k = k->next->next) {
			const tl__ynode *j, *dk = tl__yaml_deref(k);
			for (j = map->first; j != k && dk->kind == TL__Y_SCALAR; j = j->next->next) {
				const tl__ynode *dj = tl__yaml_deref(j);
				if (dj->kind == TL__Y_SCALAR && dj->len == dk->len &&
				    memcmp(dj->text, dk->text, dk->len) == 0) {
					*dup = k;
					return TL_OK;
				}
			}
		}
		return TL_OK;
	}
	keys = tl__arena_alloc(scratch, (map->n / 2) * sizeof(*keys));
	if (!keys)
		return TL_ENOMEM;
	for (k = map->first, i = 0; k && k->next; k = k->next->next, i++)
		if (tl__yaml_deref(k)->kind == TL__Y_SCALAR)
			keys[n++] = (keyref){k, i};
	qsort(keys, n, sizeof(*keys), keyref_cmp);
	for (i = 1; i < n; i++) {
		const tl__ynode *a = tl__yaml_deref(keys[i - 1].key), *b = tl__yaml_deref(keys[i].key);
		if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
		    keys[i].index < best) {
			best = keys[i].index;
			*dup = keys[i].key;
		}
	}
	return TL_OK;
}

void tl__yaml_duplicate_error(tl_error *err, const tl__ynode *key, const char *pointer)
{
	const tl__ynode *k = tl__yaml_deref(key);
	tl_loc loc = {pointer, key->line, key->column, key->line, key->column};

	tl__error_set(err, TL_ESYNTAX, &loc, "duplicate key \"%.*s\" in a YAML mapping",
	              k->len > 200 ? 200 : (int)k->len, k->text);
}
