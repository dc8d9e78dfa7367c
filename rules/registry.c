/*
 * registry.c - the one list of rules, expanded from rules.def: once for
 * the declarations of each rule's definition, once for the array.
 */
#include <stdlib.h>
#include <string.h>

#include "lint.h"

#define RULE(id) extern const rule_def rule_##id;
#include "rules.def"
#undef RULE

const rule_def *const lint_rules[] = {
#define RULE(id) &rule_##id,
#include "rules.def"
#undef RULE
};

const size_t lint_rule_count = sizeof(lint_rules) / sizeof(*lint_rules);

/* By kebab-case name, or by code ("TL301" or "301"). */
const rule_def *lint_rule_find(const char *s)
{
	size_t i;
	const char *digits = (s[0] == 'T' || s[0] == 't') && (s[1] == 'L' || s[1] == 'l') ? s + 2 : s;
	char *end;
	long code = strtol(digits, &end, 10);

	for (i = 0; i < lint_rule_count; i++) {
		if (strcmp(lint_rules[i]->name, s) == 0)
			return lint_rules[i];
		if (*digits && *end == '\0' && lint_rules[i]->code == code)
			return lint_rules[i];
	}
	return NULL;
}
