/*
 * json.c - strict JSON into a located tree (see json.h).
 *
 * Why a lock-step walk: jansson records positions only for syntax errors
 * (akheron/jansson#272).  Once jansson has accepted the text we know it is
 * well formed, so a tiny scanner can walk the same text alongside the
 * jansson tree (objects keep insertion order since jansson 2.8) and note
 * where each value and member name starts, without re-implementing JSON.
 */
#include "json.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

typedef struct scan {
	tl__arena *arena;
	const tl_limits *lim;
	const char *p, *end;
	unsigned line, col;
	size_t scalars; /* what max_values bounds (trustlint.h) */
	tl_error *err;
	bool last_wins; /* jansson kept the last of repeated keys: skip the others in the text */
} scan;

/* Advance one byte, counting lines and characters (not bytes). */
static void step(scan *s)
{
	unsigned char c = (unsigned char)*s->p++;

	if (c == '\n') {
		s->line++;
		s->col = 1;
	} else if ((c & 0xC0) != 0x80) {
		s->col++;
	}
}

static void skip_ws(scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		step(s);
}

static void skip_string(scan *s)
{
	step(s); /* opening quote */
	while (s->p < s->end && *s->p != '"') {
		if (*s->p == '\\' && s->p + 1 < s->end)
			step(s);
		step(s);
	}
	if (s->p < s->end)
		step(s);
}

static void skip_scalar(scan *s)
{
	while (s->p < s->end && !strchr(",]} \t\r\n", *s->p))
		step(s);
}

static void skip_byte(scan *s, char c)
{
	skip_ws(s);
	if (s->p < s->end && *s->p == c)
		step(s);
}

/* RFC 6901: '~' -> "~0", '/' -> "~1". */
char *tl__json_child_pointer(tl__arena *a, const char *parent, const char *key, size_t klen)
{
	size_t plen = strlen(parent), extra = 0, i;
	char *out, *q;

	for (i = 0; i < klen; i++)
		extra += (key[i] == '~' || key[i] == '/');
	out = tl__arena_alloc(a, plen + 1 + klen + extra + 1);
	if (!out)
		return NULL;
	memcpy(out, parent, plen);
	q = out + plen;
	*q++ = '/';
	for (i = 0; i < klen; i++) {
		if (key[i] == '~' || key[i] == '/') {
			*q++ = '~';
			*q++ = key[i] == '~' ? '0' : '1';
		} else {
			*q++ = key[i];
		}
	}
	*q = '\0';
	return out;
}

static tl_status build(scan *s, json_t *v, tl__jnode *node, size_t depth);

/* Skip one value of text jansson has accepted (brackets balance). */
static void skip_value(scan *s)
{
	size_t depth = 0;

	skip_ws(s);
	while (s->p < s->end) {
		char c = *s->p;

		if (c == '"') {
			skip_string(s);
			if (depth == 0)
				return;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return; /* the end of the enclosing container */
			step(s);
			if (--depth == 0)
				return;
			continue;
		} else if (depth == 0 && strchr(", \t\r\n", c)) {
			return;
		}
		step(s);
	}
}

/* Where one member of an object stands in the text. */
typedef struct text_member {
	char *key; /* decoded, arena */
	size_t klen;
	unsigned key_line, key_col;
	const char *value;
	unsigned line, col;
} text_member;

/* One member of an object's text, at its key's opening quote: where it
 * stands into m, and "the last occurrence of this key is `index`" into
 * `last`. */
static tl_status note_member(scan *s, json_t *last, text_member *m, size_t index)
{
	const char *kstart;
	json_t *kj;

	m->key_line = s->line;
	m->key_col = s->col;
	kstart = s->p;
	skip_string(s);
	kj = json_loadb(kstart, (size_t)(s->p - kstart), JSON_DECODE_ANY, NULL);
	if (!kj || !json_is_string(kj)) {
		json_decref(kj);
		return TL_ENOMEM;
	}
	m->klen = json_string_length(kj);
	m->key = tl__arena_strndup(s->arena, json_string_value(kj), m->klen);
	json_decref(kj);
	if (!m->key || json_object_set_new(last, m->key, json_integer((json_int_t)index)) != 0)
		return TL_ENOMEM;
	skip_byte(s, ':');
	skip_ws(s);
	m->value = s->p;
	m->line = s->line;
	m->col = s->col;
	skip_value(s);
	return TL_OK;
}

