/*
 * suite.c - expectation files for `trustlint test`: cases that pin who may
 * and may not assume a role, written with the caller shorthands of
 * callers.c so that a case reads like the sentence it checks.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "request.h"

#define MAX_CALLER_ARGS 8
/* Enough to show every mistake of a hand-written file; past it, a count. */
#define MAX_PROBLEMS 100

typedef struct suite_case {
	tl_case pub;
	const tl__jnode *node; /* the case object */
} suite_case;

struct tl_suite {
	tl__arena arena;
	suite_case *cases;
	size_t n;
	tl_suite_problem *problems; /* MAX_PROBLEMS, allocated at the first */
	size_t n_problems;
	size_t n_unkept; /* problems past MAX_PROBLEMS: counted, not kept */
};

#define ONLY(res, d) ((res).possible == (1u << (d)))
#define MAYBE(res, d) (((res).possible & (1u << (d))) != 0)

/*
 * Does the expectation hold for every decision the actions could get?
 * Each result's `possible` is more than its decision when the policy has
 * intrinsics (unknown until deployed); a case passes only when it holds
 * whatever they turn out to be.  A caller with several actions (Pod
 * Identity) is allowed only when every action is.
 */
bool tl_expect_holds(tl_expect e, const tl_result *res, size_t n)
{
	bool surely_allowed = true, some_surely_refused = false, some_surely_explicit = false;
	bool some_maybe_explicit = false;
	size_t i;

	for (i = 0; i < n; i++) {
		surely_allowed = surely_allowed && ONLY(res[i], TL_ALLOW);
		some_surely_refused = some_surely_refused || !MAYBE(res[i], TL_ALLOW);
		some_surely_explicit = some_surely_explicit || ONLY(res[i], TL_EXPLICIT_DENY);
		some_maybe_explicit = some_maybe_explicit || MAYBE(res[i], TL_EXPLICIT_DENY);
	}
	switch (e) {
	case TL_EXPECT_ALLOW:
		return surely_allowed;
	case TL_EXPECT_DENY:
		return some_surely_refused;
	case TL_EXPECT_EXPLICIT_DENY:
		return some_surely_explicit;
	default:
		return some_surely_refused && !some_maybe_explicit;
	}
}

const char *tl_expect_name(tl_expect e)
{
	static const char *const names[] = {"allow", "deny", "explicit-deny", "implicit-deny"};
	return (unsigned)e < 4 ? names[e] : "?";
}

static bool expect_from(const char *s, tl_expect *out)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, tl_expect_name((tl_expect)i)) == 0) {
			*out = (tl_expect)i;
			return true;
		}
	return false;
}

static tl_status fail(tl_error *err, const tl__jnode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static tl_status fail(tl_error *err, const tl__jnode *n, const char *fmt, ...)
{
	char msg[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tl__error_set(err, TL_EARG, n ? &n->loc : NULL, "%s", msg);
	return TL_EARG;
}

/* Record a problem at node `n` (at its member name when `at_key`), for
 * the case `case_name` (NULL outside a case).  Always returns false, so
 * that a check reads `return problem(...)`. */
static bool problem(tl_suite *s, const tl__jnode *n, bool at_key, const char *case_name,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool problem(tl_suite *s, const tl__jnode *n, bool at_key, const char *case_name,
                    const char *fmt, ...)
{
	char msg[384];
	tl_loc loc = n->loc;
	tl_suite_problem *p;
	va_list ap;

	if (!s->problems)
		s->problems = tl__arena_alloc(&s->arena, MAX_PROBLEMS * sizeof(*s->problems));
	if (!s->problems || s->n_problems == MAX_PROBLEMS) {
		s->n_unkept++;
		return false;
	}
	if (at_key && n->key && n->loc.key_line) {
		loc.line = n->loc.key_line;
		loc.column = n->loc.key_column;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p = &s->problems[s->n_problems++];
	memset(p, 0, sizeof(*p));
	tl__error_set(&p->error, TL_EARG, &loc, "%s", msg);
	p->case_name = case_name;
	return false;
}

/* Levenshtein distance with ASCII case folded, or `cap` when larger (the
 * names compared are short member names: the table is bounded). */
static size_t distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), row[33], i, j, diag, up, best;

	if (la > 32 || lb > 32)
		return cap;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			int ca = a[i - 1] >= 'A' && a[i - 1] <= 'Z' ? a[i - 1] + 32 : a[i - 1];
			int cb = b[j - 1] >= 'A' && b[j - 1] <= 'Z' ? b[j - 1] + 32 : b[j - 1];
			up = row[j];
			row[j] = diag + (ca != cb);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best >= cap)
			return cap;
	}
	return row[lb] < cap ? row[lb] : cap;
}

