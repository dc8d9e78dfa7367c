/*
 * source.c - find every role trust policy in a file: detect the format
 * from the content, hand the tree to its reader, and turn each found
 * document into a located, compiled policy.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inputs.h"
#include "policy.h"
#include "values.h"

const tl_limits tl__container_limits = {256u << 20, 128, 100000, 20000000, 1u << 20};

static const char *const format_names[] = {"auto",     "policy",         "cloudformation-json",
                                           "cloudformation-yaml", "terraform-plan",
                                           "account-authorization-details", "get-role",
                                           "list-roles"};

const char *tl_input_format_name(tl_input_format f)
{
	return (unsigned)f < sizeof(format_names) / sizeof(*format_names) ? format_names[f] : "?";
}

bool tl_input_format_from(const char *name, tl_input_format *out)
{
	static const struct {
		const char *alias;
		tl_input_format f;
	} aliases[] = {{"cfn", TL_INPUT_CFN_JSON}, {"cfn-yaml", TL_INPUT_CFN_YAML},
	               {"tf-plan", TL_INPUT_TF_PLAN}, {"account", TL_INPUT_ACCOUNT_DUMP}};
	size_t i;

	for (i = 0; i < sizeof(format_names) / sizeof(*format_names); i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (tl_input_format)i;
			return true;
		}
	for (i = 0; i < sizeof(aliases) / sizeof(*aliases); i++)
		if (strcmp(name, aliases[i].alias) == 0) {
			*out = aliases[i].f;
			return true;
		}
	return false;
}

tl_role *tl__source_add(tl_source *src, const char *name, unsigned line, unsigned column)
{
	tl_role *r;

	if (src->n == src->cap) {
		size_t cap = src->cap ? src->cap * 2 : 8;
		tl_role *grown = realloc(src->roles, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		src->roles = grown;
		src->cap = cap;
	}
	r = &src->roles[src->n++];
	memset(r, 0, sizeof(*r));
	r->name = name ? tl__arena_strndup(&src->arena, name, strlen(name)) : NULL;
	r->line = line;
	r->column = column;
	return r;
}

bool tl__source_note(tl_source *src, unsigned line, unsigned column, const char *fmt, ...)
{
	va_list ap;
	char buf[512], *msg;
	int n;

	if (src->n_notes == src->cap_notes) {
		size_t cap = src->cap_notes ? src->cap_notes * 2 : 4;
		tl_input_note *grown = realloc(src->notes, cap * sizeof(*grown));
		if (!grown)
			return false;
		src->notes = grown;
		src->cap_notes = cap;
	}
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	msg = n < 0 ? NULL : tl__arena_strndup(&src->arena, buf, strlen(buf));
	if (!msg)
		return false;
	src->notes[src->n_notes++] = (tl_input_note){msg, line, column};
	return true;
}

void tl__role_set_arn(tl_source *src, tl_role *role, const char *arn, size_t len)
{
	tl__arn parts;

	role->arn = tl__arena_strndup(&src->arena, arn, len);
	if (tl__arn_split(arn, len, &parts) && parts.len[4] == 12) {
		memcpy(role->account, parts.part[4], 12);
		role->account[12] = '\0';
	}
}

bool tl__wrong_type(const tl__jnode *n, tl__jtype want, const char *what, tl_error *err)
{
	if (!n || n->type == want)
		return false;
	tl__error_set(err, TL_ESYNTAX, &n->loc, "%s must be %s, not %s", what,
	              tl__json_type_name(want), tl__json_type_name(n->type));
	return true;
}

static bool is_intrinsic(const tl__jnode *n)
{
	return n->type == TL__J_OBJECT && n->n == 1 &&
	       (strcmp(n->child[0].key, "Ref") == 0 || strncmp(n->child[0].key, "Fn::", 4) == 0 ||
	        strcmp(n->child[0].key, TL__UNKNOWN_KEY) == 0);
}

/*
 * An intrinsic stands where a string goes; its value is unknown until the
 * stack is deployed.  The placeholder text names only the function (and a
 * Ref's target), never the template text, so no rule can read a wildcard
 * or an account id into it.
 */
