/*
 * eval.h - the evaluator's condition logic, shared with the constraint
 * view (view.c) so that both always give the same answer.
 */
#ifndef TL_EVAL_H
#define TL_EVAL_H

#include "compile.h"
#include "request.h"

/* Evaluate one compiled condition against a request; fills *t. */
bool tl__eval_condition(const tl__ccond *cc, const tl_request *r, tl_cond_trace *t);
/* The same answer, trying policy value `first` (if in range) before the
 * others for each request value; only t->policy_value may differ. */
bool tl__eval_condition_first(const tl__ccond *cc, const tl_request *r, size_t first,
                              tl_cond_trace *t);

#endif
