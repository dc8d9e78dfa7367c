/*
 * cross-account-without-external-id.c - TL203: another account's
 * principals may assume the role with sts:AssumeRole and nothing asks
 * for an external id.
 *
 * Two risks, kept apart because peers conflate them (PEERS.md B5, B6):
 *
 * - Over-delegation (B6): trusting an account (its id or its root ARN)
 *   delegates to every user and role of that account whose own policies
 *   allow sts:AssumeRole on this role (IAM user guide,
 *   id_roles_update-role-trust-policy; SEMANTICS.md 2.4).  This needs no
 *   knowledge of the organisation: reported for any account that is not
 *   known to be ours.  An account principal narrowed by a positive
 *   aws:PrincipalArn (or aws:userid) condition is NOT over-delegation: it
 *   names principals exactly like a role ARN does, and it survives the
 *   role's recreation (checkov#7209), so it is treated as a named
 *   principal below.
 *
 * - Confused deputy through a third party (B5): a vendor that assumes
 *   roles for many customers can be told by another customer to assume
 *   yours; sts:ExternalId is the guard (IAM user guide, "Access to AWS
 *   accounts owned by third parties", confused-deputy page; KICS, Datadog
 *   def-000-au9).  Whether an account is a third party needs to know the
 *   organisation's accounts, so a named role or user of another account is
 *   reported only when own accounts are known (--account, the role's own
 *   account) and it is not one of them.  With no accounts known, every
 *   intra-organisation role-to-role trust would be flagged, which is the
 *   noise users complain of (PEERS.md 3a).
 *
 * Either risk is void when the statement positively requires (by the
 * evaluator's own condition logic, see tl_statement_admits) sts:ExternalId,
 * aws:PrincipalOrgID / aws:PrincipalOrgPaths (the caller is inside a named
 * organisation), or MFA (aws:MultiFactorAuthPresent true or an
 * aws:MultiFactorAuthAge bound: a person, not a vendor's service, is
 * calling; KICS accepts MFA too).  "Positively requires" means a caller
 * that omits the key is refused and so is one that sends an arbitrary
 * value, so IfExists, negated operators, ForAllValues and "*" patterns do
 * not count.
 *
 * With no own accounts known at all the over-delegation finding is a note
 * that says "pass --account to tell".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

/* Does the statement refuse callers that omit `key`, and (when `probe` is
 * given) callers that send `probe` as its value? */
static bool requires_key(const lint_ctx *ctx, size_t si, const char *key, const char *probe)
{
	const char *one[1] = {probe};

	if (tl_statement_admits(ctx->policy, si, key, NULL, 0, false))
		return false;
	return !probe || !tl_statement_admits(ctx->policy, si, key, one, 1, true);
}

/* ExternalId, organisation or MFA: the guards against a confused deputy. */
static bool guarded(const lint_ctx *ctx, size_t si)
{
	return requires_key(ctx, si, "sts:ExternalId", "trustlint-probe-external-id") ||
	       requires_key(ctx, si, "aws:PrincipalOrgID", "o-trustlintprobe") ||
	       requires_key(ctx, si, "aws:PrincipalOrgPaths",
	                    "o-trustlintprobe/r-prob/ou-prob-trustlnt/") ||
	       requires_key(ctx, si, "aws:MultiFactorAuthPresent", "false") ||
	       requires_key(ctx, si, "aws:MultiFactorAuthAge", NULL);
}

/*
 * What the statement's answers are, asked once per statement instead of
 * once per principal: a statement naming thousands of principals of a few
 * accounts costs a few tl_statement_admits calls, not thousands (each call
 * evaluates every condition value on the key).  Whether a condition
 * narrows an account depends on the principal only through its partition
 * and account, so the probe answers are kept per (partition, account).
 */
typedef struct account_answer {
	const char *part; /* partition, not NUL-terminated */
	int part_len;
	const char *account;
	signed char narrowed; /* -1 not asked yet */
} account_answer;

typedef struct stmt_memo {
	size_t si;
	signed char arn_bound; /* refuses a caller without aws:PrincipalArn; -1 not asked */
	signed char userid;    /* requires aws:userid (a probe role's id refused); -1 not asked */
	const char *external_id; /* external_id_state, once asked */
	account_answer *accounts; /* sorted; NULL: none, or out of memory (then asked each time) */
	size_t n_accounts;
} stmt_memo;

/* The partition of an ARN principal ("aws" for a bare account id). */
static void partition_of(const tl_principal *p, const char **part, int *part_len)
{
	const char *v = p->value.text, *colon;

	*part = "aws";
	*part_len = 3;
	if (strncmp(v, "arn:", 4) == 0 && (colon = strchr(v + 4, ':')) && colon - v - 4 < 32) {
		*part = v + 4;
		*part_len = (int)(colon - *part);
	}
}

