/*
 * check_cfn_yaml.c - unit tests for engine/inputs/cfn_yaml.c, through the
 * public tl_source API.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "trustlint.h"

/*
 * Load `text` from an exact-size heap copy (no NUL after it when the
 * format is given, so ASan sees any read past the end; the detector wants
 * a NUL, as tl_file_read gives) and check the status.
 */
static tl_source *load_with(const char *text, size_t len, tl_input_format f, const tl_limits *lim,
                            tl_status want, tl_error *err)
{
	char *copy = malloc(len + 1);
	tl_source *src = NULL;
	tl_status st;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len);
	if (f == TL_INPUT_AUTO)
		copy[len] = '\0';
	else
		copy = realloc(copy, len ? len : 1);
	memset(err, 0, sizeof(*err));
	st = tl_source_load(&src, copy, len, f, lim, err);
	free(copy);
	ck_assert_msg(st == want, "status %s, want %s (%u:%u %s)", tl_status_name(st),
	              tl_status_name(want), err->line, err->column, err->message);
	ck_assert(st == TL_OK ? src != NULL : src == NULL);
	return src;
}

static tl_source *load(const char *text, tl_input_format f, tl_status want, tl_error *err)
{
	return load_with(text, strlen(text), f, NULL, want, err);
}

/* The one role's document; fails the test when it did not build. */
static const tl_document *doc_of(const tl_role *r)
{
	ck_assert_ptr_nonnull(r);
	ck_assert_msg(r->policy != NULL, "role %s: %s", r->name ? r->name : "-", r->error.message);
	return tl_policy_document(r->policy);
}

