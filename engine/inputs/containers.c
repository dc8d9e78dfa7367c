/*
 * containers.c - the JSON containers that hold trust policies:
 * CloudFormation/SAM templates, Terraform plans (terraform show -json),
 * and IAM's own account dumps (get-account-authorization-details,
 * get-role), whose documents may be URL-encoded strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "values.h"

#define MAX_MODULE_DEPTH 64

/* ---- CloudFormation -------------------------------------------------- */

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

/* ---- Terraform plan -------------------------------------------------- */

static bool already(const tl_source *src, const char *name)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		if (src->roles[i].name && strcmp(src->roles[i].name, name) == 0)
			return true;
	return false;
}

/* aws_iam_role.assume_role_policy and data.aws_iam_policy_document.json are
 * JSON strings; unknown-until-apply values are absent or null. */
static tl_status tf_module(tl_source *src, const tl__jnode *module, size_t depth)
{
	const tl__jnode *resources = tl__json_get(module, "resources");
	const tl__jnode *children = tl__json_get(module, "child_modules");
	size_t i;

	if (!module || depth > MAX_MODULE_DEPTH)
		return TL_OK;
	for (i = 0; resources && resources->type == TL__J_ARRAY && i < resources->n; i++) {
		const tl__jnode *r = &resources->child[i];
		const tl__jnode *type = tl__json_get(r, "type"), *addr = tl__json_get(r, "address");
		const tl__jnode *values = tl__json_get(r, "values"), *doc = NULL;
		tl_role *role;

		if (!type || type->type != TL__J_STRING || !addr || addr->type != TL__J_STRING)
			continue;
		if (strcmp(type->text, "aws_iam_role") == 0)
			doc = tl__json_get(values, "assume_role_policy");
		else if (strcmp(type->text, "aws_iam_policy_document") == 0)
			doc = tl__json_get(values, "json");
		if (!doc || doc->type != TL__J_STRING || doc->len == 0 || already(src, addr->text))
			continue;
		role = tl__source_add(src, addr->text, doc->loc.line, doc->loc.column);
		if (!role)
			return TL_ENOMEM;
		tl__role_from_string(src, role, doc->text, doc->len);
	}
	for (i = 0; children && children->type == TL__J_ARRAY && i < children->n; i++)
		if (tf_module(src, &children->child[i], depth + 1) != TL_OK)
			return TL_ENOMEM;
	return TL_OK;
}

tl_status tl__read_tf_plan(tl_source *src, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *planned = tl__json_get(tl__json_get(root, "planned_values"), "root_module");
	const tl__jnode *prior = tl__json_get(tl__json_get(tl__json_get(root, "prior_state"), "values"),
	                                      "root_module");

	(void)err;
	if (tf_module(src, planned, 0) != TL_OK || tf_module(src, prior, 0) != TL_OK)
		return TL_ENOMEM;
	return TL_OK;
}

/* ---- IAM account dumps ----------------------------------------------- */

/* The IAM API returns policy documents URL-encoded (RFC 3986 %XX). */
static char *url_decode(tl__arena *a, const char *s, size_t len, size_t *out_len)
{
	char *out = tl__arena_alloc(a, len + 1);
	size_t i, n = 0;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && tl__hex_value(s[i + 1]) >= 0 && tl__hex_value(s[i + 2]) >= 0) {
			out[n++] = (char)(tl__hex_value(s[i + 1]) * 16 + tl__hex_value(s[i + 2]));
			i += 2;
		} else if (s[i] == '+') {
			out[n++] = ' ';
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

static tl_status account_role(tl_source *src, const tl__jnode *r)
{
	const tl__jnode *name = tl__json_get(r, "RoleName"), *arn = tl__json_get(r, "Arn");
	const tl__jnode *doc = tl__json_get(r, "AssumeRolePolicyDocument");
	tl_role *role;

	if (!doc)
		return TL_OK;
	role = tl__source_add(src, name && name->type == TL__J_STRING ? name->text : "?",
	                      doc->loc.line, doc->loc.column);
	if (!role)
		return TL_ENOMEM;
	if (arn && arn->type == TL__J_STRING) {
		tl__arn parts;
		role->arn = tl__arena_strndup(&src->arena, arn->text, arn->len);
		if (tl__arn_split(arn->text, arn->len, &parts) && parts.len[4] == 12) {
			memcpy(role->account, parts.part[4], 12);
			role->account[12] = '\0';
		}
	}
	if (doc->type == TL__J_STRING) {
		size_t n = 0;
		char *decoded = strchr(doc->text, '%') ? url_decode(&src->arena, doc->text, doc->len, &n)
		                                       : NULL;
		tl__role_from_string(src, role, decoded ? decoded : doc->text, decoded ? n : doc->len);
		role->line = doc->loc.line;
		role->column = doc->loc.column;
	} else {
		tl__role_from_node(src, role, doc, false);
	}
	return TL_OK;
}

tl_status tl__read_account(tl_source *src, const tl__jnode *root, bool get_role, tl_error *err)
{
	const tl__jnode *list;
	size_t i;

	(void)err;
	if (get_role)
		return account_role(src, tl__json_get(root, "Role"));
	list = tl__json_get(root, "RoleDetailList");
	for (i = 0; list && list->type == TL__J_ARRAY && i < list->n; i++)
		if (account_role(src, &list->child[i]) != TL_OK)
			return TL_ENOMEM;
	return TL_OK;
}
