/*
 * batch.c - JSON requests, and JSON-lines batches with a policy cache.
 *
 * A batch may repeat one policy over a million lines; it is parsed and
 * compiled once, keyed by its exact text (inline) or its path (file), and
 * the cache is bounded so memory follows the number of distinct policies
 * in flight, not the length of the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "compile.h"
#include "json.h"
#include "policy.h"
#include "request.h"
#include "values.h"
#include "trustlint.h"

#define CACHE_SLOTS 1024
/* Bounds of the cache: entries, and bytes (a 1 MB policy of 80,000 values
 * compiles to some 40 MB, so a count alone lets a few dozen distinct large
 * policies take gigabytes).  The least recently used entries go first. */
#define CACHE_MAX_ENTRIES (4 * CACHE_SLOTS)
#define CACHE_MAX_BYTES ((size_t)256 << 20)

size_t tl_json_escape(char *dst, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *q = dst;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			*q++ = '\\';
			*q++ = (char)c;
		} else if (c == '\n') {
			*q++ = '\\';
			*q++ = 'n';
		} else if (c == '\t') {
			*q++ = '\\';
			*q++ = 't';
		} else if (c == '\r') {
			*q++ = '\\';
			*q++ = 'r';
		} else if (c < 0x20 || c == 0x7f) {
			*q++ = '\\';
			*q++ = 'u';
			*q++ = '0';
			*q++ = '0';
			*q++ = hex[c >> 4];
			*q++ = hex[c & 15];
		} else {
			*q++ = (char)c;
		}
	}
	*q = '\0';
	return (size_t)(q - dst);
}

/* ---- requests -------------------------------------------------------- */

static bool principal_type_from(const char *s, tl_principal_type *out)
{
	static const struct {
		const char *name;
		tl_principal_type type;
	} types[] = {{"AWS", TL_PRINCIPAL_AWS},
	             {"Service", TL_PRINCIPAL_SERVICE},
	             {"Federated", TL_PRINCIPAL_FEDERATED},
	             {"CanonicalUser", TL_PRINCIPAL_CANONICAL_USER},
	             {"Anonymous", TL_PRINCIPAL_ANONYMOUS}};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (strcmp(s, types[i].name) == 0) {
			*out = types[i].type;
			return true;
		}
	return false;
}

static bool is_scalar(const tl__jnode *n)
{
	return n->type == TL__J_STRING || n->type == TL__J_NUMBER || n->type == TL__J_TRUE ||
	       n->type == TL__J_FALSE;
}

/* The key already in the request that `key` names, ignoring ASCII case
 * (the lookup tl_request_add makes anyway). */
static const char *same_key(const tl_request *req, const char *key)
{
	size_t len = strlen(key);
	char stack[256], *low = len < sizeof(stack) ? stack : malloc(len + 1);
	const tl__rkey *k;

	if (!low)
		return NULL; /* tl_request_add then reports the shortage */
	tl__ascii_lower(low, key, len);
	k = tl__request_find(req, low, len, tl__hash_lower(key, len));
	if (low != stack)
		free(low);
	return k ? k->name : NULL;
}