void tl__intrinsics_to_placeholders(tl__arena *a, tl__jnode *n, size_t depth)
{
	size_t i;

	if (depth > 256)
		return;
	if (is_intrinsic(n)) {
		const tl__jnode *arg = &n->child[0];
		const char *fn = arg->key;
		char *text;

		if (strcmp(fn, TL__UNKNOWN_KEY) == 0)
			text = "<unknown until apply>";
		else if (strcmp(fn, "Ref") == 0 && arg->type == TL__J_STRING)
			text = tl__arena_printf(a, "<Ref %s>", arg->text);
		else
			text = tl__arena_printf(a, "<%s>", fn);
		n->type = TL__J_PLACEHOLDER;
		n->text = text ? text : "<intrinsic>";
		n->len = strlen(n->text);
		n->child = NULL;
		n->n = 0;
		return;
	}
	for (i = 0; i < n->n; i++)
		tl__intrinsics_to_placeholders(a, &n->child[i], depth + 1);
}

/* Parse `text` (at line:col of the file) into a policy: strictly, or
 * keeping the last of repeated keys. */
static tl_policy *policy_parse(const tl_source *src, const char *text, size_t len, unsigned line,
                               unsigned col, bool intrinsics, bool last_wins, tl_error *err)
{
	tl_policy *p = tl__policy_new();
	const tl__jnode *root;
	tl_status st;

	if (!p) {
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
		return NULL;
	}
	st = last_wins ? tl__json_parse_last_wins_at(&p->arena, text, len, line, col, &src->limits,
	                                             &root, err)
	               : tl__json_parse_at(&p->arena, text, len, line, col, &src->limits, &root, err);
	if (st == TL_OK && intrinsics)
		tl__intrinsics_to_placeholders(&p->arena, (tl__jnode *)root, 0);
	if (st == TL_OK)
		st = tl__policy_build(p, root, tl__quota_chars(text, len), &src->limits, err);
	if (st != TL_OK) {
		tl_policy_free(p);
		return NULL;
	}
	return p;
}

/* Parse `text` (at line:col of the file) into role->policy; a document
 * refused only for a repeated key gets its last-wins reading too, so the
 * linter can go on (IAM policy grammar: duplicate keys are refused, but
 * most tools silently keep the last). */
/*
 * A CloudFormation document: one role per Fn::If choice (cfn_variants.c).
 * False when the text does not parse strictly; role_parse then reports it
 * (and reads a document with repeated keys last-wins).
 */
static bool cfn_tree(tl_source *src, tl_role *role, const char *text, size_t len, unsigned line,
                     unsigned col)
{
	tl_policy *p = tl__policy_new();
	const tl__jnode *root;
	tl_error scratch = {0};

	if (!p) {
		tl__error_set(&role->error, TL_ENOMEM, NULL, "out of memory");
		return true;
	}
	if (tl__json_parse_at(&p->arena, text, len, line, col, &src->limits, &root, &scratch) != TL_OK) {
		tl_policy_free(p);
		return false;
	}
	tl__role_from_cfn_tree(src, (size_t)(role - src->roles), p, root, tl__quota_chars(text, len));
	return true;
}

static void role_parse(tl_source *src, tl_role *role, const char *text, size_t len, unsigned line,
                       unsigned col, bool intrinsics)
{
	role->text = tl__arena_strndup(&src->arena, text, len);
	role->len = len;
	if (!role->text) {
		tl__error_set(&role->error, TL_ENOMEM, NULL, "out of memory");
		return;
	}
	if (intrinsics && cfn_tree(src, role, text, len, line, col))
		return; /* role may have moved: src->roles can grow by a variant */
	role->policy = policy_parse(src, text, len, line, col, intrinsics, false, &role->error);
	if (!role->policy && role->error.status == TL_ESYNTAX &&
	    (role->error.flags & TL_ERROR_DUPLICATE_KEY)) {
		tl_error lenient = {0};
		role->last_wins = policy_parse(src, text, len, line, col, intrinsics, true, &lenient);
	}
}