/* The known name closest to `word` when it is close enough to be a typo:
 * two edits at most, and fewer than half the word. */
static const char *nearest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t i, d, best_d = 3;

	for (i = 0; known[i]; i++) {
		d = distance(word, known[i], best_d);
		if (d < best_d && d * 2 < strlen(known[i])) {
			best = known[i];
			best_d = d;
		}
	}
	return best;
}

static bool is_known(const char *word, const char *const *known)
{
	size_t i;

	for (i = 0; known[i]; i++)
		if (strcmp(word, known[i]) == 0)
			return true;
	return false;
}

/* Every member of `obj` is one of `known`; each one that is not is a
 * problem at its name, with the likely intended one. */
static bool known_keys(tl_suite *s, const tl__jnode *obj, const char *const *known,
                       const char *where, const char *list, const char *case_name)
{
	bool ok = true;
	size_t i;

	for (i = 0; i < obj->n; i++) {
		const char *key = obj->child[i].key, *near;
		if (is_known(key, known))
			continue;
		near = nearest(key, known);
		if (near)
			problem(s, &obj->child[i], true, case_name,
			        "unknown key \"%s\" in %s (did you mean \"%s\"?)", key, where, near);
		else
			problem(s, &obj->child[i], true, case_name, "unknown key \"%s\" in %s (%s)", key,
			        where, list);
		ok = false;
	}
	return ok;
}

static const char *const case_fields[] = {"name", "caller", "request", "action", "context",
                                          "expect", NULL};
static const char *const block_fields[] = {"policy", "role", "cases", NULL};
static const char *const suites_fields[] = {"suites", NULL};

/* "caller": {"KIND": "ARG"} or {"KIND": [ARGS...]}, KIND one of tl_caller_kinds. */
static bool check_caller(tl_suite *s, const tl__jnode *caller, const char *name)
{
	const tl__jnode *a;
	const char *near;
	size_t i;

	if (caller->type != TL__J_OBJECT || caller->n != 1)
		return problem(s, caller, false, name,
		               "\"caller\" must be {\"KIND\": [ARGS...]}, e.g. "
		               "{\"irsa\": [\"ISSUER\", \"NAMESPACE\", \"SA\"]}");
	a = &caller->child[0];
	if (!is_known(a->key, tl_caller_kinds)) {
		near = nearest(a->key, tl_caller_kinds);
		if (near)
			return problem(s, a, true, name, "unknown caller kind \"%s\" (did you mean \"%s\"?)",
			               a->key, near);
		return problem(s, a, true, name,
		               "unknown caller kind \"%s\" (irsa, pod-identity, github, gitlab, "
		               "terraform, role, user, account, service, saml)", a->key);
	}
	if (a->type == TL__J_STRING)
		return true;
	if (a->type != TL__J_ARRAY || a->n == 0 || a->n > MAX_CALLER_ARGS)
		return problem(s, a, false, name,
		               "caller \"%s\" takes a string or an array of 1 to %d strings", a->key,
		               MAX_CALLER_ARGS);
	for (i = 0; i < a->n; i++)
		if (a->child[i].type != TL__J_STRING)
			return problem(s, &a->child[i], false, name, "caller arguments must be strings");
	return true;
}

/* SERVICE:NAME without white space: "AssumeRole" is a typo that no
 * policy names, and a deny expectation would pass for nothing. */
static bool check_action(tl_suite *s, const tl__jnode *action, const char *name)
{
	const char *colon;

	if (action->type != TL__J_STRING)
		return problem(s, action, false, name, "\"action\" must be a string");
	colon = memchr(action->text, ':', action->len);
	if (!colon || colon == action->text || colon + 1 == action->text + action->len ||
	    strpbrk(action->text, " \t\r\n"))
		return problem(s, action, false, name,
		               "\"%s\" is not an action (SERVICE:NAME, such as sts:AssumeRole)",
		               action->text);
	return true;
}

