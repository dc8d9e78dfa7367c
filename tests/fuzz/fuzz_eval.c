/*
 * fuzz_eval.c - the evaluator: the input is a policy and a request
 * separated by a NUL byte (or a policy alone, decided for a fixed set of
 * callers).  Decisions with and without a trace must agree.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "trustlint.h"

static void decide(const tl_policy *p, const tl_request *r)
{
	tl_trace *t = tl_trace_new(p);
	tl_result a, b;

	if (tl_eval(p, r, NULL, &a) != TL_OK)
		__builtin_trap();
	if (t && tl_eval(p, r, t, &b) == TL_OK &&
	    (a.decision != b.decision || a.account_level != b.account_level))
		__builtin_trap();
	tl_trace_free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(text, 0, size);
	size_t plen = nul ? (size_t)(nul - text) : size;
	tl_policy *p = NULL;
	tl_request *r = tl_request_new();
	tl_error err;

	if (!r)
		return 0;
	if (tl_policy_parse(&p, text, plen, NULL, &err) == TL_OK) {
		if (nul && tl_request_from_json(r, nul + 1, size - plen - 1, &err) == TL_OK) {
			decide(p, r);
		} else {
			static const char *const kinds[][4] = {
				{"github", "acme/app", NULL, NULL},
				{"role", "arn:aws:iam::111122223333:role/x", NULL, NULL},
				{"service", "ec2.amazonaws.com", NULL, NULL},
				{"account", "444455556666", NULL, NULL},
				{"pod-identity", "arn:aws:eks:us-west-2:111122223333:cluster/prod", "ns", "sa"}};
			size_t k;
			for (k = 0; k < sizeof(kinds) / sizeof(*kinds); k++) {
				tl_caller_actions acts;
				size_t n = kinds[k][2] ? 3 : 1;
				if (tl_request_caller(r, p, kinds[k][0], &kinds[k][1], n, &acts, &err) == TL_OK)
					decide(p, r);
			}
		}
	}
	tl_policy_free(p);
	tl_request_free(r);
	return 0;
}
