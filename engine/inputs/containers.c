/*
 * containers.c - the JSON containers that hold trust policies:
 * CloudFormation/SAM templates, Terraform plans (terraform show -json),
 * and IAM's own account dumps (get-account-authorization-details,
 * get-role), whose documents may be URL-encoded strings.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "values.h"

#define MAX_MODULE_DEPTH 64

/*
 * A container element of the wrong JSON type on the path to a trust
 * policy is an error at that element: skipping it would report a file of
 * roles as a file without any, and pass it.  `n` may be NULL (absent is
 * each caller's own decision).
 */
static bool wrong_type(const tl__jnode *n, tl__jtype want, const char *what, tl_error *err)
{
	if (!n || n->type == want)
		return false;
	tl__error_set(err, TL_ESYNTAX, &n->loc, "%s must be %s, not %s", what,
	              tl__json_type_name(want), tl__json_type_name(n->type));
	return true;
}

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
	char what[160];
	size_t i;

	if (!res)
		return TL_OK;
	if (wrong_type(res, TL__J_OBJECT, "Resources", err))
		return TL_ESYNTAX;
	for (i = 0; i < res->n; i++) {
		const tl__jnode *r = &res->child[i], *type = tl__json_get(r, "Type");
		const tl__jnode *props = tl__json_get(r, "Properties");
		const tl__jnode *doc;
		tl_role *role;

		snprintf(what, sizeof(what), "resource %s", r->key);
		if (wrong_type(r, TL__J_OBJECT, what, err))
			return TL_ESYNTAX;
		snprintf(what, sizeof(what), "Type of resource %s", r->key);
		if (wrong_type(type, TL__J_STRING, what, err))
			return TL_ESYNTAX;
		if (!type || !has_trust_policy(type->text))
			continue;
		snprintf(what, sizeof(what), "Properties of resource %s", r->key);
		if (wrong_type(props, TL__J_OBJECT, what, err))
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

/* ---- Terraform plan -------------------------------------------------- */

/* A set of the addresses already read (planned_values, then prior_state),
 * so that a plan of many roles is read in linear time. */
typedef struct seen {
	const char **name;
	size_t cap, n;
} seen;

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

/* true when `name` was there already; false after adding it (or out of memory) */
static bool seen_add(seen *set, const char *name, bool *nomem)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 64, j;
		const char **grown = calloc(cap, sizeof(*grown));
		if (!grown) {
			*nomem = true;
			return false;
		}
		for (j = 0; j < set->cap; j++)
			if (set->name[j]) {
				for (i = (size_t)(name_hash(set->name[j]) & (cap - 1)); grown[i];
				     i = (i + 1) & (cap - 1))
					;
				grown[i] = set->name[j];
			}
		free(set->name);
		set->name = grown;
		set->cap = cap;
	}
	for (i = (size_t)(name_hash(name) & (set->cap - 1)); set->name[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->name[i], name) == 0)
			return true;
	set->name[i] = name;
	set->n++;
	return false;
}

/* aws_iam_role.assume_role_policy and data.aws_iam_policy_document.json are
 * JSON strings; unknown-until-apply values are absent or null. */
static tl_status tf_module(tl_source *src, const tl__jnode *module, size_t depth, seen *set,
                           tl_error *err)
{
	const tl__jnode *resources = tl__json_get(module, "resources");
	const tl__jnode *children = tl__json_get(module, "child_modules");
	char what[160];
	bool nomem = false;
	size_t i;
	tl_status st;

	if (!module)
		return TL_OK;
	if (depth > MAX_MODULE_DEPTH) {
		tl__error_set(err, TL_ELIMIT, &module->loc, "modules nested deeper than %d levels (limit)",
		              MAX_MODULE_DEPTH);
		return TL_ELIMIT;
	}
	if (wrong_type(module, TL__J_OBJECT, depth ? "a child module" : "root_module", err) ||
	    wrong_type(resources, TL__J_ARRAY, "resources", err) ||
	    wrong_type(children, TL__J_ARRAY, "child_modules", err))
		return TL_ESYNTAX;
	for (i = 0; resources && i < resources->n; i++) {
		const tl__jnode *r = &resources->child[i];
		const tl__jnode *type = tl__json_get(r, "type"), *addr = tl__json_get(r, "address");
		const tl__jnode *values = tl__json_get(r, "values"), *doc = NULL;
		const char *field = NULL;
		tl_role *role;

		if (wrong_type(r, TL__J_OBJECT, "a resource", err) ||
		    wrong_type(type, TL__J_STRING, "type of a resource", err) ||
		    wrong_type(addr, TL__J_STRING, "address of a resource", err))
			return TL_ESYNTAX;
		if (!type || !addr)
			continue;
		if (strcmp(type->text, "aws_iam_role") == 0)
			field = "assume_role_policy";
		else if (strcmp(type->text, "aws_iam_policy_document") == 0)
			field = "json";
		if (!field)
			continue;
		snprintf(what, sizeof(what), "values of %s", addr->text);
		if (wrong_type(values, TL__J_OBJECT, what, err))
			return TL_ESYNTAX;
		doc = tl__json_get(values, field);
		if (!doc || doc->type == TL__J_NULL)
			continue; /* known only after apply */
		snprintf(what, sizeof(what), "%s of %s", field, addr->text);
		if (doc->type != TL__J_STRING) {
			tl__error_set(err, TL_ESYNTAX, &doc->loc, "%s must be a JSON string, not %s", what,
			              tl__json_type_name(doc->type));
			return TL_ESYNTAX;
		}
		if (doc->len == 0 || seen_add(set, addr->text, &nomem) || nomem) {
			if (nomem)
				return TL_ENOMEM;
			continue;
		}
		role = tl__source_add(src, addr->text, doc->loc.line, doc->loc.column);
		if (!role)
			return TL_ENOMEM;
		tl__role_from_string(src, role, doc->text, doc->len);
	}
	for (i = 0; children && i < children->n; i++)
		if ((st = tf_module(src, &children->child[i], depth + 1, set, err)) != TL_OK)
			return st;
	return TL_OK;
}

