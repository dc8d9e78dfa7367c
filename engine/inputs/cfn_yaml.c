/*
 * cfn_yaml.c - CloudFormation and SAM templates written in YAML.
 *
 * libyaml's event parser feeds a small tree of the whole template, bounded
 * in depth and node count as it is read (its document loader has neither
 * bound and looks anchors up one by one).  Aliases stay pointers into that
 * tree.  Each role's AssumeRolePolicyDocument is then converted into the
 * located tl__jnode tree the JSON readers produce, in the policy's own
 * arena: aliases are expanded under a budget, short-form tags (!Sub, !Ref,
 * ...) become their long forms and then placeholders, so nothing after
 * this file can tell a YAML policy from a JSON one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "inputs.h"
#include "policy.h"

/* The whole template: CloudFormation takes at most 1 MB of it, which is
 * well under a million nodes; nesting past the JSON containers' bound
 * is not a template. */
#define MAX_FILE_NODES 2000000u
#define MAX_FILE_DEPTH 128u
/* One role document: CloudFormation has no aliases at all, so a handful
 * is generous, and a billion-laughs document stops at once. */
#define MAX_ALIASES 100u
/* Below tl__intrinsics_to_placeholders' own bound, so every intrinsic in
 * an accepted document becomes a placeholder. */
#define MAX_POLICY_DEPTH 200u

#define YAML_TAG(name) "tag:yaml.org,2002:" name

typedef enum ykind { Y_SCALAR, Y_SEQ, Y_MAP, Y_ALIAS } ykind;

typedef struct ynode ynode;
struct ynode {
	ykind kind;
	bool plain;         /* a plain scalar: its type comes from its text */
	const char *tag;    /* as libyaml resolved it, NULL when none */
	const char *anchor; /* registered once the node is complete */
	const char *text;   /* scalar value, NUL-terminated (may hold NUL) */
	size_t len;
	unsigned line, column;      /* 1-based, of its first character (tag or anchor) */
	const ynode *target;        /* an alias's anchored node */
	ynode *first, *last, *next; /* children; a mapping's alternate key, value */
	size_t n;
};

/* Anchor name -> node, open addressing: a template may hold many. */
typedef struct anchor_slot {
	const char *name;
	const ynode *node;
} anchor_slot;

typedef struct anchors {
	anchor_slot *slot;
	size_t cap, n;
} anchors;

typedef struct loader {
	tl_source *src;
	tl__arena arena; /* the template tree, dropped when the reader returns */
	anchors anchors;
	ynode *stack[MAX_FILE_DEPTH + 1]; /* open collections */
	size_t depth, nodes;
	ynode *root;
	tl_error *err;
} loader;

/* ---- anchors --------------------------------------------------------- */

static size_t hash_name(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static anchor_slot *anchor_find(const anchors *t, const char *name)
{
	size_t i;

	if (!t->cap)
		return NULL;
	for (i = hash_name(name) & (t->cap - 1); t->slot[i].name; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->slot[i].name, name) == 0)
			return &t->slot[i];
	return &t->slot[i];
}

/* A later anchor of the same name replaces the earlier one (YAML 1.2 3.2.2.2). */
static bool anchor_put(anchors *t, const char *name, const ynode *node)
{
	anchor_slot *s;

	if ((t->n + 1) * 2 > t->cap) {
		anchors grown = {NULL, t->cap ? t->cap * 2 : 64, 0};
		size_t i;

		grown.slot = calloc(grown.cap, sizeof(*grown.slot));
		if (!grown.slot)
			return false;
		for (i = 0; i < t->cap; i++)
			if (t->slot[i].name) {
				*anchor_find(&grown, t->slot[i].name) = t->slot[i];
				grown.n++;
			}
		free(t->slot);
		*t = grown;
	}
	s = anchor_find(t, name);
	if (!s->name)
		t->n++;
	s->name = name;
	s->node = node;
	return true;
}