void tl__role_from_string(tl_source *src, tl_role *role, const char *text, size_t len)
{
	role->embedded_string = true;
	role_parse(src, role, text, len, 1, 1, false);
}

void tl__role_from_built(tl_source *src, tl_role *role, const char *text, size_t len)
{
	role->embedded_string = true;
	role_parse(src, role, text, len, 1, 1, true);
}

void tl__role_from_node(tl_source *src, tl_role *role, const tl__jnode *doc, bool intrinsics)
{
	if (doc->type == TL__J_STRING) {
		tl__role_from_string(src, role, doc->text, doc->len);
		return;
	}
	role_parse(src, role, doc->src, doc->src_len, doc->loc.line, doc->loc.column, intrinsics);
}

/*
 * ${AWS::Partition} is "aws" in the commercial regions; a template that
 * names aws-cn, aws-us-gov or an aws-iso partition anywhere may deploy
 * elsewhere, so there it stays a placeholder.
 */
static bool names_other_partition(const char *text, size_t len)
{
	static const char *const others[] = {"aws-cn", "aws-us-gov", "aws-iso", "aws-eusc"};
	size_t i, j;

	for (i = 0; i + 6 <= len; i++) {
		if (text[i] != 'a' || memcmp(text + i, "aws-", 4) != 0)
			continue;
		for (j = 0; j < sizeof(others) / sizeof(*others); j++)
			if (len - i >= strlen(others[j]) && memcmp(text + i, others[j], strlen(others[j])) == 0)
				return true;
	}
	return false;
}

/* ---- detection ------------------------------------------------------- */

static bool resources_look_like_cfn(const tl__jnode *root)
{
	const tl__jnode *res = tl__json_get(root, "Resources");
	size_t i;

	if (tl__json_get(root, "AWSTemplateFormatVersion"))
		return true;
	if (!res || res->type != TL__J_OBJECT)
		return false;
	for (i = 0; i < res->n; i++) {
		const tl__jnode *type = tl__json_get(&res->child[i], "Type");
		if (type && type->type == TL__J_STRING && strncmp(type->text, "AWS::", 5) == 0)
			return true;
	}
	return false;
}

static tl_input_format detect_json(const tl__jnode *root)
{
	const tl__jnode *role;

	if (root->type != TL__J_OBJECT)
		return TL_INPUT_POLICY;
	if (resources_look_like_cfn(root))
		return TL_INPUT_CFN_JSON;
	if (tl__json_get(root, "RoleDetailList"))
		return TL_INPUT_ACCOUNT_DUMP;
	role = tl__json_get(root, "Role");
	if (role && tl__json_get(role, "AssumeRolePolicyDocument"))
		return TL_INPUT_GET_ROLE;
	if (tl__list_roles(root))
		return TL_INPUT_LIST_ROLES;
	if (tl__json_get(root, "format_version") &&
	    (tl__json_get(root, "planned_values") || tl__json_get(root, "prior_state") ||
	     tl__json_get(root, "resource_changes")))
		return TL_INPUT_TF_PLAN;
	return TL_INPUT_POLICY;
}

static bool line_starts_with(const char *text, size_t len, size_t at, const char *word)
{
	size_t n = strlen(word);
	return at + n <= len && memcmp(text + at, word, n) == 0;
}

/* YAML when it does not start like JSON and a line begins with what
 * templates have (after an optional byte-order mark and blank lines). */
static bool looks_like_yaml_template(const char *text, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	if (i < len && (text[i] == '{' || text[i] == '['))
		return false;
	for (; i < len; i++)
		if ((i == 0 || text[i - 1] == '\n' || (i == 3 && text[0] == '\xEF')) &&
		    (line_starts_with(text, len, i, "Resources:") ||
		     line_starts_with(text, len, i, "AWSTemplateFormatVersion")))
			return true;
	return false;
}

