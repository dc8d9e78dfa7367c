/*
 * batch.c - JSON-lines batches: each line a policy (inline or a file) and
 * a request, each reply one line with the decision or why there is none.
 *
 * Policies come from the policy cache (policy_cache.c), requests are read
 * as tl_request_from_json reads them (request_json.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "compile.h"
#include "json.h"
#include "policy.h"
#include "policy_cache.h"
#include "request.h"
#include "trustlint.h"

struct tl_batch {
	char *base_dir;
	tl_limits limits;
	tl_request *req;
	tl__policy_cache cache;
	const tl_trace *last; /* trace of the line just decided */
};

tl_batch *tl_batch_new(const char *base_dir, const tl_limits *limits)
{
	static const tl_limits defaults = TL_LIMITS_INIT;
	tl_batch *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->limits = limits ? *limits : defaults;
	tl__policy_cache_init(&b->cache);
	b->req = tl_request_new();
	b->base_dir = base_dir ? strdup(base_dir) : NULL;
	if (!b->req || (base_dir && !b->base_dir)) {
		tl_batch_free(b);
		return NULL;
	}
	return b;
}

void tl_batch_free(tl_batch *b)
{
	if (!b)
		return;
	tl__policy_cache_clear(&b->cache);
	tl_request_free(b->req);
	free(b->base_dir);
	free(b);
}

void tl__batch_set_cache_bytes(tl_batch *b, size_t max)
{
	b->cache.max_bytes = max;
}

size_t tl__batch_cache_bytes(const tl_batch *b)
{
	return b->cache.bytes;
}

size_t tl__batch_cache_entries(const tl_batch *b)
{
	return b->cache.n_entries;
}

bool tl__batch_cached(const tl_batch *b, const char *text, size_t len)
{
	return tl__policy_cache_has_text(&b->cache, text, len);
}

/* A batch line names its fields; a request object has principal/action/context. */
static const tl__jnode *check_fields(const tl__jnode *root);

/* What `simulate` saves is a batch line; what `eval --request` reads is a
 * request: reading either lets a saved request go back into a session. */
tl_status tl_request_from_saved(tl_request *req, const char *text, size_t len, tl_error *err)
{
	tl__arena arena;
	const tl__jnode *root, *rq, *bad;
	tl_status st;

	tl__arena_init(&arena);
	st = tl__json_parse(&arena, text, len, NULL, &root, err);
	if (st == TL_OK) {
		rq = root->type == TL__J_OBJECT ? tl__json_get(root, "request") : NULL;
		bad = rq ? check_fields(root) : NULL;
		if (bad) {
			tl__error_set(err, TL_EARG, &bad->loc, "unknown batch line field \"%s\"", bad->key);
			st = TL_EARG;
		} else {
			st = tl__request_from_node(req, rq ? rq : root, err);
		}
	}
	tl__arena_release(&arena);
	return st;
}

/* ---- one line -------------------------------------------------------- */

typedef struct out {
	char **buf;
	size_t *len, *cap;
	bool failed;
} out;

static void put(out *o, const char *s, size_t n)
{
	if (o->failed)
		return;
	if (*o->len + n + 1 > *o->cap) {
		size_t cap = *o->cap ? *o->cap : 256;
		char *grown;
		while (cap < *o->len + n + 1)
			cap *= 2;
		grown = realloc(*o->buf, cap);
		if (!grown) {
			o->failed = true;
			return;
		}
		*o->buf = grown;
		*o->cap = cap;
	}
	memcpy(*o->buf + *o->len, s, n);
	*o->len += n;
	(*o->buf)[*o->len] = '\0';
}

static void puts_(out *o, const char *s)
{
	put(o, s, strlen(s));
}

static void put_quoted(out *o, const char *s, size_t n)
{
	char stack[1024], *tmp = n * 6 + 1 <= sizeof(stack) ? stack : malloc(n * 6 + 1);

	if (!tmp) {
		o->failed = true;
		return;
	}
	put(o, "\"", 1);
	put(o, tmp, tl_json_escape(tmp, s, n));
	put(o, "\"", 1);
	if (tmp != stack)
		free(tmp);
}

static const char *const line_fields[] = {"id",     "policy", "policy_file",   "request",
                                          "expect", "why",    "source",        "matched",
                                          "account_level", "allow_invalid"};

static const tl__jnode *check_fields(const tl__jnode *root)
{
	size_t i, j;

	for (i = 0; i < root->n; i++) {
		for (j = 0; j < sizeof(line_fields) / sizeof(*line_fields); j++)
			if (strcmp(root->child[i].key, line_fields[j]) == 0)
				break;
		if (j == sizeof(line_fields) / sizeof(*line_fields))
			return &root->child[i];
	}
	return NULL;
}

static void describe_error(char *dst, size_t cap, unsigned long lineno, const char *what,
                           const tl_error *e)
{
	if (e->line)
		snprintf(dst, cap, "line %lu: %s%s%u:%u: %s", lineno, what, *what ? " " : "", e->line,
		         e->column, e->message);
	else
		snprintf(dst, cap, "line %lu: %s%s%s", lineno, what, *what ? ": " : "", e->message);
}

