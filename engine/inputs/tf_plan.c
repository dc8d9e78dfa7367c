/*
 * tf_plan.c - Terraform plans (terraform show -json).
 *
 * What is linted is what the plan will make: each resource's "after" in
 * resource_changes (its "after_unknown" says what apply alone will know),
 * or planned_values when a plan has no resource_changes.  prior_state is
 * the state before the change, so its roles are never read (their policy
 * is the old one, a deleted role's or one the plan replaces); its data
 * sources are another matter: a policy document Terraform could read while
 * planning is only there, read afresh for this plan.
 *
 * aws_iam_role.assume_role_policy is a JSON string.  When it is unknown
 * until apply, the plan's "configuration" says which
 * data.aws_iam_policy_document it comes from; data sources carry their
 * "statement" blocks even while their "json" is unknown, so the policy is
 * written from those blocks (unknown values become placeholders).  A
 * policy document no role uses is linted only when it reads as a trust
 * policy (principals and an sts: action a trust policy allows), never a
 * permissions policy.
 *
 * An element of the wrong JSON type on the way to a policy (resources that
 * are no array, a resource that is no object, a policy that is an object
 * instead of JSON text) is an error where it is: skipping it would pass a
 * plan of roles as a plan of none.  Each address is read once, the first
 * time it is listed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"

#define MAX_MODULE_DEPTH 64
#define MAX_BLOCKS 256 /* principal or condition blocks in one statement */

/* One aws_iam_role or aws_iam_policy_document instance of the plan. */
typedef struct tf_entry {
	const char *module; /* "" at the root, else "module.a" or "module.a[\"k\"].module.b" */
	size_t module_len;
	const tl__jnode *address, *name, *index;
	const tl__jnode *values;  /* after, or planned values */
	const tl__jnode *unknown; /* after_unknown, NULL when the plan has none */
	bool is_role, used;
} tf_entry;

/* The addresses of the entries, so that each is read once in linear time
 * (open addressing, at most half full). */
typedef struct tf_addresses {
	const tl__jnode **slot;
	size_t cap, n;
} tf_addresses;

/*
 * What a role looks up, each in constant time, so that a plan of n roles
 * and n documents reads in linear time: the policy documents by module and
 * name, and by module, name and instance key; the configuration's module
 * calls by their parent and name; its aws_iam_role resources by their
 * module's resource list and name.  Open addressing, at most half full.
 */
typedef enum tf_key_kind {
	KEY_DOC_NAME,     /* module, name -> the first document of that name */
	KEY_DOC_INSTANCE, /* module, name, instance key -> the first with that key */
	KEY_CALL,         /* module_calls object, call name -> the call's module */
	KEY_ROLE_CONFIG   /* resources array, role name -> its policy's references */
} tf_key_kind;

typedef struct tf_key {
	tf_key_kind kind;
	const void *scope; /* the module_calls or resources node (NULL for documents) */
	const char *a, *b, *c; /* c is NULL when the instance key has no text */
	size_t al, bl, cl;
	int c_type;
} tf_key;

typedef struct tf_slot {
	bool used;
	tf_key key;
	size_t first, count;   /* documents: the first entry's index, and how many */
	const tl__jnode *node;     /* configuration: what the key leads to */
} tf_slot;

typedef struct tf_index {
	tf_slot *slot;
	size_t cap, n;
} tf_index;

typedef struct tf_plan {
	tf_entry *e;
	size_t n, cap;
	const tl__jnode *config; /* configuration.root_module */
	tf_addresses seen;
	tf_index index;
	tl_error *err;
} tf_plan;

static bool is_str(const tl__jnode *n)
{
	return n && n->type == TL__J_STRING;
}

static bool str_is(const tl__jnode *n, const char *s)
{
	return is_str(n) && strcmp(n->text, s) == 0;
}

/* ---- collecting the plan's roles and policy documents --------------- */

static size_t address_hash(const tl__jnode *a)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < a->len; i++)
		h = (h ^ (unsigned char)a->text[i]) * 1099511628211ull;
	return (size_t)h;
}

static bool same_address(const tl__jnode *a, const tl__jnode *b)
{
	return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static bool addresses_grow(tf_addresses *set)
{
	size_t cap = set->cap ? 2 * set->cap : 64, i, j;
	const tl__jnode **grown = calloc(cap, sizeof(*grown));

	if (!grown)
		return false;
	for (j = 0; j < set->cap; j++) {
		if (!set->slot[j])
			continue;
		for (i = address_hash(set->slot[j]) & (cap - 1); grown[i]; i = (i + 1) & (cap - 1))
			;
		grown[i] = set->slot[j];
	}
	free(set->slot);
	set->slot = grown;
	set->cap = cap;
	return true;
}

/* Add `addr`; false when it was there already.  *nomem on failure. */
static bool addresses_add(tf_addresses *set, const tl__jnode *addr, bool *nomem)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap && !addresses_grow(set)) {
		*nomem = true;
		return false;
	}
	for (i = address_hash(addr) & (set->cap - 1); set->slot[i]; i = (i + 1) & (set->cap - 1))
		if (same_address(set->slot[i], addr))
			return false;
	set->slot[i] = addr;
	set->n++;
	return true;
}

