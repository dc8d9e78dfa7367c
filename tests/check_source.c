/*
 * check_source.c - unit tests for engine/inputs/source.c and containers.c
 * through the public tl_source API: detecting each container from its
 * content (or taking the format given), the roles found with their names,
 * ARNs, accounts and positions, policies inside templates that keep their
 * file positions, policies that were strings (Terraform, URL-encoded IAM
 * dumps), CloudFormation intrinsics as placeholders, and failures of a
 * whole container versus one role.  (YAML templates: check_cfn_yaml.c.)
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trustlint.h"

/*
 * Load `text` from an exact-size heap copy (no NUL after it when the
 * format is given, so ASan sees any read past the end; detection wants
 * the NUL that tl_file_read gives) and check the status.
 */
static tl_source *load_with(const char *text, tl_input_format f, const tl_limits *lim,
                            tl_status want, tl_error *err)
{
	size_t len = strlen(text);
	char *copy = malloc(len + 1);
	tl_source *src = (tl_source *)&copy;
	tl_status st;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len + 1);
	if (f != TL_INPUT_AUTO) {
		char *exact = malloc(len ? len : 1);
		ck_assert_ptr_nonnull(exact);
		memcpy(exact, text, len);
		free(copy);
		copy = exact;
	}
	memset(err, 0, sizeof(*err));
	st = tl_source_load(&src, copy, len, f, lim, err);
	free(copy);
	ck_assert_msg(st == want, "status %s, want %s (%u:%u %s)", tl_status_name(st),
	              tl_status_name(want), err->line, err->column, err->message);
	ck_assert(st == TL_OK ? src != NULL : src == NULL);
	return src;
}

static tl_source *load(const char *text, tl_input_format f)
{
	tl_error err;
	return load_with(text, f, NULL, TL_OK, &err);
}

static const tl_document *doc_of(const tl_role *r)
{
	ck_assert_ptr_nonnull(r);
	ck_assert_msg(r->policy != NULL, "role %s: %s", r->name ? r->name : "-", r->error.message);
	return tl_policy_document(r->policy);
}

/* Where `needle` (its `nth` occurrence, from 0) is in `text`: 1-based line
 * and column in characters (UTF-8 continuation bytes count for none). */