/* Build the members whose occurrence is the last of their key, in text
 * order, into node's children; they must be exactly jansson's members. */
static tl_status build_winning_members(scan *s, json_t *v, tl__jnode *node, const text_member *ms,
                                       size_t n, json_t *last, size_t depth)
{
	tl_status st = TL_OK;
	size_t i, k = 0;

	for (i = 0; i < n && st == TL_OK; i++) {
		tl__jnode *c;

		if (json_integer_value(json_object_get(last, ms[i].key)) != (json_int_t)i)
			continue; /* a later occurrence wins */
		if (k == node->n) {
			st = TL_ESYNTAX;
			break;
		}
		c = &node->child[k++];
		c->loc.key_line = ms[i].key_line;
		c->loc.key_column = ms[i].key_col;
		c->key = ms[i].key;
		c->key_len = ms[i].klen;
		c->loc.pointer = tl__json_child_pointer(s->arena, node->loc.pointer, ms[i].key, ms[i].klen);
		if (!c->loc.pointer) {
			st = TL_ENOMEM;
			break;
		}
		s->p = ms[i].value;
		s->line = ms[i].line;
		s->col = ms[i].col;
		st = build(s, json_object_get(v, ms[i].key), c, depth + 1);
	}
	if (st == TL_OK && k != node->n)
		st = TL_ESYNTAX;
	if (st == TL_ESYNTAX)
		tl__error_set(s->err, TL_ESYNTAX, &node->loc, "object members out of step with the parser");
	return st;
}

/*
 * An object whose text may repeat keys (the last-wins reading): jansson
 * kept each key's last value, so walk every member of the text, note
 * which occurrence is the last, and build only those, in text order.
 */
static tl_status build_object_last_wins(scan *s, json_t *v, tl__jnode *node, size_t depth)
{
	size_t cap = 8, n = 0;
	text_member *ms = tl__arena_alloc(s->arena, cap * sizeof(*ms));
	json_t *last = json_object();
	tl_status st = TL_OK;
	const char *after;
	unsigned after_line, after_col;

	node->n = json_object_size(v);
	node->child = node->n ? tl__arena_alloc(s->arena, node->n * sizeof(*node->child)) : NULL;
	if (!ms || !last || (node->n && !node->child)) {
		json_decref(last);
		return TL_ENOMEM;
	}
	skip_byte(s, '{');
	for (;;) {
		skip_ws(s);
		if (s->p >= s->end || *s->p != '"')
			break;
		if (n == cap) {
			text_member *grown = tl__arena_alloc(s->arena, 2 * cap * sizeof(*grown));
			if (!grown) {
				st = TL_ENOMEM;
				goto out;
			}
			memcpy(grown, ms, n * sizeof(*ms));
			ms = grown;
			cap *= 2;
		}
		st = note_member(s, last, &ms[n], n);
		if (st != TL_OK)
			goto out;
		n++;
		skip_byte(s, ',');
	}
	skip_byte(s, '}');
	after = s->p;
	after_line = s->line;
	after_col = s->col;
	st = build_winning_members(s, v, node, ms, n, last, depth);
	s->p = after;
	s->line = after_line;
	s->col = after_col;
out:
	json_decref(last);
	return st;
}

static tl_status build_object(scan *s, json_t *v, tl__jnode *node, size_t depth)
{
	size_t n = json_object_size(v), i = 0;
	const char *key;
	json_t *member;

	node->n = n;
	node->child = n ? tl__arena_alloc(s->arena, n * sizeof(*node->child)) : NULL;
	if (n && !node->child)
		return TL_ENOMEM;
	skip_byte(s, '{');
	json_object_foreach(v, key, member) {
		tl__jnode *c = &node->child[i++];
		size_t klen = strlen(key);
		tl_status st;

		skip_ws(s);
		c->loc.key_line = s->line;
		c->loc.key_column = s->col;
		if (klen > s->lim->max_string_bytes) {
			tl_loc kloc = {node->loc.pointer, s->line, s->col, s->line, s->col};
			tl__error_set(s->err, TL_ELIMIT, &kloc,
			              "member name of %zu bytes is longer than %zu (limit)", klen,
			              s->lim->max_string_bytes);
			return TL_ELIMIT;
		}
		skip_string(s);
		skip_byte(s, ':');
		c->key = tl__arena_strndup(s->arena, key, klen);
		c->key_len = klen;
		c->loc.pointer = tl__json_child_pointer(s->arena, node->loc.pointer, key, klen);
		if (!c->key || !c->loc.pointer)
			return TL_ENOMEM;
		st = build(s, member, c, depth + 1);
		if (st != TL_OK)
			return st;
		skip_byte(s, ',');
	}
	skip_byte(s, '}');
	return TL_OK;
}

