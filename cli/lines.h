/*
 * lines.h - reading input one line at a time with a bound on the line,
 * so that one endless line cannot take all memory (eval --batch, the
 * scripts of simulate).
 */
#ifndef TL_LINES_H
#define TL_LINES_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/*
 * Read the next line of `in` into *buf (grown as needed, at most max + 1
 * bytes, NUL-terminated; NUL bytes inside the line are kept).  Returns the
 * number of bytes kept (the newline is not kept), or -1 at the end of the
 * input (or on out of memory: *buf is then NULL).  A line longer than `max`
 * keeps its first max bytes, sets *too_long, and the rest of it is read
 * and dropped.
 */
ssize_t cli_read_line(FILE *in, char **buf, size_t *cap, size_t max, bool *too_long);

#endif
