/*
 * tag-condition-without-tag-session.c - TL407: conditions on session tags
 * (aws:RequestTag/KEY, aws:TagKeys, sts:TransitiveTagKeys) when no Allow
 * statement grants sts:TagSession to the same kind of principal, and
 * conditions on sts:SourceIdentity when none grants sts:SetSourceIdentity.
 *
 * Passing session tags is a second action the trust policy must allow
 * (sts:TagSession); without it STS refuses any request that carries tags
 * (IAM "Pass session tags in AWS STS").  Setting a source identity needs
 * sts:SetSourceIdentity likewise (IAM condition keys for STS).  Access
 * Analyzer reports "Missing action for condition key" as an error
 * (PEERS.md C10; SEMANTICS.md 2.5).
 *
 * Graded with the constraint view: an error when the statement's
 * conditions require the key (a caller that omits it is refused), since
 * then nobody can assume the role through the statement; a warning when
 * they admit a request without it, since then the condition is dead code
 * (no request can ever carry the key).  "Same kind" is the principal type
 * (AWS, Service, Federated); a bare "*" principal covers every kind.
 * Statements whose only principal is pods.eks.amazonaws.com are left to
 * TL502, which says the same thing in Pod Identity's terms.
 */
#include <string.h>

#include "lint.h"
#include "tables.h"

typedef struct session_need {
	const char *action; /* the action the key needs */
	const char *what;   /* "session tags" */
	bool (*is_key)(const char *key);
} session_need;

static bool is_tag_key(const char *k)
{
	return (str_istarts(k, "aws:RequestTag/") && strlen(k) > 15) || str_ieq(k, "aws:TagKeys") ||
	       str_ieq(k, "sts:TransitiveTagKeys");
}

static bool is_source_identity_key(const char *k)
{
	return str_ieq(k, "sts:SourceIdentity");
}

static const session_need needs[] = {
	{"sts:TagSession", "session tags", is_tag_key},
	{"sts:SetSourceIdentity", "a source identity", is_source_identity_key},
};

/* Does some Allow statement grant `action` to principals of type `type`? */
static bool granted(const tl_document *doc, const char *action, tl_principal_type type)
{
	size_t i, j;

	for (i = 0; i < doc->n_statements; i++) {
		const tl_statement *t = &doc->statements[i];

		if (t->effect != TL_EFFECT_ALLOW || t->not_principal ||
		    !stmt_allows_action(t, action))
			continue;
		for (j = 0; j < t->n_principals; j++)
			if (t->principals[j].type == type ||
			    t->principals[j].type == TL_PRINCIPAL_STAR)
				return true;
	}
	return false;
}

/* The first principal type of `st` that no statement grants `action`, or -1. */
static int ungranted_type(const tl_document *doc, const tl_statement *st, const char *action)
{
	size_t j;

	for (j = 0; j < st->n_principals; j++) {
		tl_principal_type type = st->principals[j].type;

		if (type == TL_PRINCIPAL_UNKNOWN)
			continue;
		if (!granted(doc, action, type))
			return (int)type;
	}
	return -1;
}

static bool only_pod_identity(const tl_statement *st)
{
	size_t j;

	for (j = 0; j < st->n_principals; j++)
		if (st->principals[j].type != TL_PRINCIPAL_SERVICE ||
		    strcmp(st->principals[j].value.text, "pods.eks.amazonaws.com") != 0)
			return false;
	return st->n_principals > 0;
}

static const char *kind_name(tl_principal_type type)
{
	return type == TL_PRINCIPAL_STAR ? "\"*\"" : tl_principal_type_name(type);
}

/*
 * Report once per statement and need, at the key (first in byte order, so
 * the finding does not depend on the order of the keys) whose conditions
 * refuse a request without it; else at the first key that needs it.
 */
static void check_need(lint_ctx *ctx, size_t si, const session_need *need)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const tl_condition *first = NULL, *required = NULL;
	bool more = false;
	size_t j;
	int type;

	for (j = 0; j < st->n_conditions; j++) {
		const tl_condition *c = &st->conditions[j];

		if (!need->is_key(c->key.text))
			continue;
		if (first && !str_ieq(c->key.text, first->key.text))
			more = true;
		if (!first || strcmp(c->key.text, first->key.text) < 0)
			first = c;
		if ((!required || strcmp(c->key.text, required->key.text) < 0) &&
		    !tl_statement_admits(ctx->policy, si, c->key.text, NULL, 0, false))
			required = c;
	}
	if (!first || (type = ungranted_type(ctx->doc, st, need->action)) < 0)
		return;
	if (required)
		lint_report_sev(ctx, LINT_ERROR, &required->key.loc, NULL,
		                "condition key \"%s\"%s requires %s, but no Allow statement grants "
		                "%s to %s principals: STS refuses such a request, so no one can "
		                "assume the role through this statement",
		                required->key.text, more ? " (and others like it)" : "", need->what,
		                need->action, kind_name((tl_principal_type)type));
	else
		lint_report_sev(ctx, LINT_WARNING, &first->key.loc, NULL,
		                "condition key \"%s\"%s tests %s, but no Allow statement grants %s "
		                "to %s principals: no request can carry it, so the condition "
		                "checks nothing",
		                first->key.text, more ? " (and others like it)" : "", need->what,
		                need->action, kind_name((tl_principal_type)type));
}

static void check(lint_ctx *ctx)
{
	size_t i, n;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal || only_pod_identity(st))
			continue;
		for (n = 0; n < sizeof(needs) / sizeof(*needs); n++)
			check_need(ctx, i, &needs[n]);
	}
}

const rule_def rule_tag_condition_without_tag_session = {
	.code = 407,
	.name = "tag-condition-without-tag-session",
	.severity = LINT_ERROR,
	.summary = "a condition on session tags without sts:TagSession, or on sts:SourceIdentity "
	           "without sts:SetSourceIdentity",
	.rationale = "Passing session tags or a source identity is a separate action the trust "
	             "policy must allow: without sts:TagSession STS refuses any request that "
	             "carries tags, and without sts:SetSourceIdentity any that sets a source "
	             "identity (IAM \"Pass session tags in AWS STS\"; Access Analyzer \"Missing "
	             "action for condition key\"). A condition that requires aws:RequestTag/KEY "
	             "then makes the role impossible to assume; one that merely tests it checks "
	             "nothing.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/ci-runner\"}, "
	       "\"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": "
	       "{\"aws:RequestTag/team\": \"platform\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:role/ci-runner\"}, "
	        "\"Action\": [\"sts:AssumeRole\", \"sts:TagSession\"], \"Condition\": "
	        "{\"StringEquals\": {\"aws:RequestTag/team\": \"platform\"}}}]}",
	.fix = "Add sts:TagSession (for tag keys) or sts:SetSourceIdentity (for "
	       "sts:SourceIdentity) to the statement's Action, or allow it to the same principals "
	       "in another statement.",
	.check = check,
};