static tl_status build_array(scan *s, json_t *v, tl__jnode *node, size_t depth)
{
	size_t n = json_array_size(v), i;
	char idx[24];

	node->n = n;
	node->child = n ? tl__arena_alloc(s->arena, n * sizeof(*node->child)) : NULL;
	if (n && !node->child)
		return TL_ENOMEM;
	skip_byte(s, '[');
	for (i = 0; i < n; i++) {
		tl__jnode *c = &node->child[i];
		int k = snprintf(idx, sizeof(idx), "%zu", i);
		tl_status st;

		c->loc.pointer = tl__json_child_pointer(s->arena, node->loc.pointer, idx, (size_t)k);
		if (!c->loc.pointer)
			return TL_ENOMEM;
		st = build(s, json_array_get(v, i), c, depth + 1);
		if (st != TL_OK)
			return st;
		skip_byte(s, ',');
	}
	skip_byte(s, ']');
	return TL_OK;
}

static tl_status build(scan *s, json_t *v, tl__jnode *node, size_t depth)
{
	const char *start;

	skip_ws(s);
	node->loc.line = s->line;
	node->loc.column = s->col;
	if (!node->loc.key_line) {
		node->loc.key_line = s->line;
		node->loc.key_column = s->col;
	}
	start = s->p;
	/* Depth counts containers, as too_deep does; a scalar adds no level. */
	if (json_is_object(v) || json_is_array(v)) {
		if (depth > s->lim->max_depth) {
			tl__error_set(s->err, TL_ELIMIT, &node->loc,
			              "nesting deeper than %zu levels (limit)", s->lim->max_depth);
			return TL_ELIMIT;
		}
	} else if (++s->scalars > s->lim->max_values) {
		tl__error_set(s->err, TL_ELIMIT, &node->loc,
		              "more than %zu JSON scalar values (limit)", s->lim->max_values);
		return TL_ELIMIT;
	}
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		tl_status st;
		node->type = TL__J_OBJECT;
		st = s->last_wins ? build_object_last_wins(s, v, node, depth)
		                  : build_object(s, v, node, depth);
		if (st != TL_OK)
			return st;
		break;
	}
	case JSON_ARRAY: {
		tl_status st;
		node->type = TL__J_ARRAY;
		st = build_array(s, v, node, depth);
		if (st != TL_OK)
			return st;
		break;
	}
	case JSON_STRING:
		node->type = TL__J_STRING;
		node->len = json_string_length(v);
		if (node->len > s->lim->max_string_bytes) {
			tl__error_set(s->err, TL_ELIMIT, &node->loc,
			              "string of %zu bytes is longer than %zu (limit)", node->len,
			              s->lim->max_string_bytes);
			return TL_ELIMIT;
		}
		node->text = tl__arena_strndup(s->arena, json_string_value(v), node->len);
		skip_string(s);
		break;
	default:
		node->type = json_is_true(v)    ? TL__J_TRUE
		             : json_is_false(v) ? TL__J_FALSE
		             : json_is_null(v)  ? TL__J_NULL
		                                : TL__J_NUMBER;
		skip_scalar(s);
		node->len = (size_t)(s->p - start);
		node->text = tl__arena_strndup(s->arena, start, node->len);
		break;
	}
	node->src = start;
	node->src_len = (size_t)(s->p - start);
	return node->text || node->type == TL__J_OBJECT || node->type == TL__J_ARRAY
	           ? TL_OK
	           : TL_ENOMEM;
}

