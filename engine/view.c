/*
 * view.c - the constraint view: what a statement's conditions admit for
 * one key.  Lint rules ask it "does a caller without K get through?" or
 * "would sub = repo:attacker/x get through?", and it answers by running
 * the evaluator's own condition code on a one-key request.
 *
 * Rules ask once per key, per value or per principal, so one question
 * must not cost a walk over the whole statement: the key's conditions are
 * found by binary search in the statement's by-key order (compile.c), and
 * a probe built from one policy value tries that value first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "policy.h"
#include "values.h"

/* Compare condition cc's key with the (hash, len, lowered text) sought. */
/* The first position in cs->by_key whose key is not below the one sought. */
static size_t lower_bound(const tl__cstmt *cs, uint32_t hash, size_t len, const char *lower)
{
	size_t lo = 0, hi = cs->src->n_conditions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tl__ccond_key_cmp(&cs->conds[cs->by_key[mid]], hash, len, lower) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of `v` among cc's values, or SIZE_MAX when it is not one of them. */
static size_t value_index(const tl__ccond *cc, const tl_value *v)
{
	uintptr_t at = (uintptr_t)v, base = (uintptr_t)cc->src->values;

	if (!v || !cc->src->n_values || at < base ||
	    at >= base + cc->src->n_values * sizeof(*cc->src->values))
		return SIZE_MAX;
	return (at - base) / sizeof(*cc->src->values);
}

/* The by-key range of `key` in statement cs: [*first, return). */
static size_t key_range(const tl__cstmt *cs, const char *key, size_t *first)
{
	size_t len = strlen(key), end;
	uint32_t hash = tl__hash_lower(key, len);
	char stack[256], *lower = len < sizeof(stack) ? stack : malloc(len + 1);

	*first = 0;
	if (!lower)
		return 0; /* out of memory: no conditions found */
	tl__ascii_lower(lower, key, len);
	*first = lower_bound(cs, hash, len, lower);
	for (end = *first; end < cs->src->n_conditions; end++)
		if (tl__ccond_key_cmp(&cs->conds[cs->by_key[end]], hash, len, lower) != 0)
			break;
	if (lower != stack)
		free(lower);
	return end;
}

const size_t *tl_statement_conditions_on(const tl_policy *p, size_t stmt, const char *key,
                                         size_t *n)
{
	size_t first, end;

	*n = 0;
	if (!p || stmt >= p->doc.n_statements || !p->doc.statements[stmt].n_conditions)
		return NULL;
	end = key_range(&p->compiled[stmt], key, &first);
	*n = end - first;
	return *n ? p->compiled[stmt].by_key + first : NULL;
}

static bool admits(const tl_policy *p, size_t stmt, const char *key, const char *const *values,
                   size_t n_values, bool present, const tl_value *from)
{
	const tl__cstmt *cs;
	tl_request *req;
	size_t i, first, end;
	bool ok = true;

	if (stmt >= p->doc.n_statements)
		return true;
	cs = &p->compiled[stmt];
	end = key_range(cs, key, &first);
	if (first == end)
		return true; /* no condition names the key */
	req = tl_request_new();
	if (!req)
		return true; /* out of memory: claim nothing is bounded */
	if (present && tl_request_set_empty(req, key) != TL_OK)
		goto done;
	for (i = 0; present && i < n_values; i++)
		if (tl_request_add(req, key, values[i], strlen(values[i])) != TL_OK)
			goto done;
	for (i = first; i < end && ok; i++) {
		const tl__ccond *cc = &cs->conds[cs->by_key[i]];
		tl_cond_trace t;

		ok = tl__eval_condition_first(cc, req, value_index(cc, from), &t);
	}
done:
	tl_request_free(req);
	return ok;
}

bool tl_statement_admits(const tl_policy *p, size_t stmt, const char *key,
                         const char *const *values, size_t n_values, bool present)
{
	return admits(p, stmt, key, values, n_values, present, NULL);
}

bool tl_statement_admits_from(const tl_policy *p, size_t stmt, const char *key, const char *probe,
                              const tl_value *from)
{
	return admits(p, stmt, key, &probe, 1, true, from);
}
