/*
 * error.h - filling a caller-owned tl_error (trustlint.h) in one call.
 *
 * Ownership: nothing is allocated; the message and pointer are copied
 * (truncated) into the error's fixed buffers.
 */
#ifndef TL_ERROR_H
#define TL_ERROR_H

#include "trustlint.h"

/* Fill err (status, message, position) in one call; err may be NULL. */
void tl__error_set(tl_error *err, tl_status st, const tl_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
