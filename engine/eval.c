/*
 * eval.c - decide a request against a compiled trust policy.
 *
 * The algorithm is the IAM policy evaluation logic for one resource-based
 * policy (SEMANTICS.md 2.1): a statement applies when its principal, its
 * action and every condition match; any applicable Deny gives ExplicitDeny,
 * else any applicable Allow gives Allow, else ImplicitDeny.  Statement
 * order does not matter.  Nothing here allocates on the usual path; only a
 * policy variable substituted into a value longer than the stack buffer
 * takes a temporary heap buffer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "glob.h"
#include "policy.h"
#include "request.h"
#include "values.h"

#define SUBST_STACK 1024

/* A policy value after variable substitution. */
typedef struct subst {
	char *text;
	unsigned char *literal;
	size_t len;
	bool resolved;
	char stack_text[SUBST_STACK];
	unsigned char stack_lit[SUBST_STACK];
	char *heap;
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
		               strcmp(p->account, r->account) == 0
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
		    tl__glob_match(cs->actions[i], cs->action_len[i], NULL, r->action, r->action_len)) {
			*which = (long)i;
			return !cs->src->not_action;
		}
	return cs->src->not_action;
}

/* ---- policy variables ------------------------------------------------ */

static void subst_release(subst *s)
{
	free(s->heap);
	s->heap = NULL;
}

/*
 * Expand `cv`'s tokens against the request.  A variable whose key is
 * absent (or multi-valued) and has no default leaves the value unresolved:
 * it then matches nothing (IAM policy variables page).  Substituted text
 * is literal, never wildcard.
 */
