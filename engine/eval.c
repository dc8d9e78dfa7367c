/*
 * eval.c - decide a request against a compiled trust policy.
 *
 * The algorithm is the IAM policy evaluation logic for one resource-based
 * policy (SEMANTICS.md 2.1): a statement applies when its principal, its
 * action and every condition match; any applicable Deny gives ExplicitDeny,
 * else any applicable Allow gives Allow, else ImplicitDeny.  Statement
 * order does not matter.  Policy-variable substitution writes into the
 * request's scratch (request.h), which is big enough for any substitution
 * that could still match; the only allocation is glob.c's, for a pattern
 * segment whose match tables outgrow its 8 KiB stack buffer (hundreds of
 * characters around a '?'), far beyond IAM's policy size quota.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "glob.h"
#include "policy.h"
#include "request.h"
#include "values.h"

/* A policy value after variable substitution. */
typedef struct subst {
	char *text;
	unsigned char *literal;
	size_t len;
	bool resolved;
} subst;

/* ---- principals ------------------------------------------------------ */

/* Role entry vs caller: same partition, account and role name (case-
 * insensitive, IAM role names being unique without case); when the entry
 * has a path and the context gives aws:PrincipalArn, that must equal it. */
static bool role_matches(const tl__cprincipal *cp, const tl_request *r)
{
	const tl_principal *p = cp->src;
	const tl__rkey *parn;

	if (r->form != TL__CALLER_SESSION && r->form != TL__CALLER_ROLE)
		return false;
	if (strcmp(p->account, r->account) != 0 || cp->partition_len != strlen(r->partition) ||
	    memcmp(cp->partition, r->partition, cp->partition_len) != 0)
		return false;
	if (cp->role_name_len != r->role_name_len ||
	    memcmp(cp->role_name, r->role_name, r->role_name_len) != 0)
		return false;
	if (!cp->role_has_path)
		return true;
	parn = tl__request_find(r, "aws:principalarn", 16, tl__hash_lower("aws:principalarn", 16));
	if (!parn || parn->derived || parn->n != 1)
		return true; /* the session ARN carries no path: name and account decide */
	return parn->values[0].len == p->value.len &&
	       memcmp(parn->values[0].text, p->value.text, p->value.len - cp->role_name_len) == 0 &&
	       tl__ascii_ieq(parn->values[0].text + p->value.len - cp->role_name_len,
	                     cp->role_name_len, cp->role_name, cp->role_name_len);
}

static bool unique_id_matches(const tl_principal *p, const tl_request *r)
{
	const tl__rkey *uid = tl__request_find(r, "aws:userid", 10, tl__hash_lower("aws:userid", 10));
	const char *v, *colon;
	size_t len;

	if (!uid || uid->n != 1)
		return false;
	v = uid->values[0].text;
	colon = memchr(v, ':', uid->values[0].len);
	len = colon ? (size_t)(colon - v) : uid->values[0].len;
	return len == p->value.len && memcmp(v, p->value.text, len) == 0;
}

/* An account entry's ARN names a partition, which must be the caller's
 * (an ARN names a resource in one partition: ARN format page).  A bare
 * account id entry, or a caller given as a bare account id, names none and
 * matches in any. */
static bool same_partition(const tl__cprincipal *cp, const tl_request *r)
{
	size_t n = strlen(r->partition);

	return !cp->partition_len || !n ||
	       (cp->partition_len == n && memcmp(cp->partition, r->partition, n) == 0);
}

static tl_principal_match match_one(const tl__cprincipal *cp, const tl_request *r)
{
	const tl_principal *p = cp->src;

	if (p->form == TL_FORM_WILDCARD &&
	    (p->type == TL_PRINCIPAL_AWS || p->type == TL_PRINCIPAL_STAR))
		return TL_MATCH_DIRECT; /* "*" is everyone (principal element page) */
	if (r->type == TL_PRINCIPAL_ANONYMOUS || p->type != r->type)
		return TL_MATCH_NONE;
	switch (p->form) {
	case TL_FORM_WILDCARD:
		return TL_MATCH_DIRECT; /* {"Service": "*"} and the like */
	case TL_FORM_ACCOUNT:
		return r->form != TL__CALLER_OTHER && r->form != TL__CALLER_NONE &&
		               strcmp(p->account, r->account) == 0 && same_partition(cp, r)
		           ? TL_MATCH_ACCOUNT
		           : TL_MATCH_NONE;
	case TL_FORM_ROLE:
		return role_matches(cp, r) ? TL_MATCH_DIRECT : TL_MATCH_NONE;
	case TL_FORM_UNIQUE_ID:
		return unique_id_matches(p, r) ? TL_MATCH_DIRECT : TL_MATCH_NONE;
	case TL_FORM_FEDERATED_USER: /* such sessions cannot call AssumeRole */
	case TL_FORM_INVALID:
	case TL_FORM_PLACEHOLDER: /* unknown until deployed: names no one we can see */
		return TL_MATCH_NONE;
	default: /* users, sessions, services, providers, canonical users */
		return p->value.len == r->id_len && memcmp(p->value.text, r->id, r->id_len) == 0
		           ? TL_MATCH_DIRECT
		           : TL_MATCH_NONE;
	}
}

