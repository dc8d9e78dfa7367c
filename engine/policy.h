/*
 * policy.h - the policy object shared by the engine's modules.
 *
 * Ownership: everything hangs off the policy's arena and dies with
 * tl_policy_free.  policy.c builds the model and its problems from the
 * JSON tree; compile.c adds the evaluation-ready form; eval.c reads both.
 */
#ifndef TL_POLICY_H
#define TL_POLICY_H

#include "arena.h"
#include "compile.h"
#include "json.h"
#include "trustlint.h"

struct tl_policy {
	tl__arena arena;
	tl_document doc;
	tl__cstmt *compiled; /* one per statement */
	size_t max_conditions; /* the most conditions in one statement */
	size_t total_conditions;
};

/* Problem list under construction (grows in the arena). */
typedef struct tl__problems {
	tl_problem *items;
	size_t n, cap, hard;
} tl__problems;

/* Append a problem to `list` (NULL: discard it). */
void tl__problem_add(tl__arena *a, tl__problems *list, tl_problem_kind kind, const tl_loc *loc,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* An empty policy with its arena, for trees built outside tl_policy_parse
 * (YAML); then tl__policy_build.  Free with tl_policy_free. */
tl_policy *tl__policy_new(void);
/* A document's size as IAM's quota counts it: characters other than white
 * space (so a UTF-8 sequence counts once). */
size_t tl__quota_chars(const char *text, size_t len);

tl_status tl__policy_build(tl_policy *policy, const tl__jnode *root, size_t size,
                           const tl_limits *limits, tl_error *err);

/* Classify one principal value under its key (sets form and account). */
void tl__principal_classify(tl_principal *p);

#endif