static int by_account(const void *pa, const void *pb)
{
	const account_answer *a = pa, *b = pb;
	int c = strcmp(a->account, b->account);

	if (c)
		return c;
	if (a->part_len != b->part_len)
		return a->part_len < b->part_len ? -1 : 1;
	return memcmp(a->part, b->part, (size_t)a->part_len);
}

/* The (partition, account) pairs of the statement's account principals. */
static void collect_accounts(stmt_memo *m, const tl_statement *st)
{
	size_t i, n = 0;

	m->accounts = NULL;
	m->n_accounts = 0;
	for (i = 0; i < st->n_principals; i++)
		n += st->principals[i].form == TL_FORM_ACCOUNT;
	if (!n || !(m->accounts = malloc(n * sizeof(*m->accounts))))
		return;
	for (i = 0; i < st->n_principals; i++) {
		account_answer *a = &m->accounts[m->n_accounts];

		if (st->principals[i].form != TL_FORM_ACCOUNT)
			continue;
		partition_of(&st->principals[i], &a->part, &a->part_len);
		a->account = st->principals[i].account;
		a->narrowed = -1;
		m->n_accounts++;
	}
	qsort(m->accounts, m->n_accounts, sizeof(*m->accounts), by_account);
}

/* Would aws:PrincipalArn refuse an arbitrary role of this account? */
static bool arn_refuses_stranger(const lint_ctx *ctx, size_t si, const char *part, int part_len,
                                 const char *account)
{
	char arn[96];
	const char *one[1] = {arn};

	snprintf(arn, sizeof(arn), "arn:%.*s:iam::%s:role/trustlint-probe", part_len, part,
	         account);
	return !tl_statement_admits(ctx->policy, si, "aws:PrincipalArn", one, 1, true);
}

/* Does the statement require aws:userid (refuse a probe role's id)? */
static bool userid_required(const lint_ctx *ctx, stmt_memo *m)
{
	if (m->userid < 0)
		m->userid = requires_key(ctx, m->si, "aws:userid",
		                         "AROATRUSTLINTPROBE0000:trustlint-probe");
	return m->userid;
}

/* Does a condition narrow the account of `p` to named principals: would it
 * refuse an arbitrary role of that account (in the principal's partition)? */
static bool narrowed(const lint_ctx *ctx, stmt_memo *m, const tl_principal *p)
{
	account_answer want, *hit = NULL;
	bool refused;

	if (m->arn_bound < 0) {
		m->arn_bound = !tl_statement_admits(ctx->policy, m->si, "aws:PrincipalArn", NULL, 0,
		                                     false);
		if (m->arn_bound)
			collect_accounts(m, &ctx->doc->statements[m->si]);
	}
	if (m->arn_bound) {
		partition_of(p, &want.part, &want.part_len);
		want.account = p->account;
		if (m->accounts)
			hit = bsearch(&want, m->accounts, m->n_accounts, sizeof(*m->accounts),
			              by_account);
		if (hit && hit->narrowed < 0)
			hit->narrowed = arn_refuses_stranger(ctx, m->si, want.part, want.part_len,
			                                     p->account);
		refused = hit ? hit->narrowed
		              : arn_refuses_stranger(ctx, m->si, want.part, want.part_len, p->account);
		if (refused)
			return true;
	}
	return userid_required(ctx, m);
}

static bool no_accounts_known(const lint_ctx *ctx)
{
	return !ctx->role_account && (!ctx->options || ctx->options->n_accounts == 0);
}

static const char *form_word(tl_principal_form f)
{
	switch (f) {
	case TL_FORM_USER:
		return "user";
	case TL_FORM_ROLE:
		return "role";
	case TL_FORM_SESSION:
		return "role session";
	default:
		return "federated user";
	}
}

/* What the statement's sts:ExternalId condition does, in a phrase that
 * follows "without" or "and": none at all, or one that lets any value (or
 * no value) through, which is no guard either. */
static const char *external_id_phrase(const lint_ctx *ctx, size_t si)
{
	if (!stmt_mentions_key(&ctx->doc->statements[si], "sts:ExternalId"))
		return "no sts:ExternalId condition";
	if (tl_statement_admits(ctx->policy, si, "sts:ExternalId", NULL, 0, false))
		return "an sts:ExternalId condition that a caller sending no external id passes "
		       "(IfExists, a negated operator or ForAllValues)";
	return "an sts:ExternalId condition that admits any value (a wildcard pattern)";
}

/* external_id_phrase, worked out once per statement (every report names it). */
static const char *external_id_state(const lint_ctx *ctx, stmt_memo *m)
{
	if (!m->external_id)
		m->external_id = external_id_phrase(ctx, m->si);
	return m->external_id;
}