/* Where `needle` (its `nth` occurrence, from 0) is in `text`, 1-based. */
static void where(const char *text, const char *needle, int nth, unsigned *line, unsigned *col)
{
	const char *p = text, *hit = NULL, *q;

	for (; nth >= 0; nth--) {
		hit = strstr(p, needle);
		ck_assert_ptr_nonnull(hit);
		p = hit + 1;
	}
	*line = 1;
	*col = 1;
	for (q = text; q < hit; q++) {
		if (*q == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static void assert_at(const tl_loc *loc, const char *text, const char *needle, int nth)
{
	unsigned line, col;

	where(text, needle, nth, &line, &col);
	ck_assert_msg(loc->line == line && loc->column == col, "%s at %u:%u, want %u:%u", needle,
	              loc->line, loc->column, line, col);
}

static const char irsa[] =
    "AWSTemplateFormatVersion: \"2010-09-09\"\n"
    "Description: IRSA role\n"
    "Resources:\n"
    "  Bucket:\n"
    "    Type: AWS::S3::Bucket\n"
    "  IrsaRole:\n"
    "    Type: AWS::IAM::Role\n"
    "    Properties:\n"
    "      AssumeRolePolicyDocument:\n"
    "        Version: 2012-10-17\n"
    "        Statement:\n"
    "          - Effect: Allow\n"
    "            Principal:\n"
    "              Federated: arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1."
    "amazonaws.com/id/ABCDEF\n"
    "            Action: sts:AssumeRoleWithWebIdentity\n"
    "            Condition:\n"
    "              StringEquals:\n"
    "                \"oidc.eks.us-east-1.amazonaws.com/id/ABCDEF:sub\": "
    "system:serviceaccount:prod:app\n"
    "                oidc.eks.us-east-1.amazonaws.com/id/ABCDEF:aud: 'sts.amazonaws.com'\n";

START_TEST(test_cfn_yaml_federated_role)
{
	tl_error err;
	tl_source *src = load(irsa, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r;
	const tl_document *d;
	const tl_statement *st;
	const tl_condition *sub, *aud;

	ck_assert_uint_eq(tl_source_role_count(src), 1);
	r = tl_source_role(src, 0);
	ck_assert_str_eq(r->name, "IrsaRole");
	assert_at(&(tl_loc){NULL, r->line, r->column, 0, 0}, irsa, "IrsaRole", 0);
	ck_assert(!r->embedded_string);
	d = doc_of(r);
	ck_assert_uint_eq(d->n_hard_problems, 0);
	/* An unquoted 2012-10-17 is a string in CloudFormation, not a date. */
	ck_assert_ptr_nonnull(d->version);
	ck_assert_int_eq(d->version->kind, TL_JSON_STRING);
	ck_assert(d->variables_enabled);
	ck_assert_uint_eq(d->n_statements, 1);
	st = &d->statements[0];
	ck_assert_int_eq(st->effect, TL_EFFECT_ALLOW);
	ck_assert_uint_eq(st->n_principals, 1);
	ck_assert_int_eq(st->principals[0].type, TL_PRINCIPAL_FEDERATED);
	ck_assert_int_eq(st->principals[0].form, TL_FORM_OIDC_PROVIDER);
	ck_assert_str_eq(st->principals[0].account, "111122223333");
	ck_assert_str_eq(st->principals[0].value.loc.pointer, "/Statement/0/Principal/Federated");
	assert_at(&st->principals[0].value.loc, irsa, "arn:aws:iam", 0);
	ck_assert_uint_eq(st->n_actions, 1);
	ck_assert_str_eq(st->actions[0].text, "sts:AssumeRoleWithWebIdentity");
	ck_assert_uint_eq(st->n_conditions, 2);
	sub = &st->conditions[0];
	aud = &st->conditions[1];
	ck_assert_int_eq(sub->op, TL_OP_STRING_EQUALS);
	ck_assert_str_eq(sub->key.text, "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF:sub");
	ck_assert_uint_eq(sub->n_values, 1);
	ck_assert_str_eq(sub->values[0].text, "system:serviceaccount:prod:app");
	ck_assert_int_eq(sub->values[0].kind, TL_JSON_STRING);
	ck_assert_uint_eq(sub->values[0].loc.line, 18);
	ck_assert_uint_eq(sub->values[0].loc.column, 67);
	assert_at(&sub->values[0].loc, irsa, "system:serviceaccount", 0);
	ck_assert_uint_eq(sub->values[0].loc.key_line, 18);
	ck_assert_uint_eq(sub->values[0].loc.key_column, 17);
	ck_assert_str_eq(
	    sub->values[0].loc.pointer,
	    "/Statement/0/Condition/StringEquals/oidc.eks.us-east-1.amazonaws.com~1id~1ABCDEF:sub");
	ck_assert_str_eq(aud->values[0].text, "sts.amazonaws.com");
	ck_assert_int_eq(aud->values[0].kind, TL_JSON_STRING);
	/* A quoted scalar's position is its opening quote, as in JSON. */
	assert_at(&aud->values[0].loc, irsa, "'sts.amazonaws.com'", 0);
	/* The policy as compact JSON, and its size for the quota rule. */
	ck_assert_ptr_nonnull(strstr(r->text, "\"Version\":\"2012-10-17\""));
	ck_assert_uint_eq(d->size_without_whitespace, r->len);
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_sam_function)
{
	static const char t[] = "Transform: AWS::Serverless-2016-10-31\n"
	                        "Resources:\n"
	                        "  Fn:\n"
	                        "    Type: AWS::Serverless::Function\n"
	                        "    Properties:\n"
	                        "      Runtime: python3.12\n"
	                        "      AssumeRolePolicyDocument:\n"
	                        "        Version: '2012-10-17'\n"
	                        "        Statement:\n"
	                        "          Effect: Allow\n"
	                        "          Principal: {Service: [lambda.amazonaws.com, "
	                        "edgelambda.amazonaws.com]}\n"
	                        "          Action: [sts:AssumeRole]\n"
	                        "  NoTrust:\n"
	                        "    Type: AWS::Serverless::Function\n"
	                        "    Properties: {Runtime: nodejs20.x}\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_AUTO, TL_OK, &err);
	const tl_document *d;

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_YAML);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	ck_assert_str_eq(tl_source_role(src, 0)->name, "Fn");
	ck_assert_uint_eq(tl_source_role(src, 0)->line, 3);
	ck_assert_uint_eq(tl_source_role(src, 0)->column, 3);
	d = doc_of(tl_source_role(src, 0));
	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert(!d->statement_is_array);
	ck_assert_uint_eq(d->statements[0].n_principals, 2);
	ck_assert_int_eq(d->statements[0].principals[1].type, TL_PRINCIPAL_SERVICE);
	ck_assert_int_eq(d->statements[0].principals[1].form, TL_FORM_SERVICE);
	ck_assert_str_eq(d->statements[0].principals[1].value.text, "edgelambda.amazonaws.com");
	ck_assert_str_eq(d->statements[0].principals[1].value.loc.pointer,
	                 "/Statement/Principal/Service/1");
	assert_at(&d->statements[0].principals[1].value.loc, t, "edgelambda", 0);
	tl_source_free(src);
}
END_TEST

static const char shorts[] =
    "Resources:\n"
    "  Role:\n"
    "    Type: AWS::IAM::Role\n"
    "    Properties:\n"
    "      AssumeRolePolicyDocument:\n"
    "        Version: '2012-10-17'\n"
    "        Statement:\n"
    "          - Effect: Allow\n"
    "            Principal:\n"
    "              AWS:\n"
    "                - !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root\n"
    "                - !Ref TrustedAccount\n"
    "                - !GetAtt Other.Arn\n"
    "                - !If [IsProd, !Ref ProdRole, '*']\n"
    "                - !ImportValue shared-role-arn\n"
    "                - !Join ['', ['arn:aws:iam::', !Ref Acct, ':root']]\n"
    "                - !Select [0, !Split [',', !Ref Arns]]\n"
    "                - !FindInMap [Accounts, !Ref Env, Id]\n"
    "            Action: sts:AssumeRole\n"
    "            Condition:\n"
    "              StringEquals:\n"
    "                sts:ExternalId: !Base64 secret\n"
    "                aws:PrincipalTag/team: !Transform {Name: X}\n";

START_TEST(test_cfn_yaml_short_form_intrinsics)
{
	static const char *const want[] = {"<Fn::Sub>",    "<Ref TrustedAccount>", "<Fn::GetAtt>",
	                                   "<Ref ProdRole>", "<Fn::ImportValue>",  "<Fn::Join>",
	                                   "<Fn::Select>", "<Fn::FindInMap>"};
	tl_error err;
	tl_source *src = load(shorts, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d = doc_of(r);
	const tl_statement *st = &d->statements[0];
	size_t i;

	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert_uint_eq(st->n_principals, 8);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(st->principals[i].value.kind, TL_JSON_PLACEHOLDER);
		ck_assert_int_eq(st->principals[i].form, TL_FORM_PLACEHOLDER);
		ck_assert_str_eq(st->principals[i].value.text, want[i]);
		ck_assert_str_eq(st->principals[i].account, "");
	}
	/* Located at the tag, which is where the value starts. */
	assert_at(&st->principals[0].value.loc, shorts, "!Sub", 0);
	assert_at(&st->principals[2].value.loc, shorts, "!GetAtt", 0);
	/* !If is read both ways: IsProd=true here, the "*" in the next role,
	 * each pointing at its branch */
	ck_assert_str_eq(r->variant, "IsProd=true");
	ck_assert_str_eq(st->principals[3].value.loc.pointer, "/Statement/0/Principal/AWS/3/Fn::If/1");
	ck_assert_uint_eq(tl_source_role_count(src), 2);
	ck_assert_str_eq(tl_source_role(src, 1)->variant, "IsProd=false");
	ck_assert_int_eq(doc_of(tl_source_role(src, 1))->statements[0].principals[3].form, TL_FORM_WILDCARD);
	assert_at(&doc_of(tl_source_role(src, 1))->statements[0].principals[3].value.loc, shorts, "'*'", 0);
	ck_assert_uint_eq(st->n_conditions, 2);
	ck_assert_int_eq(st->conditions[0].values[0].kind, TL_JSON_PLACEHOLDER);
	ck_assert_str_eq(st->conditions[0].values[0].text, "<Fn::Base64>");
	ck_assert_str_eq(st->conditions[1].values[0].text, "<Fn::Transform>");
	/* role->text keeps the long forms, as the JSON reader's text does. */
	ck_assert_ptr_nonnull(strstr(r->text, "{\"Fn::GetAtt\":\"Other.Arn\"}"));
	ck_assert_ptr_nonnull(
	    strstr(r->text, "{\"Fn::If\":[\"IsProd\",{\"Ref\":\"ProdRole\"},\"*\"]}"));
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_long_form_intrinsics)
{
	static const char t[] =
	    "Resources:\n"
	    "  Role:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument:\n"
	    "        Version: '2012-10-17'\n"
	    "        Statement:\n"
	    "          - Effect: Allow\n"
	    "            Principal:\n"
	    "              Federated:\n"
	    "                Fn::Sub: arn:aws:iam::${AWS::AccountId}:oidc-provider/${Issuer}\n"
	    "              AWS:\n"
	    "                - Ref: TrustedAccount\n"
	    "                - {\"Fn::GetAtt\": [Other, Arn]}\n"
	    "                - Fn::If: [IsProd, {Ref: A}, {Ref: AWS::NoValue}]\n"
	    "                - Fn::Join: ['', ['arn:aws:iam::', {Ref: Acct}, ':root']]\n"
	    "                - Fn::ImportValue: {Fn::Sub: '${Stack}-RoleArn'}\n"
	    "            Action: sts:AssumeRoleWithWebIdentity\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_document *d = doc_of(tl_source_role(src, 0));
	const tl_statement *st = &d->statements[0];
	size_t i;

	ck_assert_uint_eq(st->n_principals, 6);
	for (i = 0; i < st->n_principals; i++) {
		ck_assert_int_eq(st->principals[i].value.kind, TL_JSON_PLACEHOLDER);
		ck_assert_int_eq(st->principals[i].form, TL_FORM_PLACEHOLDER);
	}
	ck_assert_int_eq(st->principals[0].type, TL_PRINCIPAL_FEDERATED);
	ck_assert_str_eq(st->principals[0].value.text, "<Fn::Sub>");
	ck_assert_str_eq(st->principals[1].value.text, "<Ref TrustedAccount>");
	ck_assert_str_eq(st->principals[2].value.text, "<Fn::GetAtt>");
	ck_assert_str_eq(st->principals[5].value.text, "<Fn::ImportValue>");
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_scalar_types)
{
	static const char t[] =
	    "Resources:\n"
	    "  Role:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument:\n"
	    "        Version: 2012-10-17\n"
	    "        Statement:\n"
	    "          - Effect: Allow\n"
	    "            Principal: {AWS: '111122223333'}\n"
	    "            Action: sts:AssumeRole\n"
	    "            Condition:\n"
	    "              Bool: {aws:MultiFactorAuthPresent: true, aws:SecureTransport: 'true'}\n"
	    "              NumericLessThan:\n"
	    "                aws:MultiFactorAuthAge: [3600, -1.5e3, 0x1F, .inf, \"7\", !!str 8, "
	    "9.]\n"
	    "              StringEquals:\n"
	    "                aws:PrincipalTag/x: [False, yes, 2012-10-17, 1_000, 012]\n"
	    "                aws:PrincipalTag/y: |\n"
	    "                  block\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d = doc_of(r);
	const tl_statement *st = &d->statements[0];
	const tl_condition *b = &st->conditions[0], *b2 = &st->conditions[1];
	const tl_condition *num = &st->conditions[2], *s = &st->conditions[3];
	static const tl_json_kind num_kinds[] = {TL_JSON_NUMBER, TL_JSON_NUMBER, TL_JSON_NUMBER,
	                                         TL_JSON_NUMBER, TL_JSON_STRING, TL_JSON_STRING,
	                                         TL_JSON_NUMBER};
	static const char *const num_text[] = {"3600", "-1.5e3", "0x1F", ".inf", "7", "8", "9."};
	size_t i;

	ck_assert_int_eq(st->principals[0].form, TL_FORM_ACCOUNT);
	ck_assert_uint_eq(st->n_conditions, 5);
	ck_assert_int_eq(b->values[0].kind, TL_JSON_BOOL);
	ck_assert_str_eq(b->values[0].text, "true");
	ck_assert_int_eq(b2->values[0].kind, TL_JSON_STRING);
	ck_assert_uint_eq(num->n_values, 7);
	for (i = 0; i < 7; i++) {
		ck_assert_int_eq(num->values[i].kind, num_kinds[i]);
		ck_assert_str_eq(num->values[i].text, num_text[i]);
	}
	ck_assert_uint_eq(s->n_values, 5);
	ck_assert_int_eq(s->values[0].kind, TL_JSON_BOOL);
	ck_assert_str_eq(s->values[0].text, "False");
	/* YAML 1.2: yes is a string, and so are dates and 1.1's 1_000. */
	ck_assert_int_eq(s->values[1].kind, TL_JSON_STRING);
	ck_assert_int_eq(s->values[2].kind, TL_JSON_STRING);
	ck_assert_int_eq(s->values[3].kind, TL_JSON_STRING);
	/* A leading zero keeps its literal text (an account id!). */
	ck_assert_int_eq(s->values[4].kind, TL_JSON_NUMBER);
	ck_assert_str_eq(s->values[4].text, "012");
	ck_assert_int_eq(st->conditions[4].values[0].kind, TL_JSON_STRING);
	ck_assert_str_eq(st->conditions[4].values[0].text, "block\n");
	/* role->text stays JSON: numbers JSON cannot spell become strings there. */
	ck_assert_ptr_nonnull(
	    strstr(r->text, "[3600,-1.5e3,\"0x1F\",\".inf\",\"7\",\"8\",\"9.\"]"));
	ck_assert_ptr_nonnull(strstr(r->text, "[false,\"yes\",\"2012-10-17\",\"1_000\",\"012\"]"));
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_null_and_empty)
{
	static const char t[] = "Resources:\n"
	                        "  Role:\n"
	                        "    Type: AWS::IAM::Role\n"
	                        "    Properties:\n"
	                        "      AssumeRolePolicyDocument:\n"
	                        "        Version: '2012-10-17'\n"
	                        "        Statement:\n"
	                        "          - Effect: Allow\n"
	                        "            Principal:\n"
	                        "            Action: ~\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d = doc_of(r);

	/* Nulls are reported by the model as JSON nulls are. */
	ck_assert_uint_gt(d->n_hard_problems, 0);
	ck_assert_ptr_nonnull(strstr(r->text, "\"Principal\":null,\"Action\":null"));
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_duplicate_key)
{
	static const char t[] =
	    "Resources:\n"
	    "  Dup:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument:\n"
	    "        Version: '2012-10-17'\n"
	    "        Statement:\n"
	    "          - Effect: Allow\n"
	    "            Principal: {Service: ec2.amazonaws.com}\n"
	    "            Action: sts:AssumeRole\n"
	    "            Condition:\n"
	    "              StringEquals: {aws:SourceAccount: '1'}\n"
	    "              StringEquals: {aws:SourceAccount: '2'}\n"
	    "  Fine:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);

	ck_assert_uint_eq(tl_source_role_count(src), 2);
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ESYNTAX);
	ck_assert_ptr_nonnull(strstr(r->error.message, "duplicate key"));
	ck_assert_ptr_nonnull(strstr(r->error.message, "StringEquals"));
	ck_assert_uint_eq(r->error.line, 13);
	ck_assert_uint_eq(r->error.column, 15);
	ck_assert_str_eq(r->error.pointer, "/Statement/0/Condition/StringEquals");
	/* The next role still loads. */
	ck_assert_ptr_nonnull(tl_source_role(src, 1)->policy);
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_duplicate_key_many)
{
	/* Enough keys for the sorting path; the duplicate is the 300th's twin. */
	size_t cap = 64 * 1024, n = 0, i;
	char *t = malloc(cap);
	tl_error err;
	tl_source *src;
	const tl_role *r;

	ck_assert_ptr_nonnull(t);
	n += (size_t)snprintf(t + n, cap - n,
	                      "Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n"
	                      "      AssumeRolePolicyDocument:\n        Statement:\n"
	                      "          Condition:\n            StringEquals:\n");
	for (i = 0; i < 500; i++)
		n += (size_t)snprintf(t + n, cap - n, "              k%zu: v\n", i);
	n += (size_t)snprintf(t + n, cap - n, "              k300: again\n");
	for (i = 500; i < 600; i++)
		n += (size_t)snprintf(t + n, cap - n, "              k%zu: v\n", i);
	src = load_with(t, n, TL_INPUT_CFN_YAML, NULL, TL_OK, &err);
	r = tl_source_role(src, 0);
	ck_assert_ptr_null(r->policy);
	ck_assert_ptr_nonnull(strstr(r->error.message, "duplicate key \"k300\""));
	ck_assert_uint_eq(r->error.line, 9 + 500);
	tl_source_free(src);
	free(t);
}
END_TEST

START_TEST(test_cfn_yaml_duplicate_logical_id)
{
	static const char t[] = "Resources:\n"
	                        "  Role:\n"
	                        "    Type: AWS::IAM::Role\n"
	                        "  Role:\n"
	                        "    Type: AWS::S3::Bucket\n";
	static const char props[] = "Resources:\n"
	                            "  Role:\n"
	                            "    Type: AWS::IAM::Role\n"
	                            "    Properties:\n"
	                            "      AssumeRolePolicyDocument: {Statement: []}\n"
	                            "      AssumeRolePolicyDocument: {Statement: [{}]}\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_ESYNTAX, &err);
	const tl_role *r;

	ck_assert_ptr_nonnull(strstr(err.message, "duplicate key \"Role\""));
	ck_assert_uint_eq(err.line, 4);
	ck_assert_uint_eq(err.column, 3);
	src = load(props, TL_INPUT_CFN_YAML, TL_OK, &err);
	r = tl_source_role(src, 0);
	ck_assert_ptr_null(r->policy);
	ck_assert_ptr_nonnull(strstr(r->error.message, "AssumeRolePolicyDocument"));
	ck_assert_uint_eq(r->error.line, 6);
	tl_source_free(src);
}
END_TEST

/* Nine-fold aliases ten levels deep: a billion "lol"s when expanded. */
static char *billion_laughs(bool inside, size_t *len)
{
	size_t cap = 8192, n = 0;
	char *t = malloc(cap);
	int lvl, i;

	ck_assert_ptr_nonnull(t);
	n += (size_t)snprintf(t + n, cap - n,
	                      "Mappings:\n  l0: &l0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
	for (lvl = 1; lvl < 10; lvl++) {
		n += (size_t)snprintf(t + n, cap - n, "  l%d: &l%d [", lvl, lvl);
		for (i = 0; i < 9; i++)
			n += (size_t)snprintf(t + n, cap - n, "%s*l%d", i ? "," : "", lvl - 1);
		n += (size_t)snprintf(t + n, cap - n, "]\n");
	}
	n += (size_t)snprintf(t + n, cap - n,
	                      "Resources:\n  Bomb:\n    Type: AWS::IAM::Role\n    Properties:\n"
	                      "      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n"
	                      "        Statement: %s\n",
	                      inside ? "*l9" : "[]");
	*len = n;
	return t;
}

START_TEST(test_cfn_yaml_alias_bomb)
{
	tl_error err;
	size_t len;
	char *t = billion_laughs(true, &len);
	clock_t t0 = clock();
	tl_source *src = load_with(t, len, TL_INPUT_CFN_YAML, NULL, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

	ck_assert_msg(secs < 1.0, "took %.2f s", secs);
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ELIMIT);
	ck_assert_ptr_nonnull(strstr(r->error.message, "alias"));
	ck_assert_uint_gt(r->error.line, 0);
	tl_source_free(src);
	free(t);

	/* The same anchors outside any role document cost nothing. */
	t = billion_laughs(false, &len);
	src = load_with(t, len, TL_INPUT_CFN_YAML, NULL, TL_OK, &err);
	ck_assert_ptr_nonnull(tl_source_role(src, 0)->policy);
	tl_source_free(src);
	free(t);
}
END_TEST

START_TEST(test_cfn_yaml_alias_shared_document)
{
	static const char t[] =
	    "Resources:\n"
	    "  A:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument: &trust\n"
	    "        Version: '2012-10-17'\n"
	    "        Statement:\n"
	    "          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, "
	    "Action: sts:AssumeRole}\n"
	    "  B:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument: *trust\n";
	static const char undefined[] = "Resources:\n  A: *nowhere\n";
	static const char self[] = "Resources: &r\n  A: *r\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_document *a, *b;

	ck_assert_uint_eq(tl_source_role_count(src), 2);
	a = doc_of(tl_source_role(src, 0));
	b = doc_of(tl_source_role(src, 1));
	ck_assert_uint_eq(b->n_problems, 0);
	ck_assert_str_eq(b->statements[0].principals[0].value.text, "ec2.amazonaws.com");
	/* The expansion starts at the alias; inside, it is the anchored text. */
	assert_at(&b->statements[0].principals[0].value.loc, t, "ec2.amazonaws.com", 0);
	ck_assert_uint_eq(a->n_statements, b->n_statements);
	tl_source_free(src);

	src = load(undefined, TL_INPUT_CFN_YAML, TL_ESYNTAX, &err);
	ck_assert_ptr_nonnull(strstr(err.message, "*nowhere"));
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 6);
	/* An alias to an anchor still open would make a cycle: refused. */
	src = load(self, TL_INPUT_CFN_YAML, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
}
END_TEST

static char *nested(size_t depth, size_t *len)
{
	static const char head[] =
	    "Resources:\n  Deep:\n    Type: AWS::IAM::Role\n    Properties:\n"
	    "      AssumeRolePolicyDocument:\n        Statement: ";
	size_t n = strlen(head), i;
	char *t = malloc(n + 2 * depth + 2);

	ck_assert_ptr_nonnull(t);
	memcpy(t, head, n);
	for (i = 0; i < depth; i++)
		t[n++] = '[';
	for (i = 0; i < depth; i++)
		t[n++] = ']';
	t[n++] = '\n';
	*len = n;
	return t;
}

START_TEST(test_cfn_yaml_deep_nesting)
{
	tl_error err;
	size_t len;
	char *t = nested(100, &len);
	tl_source *src = load_with(t, len, TL_INPUT_CFN_YAML, NULL, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);

	/* Past the policy's bound (64): the role says so, located. */
	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ELIMIT);
	ck_assert_ptr_nonnull(strstr(r->error.message, "nesting"));
	ck_assert_uint_eq(r->error.line, 6);
	tl_source_free(src);
	free(t);

	/* Far past any template: the file is refused before it is read on. */
	t = nested(100000, &len);
	src = load_with(t, len, TL_INPUT_CFN_YAML, NULL, TL_ELIMIT, &err);
	ck_assert_ptr_nonnull(strstr(err.message, "nesting"));
	ck_assert_uint_eq(err.line, 6);
	free(t);

	/* Block nesting too. */
	{
		size_t cap = 128 * 1024, n = 0, i;
		char *b = malloc(cap);
		ck_assert_ptr_nonnull(b);
		n += (size_t)snprintf(b, cap, "Resources:\n");
		for (i = 0; i < 300 && n + 400 < cap; i++)
			n +=
			    (size_t)snprintf(b + n, cap - n, "%*sk%zu:\n", (int)(2 * i + 2), "", i);
		src = load_with(b, n, TL_INPUT_CFN_YAML, NULL, TL_ELIMIT, &err);
		free(b);
	}
}
END_TEST

START_TEST(test_cfn_yaml_syntax_error)
{
	static const char t[] = "Resources:\n"
	                        "  Role:\n"
	                        "    Type: AWS::IAM::Role\n"
	                        "    Properties:\n"
	                        "      AssumeRolePolicyDocument: {Version: '2012-10-17'\n"
	                        "  Other: x\n";
	static const char tab[] = "Resources:\n\tRole: x\n";
	static const char bad_utf8[] = "Resources:\n  R\xff: x\n";
	tl_error err;

	load(t, TL_INPUT_CFN_YAML, TL_ESYNTAX, &err);
	ck_assert_int_eq(err.status, TL_ESYNTAX);
	ck_assert_uint_eq(err.line, 6);
	ck_assert_uint_eq(err.column, 3);
	ck_assert_ptr_nonnull(strstr(err.message, "YAML"));
	ck_assert_ptr_nonnull(strstr(err.message, "line 5, column 33"));
	load(tab, TL_INPUT_CFN_YAML, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 1);
	/* Reader errors are located too (from a byte offset). */
	load_with(bad_utf8, sizeof(bad_utf8) - 1, TL_INPUT_CFN_YAML, NULL, TL_ESYNTAX, &err);
	ck_assert_uint_eq(err.line, 2);
	ck_assert_uint_eq(err.column, 4);
}
END_TEST

START_TEST(test_cfn_yaml_no_roles)
{
	static const char t[] = "AWSTemplateFormatVersion: '2010-09-09'\n"
	                        "Transform: [AWS::LanguageExtensions]\n"
	                        "Resources:\n"
	                        "  Bucket:\n"
	                        "    Type: AWS::S3::Bucket\n"
	                        "    Properties:\n"
	                        "      BucketName: !Sub '${AWS::StackName}-data'\n"
	                        "      Tags: !Transform {Name: AWS::Include, Parameters: {}}\n"
	                        "  RoleWithoutTrust:\n"
	                        "    Type: AWS::IAM::Role\n"
	                        "    Properties: {RoleName: x}\n"
	                        "  Weird: [1, 2]\n"
	                        "  ? [complex, key]\n"
	                        "  : Type: AWS::IAM::Role\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_AUTO, TL_OK, &err);

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_YAML);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
	/* forced on what is no template: an error, not a silent pass */
	load("", TL_INPUT_CFN_YAML, TL_EARG, &err);
	load("just a string\n", TL_INPUT_CFN_YAML, TL_EARG, &err);
	ck_assert_str_eq(err.message, "--input-format cloudformation-yaml: the file is not "
	                              "cloudformation-yaml input (no Resources)");
	src = load("Resources: [a, b]\n---\nResources: 3\n", TL_INPUT_CFN_YAML, TL_OK, &err);
	ck_assert_uint_eq(tl_source_role_count(src), 0);
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_detected_from_content)
{
	static const char json[] = "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}";
	static const char lone[] = "Version: '2012-10-17'\nStatement: []\n";
	tl_error err;
	tl_source *src = load(irsa, TL_INPUT_AUTO, TL_OK, &err);

	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_YAML);
	ck_assert_uint_eq(tl_source_role_count(src), 1);
	tl_source_free(src);
	src = load(shorts, TL_INPUT_AUTO, TL_OK, &err);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_YAML);
	tl_source_free(src);
	/* JSON templates stay with the JSON reader; a YAML file without
	 * Resources is not taken for a template. */
	src = load(json, TL_INPUT_AUTO, TL_OK, &err);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_JSON);
	tl_source_free(src);
	src = load(lone, TL_INPUT_AUTO, TL_OK, &err);
	ck_assert_int_ne(tl_source_format(src), TL_INPUT_CFN_YAML);
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_document_as_json_string)
{
	static const char t[] =
	    "Resources:\n"
	    "  Role:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument: |\n"
	    "        {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": "
	    "\"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, "
	    "\"Action\": \"sts:AssumeRole\"}]}\n"
	    "  Tagged:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument: !Sub '{\"Statement\": []}'\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);
	const tl_document *d = doc_of(r);

	ck_assert(r->embedded_string);
	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert_str_eq(d->statements[0].principals[0].value.text, "ec2.amazonaws.com");
	/* A whole document behind an intrinsic is unknown, not JSON text. */
	r = tl_source_role(src, 1);
	d = doc_of(r);
	ck_assert(!r->embedded_string);
	ck_assert_uint_eq(d->n_statements, 0);
	ck_assert_uint_gt(d->n_hard_problems, 0);
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_non_scalar_key)
{
	static const char t[] = "Resources:\n"
	                        "  Role:\n"
	                        "    Type: AWS::IAM::Role\n"
	                        "    Properties:\n"
	                        "      AssumeRolePolicyDocument:\n"
	                        "        ? [Statement]\n"
	                        "        : []\n";
	tl_error err;
	tl_source *src = load(t, TL_INPUT_CFN_YAML, TL_OK, &err);
	const tl_role *r = tl_source_role(src, 0);

	ck_assert_ptr_null(r->policy);
	ck_assert_int_eq(r->error.status, TL_ESYNTAX);
	ck_assert_uint_eq(r->error.line, 6);
	ck_assert_uint_eq(r->error.column, 11);
	tl_source_free(src);
}
END_TEST

