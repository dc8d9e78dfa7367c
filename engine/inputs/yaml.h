/*
 * yaml.h - YAML for the CloudFormation reader: a bounded tree of the whole
 * template (yaml_load.c), questions about it (yaml_tree.c), and one of its
 * nodes converted into the located tl__jnode tree the JSON readers produce
 * (yaml_to_json.c).
 *
 * Ownership: the tree lives in the loader's arena and is valid only
 * inside the per-document callback; converted nodes live in the arena
 * the caller passes.
 */
#ifndef TL_YAML_H
#define TL_YAML_H

#include "inputs.h"

typedef enum tl__ykind { TL__Y_SCALAR, TL__Y_SEQ, TL__Y_MAP, TL__Y_ALIAS } tl__ykind;

typedef struct tl__ynode tl__ynode;
struct tl__ynode {
	tl__ykind kind;
	bool plain;         /* a plain scalar: its type comes from its text */
	const char *tag;    /* as libyaml resolved it, NULL when none */
	const char *anchor; /* registered once the node is complete */
	const char *text;   /* scalar value, NUL-terminated (may hold NUL) */
	size_t len;
	unsigned line, column;      /* 1-based, of its first character (tag or anchor) */
	const tl__ynode *target;    /* an alias's anchored node */
	tl__ynode *first, *last, *next; /* children; a mapping's alternate key, value */
	size_t n;
};

/*
 * Called once per document of the stream with its root (NULL for an empty
 * document) and the arena the tree lives in, which may also serve as
 * scratch space until the call returns.  A status other than TL_OK stops
 * the load and is returned by tl__yaml_load.
 */
typedef tl_status tl__yaml_document_fn(void *arg, tl__arena *scratch, const tl__ynode *root,
                                       tl_error *err);

/* Read `text` (no size check: the caller bounds it), calling `each` for
 * every document.  Syntax errors and bounds are located in err. */
tl_status tl__yaml_load(const char *text, size_t len, tl__yaml_document_fn *each, void *arg,
                        tl_error *err);

/* An alias's target, any other node itself (NULL stays NULL). */
const tl__ynode *tl__yaml_deref(const tl__ynode *y);
/* Is `y` (through an alias) the scalar `s`? */
bool tl__yaml_scalar_is(const tl__ynode *y, const char *s);
/* The first value under scalar key `name` of a mapping, or NULL. */
const tl__ynode *tl__yaml_map_get(const tl__ynode *map, const char *name);
/* The later key of the first repeated scalar key of a mapping, or NULL in
 * *dup; TL_ENOMEM when the scratch arena fails. */
tl_status tl__yaml_find_duplicate(tl__arena *scratch, const tl__ynode *map,
                                  const tl__ynode **dup);
/* The TL_ESYNTAX error for a repeated key found by tl__yaml_find_duplicate. */
void tl__yaml_duplicate_error(tl_error *err, const tl__ynode *key, const char *pointer);

/* The JSON type a plain scalar resolves to (YAML 1.2 core schema). */
tl__jtype tl__yaml_resolve_plain(const char *s, size_t len);

/*
 * One YAML node (a policy document) into `root`, whose pointer the caller
 * has set, with every node in `arena`: aliases expanded under a budget,
 * short-form tags (!Sub, !Ref, ...) in their long forms, and the bounds
 * of `lim` applied to the JSON it stands for.  `scratch` is the tree's.
 */
tl_status tl__yaml_to_jnode(tl__arena *arena, tl__arena *scratch, const tl_limits *lim,
                            const tl__ynode *doc, tl__jnode *root, tl_error *err);
/* A converted tree as compact JSON text into `out` (failures are sticky
 * in out->failed). */
void tl__yaml_json_text(tl__sbuf *out, const tl__jnode *root);

#endif