/* Decide one parsed line; on failure fill res->error and return its status. */
static tl_status decide(tl_batch *b, const tl__jnode *root, unsigned long lineno,
                        tl_batch_result *res)
{
	const tl__jnode *pol, *file, *rq, *bad, *inv;
	tl_error err = {0};
	tl__cache_entry *e;
	tl_result r;
	size_t i;
	const tl_document *doc;

	if (root->type != TL__J_OBJECT) {
		snprintf(res->error, sizeof(res->error), "line %lu: not a JSON object", lineno);
		return TL_EARG;
	}
	bad = check_fields(root);
	if (bad) {
		snprintf(res->error, sizeof(res->error), "line %lu: unknown field \"%s\"", lineno, bad->key);
		return TL_EARG;
	}
	pol = tl__json_get(root, "policy");
	file = tl__json_get(root, "policy_file");
	rq = tl__json_get(root, "request");
	inv = tl__json_get(root, "allow_invalid");
	if (!!pol == !!file || (file && file->type != TL__J_STRING) || !rq) {
		snprintf(res->error, sizeof(res->error),
		         "line %lu: needs \"request\" and exactly one of \"policy\" (an object) or "
		         "\"policy_file\" (a path)", lineno);
		return TL_EARG;
	}
	e = pol ? tl__policy_cache_get(&b->cache, 't', pol->src, pol->src_len, b->base_dir, &b->limits)
	        : tl__policy_cache_get(&b->cache, 'f', file->text, file->len, b->base_dir, &b->limits);
	if (!e) {
		snprintf(res->error, sizeof(res->error), "line %lu: out of memory", lineno);
		return TL_ENOMEM;
	}
	if (!e->policy || !e->trace) {
		describe_error(res->error, sizeof(res->error), lineno, pol ? "policy" : file->text,
		               &e->error);
		return e->error.status ? e->error.status : TL_ENOMEM;
	}
	doc = tl_policy_document(e->policy);
	if (doc->n_hard_problems && !(inv && inv->type == TL__J_TRUE)) {
		const tl_problem *p = NULL;
		for (i = 0; i < doc->n_problems && !p; i++)
			if (doc->problems[i].hard)
				p = &doc->problems[i];
		snprintf(res->error, sizeof(res->error),
		         "line %lu: IAM would refuse this policy (%zu problem%s): %s%s%u:%u: %s", lineno,
		         doc->n_hard_problems, doc->n_hard_problems == 1 ? "" : "s",
		         file ? file->text : "policy", ":", p->loc.line, p->loc.column, p->message);
		return TL_EINVALID;
	}
	if (tl__request_from_node(b->req, rq, &err) != TL_OK) {
		describe_error(res->error, sizeof(res->error), lineno, "request", &err);
		return err.status;
	}
	tl_eval(e->policy, b->req, e->trace, &r);
	res->decision = r.decision;
	res->account_level = r.account_level;
	for (i = 0; i < e->trace->n_statements; i++)
		if (e->trace->stmt[i].applies) {
			if (res->n_matched < sizeof(res->matched) / sizeof(*res->matched))
				res->matched[res->n_matched] = i;
			res->n_matched++;
		}
	b->last = e->trace;
	res->ok = true;
	return TL_OK;
}

tl_status tl_batch_line(tl_batch *b, const char *line, size_t len, unsigned long lineno,
                        char **buf, size_t *buf_len, size_t *buf_cap, tl_batch_result *res_out)
{
	tl_batch_result local, *res = res_out ? res_out : &local;
	out o = {buf, buf_len, buf_cap, false};
	const tl__jnode *root = NULL, *id = NULL;
	tl__arena arena;
	tl_error err = {0};
	tl_status st;
	char num[32];
	size_t i;

	memset(res, 0, sizeof(*res));
	tl__arena_init(&arena);
	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' ||
	                        line[i] == '\n'); i++)
		;
	if (i == len) {
		/* a reply for every line keeps output lines paired with input lines */
		snprintf(res->error, sizeof(res->error), "line %lu: empty line", lineno);
		st = TL_EARG;
	} else {
		st = tl__json_parse(&arena, line, len, &b->limits, &root, &err);
		if (st != TL_OK)
			describe_error(res->error, sizeof(res->error), lineno, "", &err);
		else
			st = decide(b, root, lineno, res);
	}
	if (root && root->type == TL__J_OBJECT)
		id = tl__json_get(root, "id");
	puts_(&o, "{\"id\": ");
	if (id)
		put(&o, id->src, id->src_len);
	else
		puts_(&o, "null");
	if (res->ok) {
		puts_(&o, ", \"decision\": \"");
		puts_(&o, tl_decision_name(res->decision));
		puts_(&o, "\", \"matched\": [");
		bool first = true;
		for (i = 0; i < b->last->n_statements; i++) {
			if (!b->last->stmt[i].applies)
				continue;
			snprintf(num, sizeof(num), "%s%zu", first ? "" : ", ", i);
			puts_(&o, num);
			first = false;
		}
		puts_(&o, res->account_level ? "], \"account_level\": true, \"error\": null}\n"
		                             : "], \"account_level\": false, \"error\": null}\n");
	} else {
		puts_(&o, ", \"decision\": null, \"matched\": [], \"error\": ");
		put_quoted(&o, res->error, strlen(res->error));
		puts_(&o, "}\n");
	}
	tl__arena_release(&arena);
	return o.failed ? TL_ENOMEM : st;
}
