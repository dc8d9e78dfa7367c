/*
 * cfn_yaml.c - CloudFormation and SAM templates written in YAML: the walk
 * from each document's Resources to the roles' AssumeRolePolicyDocument.
 *
 * The template is read into a YAML tree (yaml_load.c); each role's
 * document is converted into the located tl__jnode tree the JSON readers
 * produce (yaml_to_json.c), in the policy's own arena, and from there it
 * goes the way of a CloudFormation JSON document (Fn::If variants,
 * intrinsics as placeholders).
 */
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "yaml.h"

/*
 * Convert, keep the JSON text, turn intrinsics into placeholders and
 * build the model.  Every failure ends up in role->error, with no policy.
 */
static void role_from_yaml(tl_source *src, tl__arena *scratch, tl_role *role, const tl__ynode *doc)
{
	tl_policy *p = tl__policy_new();
	tl__sbuf json = {NULL, 0, 0, false};
	tl__jnode *root;
	tl_status st;

	if (!p)
		goto nomem;
	root = tl__arena_alloc(&p->arena, sizeof(*root));
	if (!root)
		goto nomem;
	root->loc.pointer = "";
	st = tl__yaml_to_jnode(&p->arena, scratch, &src->limits, doc, root, &role->error);
	if (st == TL_ENOMEM || p->arena.failed)
		goto nomem;
	if (st != TL_OK)
		goto fail;
	tl__yaml_json_text(&json, root);
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
static bool has_trust_policy(const tl__ynode *type)
{
	return tl__yaml_scalar_is(type, "AWS::IAM::Role") ||
	       tl__yaml_scalar_is(type, "AWS::Serverless::Function");
}

/* An untagged string document is JSON text (a `|` block, say), as in the
 * JSON reader. */
static bool is_json_string(const tl__ynode *doc)
{
	doc = tl__yaml_deref(doc);
	return doc->kind == TL__Y_SCALAR && !doc->tag &&
	       (!doc->plain || tl__yaml_resolve_plain(doc->text, doc->len) == TL__J_STRING);
}

static tl_status read_resource(tl_source *src, tl__arena *scratch, const tl__ynode *id,
                               const tl__ynode *res)
{
	const tl__ynode *did = tl__yaml_deref(id), *props, *doc, *dup = NULL;
	tl_role *role;
	tl_status st;

	if (did->kind != TL__Y_SCALAR || !has_trust_policy(tl__yaml_map_get(res, "Type")))
		return TL_OK;
	props = tl__yaml_map_get(res, "Properties");
	doc = tl__yaml_map_get(props, "AssumeRolePolicyDocument");
	if (!doc)
		return TL_OK;
	role = tl__source_add(src, did->text, id->line, id->column);
	if (!role)
		return TL_ENOMEM;
	/* Two Type or two AssumeRolePolicyDocument keys: which one is meant? */
	st = tl__yaml_find_duplicate(scratch, tl__yaml_deref(res), &dup);
	if (st == TL_OK && !dup)
		st = tl__yaml_find_duplicate(scratch, tl__yaml_deref(props), &dup);
	if (st != TL_OK)
		return st;
	if (dup) {
		tl__yaml_duplicate_error(&role->error, dup, "");
		return TL_OK;
	}
	if (is_json_string(doc)) {
		const tl__ynode *d = tl__yaml_deref(doc);
		tl__role_from_string(src, role, d->text, d->len);
		return TL_OK;
	}
	role_from_yaml(src, scratch, role, doc);
	return TL_OK;
}

/* One document of the stream: its Resources, in order.  A repeated
 * logical id (or a second Resources) leaves no way to tell which was
 * meant, so the template is refused, as the JSON reader refuses it. */
static tl_status read_template(tl_source *src, tl__arena *scratch, const tl__ynode *root,
                               tl_error *err)
{
	const tl__ynode *res = tl__yaml_deref(tl__yaml_map_get(root, "Resources")), *k, *dup;
	tl_status st;

	if (!res || res->kind != TL__Y_MAP)
		return TL_OK;
	st = tl__yaml_find_duplicate(scratch, tl__yaml_deref(root), &dup);
	if (st == TL_OK && !dup)
		st = tl__yaml_find_duplicate(scratch, res, &dup);
	if (st != TL_OK)
		return st;
	if (dup) {
		tl__yaml_duplicate_error(err, dup, "");
		return TL_ESYNTAX;
	}
	for (k = res->first; k && k->next; k = k->next->next) {
		st = read_resource(src, scratch, k, k->next);
		if (st != TL_OK)
			return st;
	}
	return scratch->failed ? TL_ENOMEM : TL_OK;
}

/* tl__yaml_load's callback: the roles of one document of the stream. */
static tl_status read_document(void *arg, tl__arena *scratch, const tl__ynode *root, tl_error *err)
{
	return read_template(arg, scratch, root, err);
}

tl_status tl__read_cfn_yaml(tl_source *src, const char *text, size_t len, tl_error *err)
{
	if (len > tl__container_limits.max_document_bytes) {
		tl__error_set(err, TL_ELIMIT, NULL,
		              "template of %zu bytes is larger than %zu (limit)", len,
		              tl__container_limits.max_document_bytes);
		return TL_ELIMIT;
	}
	return tl__yaml_load(text, len, read_document, src, err);
}
