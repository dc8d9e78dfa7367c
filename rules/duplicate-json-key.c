/*
 * duplicate-json-key.c - TL102: an object repeats a key.
 *
 * The engine's strict parse refuses the document at the first duplicate,
 * as IAM does; this rule re-reads the text with a small tokenizer to name
 * every duplicate, where it is, and what the first occurrence constrained,
 * because tools with last-wins JSON parsers silently drop that block
 * (alphagov/govuk-infrastructure#879 lost its GitHub `sub` check this way).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "values.h"

#define MAX_DEPTH 64

typedef struct member {
	char *key; /* decoded */
	unsigned line, col;
	const char *value; /* raw text of the value */
	size_t value_len;
	size_t order;
} member;

typedef struct scanner {
	lint_ctx *ctx;
	const char *p, *end;
	unsigned line, col;
	bool bad; /* not JSON after all: stop quietly (json-syntax reports it) */
} scanner;

static void step(scanner *s)
{
	unsigned char c = (unsigned char)*s->p++;

	if (c == '\n') {
		s->line++;
		s->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		s->col++;
	}
}

static void ws(scanner *s)
{
	while (s->p < s->end && strchr(" \t\r\n", *s->p) && *s->p)
		step(s);
}

/* Read a string at s->p, decoding escapes when `out` is given (UTF-8;
 * lone surrogates are kept as their code units so they still compare). */
static bool string(scanner *s, char **out)
{
	char *buf = NULL;
	size_t n = 0;

	if (s->p >= s->end || *s->p != '"')
		return false;
	if (out) {
		buf = malloc((size_t)(s->end - s->p) + 1);
		if (!buf)
			return false;
	}
	step(s);
	while (s->p < s->end && *s->p != '"') {
		char c = *s->p;
		if (c == '\\' && s->p + 1 < s->end) {
			char e = s->p[1];
			step(s);
			step(s);
			if (e == 'u' && s->end - s->p >= 4) {
				unsigned v = 0;
				int k;
				for (k = 0; k < 4; k++) {
					int h = tl__hex_value(s->p[0]);
					v = v * 16 + (unsigned)(h < 0 ? 0 : h);
					step(s);
				}
				if (buf) {
					if (v < 0x80) {
						buf[n++] = (char)v;
					} else if (v < 0x800) {
						buf[n++] = (char)(0xC0 | (v >> 6));
						buf[n++] = (char)(0x80 | (v & 0x3F));
					} else {
						buf[n++] = (char)(0xE0 | (v >> 12));
						buf[n++] = (char)(0x80 | ((v >> 6) & 0x3F));
						buf[n++] = (char)(0x80 | (v & 0x3F));
					}
				}
				continue;
			}
			if (buf)
				buf[n++] = e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b'
				         : e == 'f' ? '\f' : e;
			continue;
		}
		if (buf)
			buf[n++] = c;
		step(s);
	}
	if (s->p >= s->end) {
		free(buf);
		return false;
	}
	step(s);
	if (buf) {
		buf[n] = '\0';
		*out = buf;
	}
	return true;
}

static void value(scanner *s, const char *pointer, int depth);

/* parent + "/" + key, with RFC 6901 escapes; truncated when too long. */
static void join_pointer(char *out, size_t cap, const char *parent, const char *key)
{
	size_t n = (size_t)snprintf(out, cap, "%s/", parent);

	for (; *key && n + 3 < cap; key++) {
		if (*key == '~' || *key == '/') {
			out[n++] = '~';
			out[n++] = *key == '~' ? '0' : '1';
		} else {
			out[n++] = *key;
		}
	}
	out[n < cap ? n : cap - 1] = '\0';
}