/*
 * A resource (or resource change) `r` whose policy is in `values`: a role
 * or a policy document joins the entries.  `values_name` names the values
 * in an error ("values", "after"); a change's null "after" is a delete,
 * nothing to read.
 */
static tl_status add_entry(tf_plan *p, const tl__jnode *r, const char *module, size_t module_len,
                           const tl__jnode *values, const char *values_name,
                           const tl__jnode *unknown)
{
	const tl__jnode *type = tl__json_get(r, "type"), *addr = tl__json_get(r, "address");
	const tl__jnode *doc;
	bool role = str_is(type, "aws_iam_role"), nomem = false;
	const char *field = role ? "assume_role_policy" : "json";
	char what[160];

	if (tl__wrong_type(type, TL__J_STRING, "type of a resource", p->err) ||
	    tl__wrong_type(addr, TL__J_STRING, "address of a resource", p->err))
		return TL_ESYNTAX;
	if (!addr || !(role || str_is(type, "aws_iam_policy_document")) || !values ||
	    values->type == TL__J_NULL)
		return TL_OK;
	snprintf(what, sizeof(what), "%s of %s", values_name, addr->text);
	if (tl__wrong_type(values, TL__J_OBJECT, what, p->err))
		return TL_ESYNTAX;
	/* absent or null: known only after apply */
	doc = tl__json_get(values, field);
	if (doc && doc->type != TL__J_NULL && doc->type != TL__J_STRING) {
		tl__error_set(p->err, TL_ESYNTAX, &doc->loc, "%s of %s must be a JSON string, not %s",
		              field, addr->text, tl__json_type_name(doc->type));
		return TL_ESYNTAX;
	}
	if (!addresses_add(&p->seen, addr, &nomem))
		return nomem ? TL_ENOMEM : TL_OK;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		tf_entry *grown = realloc(p->e, cap * sizeof(*grown));
		if (!grown)
			return TL_ENOMEM;
		p->e = grown;
		p->cap = cap;
	}
	p->e[p->n++] = (tf_entry){module, module_len, addr, tl__json_get(r, "name"),
	                          tl__json_get(r, "index"), values, unknown, role, false};
	return TL_OK;
}

/* A delete has no "after": nothing will be left to lint. */
static tl_status from_changes(tf_plan *p, const tl__jnode *changes)
{
	size_t i;

	for (i = 0; i < changes->n; i++) {
		const tl__jnode *rc = &changes->child[i], *mod = tl__json_get(rc, "module_address");
		const tl__jnode *change = tl__json_get(rc, "change");
		tl_status st;

		if (tl__wrong_type(rc, TL__J_OBJECT, "a resource change", p->err) ||
		    tl__wrong_type(mod, TL__J_STRING, "module_address of a resource change", p->err) ||
		    tl__wrong_type(change, TL__J_OBJECT, "change of a resource change", p->err))
			return TL_ESYNTAX;
		st = add_entry(p, rc, mod ? mod->text : "", mod ? mod->len : 0,
		               tl__json_get(change, "after"), "after",
		               tl__json_get(change, "after_unknown"));
		if (st != TL_OK)
			return st;
	}
	return TL_OK;
}

/* `data_only`: the prior state's data sources the plan does not list. */
static tl_status from_module(tf_plan *p, const tl__jnode *module, bool data_only, size_t depth)
{
	const tl__jnode *resources = tl__json_get(module, "resources");
	const tl__jnode *children = tl__json_get(module, "child_modules");
	const tl__jnode *addr = tl__json_get(module, "address");
	size_t i;
	tl_status st;

	if (!module)
		return TL_OK;
	if (depth > MAX_MODULE_DEPTH) {
		tl__error_set(p->err, TL_ELIMIT, &module->loc,
		              "modules nested deeper than %d levels (limit)", MAX_MODULE_DEPTH);
		return TL_ELIMIT;
	}
	if (tl__wrong_type(module, TL__J_OBJECT, depth ? "a child module" : "root_module", p->err) ||
	    tl__wrong_type(addr, TL__J_STRING, "address of a module", p->err) ||
	    tl__wrong_type(resources, TL__J_ARRAY, "resources", p->err) ||
	    tl__wrong_type(children, TL__J_ARRAY, "child_modules", p->err))
		return TL_ESYNTAX;
	for (i = 0; resources && i < resources->n; i++) {
		const tl__jnode *r = &resources->child[i];
		if (tl__wrong_type(r, TL__J_OBJECT, "a resource", p->err))
			return TL_ESYNTAX;
		/* a data source the plan lists already is skipped by add_entry */
		if (data_only && !str_is(tl__json_get(r, "mode"), "data"))
			continue;
		st = add_entry(p, r, addr ? addr->text : "", addr ? addr->len : 0,
		               tl__json_get(r, "values"), "values", NULL);
		if (st != TL_OK)
			return st;
	}
	for (i = 0; children && i < children->n; i++)
		if ((st = from_module(p, &children->child[i], data_only, depth + 1)) != TL_OK)
			return st;
	return TL_OK;
}