static void where(const char *text, const char *needle, int nth, unsigned *line, unsigned *col)
{
	const char *p = text, *hit = NULL, *q;

	for (; nth >= 0; nth--) {
		hit = strstr(p, needle);
		ck_assert_msg(hit != NULL, "no %s in the text", needle);
		p = hit + 1;
	}
	*line = 1;
	*col = 1;
	for (q = text; q < hit; q++) {
		if (*q == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static void expect_at(unsigned line, unsigned col, const char *text, const char *needle, int nth)
{
	unsigned l, c;

	where(text, needle, nth, &l, &c);
	ck_assert_msg(line == l && col == c, "%s at %u:%u, want %u:%u", needle, line, col, l, c);
}

static const tl_role *role_named(const tl_source *src, const char *name)
{
	size_t i;

	for (i = 0; i < tl_source_role_count(src); i++) {
		const tl_role *r = tl_source_role(src, i);
		if (r->name && strcmp(r->name, name) == 0)
			return r;
	}
	ck_abort_msg("no role %s", name);
	return NULL;
}

#define POLICY_EC2                                                                          \
	"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": " \
	"{\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}"

/* ---- fixtures ---------------------------------------------------------- */

static const char cfn[] =
	"{\n"
	"  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
	"  \"Parameters\": {\"Audience\": {\"Type\": \"String\"}},\n"
	"  \"Resources\": {\n"
	"    \"Bucket\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"AssumeRolePolicyDocument\": " POLICY_EC2 "}},\n"
	"    \"DeployRole\": {\n"
	"      \"Type\": \"AWS::IAM::Role\",\n"
	"      \"Properties\": {\n"
	"        \"Description\": \"r\xc3\xb4le de d\xc3\xa9ploiement\", \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\n"
	"          \"Effect\": \"Allow\",\n"
	"          \"Principal\": {\"Federated\": {\"Fn::Sub\": \"arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com\"}},\n"
	"          \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n"
	"          \"Condition\": {\n"
	"            \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:acme/*\"},\n"
	"            \"StringEquals\": {\"token.actions.githubusercontent.com:aud\": {\"Ref\": \"Audience\"}}\n"
	"          }\n"
	"        }]}\n"
	"      }\n"
	"    },\n"
	"    \"Fn\": {\n"
	"      \"Type\": \"AWS::Serverless::Function\",\n"
	"      \"Properties\": {\"AssumeRolePolicyDocument\": " POLICY_EC2 "}\n"
	"    },\n"
	"    \"NoDoc\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"ManagedPolicyArns\": []}},\n"
	"    \"CondRole\": {\n"
	"      \"Type\": \"AWS::IAM::Role\",\n"
	"      \"Properties\": {\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [\n"
	"        {\"Effect\": \"Allow\", \"Principal\": {\"Fn::If\": [\"IsProd\", {\"AWS\": \"arn:aws:iam::111122223333:root\"}, {\"AWS\": \"*\"}]}, \"Action\": \"sts:AssumeRole\"},\n"
	"        {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": {\"Fn::GetAtt\": [\"Other\", \"Arn\"]}}, \"Action\": \"sts:AssumeRole\",\n"
	"         \"Condition\": {\"StringLike\": {\"sts:ExternalId\": {\"Fn::Sub\": \"${AWS::AccountId}-*\"}}}}]}}\n"
	"    }\n"
	"  }\n"
	"}\n";

static const char tf_plan[] =
	"{\n"
	"  \"format_version\": \"1.2\",\n"
	"  \"planned_values\": {\"root_module\": {\n"
	"    \"resources\": [\n"
	"      {\"address\": \"aws_iam_role.web\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": "
	"\"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": "
	"{\\\"Service\\\": \\\"ec2.amazonaws.com\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\"}]}\"}},\n"
	"      {\"address\": \"aws_iam_role.later\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": null}},\n"
	"      {\"address\": \"aws_iam_role.unknown\", \"type\": \"aws_iam_role\", \"values\": {}},\n"
	"      {\"address\": \"aws_iam_role.empty\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": \"\"}},\n"
	"      {\"address\": \"aws_iam_policy.perm\", \"type\": \"aws_iam_policy\", \"values\": {\"policy\": "
	"\"{\\\"Version\\\": \\\"2012-10-17\\\"}\"}},\n"
	"      {\"address\": \"aws_iam_role.broken\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": "
	"\"{\\\"Version\\\": \\\"2012-10-17\\\",\\n \\\"Statement\\\": [}\"}}\n"
	"    ],\n"
	"    \"child_modules\": [{\"address\": \"module.ci\", \"resources\": [\n"
	"      {\"address\": \"module.ci.aws_iam_role.open\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": "
	"\"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": "
	"{\\\"AWS\\\": \\\"*\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\"}]}\"}}],\n"
	"      \"child_modules\": [{\"address\": \"module.ci.module.inner\", \"resources\": [\n"
	"        {\"address\": \"module.ci.module.inner.aws_iam_role.deep\", \"type\": \"aws_iam_role\", "
	"\"values\": {\"assume_role_policy\": \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": "
	"[{\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": {\\\"Service\\\": \\\"lambda.amazonaws.com\\\"}, "
	"\\\"Action\\\": \\\"sts:AssumeRole\\\"}]}\"}}]}]}]\n"
	"  }},\n"
	"  \"prior_state\": {\"format_version\": \"1.0\", \"values\": {\"root_module\": {\"resources\": [\n"
	"    {\"address\": \"aws_iam_role.web\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": "
	"\"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": []}\"}},\n"
	"    {\"address\": \"data.aws_iam_policy_document.trust\", \"type\": \"aws_iam_policy_document\", \"values\": "
	"{\"json\": \"{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": [\\n    {\\n      "
	"\\\"Effect\\\": \\\"Allow\\\",\\n      \\\"Principal\\\": {\\\"Service\\\": \\\"ec2.amazonaws.com\\\"},\\n      "
	"\\\"Action\\\": \\\"sts:AssumeRole\\\"\\n    }\\n  ]\\n}\"}}\n"
	"  ]}}}\n"
	"}\n";

#define ENCODED                                                                                    \
	"%7b%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C" \
	"%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3A"  \
	"AssumeRole%22%2C%22Condition%22%3A%7B%22StringEquals%22%3A%7B%22aws%3ASourceAccount%22%3A"  \
	"%22111122223333%22%7D%7D%7D%5D%7D"
#define DECODED                                                                                  \
	"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":" \
	"\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"       \
	"{\"aws:SourceAccount\":\"111122223333\"}}}]}"

static const char account_dump[] =
	"{\n"
	"  \"UserDetailList\": [],\n"
	"  \"RoleDetailList\": [\n"
	"    {\"RoleName\": \"ec2-role\", \"Arn\": \"arn:aws:iam::111122223333:role/service/ec2-role\",\n"
	"     \"AssumeRolePolicyDocument\": \"" ENCODED "\"},\n"
	"    {\"RoleName\": \"decoded\", \"Arn\": \"arn:aws-cn:iam::444455556666:role/decoded\",\n"
	"     \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n"
	"       \"Principal\": {\"AWS\": \"arn:aws:iam::999988887777:root\"}, \"Action\": \"sts:AssumeRole\",\n"
	"       \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"vendor-7\"}}}]}},\n"
	"    {\"RoleName\": \"bad-arn\", \"Arn\": \"not-an-arn\", \"AssumeRolePolicyDocument\": \"%7B%22Version%22%3A\"},\n"
	"    {\"RoleName\": \"no-arn\", \"AssumeRolePolicyDocument\": \"" ENCODED "\"},\n"
	"    {\"RoleName\": \"no-doc\", \"Arn\": \"arn:aws:iam::111122223333:role/no-doc\"}\n"
	"  ],\n"
	"  \"GroupDetailList\": []\n"
	"}\n";

static const char get_role[] =
	"{\"Role\": {\"Path\": \"/\", \"RoleName\": \"audit\",\n"
	"  \"Arn\": \"arn:aws:iam::111122223333:role/audit\",\n"
	"  \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	"\"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"sts:AssumeRole\"}]}}}\n";

/* ---- detection --------------------------------------------------------- */

START_TEST(test_source_detect_each_format)
{
	static const struct {
		const char *text;
		tl_input_format f;
		size_t roles;
	} cases[] = {
		{POLICY_EC2, TL_INPUT_POLICY, 1},
		{cfn, TL_INPUT_CFN_JSON, 3},
		/* Resources with an AWS:: type and no version line */
		{"{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": "
		 "{\"AssumeRolePolicyDocument\": " POLICY_EC2 "}}}}",
		 TL_INPUT_CFN_JSON, 1},
		{tf_plan, TL_INPUT_TF_PLAN, 5},
		{"{\"format_version\": \"1.0\", \"prior_state\": {}}", TL_INPUT_TF_PLAN, 0},
		{"{\"format_version\": \"1.0\", \"resource_changes\": []}", TL_INPUT_TF_PLAN, 0},
		{account_dump, TL_INPUT_ACCOUNT_DUMP, 4},
		{get_role, TL_INPUT_GET_ROLE, 1},
		{"AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", TL_INPUT_CFN_YAML, 0},
		{"\xEF\xBB\xBF\n\n# roles\nResources:\n  R:\n    Type: AWS::S3::Bucket\n", TL_INPUT_CFN_YAML, 0},
		/* none of the markers: a policy (which need not be a good one) */
		{"{\"Resources\": {\"R\": {\"Type\": \"Custom::Thing\"}}}", TL_INPUT_POLICY, 1},
		{"{\"format_version\": \"1.0\"}", TL_INPUT_POLICY, 1},
		{"{\"Role\": {\"RoleName\": \"x\"}}", TL_INPUT_POLICY, 1},
		{"[1, 2]", TL_INPUT_POLICY, 1},
		{"  \n" POLICY_EC2, TL_INPUT_POLICY, 1},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_source *src = load(cases[i].text, TL_INPUT_AUTO);
		ck_assert_msg(tl_source_format(src) == cases[i].f, "case %zu: %s, want %s", i,
		              tl_input_format_name(tl_source_format(src)), tl_input_format_name(cases[i].f));
		ck_assert_msg(tl_source_role_count(src) == cases[i].roles, "case %zu: %zu roles, want %zu", i,
		              tl_source_role_count(src), cases[i].roles);
		ck_assert_ptr_null(tl_source_role(src, tl_source_role_count(src)));
		tl_source_free(src);
	}
	tl_source_free(NULL);
}
END_TEST

START_TEST(test_source_forced_format)
{
	tl_source *src;
	const tl_role *r;

	/* A template read as a policy: one document, with IAM's complaints. */
	src = load(cfn, TL_INPUT_POLICY);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_POLICY);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	r = tl_source_role(src, 0);
	ck_assert_ptr_null(r->name);
	ck_assert_uint_gt(doc_of(r)->n_hard_problems, 0);
	tl_source_free(src);
	/* A policy read as a template, a plan, a dump: no roles in it. */
	src = load(POLICY_EC2, TL_INPUT_CFN_JSON);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_JSON);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	src = load(POLICY_EC2, TL_INPUT_TF_PLAN);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_TF_PLAN);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	{
		/* ... but a dump is a list of roles: without one it is not a dump,
		 * and "no roles" would pass what was never read */
		tl_error err;
		load_with(POLICY_EC2, TL_INPUT_ACCOUNT_DUMP, NULL, TL_ESYNTAX, &err);
		ck_assert_str_eq(err.message,
		                 "no RoleDetailList array in an account-authorization-details file");
		ck_assert_uint_eq(err.line, 1);
		ck_assert_uint_eq(err.column, 1);
	}
	/* Forced formats find what detection would not: a plan without
	 * format_version, a get-role document inside a dump's entry. */
	src = load("{\"planned_values\": {\"root_module\": {\"resources\": [{\"address\": \"aws_iam_role.x\", "
	           "\"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": \"{}\"}}]}}}",
	           TL_INPUT_TF_PLAN);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "aws_iam_role.x");
	tl_source_free(src);
	src = load(get_role, TL_INPUT_GET_ROLE);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_GET_ROLE);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "audit");
	tl_source_free(src);
	/* The dump read as get-role: it has no "Role", which is an error. */
	{
		tl_error err;
		load_with(account_dump, TL_INPUT_GET_ROLE, NULL, TL_ESYNTAX, &err);
		ck_assert_str_eq(err.message, "no Role object in a get-role file");
	}
}
END_TEST

