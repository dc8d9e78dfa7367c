/*
 * compile.c - turn the model into its evaluation-ready form, once.
 *
 * Everything the evaluator would otherwise redo per request happens here:
 * lower-casing actions and keys (IAM compares both without case), hashing
 * keys, parsing typed values, splitting ARNs, decoding base64 and cutting
 * values with policy variables into token lists (IAM policy variables page:
 * only under Version 2012-10-17 and only for String and ARN operators).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glob.h"
#include "policy.h"
#include "values.h"

static const struct {
	const char *name;
	tl__family family;
	bool negated;
} operators[] = {
#define TL_OPERATOR(id, name, family, negated) {name, TL__FAM_##family, negated},
#include "operators.def"
#undef TL_OPERATOR
};

#define N_OPERATORS (sizeof(operators) / sizeof(*operators))

tl__family tl__operator_family(tl_operator op)
{
	return op < N_OPERATORS ? operators[op].family : TL__FAM_UNKNOWN;
}

bool tl__operator_negated(tl_operator op)
{
	return op < N_OPERATORS && operators[op].negated;
}

const char *tl_operator_name(tl_operator op)
{
	return op < N_OPERATORS ? operators[op].name : "unknown";
}

/* Exact case, as Access Analyzer's "Invalid condition operator" demands. */
bool tl__operator_parse(const char *s, size_t len, tl_operator *op, tl_qualifier *qual,
                        bool *if_exists)
{
	static const char any[] = "ForAnyValue:", all[] = "ForAllValues:", ie[] = "IfExists";
	size_t i;

	*qual = TL_QUAL_NONE;
	*if_exists = false;
	if (len >= sizeof(any) - 1 && memcmp(s, any, sizeof(any) - 1) == 0) {
		*qual = TL_QUAL_FOR_ANY_VALUE;
		s += sizeof(any) - 1;
		len -= sizeof(any) - 1;
	} else if (len >= sizeof(all) - 1 && memcmp(s, all, sizeof(all) - 1) == 0) {
		*qual = TL_QUAL_FOR_ALL_VALUES;
		s += sizeof(all) - 1;
		len -= sizeof(all) - 1;
	}
	if (len > sizeof(ie) - 1 && memcmp(s + len - (sizeof(ie) - 1), ie, sizeof(ie) - 1) == 0) {
		*if_exists = true;
		len -= sizeof(ie) - 1;
	}
	for (i = 0; i < N_OPERATORS; i++)
		if (strlen(operators[i].name) == len && memcmp(operators[i].name, s, len) == 0) {
			*op = (tl_operator)i;
			return true;
		}
	*op = TL_OP_UNKNOWN;
	return false;
}

/* FNV-1a over the ASCII-lowered bytes. */
uint32_t tl__hash_lower(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static char *lower_dup(tl__arena *a, const char *s, size_t len)
{
	char *p = tl__arena_alloc(a, len + 1);

	if (p)
		tl__ascii_lower(p, s, len);
	return p;
}

static bool family_takes_variables(tl__family f)
{
	return f == TL__FAM_STRING || f == TL__FAM_STRING_IC || f == TL__FAM_STRING_LIKE ||
	       f == TL__FAM_ARN;
}

typedef struct tokens {
	tl__vtoken *items;
	size_t n, cap;
} tokens;

static bool push_token(tl__arena *a, tokens *t, tl__vtoken tok)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4;
		tl__vtoken *items = tl__arena_alloc(a, cap * sizeof(*items));
		if (!items)
			return false;
		if (t->n)
			memcpy(items, t->items, t->n * sizeof(*items));
		t->items = items;
		t->cap = cap;
	}
	t->items[t->n++] = tok;
	return true;
}

/*
 * Parse the inside of "${...}".  Forms: "*", "?", "$" (escapes), "KEY", and
 * "KEY, 'default'" (a comma, one space, the default in single quotes).
 * Returns NULL when well formed, else why not.
 */