static int by_key(const void *a, const void *b)
{
	const member *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* A short, one-line rendering of a value. */
static void render(const member *m, char *out, size_t cap)
{
	const char *p = m->value, *end = m->value + m->value_len;
	size_t n = 0;
	bool space = false;

	for (; p < end && n + 4 < cap && n < 70; p++) {
		bool ws = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
		if (ws && space)
			continue;
		out[n++] = ws ? ' ' : *p;
		space = ws;
	}
	if (p < end && n + 4 < cap)
		n += (size_t)snprintf(out + n, cap - n, "...");
	out[n < cap ? n : cap - 1] = '\0';
}

#define MAX_NAMES 64

/* The first-level member names of an object value, as written (at most MAX_NAMES). */
static size_t member_names(const member *m, const char **name, size_t *len)
{
	const char *p = m->value, *end = m->value + m->value_len, *start = NULL;
	size_t n = 0;
	int depth = 0;
	bool in_str = false, at_key = false;

	if (m->value_len == 0 || *p != '{')
		return 0;
	for (; p < end; p++) {
		if (in_str) {
			if (*p == '\\') {
				p++;
			} else if (*p == '"') {
				in_str = false;
				if (at_key && n < MAX_NAMES) {
					name[n] = start;
					len[n++] = (size_t)(p - start);
				}
			}
			continue;
		}
		if (*p == '"') {
			const char *q = p - 1;
			in_str = true;
			start = p + 1;
			/* a string after ':' is a value, not a key */
			while (q > m->value && strchr(" \t\r\n", *q))
				q--;
			at_key = depth == 1 && (*q == '{' || *q == ',');
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		}
	}
	return n;
}

/*
 * What the lost occurrence held that the kept (last) one does not: for
 * two objects, the member names only the lost one has (the constraint a
 * last-wins parser drops); else its value.
 */
static void describe(const member *lost, const member *kept, char *out, size_t cap)
{
	const char *ln[MAX_NAMES], *kn[MAX_NAMES];
	size_t ll[MAX_NAMES], kl[MAX_NAMES], nl, nk, i, j, used = 0, missing = 0;

	out[0] = '\0';
	nl = member_names(lost, ln, ll);
	nk = member_names(kept, kn, kl);
	if (nl == 0) {
		char v[100];
		render(lost, v, sizeof(v));
		snprintf(out, cap, "the value %s", v);
		return;
	}
	/* both small (MAX_NAMES): a nested loop stays bounded */
	for (i = 0; i < nl; i++) {
		bool found = false;
		for (j = 0; j < nk && !found; j++)
			found = ll[i] == kl[j] && memcmp(ln[i], kn[j], ll[i]) == 0;
		if (found || used + ll[i] + 8 >= cap)
			continue;
		used += (size_t)snprintf(out + used, cap - used, "%s\"%.*s\"", missing ? ", " : "",
		                         (int)ll[i], ln[i]);
		missing++;
	}
	if (missing)
		return;
	used = (size_t)snprintf(out, cap, "the values of ");
	for (i = 0; i < nl && used + ll[i] + 8 < cap; i++)
		used += (size_t)snprintf(out + used, cap - used, "%s\"%.*s\"", i ? ", " : "", (int)ll[i],
		                         ln[i]);
}

static void object(scanner *s, const char *pointer, int depth)
{
	member *ms = NULL;
	size_t n = 0, cap = 0, i;

	step(s); /* { */
	ws(s);
	if (s->p < s->end && *s->p == '}') {
		step(s);
		return;
	}
	while (!s->bad && s->p < s->end) {
		member m = {0};
		char child[1024];

		ws(s);
		m.line = s->line;
		m.col = s->col;
		if (!string(s, &m.key)) {
			s->bad = true;
			break;
		}
		ws(s);
		if (s->p >= s->end || *s->p != ':') {
			free(m.key);
			s->bad = true;
			break;
		}
		step(s);
		ws(s);
		m.value = s->p;
		join_pointer(child, sizeof(child), pointer, m.key);
		value(s, child, depth + 1);
		m.value_len = (size_t)(s->p - m.value);
		m.order = n;
		if (n == cap) {
			member *grown;
			cap = cap ? cap * 2 : 8;
			grown = realloc(ms, cap * sizeof(*ms));
			if (!grown) {
				free(m.key);
				s->bad = true;
				break;
			}
			ms = grown;
		}
		ms[n++] = m;
		ws(s);
		if (s->p < s->end && *s->p == ',') {
			step(s);
			continue;
		}
		if (s->p < s->end && *s->p == '}')
			step(s);
		else
			s->bad = true;
		break;
	}
	if (!s->bad && n > 1) {
		size_t last = 0;

		qsort(ms, n, sizeof(*ms), by_key);
		for (i = 1; i < n; i++) {
			char held[400];
			tl_loc loc;
			char ptr[1024];

			if (strcmp(ms[i].key, ms[i - 1].key) != 0)
				continue;
			/* the occurrence a last-wins parser keeps: the group's last */
			if (last <= i)
				for (last = i; last + 1 < n && strcmp(ms[last + 1].key, ms[i].key) == 0; last++)
					;
			describe(&ms[i - 1], &ms[last], held, sizeof(held));
			join_pointer(ptr, sizeof(ptr), pointer, ms[i].key);
			loc = (tl_loc){ptr, ms[i].line, ms[i].col, ms[i].line, ms[i].col};
			lint_report(s->ctx, &loc, NULL,
			            "duplicate key \"%s\" in %s (also at line %u): IAM refuses the policy, "
			            "and a last-wins parser (most tools, and the rest of this lint) keeps only "
			            "the one at line %u and drops %s from line %u",
			            ms[i].key, *pointer ? pointer : "the document", ms[i - 1].line,
			            ms[last].line, held, ms[i - 1].line);
		}
	}
	for (i = 0; i < n; i++)
		free(ms[i].key);
	free(ms);
}

static void value(scanner *s, const char *pointer, int depth)
{
	ws(s);
	if (s->bad || s->p >= s->end || depth > MAX_DEPTH) {
		s->bad = true;
		return;
	}
	if (*s->p == '{') {
		object(s, pointer, depth);
	} else if (*s->p == '[') {
		size_t i = 0;
		char child[1024];
		step(s);
		ws(s);
		if (s->p < s->end && *s->p == ']') {
			step(s);
			return;
		}
		while (!s->bad && s->p < s->end) {
			snprintf(child, sizeof(child), "%s/%zu", pointer, i++);
			value(s, child, depth + 1);
			ws(s);
			if (s->p < s->end && *s->p == ',') {
				step(s);
				continue;
			}
			if (s->p < s->end && *s->p == ']')
				step(s);
			else
				s->bad = true;
			break;
		}
	} else if (*s->p == '"') {
		if (!string(s, NULL))
			s->bad = true;
	} else {
		while (s->p < s->end && !strchr(",]} \t\r\n", *s->p) && *s->p)
			step(s);
	}
}

static void check(lint_ctx *ctx)
{
	scanner s;

	/* only when the strict parse failed on a duplicate; otherwise there is none */
	if (!ctx->parse_error || !(ctx->parse_error->flags & TL_ERROR_DUPLICATE_KEY))
		return;
	s = (scanner){ctx, ctx->text, ctx->text + ctx->text_len, 1, 1, false};
	value(&s, "", 0);
}

const rule_def rule_duplicate_json_key = {
	.code = 102,
	.name = "duplicate-json-key",
	.severity = LINT_ERROR,
	.summary = "an object repeats a key, so one of its blocks is silently lost",
	.rationale = "IAM refuses a policy whose objects repeat a key (IAM policy grammar), but most "
	             "tools load JSON with a last-wins parser and never see it: with two StringEquals "
	             "blocks the second silently replaces the first. GOV.UK's GitHub OIDC role lost "
	             "its token.actions.githubusercontent.com:sub check exactly this way "
	             "(alphagov/govuk-infrastructure#879).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:sub\": \"repo:acme/app:ref:refs/heads/main\"}, "
	       "\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	        "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	        "{\"token.actions.githubusercontent.com:sub\": \"repo:acme/app:ref:refs/heads/main\", "
	        "\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}}}]}",
	.fix = "Merge the repeated blocks into one object: put every key of both under a single "
	       "operator (or element).",
	.check = check,
};
