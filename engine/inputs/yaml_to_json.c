/*
 * yaml_to_json.c - one YAML node (a policy document) into the located
 * tl__jnode tree the JSON readers produce (yaml.h), and that tree's JSON
 * text, so nothing after the CloudFormation reader can tell a YAML policy
 * from a JSON one.
 *
 * Plain scalars take their JSON type from the YAML 1.2 core schema;
 * aliases are expanded under a budget (a billion-laughs document stops at
 * once); short-form tags (!Sub, !Ref, ...) become their long forms, which
 * the reader then turns into placeholders; every bound of the policy's
 * limits is charged on the JSON the document stands for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml.h"

/* One role document: CloudFormation has no aliases at all, so a handful
 * is generous, and a billion-laughs document stops at once. */
#define MAX_ALIASES 100u
/* Below tl__intrinsics_to_placeholders' own bound, so every intrinsic in
 * an accepted document becomes a placeholder. */
#define MAX_POLICY_DEPTH 200u

#define YAML_TAG(name) "tag:yaml.org,2002:" name

typedef struct conv {
	tl__arena *arena;   /* the policy's */
	tl__arena *scratch; /* the template tree's */
	const tl_limits *lim;
	tl_error *err;
	size_t max_depth;
	size_t scalars, aliases, size;
} conv;

static bool all_of(const char *s, size_t len, const char *set)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return len > 0;
}

static size_t span_of(const char *s, size_t len, const char *set)
{
	size_t i = 0;

	while (i < len && s[i] && strchr(set, s[i]))
		i++;
	return i;
}

/* An optional exponent (e or E, a sign, digits) from s[i], then the end:
 * the tail YAML and JSON numbers share. */
static bool exponent_then_end(const char *s, size_t len, size_t i)
{
	size_t d;

	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		d = span_of(s + i, len - i, "0123456789");
		if (d == 0)
			return false;
		i += d;
	}
	return i == len;
}

/*
 * YAML 1.2 core schema ints and floats, plus the 0x/0o/0b forms with a
 * sign that YAML 1.1 allows.  Dates (2012-10-17) and account ids with
 * letters are not numbers; the literal text is kept either way.
 */
static bool is_yaml_number(const char *s, size_t len)
{
	static const char *const special[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
	size_t i = 0, d, k;

	if (len && (s[0] == '-' || s[0] == '+'))
		i++;
	for (k = 0; k < sizeof(special) / sizeof(*special); k++)
		if (len - i == 4 && memcmp(s + i, special[k], 4) == 0)
			return k < 3 || i == 0;
	if (len - i > 2 && s[i] == '0') {
		if (s[i + 1] == 'x')
			return all_of(s + i + 2, len - i - 2, "0123456789abcdefABCDEF");
		if (s[i + 1] == 'o')
			return all_of(s + i + 2, len - i - 2, "01234567");
		if (s[i + 1] == 'b')
			return all_of(s + i + 2, len - i - 2, "01");
	}
	d = span_of(s + i, len - i, "0123456789");
	i += d;
	if (i < len && s[i] == '.') {
		size_t f = span_of(s + i + 1, len - i - 1, "0123456789");
		d += f;
		i += 1 + f;
	}
	if (d == 0)
		return false;
	return exponent_then_end(s, len, i);
}

static bool is_word(const char *s, size_t len, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(words[i]) == len && memcmp(s, words[i], len) == 0)
			return true;
	return false;
}

/* The JSON type a plain scalar resolves to (YAML 1.2 core schema). */
tl__jtype tl__yaml_resolve_plain(const char *s, size_t len)
{
	static const char *const nulls[] = {"~", "null", "Null", "NULL"};
	static const char *const trues[] = {"true", "True", "TRUE"};
	static const char *const falses[] = {"false", "False", "FALSE"};

	if (len == 0 || is_word(s, len, nulls, 4))
		return TL__J_NULL;
	if (is_word(s, len, trues, 3))
		return TL__J_TRUE;
	if (is_word(s, len, falses, 3))
		return TL__J_FALSE;
	return is_yaml_number(s, len) ? TL__J_NUMBER : TL__J_STRING;
}