static const char *parse_variable(tl__arena *a, const char *s, size_t len, tl__vtoken *tok)
{
	const char *comma = memchr(s, ',', len);
	size_t klen = comma ? (size_t)(comma - s) : len, i;

	memset(tok, 0, sizeof(*tok));
	if (len == 0)
		return "empty variable \"${}\"";
	if (len == 1 && (s[0] == '*' || s[0] == '?' || s[0] == '$')) {
		tok->text = s;
		tok->len = 1;
		tok->literal = true;
		return NULL;
	}
	for (i = 0; i < klen; i++)
		if (s[i] == ' ')
			return "white space in a variable name";
	if (klen == 0)
		return "empty variable name";
	if (comma) {
		const char *d = comma + 1, *end = s + len;
		if (d >= end || *d != ' ' || d + 1 >= end || d[1] != '\'' || end[-1] != '\'' ||
		    end - 1 <= d + 1)
			return "a default must be written ${key, 'default'}";
		tok->dflt = d + 2;
		tok->dflt_len = (size_t)(end - 1 - (d + 2));
		if (memchr(tok->dflt, '\'', tok->dflt_len))
			return "a quote inside a variable default";
	}
	tok->is_var = true;
	tok->text = lower_dup(a, s, klen);
	tok->len = klen;
	tok->hash = tl__hash_lower(s, klen);
	return NULL;
}

/*
 * Cut a value into literal and variable tokens.  Returns false (and the
 * value stays literal text) when a variable is malformed.
 */
static bool tokenize(tl__arena *a, tl__problems *pr, const tl_value *v, tl__cvalue *cv)
{
	tokens t = {0};
	const char *s = v->text, *end = v->text + v->len, *lit = s;

	while (s < end) {
		const char *close;
		tl__vtoken tok;
		const char *why;

		if (!(s[0] == '$' && s + 1 < end && s[1] == '{')) {
			s++;
			continue;
		}
		close = memchr(s + 2, '}', (size_t)(end - s - 2));
		if (!close) {
			tl__problem_add(a, pr, TL_PROBLEM_BAD_VARIABLE, &v->loc,
			                "\"${\" without a closing \"}\" in \"%s\": kept as literal text", v->text);
			return false;
		}
		why = parse_variable(a, s + 2, (size_t)(close - s - 2), &tok);
		if (why) {
			tl__problem_add(a, pr, TL_PROBLEM_BAD_VARIABLE, &v->loc,
			                "%s in \"%s\": kept as literal text", why, v->text);
			return false;
		}
		if (s > lit && !push_token(a, &t, (tl__vtoken){false, lit, (size_t)(s - lit), 0, false, NULL, 0}))
			return false;
		if (!push_token(a, &t, tok))
			return false;
		s = close + 1;
		lit = s;
	}
	if (t.n == 0)
		return true; /* no variables at all */
	if (end > lit && !push_token(a, &t, (tl__vtoken){false, lit, (size_t)(end - lit), 0, false, NULL, 0}))
		return false;
	cv->tokens = t.items;
	cv->n_tokens = t.n;
	return true;
}

static bool value_has_variable(const tl_value *v)
{
	size_t i;

	for (i = 0; i + 1 < v->len; i++)
		if (v->text[i] == '$' && v->text[i + 1] == '{')
			return true;
	return false;
}

static void mismatch(tl__arena *a, tl__problems *pr, const tl_condition *c, const tl_value *v,
                     const char *what)
{
	tl__problem_add(a, pr, TL_PROBLEM_TYPE_MISMATCH, &v->loc,
	                "%s value \"%s\" under %s is not %s, so it never matches", c->key.text, v->text,
	                c->operator_text.text, what);
}

/*
 * Prepared globs: one for the whole text, or (arn != NULL) one per ARN part,
 * ArnLike matching part by part.  NULL when the arena is exhausted (the
 * arena's flag then fails the compile).
 */
static const tl__glob *compile_globs(tl__arena *a, const char *text, size_t len,
                                     const tl__arn *arn, size_t n)
{
	tl__glob *g = tl__arena_alloc(a, n * sizeof(*g));
	size_t i;

	for (i = 0; g && i < n; i++)
		if (!tl__glob_compile(a, arn ? arn->part[i] : text, arn ? arn->len[i] : len, NULL, &g[i]))
			return NULL;
	return g;
}