/*
 * NotPrincipal (only legacy documents; IAM refuses it in trust policies):
 * AWS checks the account, then the role, then the session or user, so a
 * caller is exempt only when every layer of it is listed (NotPrincipal
 * element page, example with a user and its account).
 */
static bool not_principal_exempts(const tl__cstmt *cs, const tl_request *r)
{
	bool direct = false, account = false, role = false, wildcard = false;
	size_t i;

	for (i = 0; i < cs->src->n_principals; i++) {
		const tl__cprincipal *cp = &cs->principals[i];
		tl_principal_match m = match_one(cp, r);

		if (cp->src->form == TL_FORM_WILDCARD && m != TL_MATCH_NONE)
			wildcard = true;
		else if (m == TL_MATCH_ACCOUNT)
			account = true;
		else if (m == TL_MATCH_DIRECT && cp->src->form == TL_FORM_ROLE)
			role = true;
		else if (m == TL_MATCH_DIRECT)
			direct = true;
	}
	if (wildcard)
		return true;
	switch (r->form) {
	case TL__CALLER_ACCOUNT:
		return account;
	case TL__CALLER_USER:
		return direct && account;
	case TL__CALLER_SESSION:
		return direct && role && account;
	case TL__CALLER_ROLE:
		return role && account;
	default:
		return direct;
	}
}

static tl_principal_match match_principal(const tl__cstmt *cs, const tl_request *r, long *which)
{
	tl_principal_match best = TL_MATCH_NONE;
	size_t i;

	*which = -1;
	if (cs->src->not_principal)
		return not_principal_exempts(cs, r) ? TL_MATCH_NONE : TL_MATCH_DIRECT;
	for (i = 0; i < cs->src->n_principals; i++) {
		tl_principal_match m = match_one(&cs->principals[i], r);
		if (m == TL_MATCH_DIRECT) {
			*which = (long)i;
			return m;
		}
		if (m == TL_MATCH_ACCOUNT && best == TL_MATCH_NONE) {
			best = m;
			*which = (long)i;
		}
	}
	return best;
}

/* ---- actions --------------------------------------------------------- */

static bool match_action(const tl__cstmt *cs, const tl_request *r, long *which)
{
	size_t i;

	*which = -1;
	if (!r->action)
		return false;
	for (i = 0; i < cs->src->n_actions; i++)
		if (cs->src->actions[i].kind == TL_JSON_STRING &&
		    tl__glob_run(&cs->action_globs[i], r->action, r->action_len)) {
			*which = (long)i;
			return !cs->src->not_action;
		}
	return cs->src->not_action;
}

/* ---- policy variables ------------------------------------------------ */

/* Can a pattern with this many characters that must each consume one
 * request character (`fixed`) and this many wildcard '*' runs (`stars`)
 * still match a request value of `vlen` bytes?  For the exact string
 * operators every character is fixed. */
static bool may_fit(size_t fixed, size_t stars, size_t vlen)
{
	return fixed <= vlen && stars <= vlen + 1;
}

/*
 * Expand `cv`'s tokens against the request into the request's scratch,
 * for comparison with a request value of `vlen` bytes.  A variable whose
 * key is absent (or multi-valued) and has no default leaves the value
 * unresolved: it then matches nothing (IAM policy variables page).
 * Substituted text is literal, never wildcard.  Runs of wildcard '*' are
 * kept as one (the same glob), and a result too long to match `vlen`
 * bytes is reported unresolved too: both bound the result by
 * 2 * vlen + 1, which the scratch holds (request.h).
 */
