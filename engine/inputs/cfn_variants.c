/*
 * cfn_variants.c - a CloudFormation document as the policies it can
 * deploy as.
 *
 * Fn::If picks one of two values by a condition the stack decides at
 * deploy time, so a document holding it is several policies.  Each is
 * linted: the document is copied once per choice of truth values of its
 * condition names (at most MAX_CONDITIONS names, 2^n copies), each Fn::If
 * replaced by the branch chosen and {"Ref": "AWS::NoValue"} removing the
 * element it stands for.  Conditions past the bound stay Fn::If, which
 * becomes a placeholder as any other intrinsic, and a note says so.
 *
 * An Fn::Sub whose text names no variable is that text: `!Sub 'repo:*'` is
 * the wildcard it reads as.  ${AWS::Partition} is "aws" unless the
 * template names another partition (see tl__role_from_cfn_tree).
 *
 * CloudFormation: Fn::If and AWS::NoValue ("Condition functions"), Fn::Sub
 * ("${!Literal}" writes "${Literal}"), pseudo parameters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "policy.h"

#define MAX_CONDITIONS 4
#define MAX_RESOLVE_DEPTH 256

typedef struct conditions {
	const char *name[MAX_CONDITIONS];
	size_t n, more; /* expanded, and distinct names past the bound */
	const char *more_names[8]; /* the first few past the bound, for the note */
} conditions;

static const tl__jnode *fn_arg(const tl__jnode *n, const char *fn)
{
	return n->type == TL__J_OBJECT && n->n == 1 && strcmp(n->child[0].key, fn) == 0 ? &n->child[0]
	                                                                                  : NULL;
}

/* The condition name of a well-formed Fn::If, else NULL. */
static const char *if_condition(const tl__jnode *n, const tl__jnode **args)
{
	const tl__jnode *a = fn_arg(n, "Fn::If");

	if (!a || a->type != TL__J_ARRAY || a->n != 3 || a->child[0].type != TL__J_STRING)
		return NULL;
	*args = a;
	return a->child[0].text;
}

static int condition_index(const conditions *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return (int)i;
	return -1;
}

static bool seen_more(const conditions *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->more && i < sizeof(c->more_names) / sizeof(*c->more_names); i++)
		if (strcmp(c->more_names[i], name) == 0)
			return true;
	return false;
}

/* Distinct condition names in first-seen order; the bound keeps the
 * lookups short. */
static void collect(conditions *c, const tl__jnode *n, size_t depth)
{
	const tl__jnode *args;
	const char *name;
	size_t i;

	if (depth > MAX_RESOLVE_DEPTH)
		return;
	name = if_condition(n, &args);
	if (name && condition_index(c, name) < 0) {
		if (c->n < MAX_CONDITIONS)
			c->name[c->n++] = name;
		else if (!seen_more(c, name) &&
		         c->more < sizeof(c->more_names) / sizeof(*c->more_names))
			c->more_names[c->more++] = name;
		else if (!seen_more(c, name))
			c->more++; /* counted, not named */
	}
	for (i = 0; i < n->n; i++)
		collect(c, &n->child[i], depth + 1);
}

typedef struct resolver {
	tl__arena *a;
	const conditions *c;
	unsigned choice; /* bit i set: condition i is false */
	bool aws_partition;
} resolver;

/* The text of a Sub that names no variable ("${!x}" is the literal
 * "${x}"; ${AWS::Partition} is "aws" when allowed), or NULL. */
static char *sub_literal(const resolver *r, const tl__jnode *arg)
{
	const tl__jnode *text = arg;
	size_t i, n = 0;
	char *out;

	if (arg->type == TL__J_ARRAY && arg->n == 2 && arg->child[0].type == TL__J_STRING)
		text = &arg->child[0];
	if (text->type != TL__J_STRING)
		return NULL;
	out = tl__arena_alloc(r->a, text->len + 1);
	if (!out)
		return NULL;
	for (i = 0; i < text->len; i++) {
		const char *s = text->text + i;
		if (s[0] != '$' || i + 1 >= text->len || s[1] != '{') {
			out[n++] = *s;
		} else if (i + 2 < text->len && s[2] == '!') {
			out[n++] = '$';
			out[n++] = '{';
			i += 2;
		} else if (r->aws_partition && text->len - i >= 17 && memcmp(s, "${AWS::Partition}", 17) == 0) {
			memcpy(out + n, "aws", 3);
			n += 3;
			i += 16;
		} else {
			return NULL; /* a variable: unknown until deployed */
		}
	}
	out[n] = '\0';
	return out;
}

/*
 * Copy `in` to `out` with the choice applied.  False when the value is
 * removed (AWS::NoValue).  The chosen branch keeps its own position and
 * the member name of the Fn::If it replaces.
 */