static tl_status request_from_node(tl_request *req, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *pr, *ty, *id, *ac, *cx;
	tl_principal_type type;
	size_t i, j;
	tl_status st;

	tl_request_reset(req);
	if (root->type != TL__J_OBJECT) {
		tl__error_set(err, TL_EARG, &root->loc, "a request must be an object");
		return TL_EARG;
	}
	for (i = 0; i < root->n; i++) {
		const char *k = root->child[i].key;
		if (strcmp(k, "principal") && strcmp(k, "action") && strcmp(k, "context")) {
			tl__error_set(err, TL_EARG, &root->child[i].loc,
			              "unknown request field \"%s\" (expected principal, action, context)", k);
			return TL_EARG;
		}
	}
	pr = tl__json_get(root, "principal");
	ty = tl__json_get(pr, "type");
	id = tl__json_get(pr, "id");
	if (!pr || pr->type != TL__J_OBJECT || !ty || ty->type != TL__J_STRING ||
	    !principal_type_from(ty->text, &type)) {
		tl__error_set(err, TL_EARG, pr ? &pr->loc : &root->loc,
		              "request.principal must be {\"type\": \"AWS\"|\"Service\"|\"Federated\"|"
		              "\"CanonicalUser\"|\"Anonymous\", \"id\": \"...\"}");
		return TL_EARG;
	}
	if ((type != TL_PRINCIPAL_ANONYMOUS && (!id || id->type != TL__J_STRING)) ||
	    (type == TL_PRINCIPAL_ANONYMOUS && id)) {
		tl__error_set(err, TL_EARG, &pr->loc,
		              type == TL_PRINCIPAL_ANONYMOUS ? "an Anonymous principal has no id"
		                                             : "request.principal.id must be a string");
		return TL_EARG;
	}
	st = tl_request_set_principal(req, type, id ? id->text : NULL);
	if (st != TL_OK)
		goto fail;
	ac = tl__json_get(root, "action");
	if (!ac || ac->type != TL__J_STRING) {
		tl__error_set(err, TL_EARG, ac ? &ac->loc : &root->loc,
		              "request.action must be a string such as \"sts:AssumeRole\"");
		return TL_EARG;
	}
	st = tl_request_set_action(req, ac->text);
	if (st != TL_OK)
		goto fail;
	cx = tl__json_get(root, "context");
	if (cx && cx->type != TL__J_OBJECT) {
		tl__error_set(err, TL_EARG, &cx->loc, "request.context must be an object");
		return TL_EARG;
	}
	for (i = 0; cx && i < cx->n; i++) {
		const tl__jnode *kv = &cx->child[i];
		const char *same = same_key(req, kv->key);
		if (same) {
			/* key names are case-insensitive, so this is one key given twice */
			tl__error_set(err, TL_EARG, &kv->loc,
			              "context key \"%s\" is also given as \"%s\"; AWS compares key names "
			              "without case, so the request is ambiguous: give it once",
			              kv->key, same);
			return TL_EARG;
		}
		if (kv->type == TL__J_ARRAY) {
			st = tl_request_set_empty(req, kv->key);
			for (j = 0; st == TL_OK && j < kv->n; j++) {
				if (!is_scalar(&kv->child[j])) {
					tl__error_set(err, TL_EARG, &kv->child[j].loc,
					              "context values must be strings, numbers or booleans");
					return TL_EARG;
				}
				st = tl_request_add(req, kv->key, kv->child[j].text, kv->child[j].len);
			}
		} else if (is_scalar(kv)) {
			st = tl_request_add(req, kv->key, kv->text, kv->len);
		} else {
			tl__error_set(err, TL_EARG, &kv->loc,
			              "context key \"%s\" must be a string or an array of strings", kv->key);
			return TL_EARG;
		}
		if (st != TL_OK)
			goto fail;
	}
	st = tl_request_derive(req);
	if (st == TL_OK)
		return TL_OK;
fail:
	tl__error_set(err, st, NULL, "out of memory");
	return st;
}

tl_status tl_request_from_json(tl_request *req, const char *text, size_t len, tl_error *err)
{
	tl__arena arena;
	const tl__jnode *root;
	tl_status st;

	tl__arena_init(&arena);
	st = tl__json_parse(&arena, text, len, NULL, &root, err);
	if (st == TL_OK)
		st = request_from_node(req, root, err);
	tl__arena_release(&arena);
	return st;
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
			st = request_from_node(req, rq ? rq : root, err);
		}
	}
	tl__arena_release(&arena);
	return st;
}

/* ---- the policy cache ------------------------------------------------ */

typedef struct entry {
	char *key; /* "t" + text, or "f" + path */
	size_t key_len;
	tl_policy *policy;
	tl_trace *trace;
	tl_error error; /* when policy is NULL: why it failed */
	size_t bytes;   /* what it holds, as the cache counts it */
	uint64_t slot;  /* its hash (the slot is this modulo CACHE_SLOTS) */
	struct entry *next;             /* in its hash slot */
	struct entry *newer, *older;    /* in the use order */
} entry;

struct tl_batch {
	char *base_dir;
	tl_limits limits;
	tl_request *req;
	entry *slots[CACHE_SLOTS];
	entry *newest, *oldest;
	size_t n_entries, bytes, max_bytes;
	const tl_trace *last; /* trace of the line just decided */
};

tl_batch *tl_batch_new(const char *base_dir, const tl_limits *limits)
{
	static const tl_limits defaults = TL_LIMITS_INIT;
	tl_batch *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->limits = limits ? *limits : defaults;
	b->max_bytes = CACHE_MAX_BYTES;
	b->req = tl_request_new();
	b->base_dir = base_dir ? strdup(base_dir) : NULL;
	if (!b->req || (base_dir && !b->base_dir)) {
		tl_batch_free(b);
		return NULL;
	}
	return b;
}

static void entry_free(entry *e)
{
	tl_trace_free(e->trace);
	tl_policy_free(e->policy);
	free(e->key);
	free(e);
}

static void cache_clear(tl_batch *b)
{
	size_t i;

	for (i = 0; i < CACHE_SLOTS; i++) {
		entry *e = b->slots[i];
		while (e) {
			entry *next = e->next;
			entry_free(e);
			e = next;
		}
		b->slots[i] = NULL;
	}
	b->newest = b->oldest = NULL;
	b->n_entries = 0;
	b->bytes = 0;
}

