/*
 * json.h - strict JSON into a located, immutable tree.
 *
 * The only jansson user.  jansson validates the text (duplicate keys
 * rejected) and decodes strings; a light scan of the same text walks in
 * lock-step with it to record, for every node, its JSON Pointer, its
 * line:column and its raw source slice, since jansson keeps no positions
 * for values.  The tree lives in the caller's arena; no json_t escapes.
 */
#ifndef TL_JSON_H
#define TL_JSON_H

#include "arena.h"
#include "error.h" /* tl__error_set, which every JSON reader uses */
#include "trustlint.h"

typedef enum tl__jtype {
	TL__J_OBJECT,
	TL__J_ARRAY,
	TL__J_STRING,
	TL__J_NUMBER,
	TL__J_TRUE,
	TL__J_FALSE,
	TL__J_NULL,
	TL__J_PLACEHOLDER /* inputs: an intrinsic function standing for a string */
} tl__jtype;

typedef struct tl__jnode tl__jnode;
struct tl__jnode {
	tl__jtype type;
	const char *text; /* decoded string, or the literal ("10.0", "true") */
	size_t len;
	const char *key;  /* member name when the parent is an object */
	size_t key_len;
	const char *src;  /* raw source slice of the whole value */
	size_t src_len;
	tl_loc loc;
	tl__jnode *child; /* array of n children in source order */
	size_t n;
};

/*
 * Parse `text` (any JSON value at the top).  On error *out is NULL and err
 * carries the message and position.  `lim` may be NULL for the defaults.
 */
tl_status tl__json_parse(tl__arena *a, const char *text, size_t len, const tl_limits *lim,
                         const tl__jnode **out, tl_error *err);

/* The same for text that starts at line0:col0 of its file. */
tl_status tl__json_parse_at(tl__arena *a, const char *text, size_t len, unsigned line0,
                            unsigned col0, const tl_limits *lim, const tl__jnode **out,
                            tl_error *err);
/* As tl__json_parse_at, but of repeated keys the last value stays (the
 * reading of last-wins parsers), for linting what the strict parse refused. */
tl_status tl__json_parse_last_wins_at(tl__arena *a, const char *text, size_t len, unsigned line0,
                                      unsigned col0, const tl_limits *lim,
                                      const tl__jnode **out, tl_error *err);

/* parent + "/" + key as a JSON Pointer (RFC 6901 escapes), in the arena. */
char *tl__json_child_pointer(tl__arena *a, const char *parent, const char *key, size_t klen);

/* Member `name` of an object node (exact), or NULL. */
const tl__jnode *tl__json_get(const tl__jnode *obj, const char *name);
const char *tl__json_type_name(tl__jtype t);

#endif