static void compile_value(tl__arena *a, tl__problems *pr, const tl_condition *c,
                          tl__family fam, bool vars, const tl_value *v, tl__cvalue *cv)
{
	cv->text = v->text;
	cv->len = v->len;
	cv->valid = true;
	if (v->kind == TL_JSON_OTHER || v->kind == TL_JSON_PLACEHOLDER) {
		cv->valid = false;
		return;
	}
	if (value_has_variable(v)) {
		/* A template's hole is reported as such (TEMPLATE_PLACEHOLDER_VALUE),
		 * not as a policy variable; IAM would still read ${...} as one, so
		 * the decision treats it alike (an unknown key matches nothing). */
		tl__problems *report = tl_template_placeholder(v->text, v->len, NULL, NULL, NULL) ? NULL : pr;
		if (vars && family_takes_variables(fam))
			tokenize(a, report, v, cv);
		else if (report && vars && fam != TL__FAM_UNKNOWN)
			tl__problem_add(a, report, TL_PROBLEM_VARIABLE_UNSUPPORTED, &v->loc,
			                "policy variables are not substituted under %s: \"%s\" is literal text",
			                c->operator_text.text, v->text);
	}
	switch (fam) {
	case TL__FAM_STRING_IC:
		cv->text = lower_dup(a, v->text, v->len);
		break;
	case TL__FAM_NUMERIC_EQ:
	case TL__FAM_NUMERIC_LT:
	case TL__FAM_NUMERIC_LE:
	case TL__FAM_NUMERIC_GT:
	case TL__FAM_NUMERIC_GE:
		cv->valid = tl__parse_number(v->text, v->len, &cv->number);
		if (!cv->valid)
			mismatch(a, pr, c, v, "a number");
		break;
	case TL__FAM_DATE_EQ:
	case TL__FAM_DATE_LT:
	case TL__FAM_DATE_LE:
	case TL__FAM_DATE_GT:
	case TL__FAM_DATE_GE:
		cv->valid = tl__parse_date(v->text, v->len, &cv->time);
		if (!cv->valid)
			mismatch(a, pr, c, v, "an ISO 8601 date or epoch seconds");
		break;
	case TL__FAM_BOOL:
	case TL__FAM_NULL:
		cv->valid = tl__parse_bool(v->text, v->len, &cv->boolean);
		if (!cv->valid)
			mismatch(a, pr, c, v, "true or false");
		break;
	case TL__FAM_IP:
		cv->valid = tl__parse_cidr(v->text, v->len, &cv->cidr);
		if (!cv->valid)
			mismatch(a, pr, c, v, "an IPv4 or IPv6 address or CIDR block");
		break;
	case TL__FAM_BINARY: {
		unsigned char *buf = tl__arena_alloc(a, v->len / 4 * 3 + 3);
		cv->valid = buf && tl__base64_decode(v->text, v->len, buf, &cv->n_bytes);
		cv->bytes = buf;
		if (!cv->valid)
			mismatch(a, pr, c, v, "base64");
		break;
	}
	case TL__FAM_STRING_LIKE:
		if (!cv->tokens)
			cv->glob = compile_globs(a, cv->text, cv->len, NULL, 1);
		break;
	case TL__FAM_ARN:
		if (!cv->tokens) {
			cv->valid = tl__arn_split(v->text, v->len, &cv->arn);
			if (!cv->valid)
				mismatch(a, pr, c, v, "an ARN (arn:partition:service:region:account:resource)");
			else
				cv->glob = compile_globs(a, NULL, 0, &cv->arn, 6);
		}
		break;
	default:
		break;
	}
}

/* Below this many values a walk is as quick as the index. */
#define PREFIX_INDEX_MIN 16

int tl__cvalue_prefix_cmp(const tl__cvalue *cv, const char *s, size_t len)
{
	if (cv->prefix_len != len)
		return cv->prefix_len < len ? -1 : 1;
	return memcmp(cv->text, s, len);
}

/* Order of values by literal prefix (tl__cvalue_prefix_cmp), then position. */
static int by_prefix_order(const void *a, const void *b)
{
	const tl__cvalue *x = *(const tl__cvalue *const *)a, *y = *(const tl__cvalue *const *)b;
	int c = tl__cvalue_prefix_cmp(x, y->text, y->prefix_len);

	return c ? c : (x > y) - (x < y);
}

/* Build cc's prefix index when it pays (see tl__ccond); false only when
 * out of memory. */
