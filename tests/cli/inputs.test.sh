# inputs: every container format, found from the content (sourced by run.sh)
I=$ROOT/corpus/inputs
expect input-cfn-json-role-named 1 "irsa-and-ci.template.json:29:66: error: role OpenToEveryoneRole: principal \"*\"" -- "$T" lint --no-config "$I/cfn-json/irsa-and-ci.template.json"
expect input-cfn-intrinsic-not-literal 1 "1 error, 0 warnings" -- "$T" lint --no-config "$I/cfn-json/irsa-and-ci.template.json"
expect input-tf-plan-module-address 1 "plan.json:29:39: error: role module.ci.aws_iam_role.open:" -- "$T" lint --no-config "$I/tf-plan/plan.json"
expect input-tf-plan-forced 1 "module.ci.aws_iam_role.open" -- "$T" lint --no-config --input-format terraform-plan "$I/tf-plan/plan.json"
expect input-account-dump-urlencoded 1 "authorization-details.json:29:35: warning: role vendor: principal \"arn:aws:iam::444455556666:root\"" -- "$T" lint --no-config "$I/account/authorization-details.json"
expect input-account-own-account-known 1 "the account is not one of yours" -- "$T" lint --no-config "$I/account/authorization-details.json"
expect input-get-role 1 "get-role.json:13:20: error: role open:" -- "$T" lint --no-config "$I/account/get-role.json"
expect input-bad-format-name 2 'unknown input format "xml"' -- "$T" lint --input-format xml "$I/account/get-role.json"
# a directory walk skips JSON that holds no trust policy; a named file is linted
printf '{"name": "not-a-policy", "version": "1.0.0"}\n' >"$TMP/package.json"
mkdir -p "$TMP/walk" && cp "$TMP/package.json" "$TMP/walk/" && cp "$I/account/get-role.json" "$TMP/walk/"
expect walk-skips-non-policies 1 "in 1 file" -- "$T" lint --no-config "$TMP/walk"
expect named-non-policy-is-linted 1 "the policy has no Statement" -- "$T" lint --no-config "$TMP/package.json"
expect policies-only-skips-named 0 "" -- "$T" lint --no-config --policies-only "$TMP/package.json"
# YAML templates: found after blank lines and a byte-order mark; an !If principal is linted both ways
printf '\357\273\277\n\nResources:\n  Open:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: {AWS: "*"}\n            Action: sts:AssumeRole\n  Maybe:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Principal: !If [Internal, {AWS: "*"}, {Service: ec2.amazonaws.com}]\n            Action: sts:AssumeRole\n' >"$TMP/bom.yaml"
expect yaml-detected-after-bom 1 "bom.yaml:11:30: error: role Open: principal \"*\"" -- "$T" lint --no-config "$TMP/bom.yaml"
expect yaml-if-principal-branch-named 1 "bom.yaml:20:45: error: role Maybe [Internal=true]: principal \"*\"" -- "$T" lint --no-config "$TMP/bom.yaml"
expect yaml-if-principal-other-branch-clean 1 "2 errors, 0 warnings, 0 notes" -- "$T" lint --no-config "$TMP/bom.yaml"
expect yaml-fixture-irsa 0 "oidc-hardcoded-provider-id" -- "$T" lint --no-config "$ROOT/corpus/inputs/cfn-yaml/irsa-role.yaml"
# a container that does not parse is a located finding, and exit 2
printf 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R: [unclosed\n' >"$TMP/broken.yaml"
expect yaml-syntax-error-finding 2 "broken.yaml:4:1: error: YAML: did not find expected ',' or ']'" -- "$T" lint --no-config "$TMP/broken.yaml"
printf '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": "AWS::IAM::Role",}}}' >"$TMP/broken.template.json"
expect cfn-json-syntax-error-finding 2 "[TL101 json-syntax]" -- "$T" lint --no-config "$TMP/broken.template.json"
# Terraform: resource_changes' after; a delete, the prior state and a permissions document are not
# linted; a policy unknown until apply comes from its data source's statement blocks, or is a note
expect tf-plan-unknown-from-statement-blocks 1 "changes.json:77:24: error: role module.ci.aws_iam_role.deploy: subject pattern \"repo:*\"" -- "$T" lint --no-config "$I/tf-plan/changes.json"
expect tf-plan-unknown-note 1 "changes.json:96:18: note: policy of aws_iam_role.lambda is unknown until apply (computed from var.lambda_trust)" -- "$T" lint --no-config "$I/tf-plan/changes.json"
expect tf-plan-prior-state-data-source 1 "role data.aws_iam_policy_document.read_while_planning: principal \"arn:aws:iam::444455556666:root\"" -- "$T" lint --no-config "$I/tf-plan/changes.json"
expect tf-plan-only-new-trust-policies 1 "2 errors, 0 warnings, 1 note" -- "$T" lint --no-config "$I/tf-plan/changes.json"
# that note is a note in every format, about its file, and alone it leaves the exit status 0
cat >"$TMP/unknown-plan.json" <<'JSON'
{"format_version": "1.2", "terraform_version": "1.6.0",
 "resource_changes": [
  {"address": "aws_iam_role.later", "mode": "managed", "type": "aws_iam_role", "name": "later",
   "change": {"actions": ["create"], "before": null, "after": {"name": "later"},
              "after_unknown": {"arn": true, "assume_role_policy": true}}}]}
JSON
expect tf-plan-note-alone-exit-0 0 "unknown-plan.json:3:15: note: policy of aws_iam_role.later is unknown until apply" -- "$T" lint --no-config "$TMP/unknown-plan.json"
"$T" lint --no-config --format json "$TMP/unknown-plan.json" >"$TMP/unknown-plan.out.json"
expect tf-plan-note-json-severity 0 "note" -- "$JSONQ" /errors/0/severity <"$TMP/unknown-plan.out.json"
expect tf-plan-note-json-file 0 "$TMP/unknown-plan.json" -- "$JSONQ" /errors/0/file <"$TMP/unknown-plan.out.json"
"$T" lint --no-config --format sarif "$TMP/unknown-plan.json" >"$TMP/unknown-plan.sarif"
expect tf-plan-note-sarif-level 0 "note" -- "$JSONQ" /runs/0/invocations/0/toolExecutionNotifications/0/level <"$TMP/unknown-plan.sarif"
expect tf-plan-note-sarif-run-succeeded 0 "true" -- "$JSONQ" /runs/0/invocations/0/executionSuccessful <"$TMP/unknown-plan.sarif"
expect tf-plan-note-github-notice 0 "::notice file=$TMP/unknown-plan.json::" -- "$T" lint --no-config --format github "$TMP/unknown-plan.json"
# aws iam list-roles: found from the content, each role linted with its own account; a walk lints it
expect list-roles-detected 1 "list-roles.json:8:35: error: role ci-open: principal \"*\"" -- "$T" lint --no-config "$I/account/list-roles.json"
expect list-roles-own-account 1 "1 error, 1 warning, 0 notes" -- "$T" lint --no-config "$I/account/list-roles.json"
mkdir -p "$TMP/walk-lr" && cp "$I/account/list-roles.json" "$TMP/package.json" "$TMP/walk-lr/"
expect list-roles-walk-not-skipped 1 "list-roles.json:8:35: error: role ci-open" -- "$T" lint --no-config "$TMP/walk-lr"
expect list-roles-forced 1 "role vendor:" -- "$T" lint --no-config --input-format list-roles "$I/account/list-roles.json"
# a format forced on a file of another shape is an error naming the file and the format, not a pass
expect forced-format-mismatch 2 "get-role.json:1:1: error: --input-format terraform-plan: the file is not terraform-plan input" -- "$T" lint --no-config --input-format terraform-plan "$I/account/get-role.json"
printf '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}\n' >"$TMP/empty.template.json"
expect forced-format-empty-template 0 "" -- "$T" lint --no-config --input-format cloudformation-json "$TMP/empty.template.json"
# Fn::If: every branch choice linted, findings once, named with the choice when only some have them
F=$I/cfn-yaml/if-branches.yaml
expect if-statement-novalue 1 "if-branches.yaml:24:32: error: role StatementIf [Prod=true]: principal \"*\"" -- "$T" lint --no-config "$F"
expect if-principal 1 "if-branches.yaml:34:41: error: role PrincipalIf [Prod=true]: principal \"*\"" -- "$T" lint --no-config "$F"
expect if-effect-literal 1 "if-branches.yaml:43:30: error: role EffectIf [Strict=false]: principal \"*\"" -- "$T" lint --no-config "$F"
expect if-whole-document 1 "if-branches.yaml:53:32: error: role WholeDocIf [Open=true]: principal \"*\"" -- "$T" lint --no-config "$F"
expect if-all-branches-unlabelled 1 "if-branches.yaml:67:34: warning: role AllBranches: service principal" -- "$T" lint --no-config "$F"
expect if-common-choice 1 "if-branches.yaml:78:28: error: role Many [C1=true]: principal \"*\"" -- "$T" lint --no-config "$F"
expect if-bound-note 1 "if-branches.yaml:69:3: note: role Many uses 5 conditions in Fn::If; the first 4 are linted both ways, and values chosen by C5 are placeholders" -- "$T" lint --no-config "$F"
expect if-findings-once 1 "5 errors, 1 warning, 0 notes" -- "$T" lint --no-config "$F"
expect if-no-invalid-effect 1 "0" -- sh -c "\"$T\" lint --no-config \"$F\" | grep -c invalid-effect"
# Fn::Sub with no variable is its text; ${AWS::Partition} is "aws" unless the file names another partition
F=$I/cfn-yaml/sub-literals.yaml
expect sub-literal-wildcard 1 "sub-literals.yaml:23:58: error: role GitHubRole: subject pattern \"repo:*\"" -- "$T" lint --no-config "$F"
expect sub-partition-resolved 1 "sub-literals.yaml:32:20: warning: role VendorRole: principal \"arn:aws:iam::444455556666:root\"" -- "$T" lint --no-config --account 111122223333 "$F"
expect sub-account-placeholder 1 "1 error, 1 warning, 0 notes" -- "$T" lint --no-config --account 111122223333 "$F"
sed 's/^AWSTemplateFormatVersion.*/&\nDescription: deployed to aws-cn/' "$F" >"$TMP/cn.yaml"
# there both ARNs stay placeholders: neither the GitHub provider nor the vendor account is known
expect sub-partition-other-named 0 "" -- "$T" lint --no-config --account 111122223333 "$TMP/cn.yaml"