static tl__jtype scalar_type(const tl__ynode *y)
{
	if (!y->tag)
		return y->plain ? tl__yaml_resolve_plain(y->text, y->len) : TL__J_STRING;
	if (strcmp(y->tag, YAML_TAG("str")) == 0 || strcmp(y->tag, "!") == 0)
		return TL__J_STRING;
	if (strncmp(y->tag, YAML_TAG(""), strlen(YAML_TAG(""))) == 0 || y->plain)
		return tl__yaml_resolve_plain(y->text, y->len);
	return TL__J_STRING;
}

/*
 * A short-form tag's long key: "!Sub" -> "Fn::Sub", "!Ref" -> "Ref",
 * "!Condition" -> "Condition".  Any other local tag is taken as a function
 * too (!Transform, !ToJsonString, ...): its value is unknown either way,
 * and a placeholder is what keeps rules from reading it as literal text.
 */
static const char *intrinsic_key(tl__arena *a, const char *tag)
{
	if (!tag || tag[0] != '!' || tag[1] == '\0')
		return NULL;
	if (strcmp(tag, "!Ref") == 0 || strcmp(tag, "!Condition") == 0)
		return tag + 1;
	return tl__arena_printf(a, "Fn::%s", tag + 1);
}

static tl_status too_deep(conv *c, const tl__jnode *out)
{
	tl__error_set(c->err, TL_ELIMIT, &out->loc, "nesting deeper than %zu levels (limit)",
	              c->max_depth);
	return TL_ELIMIT;
}

/* Charge `n` bytes of the equivalent JSON against the document bound. */
static tl_status charge(conv *c, size_t n, const tl_loc *at)
{
	c->size += n;
	if (c->size > c->lim->max_document_bytes) {
		tl__error_set(c->err, TL_ELIMIT, at,
		              "document larger than %zu bytes as JSON (limit)",
		              c->lim->max_document_bytes);
		return TL_ELIMIT;
	}
	return TL_OK;
}

static tl_status convert(conv *c, const tl__ynode *y, tl__jnode *out, size_t depth);

static tl_status convert_scalar(conv *c, const tl__ynode *y, tl__jnode *out)
{
	if (++c->scalars > c->lim->max_values) {
		tl__error_set(c->err, TL_ELIMIT, &out->loc, "more than %zu scalar values (limit)",
		              c->lim->max_values);
		return TL_ELIMIT;
	}
	if (y->len > c->lim->max_string_bytes) {
		tl__error_set(c->err, TL_ELIMIT, &out->loc,
		              "string of %zu bytes is longer than %zu (limit)", y->len,
		              c->lim->max_string_bytes);
		return TL_ELIMIT;
	}
	out->type = scalar_type(y);
	/* An empty null reads as JSON's, in messages and in role->text. */
	if (out->type == TL__J_NULL && y->len == 0) {
		out->text = "null";
		out->len = 4;
	} else {
		out->text = tl__arena_strndup(c->arena, y->text, y->len);
		out->len = y->len;
	}
	if (!out->text)
		return TL_ENOMEM;
	out->src = out->text;
	out->src_len = out->len;
	return charge(c, out->len + 2, &out->loc);
}

static tl_status convert_seq(conv *c, const tl__ynode *y, tl__jnode *out, size_t depth)
{
	const tl__ynode *e;
	size_t i = 0;
	char idx[24];

	out->type = TL__J_ARRAY;
	out->n = y->n;
	out->child = y->n ? tl__arena_alloc(c->arena, y->n * sizeof(*out->child)) : NULL;
	if (y->n && !out->child)
		return TL_ENOMEM;
	for (e = y->first; e; e = e->next, i++) {
		tl__jnode *ch = &out->child[i];
		int k = snprintf(idx, sizeof(idx), "%zu", i);
		tl_status st;

		ch->loc.pointer = tl__json_child_pointer(c->arena, out->loc.pointer, idx, (size_t)k);
		if (!ch->loc.pointer)
			return TL_ENOMEM;
		st = convert(c, e, ch, depth + 1);
		if (st != TL_OK)
			return st;
	}
	return charge(c, 2 + y->n, &out->loc);
}