/* What a file needs to be read as `f` at all (looser than detection, which
 * must also tell formats apart); NULL when it has it, else what is missing. */
static const char *missing_shape(tl_input_format f, const tl__jnode *root)
{
	const tl__jnode *res = tl__json_get(root, "Resources");

	switch (f) {
	case TL_INPUT_CFN_JSON:
	case TL_INPUT_CFN_YAML:
		return (res && res->type == TL__J_OBJECT) || tl__json_get(root, "AWSTemplateFormatVersion")
		           ? NULL
		           : "no Resources or AWSTemplateFormatVersion";
	case TL_INPUT_TF_PLAN:
		return tl__json_get(root, "planned_values") || tl__json_get(root, "resource_changes") ||
		               tl__json_get(root, "prior_state")
		           ? NULL
		           : "no planned_values, resource_changes or prior_state";
	case TL_INPUT_ACCOUNT_DUMP:
		return tl__json_get(root, "RoleDetailList") ? NULL : "no RoleDetailList";
	case TL_INPUT_GET_ROLE:
		return tl__json_get(root, "Role") ? NULL : "no Role";
	case TL_INPUT_LIST_ROLES:
		return tl__list_roles(root) ? NULL : "no Roles list";
	default:
		return NULL;
	}
}

/*
 * A format forced on a file that found nothing in it: an error when the
 * file does not have that format's shape (a plan read as a template, say),
 * since passing silently would read as "no findings".  A template of the
 * right shape with no roles is fine.
 */
static tl_status check_forced(const tl_source *src, tl_input_format forced, const tl__jnode *root,
                              const char *text, size_t len, tl_error *err)
{
	tl__arena a;
	const char *missing;
	tl_error ignored;
	tl_loc start = {0};

	start.line = start.column = 1;
	if (forced == TL_INPUT_AUTO || forced == TL_INPUT_POLICY || src->n || src->n_notes)
		return TL_OK;
	if (forced == TL_INPUT_CFN_YAML) {
		if (looks_like_yaml_template(text, len))
			return TL_OK;
		/* YAML takes JSON too: a JSON template of no roles is a template */
		tl__arena_init(&a);
		if (tl__json_parse(&a, text, len, &tl__container_limits, &root, &ignored) != TL_OK)
			root = NULL;
		missing = root ? missing_shape(forced, root) : "no Resources";
		tl__arena_release(&a);
	} else {
		missing = missing_shape(forced, root);
	}
	if (!missing)
		return TL_OK;
	tl__error_set(err, TL_EARG, &start, "--input-format %s: the file is not %s input (%s)",
	              tl_input_format_name(forced), tl_input_format_name(forced), missing);
	return TL_EARG;
}

/*
 * A lone document.  Intrinsics are placeholders here too: a policy file
 * holding {"Fn::Sub": ...} is a fragment of a template (IAM would never see
 * the object), so its unknown values are unknown, not malformed.
 * tl_policy_parse, which eval uses, stays strict.
 */
static tl_status read_policy(tl_source *src, const char *text, size_t len)
{
	tl_role *role = tl__source_add(src, NULL, 1, 1);

	if (!role)
		return TL_ENOMEM;
	role_parse(src, role, text, len, 1, 1, true);
	return TL_OK;
}

/*
 * A file the strict parse refused: a lone policy, unless it was refused
 * only for a repeated key and its last-wins reading is a container.  A
 * policy's repeated key is a finding and the rest is linted; a template,
 * plan or dump with one is unreadable as it stands (which role and which
 * document would be guesswork), so it stays the located error in `perr`
 * rather than a template linted as if it were a policy.
 */