static void use_order_unlink(tl_batch *b, entry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		b->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		b->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void use_order_push(tl_batch *b, entry *e)
{
	e->older = b->newest;
	e->newer = NULL;
	if (b->newest)
		b->newest->newer = e;
	b->newest = e;
	if (!b->oldest)
		b->oldest = e;
}

/* Drop the least recently used entry (chains are short: a walk finds it). */
static void evict_oldest(tl_batch *b)
{
	entry *e = b->oldest, **link;
	size_t slot = (size_t)(e->slot % CACHE_SLOTS);

	for (link = &b->slots[slot]; *link != e; link = &(*link)->next)
		;
	*link = e->next;
	use_order_unlink(b, e);
	b->n_entries--;
	b->bytes -= e->bytes;
	entry_free(e);
}

static size_t entry_bytes(const entry *e)
{
	size_t n = sizeof(*e) + e->key_len + 1;

	if (e->policy)
		n += e->policy->arena.bytes;
	if (e->trace)
		n += sizeof(*e->trace) + e->trace->n_statements * sizeof(*e->trace->stmt) +
		     e->policy->total_conditions * sizeof(tl_cond_trace);
	return n;
}

void tl_batch_free(tl_batch *b)
{
	if (!b)
		return;
	cache_clear(b);
	tl_request_free(b->req);
	free(b->base_dir);
	free(b);
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

void tl__batch_set_cache_bytes(tl_batch *b, size_t max)
{
	b->max_bytes = max;
}

size_t tl__batch_cache_bytes(const tl_batch *b)
{
	return b->bytes;
}

size_t tl__batch_cache_entries(const tl_batch *b)
{
	return b->n_entries;
}

bool tl__batch_cached(const tl_batch *b, const char *text, size_t len)
{
	const entry *e = b->slots[(size_t)((hash_bytes(text, len) ^ (uint64_t)'t') % CACHE_SLOTS)];

	for (; e; e = e->next)
		if (e->key_len == len + 1 && e->key[0] == 't' && memcmp(e->key + 1, text, len) == 0)
			return true;
	return false;
}

/* Find or parse the policy of a line; the entry keeps a failure too, so a
 * broken policy repeated on many lines is also parsed once. */
static entry *cache_get(tl_batch *b, char kind, const char *text, size_t len)
{
	uint64_t h = hash_bytes(text, len) ^ (uint64_t)kind;
	size_t slot = (size_t)(h % CACHE_SLOTS);
	entry *e;
	char *src = NULL, *path = NULL;
	size_t src_len = len;

	for (e = b->slots[slot]; e; e = e->next)
		if (e->key_len == len + 1 && e->key[0] == kind && memcmp(e->key + 1, text, len) == 0) {
			use_order_unlink(b, e);
			use_order_push(b, e);
			return e;
		}
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->key = malloc(len + 2);
	if (!e->key) {
		free(e);
		return NULL;
	}
	e->key[0] = kind;
	memcpy(e->key + 1, text, len);
	e->key[len + 1] = '\0';
	e->key_len = len + 1;
	if (kind == 'f') {
		const char *p = e->key + 1;
		if (b->base_dir && p[0] != '/') {
			size_t n = strlen(b->base_dir) + len + 2;
			path = malloc(n);
			if (path)
				snprintf(path, n, "%s/%s", b->base_dir, p);
		}
		if (tl_file_read(path ? path : p, b->limits.max_document_bytes, &src, &src_len,
		              &e->error) == TL_OK) {
			tl_policy_parse(&e->policy, src, src_len, &b->limits, &e->error);
			free(src);
		}
		free(path);
	} else {
		tl_policy_parse(&e->policy, text, len, &b->limits, &e->error);
	}
	if (e->policy)
		e->trace = tl_trace_new(e->policy);
	e->slot = h;
	e->bytes = entry_bytes(e);
	/* room for it, from the least recently used; it stays even when it
	 * alone is over the bound (the line needs it), and goes next time */
	while (b->oldest &&
	       (b->n_entries >= CACHE_MAX_ENTRIES || b->bytes + e->bytes > b->max_bytes))
		evict_oldest(b);
	e->next = b->slots[slot];
	b->slots[slot] = e;
	use_order_push(b, e);
	b->n_entries++;
	b->bytes += e->bytes;
	return e;
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
	entry *e;
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
	e = pol ? cache_get(b, 't', pol->src, pol->src_len) : cache_get(b, 'f', file->text, file->len);
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
	if (request_from_node(b->req, rq, &err) != TL_OK) {
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