/* ---- the index (see tf_index) ------------------------------------- */

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ d[i]) * 1099511628211ull;
	return h;
}

static size_t key_hash(const tf_key *k)
{
	uint64_t h = 1469598103934665603ull;
	uintptr_t scope = (uintptr_t)k->scope;
	int tags[2] = {(int)k->kind, k->c_type};

	h = fnv(h, tags, sizeof(tags));
	h = fnv(h, &scope, sizeof(scope));
	h = fnv(h, &k->al, sizeof(k->al));
	h = fnv(h, k->a, k->al);
	h = fnv(h, &k->bl, sizeof(k->bl));
	h = fnv(h, k->b, k->bl);
	h = fnv(h, &k->cl, sizeof(k->cl));
	if (k->c)
		h = fnv(h, k->c, k->cl);
	return (size_t)h;
}

static bool bytes_eq(const char *x, size_t xl, const char *y, size_t yl)
{
	return xl == yl && (!xl || memcmp(x, y, xl) == 0);
}

static bool same_key(const tf_key *x, const tf_key *y)
{
	return x->kind == y->kind && x->scope == y->scope && x->c_type == y->c_type &&
	       bytes_eq(x->a, x->al, y->a, y->al) && bytes_eq(x->b, x->bl, y->b, y->bl) &&
	       !x->c == !y->c && (x->c ? bytes_eq(x->c, x->cl, y->c, y->cl) : x->cl == y->cl);
}

/* The slot of `k`: its own, or the free one where it would go. */
static tf_slot *index_slot(const tf_index *ix, const tf_key *k)
{
	size_t i;

	for (i = key_hash(k) & (ix->cap - 1); ix->slot[i].used; i = (i + 1) & (ix->cap - 1))
		if (same_key(&ix->slot[i].key, k))
			return &ix->slot[i];
	return &ix->slot[i];
}

static bool index_grow(tf_index *ix)
{
	size_t cap = ix->cap ? 2 * ix->cap : 64, j;
	tf_index grown = {calloc(cap, sizeof(tf_slot)), cap, ix->n};

	if (!grown.slot)
		return false;
	for (j = 0; j < ix->cap; j++)
		if (ix->slot[j].used)
			*index_slot(&grown, &ix->slot[j].key) = ix->slot[j];
	free(ix->slot);
	*ix = grown;
	return true;
}

/* The slot of `k`, made (zeroed, used) when new; NULL when out of memory. */
static tf_slot *index_put(tf_index *ix, const tf_key *k)
{
	tf_slot *s;

	if (2 * (ix->n + 1) > ix->cap && !index_grow(ix))
		return NULL;
	s = index_slot(ix, k);
	if (!s->used) {
		memset(s, 0, sizeof(*s));
		s->used = true;
		s->key = *k;
		ix->n++;
	}
	return s;
}

static const tf_slot *index_get(const tf_index *ix, const tf_key *k)
{
	const tf_slot *s;

	if (!ix->cap)
		return NULL;
	s = index_slot(ix, k);
	return s->used ? s : NULL;
}

static tf_key doc_key(const char *module, size_t module_len, const char *name, size_t name_len)
{
	return (tf_key){KEY_DOC_NAME, NULL, module, name, NULL, module_len, name_len, 0, 0};
}

/* A document's instance key (same_index's equality): type, and text when
 * it has one, else its length. */
static tf_key instance_key(tf_key k, const tl__jnode *index)
{
	k.kind = KEY_DOC_INSTANCE;
	k.c_type = index ? (int)index->type + 1 : 0;
	k.c = index ? index->text : NULL;
	k.cl = index ? index->len : 0;
	return k;
}

/* Every policy document by (module, name) and by (module, name, instance
 * key): the first in plan order, and how many. */
static bool index_docs(tf_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		tf_entry *e = &p->e[i];
		tf_key k;
		tf_slot *s;

		if (e->is_role || !is_str(e->name))
			continue;
		k = doc_key(e->module, e->module_len, e->name->text, e->name->len);
		if (!(s = index_put(&p->index, &k)))
			return false;
		if (!s->count++)
			s->first = i;
		k = instance_key(k, e->index);
		if (!(s = index_put(&p->index, &k)))
			return false;
		if (!s->count++)
			s->first = i;
	}
	return true;
}