/*
 * jansson's own depth limit (2048) would only come after a deep descent;
 * a byte scan outside strings finds excessive nesting first and cheaply.
 */
static bool too_deep(const char *p, size_t len, size_t max, unsigned *line, unsigned *col)
{
	size_t depth = 0, i;
	bool in_str = false;

	*line = 1;
	*col = 1;
	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '\n') {
			++*line;
			*col = 1;
			continue;
		}
		if (((unsigned char)c & 0xC0) != 0x80)
			++*col;
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				return true;
		} else if (c == '}' || c == ']') {
			if (depth)
				depth--;
		}
	}
	return false;
}

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t avail)
{
	size_t n, i;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
	if (n == 0 || p[0] > 0xF4 || n > avail)
		return 0;
	cp = p[0] & (0x7Fu >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3Fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/*
 * jansson says "unable to decode byte" about the token around a bad byte
 * and treats a raw NUL as the end of the text; one pass first names the
 * byte itself, at its own line:column.
 */
static bool bad_byte(const char *text, size_t len, unsigned line0, unsigned col0, tl_error *err)
{
	const unsigned char *p = (const unsigned char *)text;
	tl_loc loc = {"", line0, col0, 0, 0};
	size_t i = 0, n;

	while (i < len) {
		if (p[i] == '\0') {
			loc.key_line = loc.line;
			loc.key_column = loc.column;
			tl__error_set(err, TL_ESYNTAX, &loc, "NUL byte in the text (JSON allows none)");
			return true;
		}
		n = utf8_seq(p + i, len - i);
		if (n == 0) {
			loc.key_line = loc.line;
			loc.key_column = loc.column;
			tl__error_set(err, TL_ESYNTAX, &loc, "invalid UTF-8 (byte 0x%02x)", p[i]);
			return true;
		}
		if (p[i] == '\n') {
			loc.line++;
			loc.column = 1;
		} else {
			loc.column++;
		}
		i += n;
	}
	return false;
}

/*
 * jansson reports the position after the token it stopped on; a
 * diagnostic points at the token's first character, as every other
 * location does.  Walk back over a string or a word, then count lines and
 * characters up to there.
 */
static tl_loc token_start(const char *text, size_t len, size_t pos, unsigned line0, unsigned col0)
{
	tl_loc loc = {"", line0, col0, 0, 0};
	size_t start = pos > len ? len : pos, i;

	if (start > 0 && text[start - 1] == '"') {
		/* back to the opening quote (not preceded by an escaping backslash) */
		for (i = start - 1; i > 0; i--)
			if (text[i - 1] == '"' && (i < 2 || text[i - 2] != '\\'))
				break;
		start = i > 0 ? i - 1 : 0;
	} else if (start > 0 && strchr("{}[],:", text[start - 1])) {
		start--;
	} else {
		while (start > 0 && !strchr(" \t\r\n{}[],:\"", text[start - 1]))
			start--;
		if (start > 0 && text[start - 1] == '"')
			start--; /* an unterminated string starts at its quote */
	}
	for (i = 0; i < start; i++) {
		if (text[i] == '\n') {
			loc.line++;
			loc.column = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			loc.column++;
		}
	}
	loc.key_line = loc.line;
	loc.key_column = loc.column;
	return loc;
}

tl_status tl__json_parse(tl__arena *a, const char *text, size_t len, const tl_limits *lim,
                         const tl__jnode **out, tl_error *err)
{
	return tl__json_parse_at(a, text, len, 1, 1, lim, out, err);
}

static tl_status parse(tl__arena *a, const char *text, size_t len, unsigned line0, unsigned col0,
                       const tl_limits *lim, bool last_wins, const tl__jnode **out, tl_error *err);

tl_status tl__json_parse_at(tl__arena *a, const char *text, size_t len, unsigned line0,
                            unsigned col0, const tl_limits *lim, const tl__jnode **out,
                            tl_error *err)
{
	return parse(a, text, len, line0, col0, lim, false, out, err);
}

/*
 * The document as last-wins parsers (most JSON libraries) read it: of
 * repeated keys the last value stays, where it stands in the text.  Only
 * for linting what a strict parse refused for a duplicate key.
 */
tl_status tl__json_parse_last_wins_at(tl__arena *a, const char *text, size_t len, unsigned line0,
                                      unsigned col0, const tl_limits *lim,
                                      const tl__jnode **out, tl_error *err)
{
	return parse(a, text, len, line0, col0, lim, true, out, err);
}

static tl_status parse(tl__arena *a, const char *text, size_t len, unsigned line0, unsigned col0,
                       const tl_limits *lim, bool last_wins, const tl__jnode **out, tl_error *err)
{
	static const tl_limits defaults = TL_LIMITS_INIT;
	json_error_t jerr;
	json_t *root = NULL;
	tl__jnode *node;
	scan s;
	tl_status st;
	unsigned line, col;

	*out = NULL;
	if (!lim)
		lim = &defaults;
	if (len > lim->max_document_bytes) {
		tl__error_set(err, TL_ELIMIT, NULL, "document of %zu bytes is larger than %zu (limit)",
		              len, lim->max_document_bytes);
		return TL_ELIMIT;
	}
	if (bad_byte(text, len, line0, col0, err))
		return TL_ESYNTAX;
	if (too_deep(text, len, lim->max_depth, &line, &col)) {
		tl_loc loc = {"", line + line0 - 1, (line == 1 ? col0 - 1 : 0) + col - 1, 0, 0};
		tl__error_set(err, TL_ELIMIT, &loc, "nesting deeper than %zu levels (limit)",
		              lim->max_depth);
		return TL_ELIMIT;
	}
	/* INT_AS_REAL: JSON integers have no width, and only the literal text
	 * is kept, so one wider than 64 bits must not be a syntax error. */
	root = json_loadb(text, len,
	                  (last_wins ? 0 : JSON_REJECT_DUPLICATES) | JSON_DECODE_ANY |
	                      JSON_DECODE_INT_AS_REAL,
	                  &jerr);
	if (!root) {
		bool dup = json_error_code(&jerr) == json_error_duplicate_key;
		json_t *lenient;

		/* A duplicate key stops jansson before the rest is read: a syntax
		 * error further on must not hide behind it, so read again without
		 * the check and prefer what that finds. */
		if (dup) {
			lenient = json_loadb(text, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, &jerr);
			if (lenient) {
				json_decref(lenient);
				/* only the duplicate, then: its error again */
				lenient = json_loadb(text, len,
				                     JSON_REJECT_DUPLICATES | JSON_DECODE_ANY |
				                         JSON_DECODE_INT_AS_REAL,
				                     &jerr);
				json_decref(lenient);
			} else {
				dup = false;
			}
		}
		{
			tl_loc loc = token_start(text, len, (size_t)jerr.position, line0, col0);
			if (json_error_code(&jerr) == json_error_null_character)
				tl__error_set(err, TL_ESYNTAX, &loc, "\\u0000 (NUL) is not allowed in a string");
			else
				tl__error_set(err, TL_ESYNTAX, &loc, "%s", jerr.text);
		}
		if (dup)
			err->flags |= TL_ERROR_DUPLICATE_KEY;
		return TL_ESYNTAX;
	}
	node = tl__arena_alloc(a, sizeof(*node));
	if (!node) {
		st = TL_ENOMEM;
		goto done;
	}
	node->loc.pointer = "";
	s = (scan){a, lim, text, text + len, line0, col0, 0, err, last_wins};
	st = build(&s, root, node, 1);
	if (st == TL_OK && a->failed)
		st = TL_ENOMEM;
	if (st == TL_ENOMEM)
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
	if (st == TL_OK)
		*out = node;
done:
	json_decref(root);
	return st;
}

const tl__jnode *tl__json_get(const tl__jnode *obj, const char *name)
{
	size_t i, nlen = strlen(name);

	if (!obj || obj->type != TL__J_OBJECT)
		return NULL;
	for (i = 0; i < obj->n; i++)
		if (obj->child[i].key_len == nlen && memcmp(obj->child[i].key, name, nlen) == 0)
			return &obj->child[i];
	return NULL;
}

const char *tl__json_type_name(tl__jtype t)
{
	static const char *const names[] = {"an object", "an array", "a string", "a number",
	                                    "a boolean", "a boolean", "null",
	                                    "an intrinsic function"};
	return names[t];
}
