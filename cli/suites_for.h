/*
 * suites_for.h - the expectation files that pin given policy files, so
 * that `trustlint check roles/deploy.json` (what a pre-commit hook runs
 * on a changed file) runs the tests that the change can break.
 */
#ifndef TL_SUITES_FOR_H
#define TL_SUITES_FOR_H

#include <stddef.h>

#include "walk.h"

/*
 * Append to `out` every expectation file that pins one of `policies`:
 * NAME.test.json beside NAME.json, and each *.test.json in the policy's
 * folder or a folder above it -- up to the repository root, the nearest
 * folder holding .git (only the policy's own folder outside a
 * repository) -- one of whose cases names the policy.  Files already in
 * `skip` are left out; each file is added once, in path order.  Paths
 * below the working directory are given relative to it.  Returns 0, or -1
 * when out of memory.
 */
int suites_for(file_list *out, char *const *policies, size_t n_policies, const file_list *skip);

#endif