/* The configuration's module calls and aws_iam_role resources, from
 * `module` down (as deep as config_module goes). */
static bool index_config(tf_index *ix, const tl__jnode *module, size_t depth)
{
	const tl__jnode *res = tl__json_get(module, "resources");
	const tl__jnode *calls = tl__json_get(module, "module_calls");
	size_t i;

	for (i = 0; res && res->type == TL__J_ARRAY && i < res->n; i++) {
		const tl__jnode *r = &res->child[i], *name = tl__json_get(r, "name");
		tf_key k = {KEY_ROLE_CONFIG, res, NULL, NULL, NULL, 0, 0, 0, 0};
		tf_slot *s;

		if (!str_is(tl__json_get(r, "type"), "aws_iam_role") || !is_str(name))
			continue;
		k.a = name->text;
		k.al = name->len;
		if (!(s = index_put(ix, &k)))
			return false;
		if (!s->count++) /* the first resource of the name, as a walk finds it */
			s->node = tl__json_get(
			    tl__json_get(tl__json_get(r, "expressions"), "assume_role_policy"),
			    "references");
	}
	for (i = 0; calls && calls->type == TL__J_OBJECT && i < calls->n; i++) {
		const tl__jnode *call = &calls->child[i];
		tf_key k = {KEY_CALL, calls, call->key, NULL, NULL, call->key_len, 0, 0, 0};
		tf_slot *s = index_put(ix, &k);

		if (!s)
			return false;
		s->node = tl__json_get(call, "module"); /* the last call of a name, as before */
		if (depth < MAX_MODULE_DEPTH && !index_config(ix, s->node, depth + 1))
			return false;
	}
	return true;
}

/* ---- the configuration: what a role's policy is computed from ------- */

/* Past a `[...]` instance key (quoted keys may hold brackets). */
static const char *skip_index(const char *s, const char *end)
{
	bool quoted = false;

	for (s++; s < end; s++) {
		if (quoted && *s == '\\' && s + 1 < end)
			s++;
		else if (*s == '"')
			quoted = !quoted;
		else if (!quoted && *s == ']')
			return s + 1;
	}
	return end;
}

/* configuration's module for "module.a[\"k\"].module.b": module_calls
 * a, then b (the configuration has one entry per call, not per key). */
static const tl__jnode *config_module(const tf_index *ix, const tl__jnode *root, const char *m,
                                      size_t len)
{
	const char *s = m, *end = m + len;
	size_t depth = 0;

	while (root && s < end && depth++ < MAX_MODULE_DEPTH) {
		const char *name;
		tf_key k = {KEY_CALL, tl__json_get(root, "module_calls"), NULL, NULL, NULL, 0, 0, 0, 0};
		const tf_slot *call;

		if ((size_t)(end - s) < 7 || memcmp(s, "module.", 7) != 0)
			return NULL;
		name = s += 7;
		while (s < end && *s != '.' && *s != '[')
			s++;
		k.a = name;
		k.al = (size_t)(s - name);
		call = k.scope ? index_get(ix, &k) : NULL;
		root = call ? call->node : NULL;
		if (s < end && *s == '[')
			s = skip_index(s, end);
		if (s < end && *s == '.')
			s++;
	}
	return root;
}

/* expressions.assume_role_policy.references of the role's configuration. */
static const tl__jnode *policy_references(const tf_plan *p, const tf_entry *role)
{
	const tl__jnode *m = config_module(&p->index, p->config, role->module, role->module_len);
	tf_key k = {KEY_ROLE_CONFIG, tl__json_get(m, "resources"), NULL, NULL, NULL, 0, 0, 0, 0};
	const tf_slot *s;

	if (!is_str(role->name) || !k.scope)
		return NULL;
	k.a = role->name->text;
	k.al = role->name->len;
	s = index_get(&p->index, &k);
	return s ? s->node : NULL;
}

#define DOC_PREFIX "data.aws_iam_policy_document."

/*
 * The policy document a reference names, in the role's module: the
 * instance with the role's own key (for_each over the same keys), else
 * the only instance.  NULL when none or it cannot tell which.
 */
static tf_entry *referenced_doc(tf_plan *p, const tf_entry *role, const char *ref)
{
	const char *name = ref + strlen(DOC_PREFIX);
	tf_key k = doc_key(role->module, role->module_len, name, strcspn(name, ".["));
	const tf_slot *all = index_get(&p->index, &k), *same;

	if (!all)
		return NULL;
	k = instance_key(k, role->index);
	if ((same = index_get(&p->index, &k)) != NULL)
		return &p->e[same->first];
	return all->count == 1 ? &p->e[all->first] : NULL;
}