static void substitute(const tl__cvalue *cv, bool globs, const tl_request *r, size_t vlen,
                       subst *s)
{
	size_t i, j, at = 0, fixed = 0, stars = 0, half = 2 * r->max_value_len + 2;
	bool prev_star = false;

	s->resolved = false;
	if (!r->scratch || vlen > r->max_value_len)
		return;
	s->text = r->scratch;
	s->literal = (unsigned char *)r->scratch + half;
	for (i = 0; i < cv->n_tokens; i++) {
		const tl__vtoken *t = &cv->tokens[i];
		const char *piece = t->text;
		size_t plen = t->len;
		bool lit = !globs || t->literal;

		if (t->is_var) {
			const tl__rkey *k = tl__request_find(r, t->text, t->len, t->hash);
			if (k && k->n == 1) {
				piece = k->values[0].text;
				plen = k->values[0].len;
			} else if (t->dflt) {
				piece = t->dflt;
				plen = t->dflt_len;
			} else {
				return;
			}
			lit = true;
		}
		for (j = 0; j < plen; j++) {
			bool star = !lit && piece[j] == '*';
			if (star && prev_star)
				continue;
			prev_star = star;
			if (star)
				stars++;
			else
				fixed++;
			if (!may_fit(fixed, stars, vlen))
				return; /* too long to match: as good as unresolved */
			s->text[at] = piece[j];
			s->literal[at] = (unsigned char)lit;
			at++;
		}
	}
	s->len = at;
	s->resolved = true;
}

/* ---- typed comparisons ----------------------------------------------- */

static bool arn_parts_match(const char *pat, size_t plen, const unsigned char *lit,
                            const char *val, size_t vlen)
{
	tl__arn p, v;
	int i;

	if (!tl__arn_split(pat, plen, &p) || !tl__arn_split(val, vlen, &v))
		return false;
	for (i = 0; i < 6; i++)
		if (!tl__glob_match(p.part[i], p.len[i], lit ? lit + (p.part[i] - pat) : NULL,
		                    v.part[i], v.len[i]))
			return false;
	return true;
}

/* ArnLike with a prepared glob per part of the policy ARN. */
static bool arn_globs_match(const tl__glob *g, const char *val, size_t vlen)
{
	tl__arn v;
	int i;

	if (!tl__arn_split(val, vlen, &v))
		return false;
	for (i = 0; i < 6; i++)
		if (!tl__glob_run(&g[i], v.part[i], v.len[i]))
			return false;
	return true;
}

static int cmp_double(double a, double b)
{
	return (a > b) - (a < b);
}