static bool index_by_prefix(tl__arena *a, tl__ccond *cc)
{
	size_t n = cc->src->n_values, i, m = 0, k = 0;
	const tl__cvalue **order;

	/* An ARN pattern matches part by part, a wildcard never crossing a ':',
	 * so a matching ARN also starts with the text before the first wildcard. */
	if (n < PREFIX_INDEX_MIN || (cc->family != TL__FAM_STRING &&
	                             cc->family != TL__FAM_STRING_LIKE && cc->family != TL__FAM_ARN))
		return true;
	for (i = 0; i < n; i++) {
		tl__cvalue *cv = &cc->values[i];
		if (cv->tokens)
			return true; /* substituted per request: no fixed prefix */
		cv->prefix_len = cc->family == TL__FAM_STRING ? cv->len : strcspn(cv->text, "*?");
	}
	order = malloc(n * sizeof(*order));
	cc->by_prefix = tl__arena_alloc(a, n * sizeof(*cc->by_prefix));
	cc->prefix_lens = tl__arena_alloc(a, n * sizeof(*cc->prefix_lens));
	if (!order || !cc->by_prefix || !cc->prefix_lens) {
		free(order);
		return false;
	}
	for (i = 0; i < n; i++)
		if (cc->values[i].valid)
			order[m++] = &cc->values[i];
	qsort(order, m, sizeof(*order), by_prefix_order);
	for (i = 0; i < m; i++) {
		cc->by_prefix[i] = (size_t)(order[i] - cc->values);
		if (k == 0 || cc->prefix_lens[k - 1] != order[i]->prefix_len)
			cc->prefix_lens[k++] = order[i]->prefix_len;
	}
	free(order);
	cc->n_indexed = m;
	cc->n_prefix_lens = k;
	return true;
}

static void compile_condition(tl_policy *p, tl__problems *pr, const tl_condition *c,
                              tl__ccond *cc)
{
	tl__arena *a = &p->arena;
	size_t i;

	cc->src = c;
	cc->family = c->op == TL_OP_UNKNOWN ? TL__FAM_UNKNOWN : tl__operator_family(c->op);
	cc->key = lower_dup(a, c->key.text, c->key.len);
	cc->key_len = c->key.len;
	cc->key_hash = tl__hash_lower(c->key.text, c->key.len);
	cc->values = c->n_values ? tl__arena_alloc(a, c->n_values * sizeof(*cc->values)) : NULL;
	if (c->n_values && !cc->values)
		return;
	for (i = 0; i < c->n_values; i++)
		compile_value(a, pr, c, cc->family, p->doc.variables_enabled, &c->values[i],
		              &cc->values[i]);
	if (!index_by_prefix(a, cc))
		a->failed = true;
}

/* Role ARNs: arn:PART:iam::ACCT:role/PATH/NAME -> lowered NAME; the
 * partition of every ARN-form role, session or account entry. */
static void compile_principal(tl__arena *a, const tl_principal *src, tl__cprincipal *cp)
{
	tl__arn arn;

	cp->src = src;
	if (src->form != TL_FORM_ROLE && src->form != TL_FORM_SESSION &&
	    !(src->form == TL_FORM_ACCOUNT && src->value.len > 4 &&
	      memcmp(src->value.text, "arn:", 4) == 0))
		return;
	if (!tl__arn_split(src->value.text, src->value.len, &arn))
		return;
	cp->partition = arn.part[1];
	cp->partition_len = arn.len[1];
	if (src->form == TL_FORM_ROLE) {
		const char *name = tl__arn_role_name(arn.part[5], arn.len[5], &cp->role_name_len);

		cp->role_has_path = name != arn.part[5] + 5;
		cp->role_name = lower_dup(a, name, cp->role_name_len);
	}
}