/* ---- a policy written from statement blocks ------------------------- */

/* A JSON value known only after apply: null in "after". */
static void put_unknown(tl__sbuf *b)
{
	tl__sbuf_puts(b, "{\"" TL__UNKNOWN_KEY "\": \"\"}");
}

static void put_scalar(tl__sbuf *b, const tl__jnode *v)
{
	if (is_str(v))
		tl__sbuf_string(b, v->text, v->len);
	else
		put_unknown(b);
}

/* A list of strings (actions, identifiers, values); unknown items stay. */
static void put_list(tl__sbuf *b, const tl__jnode *list)
{
	size_t i;

	if (!list || list->type != TL__J_ARRAY) {
		put_unknown(b);
		return;
	}
	tl__sbuf_put(b, "[", 1);
	for (i = 0; i < list->n; i++) {
		if (i)
			tl__sbuf_put(b, ",", 1);
		put_scalar(b, &list->child[i]);
	}
	tl__sbuf_put(b, "]", 1);
}

static bool blocks_known(const tl__jnode *blocks, const char *k1, const char *k2)
{
	size_t i;

	if (blocks->n > MAX_BLOCKS)
		return false;
	for (i = 0; i < blocks->n; i++)
		if (!is_str(tl__json_get(&blocks->child[i], k1)) ||
		    (k2 && !is_str(tl__json_get(&blocks->child[i], k2))))
			return false;
	return true;
}

static bool seen_before(const tl__jnode *blocks, size_t i, const char *key, const char *value)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (str_is(tl__json_get(&blocks->child[j], key), value))
			return true;
	return false;
}

/*
 * principals blocks -> {"Type": [ids...]}, the blocks of one type merged
 * in order; type "*" is Terraform's way to write "Principal": "*".
 */
static void put_principals(tl__sbuf *b, const tl__jnode *blocks)
{
	size_t i, j, k;

	if (blocks->n == 1 && str_is(tl__json_get(&blocks->child[0], "type"), "*")) {
		tl__sbuf_puts(b, "\"*\"");
		return;
	}
	tl__sbuf_put(b, "{", 1);
	for (i = 0, k = 0; i < blocks->n; i++) {
		const tl__jnode *type = tl__json_get(&blocks->child[i], "type");
		bool first = true;
		if (seen_before(blocks, i, "type", type->text))
			continue;
		if (k++)
			tl__sbuf_put(b, ",", 1);
		tl__sbuf_string(b, type->text, type->len);
		tl__sbuf_puts(b, ":[");
		for (j = i; j < blocks->n; j++) {
			const tl__jnode *ids = tl__json_get(&blocks->child[j], "identifiers");
			size_t n;
			if (!str_is(tl__json_get(&blocks->child[j], "type"), type->text))
				continue;
			for (n = 0; ids && ids->type == TL__J_ARRAY && n < ids->n; n++) {
				if (!first)
					tl__sbuf_put(b, ",", 1);
				first = false;
				put_scalar(b, &ids->child[n]);
			}
			if (!ids || ids->type != TL__J_ARRAY) {
				if (!first)
					tl__sbuf_put(b, ",", 1);
				first = false;
				put_unknown(b);
			}
		}
		tl__sbuf_put(b, "]", 1);
	}
	tl__sbuf_put(b, "}", 1);
}

/* Values of every block with this test and variable, in order (Terraform
 * merges them into one list). */
static void put_values(tl__sbuf *b, const tl__jnode *blocks, size_t from, const char *test,
                       const char *var)
{
	size_t j, n, k = 0;

	tl__sbuf_put(b, "[", 1);
	for (j = from; j < blocks->n; j++) {
		const tl__jnode *c = &blocks->child[j], *values = tl__json_get(c, "values");
		if (!str_is(tl__json_get(c, "test"), test) || !str_is(tl__json_get(c, "variable"), var))
			continue;
		for (n = 0; values && values->type == TL__J_ARRAY && n < values->n; n++) {
			if (k++)
				tl__sbuf_put(b, ",", 1);
			put_scalar(b, &values->child[n]);
		}
		if (!values || values->type != TL__J_ARRAY) {
			if (k++)
				tl__sbuf_put(b, ",", 1);
			put_unknown(b);
		}
	}
	tl__sbuf_put(b, "]", 1);
}

static bool same_condition_before(const tl__jnode *blocks, size_t j, const char *test,
                                  const char *var)
{
	size_t m;

	for (m = 0; m < j; m++)
		if (str_is(tl__json_get(&blocks->child[m], "test"), test) &&
		    str_is(tl__json_get(&blocks->child[m], "variable"), var))
			return true;
	return false;
}

/* condition blocks -> {"test": {"variable": [values...]}}, grouped by test
 * and then by variable.  Blocks are few (MAX_BLOCKS bounds the loops). */