static tl_status convert_map(conv *c, const tl__ynode *y, tl__jnode *out, size_t depth)
{
	const tl__ynode *k, *dup;
	size_t i = 0;
	tl_status st = tl__yaml_find_duplicate(c->scratch, y, &dup);

	if (st != TL_OK)
		return st;
	if (dup) {
		const tl__ynode *dk = tl__yaml_deref(dup);
		const char *ptr = tl__json_child_pointer(c->arena, out->loc.pointer, dk->text, dk->len);
		tl__yaml_duplicate_error(c->err, dup, ptr ? ptr : out->loc.pointer);
		return TL_ESYNTAX;
	}
	out->type = TL__J_OBJECT;
	out->n = y->n / 2;
	out->child = out->n ? tl__arena_alloc(c->arena, out->n * sizeof(*out->child)) : NULL;
	if (out->n && !out->child)
		return TL_ENOMEM;
	for (k = y->first; k && k->next; k = k->next->next, i++) {
		tl__jnode *ch = &out->child[i];
		const tl__ynode *dk = tl__yaml_deref(k);
		tl_loc kloc = {out->loc.pointer, k->line, k->column, k->line, k->column};

		ch->loc.key_line = k->line;
		ch->loc.key_column = k->column;
		if (k->kind == TL__Y_ALIAS && ++c->aliases > MAX_ALIASES) {
			tl__error_set(c->err, TL_ELIMIT, &kloc,
			              "more than %u YAML alias expansions (limit)", MAX_ALIASES);
			return TL_ELIMIT;
		}
		if (dk->kind != TL__Y_SCALAR) {
			tl__error_set(c->err, TL_ESYNTAX, &kloc,
			              "a mapping key must be a scalar, as JSON member names are");
			return TL_ESYNTAX;
		}
		if (dk->len > c->lim->max_string_bytes) {
			tl__error_set(c->err, TL_ELIMIT, &kloc,
			              "member name of %zu bytes is longer than %zu (limit)",
			              dk->len, c->lim->max_string_bytes);
			return TL_ELIMIT;
		}
		ch->key = tl__arena_strndup(c->arena, dk->text, dk->len);
		ch->key_len = dk->len;
		ch->loc.pointer = tl__json_child_pointer(c->arena, out->loc.pointer, dk->text, dk->len);
		if (!ch->key || !ch->loc.pointer)
			return TL_ENOMEM;
		kloc.pointer = ch->loc.pointer;
		st = charge(c, dk->len + 3, &kloc);
		if (st == TL_OK)
			st = convert(c, k->next, ch, depth + 1);
		if (st != TL_OK)
			return st;
	}
	return charge(c, 2 + out->n, &out->loc);
}

/* The node's content, its tag already dealt with. */
static tl_status convert_body(conv *c, const tl__ynode *y, tl__jnode *out, size_t depth)
{
	if (y->kind == TL__Y_SCALAR)
		return convert_scalar(c, y, out);
	if (depth > c->max_depth)
		return too_deep(c, out);
	return y->kind == TL__Y_SEQ ? convert_seq(c, y, out, depth) : convert_map(c, y, out, depth);
}

/* `!Sub x` -> {"Fn::Sub": x}: the long form the placeholders recognise. */
static tl_status convert_intrinsic(conv *c, const tl__ynode *y, const char *fn, tl__jnode *out,
                                   size_t depth)
{
	tl__jnode *arg;
	tl_status st;

	if (depth > c->max_depth)
		return too_deep(c, out);
	out->type = TL__J_OBJECT;
	out->n = 1;
	out->child = arg = tl__arena_alloc(c->arena, sizeof(*arg));
	if (!arg)
		return TL_ENOMEM;
	arg->key = fn;
	arg->key_len = strlen(fn);
	arg->loc = out->loc;
	arg->loc.pointer = tl__json_child_pointer(c->arena, out->loc.pointer, fn, arg->key_len);
	if (!arg->loc.pointer)
		return TL_ENOMEM;
	st = charge(c, arg->key_len + 5, &out->loc);
	if (st == TL_OK)
		st = convert_body(c, y, arg, depth + 1);
	return st;
}