/* Note which parts of a statement are placeholders for intrinsics. */
static void mark_unknowns(tl__cstmt *cs)
{
	const tl_statement *st = cs->src;
	size_t j, k;
	bool conds = st->unknown_conditions;

	for (j = 0; j < st->n_principals; j++)
		cs->unknown_principal |= st->principals[j].form == TL_FORM_PLACEHOLDER;
	for (j = 0; j < st->n_actions; j++)
		cs->unknown_action |= st->actions[j].kind == TL_JSON_PLACEHOLDER;
	for (j = 0; j < st->n_conditions; j++) {
		for (k = 0; k < st->conditions[j].n_values; k++)
			cs->conds[j].placeholder |= st->conditions[j].values[k].kind == TL_JSON_PLACEHOLDER;
		conds |= cs->conds[j].placeholder;
	}
	cs->unknown_effect = st->unknown_statement ||
	                     (st->effect_value && st->effect_value->kind == TL_JSON_PLACEHOLDER);
	cs->unknown_any = cs->unknown_principal || cs->unknown_action || cs->unknown_effect || conds;
}

int tl__ccond_key_cmp(const tl__ccond *cc, uint32_t hash, size_t len, const char *lower)
{
	if (cc->key_hash != hash)
		return cc->key_hash < hash ? -1 : 1;
	if (cc->key_len != len)
		return cc->key_len < len ? -1 : 1;
	return memcmp(cc->key, lower, len);
}

/* Order of conditions by key (tl__ccond_key_cmp), then position. */
static int by_key_order(const void *a, const void *b)
{
	const tl__ccond *x = *(const tl__ccond *const *)a, *y = *(const tl__ccond *const *)b;
	int c = tl__ccond_key_cmp(x, y->key_hash, y->key_len, y->key);

	return c ? c : (x > y) - (x < y);
}

static bool index_by_key(tl__arena *a, tl__cstmt *cs, size_t n)
{
	const tl__ccond **order = malloc(n * sizeof(*order));
	size_t j;

	cs->by_key = tl__arena_alloc(a, n * sizeof(*cs->by_key));
	if (!order || !cs->by_key) {
		free(order);
		return false;
	}
	for (j = 0; j < n; j++)
		order[j] = &cs->conds[j];
	qsort(order, n, sizeof(*order), by_key_order);
	for (j = 0; j < n; j++)
		cs->by_key[j] = (size_t)(order[j] - cs->conds);
	free(order);
	return true;
}

tl_status tl__compile(tl_policy *p, tl__problems *pr)
{
	tl__arena *a = &p->arena;
	size_t i, j;

	if (p->doc.n_statements == 0)
		return TL_OK;
	p->compiled = tl__arena_alloc(a, p->doc.n_statements * sizeof(*p->compiled));
	if (!p->compiled)
		return TL_ENOMEM;
	for (i = 0; i < p->doc.n_statements; i++) {
		const tl_statement *st = &p->doc.statements[i];
		tl__cstmt *cs = &p->compiled[i];

		cs->src = st;
		if (st->n_principals) {
			cs->principals = tl__arena_alloc(a, st->n_principals * sizeof(*cs->principals));
			if (!cs->principals)
				return TL_ENOMEM;
			for (j = 0; j < st->n_principals; j++)
				compile_principal(a, &st->principals[j], &cs->principals[j]);
		}
		if (st->n_actions) {
			cs->actions = tl__arena_alloc(a, st->n_actions * sizeof(*cs->actions));
			cs->action_globs = tl__arena_alloc(a, st->n_actions * sizeof(*cs->action_globs));
			if (!cs->actions || !cs->action_globs)
				return TL_ENOMEM;
			for (j = 0; j < st->n_actions; j++) {
				cs->actions[j] = lower_dup(a, st->actions[j].text, st->actions[j].len);
				if (!cs->actions[j] ||
				    !tl__glob_compile(a, cs->actions[j], st->actions[j].len, NULL,
				                      &cs->action_globs[j]))
					return TL_ENOMEM;
			}
		}
		if (st->n_conditions) {
			cs->conds = tl__arena_alloc(a, st->n_conditions * sizeof(*cs->conds));
			if (!cs->conds)
				return TL_ENOMEM;
			for (j = 0; j < st->n_conditions; j++)
				compile_condition(p, pr, &st->conditions[j], &cs->conds[j]);
			if (a->failed || !index_by_key(a, cs, st->n_conditions))
				return TL_ENOMEM;
		}
		mark_unknowns(cs);
		if (st->n_conditions > p->max_conditions)
			p->max_conditions = st->n_conditions;
		p->total_conditions += st->n_conditions;
	}
	return a->failed ? TL_ENOMEM : TL_OK;
}