static bool resolve(const resolver *r, const tl__jnode *in, tl__jnode *out, size_t depth)
{
	const tl__jnode *args, *ref = fn_arg(in, "Ref"), *sub = fn_arg(in, "Fn::Sub");
	const char *cond = if_condition(in, &args), *lit;
	int i = cond ? condition_index(r->c, cond) : -1;
	size_t k, n;

	if (i >= 0) {
		const tl__jnode *branch = &args->child[(r->choice >> i) & 1u ? 2 : 1];
		if (!resolve(r, branch, out, depth + 1))
			return false;
		out->key = in->key;
		out->key_len = in->key_len;
		out->loc.key_line = in->loc.key_line;
		out->loc.key_column = in->loc.key_column;
		return true;
	}
	if (ref && ref->type == TL__J_STRING && strcmp(ref->text, "AWS::NoValue") == 0)
		return false;
	*out = *in;
	if (sub && (lit = sub_literal(r, sub)) != NULL) {
		out->type = TL__J_STRING;
		out->text = lit;
		out->len = strlen(lit);
		out->child = NULL;
		out->n = 0;
		return true;
	}
	if (in->n == 0 || depth > MAX_RESOLVE_DEPTH) {
		out->child = NULL;
		out->n = 0;
		return true;
	}
	out->child = tl__arena_alloc(r->a, in->n * sizeof(*out->child));
	if (!out->child) {
		out->n = 0;
		return true; /* the arena's failed flag reports it */
	}
	for (k = 0, n = 0; k < in->n; k++)
		n += resolve(r, &in->child[k], &out->child[n], depth + 1);
	out->n = n;
	return true;
}

/* "Prod=true, Dev=false" */
static const char *choice_label(tl__arena *a, const conditions *c, unsigned choice)
{
	char buf[512];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < c->n && n < sizeof(buf); i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s=%s", i ? ", " : "", c->name[i],
		                      (choice >> i) & 1u ? "false" : "true");
	return tl__arena_strndup(a, buf, strlen(buf));
}

/* One variant into `p` (which owns the copy); the role keeps the policy or
 * the error. */
static void build_one(tl_source *src, tl_role *role, tl_policy *p, const resolver *proto,
                      const tl__jnode *root, size_t quota_chars)
{
	resolver r = *proto;
	tl__jnode *copy = tl__arena_alloc(&p->arena, sizeof(*copy));

	r.a = &p->arena;
	if (copy && !resolve(&r, root, copy, 0)) {
		/* the whole document is AWS::NoValue: the property is absent */
		memset(copy, 0, sizeof(*copy));
		copy->type = TL__J_OBJECT;
		copy->loc = root->loc;
	}
	if (!copy || p->arena.failed) {
		tl__error_set(&role->error, TL_ENOMEM, NULL, "out of memory");
		tl_policy_free(p);
		return;
	}
	tl__intrinsics_to_placeholders(&p->arena, copy, 0);
	if (tl__policy_build(p, copy, quota_chars, &src->limits, &role->error) != TL_OK) {
		tl_policy_free(p);
		return;
	}
	role->policy = p;
}

static void note_more(tl_source *src, const tl_role *role, const conditions *c)
{
	char names[256];
	size_t i, n = 0, shown = c->more < 8 ? c->more : 8;

	names[0] = '\0';
	for (i = 0; i < shown && n < sizeof(names); i++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s", i ? ", " : "", c->more_names[i]);
	tl__source_note(src, role->line, role->column,
	                "%s%s%suses %zu conditions in Fn::If; the first %d are linted both ways, and "
	                "values chosen by %s%s are placeholders",
	                role->name ? "role " : "", role->name ? role->name : "", role->name ? " " : "",
	                c->n + c->more, MAX_CONDITIONS, names, c->more > shown ? ", ..." : "");
}

/* The variants' copies share the tree's strings: it lives as long as the
 * source does. */
static void keep_tree(tl_source *src, tl_policy *p)
{
	if (src->n_trees == src->cap_trees) {
		size_t cap = src->cap_trees ? src->cap_trees * 2 : 4;
		tl_policy **grown = realloc(src->trees, cap * sizeof(*grown));
		if (!grown) {
			/* the roles would point into freed memory: drop their policies */
			size_t i;
			for (i = 0; i < src->n; i++)
				if (src->roles[i].variant) {
					tl_policy_free(src->roles[i].policy);
					src->roles[i].policy = NULL;
				}
			tl_policy_free(p);
			src->arena.failed = true;
			return;
		}
		src->trees = grown;
		src->cap_trees = cap;
	}
	src->trees[src->n_trees++] = p;
}

void tl__role_from_cfn_tree(tl_source *src, size_t role_index, tl_policy *p, const tl__jnode *root,
                            size_t quota_chars)
{
	conditions c;
	resolver r;
	unsigned v, n;

	memset(&c, 0, sizeof(c));
	collect(&c, root, 0);
	r = (resolver){NULL, &c, 0, src->aws_partition};
	if (c.n == 0) {
		/* one policy: the copy lives in the policy beside the tree */
		build_one(src, &src->roles[role_index], p, &r, root, quota_chars);
		return;
	}
	if (c.more)
		note_more(src, &src->roles[role_index], &c);
	n = 1u << c.n;
	for (v = 0; v < n; v++) {
		tl_role *role;
		tl_policy *pv = tl__policy_new();
		if (v > 0) {
			tl_role base = src->roles[role_index];
			role = tl__source_add(src, NULL, base.line, base.column);
			if (role) {
				/* the new role shares the first one's strings (the source's arena) */
				*role = base;
				role->policy = NULL;
				memset(&role->error, 0, sizeof(role->error));
			}
		} else {
			role = &src->roles[role_index];
		}
		if (!role || !pv) {
			tl_policy_free(pv);
			src->arena.failed = true;
			break;
		}
		role->variant = choice_label(&src->arena, &c, v);
		r.choice = v;
		build_one(src, role, pv, &r, root, quota_chars);
	}
	keep_tree(src, p);
}