static const char *const external_id_fix =
	"require the external id the third party gave you: \"StringEquals\": {\"sts:ExternalId\": "
	"\"YOUR-EXTERNAL-ID\"}; for your own accounts pass --account";

/* An account trusted as a whole: over-delegation, plus no external id. */
static void report_account(lint_ctx *ctx, stmt_memo *m, const tl_principal *p)
{
	bool unknown = no_accounts_known(ctx);

	lint_report_sev(ctx, unknown ? LINT_NOTE : LINT_WARNING, &p->value.loc,
	                "name the roles that may assume this one (in Principal, or with a positive "
	                "aws:PrincipalArn condition), and require sts:ExternalId when the account "
	                "is a third party's",
	                "principal \"%s\" lets every user and role of account %s whose own "
	                "policies allow sts:AssumeRole assume this role, with %s and no "
	                "aws:PrincipalOrgID or MFA condition to guard it%s",
	                p->value.text, p->account, external_id_state(ctx, m),
	                unknown ? " (pass --account to tell whether the account is yours)"
	                        : ", and the account is not one of yours");
}

/* A named principal of an account known not to be ours. */
static void report_named(lint_ctx *ctx, stmt_memo *m, const tl_principal *p,
                         bool via_condition)
{
	if (via_condition)
		lint_report(ctx, &p->value.loc, external_id_fix,
		            "principal \"%s\" (narrowed to named principals by a condition) trusts "
		            "account %s, which is not one of yours, with %s: if it "
		            "is a third party acting for several customers, another customer can "
		            "have it assume this role (confused deputy)",
		            p->value.text, p->account, external_id_state(ctx, m));
	else
		lint_report(ctx, &p->value.loc, external_id_fix,
		            "%s \"%s\" of account %s, which is not one of yours, may assume this "
		            "role with %s: if it is a third party acting for "
		            "several customers, another customer can have it assume this role "
		            "(confused deputy)",
		            form_word(p->form), p->value.text, p->account, external_id_state(ctx, m));
}

static bool has_account(const tl_principal *p)
{
	switch (p->form) {
	case TL_FORM_ACCOUNT:
	case TL_FORM_USER:
	case TL_FORM_ROLE:
	case TL_FORM_SESSION:
	case TL_FORM_FEDERATED_USER:
		return p->type == TL_PRINCIPAL_AWS && p->account[0];
	default:
		return false;
	}
}

static void check_statement(lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	stmt_memo m = {si, -1, -1, NULL, NULL, 0};
	size_t j;

	if (st->effect != TL_EFFECT_ALLOW || st->not_principal ||
	    !stmt_allows_action(st, "sts:AssumeRole") || guarded(ctx, si))
		return;
	for (j = 0; j < st->n_principals; j++) {
		const tl_principal *p = &st->principals[j];
		bool named;

		if (!has_account(p) || lint_own_account(ctx, p->account))
			continue;
		named = p->form != TL_FORM_ACCOUNT || narrowed(ctx, &m, p);
		if (!named)
			report_account(ctx, &m, p);
		else if (!no_accounts_known(ctx))
			report_named(ctx, &m, p, p->form == TL_FORM_ACCOUNT);
	}
	free(m.accounts);
}

static void check(lint_ctx *ctx)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++)
		check_statement(ctx, i);
}

const rule_def rule_cross_account_without_external_id = {
	.code = 203,
	.name = "cross-account-without-external-id",
	.severity = LINT_WARNING,
	.summary = "another account may assume the role and no sts:ExternalId, organisation or MFA "
	           "condition guards it",
	.rationale = "Trusting an account id or root ARN delegates to every user and role of that "
	             "account whose own policies allow sts:AssumeRole on the role (IAM user guide, "
	             "\"Update a role trust policy\"); naming roles, or narrowing the root with a "
	             "positive aws:PrincipalArn condition (checkov#7209), does not. When the other "
	             "account is a third party that assumes roles for many customers, another "
	             "customer can give it your role ARN and it assumes your role for them: the "
	             "confused deputy that sts:ExternalId prevents (IAM user guide, \"The confused "
	             "deputy problem\"; KICS, Datadog def-000-au9). Reported as a note until "
	             "--account tells trustlint which accounts are yours.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": "
	       "\"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": "
	        "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": "
	        "\"c5a7e0d2-4b1f-4e8a\"}}}]}",
	.fix = "Require the external id the third party issued you (\"StringEquals\": "
	       "{\"sts:ExternalId\": \"...\"}); for your own accounts name the roles (or add a "
	       "positive aws:PrincipalArn condition) and pass --account so trustlint knows them.",
	.check = check,
};
