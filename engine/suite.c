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

typedef struct suite_case {
	tl_case pub;
	const tl__jnode *node; /* the case object */
} suite_case;

struct tl_suite {
	tl__arena arena;
	suite_case *cases;
	size_t n;
};

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

static const char *const case_fields[] = {"name", "caller", "request", "action", "context",
                                          "expect", NULL};

static tl_status read_case(tl_suite *s, const tl__jnode *c, const char *policy, const char *role,
                           size_t index, tl_error *err)
{
	suite_case *sc = &s->cases[s->n];
	const tl__jnode *name = tl__json_get(c, "name"), *expect = tl__json_get(c, "expect");
	size_t i, j;

	if (c->type != TL__J_OBJECT)
		return fail(err, c, "a case must be an object%s", "");
	for (i = 0; i < c->n; i++) {
		for (j = 0; case_fields[j]; j++)
			if (strcmp(c->child[i].key, case_fields[j]) == 0)
				break;
		if (!case_fields[j])
			return fail(err, &c->child[i], "unknown case field \"%s\" (name, caller, request, "
			                               "action, context, expect)", c->child[i].key);
	}
	if (!expect || expect->type != TL__J_STRING || !expect_from(expect->text, &sc->pub.expect))
		return fail(err, expect ? expect : c,
		            "a case needs \"expect\": \"allow\", \"deny\", \"explicit-deny\" or "
		            "\"implicit-deny\"%s", "");
	if (!!tl__json_get(c, "caller") == !!tl__json_get(c, "request"))
		return fail(err, c, "a case needs exactly one of \"caller\" or \"request\"%s", "");
	sc->pub.name = name && name->type == TL__J_STRING
	                   ? name->text
	                   : tl__arena_printf(&s->arena, "case %zu", index + 1);
	sc->pub.line = c->loc.line;
	sc->pub.column = c->loc.column;
	sc->pub.policy = policy;
	sc->pub.role = role;
	sc->node = c;
	s->n++;
	return TL_OK;
}

static tl_status read_block(tl_suite *s, const tl__jnode *b, const char *default_policy,
                            tl_error *err)
{
	const tl__jnode *pol = tl__json_get(b, "policy"), *role = tl__json_get(b, "role");
	const tl__jnode *cases = tl__json_get(b, "cases");
	const char *policy = pol && pol->type == TL__J_STRING ? pol->text : default_policy;
	size_t i;
	tl_status st;

	if (b->type != TL__J_OBJECT)
		return fail(err, b, "a suite must be an object%s", "");
	/* a mistyped field would otherwise pick another policy or role, or none */
	for (i = 0; i < b->n; i++)
		if (strcmp(b->child[i].key, "policy") != 0 && strcmp(b->child[i].key, "role") != 0 &&
		    strcmp(b->child[i].key, "cases") != 0 &&
		    !(b->loc.pointer[0] == '\0' && strcmp(b->child[i].key, "suites") == 0))
			return fail(err, &b->child[i], "unknown suite field \"%s\" (policy, role, cases)",
			            b->child[i].key);
	if (pol && pol->type != TL__J_STRING)
		return fail(err, pol, "\"policy\" must be a file name (a string)%s", "");
	if (role && role->type != TL__J_STRING)
		return fail(err, role, "\"role\" must be a role name (a string)%s", "");
	if (!policy)
		return fail(err, b, "the suite names no \"policy\" file%s", "");
	if (!cases || cases->type != TL__J_ARRAY)
		return fail(err, cases ? cases : b, "a suite needs \"cases\": [...]%s", "");
	for (i = 0; i < cases->n; i++) {
		st = read_case(s, &cases->child[i], policy,
		               role && role->type == TL__J_STRING ? role->text : NULL, i, err);
		if (st != TL_OK)
			return st;
	}
	return TL_OK;
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

tl_status tl_suite_load(tl_suite **out, const char *text, size_t len, const char *default_policy,
                        tl_error *err)
{
	tl_suite *s = calloc(1, sizeof(*s));
	const tl__jnode *root, *suites;
	tl_status st;
	size_t i, n;

	*out = NULL;
	if (!s)
		return TL_ENOMEM;
	tl__arena_init(&s->arena);
	st = tl__json_parse(&s->arena, text, len, NULL, &root, err);
	if (st != TL_OK)
		goto fail;
	if (default_policy)
		default_policy = tl__arena_strndup(&s->arena, default_policy, strlen(default_policy));
	n = count_cases(root);
	s->cases = tl__arena_alloc(&s->arena, (n ? n : 1) * sizeof(*s->cases));
	if (!s->cases) {
		st = TL_ENOMEM;
		goto fail;
	}
	suites = tl__json_get(root, "suites");
	if (suites && suites->type == TL__J_ARRAY) {
		for (i = 0; i < suites->n && st == TL_OK; i++)
			st = read_block(s, &suites->child[i], default_policy, err);
	} else {
		st = read_block(s, root, default_policy, err);
	}
	if (st != TL_OK)
		goto fail;
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
		/* an object (or null) has no text: it must not become "" */
		bool scalar = kv->type == TL__J_STRING || kv->type == TL__J_NUMBER ||
		              kv->type == TL__J_TRUE || kv->type == TL__J_FALSE;
		for (v = 0; kv->type == TL__J_ARRAY && v < kv->n; v++)
			if (kv->child[v].type == TL__J_OBJECT || kv->child[v].type == TL__J_ARRAY ||
			    kv->child[v].type == TL__J_NULL)
				return fail(err, &kv->child[v],
				            "context key \"%s\": values must be strings, numbers or booleans",
				            kv->key);
		if (!scalar && kv->type != TL__J_ARRAY)
			return fail(err, kv,
			            "context key \"%s\" must be a string, number, boolean or an array of them",
			            kv->key);
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