/* A container element of the wrong JSON type on the path to a trust policy
 * is a located error, never a file of no roles. */
START_TEST(test_source_container_wrong_types)
{
	static const struct {
		const char *text;
		tl_input_format f;
		unsigned line, column;
		const char *message;
	} cases[] = {
		{"{\"Resources\": [1]}", TL_INPUT_CFN_JSON, 1, 15, "Resources must be an object, not an array"},
		{"{\"Resources\": {\"R\": 5}}", TL_INPUT_CFN_JSON, 1, 21, "resource R must be an object, not a number"},
		{"{\"Resources\": {\"R\": {\"Type\": true}}}", TL_INPUT_CFN_JSON, 1, 30,
		 "Type of resource R must be a string, not a boolean"},
		{"{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\",\n \"Properties\": \"x\"}}}",
		 TL_INPUT_CFN_JSON, 2, 16, "Properties of resource R must be an object, not a string"},
		{"{\"resource_changes\": {}}", TL_INPUT_TF_PLAN, 1, 22, "resource_changes must be an array, not an object"},
		{"{\"planned_values\": []}", TL_INPUT_TF_PLAN, 1, 20, "planned_values must be an object, not an array"},
		{"{\"prior_state\": {\"values\": 1}}", TL_INPUT_TF_PLAN, 1, 28, "values of prior_state must be an object, not a number"},
		{"{\"planned_values\": {\"root_module\": {\"child_modules\": [7]}}}", TL_INPUT_TF_PLAN, 1, 55,
		 "a child module must be an object, not a number"},
		{"{\"planned_values\": {\"root_module\": {\"resources\": [{\"type\": \"aws_iam_role\", "
		 "\"address\": \"a.b\", \"values\": {\"assume_role_policy\": [\"{}\"]}}]}}}",
		 TL_INPUT_TF_PLAN, 1, 127, "assume_role_policy of a.b must be a JSON string, not an array"},
		{"{\"planned_values\": {\"root_module\": {\"resources\": [{\"type\": \"aws_iam_policy_document\", "
		 "\"address\": \"d.p\", \"values\": {\"json\": {}}}]}}}",
		 TL_INPUT_TF_PLAN, 1, 124, "json of d.p must be a JSON string, not an object"},
		{"{\"RoleDetailList\": {}}", TL_INPUT_ACCOUNT_DUMP, 1, 20, "RoleDetailList must be an array, not an object"},
		{"{\"RoleDetailList\": [null]}", TL_INPUT_ACCOUNT_DUMP, 1, 21, "a RoleDetailList entry must be an object, not null"},
		{"{\"RoleDetailList\": [{\"Arn\": 1, \"AssumeRolePolicyDocument\": {}}]}", TL_INPUT_ACCOUNT_DUMP, 1, 29,
		 "Arn must be a string, not a number"},
		{"{\"Role\": []}", TL_INPUT_GET_ROLE, 1, 10, "Role must be an object, not an array"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		tl_error err;
		load_with(cases[i].text, cases[i].f, NULL, TL_ESYNTAX, &err);
		ck_assert_msg(strcmp(err.message, cases[i].message) == 0, "case %zu: %s", i, err.message);
		ck_assert_msg(err.line == cases[i].line && err.column == cases[i].column,
		              "case %zu: at %u:%u", i, err.line, err.column);
	}
}
END_TEST

/* IAM's URL encoding: a malformed escape or an encoded NUL is the role's
 * error, said as such; a good one decodes. */
START_TEST(test_source_dump_url_encoding)
{
	static const char *const bad[][2] = {
		{"%7B%zz%7D", "malformed URL encoding \"%zz\" at byte 4 of the document"},
		{"%7B%7", "malformed URL encoding \"%7\" at byte 4 of the document"},
		{"%7B%", "malformed URL encoding \"%\" at byte 4 of the document"},
		{"%7B%00%7D", "URL encoding \"%00\" (a NUL byte) at byte 4 of the document"},
	};
	char text[256];
	tl_source *src;
	const tl_role *r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(text, sizeof(text),
		         "{\"RoleDetailList\": [{\"RoleName\": \"r\", \"AssumeRolePolicyDocument\": \"%s\"}]}",
		         bad[i][0]);
		src = load(text, TL_INPUT_ACCOUNT_DUMP);
		ck_assert_uint_eq(tl_source_role_count(src), 1);
		r = tl_source_role(src, 0);
		ck_assert_ptr_null(r->policy);
		ck_assert_int_eq(r->error.status, TL_ESYNTAX);
		ck_assert_str_eq(r->error.message, bad[i][1]);
		ck_assert_uint_eq(r->line, 1);
		ck_assert_uint_eq(r->column, 67);
		tl_source_free(src);
	}
	src = load("{\"RoleDetailList\": [{\"RoleName\": \"r\", \"AssumeRolePolicyDocument\": "
	           "\"%7B%22Version%22%3A+%222012-10-17%22%7D\"}]}",
	           TL_INPUT_ACCOUNT_DUMP);
	r = tl_source_role(src, 0);
	ck_assert_ptr_nonnull(r->policy);
	ck_assert_str_eq(r->text, "{\"Version\": \"2012-10-17\"}");
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_format_names)
{
	static const struct {
		const char *name;
		tl_input_format f;
	} names[] = {
		{"auto", TL_INPUT_AUTO},
		{"policy", TL_INPUT_POLICY},
		{"cloudformation-json", TL_INPUT_CFN_JSON},
		{"cloudformation-yaml", TL_INPUT_CFN_YAML},
		{"terraform-plan", TL_INPUT_TF_PLAN},
		{"account-authorization-details", TL_INPUT_ACCOUNT_DUMP},
		{"get-role", TL_INPUT_GET_ROLE},
		{"cfn", TL_INPUT_CFN_JSON},
		{"cfn-yaml", TL_INPUT_CFN_YAML},
		{"tf-plan", TL_INPUT_TF_PLAN},
		{"account", TL_INPUT_ACCOUNT_DUMP},
	};
	tl_input_format f;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		f = (tl_input_format)99;
		ck_assert_msg(tl_input_format_from(names[i].name, &f), "%s", names[i].name);
		ck_assert_int_eq(f, names[i].f);
		if (i < 7)
			ck_assert_str_eq(tl_input_format_name(names[i].f), names[i].name);
	}
	ck_assert(!tl_input_format_from("yaml", &f));
	ck_assert(!tl_input_format_from("Policy", &f));
	ck_assert(!tl_input_format_from("", &f));
	ck_assert_ptr_nonnull(tl_input_format_name((tl_input_format)99));
}
END_TEST