/*
 * One YAML node into `out`, whose pointer (and, in a mapping, key and key
 * position) the caller has set.  An alias is followed under the budget;
 * its expansion keeps the anchored nodes' positions but starts at the
 * alias, which is where the reader looks.
 */
static tl_status convert(conv *c, const tl__ynode *y, tl__jnode *out, size_t depth)
{
	const char *fn;

	out->loc.line = y->line;
	out->loc.column = y->column;
	if (!out->loc.key_line) {
		out->loc.key_line = y->line;
		out->loc.key_column = y->column;
	}
	if (y->kind == TL__Y_ALIAS) {
		if (++c->aliases > MAX_ALIASES) {
			tl__error_set(c->err, TL_ELIMIT, &out->loc,
			              "more than %u YAML alias expansions (limit)", MAX_ALIASES);
			return TL_ELIMIT;
		}
		y = y->target;
	}
	fn = intrinsic_key(c->arena, y->tag);
	if (y->tag && y->tag[0] == '!' && y->tag[1] && !fn)
		return TL_ENOMEM;
	if (fn)
		return convert_intrinsic(c, y, fn, out, depth);
	return convert_body(c, y, out, depth);
}

/* ---- the policy's JSON text ------------------------------------------ */

/* RFC 8259 number grammar: YAML's 0x1F or .inf are not JSON numbers. */
static bool is_json_number(const char *s, size_t len)
{
	size_t i = 0, d;

	if (i < len && s[i] == '-')
		i++;
	d = span_of(s + i, len - i, "0123456789");
	if (d == 0 || (d > 1 && s[i] == '0'))
		return false;
	i += d;
	if (i < len && s[i] == '.') {
		d = span_of(s + i + 1, len - i - 1, "0123456789");
		if (d == 0)
			return false;
		i += 1 + d;
	}
	return exponent_then_end(s, len, i);
}

/*
 * The document as compact JSON (intrinsics still in their long form, as
 * the JSON reader keeps them): role->text, and the length IAM's quota
 * counts.  Recursion is bounded by the converted depth.
 */
void tl__yaml_json_text(tl__sbuf *b, const tl__jnode *n)
{
	size_t i;

	switch (n->type) {
	case TL__J_OBJECT:
	case TL__J_ARRAY:
		tl__sbuf_put(b, n->type == TL__J_OBJECT ? "{" : "[", 1);
		for (i = 0; i < n->n; i++) {
			if (i)
				tl__sbuf_put(b, ",", 1);
			if (n->type == TL__J_OBJECT) {
				tl__sbuf_string(b, n->child[i].key, n->child[i].key_len);
				tl__sbuf_put(b, ":", 1);
			}
			tl__yaml_json_text(b, &n->child[i]);
		}
		tl__sbuf_put(b, n->type == TL__J_OBJECT ? "}" : "]", 1);
		break;
	case TL__J_NUMBER:
		if (is_json_number(n->text, n->len))
			tl__sbuf_put(b, n->text, n->len);
		else
			tl__sbuf_string(b, n->text, n->len);
		break;
	case TL__J_TRUE:
		tl__sbuf_put(b, "true", 4);
		break;
	case TL__J_FALSE:
		tl__sbuf_put(b, "false", 5);
		break;
	case TL__J_NULL:
		tl__sbuf_put(b, "null", 4);
		break;
	default:
		tl__sbuf_string(b, n->text, n->len);
		break;
	}
}

tl_status tl__yaml_to_jnode(tl__arena *arena, tl__arena *scratch, const tl_limits *lim,
                            const tl__ynode *doc, tl__jnode *root, tl_error *err)
{
	conv c = {arena, scratch, lim, err, 0, 0, 0, 0};

	c.max_depth = lim->max_depth < MAX_POLICY_DEPTH ? lim->max_depth : MAX_POLICY_DEPTH;
	return convert(&c, doc, root, 1);
}
