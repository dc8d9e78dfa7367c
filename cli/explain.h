/*
 * explain.h - turn a decision and its trace into words (text) or data
 * (JSON); shared by `eval` and, later, the simulate REPL.
 */
#ifndef TL_EXPLAIN_H
#define TL_EXPLAIN_H

#include <stdio.h>

#include "trustlint.h"

/*
 * When the policy's intrinsic functions (unknown until deployed) could
 * change the decision, one line saying to what and which statement:
 * "unresolved: could also be Allow once ... (statement 1 might apply)".
 * Prints nothing otherwise.
 */
void explain_unresolved(FILE *out, const tl_result *res);
void explain_text(FILE *out, const tl_policy *policy, const tl_request *req,
                  const tl_trace *trace, const tl_result *res);
void explain_json(FILE *out, const tl_policy *policy, const tl_request *req,
                  const tl_trace *trace, const tl_result *res);

#endif