/* ---- a plain policy ---------------------------------------------------- */

START_TEST(test_source_plain_policy)
{
	static const char text[] = "\n\n  " POLICY_EC2 "\n";
	tl_source *src = load(text, TL_INPUT_AUTO);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d = doc_of(r);

	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_ptr_null(r->name);
	ck_assert_ptr_null(r->arn);
	ck_assert_str_eq(r->account, "");
	ck_assert(!r->embedded_string);
	ck_assert_uint_eq(r->line, 1);
	ck_assert_uint_eq(r->column, 1);
	/* the whole file is the policy, and positions are the file's */
	ck_assert_uint_eq(r->len, strlen(text));
	ck_assert(memcmp(r->text, text, r->len) == 0);
	ck_assert_uint_eq(d->n_statements, 1);
	expect_at(d->statements[0].loc.line, d->statements[0].loc.column, text, "{\"Effect\"", 0);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_plain_policy_fails_to_parse)
{
	static const char text[] = "{\"Version\": \"2012-10-17\",\n  \"Statement\": [}\n";
	tl_source *src = load(text, TL_INPUT_AUTO);
	const tl_role *r;

	/* Not a container: one role, which carries the error. */
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_POLICY);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	r = tl_source_role(src, 0);
	ck_assert_ptr_null(r->policy);
	ck_assert_ptr_null(r->name);
	ck_assert_int_eq(r->error.status, TL_ESYNTAX);
	ck_assert_uint_eq(r->error.line, 2);
	ck_assert_uint_gt(r->error.column, 0);
	ck_assert(r->error.message[0] != '\0');
	tl_source_free(src);
	/* Nothing at all is not a policy either. */
	src = load("", TL_INPUT_AUTO);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_ptr_null(tl_source_role(src, 0)->policy);
	ck_assert_int_ne(tl_source_role(src, 0)->error.status, TL_OK);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_policy_limits)
{
	static const char text[] =
		"{\"Version\": \"2012-10-17\", \"Statement\": [" "{\"Effect\": \"Allow\", \"Principal\": "
		"{\"Service\": \"a.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}, {\"Effect\": \"Allow\", "
		"\"Principal\": {\"Service\": \"b.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}";
	tl_limits lim = TL_LIMITS_INIT;
	tl_error err;
	tl_source *src;

	/* The limits given bound each policy. */
	lim.max_statements = 1;
	src = load_with(text, TL_INPUT_AUTO, &lim, TL_OK, &err);
	ck_assert_ptr_null(tl_source_role(src, 0)->policy);
	ck_assert_int_eq(tl_source_role(src, 0)->error.status, TL_ELIMIT);
	tl_source_free(src);
	lim.max_statements = 2;
	src = load_with(text, TL_INPUT_AUTO, &lim, TL_OK, &err);
	ck_assert_uint_eq(doc_of(tl_source_role(src, 0))->n_statements, 2);
	tl_source_free(src);
}
END_TEST