static void anchors_clear(anchors *t)
{
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

/* ---- reading the template ------------------------------------------- */

static tl_loc mark_loc(yaml_mark_t m)
{
	tl_loc loc = {"", (unsigned)m.line + 1, (unsigned)m.column + 1, 0, 0};

	loc.key_line = loc.line;
	loc.key_column = loc.column;
	return loc;
}

/* libyaml names the reader's problems by byte offset, not by mark. */
static tl_loc offset_loc(const char *text, size_t len, size_t off)
{
	tl_loc loc = {"", 1, 1, 0, 0};
	size_t i;

	for (i = 0; i < off && i < len; i++) {
		if (text[i] == '\n') {
			loc.line++;
			loc.column = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			loc.column++;
		}
	}
	return loc;
}

static tl_status parse_error(const yaml_parser_t *p, const char *text, size_t len, tl_error *err)
{
	tl_loc loc;

	if (p->error == YAML_MEMORY_ERROR) {
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
		return TL_ENOMEM;
	}
	if (p->error == YAML_READER_ERROR) {
		loc = offset_loc(text, len, p->problem_offset);
		tl__error_set(err, TL_ESYNTAX, &loc, "YAML: %s",
		              p->problem ? p->problem : "unreadable input");
		return TL_ESYNTAX;
	}
	loc = mark_loc(p->problem_mark);
	if (p->context)
		tl__error_set(err, TL_ESYNTAX, &loc, "YAML: %s (%s at line %zu, column %zu)",
		              p->problem ? p->problem : "syntax error", p->context,
		              p->context_mark.line + 1, p->context_mark.column + 1);
	else
		tl__error_set(err, TL_ESYNTAX, &loc, "YAML: %s",
		              p->problem ? p->problem : "syntax error");
	return TL_ESYNTAX;
}

static const char *copy_str(tl__arena *a, const yaml_char_t *s)
{
	return s ? tl__arena_strndup(a, (const char *)s, strlen((const char *)s)) : NULL;
}

static tl_status new_node(loader *ld, const yaml_event_t *ev, ykind kind, const yaml_char_t *tag,
                          const yaml_char_t *anchor, ynode **out)
{
	ynode *y;

	if (++ld->nodes > MAX_FILE_NODES) {
		tl_loc loc = mark_loc(ev->start_mark);
		tl__error_set(ld->err, TL_ELIMIT, &loc, "more than %u YAML nodes (limit)",
		              MAX_FILE_NODES);
		return TL_ELIMIT;
	}
	y = tl__arena_alloc(&ld->arena, sizeof(*y));
	if (!y)
		return TL_ENOMEM;
	y->kind = kind;
	y->line = (unsigned)ev->start_mark.line + 1;
	y->column = (unsigned)ev->start_mark.column + 1;
	y->tag = copy_str(&ld->arena, tag);
	y->anchor = copy_str(&ld->arena, anchor);
	if ((tag && !y->tag) || (anchor && !y->anchor))
		return TL_ENOMEM;
	*out = y;
	return TL_OK;
}

/* Hang a node under the collection being read, or make it the root. */
static void attach(loader *ld, ynode *y)
{
	ynode *parent;

	if (ld->depth == 0) {
		if (!ld->root)
			ld->root = y;
		return;
	}
	parent = ld->stack[ld->depth - 1];
	if (parent->last)
		parent->last->next = y;
	else
		parent->first = y;
	parent->last = y;
	parent->n++;
}

/* Anchors are registered when their node is complete, so an alias can
 * never reach into its own anchor: the tree stays acyclic. */
static tl_status complete(loader *ld, ynode *y)
{
	if (y->anchor && !anchor_put(&ld->anchors, y->anchor, y))
		return TL_ENOMEM;
	return TL_OK;
}

static tl_status on_alias(loader *ld, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const anchor_slot *s = anchor_find(&ld->anchors, name);
	ynode *y;
	tl_status st;

	if (!s || !s->name) {
		tl_loc loc = mark_loc(ev->start_mark);
		tl__error_set(ld->err, TL_ESYNTAX, &loc,
		              "YAML: alias *%s names no complete anchor before it", name);
		return TL_ESYNTAX;
	}
	st = new_node(ld, ev, Y_ALIAS, NULL, NULL, &y);
	if (st != TL_OK)
		return st;
	y->target = s->node;
	attach(ld, y);
	return TL_OK;
}

static tl_status on_scalar(loader *ld, const yaml_event_t *ev)
{
	ynode *y;
	tl_status st = new_node(ld, ev, Y_SCALAR, ev->data.scalar.tag, ev->data.scalar.anchor, &y);

	if (st != TL_OK)
		return st;
	y->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	y->len = ev->data.scalar.length;
	y->text = tl__arena_strndup(&ld->arena, (const char *)ev->data.scalar.value, y->len);
	if (!y->text)
		return TL_ENOMEM;
	attach(ld, y);
	return complete(ld, y);
}

static tl_status on_open(loader *ld, const yaml_event_t *ev, ykind kind)
{
	const yaml_char_t *tag =
	    kind == Y_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
	const yaml_char_t *anchor =
	    kind == Y_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	ynode *y;
	tl_status st;

	if (ld->depth >= MAX_FILE_DEPTH) {
		tl_loc loc = mark_loc(ev->start_mark);
		tl__error_set(ld->err, TL_ELIMIT, &loc,
		              "YAML nesting deeper than %u levels (limit)", MAX_FILE_DEPTH);
		return TL_ELIMIT;
	}
	st = new_node(ld, ev, kind, tag, anchor, &y);
	if (st != TL_OK)
		return st;
	attach(ld, y);
	ld->stack[ld->depth++] = y;
	return TL_OK;
}

static tl_status read_template(tl_source *src, tl__arena *scratch, const ynode *root,
                               tl_error *err);

static tl_status on_event(loader *ld, const yaml_event_t *ev)
{
	tl_status st;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return on_alias(ld, ev);
	case YAML_SCALAR_EVENT:
		return on_scalar(ld, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_open(ld, ev, Y_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_open(ld, ev, Y_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (ld->depth == 0)
			return TL_OK; /* libyaml pairs them; never reached */
		return complete(ld, ld->stack[--ld->depth]);
	case YAML_DOCUMENT_END_EVENT:
		/* Each document of a stream stands alone, anchors included. */
		st = read_template(ld->src, &ld->arena, ld->root, ld->err);
		ld->root = NULL;
		ld->depth = 0;
		anchors_clear(&ld->anchors);
		return st;
	default:
		return TL_OK;
	}
}

/* ---- finding the roles ----------------------------------------------- */

static const ynode *deref(const ynode *y)
{
	return y && y->kind == Y_ALIAS ? y->target : y;
}

static bool scalar_is(const ynode *y, const char *s)
{
	size_t n = strlen(s);

	y = deref(y);
	return y && y->kind == Y_SCALAR && y->len == n && memcmp(y->text, s, n) == 0;
}

/* The first value under scalar key `name` of a mapping, or NULL. */
static const ynode *map_get(const ynode *map, const char *name)
{
	const ynode *k;

	map = deref(map);
	if (!map || map->kind != Y_MAP)
		return NULL;
	for (k = map->first; k && k->next; k = k->next->next)
		if (scalar_is(k, name))
			return k->next;
	return NULL;
}

typedef struct keyref {
	const ynode *key; /* the key as written (maybe an alias) */
	size_t index;
} keyref;

static int keyref_cmp(const void *a, const void *b)
{
	const keyref *x = a, *y = b;
	const ynode *kx = deref(x->key), *ky = deref(y->key);
	size_t n = kx->len < ky->len ? kx->len : ky->len;
	int c = memcmp(kx->text, ky->text, n);

	if (c)
		return c;
	if (kx->len != ky->len)
		return kx->len < ky->len ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * The later key of the first repeated scalar key of a mapping, by sorting
 * (a hostile mapping may have a hundred thousand keys).  IAM and
 * CloudFormation refuse duplicates; quietly keeping one would evaluate a
 * policy other than the one written.  *dup is NULL when there is none.
 */
static tl_status find_duplicate(tl__arena *scratch, const ynode *map, const ynode **dup)
{
	size_t n = 0, i, best = (size_t)-1;
	const ynode *k;
	keyref *keys;

	*dup = NULL;
	if (map->n <= 16) {
		for (k = map->first; k && k->next; k = k->next->next) {
			const ynode *j, *dk = deref(k);
			for (j = map->first; j != k && dk->kind == Y_SCALAR; j = j->next->next) {
				const ynode *dj = deref(j);
				if (dj->kind == Y_SCALAR && dj->len == dk->len &&
				    memcmp(dj->text, dk->text, dk->len) == 0) {
					*dup = k;
					return TL_OK;
				}
			}
		}
		return TL_OK;
	}
	keys = tl__arena_alloc(scratch, (map->n / 2) * sizeof(*keys));
	if (!keys)
		return TL_ENOMEM;
	for (k = map->first, i = 0; k && k->next; k = k->next->next, i++)
		if (deref(k)->kind == Y_SCALAR)
			keys[n++] = (keyref){k, i};
	qsort(keys, n, sizeof(*keys), keyref_cmp);
	for (i = 1; i < n; i++) {
		const ynode *a = deref(keys[i - 1].key), *b = deref(keys[i].key);
		if (a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
		    keys[i].index < best) {
			best = keys[i].index;
			*dup = keys[i].key;
		}
	}
	return TL_OK;
}

static void duplicate_error(tl_error *err, const ynode *key, const char *pointer)
{
	const ynode *k = deref(key);
	tl_loc loc = {pointer, key->line, key->column, key->line, key->column};

	tl__error_set(err, TL_ESYNTAX, &loc, "duplicate key \"%.*s\" in a YAML mapping",
	              k->len > 200 ? 200 : (int)k->len, k->text);
}

/* ---- converting one policy document ---------------------------------- */

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

static bool is_word(const char *s, size_t len, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(words[i]) == len && memcmp(s, words[i], len) == 0)
			return true;
	return false;
}

/* The JSON type a plain scalar resolves to (YAML 1.2 core schema). */
static tl__jtype resolve_plain(const char *s, size_t len)
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

static tl__jtype scalar_type(const ynode *y)
{
	if (!y->tag)
		return y->plain ? resolve_plain(y->text, y->len) : TL__J_STRING;
	if (strcmp(y->tag, YAML_TAG("str")) == 0 || strcmp(y->tag, "!") == 0)
		return TL__J_STRING;
	if (strncmp(y->tag, YAML_TAG(""), strlen(YAML_TAG(""))) == 0 || y->plain)
		return resolve_plain(y->text, y->len);
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

static tl_status convert(conv *c, const ynode *y, tl__jnode *out, size_t depth);

static tl_status convert_scalar(conv *c, const ynode *y, tl__jnode *out)
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

static tl_status convert_seq(conv *c, const ynode *y, tl__jnode *out, size_t depth)
{
	const ynode *e;
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

static tl_status convert_map(conv *c, const ynode *y, tl__jnode *out, size_t depth)
{
	const ynode *k, *dup;
	size_t i = 0;
	tl_status st = find_duplicate(c->scratch, y, &dup);

	if (st != TL_OK)
		return st;
	if (dup) {
		const ynode *dk = deref(dup);
		const char *ptr = tl__json_child_pointer(c->arena, out->loc.pointer, dk->text, dk->len);
		duplicate_error(c->err, dup, ptr ? ptr : out->loc.pointer);
		return TL_ESYNTAX;
	}
	out->type = TL__J_OBJECT;
	out->n = y->n / 2;
	out->child = out->n ? tl__arena_alloc(c->arena, out->n * sizeof(*out->child)) : NULL;
	if (out->n && !out->child)
		return TL_ENOMEM;
	for (k = y->first; k && k->next; k = k->next->next, i++) {
		tl__jnode *ch = &out->child[i];
		const ynode *dk = deref(k);
		tl_loc kloc = {out->loc.pointer, k->line, k->column, k->line, k->column};

		ch->loc.key_line = k->line;
		ch->loc.key_column = k->column;
		if (k->kind == Y_ALIAS && ++c->aliases > MAX_ALIASES) {
			tl__error_set(c->err, TL_ELIMIT, &kloc,
			              "more than %u YAML alias expansions (limit)", MAX_ALIASES);
			return TL_ELIMIT;
		}
		if (dk->kind != Y_SCALAR) {
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
static tl_status convert_body(conv *c, const ynode *y, tl__jnode *out, size_t depth)
{
	if (y->kind == Y_SCALAR)
		return convert_scalar(c, y, out);
	if (depth > c->max_depth)
		return too_deep(c, out);
	return y->kind == Y_SEQ ? convert_seq(c, y, out, depth) : convert_map(c, y, out, depth);
}

/* `!Sub x` -> {"Fn::Sub": x}: the long form the placeholders recognise. */
static tl_status convert_intrinsic(conv *c, const ynode *y, const char *fn, tl__jnode *out,
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
static tl_status convert(conv *c, const ynode *y, tl__jnode *out, size_t depth)
{
	const char *fn;

	out->loc.line = y->line;
	out->loc.column = y->column;
	if (!out->loc.key_line) {
		out->loc.key_line = y->line;
		out->loc.key_column = y->column;
	}
	if (y->kind == Y_ALIAS) {
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
 * The document as compact JSON (intrinsics still in their long form, as
 * the JSON reader keeps them): role->text, and the length IAM's quota
 * counts.  Recursion is bounded by the converted depth.
 */
static void to_json(tl__sbuf *b, const tl__jnode *n)
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
			to_json(b, &n->child[i]);
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

/* ---- one role -------------------------------------------------------- */

/*
 * Convert, keep the JSON text, turn intrinsics into placeholders and
 * build the model.  Every failure ends up in role->error, with no policy.
 */
static void role_from_yaml(tl_source *src, tl__arena *scratch, tl_role *role, const ynode *doc)
{
	tl_policy *p = tl__policy_new();
	conv c = {NULL, scratch, &src->limits, &role->error, 0, 0, 0, 0};
	tl__sbuf json = {NULL, 0, 0, false};
	tl__jnode *root;
	tl_status st;

	if (!p)
		goto nomem;
	c.arena = &p->arena;
	c.max_depth =
	    src->limits.max_depth < MAX_POLICY_DEPTH ? src->limits.max_depth : MAX_POLICY_DEPTH;
	root = tl__arena_alloc(&p->arena, sizeof(*root));
	if (!root)
		goto nomem;
	root->loc.pointer = "";
	st = convert(&c, doc, root, 1);
	if (st == TL_ENOMEM || p->arena.failed)
		goto nomem;
	if (st != TL_OK)
		goto fail;
	to_json(&json, root);
	if (json.failed)
		goto nomem;
	role->text = tl__arena_strndup(&src->arena, json.p ? json.p : "", json.n);
	role->len = json.n;
	if (!role->text)
		goto nomem;
	/* takes p; role may move as variants are added */
	tl__role_from_cfn_tree(src, (size_t)(role - src->roles), p, root, tl__quota_chars(json.p, json.n));
	free(json.p);
	return;
nomem:
	tl__error_set(&role->error, TL_ENOMEM, NULL, "out of memory");
fail:
	free(json.p);
	tl_policy_free(p);
}

/* AWS::IAM::Role and SAM's AWS::Serverless::Function both take an
 * AssumeRolePolicyDocument property (as cfn_json.c). */
static bool has_trust_policy(const ynode *type)
{
	return scalar_is(type, "AWS::IAM::Role") || scalar_is(type, "AWS::Serverless::Function");
}

/* An untagged string document is JSON text (a `|` block, say), as in the
 * JSON reader. */
static bool is_json_string(const ynode *doc)
{
	doc = deref(doc);
	return doc->kind == Y_SCALAR && !doc->tag &&
	       (!doc->plain || resolve_plain(doc->text, doc->len) == TL__J_STRING);
}

static tl_status read_resource(tl_source *src, tl__arena *scratch, const ynode *id,
                               const ynode *res)
{
	const ynode *did = deref(id), *props, *doc, *dup = NULL;
	tl_role *role;
	tl_status st;

	if (did->kind != Y_SCALAR || !has_trust_policy(map_get(res, "Type")))
		return TL_OK;
	props = map_get(res, "Properties");
	doc = map_get(props, "AssumeRolePolicyDocument");
	if (!doc)
		return TL_OK;
	role = tl__source_add(src, did->text, id->line, id->column);
	if (!role)
		return TL_ENOMEM;
	/* Two Type or two AssumeRolePolicyDocument keys: which one is meant? */
	st = find_duplicate(scratch, deref(res), &dup);
	if (st == TL_OK && !dup)
		st = find_duplicate(scratch, deref(props), &dup);
	if (st != TL_OK)
		return st;
	if (dup) {
		duplicate_error(&role->error, dup, "");
		return TL_OK;
	}
	if (is_json_string(doc)) {
		const ynode *d = deref(doc);
		tl__role_from_string(src, role, d->text, d->len);
		return TL_OK;
	}
	role_from_yaml(src, scratch, role, doc);
	return TL_OK;
}

/* One document of the stream: its Resources, in order.  A repeated
 * logical id (or a second Resources) leaves no way to tell which was
 * meant, so the template is refused, as the JSON reader refuses it. */
static tl_status read_template(tl_source *src, tl__arena *scratch, const ynode *root, tl_error *err)
{
	const ynode *res = deref(map_get(root, "Resources")), *k, *dup;
	tl_status st;

	if (!res || res->kind != Y_MAP)
		return TL_OK;
	st = find_duplicate(scratch, deref(root), &dup);
	if (st == TL_OK && !dup)
		st = find_duplicate(scratch, res, &dup);
	if (st != TL_OK)
		return st;
	if (dup) {
		duplicate_error(err, dup, "");
		return TL_ESYNTAX;
	}
	for (k = res->first; k && k->next; k = k->next->next) {
		st = read_resource(src, scratch, k, k->next);
		if (st != TL_OK)
			return st;
	}
	return scratch->failed ? TL_ENOMEM : TL_OK;
}

tl_status tl__read_cfn_yaml(tl_source *src, const char *text, size_t len, tl_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	loader *ld;
	tl_status st = TL_OK;
	bool done = false;

	if (len > tl__container_limits.max_document_bytes) {
		tl__error_set(err, TL_ELIMIT, NULL,
		              "template of %zu bytes is larger than %zu (limit)", len,
		              tl__container_limits.max_document_bytes);
		return TL_ELIMIT;
	}
	ld = calloc(1, sizeof(*ld));
	if (!ld || !yaml_parser_initialize(&parser)) {
		free(ld);
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
		return TL_ENOMEM;
	}
	ld->src = src;
	ld->err = err;
	tl__arena_init(&ld->arena);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (st == TL_OK && !done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			st = parse_error(&parser, text, len, err);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		st = on_event(ld, &ev);
		yaml_event_delete(&ev);
		if (st == TL_OK && ld->arena.failed)
			st = TL_ENOMEM;
	}
	yaml_parser_delete(&parser);
	anchors_clear(&ld->anchors);
	tl__arena_release(&ld->arena);
	free(ld);
	return st;
}
