/*
 * inputs.h - what the input readers share: the source object they fill
 * and the helpers that turn a found document into a role.
 *
 * Ownership: a tl_source owns its arena (role names, ARNs, policy texts)
 * and every role's tl_policy.
 */
#ifndef TL_INPUTS_H
#define TL_INPUTS_H

#include "arena.h"
#include "json.h"
#include "trustlint.h"

struct tl_source {
	tl__arena arena;
	tl_input_format format;
	tl_role *roles;
	size_t n, cap;
	tl_limits limits; /* for each policy */
};

/* Bounds for whole containers (account dumps run to tens of megabytes). */
extern const tl_limits tl__container_limits;

/* Append a role; NULL when out of memory. */
tl_role *tl__source_add(tl_source *src, const char *name, unsigned line, unsigned column);

/*
 * The role's policy from a tree node of a JSON container: parsed again
 * from its source slice at its own position (so every location is the
 * file's), with CloudFormation intrinsics turned into placeholders when
 * `intrinsics` is set.  A string node is decoded and parsed as embedded
 * text.  Failures are kept in role->error.
 */
void tl__role_from_node(tl_source *src, tl_role *role, const tl__jnode *doc, bool intrinsics);
/* The same from JSON text that was a string in the file (decoded). */
void tl__role_from_string(tl_source *src, tl_role *role, const char *text, size_t len);

/* Replace every {"Ref": ...} / {"Fn::...": ...} object by a placeholder. */
void tl__intrinsics_to_placeholders(tl__arena *a, tl__jnode *n, size_t depth);

/* Readers: each fills src from its parsed tree. */
tl_status tl__read_cfn_json(tl_source *src, const tl__jnode *root, tl_error *err);
tl_status tl__read_tf_plan(tl_source *src, const tl__jnode *root, tl_error *err);
tl_status tl__read_account(tl_source *src, const tl__jnode *root, bool get_role, tl_error *err);
/* YAML templates are not JSON: the reader gets the text (cfn_yaml.c). */
tl_status tl__read_cfn_yaml(tl_source *src, const char *text, size_t len, tl_error *err);

#endif
