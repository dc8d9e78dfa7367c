/*
 * providers.h - the web-identity providers of one statement as a sorted
 * set, so a rule that looks up the provider of each condition key costs
 * keys x log(providers) instead of keys x providers.
 *
 * Two hosts are one member when same_provider() says so (any case; the two
 * EKS issuer spellings of one region and id).
 *
 * Ownership: a provider_set owns its copies of the hosts until
 * provider_set_release (which accepts a zeroed or failed set).
 */
#ifndef TL_PROVIDERS_H
#define TL_PROVIDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "tables.h"

typedef struct provider_entry {
	char *canon; /* a spelling for which same_provider() is equality */
	const oidc_issuer *iss;
} provider_entry;

typedef struct provider_set {
	provider_entry *items;
	size_t n;
} provider_set;

/* Collect the providers of st's Federated principals into out (zeroed
 * first).  False when memory ran out (out is then empty and released). */
bool provider_set_build(provider_set *out, const tl_statement *st);

/* The issuer of the member that `host` (host_len bytes) is, or NULL.  *oom
 * (may be NULL) is set when memory ran out for the lookup. */
const oidc_issuer *provider_set_find(const provider_set *set, const char *host, size_t host_len,
                                     bool *oom);

void provider_set_release(provider_set *set);

#endif