/* A request context holds strings, numbers and booleans, one or a list
 * (SEMANTICS.md 3): an object or null has no value a condition reads. */
static bool scalar(const tl__jnode *v)
{
	return v->type == TL__J_STRING || v->type == TL__J_NUMBER || v->type == TL__J_TRUE ||
	       v->type == TL__J_FALSE;
}

static bool check_context(tl_suite *s, const tl__jnode *context, const char *name)
{
	bool ok = true;
	size_t k, v;

	if (context->type != TL__J_OBJECT)
		return problem(s, context, false, name, "\"context\" must be an object");
	for (k = 0; k < context->n; k++) {
		const tl__jnode *kv = &context->child[k];
		if (kv->key[0] == '\0') {
			ok = problem(s, kv, true, name, "a context key needs a name");
			continue;
		}
		if (scalar(kv))
			continue;
		if (kv->type == TL__J_ARRAY) {
			for (v = 0; v < kv->n && scalar(&kv->child[v]); v++)
				;
			if (v == kv->n)
				continue;
			ok = problem(s, &kv->child[v], false, name,
			             "context key \"%s\": a list holds strings, numbers or booleans, not %s",
			             kv->key, tl__json_type_name(kv->child[v].type));
			continue;
		}
		ok = problem(s, kv, false, name,
		             "context key \"%s\" takes a string, number, boolean or a list of them, not %s",
		             kv->key, tl__json_type_name(kv->type));
	}
	return ok;
}

/* Check one case; a good one joins the run unless `runnable` is false
 * (its block has a problem of its own). */
static void read_case(tl_suite *s, const tl__jnode *c, const char *policy, const char *role,
                      size_t index, bool runnable)
{
	suite_case *sc = &s->cases[s->n];
	const tl__jnode *name, *expect, *caller, *request, *action, *context;
	const char *label;
	tl_expect e = TL_EXPECT_ALLOW;
	bool ok;

	if (c->type != TL__J_OBJECT) {
		problem(s, c, false, NULL, "a case must be an object, not %s", tl__json_type_name(c->type));
		return;
	}
	name = tl__json_get(c, "name");
	label = name && name->type == TL__J_STRING ? name->text
	                                           : tl__arena_printf(&s->arena, "case %zu", index + 1);
	ok = known_keys(s, c, case_fields, "a case",
	                "known: name, caller, request, action, context, expect", label);
	if (name && name->type != TL__J_STRING)
		ok = problem(s, name, false, label, "\"name\" must be a string");
	expect = tl__json_get(c, "expect");
	if (!expect || expect->type != TL__J_STRING || !expect_from(expect->text, &e))
		ok = problem(s, expect ? expect : c, false, label,
		             "a case needs \"expect\": \"allow\", \"deny\", \"explicit-deny\" or "
		             "\"implicit-deny\"");
	caller = tl__json_get(c, "caller");
	request = tl__json_get(c, "request");
	if (!!caller == !!request)
		ok = problem(s, c, false, label, "a case needs exactly one of \"caller\" or \"request\"");
	else if (caller)
		ok = check_caller(s, caller, label) && ok;
	else if (request->type != TL__J_OBJECT)
		ok = problem(s, request, false, label, "\"request\" must be an object, as eval reads");
	action = tl__json_get(c, "action");
	if (action)
		ok = check_action(s, action, label) && ok;
	context = tl__json_get(c, "context");
	if (context)
		ok = check_context(s, context, label) && ok;
	if (!ok || !runnable)
		return;
	sc->pub.name = label;
	sc->pub.line = c->loc.line;
	sc->pub.column = c->loc.column;
	sc->pub.policy = policy;
	sc->pub.role = role;
	sc->pub.expect = e;
	sc->node = c;
	s->n++;
}

/* {"policy", "role", "cases"}: the file itself, or one of its suites.  A
 * problem of the block (an unknown key such as "polcy", which would test
 * another policy) keeps all its cases from running; they are still
 * checked, so that every mistake is reported in one go. */
