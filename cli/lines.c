/* lines.c - see lines.h. */
#include "lines.h"

#include <stdlib.h>

ssize_t cli_read_line(FILE *in, char **buf, size_t *cap, size_t max, bool *too_long)
{
	size_t len = 0;
	int c = EOF;
	bool any = false;

	*too_long = false;
	while ((c = getc_unlocked(in)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (len >= max) {
			*too_long = true; /* keep reading to the newline, keep nothing */
			continue;
		}
		if (len + 1 >= *cap) {
			size_t grown_cap = *cap ? 2 * *cap : 256;
			char *grown;
			if (grown_cap > max + 1)
				grown_cap = max + 1;
			if (grown_cap < len + 2)
				grown_cap = len + 2;
			grown = realloc(*buf, grown_cap);
			if (!grown) {
				free(*buf);
				*buf = NULL;
				*cap = 0;
				return -1;
			}
			*buf = grown;
			*cap = grown_cap;
		}
		(*buf)[len++] = (char)c;
	}
	if (!any)
		return -1;
	if (!*buf) {
		*buf = malloc(1);
		if (!*buf)
			return -1;
		*cap = 1;
	}
	(*buf)[len] = '\0';
	return (ssize_t)len;
}