START_TEST(test_cfn_yaml_limits)
{
	static const char t[] = "Resources:\n"
	                        "  Role:\n"
	                        "    Type: AWS::IAM::Role\n"
	                        "    Properties:\n"
	                        "      AssumeRolePolicyDocument:\n"
	                        "        Version: '2012-10-17'\n"
	                        "        Statement: [{Sid: a-rather-long-sid, Effect: Allow}]\n";
	tl_limits lim = TL_LIMITS_INIT;
	tl_error err;
	tl_source *src;

	lim.max_string_bytes = 10;
	src = load_with(t, strlen(t), TL_INPUT_CFN_YAML, &lim, TL_OK, &err);
	ck_assert_int_eq(tl_source_role(src, 0)->error.status, TL_ELIMIT);
	ck_assert_uint_eq(tl_source_role(src, 0)->error.line, 7);
	ck_assert_uint_eq(tl_source_role(src, 0)->error.column, 27);
	tl_source_free(src);
	lim = (tl_limits)TL_LIMITS_INIT;
	lim.max_values = 2;
	src = load_with(t, strlen(t), TL_INPUT_CFN_YAML, &lim, TL_OK, &err);
	ck_assert_int_eq(tl_source_role(src, 0)->error.status, TL_ELIMIT);
	ck_assert_ptr_nonnull(strstr(tl_source_role(src, 0)->error.message, "scalar"));
	tl_source_free(src);
	lim = (tl_limits)TL_LIMITS_INIT;
	lim.max_document_bytes = 40;
	src = load_with(t, strlen(t), TL_INPUT_CFN_YAML, &lim, TL_OK, &err);
	ck_assert_int_eq(tl_source_role(src, 0)->error.status, TL_ELIMIT);
	ck_assert_uint_eq(tl_source_role(src, 0)->error.line, 7);
	tl_source_free(src);
	lim = (tl_limits)TL_LIMITS_INIT;
	lim.max_depth = 2;
	src = load_with(t, strlen(t), TL_INPUT_CFN_YAML, &lim, TL_OK, &err);
	ck_assert_int_eq(tl_source_role(src, 0)->error.status, TL_ELIMIT);
	ck_assert_str_eq(tl_source_role(src, 0)->error.pointer, "/Statement/0");
	tl_source_free(src);
}
END_TEST

