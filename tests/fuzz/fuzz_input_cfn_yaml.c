/* fuzz_input_cfn_yaml.c - the input reader (TL_INPUT_CFN_YAML) on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "trustlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_source *src = NULL;
	tl_error err;

	if (tl_source_load(&src, (const char *)data, size, TL_INPUT_CFN_YAML, NULL, &err) == TL_OK) {
		size_t i;
		for (i = 0; i < tl_source_role_count(src); i++) {
			const tl_role *r = tl_source_role(src, i);
			if (!r->policy && !r->error.message[0])
				__builtin_trap(); /* a role that failed must say why */
		}
	}
	tl_source_free(src);
	return 0;
}