/* ---- CloudFormation ---------------------------------------------------- */

START_TEST(test_source_cfn_roles_and_positions)
{
	tl_source *src = load(cfn, TL_INPUT_AUTO);
	const tl_role *r;
	const tl_document *d;
	const tl_statement *st;
	const char *slice;

	/* Only resources that take a trust policy, with one, in file order. */
	ck_assert_uint_eq(tl_source_role_count(src), 3);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "DeployRole");
	ck_assert_str_eq(tl_source_role(src, 1)->name, "Fn");
	ck_assert_str_eq(tl_source_role(src, 2)->name, "CondRole");

	r = tl_source_role(src, 0);
	ck_assert_ptr_null(r->arn);
	ck_assert_str_eq(r->account, "");
	ck_assert(!r->embedded_string);
	/* The role is where its logical id is. */
	expect_at(r->line, r->column, cfn, "\"DeployRole\"", 0);
	/* Its text is the document's slice of the file. */
	slice = strstr(cfn, "{\"Version\": \"2012-10-17\", \"Statement\": [{\n");
	ck_assert_ptr_nonnull(slice);
	ck_assert(memcmp(r->text, slice, r->len) == 0);
	ck_assert_int_eq(slice[r->len - 1], '}');
	ck_assert_int_eq(slice[r->len], '\n');
	/* And every node keeps its place in the file: the document starts
	 * after two non-ASCII characters on its line (columns count them once). */
	d = doc_of(r);
	ck_assert_uint_eq(d->n_statements, 1);
	st = &d->statements[0];
	expect_at(d->statement_loc.line, d->statement_loc.column, cfn, "[{\n          \"Effect\"", 0);
	expect_at(st->loc.line, st->loc.column, cfn, "{\n          \"Effect\"", 0);
	ck_assert_uint_eq(st->n_conditions, 2);
	ck_assert_str_eq(st->conditions[0].values[0].text, "repo:acme/*");
	expect_at(st->conditions[0].values[0].loc.line, st->conditions[0].values[0].loc.column, cfn,
	          "\"repo:acme/*\"", 0);
	expect_at(st->conditions[0].key.loc.line, st->conditions[0].key.loc.column, cfn,
	          "\"token.actions.githubusercontent.com:sub\"", 0);
	expect_at(st->action_loc.line, st->action_loc.column, cfn, "\"sts:AssumeRoleWithWebIdentity\"", 0);

	r = tl_source_role(src, 1);
	expect_at(r->line, r->column, cfn, "\"Fn\": {", 0);
	d = doc_of(r);
	expect_at(d->statements[0].principals[0].value.loc.line,
	          d->statements[0].principals[0].value.loc.column, cfn, "\"ec2.amazonaws.com\"", 1);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_cfn_placeholders)
{
	tl_source *src = load(cfn, TL_INPUT_AUTO);
	const tl_document *d;
	const tl_statement *st;
	const tl_principal *pr;
	const tl_value *v;
	tl_request *req = tl_request_new();
	tl_result res;

	ck_assert_ptr_nonnull(req);
	/* Fn::Sub as a principal and Ref as a condition value: placeholders,
	 * not errors, and never the template text. */
	d = doc_of(role_named(src, "DeployRole"));
	ck_assert_uint_eq(d->n_hard_problems, 0);
	st = &d->statements[0];
	ck_assert_uint_eq(st->n_principals, 1);
	pr = &st->principals[0];
	ck_assert_int_eq(pr->type, TL_PRINCIPAL_FEDERATED);
	ck_assert_int_eq(pr->form, TL_FORM_PLACEHOLDER);
	ck_assert_int_eq(pr->value.kind, TL_JSON_PLACEHOLDER);
	ck_assert_msg(strstr(pr->value.text, "Fn::Sub") != NULL, "%s", pr->value.text);
	ck_assert_msg(strstr(pr->value.text, "oidc-provider") == NULL && !strchr(pr->value.text, '$'),
	              "%s", pr->value.text);
	ck_assert_uint_eq(pr->value.len, strlen(pr->value.text));
	expect_at(pr->value.loc.line, pr->value.loc.column, cfn, "{\"Fn::Sub\": \"arn:", 0);
	v = &st->conditions[1].values[0];
	ck_assert_int_eq(v->kind, TL_JSON_PLACEHOLDER);
	ck_assert_msg(strstr(v->text, "Audience") != NULL, "%s", v->text);
	expect_at(v->loc.line, v->loc.column, cfn, "{\"Ref\": \"Audience\"}", 0);

	/* Fn::If as the whole Principal; Fn::GetAtt as an AWS principal; a
	 * Fn::Sub with a wildcard in its template as a condition value. */
	d = doc_of(role_named(src, "CondRole"));
	ck_assert_uint_eq(d->n_hard_problems, 0);
	ck_assert_uint_eq(d->n_statements, 2);
	pr = &d->statements[0].principals[0];
	ck_assert_uint_eq(d->statements[0].n_principals, 1);
	ck_assert_int_eq(pr->form, TL_FORM_PLACEHOLDER);
	ck_assert_int_eq(pr->value.kind, TL_JSON_PLACEHOLDER);
	ck_assert_msg(strstr(pr->value.text, "Fn::If") != NULL, "%s", pr->value.text);
	ck_assert_msg(!strchr(pr->value.text, '*'), "%s", pr->value.text);
	pr = &d->statements[1].principals[0];
	ck_assert_int_eq(pr->type, TL_PRINCIPAL_AWS);
	ck_assert_int_eq(pr->form, TL_FORM_PLACEHOLDER);
	ck_assert_str_eq(pr->account, "");
	v = &d->statements[1].conditions[0].values[0];
	ck_assert_int_eq(v->kind, TL_JSON_PLACEHOLDER);
	ck_assert_msg(!strchr(v->text, '*'), "%s", v->text);

	/* A placeholder names no one that can be seen: not even the "*" of
	 * one branch lets a caller in. */
	ck_assert_int_eq(tl_request_set_principal(req, TL_PRINCIPAL_AWS,
	                                          "arn:aws:iam::999988887777:user/mallory"), TL_OK);
	ck_assert_int_eq(tl_request_set_action(req, "sts:AssumeRole"), TL_OK);
	ck_assert_int_eq(tl_request_add(req, "sts:ExternalId", "x-1", 3), TL_OK);
	ck_assert_int_eq(tl_request_derive(req), TL_OK);
	ck_assert_int_eq(tl_eval(role_named(src, "CondRole")->policy, req, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	tl_request_free(req);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_intrinsics_in_a_lone_policy)
{
	static const char text[] =
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": {\"Ref\": \"Trusted\"}}, \"Action\": \"sts:AssumeRole\"}]}";
	tl_source *src = load(text, TL_INPUT_AUTO);
	const tl_document *d = doc_of(tl_source_role(src, 0));
	tl_policy *strict = NULL;
	tl_error err;

	/* A policy file holding {"Ref": ...} is a template fragment: its value is
	 * unknown (a placeholder), not malformed ... */
	ck_assert_uint_eq(d->n_hard_problems, 0);
	ck_assert_uint_eq(d->statements[0].n_principals, 1);
	ck_assert_int_eq(d->statements[0].principals[0].value.kind, TL_JSON_PLACEHOLDER);
	ck_assert_int_eq(d->statements[0].principals[0].form, TL_FORM_PLACEHOLDER);
	/* ... while tl_policy_parse, which eval uses, keeps IAM's strict view. */
	ck_assert_int_eq(tl_policy_parse(&strict, text, strlen(text), NULL, &err), TL_OK);
	ck_assert_uint_gt(tl_policy_document(strict)->n_hard_problems, 0);
	tl_policy_free(strict);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_cfn_no_roles)
{
	static const char text[] =
		"{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}";
	tl_source *src = load(text, TL_INPUT_AUTO);

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_JSON);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	ck_assert_ptr_null(tl_source_role(src, 0));
	tl_source_free(src);
	src = load("{\"AWSTemplateFormatVersion\": \"2010-09-09\"}", TL_INPUT_AUTO);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_JSON);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_broken_container)
{
	static const char text[] =
		"{\"AWSTemplateFormatVersion\": \"2010-09-09\",\n"
		" \"Resources\": {\n"
		"  \"R\": {\"Type\": \"AWS::IAM::Role\",}}}\n";
	static const char dup[] =
		"{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {},\n"
		"  \"Resources\": {}}";
	tl_error err;
	tl_source *src;

	/* Told it is a template, an unreadable one is an error, located. */
	src = load_with(text, TL_INPUT_CFN_JSON, NULL, TL_ESYNTAX, &err);
	ck_assert_int_eq(err.status, TL_ESYNTAX);
	ck_assert_uint_eq(err.line, 3);
	ck_assert_uint_gt(err.column, 0);
	ck_assert(err.message[0] != '\0');
	src = load_with(dup, TL_INPUT_CFN_JSON, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert(err.flags & TL_ERROR_DUPLICATE_KEY);
	src = load_with(text, TL_INPUT_TF_PLAN, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 3);
	src = load_with(text, TL_INPUT_ACCOUNT_DUMP, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 3);
	/* Left to detect, it cannot be told from a broken policy. */
	src = load_with(text, TL_INPUT_AUTO, NULL, TL_OK, &err);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_ptr_null(tl_source_role(src, 0)->policy);
	ck_assert_int_eq(tl_source_role(src, 0)->error.status, TL_ESYNTAX);
	ck_assert_uint_eq(tl_source_role(src, 0)->error.line, 3);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_cfn_broken_role)
{
	static const char text[] =
		"{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\n"
		"  \"Good\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": " POLICY_EC2 "}},\n"
		"  \"Deep\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\":\n"
		"    {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"a.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"},\n"
		"     {\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"b.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}}},\n"
		"  \"Text\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": \"not json\"}},\n"
		"  \"Later\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": " POLICY_EC2 "}}}}\n";
	tl_limits lim = TL_LIMITS_INIT;
	tl_error err;
	tl_source *src;
	const tl_role *r;

	lim.max_statements = 1;
	src = load_with(text, TL_INPUT_AUTO, &lim, TL_OK, &err);
	ck_assert_uint_eq(tl_source_role_count(src), 4);
	/* One role over the policy limits: that role fails, at its place. */
	r = role_named(src, "Deep");
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ELIMIT);
	ck_assert(r->error.message[0] != '\0');
	expect_at(r->line, r->column, text, "\"Deep\"", 0);
	/* A document given as a string that is not JSON fails too. */
	r = role_named(src, "Text");
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ESYNTAX);
	ck_assert(r->embedded_string);
	/* The others are whole. */
	ck_assert_uint_eq(doc_of(role_named(src, "Good"))->n_statements, 1);
	ck_assert_uint_eq(doc_of(role_named(src, "Later"))->n_statements, 1);
	ck_assert_uint_eq(role_named(src, "Later")->error.status, TL_OK);
	tl_source_free(src);
}
END_TEST