static void put_conditions(tl__sbuf *b, const tl__jnode *blocks)
{
	size_t i, j, k, t = 0;

	tl__sbuf_put(b, "{", 1);
	for (i = 0; i < blocks->n; i++) {
		const tl__jnode *test = tl__json_get(&blocks->child[i], "test");
		if (seen_before(blocks, i, "test", test->text))
			continue;
		if (t++)
			tl__sbuf_put(b, ",", 1);
		tl__sbuf_string(b, test->text, test->len);
		tl__sbuf_puts(b, ":{");
		for (j = i, k = 0; j < blocks->n; j++) {
			const tl__jnode *var = tl__json_get(&blocks->child[j], "variable");
			if (!str_is(tl__json_get(&blocks->child[j], "test"), test->text) ||
			    same_condition_before(blocks, j, test->text, var->text))
				continue;
			if (k++)
				tl__sbuf_put(b, ",", 1);
			tl__sbuf_string(b, var->text, var->len);
			tl__sbuf_put(b, ":", 1);
			put_values(b, blocks, j, test->text, var->text);
		}
		tl__sbuf_put(b, "}", 1);
	}
	tl__sbuf_put(b, "}", 1);
}

static bool is_array(const tl__jnode *n)
{
	return n && n->type == TL__J_ARRAY;
}

/* One member "Key": value, with a comma before all but the first. */
static void put_key(tl__sbuf *b, size_t *k, const char *key)
{
	if ((*k)++)
		tl__sbuf_put(b, ",", 1);
	tl__sbuf_string(b, key, strlen(key));
	tl__sbuf_put(b, ":", 1);
}

/*
 * A statement block as IAM JSON.  A block whose effect, principal type or
 * condition test/variable is unknown has no JSON form yet: the statement
 * is a placeholder (it is unknown, as an Fn::If statement is).
 */
static void put_statement(tl__sbuf *b, const tl__jnode *s)
{
	static const struct {
		const char *tf, *iam;
	} lists[] = {{"actions", "Action"}, {"not_actions", "NotAction"},
	             {"resources", "Resource"}, {"not_resources", "NotResource"}};
	const tl__jnode *effect = tl__json_get(s, "effect"), *sid = tl__json_get(s, "sid");
	const tl__jnode *pr = tl__json_get(s, "principals"), *npr = tl__json_get(s, "not_principals");
	const tl__jnode *cond = tl__json_get(s, "condition");
	size_t i, k = 0;

	if ((effect && effect->type != TL__J_NULL && !is_str(effect)) ||
	    (is_array(pr) && !blocks_known(pr, "type", NULL)) ||
	    (is_array(npr) && !blocks_known(npr, "type", NULL)) ||
	    (is_array(cond) && !blocks_known(cond, "test", "variable"))) {
		put_unknown(b);
		return;
	}
	tl__sbuf_put(b, "{", 1);
	if (is_str(sid)) {
		put_key(b, &k, "Sid");
		put_scalar(b, sid);
	}
	put_key(b, &k, "Effect"); /* Terraform's default is Allow */
	if (is_str(effect))
		put_scalar(b, effect);
	else
		tl__sbuf_puts(b, "\"Allow\"");
	if (is_array(pr) && pr->n) {
		put_key(b, &k, "Principal");
		put_principals(b, pr);
	}
	if (is_array(npr) && npr->n) {
		put_key(b, &k, "NotPrincipal");
		put_principals(b, npr);
	}
	for (i = 0; i < sizeof(lists) / sizeof(*lists); i++) {
		const tl__jnode *l = tl__json_get(s, lists[i].tf);
		if (is_array(l) && l->n) {
			put_key(b, &k, lists[i].iam);
			put_list(b, l);
		}
	}
	if (is_array(cond) && cond->n) {
		put_key(b, &k, "Condition");
		put_conditions(b, cond);
	}
	tl__sbuf_put(b, "}", 1);
}

/* The document's "statement" blocks as IAM policy JSON. */
static void put_document(tl__sbuf *b, const tl__jnode *values)
{
	const tl__jnode *version = tl__json_get(values, "version");
	const tl__jnode *stmts = tl__json_get(values, "statement");
	size_t i;

	tl__sbuf_puts(b, "{\"Version\":");
	if (is_str(version))
		put_scalar(b, version);
	else
		tl__sbuf_puts(b, "\"2012-10-17\"");
	tl__sbuf_puts(b, ",\"Statement\":[");
	for (i = 0; is_array(stmts) && i < stmts->n; i++) {
		if (i)
			tl__sbuf_put(b, ",", 1);
		put_statement(b, &stmts->child[i]);
	}
	tl__sbuf_puts(b, "]}");
}

/* ---- is a document a trust policy? ---------------------------------- */

/* The actions a trust policy allows (IAM: sts:AssumeRole*, TagSession,
 * SetSourceIdentity, SetContext). */