/*
 * Every prefix of a template, and the template with each byte in turn
 * replaced by one of a few troublesome ones: whatever libyaml makes of
 * them, the reader must answer (under ASan, without reading a byte past
 * the end or leaking).
 */
START_TEST(test_cfn_yaml_malformed_never_crash)
{
	static const char repl[] = {'\0', '[', '{',  '&', '*',  '!',
	                            ':',  '-', '\n', '"', '\t', '\xc3'};
	const char *t = shorts;
	size_t len = strlen(t), i, k;
	tl_source *src;
	tl_error err;
	char *buf;

	for (i = 0; i <= len; i++) {
		buf = malloc(i ? i : 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf, t, i);
		if (tl_source_load(&src, buf, i, TL_INPUT_CFN_YAML, NULL, &err) == TL_OK)
			tl_source_free(src);
		free(buf);
	}
	for (i = 0; i < len; i++)
		for (k = 0; k < sizeof(repl); k++) {
			buf = malloc(len);
			ck_assert_ptr_nonnull(buf);
			memcpy(buf, t, len);
			buf[i] = repl[k];
			if (tl_source_load(&src, buf, len, TL_INPUT_CFN_YAML, NULL, &err) == TL_OK)
				tl_source_free(src);
			else
				ck_assert_int_ne(err.status, TL_OK);
			free(buf);
		}
}
END_TEST