/* ---- Terraform --------------------------------------------------------- */

START_TEST(test_source_tf_plan)
{
	tl_source *src = load(tf_plan, TL_INPUT_AUTO);
	const tl_role *r;
	const tl_document *d;

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_TF_PLAN);
	/* Addresses, modules and data sources included; unknown, null and
	 * empty documents and other resource types left out; an address
	 * already found in the plan is not read again from the prior state. */
	ck_assert_uint_eq(tl_source_role_count(src), 5);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "aws_iam_role.web");
	ck_assert_str_eq(tl_source_role(src, 1)->name, "aws_iam_role.broken");
	ck_assert_str_eq(tl_source_role(src, 2)->name, "module.ci.aws_iam_role.open");
	ck_assert_str_eq(tl_source_role(src, 3)->name, "module.ci.module.inner.aws_iam_role.deep");
	ck_assert_str_eq(tl_source_role(src, 4)->name, "data.aws_iam_policy_document.trust");

	/* The planned document, not the prior one. */
	r = tl_source_role(src, 0);
	d = doc_of(r);
	ck_assert_uint_eq(d->n_statements, 1);
	/* A JSON string in the plan: decoded, flagged, located at the string. */
	ck_assert(r->embedded_string);
	ck_assert_str_eq(r->text, POLICY_EC2);
	ck_assert_uint_eq(r->len, strlen(POLICY_EC2));
	expect_at(r->line, r->column, tf_plan, "\"{\\\"Version", 0);
	ck_assert_ptr_null(r->arn);
	ck_assert_str_eq(r->account, "");
	/* Positions inside the document are the decoded text's. */
	ck_assert_uint_eq(d->statements[0].loc.line, 1);
	ck_assert_uint_eq(d->statements[0].loc.column, (unsigned)(strstr(POLICY_EC2, "{\"Effect\"") - POLICY_EC2) + 1);

	r = role_named(src, "data.aws_iam_policy_document.trust");
	ck_assert(r->embedded_string);
	d = doc_of(r);
	ck_assert_uint_eq(d->statements[0].loc.line, 4);
	ck_assert_uint_eq(d->statements[0].loc.column, 5);
	expect_at(r->line, r->column, tf_plan, "\"{\\n  \\\"Version", 0);

	r = role_named(src, "module.ci.aws_iam_role.open");
	ck_assert_int_eq(doc_of(r)->statements[0].principals[0].form, TL_FORM_WILDCARD);
	ck_assert_str_eq(doc_of(role_named(src, "module.ci.module.inner.aws_iam_role.deep"))
	                     ->statements[0].principals[0].value.text,
	                 "lambda.amazonaws.com");

	/* A broken document fails alone, located inside its text. */
	r = role_named(src, "aws_iam_role.broken");
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ESYNTAX);
	ck_assert(r->embedded_string);
	ck_assert_uint_eq(r->error.line, 2);
	ck_assert_str_eq(r->text, "{\"Version\": \"2012-10-17\",\n \"Statement\": [}");
	tl_source_free(src);
}
END_TEST

