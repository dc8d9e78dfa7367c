/*
 * error.c - the error module (see error.h): every engine failure becomes
 * one status, a one-line message and where known a line, column and JSON
 * Pointer, in buffers the caller owns, so reporting an error never
 * allocates and never fails.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

void tl__error_set(tl_error *err, tl_status st, const tl_loc *loc, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	err->status = st;
	err->flags = 0;
	err->line = loc ? loc->line : 0;
	err->column = loc ? loc->column : 0;
	snprintf(err->pointer, sizeof(err->pointer), "%s",
	         loc && loc->pointer ? loc->pointer : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}