static const struct {
	const char *file, *role;
	tl_principal_type type;
	tl_principal_form form;
	size_t roles; /* an Fn::If document is one role per branch choice */
} fixtures[] = {
    {"irsa-role.yaml", "ExternalDnsRole", TL_PRINCIPAL_FEDERATED, TL_FORM_OIDC_PROVIDER, 1},
    {"pod-identity-role.yaml", "AppPodRole", TL_PRINCIPAL_SERVICE, TL_FORM_SERVICE, 1},
    {"github-oidc-role.yaml", "GitHubDeployRole", TL_PRINCIPAL_FEDERATED, TL_FORM_PLACEHOLDER, 2},
    {"sam-function.yaml", "ThumbnailFunction", TL_PRINCIPAL_SERVICE, TL_FORM_SERVICE, 1},
};

/* The hand-written templates of corpus/inputs/cfn-yaml (run from the top). */
START_TEST(test_cfn_yaml_corpus_templates)
{
	char path[256], *text = NULL;
	size_t len = 0;
	tl_error err = {0};
	tl_source *src;
	const tl_document *d;

	snprintf(path, sizeof(path), "corpus/inputs/cfn-yaml/%s", fixtures[_i].file);
	ck_assert_msg(tl_file_read(path, 1u << 20, &text, &len, &err) == TL_OK, "%s: %s", path,
	              err.message);
	src = load_with(text, len, TL_INPUT_AUTO, NULL, TL_OK, &err);
	ck_assert_int_eq(tl_source_format(src), TL_INPUT_CFN_YAML);
	ck_assert_uint_eq(tl_source_role_count(src), fixtures[_i].roles);
	ck_assert_str_eq(tl_source_role(src, 0)->name, fixtures[_i].role);
	d = doc_of(tl_source_role(src, 0));
	ck_assert_uint_eq(d->n_problems, 0);
	ck_assert_uint_eq(d->n_statements, 1);
	ck_assert_int_eq(d->statements[0].principals[0].type, fixtures[_i].type);
	ck_assert_int_eq(d->statements[0].principals[0].form, fixtures[_i].form);
	tl_source_free(src);
	free(text);
}
END_TEST

