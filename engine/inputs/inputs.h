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
	tl_input_note *notes;
	size_t n_notes, cap_notes;
	tl_policy **trees; /* holders of documents that Fn::If variants copy from */
	size_t n_trees, cap_trees;
	tl_limits limits; /* for each policy */
	bool aws_partition; /* ${AWS::Partition} may be read as "aws" (cfn_variants.c) */
};

/* Bounds for whole containers (account dumps run to tens of megabytes). */
extern const tl_limits tl__container_limits;

/* Append a role; NULL when out of memory. */
tl_role *tl__source_add(tl_source *src, const char *name, unsigned line, unsigned column);

/* Add a note; false when out of memory. */
bool tl__source_note(tl_source *src, unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The role's ARN, and its account when the ARN names one. */
void tl__role_set_arn(tl_source *src, tl_role *role, const char *arn, size_t len);

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

/* A value the Terraform reader writes for one known only after apply:
 * {"TL::Unknown": ""} becomes a placeholder as intrinsics do. */
#define TL__UNKNOWN_KEY "TL::Unknown"

/* The same from JSON a reader wrote (a Terraform document's statement
 * blocks): placed like an embedded string, unknown values as placeholders. */
void tl__role_from_built(tl_source *src, tl_role *role, const char *text, size_t len);

/*
 * A CloudFormation document tree (in p's arena) into role `role_index`'s
 * policy: one role per Fn::If branch choice (variants appended after it),
 * Fn::Sub without variables read as text, then intrinsics as placeholders.
 * Takes p.  `quota_chars` is the document's length as IAM's quota counts.
 */
void tl__role_from_cfn_tree(tl_source *src, size_t role_index, tl_policy *p, const tl__jnode *root,
                            size_t quota_chars);

/* Replace every {"Ref": ...} / {"Fn::...": ...} object by a placeholder. */
void tl__intrinsics_to_placeholders(tl__arena *a, tl__jnode *n, size_t depth);

/* A growing text buffer (sbuf.c); `failed` is sticky, p is malloc'd. */
typedef struct tl__sbuf {
	char *p;
	size_t n, cap;
	bool failed;
} tl__sbuf;
void tl__sbuf_put(tl__sbuf *b, const char *s, size_t len);
void tl__sbuf_puts(tl__sbuf *b, const char *s);
void tl__sbuf_string(tl__sbuf *b, const char *s, size_t len); /* quoted, escaped */

/*
 * A container element of the wrong JSON type on the path to a trust
 * policy is an error at that element (TL_ESYNTAX in err, true): skipping
 * it would report a file of roles as a file without any, and pass it.
 * `n` may be NULL: whether absent is fine is each reader's own decision.
 */
bool tl__wrong_type(const tl__jnode *n, tl__jtype want, const char *what, tl_error *err);

/* Readers: each fills src from its parsed tree. */
tl_status tl__read_cfn_json(tl_source *src, const tl__jnode *root, tl_error *err);
tl_status tl__read_tf_plan(tl_source *src, const tl__jnode *root, tl_error *err);
tl_status tl__read_account(tl_source *src, const tl__jnode *root, tl_input_format format,
                           tl_error *err);
/* list-roles' Roles array (bare, or in a recorded API response), or NULL. */
const tl__jnode *tl__list_roles(const tl__jnode *root);
/* YAML templates are not JSON: the reader gets the text (cfn_yaml.c). */
tl_status tl__read_cfn_yaml(tl_source *src, const char *text, size_t len, tl_error *err);

#endif
