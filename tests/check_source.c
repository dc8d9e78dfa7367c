/*
 * check_source.c - unit tests for engine/inputs/source.c and the container
 * readers (cfn_json.c, tf_plan.c, account.c)
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
	"\"{\\\"Version\\\": \\\"2012-10-17\\\",\\n \\\"Statement\\\": [}\"}},\n"
	"      {\"address\": \"data.aws_iam_policy_document.trust\", \"type\": \"aws_iam_policy_document\", \"values\": "
	"{\"json\": \"{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": [\\n    {\\n      "
	"\\\"Effect\\\": \\\"Allow\\\",\\n      \\\"Principal\\\": {\\\"Service\\\": \\\"ec2.amazonaws.com\\\"},\\n      "
	"\\\"Action\\\": \\\"sts:AssumeRole\\\"\\n    }\\n  ]\\n}\"}}\n"
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
	"    {\"address\": \"aws_iam_role.old\", \"type\": \"aws_iam_role\", \"values\": {\"assume_role_policy\": "
	"\"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": []}\"}}\n"
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
		{cfn, TL_INPUT_CFN_JSON, 4}, /* CondRole twice: its Fn::If both ways */
		/* Resources with an AWS:: type and no version line */
		{"{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": "
		 "{\"AssumeRolePolicyDocument\": " POLICY_EC2 "}}}}",
		 TL_INPUT_CFN_JSON, 1},
		{tf_plan, TL_INPUT_TF_PLAN, 5},
		{"{\"format_version\": \"1.0\", \"prior_state\": {}}", TL_INPUT_TF_PLAN, 0},
		{"{\"format_version\": \"1.0\", \"resource_changes\": []}", TL_INPUT_TF_PLAN, 0},
		{account_dump, TL_INPUT_ACCOUNT_DUMP, 4},
		{get_role, TL_INPUT_GET_ROLE, 1},
		{"{\"Roles\": [{\"RoleName\": \"a\", \"AssumeRolePolicyDocument\": " POLICY_EC2 "},\n"
		 " {\"RoleName\": \"b\", \"AssumeRolePolicyDocument\": \"" ENCODED "\"}], \"IsTruncated\": false}",
		 TL_INPUT_LIST_ROLES, 2},
		{"{\"Roles\": []}", TL_INPUT_LIST_ROLES, 0},
		/* a recorded API response (boto's, as test suites keep them) */
		{"{\"status_code\": 200, \"data\": {\"Roles\": [{\"RoleName\": \"a\", "
		 "\"AssumeRolePolicyDocument\": " POLICY_EC2 "}]}}",
		 TL_INPUT_LIST_ROLES, 1},
		{"AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", TL_INPUT_CFN_YAML, 0},
		{"\xEF\xBB\xBF\n\n# roles\nResources:\n  R:\n    Type: AWS::S3::Bucket\n", TL_INPUT_CFN_YAML, 0},
		/* none of the markers: a policy (which need not be a good one) */
		{"{\"Resources\": {\"R\": {\"Type\": \"Custom::Thing\"}}}", TL_INPUT_POLICY, 1},
		{"{\"format_version\": \"1.0\"}", TL_INPUT_POLICY, 1},
		{"{\"Role\": {\"RoleName\": \"x\"}}", TL_INPUT_POLICY, 1},
		{"{\"Roles\": [{\"Name\": \"x\"}]}", TL_INPUT_POLICY, 1},
		{"{\"data\": {\"Roles\": []}}", TL_INPUT_POLICY, 1},
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

	/* A template read as a policy: one document, with IAM's complaints
	 * (twice: the Fn::If inside it is read both ways). */
	src = load(cfn, TL_INPUT_POLICY);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_POLICY);
	ck_assert_uint_eq(tl_source_role_count(src), 2);
	ck_assert_str_eq(tl_source_role(src, 1)->variant, "IsProd=false");
	r = tl_source_role(src, 0);
	ck_assert_ptr_null(r->name);
	ck_assert_uint_gt(doc_of(r)->n_hard_problems, 0);
	tl_source_free(src);
	/* A policy read as a template, a plan, a dump: it is none of them, and
	 * saying nothing would read as "no findings". */
	{
		static const struct {
			tl_input_format f;
			const char *msg;
		} wrong[] = {
			{TL_INPUT_CFN_JSON, "--input-format cloudformation-json: the file is not "
			                    "cloudformation-json input (no Resources or AWSTemplateFormatVersion)"},
			{TL_INPUT_CFN_YAML, "--input-format cloudformation-yaml: the file is not "
			                    "cloudformation-yaml input (no Resources or AWSTemplateFormatVersion)"},
			{TL_INPUT_TF_PLAN, "--input-format terraform-plan: the file is not terraform-plan "
			                   "input (no planned_values, resource_changes or prior_state)"},
			{TL_INPUT_ACCOUNT_DUMP, "--input-format account-authorization-details: the file is not "
			                        "account-authorization-details input (no RoleDetailList)"},
			{TL_INPUT_GET_ROLE, "--input-format get-role: the file is not get-role input (no Role)"},
			{TL_INPUT_LIST_ROLES, "--input-format list-roles: the file is not list-roles input (no "
			                      "Roles list)"},
		};
		size_t i;
		tl_error err;
		for (i = 0; i < sizeof(wrong) / sizeof(*wrong); i++) {
			load_with(POLICY_EC2, wrong[i].f, NULL, TL_EARG, &err);
			ck_assert_str_eq(err.message, wrong[i].msg);
			ck_assert_uint_eq(err.line, 1);
			ck_assert_uint_eq(err.column, 1);
		}
		load_with("Parameters:\n  X: {Type: String}\n", TL_INPUT_CFN_YAML, NULL, TL_EARG, &err);
	}
	/* The right shape with no roles in it is no error. */
	src = load("{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}", TL_INPUT_CFN_JSON);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	src = load("{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {}}", TL_INPUT_CFN_YAML);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	src = load("Resources: {}\n", TL_INPUT_CFN_YAML);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	src = load("{\"resource_changes\": []}", TL_INPUT_TF_PLAN);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	src = load("{\"RoleDetailList\": []}", TL_INPUT_ACCOUNT_DUMP);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
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
	/* The dump read as get-role: it has no "Role" (said by the forced-format
	 * check, as for every format). */
	{
		tl_error err;
		load_with(account_dump, TL_INPUT_GET_ROLE, NULL, TL_EARG, &err);
		ck_assert_str_eq(err.message,
		                 "--input-format get-role: the file is not get-role input (no Role)");
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
		/* list-roles, detected or forced, and a recorded API response */
		{"{\"Roles\": {}}", TL_INPUT_LIST_ROLES, 1, 11, "Roles must be an array, not an object"},
		{"{\"Roles\": [{\"RoleName\": \"a\", \"AssumeRolePolicyDocument\": {}}, 5]}", TL_INPUT_AUTO, 1, 63,
		 "a Roles entry must be an object, not a number"},
		{"{\"Roles\": [{\"RoleName\": 5}]}", TL_INPUT_AUTO, 1, 25, "RoleName must be a string, not a number"},
		{"{\"status_code\": 200, \"data\": {\"Roles\": [{\"RoleName\": \"a\", \"Arn\": []}]}}", TL_INPUT_AUTO,
		 1, 66, "Arn must be a string, not an array"},
		/* a plan's resource_changes */
		{"{\"resource_changes\": [7]}", TL_INPUT_TF_PLAN, 1, 23, "a resource change must be an object, not a number"},
		{"{\"resource_changes\": [{\"type\": \"aws_iam_role\", \"address\": \"a.b\", \"change\": 1}]}",
		 TL_INPUT_TF_PLAN, 1, 76, "change of a resource change must be an object, not a number"},
		{"{\"resource_changes\": [{\"type\": \"aws_iam_role\", \"address\": \"a.b\", \"change\": {\"after\": []}}]}",
		 TL_INPUT_TF_PLAN, 1, 86, "after of a.b must be an object, not an array"},
		{"{\"resource_changes\": [{\"type\": \"aws_iam_role\", \"address\": \"a.b\", \"change\": {\"after\": "
		 "{\"assume_role_policy\": {}}}}]}",
		 TL_INPUT_TF_PLAN, 1, 109, "assume_role_policy of a.b must be a JSON string, not an object"},
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
		{"list-roles", TL_INPUT_LIST_ROLES},
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
		if (i < 8)
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

	/* Only resources that take a trust policy, with one, in file order;
	 * a document with Fn::If once per branch choice, one after the other. */
	ck_assert_uint_eq(tl_source_role_count(src), 4);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "DeployRole");
	ck_assert_ptr_null(tl_source_role(src, 0)->variant);
	ck_assert_str_eq(tl_source_role(src, 1)->name, "Fn");
	ck_assert_str_eq(tl_source_role(src, 2)->name, "CondRole");
	ck_assert_str_eq(tl_source_role(src, 2)->variant, "IsProd=true");
	ck_assert_str_eq(tl_source_role(src, 3)->name, "CondRole");
	ck_assert_str_eq(tl_source_role(src, 3)->variant, "IsProd=false");
	ck_assert_uint_eq(tl_source_role(src, 3)->line, tl_source_role(src, 2)->line);
	ck_assert_ptr_eq(tl_source_role(src, 3)->text, tl_source_role(src, 2)->text);

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

	/* Fn::If as the whole Principal: each branch in its own variant, at
	 * the branch's place in the file; Fn::GetAtt as an AWS principal; a
	 * Fn::Sub with a variable and a wildcard as a condition value. */
	d = doc_of(tl_source_role(src, 2));
	ck_assert_uint_eq(d->n_hard_problems, 0);
	ck_assert_uint_eq(d->n_statements, 2);
	pr = &d->statements[0].principals[0];
	ck_assert_uint_eq(d->statements[0].n_principals, 1);
	ck_assert_int_eq(pr->form, TL_FORM_ACCOUNT);
	ck_assert_str_eq(pr->account, "111122223333");
	expect_at(pr->value.loc.line, pr->value.loc.column, cfn, "\"arn:aws:iam::111122223333:root\"", 0);
	pr = &doc_of(tl_source_role(src, 3))->statements[0].principals[0];
	ck_assert_int_eq(pr->form, TL_FORM_WILDCARD);
	expect_at(pr->value.loc.line, pr->value.loc.column, cfn, "\"*\"}]}", 0);
	pr = &d->statements[1].principals[0];
	ck_assert_int_eq(pr->type, TL_PRINCIPAL_AWS);
	ck_assert_int_eq(pr->form, TL_FORM_PLACEHOLDER);
	ck_assert_str_eq(pr->account, "");
	v = &d->statements[1].conditions[0].values[0];
	ck_assert_int_eq(v->kind, TL_JSON_PLACEHOLDER);
	ck_assert_msg(!strchr(v->text, '*'), "%s", v->text);

	/* A placeholder names no one that can be seen (the GetAtt principal
	 * does not let a stranger in); the "*" branch does. */
	ck_assert_int_eq(tl_request_set_principal(req, TL_PRINCIPAL_AWS,
	                                          "arn:aws:iam::999988887777:user/mallory"), TL_OK);
	ck_assert_int_eq(tl_request_set_action(req, "sts:AssumeRole"), TL_OK);
	ck_assert_int_eq(tl_request_add(req, "sts:ExternalId", "x-1", 3), TL_OK);
	ck_assert_int_eq(tl_request_derive(req), TL_OK);
	ck_assert_int_eq(tl_eval(tl_source_role(src, 2)->policy, req, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_int_eq(tl_eval(tl_source_role(src, 3)->policy, req, NULL, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
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

/* Fn::If in JSON: a statement removed by AWS::NoValue, an If nested in a
 * branch, an Effect chosen between literals; each choice its own role,
 * the variants after the first sharing its name, place and text. */
START_TEST(test_source_cfn_if_variants)
{
	static const char t[] =
		"{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\n"
		" \"Version\": \"2012-10-17\", \"Statement\": [\n"
		"  {\"Fn::If\": [\"A\", {\"Effect\": {\"Fn::If\": [\"B\", \"Allow\", \"Deny\"]}, \"Principal\": {\"AWS\": \"*\"},\n"
		"    \"Action\": \"sts:AssumeRole\"}, {\"Ref\": \"AWS::NoValue\"}]},\n"
		"  {\"Effect\": \"Allow\", \"Principal\": {\"Service\": [\"ec2.amazonaws.com\", {\"Fn::If\": [\"B\", \"lambda.amazonaws.com\", "
		"{\"Ref\": \"AWS::NoValue\"}]}]}, \"Action\": \"sts:AssumeRole\"}\n"
		"]}}}, \"Bad\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": "
		"{\"Statement\": {\"Fn::If\": [\"NotThree\"]}}}}}}";
	static const struct {
		const char *variant;
		size_t statements;
		tl_effect effect0;
		size_t services;
	} want[] = {
		{"A=true, B=true", 2, TL_EFFECT_ALLOW, 2},
		{"A=false, B=true", 1, TL_EFFECT_ALLOW, 2},
		{"A=true, B=false", 2, TL_EFFECT_DENY, 1},
		{"A=false, B=false", 1, TL_EFFECT_ALLOW, 1},
	};
	tl_source *src = load(t, TL_INPUT_AUTO);
	size_t i;

	ck_assert_uint_eq(tl_source_role_count(src), 5);
	for (i = 0; i < 4; i++) {
		const tl_role *r = tl_source_role(src, i);
		const tl_document *d = doc_of(r);
		const tl_statement *svc = &d->statements[d->n_statements - 1];
		ck_assert_str_eq(r->name, "R");
		ck_assert_str_eq(r->variant, want[i].variant);
		ck_assert_ptr_eq(r->name, tl_source_role(src, 0)->name);
		ck_assert_ptr_eq(r->text, tl_source_role(src, 0)->text);
		ck_assert_uint_eq(d->n_hard_problems, 0);
		ck_assert_uint_eq(d->n_statements, want[i].statements);
		ck_assert_int_eq(d->statements[0].effect, want[i].effect0);
		ck_assert_uint_eq(svc->n_principals, want[i].services);
		if (want[i].statements == 2)
			expect_at(d->statements[0].effect_value->loc.line, d->statements[0].effect_value->loc.column,
			          t, want[i].effect0 == TL_EFFECT_ALLOW ? "\"Allow\", \"Deny" : "\"Deny\"", 0);
	}
	/* A malformed Fn::If is no choice: one role, the If a placeholder. */
	ck_assert_str_eq(tl_source_role(src, 4)->name, "Bad");
	ck_assert_ptr_null(tl_source_role(src, 4)->variant);
	ck_assert_uint_eq(tl_source_note_count(src), 0);
	tl_source_free(src);
}
END_TEST

/* More than four condition names: 16 variants, the rest placeholders, and
 * a note at the role. */
START_TEST(test_source_cfn_if_bound)
{
	static const char t[] =
		"{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\n"
		" \"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\",\n"
		"  \"Principal\": {\"AWS\": [{\"Fn::If\": [\"C1\", \"1\", \"2\"]}, {\"Fn::If\": [\"C2\", \"1\", \"2\"]},\n"
		"   {\"Fn::If\": [\"C3\", \"1\", \"2\"]}, {\"Fn::If\": [\"C1\", \"1\", \"2\"]}, {\"Fn::If\": [\"C4\", \"1\", \"2\"]},\n"
		"   {\"Fn::If\": [\"C5\", \"*\", \"2\"]}, {\"Fn::If\": [\"C6\", \"*\", \"2\"]}]}}]}}}}}";
	tl_source *src = load(t, TL_INPUT_AUTO);
	const tl_document *d;

	ck_assert_uint_eq(tl_source_role_count(src), 16);
	ck_assert_str_eq(tl_source_role(src, 15)->variant, "C1=false, C2=false, C3=false, C4=false");
	d = doc_of(tl_source_role(src, 15));
	ck_assert_uint_eq(d->statements[0].n_principals, 7);
	ck_assert_str_eq(d->statements[0].principals[3].value.text, "2");
	ck_assert_int_eq(d->statements[0].principals[5].form, TL_FORM_PLACEHOLDER);
	ck_assert_int_eq(d->statements[0].principals[6].form, TL_FORM_PLACEHOLDER);
	ck_assert_uint_eq(tl_source_note_count(src), 1);
	ck_assert_str_eq(tl_source_note(src, 0)->message,
	                 "role R uses 6 conditions in Fn::If; the first 4 are linted both ways, and "
	                 "values chosen by C5, C6 are placeholders");
	expect_at(tl_source_note(src, 0)->line, tl_source_note(src, 0)->column, t, "\"R\"", 0);
	tl_source_free(src);
}
END_TEST

/* Fn::Sub with no variable is its text ("${!x}" writes "${x}", the list
 * form too); ${AWS::Partition} is "aws" unless the file names another
 * partition; any other variable keeps the whole value a placeholder. */
START_TEST(test_source_cfn_sub_literals)
{
#define SUB_DOC(values)                                                                             \
	"{\"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": " \
	"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\", " \
	"\"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Condition\": {\"StringLike\": {\"sts:ExternalId\": [" \
	values "]}}}]}}}}}"
	static const char plain[] = SUB_DOC(
		"{\"Fn::Sub\": \"repo:*\"}, {\"Fn::Sub\": \"a-${!Literal}\"}, {\"Fn::Sub\": [\"x-y\", {}]}, "
		"{\"Fn::Sub\": \"arn:${AWS::Partition}:s3:::b\"}, {\"Fn::Sub\": \"${AWS::AccountId}\"}, "
		"{\"Fn::Sub\": \"arn:${AWS::Partition}:${AWS::Region}\"}, {\"Fn::Sub\": [\"${X}\", {\"X\": \"1\"}]}, "
		"{\"Fn::Sub\": \"$\"}, {\"Fn::Sub\": 3}");
	static const char *const want[] = {"repo:*", "a-${Literal}", "x-y", "arn:aws:s3:::b",
	                                   "<Fn::Sub>", "<Fn::Sub>", "<Fn::Sub>", "$", "<Fn::Sub>"};
	static const char china[] = SUB_DOC("{\"Fn::Sub\": \"arn:${AWS::Partition}:iam::aws-cn\"}");
	tl_source *src = load(plain, TL_INPUT_AUTO);
	const tl_condition *c = &doc_of(tl_source_role(src, 0))->statements[0].conditions[0];
	size_t i;

	ck_assert_uint_eq(c->n_values, sizeof(want) / sizeof(*want));
	for (i = 0; i < c->n_values; i++) {
		ck_assert_str_eq(c->values[i].text, want[i]);
		ck_assert_int_eq(c->values[i].kind, want[i][0] == '<' ? TL_JSON_PLACEHOLDER : TL_JSON_STRING);
	}
	expect_at(c->values[0].loc.line, c->values[0].loc.column, plain, "{\"Fn::Sub\": \"repo:*\"}", 0);
	tl_source_free(src);
	src = load(china, TL_INPUT_AUTO);
	c = &doc_of(tl_source_role(src, 0))->statements[0].conditions[0];
	ck_assert_int_eq(c->values[0].kind, TL_JSON_PLACEHOLDER);
	tl_source_free(src);
#undef SUB_DOC
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
	/* Left to detect, a template refused only for a repeated key is still
	 * a template, and an error there (not a policy with Resources in it). */
	src = load_with(dup, TL_INPUT_AUTO, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 3);
	ck_assert(err.flags & TL_ERROR_DUPLICATE_KEY);
	/* ... while a policy's repeated key is the role's, read last-wins too */
	src = load("{\"Version\": \"2012-10-17\", \"Statement\": [], \"Statement\": []}", TL_INPUT_AUTO);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_POLICY);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert(tl_source_role(src, 0)->error.flags & TL_ERROR_DUPLICATE_KEY);
	ck_assert_ptr_nonnull(tl_source_role(src, 0)->last_wins);
	tl_source_free(src);
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
	/* Addresses, modules and trust documents included; other resource
	 * types left out; unknown, null and empty documents are notes; the
	 * prior state's roles (the old policies) are never read. */
	ck_assert_uint_eq(tl_source_role_count(src), 5);
	ck_assert_uint_eq(tl_source_note_count(src), 3);
	ck_assert_ptr_nonnull(strstr(tl_source_note(src, 0)->message,
	                             "policy of aws_iam_role.later is unknown until apply"));
	expect_at(tl_source_note(src, 0)->line, tl_source_note(src, 0)->column, tf_plan,
	          "\"aws_iam_role.later\"", 0);
	ck_assert_ptr_nonnull(strstr(tl_source_note(src, 2)->message, "aws_iam_role.empty"));
	ck_assert_ptr_null(tl_source_note(src, 3));
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

/* corpus/inputs/tf-plan/changes.json: resource_changes with a delete, an
 * update, a policy unknown until apply from a data source's statement
 * blocks, one from a variable, a permissions document and an unused
 * trust document (tests run from the project root). */
START_TEST(test_source_tf_plan_changes)
{
	char *text = NULL;
	size_t len = 0;
	tl_error err = {0};
	tl_source *src = NULL;
	const tl_role *r;
	const tl_document *d;
	const tl_statement *st;

	ck_assert_int_eq(tl_file_read("corpus/inputs/tf-plan/changes.json", 1u << 20, &text, &len, &err),
	                 TL_OK);
	ck_assert_int_eq(tl_source_load(&src, text, len, TL_INPUT_AUTO, NULL, &err), TL_OK);
	/* not the deleted role, not the permissions document, each address once
	 * (planned_values repeats kept, the prior state repeats shared); no role
	 * from the prior state, but the document Terraform read while planning */
	ck_assert_uint_eq(tl_source_role_count(src), 4);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "aws_iam_role.kept");
	ck_assert_str_eq(tl_source_role(src, 1)->name, "module.ci.aws_iam_role.deploy");
	ck_assert_str_eq(tl_source_role(src, 2)->name, "data.aws_iam_policy_document.shared");
	ck_assert_str_eq(tl_source_role(src, 3)->name, "data.aws_iam_policy_document.read_while_planning");

	/* the update's after, and the account of its ARN */
	r = tl_source_role(src, 0);
	ck_assert_str_eq(r->account, "111122223333");
	ck_assert_str_eq(r->arn, "arn:aws:iam::111122223333:role/kept");
	ck_assert_str_eq(doc_of(r)->statements[0].principals[0].value.text,
	                 "arn:aws:iam::111122223333:root");

	/* written from the statement blocks, placed at them */
	r = tl_source_role(src, 1);
	ck_assert(r->embedded_string);
	expect_at(r->line, r->column, text, "[\n            {\n              \"actions\"", 0);
	ck_assert_str_eq(r->account, "");
	d = doc_of(r);
	ck_assert_uint_eq(d->n_statements, 1);
	st = &d->statements[0];
	ck_assert_int_eq(st->effect, TL_EFFECT_ALLOW);
	ck_assert_str_eq(st->principals[0].value.text,
	                 "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com");
	ck_assert_uint_eq(st->n_conditions, 2);
	ck_assert_ptr_nonnull(strstr(r->text, "\"StringLike\":{\"token.actions.githubusercontent.com:sub\":"
	                                      "[\"repo:*\"]}"));

	/* the role whose policy comes from a variable is a note at its address */
	ck_assert_uint_eq(tl_source_note_count(src), 1);
	ck_assert_str_eq(tl_source_note(src, 0)->message,
	                 "policy of aws_iam_role.lambda is unknown until apply (computed from "
	                 "var.lambda_trust); lint the aws_iam_policy_document it comes from");
	expect_at(tl_source_note(src, 0)->line, tl_source_note(src, 0)->column, text,
	          "\"aws_iam_role.lambda\",\n      \"mode\"", 0);
	tl_source_free(src);
	free(text);
}
END_TEST

/* Each address is read once, the first time the plan lists it: a change
 * listed twice, and a data source of the prior state that the plan lists
 * already. */
START_TEST(test_source_tf_plan_each_address_once)
{
#define TRUST "\"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": {\\\"Effect\\\": \\\"Allow\\\", " \
	"\\\"Principal\\\": {\\\"Service\\\": \\\"%s.amazonaws.com\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\"}}\""
	static const char fmt[] =
		"{\"format_version\": \"1.2\", \"resource_changes\": [\n"
		" {\"address\": \"aws_iam_role.r\", \"type\": \"aws_iam_role\", \"name\": \"r\",\n"
		"  \"change\": {\"after\": {\"assume_role_policy\": " TRUST "}}},\n"
		" {\"address\": \"aws_iam_role.r\", \"type\": \"aws_iam_role\", \"name\": \"r\",\n"
		"  \"change\": {\"after\": {\"assume_role_policy\": " TRUST "}}},\n"
		" {\"address\": \"data.aws_iam_policy_document.d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"d\",\n"
		"  \"change\": {\"after\": {\"json\": " TRUST "}}}],\n"
		" \"prior_state\": {\"values\": {\"root_module\": {\"resources\": [\n"
		"  {\"address\": \"data.aws_iam_policy_document.d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"d\",\n"
		"   \"values\": {\"json\": " TRUST "}}]}}}}";
#undef TRUST
	char text[4096];
	tl_source *src;

	snprintf(text, sizeof(text), fmt, "ec2", "lambda", "ecs-tasks", "glue");
	src = load(text, TL_INPUT_AUTO);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_TF_PLAN);
	ck_assert_uint_eq(tl_source_role_count(src), 2);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "aws_iam_role.r");
	ck_assert_str_eq(doc_of(tl_source_role(src, 0))->statements[0].principals[0].value.text,
	                 "ec2.amazonaws.com");
	ck_assert_str_eq(tl_source_role(src, 1)->name, "data.aws_iam_policy_document.d");
	ck_assert_str_eq(doc_of(tl_source_role(src, 1))->statements[0].principals[0].value.text,
	                 "ecs-tasks.amazonaws.com");
	tl_source_free(src);
}
END_TEST

/* Statement blocks as Terraform renders them: principals of one type
 * merged, type "*" as "*", conditions grouped by test and variable,
 * unknown values as placeholders, an unknown principal type as an
 * unknown statement. */
START_TEST(test_source_tf_plan_statement_blocks)
{
	static const char plan[] =
	    "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": [\n"
	    " {\"address\": \"data.aws_iam_policy_document.t\", \"mode\": \"data\",\n"
	    "  \"type\": \"aws_iam_policy_document\", \"name\": \"t\", \"values\": {\"json\": null,\n"
	    "  \"statement\": [\n"
	    "   {\"sid\": \"A\", \"effect\": null, \"actions\": [\"sts:AssumeRole\", null],\n"
	    "    \"principals\": [{\"type\": \"AWS\", \"identifiers\": [\"arn:aws:iam::111122223333:root\"]},\n"
	    "                   {\"type\": \"Service\", \"identifiers\": [\"ec2.amazonaws.com\"]},\n"
	    "                   {\"type\": \"AWS\", \"identifiers\": [null]}],\n"
	    "    \"condition\": [{\"test\": \"StringEquals\", \"variable\": \"sts:ExternalId\", \"values\": [\"a\"]},\n"
	    "                  {\"test\": \"StringEquals\", \"variable\": \"sts:ExternalId\", \"values\": [\"b\"]},\n"
	    "                  {\"test\": \"Bool\", \"variable\": \"aws:SecureTransport\", \"values\": [\"true\"]}]},\n"
	    "   {\"effect\": \"Deny\", \"actions\": [\"sts:AssumeRole\"], \"principals\": [{\"type\": \"*\", \"identifiers\": [\"*\"]}]},\n"
	    "   {\"effect\": \"Allow\", \"actions\": [\"sts:AssumeRole\"], \"principals\": [{\"type\": null, \"identifiers\": [\"x\"]}]}\n"
	    "  ]}}]}}}\n";
	tl_source *src = load(plan, TL_INPUT_AUTO);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d = doc_of(r);

	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_str_eq(r->text,
	                 "{\"Version\":\"2012-10-17\",\"Statement\":["
	                 "{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:root\","
	                 "{\"TL::Unknown\": \"\"}],\"Service\":[\"ec2.amazonaws.com\"]},"
	                 "\"Action\":[\"sts:AssumeRole\",{\"TL::Unknown\": \"\"}],"
	                 "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":[\"a\",\"b\"]},"
	                 "\"Bool\":{\"aws:SecureTransport\":[\"true\"]}}},"
	                 "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"sts:AssumeRole\"]},"
	                 "{\"TL::Unknown\": \"\"}]}");
	ck_assert_uint_eq(d->n_statements, 3);
	ck_assert_int_eq(d->statements[0].principals[1].form, TL_FORM_PLACEHOLDER);
	ck_assert_int_eq(d->statements[1].principals[0].form, TL_FORM_WILDCARD);
	ck_assert_int_eq(d->statements[2].effect, TL_EFFECT_INVALID); /* unknown: never applies */
	tl_source_free(src);
}
END_TEST

/* Which policy document a role whose policy is unknown until apply comes
 * from: the one its configuration names, in the role's own module
 * instance; among for_each instances the one with the role's key, else the
 * only one; several and none with the key: it cannot tell (a note).  The
 * configuration is found through nested module calls, and a module's role
 * of the same name elsewhere is not it. */
#define TF_ROLE(addr, mod, name, index)                                                       \
	"{\"address\": \"" addr "\", " mod "\"mode\": \"managed\", \"type\": \"aws_iam_role\", "    \
	"\"name\": \"" name "\", " index "\"change\": {\"actions\": [\"create\"], \"after\": {}, "   \
	"\"after_unknown\": {\"assume_role_policy\": true}}},\n"
#define TF_DOC(addr, mod, name, index, account)                                               \
	"{\"address\": \"" addr "\", " mod "\"mode\": \"data\", \"type\": "                         \
	"\"aws_iam_policy_document\", \"name\": \"" name "\", " index "\"change\": {\"actions\": "  \
	"[\"read\"], \"after\": {\"statement\": [{\"actions\": [\"sts:AssumeRole\"], "              \
	"\"principals\": [{\"type\": \"AWS\", \"identifiers\": [\"" account "\"]}]}]}, "            \
	"\"after_unknown\": {\"json\": true}}},\n"
#define TF_CONFIG(name, doc)                                                                  \
	"{\"address\": \"aws_iam_role." name "\", \"mode\": \"managed\", \"type\": "                \
	"\"aws_iam_role\", \"name\": \"" name "\", \"expressions\": {\"assume_role_policy\": "      \
	"{\"references\": [\"data.aws_iam_policy_document." doc ".json\", "                         \
	"\"data.aws_iam_policy_document." doc "\"]}}}"
#define MOD_AB "\"module_address\": \"module.a.module.b\", "
#define MOD_K "\"module_address\": \"module.k[\\\"x\\\"]\", "
#define MOD_J "\"module_address\": \"module.k[\\\"y\\\"]\", "

START_TEST(test_source_tf_plan_document_lookup)
{
	static const char plan[] =
	    "{\"format_version\": \"1.2\", \"resource_changes\": [\n"
	    TF_ROLE("aws_iam_role.r[\\\"a\\\"]", "", "r", "\"index\": \"a\", ")
	    TF_ROLE("aws_iam_role.r[\\\"b\\\"]", "", "r", "\"index\": \"b\", ")
	    TF_DOC("data.aws_iam_policy_document.d[\\\"b\\\"]", "", "d", "\"index\": \"b\", ", "111111111111")
	    TF_DOC("data.aws_iam_policy_document.d[\\\"a\\\"]", "", "d", "\"index\": \"a\", ", "222222222222")
	    TF_ROLE("aws_iam_role.s", "", "s", "")
	    TF_ROLE("aws_iam_role.u", "", "u", "")
	    TF_DOC("data.aws_iam_policy_document.one[0]", "", "one", "\"index\": 0, ", "333333333333")
	    TF_DOC("data.aws_iam_policy_document.t", "", "t", "", "444444444444")
	    TF_ROLE("module.a.module.b.aws_iam_role.x", MOD_AB, "x", "")
	    TF_DOC("module.a.module.b.data.aws_iam_policy_document.t", MOD_AB, "t", "", "555555555555")
	    TF_DOC("module.k[\\\"y\\\"].data.aws_iam_policy_document.t", MOD_J, "t", "", "666666666666")
	    TF_ROLE("module.k[\\\"x\\\"].aws_iam_role.x", MOD_K, "x", "")
	    TF_DOC("module.k[\\\"x\\\"].data.aws_iam_policy_document.t", MOD_K, "t", "", "777777777777")
	    "{\"address\": \"aws_s3_bucket.last\", \"type\": \"aws_s3_bucket\", \"change\": {\"after\": {}}}\n"
	    "], \"configuration\": {\"root_module\": {\"resources\": [\n"
	    TF_CONFIG("r", "d") ", " TF_CONFIG("s", "d") ", " TF_CONFIG("u", "one") ", "
	    TF_CONFIG("x", "nowhere") "],\n"
	    " \"module_calls\": {\"a\": {\"module\": {\"module_calls\": {\"b\": {\"module\": "
	    "{\"resources\": [" TF_CONFIG("x", "t") "]}}}}},\n"
	    "  \"k\": {\"module\": {\"resources\": [" TF_CONFIG("x", "t") "]}}}}}}\n";
	static const struct {
		const char *role, *account;
	} want[] = {
	    {"aws_iam_role.r[\"a\"]", "222222222222"},
	    {"aws_iam_role.r[\"b\"]", "111111111111"},
	    {"aws_iam_role.u", "333333333333"},
	    {"module.a.module.b.aws_iam_role.x", "555555555555"},
	    {"module.k[\"x\"].aws_iam_role.x", "777777777777"},
	};
	tl_source *src = load(plan, TL_INPUT_AUTO);
	size_t i;

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_TF_PLAN);
	/* the five roles, then the documents no role uses: the root t and module.k["y"]'s */
	ck_assert_uint_eq(tl_source_role_count(src), 7);
	for (i = 0; i < sizeof(want) / sizeof(*want); i++) {
		const tl_role *r = tl_source_role(src, i);

		ck_assert_str_eq(r->name, want[i].role);
		ck_assert_str_eq(doc_of(r)->statements[0].principals[0].account, want[i].account);
	}
	ck_assert_str_eq(tl_source_role(src, 5)->name, "data.aws_iam_policy_document.t");
	ck_assert_str_eq(tl_source_role(src, 6)->name,
	                 "module.k[\"y\"].data.aws_iam_policy_document.t");
	/* d has two instances and s has no key: which one is unknown */
	ck_assert_uint_eq(tl_source_note_count(src), 1);
	ck_assert_msg(strstr(tl_source_note(src, 0)->message, "policy of aws_iam_role.s is unknown") !=
	                  NULL,
	              "%s", tl_source_note(src, 0)->message);
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

/* list-roles: every role, named, with its account; a URL-encoded
 * document decoded and placed at its string, an object at its position. */
START_TEST(test_source_list_roles)
{
	static const char list[] =
	    "{\"Roles\": [\n"
	    "  {\"RoleName\": \"enc\", \"Arn\": \"arn:aws:iam::111122223333:role/enc\",\n"
	    "   \"AssumeRolePolicyDocument\": \"" ENCODED "\"},\n"
	    "  {\"RoleName\": \"obj\", \"Arn\": \"arn:aws:iam::444455556666:role/obj\",\n"
	    "   \"AssumeRolePolicyDocument\": " POLICY_EC2 "},\n"
	    "  {\"RoleName\": \"no-doc\"}\n"
	    "]}";
	tl_source *src = load(list, TL_INPUT_AUTO);
	const tl_role *r;

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_LIST_ROLES);
	ck_assert_uint_eq(tl_source_role_count(src), 2);
	r = tl_source_role(src, 0);
	ck_assert_str_eq(r->name, "enc");
	ck_assert_str_eq(r->account, "111122223333");
	ck_assert(r->embedded_string);
	ck_assert_str_eq(r->text, DECODED);
	expect_at(r->line, r->column, list, "\"%7b", 0);
	r = tl_source_role(src, 1);
	ck_assert_str_eq(r->name, "obj");
	ck_assert_str_eq(r->account, "444455556666");
	ck_assert(!r->embedded_string);
	expect_at(doc_of(r)->statements[0].loc.line, doc_of(r)->statements[0].loc.column, list,
	          "{\"Effect\"", 0);
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
	tcase_add_test(cfn_tc, test_source_cfn_if_variants);
	tcase_add_test(cfn_tc, test_source_cfn_if_bound);
	tcase_add_test(cfn_tc, test_source_cfn_sub_literals);
	tcase_add_test(cfn_tc, test_source_cfn_no_roles);
	tcase_add_test(cfn_tc, test_source_broken_container);
	tcase_add_test(cfn_tc, test_source_cfn_broken_role);
	suite_add_tcase(s, cfn_tc);

	tcase_add_test(tf, test_source_tf_plan);
	tcase_add_test(tf, test_source_tf_plan_changes);
	tcase_add_test(tf, test_source_tf_plan_statement_blocks);
	tcase_add_test(tf, test_source_tf_plan_each_address_once);
	tcase_add_test(tf, test_source_tf_plan_document_lookup);
	suite_add_tcase(s, tf);

	tcase_add_test(dumps, test_source_account_dump);
	tcase_add_test(dumps, test_source_get_role);
	tcase_add_test(dumps, test_source_list_roles);
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
