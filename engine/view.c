/*
 * view.c - the constraint view: what a statement's conditions admit for
 * one key.  Lint rules ask it "does a caller without K get through?" or
 * "would sub = repo:attacker/x get through?", and it answers by running
 * the evaluator's own condition code on a one-key request.
 */
#include <string.h>

#include "eval.h"
#include "policy.h"
#include "values.h"

bool tl_statement_admits(const tl_policy *p, size_t stmt, const char *key,
                         const char *const *values, size_t n_values, bool present)
{
	const tl__cstmt *cs;
	tl_request *req;
	size_t len = strlen(key), i;
	uint32_t hash = tl__hash_lower(key, len);
	bool ok = true;

	if (stmt >= p->doc.n_statements)
		return true;
	cs = &p->compiled[stmt];
	req = tl_request_new();
	if (!req)
		return true; /* out of memory: claim nothing is bounded */
	if (present && tl_request_set_empty(req, key) != TL_OK)
		goto done;
	for (i = 0; present && i < n_values; i++)
		if (tl_request_add(req, key, values[i], strlen(values[i])) != TL_OK)
			goto done;
	for (i = 0; i < cs->src->n_conditions && ok; i++) {
		const tl__ccond *cc = &cs->conds[i];
		tl_cond_trace t;

		if (cc->key_hash != hash || cc->key_len != len || !tl__ascii_ieq(cc->key, len, key, len))
			continue;
		ok = tl__eval_condition(cc, req, &t);
	}
done:
	tl_request_free(req);
	return ok;
}