tl_status tl__read_tf_plan(tl_source *src, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *planned = tl__json_get(root, "planned_values");
	const tl__jnode *prior = tl__json_get(root, "prior_state");
	const tl__jnode *prior_values = tl__json_get(prior, "values");
	seen set = {0};
	tl_status st = TL_ESYNTAX;

	if (wrong_type(tl__json_get(root, "resource_changes"), TL__J_ARRAY, "resource_changes", err) ||
	    wrong_type(planned, TL__J_OBJECT, "planned_values", err) ||
	    wrong_type(prior, TL__J_OBJECT, "prior_state", err) ||
	    wrong_type(prior_values, TL__J_OBJECT, "values of prior_state", err))
		return TL_ESYNTAX;
	st = tf_module(src, tl__json_get(planned, "root_module"), 0, &set, err);
	if (st == TL_OK)
		st = tf_module(src, tl__json_get(prior_values, "root_module"), 0, &set, err);
	free(set.name);
	return st;
}

/* ---- IAM account dumps ----------------------------------------------- */

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

static tl_status account_role(tl_source *src, const tl__jnode *r, const char *what, tl_error *err)
{
	const tl__jnode *name = tl__json_get(r, "RoleName"), *arn = tl__json_get(r, "Arn");
	const tl__jnode *doc = tl__json_get(r, "AssumeRolePolicyDocument");
	tl_role *role;

	if (wrong_type(r, TL__J_OBJECT, what, err) || wrong_type(name, TL__J_STRING, "RoleName", err) ||
	    wrong_type(arn, TL__J_STRING, "Arn", err))
		return TL_ESYNTAX;
	if (!doc)
		return TL_OK;
	role = tl__source_add(src, name ? name->text : "?", doc->loc.line, doc->loc.column);
	if (!role)
		return TL_ENOMEM;
	if (arn) {
		tl__arn parts;
		role->arn = tl__arena_strndup(&src->arena, arn->text, arn->len);
		if (tl__arn_split(arn->text, arn->len, &parts) && parts.len[4] == 12) {
			memcpy(role->account, parts.part[4], 12);
			role->account[12] = '\0';
		}
	}
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

tl_status tl__read_account(tl_source *src, const tl__jnode *root, bool get_role, tl_error *err)
{
	const tl__jnode *list;
	tl_loc top = {"", 1, 1, 1, 1};
	size_t i;
	tl_status st;

	if (get_role) {
		const tl__jnode *r = tl__json_get(root, "Role");
		if (!r) {
			tl__error_set(err, TL_ESYNTAX, &top, "no Role object in a get-role file");
			return TL_ESYNTAX;
		}
		return account_role(src, r, "Role", err);
	}
	list = tl__json_get(root, "RoleDetailList");
	if (!list) {
		tl__error_set(err, TL_ESYNTAX, &top,
		              "no RoleDetailList array in an account-authorization-details file");
		return TL_ESYNTAX;
	}
	if (wrong_type(list, TL__J_ARRAY, "RoleDetailList", err))
		return TL_ESYNTAX;
	for (i = 0; i < list->n; i++)
		if ((st = account_role(src, &list->child[i], "a RoleDetailList entry", err)) != TL_OK)
			return st;
	return TL_OK;
}
