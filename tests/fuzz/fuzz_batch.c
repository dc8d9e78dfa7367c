/*
 * fuzz_batch.c - one `eval --batch` line on arbitrary bytes.  Whatever the
 * line, exactly one output line comes back: a decision, or an error that
 * names the line number.  Policy files are read relative to a folder that
 * does not exist, so a fuzzed "policy_file" finds nothing to read.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_batch *batch = tl_batch_new("/nonexistent-trustlint-fuzz", NULL);
	char *buf = NULL;
	size_t len = 0, cap = 0, newlines = 0, i;
	tl_batch_result res;
	tl_status st;

	if (!batch)
		return 0;
	st = tl_batch_line(batch, (const char *)data, size, 7, &buf, &len, &cap, &res);
	if (st != TL_ENOMEM) {
		for (i = 0; i < len; i++)
			newlines += buf[i] == '\n';
		if (newlines != 1 || buf[len - 1] != '\n' || res.ok != (st == TL_OK))
			__builtin_trap();
		if (!res.ok && !strstr(res.error, "7"))
			__builtin_trap(); /* the error names the line */
	}
	free(buf);
	tl_batch_free(batch);
	return 0;
}
