/*
 * cfn_json.c - CloudFormation and SAM templates written in JSON: every
 * resource that takes an AssumeRolePolicyDocument is a role.
 */
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
	size_t i;

	(void)err;
	if (!res || res->type != TL__J_OBJECT)
		return TL_OK;
	for (i = 0; i < res->n; i++) {
		const tl__jnode *r = &res->child[i], *type = tl__json_get(r, "Type");
		const tl__jnode *props = tl__json_get(r, "Properties");
		const tl__jnode *doc = tl__json_get(props, "AssumeRolePolicyDocument");
		tl_role *role;

		if (!type || type->type != TL__J_STRING || !has_trust_policy(type->text) || !doc)
			continue;
		role = tl__source_add(src, r->key, r->loc.key_line, r->loc.key_column);
		if (!role)
			return TL_ENOMEM;
		tl__role_from_node(src, role, doc, true);
	}
	return TL_OK;
}