static tl_input_format detect_repeated(const char *text, size_t len, const tl_error *perr)
{
	tl__arena a;
	const tl__jnode *root = NULL;
	tl_error ignored;
	tl_input_format f = TL_INPUT_POLICY;

	if (perr->status != TL_ESYNTAX || !(perr->flags & TL_ERROR_DUPLICATE_KEY))
		return TL_INPUT_POLICY;
	tl__arena_init(&a);
	if (tl__json_parse_last_wins_at(&a, text, len, 1, 1, &tl__container_limits, &root, &ignored) ==
	    TL_OK)
		f = detect_json(root);
	tl__arena_release(&a);
	return f;
}

tl_status tl_source_load(tl_source **out, const char *text, size_t len, tl_input_format format,
                         const tl_limits *limits, tl_error *err)
{
	static const tl_limits defaults = TL_LIMITS_INIT;
	tl_source *src = calloc(1, sizeof(*src));
	tl__arena tree_arena;
	const tl__jnode *root = NULL;
	tl_status st = TL_OK;
	tl_error perr = {0};
	tl_input_format forced = format;

	*out = NULL;
	if (!src) {
		tl__error_set(err, TL_ENOMEM, NULL, "out of memory");
		return TL_ENOMEM;
	}
	tl__arena_init(&src->arena);
	tl__arena_init(&tree_arena);
	src->limits = limits ? *limits : defaults;
	src->aws_partition = !names_other_partition(text, len);
	if (format == TL_INPUT_AUTO && looks_like_yaml_template(text, len))
		format = TL_INPUT_CFN_YAML;
	if (format == TL_INPUT_CFN_YAML) {
		src->format = format;
		st = tl__read_cfn_yaml(src, text, len, err);
		if (st == TL_OK)
			st = check_forced(src, forced, NULL, text, len, err);
		goto done;
	}
	if (format != TL_INPUT_POLICY &&
	    tl__json_parse(&tree_arena, text, len, &tl__container_limits, &root, &perr) != TL_OK)
		root = NULL;
	if (format == TL_INPUT_AUTO)
		format = root ? detect_json(root) : detect_repeated(text, len, &perr);
	src->format = format;
	if (format != TL_INPUT_POLICY && !root) {
		*err = perr;
		st = perr.status ? perr.status : TL_ESYNTAX;
		goto done;
	}
	switch (format) {
	case TL_INPUT_CFN_JSON:
		st = tl__read_cfn_json(src, root, err);
		break;
	case TL_INPUT_TF_PLAN:
		st = tl__read_tf_plan(src, root, err);
		break;
	case TL_INPUT_ACCOUNT_DUMP:
	case TL_INPUT_GET_ROLE:
	case TL_INPUT_LIST_ROLES:
		st = tl__read_account(src, root, format, err);
		break;
	default:
		st = read_policy(src, text, len);
	}
	if (st == TL_OK)
		st = check_forced(src, forced, root, text, len, err);
done:
	tl__arena_release(&tree_arena);
	if (st == TL_OK && src->arena.failed)
		st = TL_ENOMEM;
	if (st != TL_OK) {
		if (st == TL_ENOMEM)
			tl__error_set(err, st, NULL, "out of memory");
		tl_source_free(src);
		return st;
	}
	*out = src;
	return TL_OK;
}

tl_input_format tl_source_format(const tl_source *src)
{
	return src->format;
}

size_t tl_source_role_count(const tl_source *src)
{
	return src->n;
}

const tl_role *tl_source_role(const tl_source *src, size_t i)
{
	return i < src->n ? &src->roles[i] : NULL;
}

size_t tl_source_note_count(const tl_source *src)
{
	return src->n_notes;
}

const tl_input_note *tl_source_note(const tl_source *src, size_t i)
{
	return i < src->n_notes ? &src->notes[i] : NULL;
}

void tl_source_free(tl_source *src)
{
	size_t i;

	if (!src)
		return;
	for (i = 0; i < src->n; i++) {
		tl_policy_free(src->roles[i].policy);
		tl_policy_free(src->roles[i].last_wins);
	}
	for (i = 0; i < src->n_trees; i++)
		tl_policy_free(src->trees[i]);
	free(src->roles);
	free(src->notes);
	free(src->trees);
	tl__arena_release(&src->arena);
	free(src);
}
