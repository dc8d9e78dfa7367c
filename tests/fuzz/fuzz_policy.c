/* fuzz_policy.c - the policy parser and compiler on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "trustlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_policy *p = NULL;
	tl_error err;

	if (tl_policy_parse(&p, (const char *)data, size, NULL, &err) == TL_OK) {
		const tl_document *doc = tl_policy_document(p);
		size_t i;
		/* every problem must carry a message and a position */
		for (i = 0; i < doc->n_problems; i++)
			if (!doc->problems[i].message || !doc->problems[i].loc.line)
				__builtin_trap();
	}
	tl_policy_free(p);
	return 0;
}
