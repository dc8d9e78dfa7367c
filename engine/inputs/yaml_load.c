/*
 * yaml_load.c - YAML text into a small tree of the whole stream (yaml.h).
 *
 * libyaml's event parser feeds the tree, bounded in depth and node count
 * as it is read (libyaml's own document loader has neither bound and
 * looks anchors up one by one).  Anchors go into a hash table as their
 * nodes complete, and aliases stay pointers to them, so the tree is
 * acyclic and an alias costs one node however much it stands for: what
 * it expands to is bounded where it is converted (yaml_to_json.c).
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "yaml.h"

/* The whole template: CloudFormation takes at most 1 MB of it, which is
 * well under a million nodes; nesting past the JSON containers' bound
 * is not a template. */
#define MAX_FILE_NODES 2000000u
#define MAX_FILE_DEPTH 128u

/* Anchor name -> node, open addressing: a template may hold many. */
typedef struct anchor_slot {
	const char *name;
	const tl__ynode *node;
} anchor_slot;

typedef struct anchors {
	anchor_slot *slot;
	size_t cap, n;
} anchors;

typedef struct loader {
	tl__yaml_document_fn *each; /* called at each document end */
	void *arg;
	tl__arena arena; /* the template tree, dropped when the reader returns */
	anchors anchors;
	tl__ynode *stack[MAX_FILE_DEPTH + 1]; /* open collections */
	size_t depth, nodes;
	tl__ynode *root;
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
static bool anchor_put(anchors *t, const char *name, const tl__ynode *node)
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

static tl_status new_node(loader *ld, const yaml_event_t *ev, tl__ykind kind,
                          const yaml_char_t *tag, const yaml_char_t *anchor, tl__ynode **out)
{
	tl__ynode *y;

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
static void attach(loader *ld, tl__ynode *y)
{
	tl__ynode *parent;

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
static tl_status complete(loader *ld, tl__ynode *y)
{
	if (y->anchor && !anchor_put(&ld->anchors, y->anchor, y))
		return TL_ENOMEM;
	return TL_OK;
}

static tl_status on_alias(loader *ld, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const anchor_slot *s = anchor_find(&ld->anchors, name);
	tl__ynode *y;
	tl_status st;

	if (!s || !s->name) {
		tl_loc loc = mark_loc(ev->start_mark);
		tl__error_set(ld->err, TL_ESYNTAX, &loc,
		              "YAML: alias *%s names no complete anchor before it", name);
		return TL_ESYNTAX;
	}
	st = new_node(ld, ev, TL__Y_ALIAS, NULL, NULL, &y);
	if (st != TL_OK)
		return st;
	y->target = s->node;
	attach(ld, y);
	return TL_OK;
}

static tl_status on_scalar(loader *ld, const yaml_event_t *ev)
{
	tl__ynode *y;
	tl_status st = new_node(ld, ev, TL__Y_SCALAR, ev->data.scalar.tag, ev->data.scalar.anchor, &y);

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

static tl_status on_open(loader *ld, const yaml_event_t *ev, tl__ykind kind)
{
	const yaml_char_t *tag =
	    kind == TL__Y_MAP ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
	const yaml_char_t *anchor =
	    kind == TL__Y_MAP ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	tl__ynode *y;
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

static tl_status on_event(loader *ld, const yaml_event_t *ev)
{
	tl_status st;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return on_alias(ld, ev);
	case YAML_SCALAR_EVENT:
		return on_scalar(ld, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_open(ld, ev, TL__Y_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_open(ld, ev, TL__Y_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (ld->depth == 0)
			return TL_OK; /* libyaml pairs them; never reached */
		return complete(ld, ld->stack[--ld->depth]);
	case YAML_DOCUMENT_END_EVENT:
		/* Each document of a stream stands alone, anchors included. */
		st = ld->each(ld->arg, &ld->arena, ld->root, ld->err);
		ld->root = NULL;
		ld->depth = 0;
		anchors_clear(&ld->anchors);
		return st;
	default:
		return TL_OK;
	}
}

tl_status tl__yaml_load(const char *text, size_t len, tl__yaml_document_fn *each, void *arg,
                        tl_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	loader *ld;
	tl_status st = TL_OK;
	bool done = false;

	ld = calloc(1, sizeof(*ld));
	if (!ld || !yaml_parser_initialize(&parser)) {
		free(ld);
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
		return TL_ENOMEM;
	}
	ld->each = each;
	ld->arg = arg;
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