static bool order_holds(tl__family f, int c)
{
	switch (f) {
	case TL__FAM_NUMERIC_EQ:
	case TL__FAM_DATE_EQ:
		return c == 0;
	case TL__FAM_NUMERIC_LT:
	case TL__FAM_DATE_LT:
		return c < 0;
	case TL__FAM_NUMERIC_LE:
	case TL__FAM_DATE_LE:
		return c <= 0;
	case TL__FAM_NUMERIC_GT:
	case TL__FAM_DATE_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

/* Is the request value a valid value of the operator's type?  The reason
 * to report when not, or TL_REASON_MATCHED when it is. */
static tl_cond_reason request_value_check(tl__family f, const tl__rvalue *rv)
{
	double d;
	tl__time t;
	bool b;
	tl__cidr ip;
	tl__arn arn;

	switch (f) {
	case TL__FAM_NUMERIC_EQ:
	case TL__FAM_NUMERIC_LT:
	case TL__FAM_NUMERIC_LE:
	case TL__FAM_NUMERIC_GT:
	case TL__FAM_NUMERIC_GE:
		return tl__parse_number(rv->text, rv->len, &d) ? TL_REASON_MATCHED : TL_REASON_BAD_NUMBER;
	case TL__FAM_DATE_EQ:
	case TL__FAM_DATE_LT:
	case TL__FAM_DATE_LE:
	case TL__FAM_DATE_GT:
	case TL__FAM_DATE_GE:
		return tl__parse_date(rv->text, rv->len, &t) ? TL_REASON_MATCHED : TL_REASON_BAD_DATE;
	case TL__FAM_BOOL:
		return tl__parse_bool(rv->text, rv->len, &b) ? TL_REASON_MATCHED : TL_REASON_BAD_BOOL;
	case TL__FAM_BINARY:
		return tl__base64_equals(rv->text, rv->len, NULL, 0) >= 0 ? TL_REASON_MATCHED
		                                                           : TL_REASON_BAD_BINARY;
	case TL__FAM_IP:
		return tl__parse_ip(rv->text, rv->len, &ip) ? TL_REASON_MATCHED : TL_REASON_BAD_IP;
	case TL__FAM_ARN:
		return tl__arn_split(rv->text, rv->len, &arn) ? TL_REASON_MATCHED : TL_REASON_BAD_ARN;
	default:
		return TL_REASON_MATCHED;
	}
}

/* Does one request value satisfy the positive form of the operator against
 * one policy value?  (request OP policy, e.g. request < policy.) */
static bool value_matches(const tl__ccond *cc, const tl__cvalue *cv, const tl__rvalue *rv,
                          const tl_request *r)
{
	const char *pt = cv->text;
	size_t pl = cv->len;
	const unsigned char *lit = cv->literal;
	subst s;

	if (!cv->valid)
		return false;
	if (cv->tokens) {
		substitute(cv, cc->family == TL__FAM_STRING_LIKE || cc->family == TL__FAM_ARN, r,
		           rv->len, &s);
		if (!s.resolved)
			return false;
		pt = s.text;
		pl = s.len;
		lit = s.literal;
	}
	switch (cc->family) {
	case TL__FAM_STRING:
		return pl == rv->len && memcmp(pt, rv->text, pl) == 0;
	case TL__FAM_STRING_IC:
		return tl__ascii_ieq(pt, pl, rv->text, rv->len);
	case TL__FAM_STRING_LIKE:
		return cv->glob ? tl__glob_run(cv->glob, rv->text, rv->len)
		                : tl__glob_match(pt, pl, lit, rv->text, rv->len);
	case TL__FAM_ARN:
		return cv->glob ? arn_globs_match(cv->glob, rv->text, rv->len)
		                : arn_parts_match(pt, pl, lit, rv->text, rv->len);
	case TL__FAM_NUMERIC_EQ:
	case TL__FAM_NUMERIC_LT:
	case TL__FAM_NUMERIC_LE:
	case TL__FAM_NUMERIC_GT:
	case TL__FAM_NUMERIC_GE: {
		double d;
		return tl__parse_number(rv->text, rv->len, &d) &&
		       order_holds(cc->family, cmp_double(d, cv->number));
	}
	case TL__FAM_DATE_EQ:
	case TL__FAM_DATE_LT:
	case TL__FAM_DATE_LE:
	case TL__FAM_DATE_GT:
	case TL__FAM_DATE_GE: {
		tl__time t;
		return tl__parse_date(rv->text, rv->len, &t) &&
		       order_holds(cc->family, tl__time_cmp(&t, &cv->time));
	}
	case TL__FAM_BOOL: {
		bool b;
		return tl__parse_bool(rv->text, rv->len, &b) && b == cv->boolean;
	}
	case TL__FAM_IP: {
		tl__cidr ip;
		return tl__parse_ip(rv->text, rv->len, &ip) && tl__cidr_contains(&cv->cidr, &ip);
	}
	case TL__FAM_BINARY:
		return tl__base64_equals(rv->text, rv->len, cv->bytes, cv->n_bytes) == 1;
	default:
		return false;
	}
}

/* (length, bytes) order of a value's literal prefix against the request
 * value's first `len` bytes. */
/* The first position in cc->by_prefix not below (len, s). */
static size_t prefix_lower_bound(const tl__ccond *cc, const char *s, size_t len)
{
	size_t lo = 0, hi = cc->n_indexed;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tl__cvalue_prefix_cmp(&cc->values[cc->by_prefix[mid]], s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * any_policy_value through the prefix index: only a value whose literal
 * prefix (all of it for String) the request value starts with can match
 * (for an ARN too: its parts before the wildcard's part match exactly),
 * so each distinct prefix length is looked up by binary search and only
 * those values are compared.  The lowest matching index wins, as in the
 * walk.  Without the index a list of n patterns probed n times (a lint
 * rule checking each pattern) costs n * n comparisons.
 */
static bool indexed_any(const tl__ccond *cc, const tl__rvalue *rv, const tl_request *r,
                        long *which)
{
	size_t best = SIZE_MAX, k, i;

	for (k = 0; k < cc->n_prefix_lens && cc->prefix_lens[k] <= rv->len; k++) {
		size_t len = cc->prefix_lens[k];
		for (i = prefix_lower_bound(cc, rv->text, len); i < cc->n_indexed; i++) {
			size_t at = cc->by_prefix[i];
			if (tl__cvalue_prefix_cmp(&cc->values[at], rv->text, len) != 0)
				break;
			if (at < best && value_matches(cc, &cc->values[at], rv, r))
				best = at;
		}
	}
	*which = best == SIZE_MAX ? -1 : (long)best;
	return best != SIZE_MAX;
}

/* OR over the policy values; *which gets the index that matched.  Value
 * `first` (when < n_values) is tried before the others: the constraint
 * view passes the value a probe was built from, which decides the OR in
 * one step where a walk would cost one step per value. */
static bool any_policy_value(const tl__ccond *cc, const tl__rvalue *rv, const tl_request *r,
                             size_t first, long *which)
{
	size_t i;

	if (first < cc->src->n_values && value_matches(cc, &cc->values[first], rv, r)) {
		*which = (long)first;
		return true;
	}
	if (cc->n_indexed)
		return indexed_any(cc, rv, r, which);
	for (i = 0; i < cc->src->n_values; i++)
		if (i != first && value_matches(cc, &cc->values[i], rv, r)) {
			*which = (long)i;
			return true;
		}
	*which = -1;
	return false;
}

/*
 * Does one request value satisfy the operator, negation included?  A value
 * that is not of the operator's type (*bad gets the reason) matches no
 * policy value, so a negated operator holds, except for ARNs: a value with
 * fewer than six parts satisfies neither ArnLike nor ArnNotLike
 * (SEMANTICS.md 3.6).  AWS documents neither case.
 */
static bool satisfies(const tl__ccond *cc, const tl__rvalue *rv, const tl_request *r,
                      size_t first, long *which, tl_cond_reason *bad)
{
	*bad = request_value_check(cc->family, rv);
	if (*bad != TL_REASON_MATCHED) {
		*which = -1;
		return cc->src->negated && *bad != TL_REASON_BAD_ARN;
	}
	return any_policy_value(cc, rv, r, first, which) != cc->src->negated;
}

/* ---- conditions ------------------------------------------------------ */

static bool eval_null(const tl__ccond *cc, const tl__rkey *k, tl_cond_trace *t)
{
	size_t i;

	t->reason = TL_REASON_NULL_CHECK;
	if (cc->src->qualifier == TL_QUAL_FOR_ALL_VALUES)
		return true; /* Access Analyzer "Null with qualifier" */
	if (cc->src->qualifier == TL_QUAL_FOR_ANY_VALUE)
		return false;
	for (i = 0; i < cc->src->n_values; i++)
		if (cc->values[i].valid && cc->values[i].boolean == (k == NULL)) {
			t->policy_value = (long)i;
			return true;
		}
	return false;
}

bool tl__eval_condition(const tl__ccond *cc, const tl_request *r, tl_cond_trace *t)
{
	return tl__eval_condition_first(cc, r, (size_t)-1, t);
}

bool tl__eval_condition_first(const tl__ccond *cc, const tl_request *r, size_t first,
                              tl_cond_trace *t)
{
	const tl_condition *c = cc->src;
	const tl__rkey *k = tl__request_find(r, cc->key, cc->key_len, cc->key_hash);
	bool neg = c->negated;
	long which = -1;
	tl_cond_reason bad;
	size_t i;

	t->policy_value = t->request_value = -1;
	t->key_index = k ? (long)(k - r->keys) : -1;
	if (cc->family == TL__FAM_UNKNOWN) {
		t->reason = TL_REASON_UNKNOWN_OPERATOR;
		return false;
	}
	if (cc->family == TL__FAM_NULL)
		return eval_null(cc, k, t);
	switch (c->qualifier) {
	case TL_QUAL_NONE:
		if (!k) {
			t->reason = c->if_exists ? TL_REASON_ABSENT_IFEXISTS : TL_REASON_ABSENT;
			return c->if_exists || neg;
		}
		if (k->n == 0) {
			t->reason = TL_REASON_EMPTY_SET;
			return neg;
		}
		if (k->n > 1) {
			t->reason = TL_REASON_MULTI_NO_QUALIFIER;
			return false;
		}
		t->request_value = 0;
		if (satisfies(cc, &k->values[0], r, first, &which, &bad)) {
			t->policy_value = which;
			t->reason = bad != TL_REASON_MATCHED ? bad
			            : neg                    ? TL_REASON_NONE_MATCHED
			                                     : TL_REASON_MATCHED;
			return true;
		}
		t->policy_value = which;
		t->reason = bad != TL_REASON_MATCHED ? bad : neg ? TL_REASON_SOME_MATCHED : TL_REASON_NO_MATCH;
		return false;
	case TL_QUAL_FOR_ANY_VALUE:
		if (!k || k->n == 0) {
			t->reason = k ? TL_REASON_EMPTY_SET : TL_REASON_ABSENT;
			return false;
		}
		for (i = 0; i < k->n; i++)
			if (satisfies(cc, &k->values[i], r, first, &which, &bad)) {
				t->request_value = (long)i;
				t->policy_value = which;
				t->reason = bad != TL_REASON_MATCHED ? bad : TL_REASON_ANY_VALUE;
				return true;
			}
		t->reason = TL_REASON_NO_VALUE;
		return false;
	default: /* ForAllValues */
		if (!k || k->n == 0) {
			t->reason = k ? TL_REASON_EMPTY_SET : TL_REASON_ABSENT;
			return true;
		}
		for (i = 0; i < k->n; i++)
			if (!satisfies(cc, &k->values[i], r, first, &which, &bad)) {
				t->request_value = (long)i;
				t->policy_value = which;
				t->reason = bad != TL_REASON_MATCHED ? bad : TL_REASON_NOT_ALL_VALUES;
				return false;
			}
		t->reason = TL_REASON_ALL_VALUES;
		return true;
	}
}

/* ---- statements and the decision ------------------------------------- */

/* Yes, no, or unknown until deployed (a placeholder decides). */
typedef enum { TRI_NO, TRI_YES, TRI_MAYBE } tri;

static tri tri_and(tri a, tri b)
{
	if (a == TRI_NO || b == TRI_NO)
		return TRI_NO;
	return a == TRI_MAYBE || b == TRI_MAYBE ? TRI_MAYBE : TRI_YES;
}

/*
 * Could a placeholder principal entry name this caller once deployed?  One
 * under "AWS" could become "*", which names every caller (match_one); one
 * under another type only a caller of that type; a whole Principal chosen
 * by Fn::If (type unknown) anyone.
 */
static bool placeholder_could_name(const tl__cstmt *cs, const tl_request *r)
{
	size_t i;

	for (i = 0; i < cs->src->n_principals; i++) {
		const tl_principal *p = &cs->src->principals[i];
		if (p->form == TL_FORM_PLACEHOLDER &&
		    (p->type == TL_PRINCIPAL_AWS || p->type == TL_PRINCIPAL_UNKNOWN || p->type == r->type))
			return true;
	}
	return false;
}

/*
 * Does a statement with placeholders apply?  A part that did not match
 * but holds a placeholder might once deployed; a condition with a
 * placeholder value might go either way (negated operators too).
 */
static tri outcome_with_unknowns(const tl__cstmt *cs, const tl_request *r,
                                 const tl_stmt_trace *st, tri conds)
{
	const tl_statement *s = cs->src;
	tri t;

	if (s->unknown_statement)
		return TRI_MAYBE;
	if (!cs->unknown_effect && s->effect == TL_EFFECT_INVALID)
		return TRI_NO;
	t = st->principal != TL_MATCH_NONE ? TRI_YES
	    : cs->unknown_principal && !s->not_principal && placeholder_could_name(cs, r) ? TRI_MAYBE
	                                                                                  : TRI_NO;
	t = tri_and(t, st->action ? TRI_YES : cs->unknown_action ? TRI_MAYBE : TRI_NO);
	t = tri_and(t, s->unknown_conditions ? tri_and(conds, TRI_MAYBE) : conds);
	return cs->unknown_effect && t == TRI_YES ? TRI_MAYBE : t;
}

/* Which decisions are reachable once every placeholder is known. */
static unsigned possible_decisions(tl_decision seen, bool maybe_allow, bool maybe_deny)
{
	unsigned set = 1u << seen;

	if (seen == TL_EXPLICIT_DENY)
		return set; /* a Deny we can see applies whatever the rest turns out to be */
	if (maybe_deny)
		set |= 1u << TL_EXPLICIT_DENY;
	if (maybe_allow)
		set |= 1u << TL_ALLOW;
	return set;
}

tl_status tl_eval(const tl_policy *p, const tl_request *r, tl_trace *trace, tl_result *out)
{
	bool any_allow = false, any_deny = false, allow_direct = false;
	bool maybe_allow = false, maybe_deny = false;
	long first_allow = -1, first_deny = -1, first_unknown = -1;
	size_t i, j;

	if (!p || !r || !out || (trace && trace->n_statements != p->doc.n_statements))
		return TL_EARG;
	for (i = 0; i < p->doc.n_statements; i++) {
		const tl__cstmt *cs = &p->compiled[i];
		tl_stmt_trace local = {0}, *st = trace ? &trace->stmt[i] : &local;
		tl_cond_trace scratch;
		bool conds = true;
		tri conds3 = TRI_YES;

		st->unknown = false;
		st->principal = match_principal(cs, r, &st->principal_index);
		st->action = match_action(cs, r, &st->action_index);
		if (!trace && !cs->unknown_any && (st->principal == TL_MATCH_NONE || !st->action))
			continue;
		for (j = 0; j < cs->src->n_conditions; j++) {
			tl_cond_trace *ct = trace ? &st->cond[j] : &scratch;
			ct->result = tl__eval_condition(&cs->conds[j], r, ct);
			conds = conds && ct->result;
			conds3 = tri_and(conds3, cs->conds[j].placeholder ? TRI_MAYBE
			                         : ct->result              ? TRI_YES
			                                                   : TRI_NO);
			if (!conds && !trace && !cs->unknown_any)
				break;
		}
		st->conditions = conds;
		st->applies = st->principal != TL_MATCH_NONE && st->action && conds &&
		              cs->src->effect != TL_EFFECT_INVALID;
		if (cs->unknown_any) {
			tri t = outcome_with_unknowns(cs, r, st, conds3);
			st->applies = t == TRI_YES;
			st->unknown = t == TRI_MAYBE;
			if (st->unknown) {
				bool any_effect = cs->unknown_effect;
				maybe_allow |= any_effect || cs->src->effect == TL_EFFECT_ALLOW;
				maybe_deny |= any_effect || cs->src->effect == TL_EFFECT_DENY;
				if (first_unknown < 0)
					first_unknown = (long)i;
			}
		}
		if (!st->applies)
			continue;
		if (cs->src->effect == TL_EFFECT_DENY) {
			any_deny = true;
			if (first_deny < 0)
				first_deny = (long)i;
		} else {
			any_allow = true;
			allow_direct = allow_direct || st->principal == TL_MATCH_DIRECT;
			if (first_allow < 0)
				first_allow = (long)i;
		}
	}
	out->decision = any_deny ? TL_EXPLICIT_DENY : any_allow ? TL_ALLOW : TL_IMPLICIT_DENY;
	out->account_level = out->decision == TL_ALLOW && !allow_direct;
	out->deciding_statement = any_deny ? first_deny : first_allow;
	out->possible = possible_decisions(out->decision, maybe_allow, maybe_deny);
	out->unknown_statement = TL_RESULT_UNRESOLVED(out) ? first_unknown : -1;
	return TL_OK;
}

tl_trace *tl_trace_new(const tl_policy *p)
{
	tl_trace *t = calloc(1, sizeof(*t));
	tl_cond_trace *conds;
	size_t i, at = 0;

	if (!t)
		return NULL;
	t->n_statements = p->doc.n_statements;
	t->stmt = calloc(t->n_statements ? t->n_statements : 1, sizeof(*t->stmt));
	conds = calloc(p->total_conditions ? p->total_conditions : 1, sizeof(*conds));
	if (!t->stmt || !conds) {
		free(conds);
		free(t->stmt);
		free(t);
		return NULL;
	}
	t->stmt[0].cond = conds; /* owns the block, even with no statements */
	for (i = 0; i < t->n_statements; i++) {
		t->stmt[i].cond = conds + at;
		at += p->doc.statements[i].n_conditions;
	}
	return t;
}

void tl_trace_free(tl_trace *t)
{
	if (!t)
		return;
	free(t->stmt[0].cond);
	free(t->stmt);
	free(t);
}