/* The quota counts characters, as IAM does, whatever the file's format:
 * "Zürich" is six characters in YAML as in JSON. */
START_TEST(test_cfn_yaml_quota_counts_characters)
{
	static const char yaml[] =
	    "Resources:\n"
	    "  R:\n"
	    "    Type: AWS::IAM::Role\n"
	    "    Properties:\n"
	    "      AssumeRolePolicyDocument:\n"
	    "        Version: \"2012-10-17\"\n"
	    "        Statement:\n"
	    "          - Sid: Z\u00fcrich\u00e4\u00f6\n"
	    "            Effect: Allow\n"
	    "            Principal: {Service: ec2.amazonaws.com}\n"
	    "            Action: sts:AssumeRole\n";
	static const char json[] =
	    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Z\u00fcrich\u00e4\u00f6\",\"Effect\":"
	    "\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
	tl_error err;
	tl_source *y = load(yaml, TL_INPUT_CFN_YAML, TL_OK, &err);
	tl_source *j = load(json, TL_INPUT_POLICY, TL_OK, &err);
	size_t ny = tl_policy_document(tl_source_role(y, 0)->policy)->size_without_whitespace;
	size_t nj = tl_policy_document(tl_source_role(j, 0)->policy)->size_without_whitespace;

	ck_assert_uint_eq(ny, nj);
	ck_assert_uint_eq(nj, strlen(json) - 3); /* three two-byte characters */
	tl_source_free(y);
	tl_source_free(j);
}
END_TEST

