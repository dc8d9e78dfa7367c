/*
 * compile.h - the evaluation-ready form of a policy, built once at parse
 * time: lowered actions and keys with their hashes, glob masks, parsed
 * numbers, dates, CIDRs, ARN parts, decoded binary, and policy-variable
 * token lists.  eval.c reads it and never re-parses a policy value.
 *
 * Ownership: all of it lives in the policy's arena.
 */
#ifndef TL_COMPILE_H
#define TL_COMPILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "glob.h"
#include "trustlint.h"
#include "values.h"

typedef enum tl__family {
	TL__FAM_STRING,
	TL__FAM_STRING_IC,
	TL__FAM_STRING_LIKE,
	TL__FAM_NUMERIC_EQ,
	TL__FAM_NUMERIC_LT,
	TL__FAM_NUMERIC_LE,
	TL__FAM_NUMERIC_GT,
	TL__FAM_NUMERIC_GE,
	TL__FAM_DATE_EQ,
	TL__FAM_DATE_LT,
	TL__FAM_DATE_LE,
	TL__FAM_DATE_GT,
	TL__FAM_DATE_GE,
	TL__FAM_BOOL,
	TL__FAM_BINARY,
	TL__FAM_IP,
	TL__FAM_ARN,
	TL__FAM_NULL,
	TL__FAM_UNKNOWN
} tl__family;

/* A piece of a value containing policy variables. */
typedef struct tl__vtoken {
	bool is_var;
	const char *text; /* literal text, or the lowered key name */
	size_t len;
	uint32_t hash;    /* of the lowered key */
	bool literal;     /* literal text whose '*' '?' are not wildcards (${*}, ${?}) */
	const char *dflt; /* ${key, 'default'}: the default, else NULL */
	size_t dflt_len;
} tl__vtoken;

typedef struct tl__cvalue {
	bool valid;                   /* parsed as the operator's type */
	const char *text;             /* the value (lowered for IgnoreCase) */
	size_t len;
	const unsigned char *literal; /* glob mask, NULL when every '*' '?' is a wildcard */
	const tl__vtoken *tokens;     /* non-NULL when the value uses variables */
	size_t n_tokens;
	double number;
	tl__time time;
	bool boolean;
	tl__cidr cidr;
	tl__arn arn;                  /* parts point into text */
	const tl__glob *glob;         /* StringLike: one; ArnLike: one per ARN part
	                               * (NULL when the value uses variables) */
	const unsigned char *bytes;   /* BinaryEquals */
	size_t n_bytes;
	size_t prefix_len;            /* String, StringLike, Arn: bytes before the first wildcard */
} tl__cvalue;

typedef struct tl__ccond {
	const tl_condition *src;
	tl__family family;
	const char *key;   /* lowered */
	size_t key_len;
	uint32_t key_hash;
	tl__cvalue *values;
	bool placeholder; /* a value is an intrinsic: the outcome is unknown */
	/* String, StringLike and Arn conditions with many values and no policy
	 * variables: the valid values' indices ordered by (prefix_len, prefix
	 * bytes) and the distinct prefix lengths ascending, so a request value
	 * is compared only with the values whose literal prefix it starts with
	 * (n_indexed is 0 and eval walks every value otherwise) */
	size_t *by_prefix, n_indexed;
	size_t *prefix_lens, n_prefix_lens;
} tl__ccond;

typedef struct tl__cprincipal {
	const tl_principal *src;
	const char *role_name; /* TL_FORM_ROLE / SESSION: the role name, lowered */
	size_t role_name_len;
	bool role_has_path;
	const char *partition;
	size_t partition_len;
} tl__cprincipal;

typedef struct tl__cstmt {
	const tl_statement *src;
	tl__cprincipal *principals;
	const char **actions; /* lowered; action_globs borrow this text */
	tl__glob *action_globs;
	tl__ccond *conds;
	/* Which parts are intrinsics, unknown until deployed (tl_eval then
	 * asks whether the statement might apply, not only whether it does). */
	bool unknown_principal, unknown_action, unknown_effect, unknown_any;
	/* condition indices ordered by (key_hash, key_len, key, index), so the
	 * constraint view finds a key's conditions by binary search instead of
	 * a walk over all of them (lint rules ask once per key) */
	size_t *by_key;
} tl__cstmt;

uint32_t tl__hash_lower(const char *s, size_t len);
/* The one order of the indices the constraint view and eval search
 * (cs->by_key, cc->by_prefix): by key hash, length and lowered text; by
 * literal prefix length and bytes.  The sorts add position as a tie-break. */
int tl__ccond_key_cmp(const tl__ccond *cc, uint32_t hash, size_t len, const char *lower);
int tl__cvalue_prefix_cmp(const tl__cvalue *cv, const char *s, size_t len);

/* Compile every statement of `policy`; problems (type mismatches, bad
 * variables) are appended to `problems`. */
struct tl_policy;
struct tl__problems;
tl_status tl__compile(struct tl_policy *policy, struct tl__problems *problems);

/* Family of an operator (from operators.def). */
tl__family tl__operator_family(tl_operator op);
bool tl__operator_negated(tl_operator op);
/* Parse "ForAnyValue:StringLikeIfExists" and the like; false when unknown. */
bool tl__operator_parse(const char *s, size_t len, tl_operator *op, tl_qualifier *qual,
                        bool *if_exists);

#endif
