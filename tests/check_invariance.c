/*
 * check_invariance.c - the property that a decision and every finding do
 * not depend on the order of keys, on white space, or on whether
 * Statement is one object or an array of one.
 *
 * Over every policy in corpus/ (lint cases, examples, the CI example) and
 * every decision vector in corpus/eval/, each document is re-written four
 * ways (keys reversed at every level and indented; compact on one line;
 * Statement toggled between object and one-element array; keys in a fixed
 * pseudo-random order) and must lint
 * to the same findings and decide to the same result.  Positions differ by
 * construction, so findings compare by rule, severity, JSON Pointer (with
 * "/Statement/0" folded to "/Statement" for single statements) and message.
 * A vector's request is re-written the same way, so its context keys
 * change order too.  One rule is exempt from the Statement toggle only: policy-size-quota,
 * since "[" and "]" are two more characters for the IAM quota.
 */
#define _DEFAULT_SOURCE /* DT_DIR */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "lint.h"

typedef struct buf {
	char *s;
	size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void quoted(buf *b, const char *s, size_t n)
{
	char *tmp = malloc(n * 6 + 1);

	if (!tmp)
		abort();
	put(b, "\"", 1);
	put(b, tmp, tl_json_escape(tmp, s, n));
	put(b, "\"", 1);
	free(tmp);
}

enum style { REVERSED_PRETTY, COMPACT, TOGGLE_STATEMENT, SHUFFLED };

/* A fixed pseudo-random order of an object's members: sorted by a hash of
 * the key and the member count, so each object gets its own permutation
 * (not just the reverse) and a failure reproduces. */
static unsigned long key_hash(const char *k, size_t len, size_t n)
{
	unsigned long h = 2166136261UL ^ n;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619UL;
	return h & 0xffffffffUL;
}

static void shuffled_order(const tl__jnode *n, size_t *order)
{
	size_t i, j;

	for (i = 0; i < n->n; i++)
		order[i] = i;
	for (i = 1; i < n->n; i++) /* insertion sort by hash: objects are small */
		for (j = i; j > 0 &&
		            key_hash(n->child[order[j - 1]].key, n->child[order[j - 1]].key_len, n->n) >
		                key_hash(n->child[order[j]].key, n->child[order[j]].key_len, n->n);
		     j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

static void indent(buf *b, enum style st, int depth)
{
	int i;

	if (st != REVERSED_PRETTY)
		return;
	put(b, "\n", 1);
	for (i = 0; i < depth; i++)
		put(b, "  ", 2);
}

static void emit(buf *b, const tl__jnode *n, enum style st, int depth, bool top);

static void emit_member(buf *b, const tl__jnode *c, enum style st, int depth, bool first,
                        bool top)
{
	if (!first)
		put(b, ",", 1);
	indent(b, st, depth + 1);
	quoted(b, c->key, c->key_len);
	put(b, st == COMPACT ? ":" : ": ", st == COMPACT ? 1 : 2);
	/* the toggle: Statement as an object <-> an array of one */
	if (top && st == TOGGLE_STATEMENT && strcmp(c->key, "Statement") == 0) {
		if (c->type == TL__J_OBJECT) {
			put(b, "[", 1);
			emit(b, c, st, depth + 1, false);
			put(b, "]", 1);
			return;
		}
		if (c->type == TL__J_ARRAY && c->n == 1 && c->child[0].type == TL__J_OBJECT) {
			emit(b, &c->child[0], st, depth + 1, false);
			return;
		}
	}
	emit(b, c, st, depth + 1, false);
}

static void emit(buf *b, const tl__jnode *n, enum style st, int depth, bool top)
{
	size_t i;

	switch (n->type) {
	case TL__J_OBJECT: {
		size_t *order = malloc((n->n + 1) * sizeof(*order));
		if (!order)
			abort();
		shuffled_order(n, order);
		put(b, "{", 1);
		for (i = 0; i < n->n; i++) {
			size_t k = st == REVERSED_PRETTY ? n->n - 1 - i : st == SHUFFLED ? order[i] : i;
			emit_member(b, &n->child[k], st, depth, i == 0, top);
		}
		free(order);
		if (n->n)
			indent(b, st, depth);
		put(b, "}", 1);
		break;
	}
	case TL__J_ARRAY:
		put(b, "[", 1);
		for (i = 0; i < n->n; i++) {
			if (i)
				put(b, st == COMPACT ? "," : ", ", st == COMPACT ? 1 : 2);
			emit(b, &n->child[i], st, depth + 1, false);
		}
		put(b, "]", 1);
		break;
	case TL__J_STRING:
		quoted(b, n->text, n->len);
		break;
	default:
		put(b, n->text, n->len);
	}
}

/* "TLnnn severity pointer message", sorted, one string per finding. */
static char **signature(const char *text, size_t len, size_t *count, bool toggled)
{
	tl_policy *p = NULL;
	tl_error err = {0};
	lint_ctx ctx = {0};
	char **out;
	size_t i, k = 0;

	if (tl_policy_parse(&p, text, len, NULL, &err) != TL_OK) {
		*count = 0;
		return NULL;
	}
	ctx.text = text;
	ctx.text_len = len;
	ctx.policy = p;
	ctx.doc = tl_policy_document(p);
	lint_run(&ctx, NULL);
	out = calloc(ctx.n_findings + 1, sizeof(*out));
	for (i = 0; i < ctx.n_findings; i++) {
		const lint_finding *f = &ctx.findings[i];
		char ptr[1024], line[2048];
		const char *s = f->pointer;
		size_t n;

		if (toggled && f->rule->code == 111)
			continue; /* policy-size-quota: the toggle changes the size */
		/* fold "/Statement/0" to "/Statement" for single statements */
		if (ctx.doc->n_statements == 1 && strncmp(s, "/Statement/0", 12) == 0 &&
		    (s[12] == '/' || s[12] == '\0'))
			snprintf(ptr, sizeof(ptr), "/Statement%s", s + 12);
		else
			snprintf(ptr, sizeof(ptr), "%s", s);
		n = (size_t)snprintf(line, sizeof(line), "TL%d %s %s %s", f->rule->code,
		                     lint_severity_name(f->severity), ptr, f->message);
		out[k++] = strndup(line, n);
	}
	lint_ctx_release(&ctx);
	tl_policy_free(p);
	for (i = 0; i + 1 < k; i++) /* insertion sort: few findings */
		for (size_t j = i + 1; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
			char *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	*count = k;
	return out;
}

static void free_sig(char **s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static int failures, documents, decisions;

static void compare_lint(const char *where, const char *text, size_t len, const tl__jnode *root)
{
	size_t n0, n1, i;
	char **base = signature(text, len, &n0, false), **base_t = NULL;
	enum style st;

	if (!base)
		return;
	documents++;
	for (st = REVERSED_PRETTY; st <= SHUFFLED; st++) {
		buf b = {0};
		char **v;
		size_t nb = n0;
		char **cmp = base;

		emit(&b, root, st, 0, true);
		v = signature(b.s, b.n, &n1, st == TOGGLE_STATEMENT);
		if (st == TOGGLE_STATEMENT) {
			base_t = signature(text, len, &nb, true);
			cmp = base_t;
		}
		if (!v || n1 != nb) {
			failures++;
			fprintf(stderr, "%s: style %d gives %zu findings, the original %zu\n%s\n", where, st,
			        n1, nb, b.s);
			for (i = 0; i < nb; i++)
				fprintf(stderr, "  original: %s\n", cmp[i]);
			for (i = 0; v && i < n1; i++)
				fprintf(stderr, "  variant:  %s\n", v[i]);
		} else {
			for (i = 0; i < n1; i++)
				if (strcmp(v[i], cmp[i]) != 0) {
					failures++;
					fprintf(stderr, "%s: style %d differs:\n  original: %s\n  variant:  %s\n", where,
					        st, cmp[i], v[i]);
				}
		}
		free_sig(v, n1);
		if (base_t)
			free_sig(base_t, nb);
		base_t = NULL;
		free(b.s);
	}
	free_sig(base, n0);
}

static void lint_file(const char *path)
{
	char *text = NULL;
	size_t len;
	tl_error err;
	tl__arena a;
	const tl__jnode *root;

	if (tl_file_read(path, 1 << 20, &text, &len, &err) != TL_OK)
		return;
	tl__arena_init(&a);
	if (tl__json_parse(&a, text, len, NULL, &root, &err) == TL_OK && root->type == TL__J_OBJECT &&
	    tl__json_get(root, "Statement"))
		compare_lint(path, text, len, root);
	tl__arena_release(&a);
	free(text);
}

static tl_decision decide(const char *text, size_t len, const char *req, size_t req_len, bool *ok)
{
	tl_policy *p = NULL;
	tl_request *r = tl_request_new();
	tl_error err;
	tl_result res = {0};

	*ok = tl_policy_parse(&p, text, len, NULL, &err) == TL_OK &&
	      tl_request_from_json(r, req, req_len, &err) == TL_OK &&
	      tl_eval(p, r, NULL, &res) == TL_OK;
	tl_policy_free(p);
	tl_request_free(r);
	return res.decision;
}

static void vector_line(const char *where, const char *line, size_t len)
{
	tl__arena a;
	tl_error err;
	const tl__jnode *root, *pol, *req;
	enum style st;
	bool ok0, ok1;
	tl_decision d0, d1;

	tl__arena_init(&a);
	if (tl__json_parse(&a, line, len, NULL, &root, &err) != TL_OK)
		goto done;
	pol = tl__json_get(root, "policy");
	req = tl__json_get(root, "request");
	if (!pol || !req || pol->type != TL__J_OBJECT)
		goto done;
	d0 = decide(pol->src, pol->src_len, req->src, req->src_len, &ok0);
	if (!ok0)
		goto done;
	decisions++;
	compare_lint(where, pol->src, pol->src_len, pol);
	for (st = REVERSED_PRETTY; st <= SHUFFLED; st++) {
		buf b = {0}, rb = {0};
		emit(&b, pol, st, 0, true);
		emit(&rb, req, st, 0, false); /* the request's keys reordered too */
		d1 = decide(b.s, b.n, rb.s, rb.n, &ok1);
		free(rb.s);
		if (!ok1 || d1 != d0) {
			failures++;
			fprintf(stderr, "%s: style %d decides %s, the original %s\n", where, st,
			        ok1 ? tl_decision_name(d1) : "nothing", tl_decision_name(d0));
		}
		free(b.s);
	}
done:
	tl__arena_release(&a);
}

static void walk(const char *dir, int depth)
{
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		char path[4096];
		const char *nm = names[i]->d_name;
		size_t l = strlen(nm);

		snprintf(path, sizeof(path), "%s/%s", dir, nm);
		if (nm[0] != '.' && depth < 8) {
			if (names[i]->d_type == DT_DIR)
				walk(path, depth + 1);
			else if (l > 6 && strcmp(nm + l - 6, ".jsonl") == 0) {
				FILE *f = fopen(path, "r");
				char *line = NULL, where[4200];
				size_t cap = 0;
				ssize_t got;
				unsigned long no = 0;
				while (f && (got = getline(&line, &cap, f)) > 0) {
					snprintf(where, sizeof(where), "%s:%lu", path, ++no);
					vector_line(where, line, (size_t)got);
				}
				free(line);
				if (f)
					fclose(f);
			} else if (l > 5 && strcmp(nm + l - 5, ".json") == 0 && !strstr(nm, ".test.json")) {
				lint_file(path);
			}
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	walk(argc > 1 ? argv[1] : "corpus", 0);
	printf("invariance: %d policies linted and %d decisions checked in 4 forms each, %d differences\n",
	       documents, decisions, failures);
	if (documents < 100 || decisions < 500) {
		fprintf(stderr, "invariance: too few documents found under the corpus\n");
		return 1;
	}
	return failures ? 1 : 0;
}