static void substitute(const tl__cvalue *cv, const tl_request *r, subst *s)
{
	size_t need = 0, i, at = 0;
	const char *piece[64];
	size_t plen[64];
	bool plit[64];
	size_t n = cv->n_tokens < 64 ? cv->n_tokens : 64;

	s->resolved = cv->n_tokens <= 64;
	s->heap = NULL;
	for (i = 0; i < n && s->resolved; i++) {
		const tl__vtoken *t = &cv->tokens[i];
		if (!t->is_var) {
			piece[i] = t->text;
			plen[i] = t->len;
			plit[i] = t->literal;
		} else {
			const tl__rkey *k = tl__request_find(r, t->text, t->len, t->hash);
			if (k && k->n == 1) {
				piece[i] = k->values[0].text;
				plen[i] = k->values[0].len;
			} else if (t->dflt) {
				piece[i] = t->dflt;
				plen[i] = t->dflt_len;
			} else {
				piece[i] = NULL;
				plen[i] = 0; /* summed below before the loop stops */
				s->resolved = false;
			}
			plit[i] = true;
		}
		need += plen[i];
	}
	if (!s->resolved)
		return;
	if (need <= SUBST_STACK) {
		s->text = s->stack_text;
		s->literal = s->stack_lit;
	} else {
		s->heap = malloc(need * 2);
		if (!s->heap) {
			s->resolved = false;
			return;
		}
		s->text = s->heap;
		s->literal = (unsigned char *)s->heap + need;
	}
	for (i = 0; i < n; i++) {
		memcpy(s->text + at, piece[i], plen[i]);
		memset(s->literal + at, plit[i], plen[i]);
		at += plen[i];
	}
	s->len = at;
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

/* Does one request value satisfy the positive form of the operator against
 * one policy value?  (request OP policy, e.g. request < policy.) */
static bool value_matches(const tl__ccond *cc, const tl__cvalue *cv, const tl__rvalue *rv,
                          const tl_request *r)
{
	const char *pt = cv->text;
	size_t pl = cv->len;
	const unsigned char *lit = cv->literal;
	subst s;
	bool m = false;

	if (!cv->valid)
		return false;
	if (cv->tokens) {
		substitute(cv, r, &s);
		if (!s.resolved)
			return false;
		pt = s.text;
		pl = s.len;
		lit = s.literal;
	}
	switch (cc->family) {
	case TL__FAM_STRING:
		m = pl == rv->len && memcmp(pt, rv->text, pl) == 0;
		break;
	case TL__FAM_STRING_IC:
		m = tl__ascii_ieq(pt, pl, rv->text, rv->len);
		break;
	case TL__FAM_STRING_LIKE:
		m = tl__glob_match(pt, pl, lit, rv->text, rv->len);
		break;
	case TL__FAM_ARN:
		m = cv->tokens ? arn_parts_match(pt, pl, lit, rv->text, rv->len)
		               : arn_parts_match(cv->text, cv->len, NULL, rv->text, rv->len);
		break;
	case TL__FAM_NUMERIC_EQ:
	case TL__FAM_NUMERIC_LT:
	case TL__FAM_NUMERIC_LE:
	case TL__FAM_NUMERIC_GT:
	case TL__FAM_NUMERIC_GE: {
		double d;
		m = tl__parse_number(rv->text, rv->len, &d) &&
		    order_holds(cc->family, cmp_double(d, cv->number));
		break;
	}
	case TL__FAM_DATE_EQ:
	case TL__FAM_DATE_LT:
	case TL__FAM_DATE_LE:
	case TL__FAM_DATE_GT:
	case TL__FAM_DATE_GE: {
		tl__time t;
		m = tl__parse_date(rv->text, rv->len, &t) &&
		    order_holds(cc->family, tl__time_cmp(&t, &cv->time));
		break;
	}
	case TL__FAM_BOOL: {
		bool b;
		m = tl__parse_bool(rv->text, rv->len, &b) && b == cv->boolean;
		break;
	}
	case TL__FAM_IP: {
		tl__cidr ip;
		m = tl__parse_ip(rv->text, rv->len, &ip) && tl__cidr_contains(&cv->cidr, &ip);
		break;
	}
	case TL__FAM_BINARY: {
		unsigned char stack[512], *buf = stack;
		size_t n;
		if (rv->len / 4 * 3 > sizeof(stack))
			buf = malloc(rv->len / 4 * 3);
		m = buf && tl__base64_decode(rv->text, rv->len, buf, &n) && n == cv->n_bytes &&
		    memcmp(buf, cv->bytes, n) == 0;
		if (buf != stack)
			free(buf);
		break;
	}
	default:
		m = false;
	}
	if (cv->tokens)
		subst_release(&s);
	return m;
}

/* (length, bytes) order of a value's literal prefix against the request
 * value's first `len` bytes. */
static int prefix_cmp(const tl__cvalue *cv, const char *s, size_t len)
{
	if (cv->prefix_len != len)
		return cv->prefix_len < len ? -1 : 1;
	return memcmp(cv->text, s, len);
}

/* The first position in cc->by_prefix not below (len, s). */
static size_t prefix_lower_bound(const tl__ccond *cc, const char *s, size_t len)
{
	size_t lo = 0, hi = cc->n_indexed;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (prefix_cmp(&cc->values[cc->by_prefix[mid]], s, len) < 0)
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
			if (prefix_cmp(&cc->values[at], rv->text, len) != 0)
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
		if (any_policy_value(cc, &k->values[0], r, first, &which)) {
			t->policy_value = which;
			t->reason = neg ? TL_REASON_SOME_MATCHED : TL_REASON_MATCHED;
			return !neg;
		}
		t->reason = neg ? TL_REASON_NONE_MATCHED : TL_REASON_NO_MATCH;
		return neg;
	case TL_QUAL_FOR_ANY_VALUE:
		if (!k || k->n == 0) {
			t->reason = k ? TL_REASON_EMPTY_SET : TL_REASON_ABSENT;
			return false;
		}
		for (i = 0; i < k->n; i++)
			if (any_policy_value(cc, &k->values[i], r, first, &which) != neg) {
				t->request_value = (long)i;
				t->policy_value = which;
				t->reason = TL_REASON_ANY_VALUE;
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
			if (any_policy_value(cc, &k->values[i], r, first, &which) == neg) {
				t->request_value = (long)i;
				t->policy_value = which;
				t->reason = TL_REASON_NOT_ALL_VALUES;
				return false;
			}
		t->reason = TL_REASON_ALL_VALUES;
		return true;
	}
}

/* ---- statements and the decision ------------------------------------- */

tl_status tl_eval(const tl_policy *p, const tl_request *r, tl_trace *trace, tl_result *out)
{
	bool any_allow = false, any_deny = false, allow_direct = false;
	long first_allow = -1, first_deny = -1;
	size_t i, j;

	if (!p || !r || !out || (trace && trace->n_statements != p->doc.n_statements))
		return TL_EARG;
	for (i = 0; i < p->doc.n_statements; i++) {
		const tl__cstmt *cs = &p->compiled[i];
		tl_stmt_trace local = {0}, *st = trace ? &trace->stmt[i] : &local;
		tl_cond_trace scratch;
		bool conds = true;

		st->principal = match_principal(cs, r, &st->principal_index);
		st->action = match_action(cs, r, &st->action_index);
		if (!trace && (st->principal == TL_MATCH_NONE || !st->action))
			continue;
		for (j = 0; j < cs->src->n_conditions; j++) {
			tl_cond_trace *ct = trace ? &st->cond[j] : &scratch;
			ct->result = tl__eval_condition(&cs->conds[j], r, ct);
			conds = conds && ct->result;
			if (!conds && !trace)
				break;
		}
		st->conditions = conds;
		st->applies = st->principal != TL_MATCH_NONE && st->action && conds &&
		              cs->src->effect != TL_EFFECT_INVALID;
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