/* ---- IAM dumps --------------------------------------------------------- */

START_TEST(test_source_account_dump)
{
	tl_source *src = load(account_dump, TL_INPUT_AUTO);
	const tl_role *r;
	const tl_document *d;

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_ACCOUNT_DUMP);
	ck_assert_uint_eq(tl_source_role_count(src), 4);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "ec2-role");
	ck_assert_str_eq(tl_source_role(src, 1)->name, "decoded");
	ck_assert_str_eq(tl_source_role(src, 2)->name, "bad-arn");
	ck_assert_str_eq(tl_source_role(src, 3)->name, "no-arn");

	/* URL-encoded (either hex case): decoded, flagged as a string. */
	r = tl_source_role(src, 0);
	ck_assert(r->embedded_string);
	ck_assert_str_eq(r->text, DECODED);
	ck_assert_uint_eq(r->len, strlen(DECODED));
	d = doc_of(r);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	ck_assert_str_eq(d->statements[0].conditions[0].values[0].text, "111122223333");
	expect_at(r->line, r->column, account_dump, "\"%7b", 0);
	/* The ARN as given, the account from it. */
	ck_assert_str_eq(r->arn, "arn:aws:iam::111122223333:role/service/ec2-role");
	ck_assert_str_eq(r->account, "111122223333");

	/* An object document keeps the file's positions. */
	r = tl_source_role(src, 1);
	ck_assert(!r->embedded_string);
	ck_assert_str_eq(r->account, "444455556666");
	d = doc_of(r);
	expect_at(d->statements[0].conditions[0].values[0].loc.line,
	          d->statements[0].conditions[0].values[0].loc.column, account_dump, "\"vendor-7\"", 0);
	expect_at(r->line, r->column, account_dump, "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\",\n", 0);

	/* An ARN without an account gives none; a broken document fails alone. */
	r = tl_source_role(src, 2);
	ck_assert_str_eq(r->arn, "not-an-arn");
	ck_assert_str_eq(r->account, "");
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ESYNTAX);
	r = tl_source_role(src, 3);
	ck_assert_ptr_null(r->arn);
	ck_assert_str_eq(r->account, "");
	ck_assert_str_eq(r->text, DECODED);
	tl_source_free(src);
}
END_TEST

