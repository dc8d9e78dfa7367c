/*
 * account.c - IAM's own account dumps: get-account-authorization-details,
 * list-roles and get-role, whose documents may be URL-encoded strings.
 * A list, a role entry, its RoleName or Arn of another JSON type is an
 * error where it is: skipping it would pass a dump as one of no roles.
 * (A list that is not there at all is the forced-format check's to say:
 * detection never picks these formats without it.)
 */
#include <string.h>

#include "inputs.h"
#include "values.h"

/* The IAM API returns policy documents URL-encoded (RFC 3986 %XX).  A
 * malformed escape or an encoded NUL is an error on the role: decoding
 * around it would lint a document IAM never held. */
static char *url_decode(tl__arena *a, const char *s, size_t len, size_t *out_len, tl_error *err)
{
	char *out = tl__arena_alloc(a, len + 1);
	size_t i, n = 0;

	if (!out)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			int hi = i + 1 < len ? tl__hex_value(s[i + 1]) : -1;
			int lo = i + 2 < len ? tl__hex_value(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				tl__error_set(err, TL_ESYNTAX, NULL,
				              "malformed URL encoding \"%.*s\" at byte %zu of the document",
				              (int)(len - i < 3 ? len - i : 3), s + i, i + 1);
				return NULL;
			}
			if (hi == 0 && lo == 0) {
				tl__error_set(err, TL_ESYNTAX, NULL,
				              "URL encoding \"%%00\" (a NUL byte) at byte %zu of the document",
				              i + 1);
				return NULL;
			}
			out[n++] = (char)(hi * 16 + lo);
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

/* `what` names the entry in an error: "Role", "a RoleDetailList entry". */
static tl_status account_role(tl_source *src, const tl__jnode *r, const char *what, tl_error *err)
{
	const tl__jnode *name = tl__json_get(r, "RoleName"), *arn = tl__json_get(r, "Arn");
	const tl__jnode *doc = tl__json_get(r, "AssumeRolePolicyDocument");
	tl_role *role;

	if (tl__wrong_type(r, TL__J_OBJECT, what, err) ||
	    tl__wrong_type(name, TL__J_STRING, "RoleName", err) ||
	    tl__wrong_type(arn, TL__J_STRING, "Arn", err))
		return TL_ESYNTAX;
	if (!doc)
		return TL_OK;
	role = tl__source_add(src, name ? name->text : "?", doc->loc.line, doc->loc.column);
	if (!role)
		return TL_ENOMEM;
	if (arn)
		tl__role_set_arn(src, role, arn->text, arn->len);
	if (doc->type == TL__J_STRING) {
		size_t n = 0;
		char *decoded = NULL;

		if (strchr(doc->text, '%')) {
			decoded = url_decode(&src->arena, doc->text, doc->len, &n, &role->error);
			if (!decoded) {
				role->embedded_string = true;
				return src->arena.failed ? TL_ENOMEM : TL_OK;
			}
		}
		tl__role_from_string(src, role, decoded ? decoded : doc->text, decoded ? n : doc->len);
		role->line = doc->loc.line;
		role->column = doc->loc.column;
	} else {
		tl__role_from_node(src, role, doc, false);
	}
	return TL_OK;
}

/* The Roles member: bare, or in a recorded API response. */
static const tl__jnode *roles_member(const tl__jnode *root)
{
	const tl__jnode *roles = tl__json_get(root, "Roles");

	if (!roles && tl__json_get(root, "status_code"))
		roles = tl__json_get(tl__json_get(root, "data"), "Roles");
	return roles;
}

/*
 * `aws iam list-roles` prints {"Roles": [...]}, each role with its
 * AssumeRolePolicyDocument; a recorded API response (boto's, as test
 * suites keep them) wraps the same under "data".  A Roles array counts when
 * it is empty or its first role has a trust policy or a RoleName.
 */
const tl__jnode *tl__list_roles(const tl__jnode *root)
{
	const tl__jnode *roles = roles_member(root);

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
	const char *list_name = format == TL_INPUT_LIST_ROLES ? "Roles" : "RoleDetailList";
	const char *entry = format == TL_INPUT_LIST_ROLES ? "a Roles entry" : "a RoleDetailList entry";
	const tl__jnode *list;
	size_t i;
	tl_status st;

	if (format == TL_INPUT_GET_ROLE) {
		const tl__jnode *r = tl__json_get(root, "Role");
		return r ? account_role(src, r, "Role", err) : TL_OK;
	}
	/* forced, the Roles member is read whatever its first entry holds */
	list = format == TL_INPUT_LIST_ROLES ? roles_member(root) : tl__json_get(root, "RoleDetailList");
	if (!list)
		return TL_OK;
	if (tl__wrong_type(list, TL__J_ARRAY, list_name, err))
		return TL_ESYNTAX;
	for (i = 0; i < list->n; i++)
		if ((st = account_role(src, &list->child[i], entry, err)) != TL_OK)
			return st;
	return TL_OK;
}