static void read_block(tl_suite *s, const tl__jnode *b, const char *default_policy,
                       const char *where)
{
	const tl__jnode *pol, *role, *cases;
	const char *policy = default_policy;
	bool ok;
	size_t i;

	if (b->type != TL__J_OBJECT) {
		problem(s, b, false, NULL, "a suite must be an object, not %s", tl__json_type_name(b->type));
		return;
	}
	pol = tl__json_get(b, "policy");
	role = tl__json_get(b, "role");
	cases = tl__json_get(b, "cases");
	ok = known_keys(s, b, block_fields, where, "known: policy, role, cases", NULL);
	if (pol && (pol->type != TL__J_STRING || pol->len == 0))
		ok = problem(s, pol, false, NULL, "\"policy\" must be the policy file's path");
	else if (pol)
		policy = pol->text;
	if (role && (role->type != TL__J_STRING || role->len == 0))
		ok = problem(s, role, false, NULL, "\"role\" must be the name of a role in the policy file");
	if (!policy)
		ok = problem(s, b, false, NULL, "the suite names no \"policy\" file");
	if (!cases || cases->type != TL__J_ARRAY)
		ok = problem(s, cases ? cases : b, false, NULL, "a suite needs \"cases\": [...]");
	else if (cases->n == 0)
		ok = problem(s, cases, false, NULL,
		             "no cases: an expectation file that pins nothing is a mistake");
	for (i = 0; cases && cases->type == TL__J_ARRAY && i < cases->n; i++)
		read_case(s, &cases->child[i], policy,
		          role && role->type == TL__J_STRING ? role->text : NULL, i, ok);
}

static size_t count_cases(const tl__jnode *root)
{
	const tl__jnode *suites = tl__json_get(root, "suites"), *cases;
	size_t i, n = 0;

	if (suites && suites->type == TL__J_ARRAY) {
		for (i = 0; i < suites->n; i++) {
			cases = tl__json_get(&suites->child[i], "cases");
			n += cases && cases->type == TL__J_ARRAY ? cases->n : 0;
		}
		return n;
	}
	cases = tl__json_get(root, "cases");
	return cases && cases->type == TL__J_ARRAY ? cases->n : 0;
}

/* {"suites": [BLOCK, ...]}: a file-level problem keeps every case from
 * running. */
static void read_suites(tl_suite *s, const tl__jnode *root, const tl__jnode *suites,
                        const char *default_policy)
{
	bool ok = known_keys(s, root, suites_fields, "a file of suites",
	                     "a file is {\"suites\": [...]} or {\"policy\", \"role\", \"cases\"}",
	                     NULL);
	size_t i;

	if (suites->type != TL__J_ARRAY) {
		problem(s, suites, false, NULL, "\"suites\" must be an array of suites");
		return;
	}
	if (suites->n == 0)
		problem(s, suites, false, NULL,
		        "no suites: an expectation file that pins nothing is a mistake");
	for (i = 0; i < suites->n; i++)
		read_block(s, &suites->child[i], default_policy, "a suite");
	if (!ok)
		s->n = 0;
}

tl_status tl_suite_load(tl_suite **out, const char *text, size_t len, const char *default_policy,
                        tl_error *err)
{
	tl_suite *s = calloc(1, sizeof(*s));
	const tl__jnode *root, *suites;
	tl_status st;
	size_t n;

	*out = NULL;
	if (!s)
		return TL_ENOMEM;
	tl__arena_init(&s->arena);
	st = tl__json_parse(&s->arena, text, len, NULL, &root, err);
	if (st != TL_OK)
		goto fail;
	if (root->type != TL__J_OBJECT) {
		st = fail(err, root, "an expectation file is a JSON object, not %s",
		          tl__json_type_name(root->type));
		goto fail;
	}
	if (default_policy)
		default_policy = tl__arena_strndup(&s->arena, default_policy, strlen(default_policy));
	n = count_cases(root);
	s->cases = tl__arena_alloc(&s->arena, (n ? n : 1) * sizeof(*s->cases));
	if (!s->cases) {
		st = TL_ENOMEM;
		goto fail;
	}
	suites = tl__json_get(root, "suites");
	if (suites)
		read_suites(s, root, suites, default_policy);
	else
		read_block(s, root, default_policy, "an expectation file");
	if (s->arena.failed) {
		st = TL_ENOMEM;
		tl__error_set(err, st, NULL, "out of memory");
		goto fail;
	}
	*out = s;
	return TL_OK;
fail:
	tl_suite_free(s);
	return st;
}

