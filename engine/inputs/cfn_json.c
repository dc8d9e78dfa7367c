/*
 * cfn_json.c - CloudFormation and SAM templates written in JSON: every
 * resource that takes an AssumeRolePolicyDocument is a role.  Resources,
 * each resource, its Type and (for a role) its Properties of another JSON
 * type are errors where they are, not resources to skip.
 */
#include <stdio.h>
#include <string.h>

#include "inputs.h"

/* AWS::IAM::Role and SAM's AWS::Serverless::Function both take an
 * AssumeRolePolicyDocument property (CloudFormation and SAM references). */
static bool has_trust_policy(const char *type)
{
	return strcmp(type, "AWS::IAM::Role") == 0 || strcmp(type, "AWS::Serverless::Function") == 0;
}

tl_status tl__read_cfn_json(tl_source *src, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *res = tl__json_get(root, "Resources");
	char what[160];
	size_t i;

	if (!res)
		return TL_OK;
	if (tl__wrong_type(res, TL__J_OBJECT, "Resources", err))
		return TL_ESYNTAX;
	for (i = 0; i < res->n; i++) {
		const tl__jnode *r = &res->child[i], *type = tl__json_get(r, "Type");
		const tl__jnode *props = tl__json_get(r, "Properties");
		const tl__jnode *doc;
		tl_role *role;

		snprintf(what, sizeof(what), "resource %s", r->key);
		if (tl__wrong_type(r, TL__J_OBJECT, what, err))
			return TL_ESYNTAX;
		snprintf(what, sizeof(what), "Type of resource %s", r->key);
		if (tl__wrong_type(type, TL__J_STRING, what, err))
			return TL_ESYNTAX;
		if (!type || !has_trust_policy(type->text))
			continue;
		snprintf(what, sizeof(what), "Properties of resource %s", r->key);
		if (tl__wrong_type(props, TL__J_OBJECT, what, err))
			return TL_ESYNTAX;
		doc = tl__json_get(props, "AssumeRolePolicyDocument");
		if (!doc)
			continue;
		role = tl__source_add(src, r->key, r->loc.key_line, r->loc.key_column);
		if (!role)
			return TL_ENOMEM;
		tl__role_from_node(src, role, doc, true);
	}
	return TL_OK;
}