static bool trust_action(const tl__jnode *a)
{
	static const char *const prefixes[] = {"sts:assumerole", "sts:tagsession",
	                                       "sts:setsourceidentity", "sts:setcontext"};
	size_t i, j, n;
	char lower[32];

	if (!is_str(a))
		return false;
	n = a->len < sizeof(lower) - 1 ? a->len : sizeof(lower) - 1;
	for (j = 0; j < n; j++)
		lower[j] = (char)(a->text[j] >= 'A' && a->text[j] <= 'Z' ? a->text[j] + 32 : a->text[j]);
	lower[n] = '\0';
	for (i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (strncmp(lower, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

static bool any_trust_action(const tl__jnode *actions)
{
	size_t i;

	if (trust_action(actions))
		return true;
	for (i = 0; is_array(actions) && i < actions->n; i++)
		if (trust_action(&actions->child[i]))
			return true;
	return false;
}

/* Terraform's statement blocks: principals and a trust action. */
static bool blocks_are_trust(const tl__jnode *stmts)
{
	size_t i;

	for (i = 0; is_array(stmts) && i < stmts->n; i++) {
		const tl__jnode *s = &stmts->child[i];
		const tl__jnode *pr = tl__json_get(s, "principals"), *npr = tl__json_get(s, "not_principals");
		if (((is_array(pr) && pr->n) || (is_array(npr) && npr->n)) &&
		    any_trust_action(tl__json_get(s, "actions")))
			return true;
	}
	return false;
}

/* The rendered JSON: a Statement (or statement list) with Principal or
 * NotPrincipal and a trust Action. */
static bool json_is_trust(const char *text, size_t len)
{
	tl__arena a;
	const tl__jnode *root = NULL, *stmts;
	tl_error err;
	bool trust = false;
	size_t i;

	tl__arena_init(&a);
	if (tl__json_parse(&a, text, len, &tl__container_limits, &root, &err) != TL_OK) {
		tl__arena_release(&a);
		return true; /* a broken document is reported, not skipped */
	}
	stmts = tl__json_get(root, "Statement");
	if (stmts && stmts->type == TL__J_OBJECT)
		trust = (tl__json_get(stmts, "Principal") || tl__json_get(stmts, "NotPrincipal")) &&
		        any_trust_action(tl__json_get(stmts, "Action"));
	for (i = 0; is_array(stmts) && i < stmts->n && !trust; i++) {
		const tl__jnode *s = &stmts->child[i];
		trust = (tl__json_get(s, "Principal") || tl__json_get(s, "NotPrincipal")) &&
		        any_trust_action(tl__json_get(s, "Action"));
	}
	tl__arena_release(&a);
	return trust;
}

/* ---- roles ----------------------------------------------------------- */

static bool unknown_member(const tf_entry *e, const char *key)
{
	const tl__jnode *u = tl__json_get(e->unknown, key);
	return u && u->type == TL__J_TRUE;
}

/* The document's policy: its "json" when known, else written from its
 * statement blocks and pointed at them. */
static tl_status doc_policy(tl_source *src, tl_role *role, const tf_entry *doc)
{
	const tl__jnode *json = tl__json_get(doc->values, "json");
	const tl__jnode *stmts = tl__json_get(doc->values, "statement");
	tl__sbuf b = {NULL, 0, 0, false};

	if (is_str(json) && json->len && !unknown_member(doc, "json")) {
		role->line = json->loc.line;
		role->column = json->loc.column;
		tl__role_from_string(src, role, json->text, json->len);
		return TL_OK;
	}
	put_document(&b, doc->values);
	if (b.failed) {
		free(b.p);
		return TL_ENOMEM;
	}
	role->line = stmts ? stmts->loc.line : doc->address->loc.line;
	role->column = stmts ? stmts->loc.column : doc->address->loc.column;
	tl__role_from_built(src, role, b.p, b.n);
	free(b.p);
	return TL_OK;
}

/* "computed from data.x.y, var.z" for the note: what the configuration names. */
static void describe_refs(char *out, size_t size, const tl__jnode *refs)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; is_array(refs) && i < refs->n && n + 1 < size; i++) {
		const tl__jnode *r = &refs->child[i];
		if (!is_str(r) || strncmp(r->text, "each.", 5) == 0 || strncmp(r->text, "count.", 6) == 0)
			continue;
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", r->text);
	}
	if (!out[0])
		snprintf(out, size, "values known only after apply");
}

/* The plan knows the role's ARN, hence its account, once it exists. */
static void set_arn(tl_source *src, tl_role *role, const tf_entry *e)
{
	const tl__jnode *arn = tl__json_get(e->values, "arn");

	if (is_str(arn) && arn->len && !unknown_member(e, "arn"))
		tl__role_set_arn(src, role, arn->text, arn->len);
}

/* The documents the role's configuration names; NULL past the last. */
static tf_entry *next_doc(tf_plan *p, const tf_entry *role, const tl__jnode *refs, size_t *i)
{
	for (; is_array(refs) && *i < refs->n; (*i)++) {
		const tl__jnode *r = &refs->child[*i];
		tf_entry *d;
		if (is_str(r) && strncmp(r->text, DOC_PREFIX, strlen(DOC_PREFIX)) == 0 &&
		    (d = referenced_doc(p, role, r->text)) != NULL) {
			(*i)++;
			return d;
		}
	}
	return NULL;
}

static tl_status unknown_policy(tl_source *src, tf_plan *p, tf_entry *e)
{
	const tl__jnode *refs = policy_references(p, e);
	tf_entry *doc = NULL;
	char from[256];
	size_t i;
	tl_role *role;

	i = 0;
	doc = next_doc(p, e, refs, &i);
	if (doc) {
		doc->used = true;
		role = tl__source_add(src, e->address->text, 0, 0);
		if (!role)
			return TL_ENOMEM;
		set_arn(src, role, e);
		return doc_policy(src, role, doc);
	}
	describe_refs(from, sizeof(from), refs);
	return tl__source_note(src, e->address->loc.line, e->address->loc.column,
	                       "policy of %s is unknown until apply (computed from %s); lint the "
	                       "aws_iam_policy_document it comes from",
	                       e->address->text, from)
	           ? TL_OK
	           : TL_ENOMEM;
}

static tl_status read_role(tl_source *src, tf_plan *p, tf_entry *e)
{
	const tl__jnode *doc = tl__json_get(e->values, "assume_role_policy");
	const tl__jnode *refs;
	tf_entry *used;
	tl_role *role;
	size_t i = 0;

	if (!is_str(doc) || doc->len == 0 || unknown_member(e, "assume_role_policy"))
		return unknown_policy(src, p, e);
	role = tl__source_add(src, e->address->text, doc->loc.line, doc->loc.column);
	if (!role)
		return TL_ENOMEM;
	set_arn(src, role, e);
	tl__role_from_string(src, role, doc->text, doc->len);
	/* the document the policy is rendered from is linted here, not again */
	refs = policy_references(p, e);
	while ((used = next_doc(p, e, refs, &i)) != NULL)
		used->used = true;
	return TL_OK;
}

static bool doc_is_trust(const tf_entry *e)
{
	const tl__jnode *json = tl__json_get(e->values, "json");

	if (blocks_are_trust(tl__json_get(e->values, "statement")))
		return true;
	return is_str(json) && json->len && json_is_trust(json->text, json->len);
}

static tl_status read_docs(tl_source *src, tf_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		tf_entry *e = &p->e[i];
		tl_role *role;
		tl_status st;

		if (e->is_role || e->used || !doc_is_trust(e))
			continue;
		role = tl__source_add(src, e->address->text, 0, 0);
		if (!role)
			return TL_ENOMEM;
		if ((st = doc_policy(src, role, e)) != TL_OK)
			return st;
	}
	return TL_OK;
}

tl_status tl__read_tf_plan(tl_source *src, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *changes = tl__json_get(root, "resource_changes");
	const tl__jnode *planned = tl__json_get(root, "planned_values");
	const tl__jnode *prior = tl__json_get(root, "prior_state");
	const tl__jnode *prior_values = tl__json_get(prior, "values");
	tf_plan p = {NULL, 0, 0, tl__json_get(tl__json_get(root, "configuration"), "root_module"),
	             {NULL, 0, 0}, {NULL, 0, 0}, err};
	tl_status st = TL_OK;
	size_t i;

	if (tl__wrong_type(changes, TL__J_ARRAY, "resource_changes", err) ||
	    tl__wrong_type(planned, TL__J_OBJECT, "planned_values", err) ||
	    tl__wrong_type(prior, TL__J_OBJECT, "prior_state", err) ||
	    tl__wrong_type(prior_values, TL__J_OBJECT, "values of prior_state", err))
		return TL_ESYNTAX;
	if (changes)
		st = from_changes(&p, changes);
	else
		st = from_module(&p, tl__json_get(planned, "root_module"), false, 0);
	if (st == TL_OK)
		st = from_module(&p, tl__json_get(prior_values, "root_module"), true, 0);
	if (st == TL_OK && (!index_docs(&p) || !index_config(&p.index, p.config, 0)))
		st = TL_ENOMEM;
	for (i = 0; st == TL_OK && i < p.n; i++)
		if (p.e[i].is_role)
			st = read_role(src, &p, &p.e[i]);
	if (st == TL_OK)
		st = read_docs(src, &p);
	free(p.e);
	free(p.seen.slot);
	free(p.index.slot);
	return st;
}