size_t tl_suite_case_count(const tl_suite *s)
{
	return s->n;
}

const tl_case *tl_suite_case(const tl_suite *s, size_t i)
{
	return i < s->n ? &s->cases[i].pub : NULL;
}

size_t tl_suite_problem_count(const tl_suite *s)
{
	return s->n_problems;
}

const tl_suite_problem *tl_suite_problem_at(const tl_suite *s, size_t i)
{
	return i < s->n_problems ? &s->problems[i] : NULL;
}

size_t tl_suite_problems_unkept(const tl_suite *s)
{
	return s->n_unkept;
}

void tl_suite_free(tl_suite *s)
{
	if (!s)
		return;
	tl__arena_release(&s->arena);
	free(s);
}

/* "caller": {"KIND": [ARGS...]} or {"KIND": "ARG"} */
static tl_status from_caller(const tl__jnode *caller, const tl_policy *policy, tl_request *req,
                             tl_caller_actions *actions, tl_error *err)
{
	const char *args[MAX_CALLER_ARGS];
	const tl__jnode *a;
	size_t n = 0, i;

	if (caller->type != TL__J_OBJECT || caller->n != 1)
		return fail(err, caller, "\"caller\" must be {\"KIND\": [ARGS...]}, e.g. "
		                         "{\"irsa\": [\"ISSUER\", \"NAMESPACE\", \"SA\"]}%s", "");
	a = &caller->child[0];
	if (a->type == TL__J_STRING) {
		args[n++] = a->text;
	} else if (a->type == TL__J_ARRAY && a->n <= MAX_CALLER_ARGS) {
		for (i = 0; i < a->n; i++) {
			if (a->child[i].type != TL__J_STRING)
				return fail(err, &a->child[i], "caller arguments must be strings%s", "");
			args[n++] = a->child[i].text;
		}
	} else {
		return fail(err, a, "caller \"%s\" takes a string or an array of strings", a->key);
	}
	if (tl_request_caller(req, policy, a->key, args, n, actions, err) != TL_OK) {
		err->line = a->loc.line;
		err->column = a->loc.column;
		return TL_EARG;
	}
	return TL_OK;
}

tl_status tl_suite_request(const tl_suite *s, size_t i, const tl_policy *policy, tl_request *req,
                           tl_caller_actions *actions, tl_error *err)
{
	const tl__jnode *c, *caller, *rq, *action, *context;
	size_t k, v;
	tl_status st;

	if (i >= s->n)
		return TL_EARG;
	c = s->cases[i].node;
	caller = tl__json_get(c, "caller");
	rq = tl__json_get(c, "request");
	memset(actions, 0, sizeof(*actions));
	if (caller) {
		st = from_caller(caller, policy, req, actions, err);
	} else {
		st = tl_request_from_json(req, rq->src, rq->src_len, err);
		if (st != TL_OK) {
			err->line = rq->loc.line;
			err->column = rq->loc.column;
		}
		actions->action[0] = tl_request_action(req);
		actions->n = actions->action[0] ? 1 : 0;
	}
	if (st != TL_OK)
		return st;
	action = tl__json_get(c, "action");
	if (action) {
		if (action->type != TL__J_STRING)
			return fail(err, action, "\"action\" must be a string%s", "");
		actions->action[0] = action->text;
		actions->n = 1;
		st = tl_request_set_action(req, action->text);
	}
	context = tl__json_get(c, "context");
	if (context && context->type != TL__J_OBJECT)
		return fail(err, context, "\"context\" must be an object%s", "");
	for (k = 0; context && k < context->n && st == TL_OK; k++) {
		const tl__jnode *kv = &context->child[k];
		tl_request_unset(req, kv->key);
		if (kv->type == TL__J_ARRAY) {
			st = tl_request_set_empty(req, kv->key);
			for (v = 0; v < kv->n && st == TL_OK; v++)
				st = tl_request_add(req, kv->key, kv->child[v].text ? kv->child[v].text : "",
				                    kv->child[v].len);
		} else {
			st = tl_request_add(req, kv->key, kv->text ? kv->text : "", kv->len);
		}
	}
	return st;
}
