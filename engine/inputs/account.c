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
