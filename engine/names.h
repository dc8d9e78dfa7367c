/*
 * names.h - the engine's enums read back from the words names.c prints
 * them as.  Nothing here allocates.
 */
#ifndef TL_NAMES_H
#define TL_NAMES_H

#include "trustlint.h"

/* "AWS", "Service", "Federated", "CanonicalUser" or "Anonymous" (exact
 * case) as its type; TL_PRINCIPAL_UNKNOWN for any other word.  A policy's
 * Principal keys know no Anonymous: the policy reader maps it to unknown. */
tl_principal_type tl__principal_type_from_name(const char *name);

#endif
