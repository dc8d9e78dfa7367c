/*
 * providers.c - a statement's web-identity providers, sorted by a
 * canonical spelling (see providers.h).
 *
 * The spelling makes same_provider() an equality: "h" and the host in lower
 * case, or for an EKS issuer "e", the region's length, ':', then region and
 * id in lower case.  The tag and the length keep it injective: no host can
 * spell what another region/id pair spells.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "providers.h"

static char *canonical(const char *host, size_t len)
{
	const char *region = NULL, *id = NULL;
	size_t rl = 0, il = 0, i, head, n;
	bool eks = eks_issuer_parts(host, len, &region, &rl, &id, &il);
	char tag[32], *out;

	if (eks)
		snprintf(tag, sizeof(tag), "e%zu:", rl);
	else
		snprintf(tag, sizeof(tag), "h");
	head = strlen(tag);
	n = head + (eks ? rl + il : len);
	out = malloc(n + 1);
	if (!out)
		return NULL;
	memcpy(out, tag, head);
	if (eks) {
		memcpy(out + head, region, rl);
		memcpy(out + head + rl, id, il);
	} else {
		memcpy(out + head, host, len);
	}
	for (i = head; i < n; i++)
		out[i] = (char)tolower((unsigned char)out[i]);
	out[n] = '\0';
	return out;
}

static int by_canon(const void *a, const void *b)
{
	return strcmp(((const provider_entry *)a)->canon, ((const provider_entry *)b)->canon);
}

bool provider_set_build(provider_set *out, const tl_statement *st)
{
	size_t i;

	out->items = NULL;
	out->n = 0;
	if (!st->n_principals)
		return true;
	out->items = malloc(st->n_principals * sizeof(*out->items));
	if (!out->items)
		return false;
	for (i = 0; i < st->n_principals; i++) {
		const char *h = NULL;
		size_t l = 0;
		const oidc_issuer *iss = oidc_issuer_of(&st->principals[i], &h, &l);

		if (!iss)
			continue;
		out->items[out->n].iss = iss;
		out->items[out->n].canon = canonical(h, l);
		if (!out->items[out->n].canon) {
			provider_set_release(out);
			return false;
		}
		out->n++;
	}
	if (out->n > 1)
		qsort(out->items, out->n, sizeof(*out->items), by_canon);
	return true;
}

const oidc_issuer *provider_set_find(const provider_set *set, const char *host, size_t host_len,
                                     bool *oom)
{
	provider_entry want, *hit;

	if (!set->n)
		return NULL;
	want.canon = canonical(host, host_len);
	want.iss = NULL;
	if (!want.canon) {
		if (oom)
			*oom = true;
		return NULL;
	}
	hit = bsearch(&want, set->items, set->n, sizeof(*set->items), by_canon);
	free(want.canon);
	return hit ? hit->iss : NULL;
}

void provider_set_release(provider_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		free(set->items[i].canon);
	free(set->items);
	set->items = NULL;
	set->n = 0;
}
