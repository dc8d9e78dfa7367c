/*
 * request.h - the request as the evaluator sees it: a caller, an action,
 * and a context of case-insensitive, multi-valued keys.
 *
 * Ownership: the request owns copies of everything given to it (plain
 * malloc, since a request lives across many evaluations and edits).
 */
#ifndef TL_REQUEST_H
#define TL_REQUEST_H

#include <stdint.h>

#include "trustlint.h"

typedef struct tl__rvalue {
	char *text;
	size_t len;
} tl__rvalue;

typedef struct tl__rkey {
	char *name;  /* as first given */
	char *lower; /* ASCII-lowered, for matching */
	size_t len;
	uint32_t hash;
	bool derived;
	const char *note; /* static: what a derived value assumes, or NULL */
	tl__rvalue *values;
	size_t n, cap;
} tl__rkey;

/* What the caller id says about the caller, worked out once. */
typedef enum tl__caller_form {
	TL__CALLER_NONE,
	TL__CALLER_ACCOUNT, /* 12 digits or :root */
	TL__CALLER_USER,
	TL__CALLER_ROLE,    /* a role ARN given as the caller: any session of it */
	TL__CALLER_SESSION,
	TL__CALLER_OTHER
} tl__caller_form;

struct tl_request {
	tl_principal_type type;
	char *id;
	size_t id_len;
	char *action; /* lowered */
	size_t action_len;
	char *action_text;
	tl__caller_form form;
	char account[13];
	char partition[16];
	char *role_name; /* lowered, for ROLE and SESSION callers */
	size_t role_name_len;
	tl__rkey *keys;
	size_t n, cap;
	/* Above a few keys, an open-addressing index (key position + 1 per
	 * slot, 0 empty; index_cap a power of two, at least twice n) keeps
	 * lookups constant-time: a request may carry thousands of keys.
	 * Rebuilt when keys are added or removed, never during evaluation. */
	uint32_t *index;
	size_t index_cap;
	/* Scratch for eval.c's policy-variable substitution, grown as values
	 * are added (never during evaluation): text then glob mask, each
	 * 2 * max_value_len + 2 bytes, which bounds any substitution that
	 * could still match a request value (eval.c substitute). */
	char *scratch;
	size_t max_value_len;
};

/* Key lookup by lowered name and hash; NULL when absent. */
const tl__rkey *tl__request_find(const tl_request *req, const char *lower, size_t len,
                                 uint32_t hash);

struct tl__jnode;
/* Fill `req` (after a reset) from a parsed request object, as
 * tl_request_from_json does (request_json.c); err says what is wrong and
 * where. */
tl_status tl__request_from_node(tl_request *req, const struct tl__jnode *root, tl_error *err);

#endif