START_TEST(test_source_get_role)
{
	tl_source *src = load(get_role, TL_INPUT_AUTO);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d;

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_GET_ROLE);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_str_eq(r->name, "audit");
	ck_assert_str_eq(r->arn, "arn:aws:iam::111122223333:role/audit");
	ck_assert_str_eq(r->account, "111122223333");
	ck_assert(!r->embedded_string);
	d = doc_of(r);
	ck_assert_str_eq(d->statements[0].principals[0].account, "444455556666");
	expect_at(d->statements[0].principals[0].value.loc.line,
	          d->statements[0].principals[0].value.loc.column, get_role,
	          "\"arn:aws:iam::444455556666:root\"", 0);
	tl_source_free(src);
}
END_TEST

static Suite *source_suite(void)
{
	Suite *s = suite_create("source");
	TCase *detect = tcase_create("detect");
	TCase *policy = tcase_create("policy");
	TCase *cfn_tc = tcase_create("cloudformation");
	TCase *tf = tcase_create("terraform");
	TCase *dumps = tcase_create("iam-dumps");

	tcase_add_test(detect, test_source_detect_each_format);
	tcase_add_test(detect, test_source_forced_format);
	tcase_add_test(detect, test_source_container_wrong_types);
	tcase_add_test(detect, test_source_dump_url_encoding);
	tcase_add_test(detect, test_source_format_names);
	suite_add_tcase(s, detect);

	tcase_add_test(policy, test_source_plain_policy);
	tcase_add_test(policy, test_source_plain_policy_fails_to_parse);
	tcase_add_test(policy, test_source_policy_limits);
	tcase_add_test(policy, test_source_intrinsics_in_a_lone_policy);
	suite_add_tcase(s, policy);

	tcase_add_test(cfn_tc, test_source_cfn_roles_and_positions);
	tcase_add_test(cfn_tc, test_source_cfn_placeholders);
	tcase_add_test(cfn_tc, test_source_cfn_no_roles);
	tcase_add_test(cfn_tc, test_source_broken_container);
	tcase_add_test(cfn_tc, test_source_cfn_broken_role);
	suite_add_tcase(s, cfn_tc);

	tcase_add_test(tf, test_source_tf_plan);
	suite_add_tcase(s, tf);

	tcase_add_test(dumps, test_source_account_dump);
	tcase_add_test(dumps, test_source_get_role);
	suite_add_tcase(s, dumps);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(source_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
