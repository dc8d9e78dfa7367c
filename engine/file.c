/* file.c - bounded whole-file reads, shared by the batch and the CLI. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

tl_status tl_file_read(const char *path, size_t max, char **out, size_t *len, tl_error *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	tl_status st = TL_OK;

	*out = NULL;
	*len = 0;
	if (!f) {
		tl__error_set(err, TL_EIO, NULL, "cannot open %s: %s", path, strerror(errno));
		return TL_EIO;
	}
	for (;;) {
		size_t got;
		if (n == cap) {
			char *grown;
			cap = cap ? cap * 2 : 4096;
			grown = realloc(buf, cap + 1);
			if (!grown) {
				tl__error_set(err, st = TL_ENOMEM, NULL, "out of memory reading %s", path);
				goto done;
			}
			buf = grown;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			tl__error_set(err, st = TL_ELIMIT, NULL, "%s is larger than %zu bytes (limit)",
			              is_stdin ? "standard input" : path, max);
			goto done;
		}
		if (got == 0)
			break;
	}
	if (ferror(f))
		tl__error_set(err, st = TL_EIO, NULL, "cannot read %s: %s", path, strerror(errno));
done:
	if (!is_stdin)
		fclose(f);
	if (st != TL_OK) {
		free(buf);
		return st;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return TL_OK;
}
