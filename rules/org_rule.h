/*
 * org_rule.h - one organisation rule of .trustlint.json, as config.c
 * loads it and org-policy.c runs it.
 *
 * Ownership: the rule owns its strings and compiled patterns;
 * org_rule_release frees them (the lint_config owns the rule itself).
 */
#ifndef TL_ORG_RULE_H
#define TL_ORG_RULE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "config.h"

struct org_rule {
	char *key; /* glob over condition keys, case-insensitive */
	pcre2_code *must_match, *must_not_match;
	char *must_match_src, *must_not_match_src;
	char *message;
	lint_severity severity;
};

/* Free what the rule holds (not the rule); NULL members are fine. */
void org_rule_release(org_rule *r);

#endif