static Suite *cfn_yaml_suite(void)
{
	Suite *s = suite_create("cfn_yaml");
	TCase *model = tcase_create("model");
	TCase *errors = tcase_create("errors");
	TCase *hostile = tcase_create("hostile");
	TCase *corpus = tcase_create("corpus");

	tcase_add_test(model, test_cfn_yaml_federated_role);
	tcase_add_test(model, test_cfn_yaml_quota_counts_characters);
	tcase_add_test(model, test_cfn_yaml_sam_function);
	tcase_add_test(model, test_cfn_yaml_short_form_intrinsics);
	tcase_add_test(model, test_cfn_yaml_long_form_intrinsics);
	tcase_add_test(model, test_cfn_yaml_scalar_types);
	tcase_add_test(model, test_cfn_yaml_null_and_empty);
	tcase_add_test(model, test_cfn_yaml_alias_shared_document);
	tcase_add_test(model, test_cfn_yaml_document_as_json_string);
	tcase_add_test(model, test_cfn_yaml_no_roles);
	tcase_add_test(model, test_cfn_yaml_detected_from_content);
	suite_add_tcase(s, model);

	tcase_add_test(errors, test_cfn_yaml_duplicate_key);
	tcase_add_test(errors, test_cfn_yaml_duplicate_key_many);
	tcase_add_test(errors, test_cfn_yaml_duplicate_logical_id);
	tcase_add_test(errors, test_cfn_yaml_non_scalar_key);
	tcase_add_test(errors, test_cfn_yaml_syntax_error);
	tcase_add_test(errors, test_cfn_yaml_limits);
	suite_add_tcase(s, errors);

	tcase_add_test(hostile, test_cfn_yaml_alias_bomb);
	tcase_add_test(hostile, test_cfn_yaml_deep_nesting);
	tcase_add_test(hostile, test_cfn_yaml_malformed_never_crash);
	tcase_set_timeout(hostile, 120);
	suite_add_tcase(s, hostile);

	tcase_add_loop_test(corpus, test_cfn_yaml_corpus_templates, 0,
	                    (int)(sizeof(fixtures) / sizeof(*fixtures)));
	suite_add_tcase(s, corpus);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cfn_yaml_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
