/*
 * account.c - IAM's own account dumps: get-account-authorization-details,
 * list-roles and get-role, whose documents may be URL-encoded strings.
 */
#include <string.h>

#include "inputs.h"
#include "values.h"

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
	if (arn && arn->type == TL__J_STRING)
		tl__role_set_arn(src, role, arn->text, arn->len);
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

/*
 * `aws iam list-roles` prints {"Roles": [...]}, each role with its
 * AssumeRolePolicyDocument; a recorded API response (boto's, as test
 * suites keep them) wraps the same under "data".  A Roles array counts when
 * it is empty or its first role has a trust policy or a RoleName.
 */
const tl__jnode *tl__list_roles(const tl__jnode *root)
{
	const tl__jnode *roles = tl__json_get(root, "Roles");

	if (!roles && tl__json_get(root, "status_code"))
		roles = tl__json_get(tl__json_get(root, "data"), "Roles");
	if (!roles || roles->type != TL__J_ARRAY)
		return NULL;
	if (roles->n == 0 || tl__json_get(&roles->child[0], "AssumeRolePolicyDocument") ||
	    tl__json_get(&roles->child[0], "RoleName"))
		return roles;
	return NULL;
}

tl_status tl__read_account(tl_source *src, const tl__jnode *root, tl_input_format format,
                           tl_error *err)
{
	const tl__jnode *list;
	size_t i;

	(void)err;
	if (format == TL_INPUT_GET_ROLE)
		return account_role(src, tl__json_get(root, "Role"));
	list = format == TL_INPUT_LIST_ROLES ? tl__list_roles(root) : tl__json_get(root, "RoleDetailList");
	for (i = 0; list && list->type == TL__J_ARRAY && i < list->n; i++)
		if (account_role(src, &list->child[i]) != TL_OK)
			return TL_ENOMEM;
	return TL_OK;
}
