# Hostile containers: CloudFormation JSON, Terraform plans and IAM account
# dumps (get-account-authorization-details, get-role).  A container whose
# shape is wrong on the path to a trust policy is an error at that element,
# never a file with "no roles" that passes.  Sourced by run.sh: uses check,
# $T and $TMP.

C=$TMP/containers
mkdir -p "$C"
# lint_c NAME STATUS PATTERN FILE-CONTENT: write FILE-CONTENT to NAME.json, lint it
lint_c() {
	printf '%s' "$4" >"$C/$1.json"
	check "$1" 10 "$2" "$3" -- "$T" lint --no-config "$C/$1.json"
}
ROLE='"Type": "AWS::IAM::Role"'
OPEN='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}'
CFN='{"AWSTemplateFormatVersion": "2010-09-09", "Resources": '

# ---- CloudFormation JSON -------------------------------------------------
lint_c cfn-truncated 2 "cfn-truncated.json:1:134: error: premature end of input" \
	"$CFN{\"R\": {$ROLE, \"Properties\": {\"AssumeRolePolicyDocument\": {\"Vers"
lint_c cfn-invalid 2 "cfn-invalid.json:1:57: error: invalid token near 'Resources'" \
	'{"AWSTemplateFormatVersion": "2010-09-09", "Resources": Resources}'
lint_c cfn-resources-array 2 "cfn-resources-array.json:1:57: error: Resources must be an object, not an array" \
	"$CFN[{$ROLE}]}"
lint_c cfn-resource-number 2 "cfn-resource-number.json:1:63: error: resource R must be an object, not a number" \
	"$CFN{\"R\": 5}}"
lint_c cfn-type-number 2 "cfn-type-number.json:1:72: error: Type of resource R must be a string, not a number" \
	"$CFN{\"R\": {\"Type\": 5}}}"
lint_c cfn-properties-array 2 "cfn-properties-array.json:1:104: error: Properties of resource R must be an object, not an array" \
	"$CFN{\"R\": {$ROLE, \"Properties\": []}}}"
lint_c cfn-document-number 1 "cfn-document-number.json:1:133: error: role R: a policy must be a JSON object, not a number" \
	"$CFN{\"R\": {$ROLE, \"Properties\": {\"AssumeRolePolicyDocument\": 5}}}}"
lint_c cfn-statement-string 1 "cfn-statement-string.json:1:" \
	"$CFN{\"R\": {$ROLE, \"Properties\": {\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": \"x\"}}}}}"
lint_c cfn-duplicate-document 2 "cfn-duplicate-document.json:1:" \
	"$CFN{\"R\": {$ROLE, \"Properties\": {\"AssumeRolePolicyDocument\": {}, \"AssumeRolePolicyDocument\": $OPEN}}}}"
check cfn-duplicate-document-message 10 2 'cfn-duplicate-document.json:1:137: error: duplicate key "AssumeRolePolicyDocument" in /Resources/R/Properties (also at line 1)' -- "$T" lint --no-config "$C/cfn-duplicate-document.json"
lint_c cfn-duplicate-resource 2 'cfn-duplicate-resource.json:1:' \
	"$CFN{\"R\": {$ROLE}, \"R\": {$ROLE}}}"
printf '%s{"R": {%s, "Properties": {"AssumeRolePolicyDocument": {"Sid": "\000"}}}}}' "$CFN" "$ROLE" >"$C/cfn-nul.json"
check cfn-nul 10 2 "cfn-nul.json:1:142: error: NUL byte in the text (JSON allows none)" -- "$T" lint --no-config "$C/cfn-nul.json"
printf '%s{"R": {%s, "Properties": {"AssumeRolePolicyDocument": {"Sid": "\300\257"}}}}}' "$CFN" "$ROLE" >"$C/cfn-utf8.json"
check cfn-invalid-utf8 10 2 "cfn-utf8.json:1:142: error: invalid UTF-8 (byte 0xc0)" -- "$T" lint --no-config "$C/cfn-utf8.json"
awk -v cfn="$CFN" 'BEGIN { printf "%s{\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": ", cfn; for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "}}}}}}}}" }' >"$C/cfn-deep.json"
check cfn-deep 10 2 "cfn-deep.json:1:" -- "$T" lint --no-config "$C/cfn-deep.json"
check cfn-deep-message 10 2 "error: nesting deeper than 64 levels (limit)" -- "$T" lint --no-config "$C/cfn-deep.json"
{ printf '%s{"R": {%s, "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": {"Sid": "' "$CFN" "$ROLE"; head -c 100000 /dev/zero | tr '\000' A; printf '"}}}}}}'; } >"$C/cfn-long.json"
check cfn-huge-string 10 2 "cfn-long.json:1:180: error: role R: string of 100000 bytes is longer than 65536 (limit)" -- "$T" lint --no-config "$C/cfn-long.json"

# ---- Terraform plan ------------------------------------------------------
TF='{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "aws_iam_role", "address": "aws_iam_role.r", "values": {"assume_role_policy": '
lint_c tf-truncated 2 "tf-truncated.json:1:166: error: premature end of input" "$TF\"{\\\"Version"
lint_c tf-resource-changes-string 2 "tf-resource-changes-string.json:1:47: error: resource_changes must be an array, not a string" \
	'{"format_version": "1.2", "resource_changes": "x"}'
lint_c tf-planned-values-string 2 "tf-planned-values-string.json:1:45: error: planned_values must be an object, not a string" \
	'{"format_version": "1.2", "planned_values": "x"}'
lint_c tf-root-module-array 2 "tf-root-module-array.json:1:61: error: root_module must be an object, not an array" \
	'{"format_version": "1.2", "planned_values": {"root_module": []}}'
lint_c tf-resources-object 2 "tf-resources-object.json:1:75: error: resources must be an array, not an object" \
	'{"format_version": "1.2", "planned_values": {"root_module": {"resources": {"a": 1}}}}'
lint_c tf-resource-string 2 "tf-resource-string.json:1:76: error: a resource must be an object, not a string" \
	'{"format_version": "1.2", "planned_values": {"root_module": {"resources": ["x"]}}}'
lint_c tf-type-number 2 "tf-type-number.json:1:85: error: type of a resource must be a string, not a number" \
	'{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": 1, "address": "a"}]}}}'
lint_c tf-values-array 2 "tf-values-array.json:1:140: error: values of aws_iam_role.r must be an object, not an array" \
	'{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"type": "aws_iam_role", "address": "aws_iam_role.r", "values": []}]}}}'
lint_c tf-policy-object 2 "tf-policy-object.json:1:163: error: assume_role_policy of aws_iam_role.r must be a JSON string, not an object" \
	"$TF{\"Version\": \"2012-10-17\"}}}]}}}"
lint_c tf-policy-number 2 "tf-policy-number.json:1:163: error: assume_role_policy of aws_iam_role.r must be a JSON string, not a number" \
	"${TF}5}}]}}}"
lint_c tf-child-modules-object 2 "tf-child-modules-object.json:1:79: error: child_modules must be an array, not an object" \
	'{"format_version": "1.2", "planned_values": {"root_module": {"child_modules": {}}}}'
lint_c tf-policy-unknown 0 "" "${TF}null}}]}}}"
lint_c tf-policy-invalid 2 "tf-policy-invalid.json:1:163: error: role aws_iam_role.r: '}' expected near end of file" \
	"$TF\"{\\\"Version\\\": \\\"2012-10-17\\\"\"}}]}}}"
lint_c tf-policy-nul-escape 2 "tf-policy-nul-escape.json:1:163: error: \\u0000 (NUL) is not allowed in a string" \
	"$TF\"{\\\"Sid\\\": \\\"\\u0000\\\"}\"}}]}}}"
lint_c tf-duplicate-policy 2 "tf-duplicate-policy.json:1:" \
	"$TF\"{}\", \"assume_role_policy\": \"{}\"}}]}}}"
awk 'BEGIN { printf "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": "; for (i = 0; i < 70; i++) printf "{\"child_modules\": ["; for (i = 0; i < 70; i++) printf "]}"; print "}}" }' >"$C/tf-deep.json"
check tf-deep-modules 10 2 "tf-deep.json:1:" -- "$T" lint --no-config --input-format terraform-plan "$C/tf-deep.json"
check tf-deep-modules-message 10 2 "error: nesting deeper than 128 levels (limit)" -- "$T" lint --no-config --input-format terraform-plan "$C/tf-deep.json"
{ printf '%s"{\\"Sid\\": \\"' "$TF"; head -c 100000 /dev/zero | tr '\000' A; printf '\\"}"}}]}}}'; } >"$C/tf-long.json"
check tf-huge-string 10 2 "tf-long.json:1:163: error: role aws_iam_role.r: string of 100000 bytes is longer than 65536 (limit)" -- "$T" lint --no-config "$C/tf-long.json"
# many roles, listed in both planned_values and prior_state: linear, not quadratic
awk 'BEGIN { printf "{\"format_version\": \"1.2\""; for (m = 0; m < 2; m++) { printf (m ? ", \"prior_state\": {\"values\": {\"root_module\": {\"resources\": [" : ", \"planned_values\": {\"root_module\": {\"resources\": ["); for (i = 0; i < 5000; i++) printf "%s{\"type\": \"aws_iam_role\", \"address\": \"aws_iam_role.r%d\", \"values\": {\"assume_role_policy\": \"{\\\"Version\\\": \\\"2012-10-17\\\", \\\"Statement\\\": []}\"}}", (i ? "," : ""), i; printf (m ? "]}}}" : "]}}") } print "}" }' >"$C/tf-many.json"
check tf-many-roles-each-once 30 1 "5000 errors, 0 warnings" -- "$T" lint --no-config "$C/tf-many.json"
# many data sources in resource_changes and again in prior_state (Terraform read them while
# planning): each once, and the look-up of "listed already" linear
awk 'BEGIN { doc = "{\\\"Statement\\\": {\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": {\\\"Service\\\": \\\"ec2.amazonaws.com\\\"}, \\\"Action\\\": \\\"sts:AssumeRole\\\"}}"; printf "{\"format_version\": \"1.2\", \"resource_changes\": ["; for (i = 0; i < 5000; i++) printf "%s{\"address\": \"data.aws_iam_policy_document.d%d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"d%d\", \"change\": {\"after\": {\"json\": \"%s\"}}}", (i ? "," : ""), i, i, doc; printf "], \"prior_state\": {\"values\": {\"root_module\": {\"resources\": ["; for (i = 0; i < 5000; i++) printf "%s{\"address\": \"data.aws_iam_policy_document.d%d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"d%d\", \"values\": {\"json\": \"%s\"}}", (i ? "," : ""), i, i, doc; print "]}}}}" }' >"$C/tf-many-data.json"
check tf-many-data-sources-each-once 30 1 "0 errors, 5000 warnings" -- "$T" lint --no-config "$C/tf-many-data.json"
lint_c tf-change-number 2 "tf-change-number.json:1:76: error: change of a resource change must be an object, not a number" \
	'{"resource_changes": [{"type": "aws_iam_role", "address": "a.b", "change": 1}], "format_version": "1.2"}'
lint_c tf-after-array 2 "tf-after-array.json:1:86: error: after of a.b must be an object, not an array" \
	'{"resource_changes": [{"type": "aws_iam_role", "address": "a.b", "change": {"after": []}}], "format_version": "1.2"}'
lint_c tf-after-policy-object 2 "tf-after-policy-object.json:1:109: error: assume_role_policy of a.b must be a JSON string, not an object" \
	'{"resource_changes": [{"type": "aws_iam_role", "address": "a.b", "change": {"after": {"assume_role_policy": {}}}}], "format_version": "1.2"}'

# ---- IAM account dumps ---------------------------------------------------
lint_c dump-truncated 2 "dump-truncated.json:1:21: error: string or '}' expected near end of file" '{"RoleDetailList": [{'
lint_c dump-list-object 2 "dump-list-object.json:1:20: error: RoleDetailList must be an array, not an object" \
	'{"RoleDetailList": {"a": 1}}'
lint_c dump-role-number 2 "dump-role-number.json:1:21: error: a RoleDetailList entry must be an object, not a number" \
	'{"RoleDetailList": [7]}'
lint_c dump-name-number 2 "dump-name-number.json:1:34: error: RoleName must be a string, not a number" \
	'{"RoleDetailList": [{"RoleName": 5, "AssumeRolePolicyDocument": "%7B%7D"}]}'
lint_c dump-document-number 1 "dump-document-number.json:1:67: error: role r: a policy must be a JSON object, not a number" \
	'{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": 5}]}'
lint_c dump-url-garbage 2 'dump-url-garbage.json:1:67: error: role r: malformed URL encoding "%zz" at byte 4 of the document' \
	'{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%zz%7D"}]}'
lint_c dump-url-truncated 2 'dump-url-truncated.json:1:67: error: role r: malformed URL encoding "%7" at byte 4 of the document' \
	'{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%7"}]}'
lint_c dump-url-nul 2 'dump-url-nul.json:1:67: error: role r: URL encoding "%00" (a NUL byte) at byte 4 of the document' \
	'{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%00%7D"}]}'
lint_c dump-url-utf8 2 'dump-url-utf8.json:1:67: error: role r: invalid UTF-8 (byte 0xff)' \
	'{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%22Sid%22%3A%22%FF%22%7D"}]}'
lint_c dump-duplicate-role-key 2 'dump-duplicate-role-key.json:1:' \
	"{\"RoleDetailList\": [{\"RoleName\": \"r\", \"AssumeRolePolicyDocument\": \"%7B%7D\", \"AssumeRolePolicyDocument\": $OPEN}]}"
# (auto-detection reads it as a policy: a Role without AssumeRolePolicyDocument is no get-role file)
lint_c getrole-role-string 1 'getrole-role-string.json:1:2: error: unknown policy element "Role"' '{"Role": "x"}'
check getrole-role-string-forced 10 2 "getrole-role-string.json:1:10: error: Role must be an object, not a string" -- "$T" lint --no-config --input-format get-role "$C/getrole-role-string.json"
lint_c getrole-document-array 1 "getrole-document-array.json:1:56: error: role r: a policy must be a JSON object, not an array" \
	'{"Role": {"RoleName": "r", "AssumeRolePolicyDocument": [1]}}'
printf '{"Role": {"RoleName": "r", "AssumeRolePolicyDocument": "%%7B%%7D"},\000}' >"$C/getrole-nul.json"
check getrole-nul 10 2 "getrole-nul.json:1:66: error: NUL byte in the text (JSON allows none)" -- "$T" lint --no-config "$C/getrole-nul.json"
# list-roles: the same checks, detected or in a recorded API response
lint_c roles-entry-number 2 "roles-entry-number.json:1:63: error: a Roles entry must be an object, not a number" \
	'{"Roles": [{"RoleName": "a", "AssumeRolePolicyDocument": {}}, 5]}'
lint_c roles-arn-array 2 "roles-arn-array.json:1:66: error: Arn must be a string, not an array" \
	'{"status_code": 200, "data": {"Roles": [{"RoleName": "a", "Arn": []}]}}'
lint_c roles-url-garbage 2 'roles-url-garbage.json:1:58: error: role r: malformed URL encoding "%zz" at byte 4 of the document' \
	'{"Roles": [{"RoleName": "r", "AssumeRolePolicyDocument": "%7B%zz%7D"}]}'
check roles-forced-object 10 2 "roles-object.json:1:11: error: Roles must be an array, not an object" -- \
	sh -c "printf '{\"Roles\": {}}' >\"$C/roles-object.json\" && \"$T\" lint --no-config --input-format list-roles \"$C/roles-object.json\""
# a dump forced on a file without a RoleDetailList names what is missing
check dump-forced-empty 10 2 "no-list.json:1:1: error: --input-format account-authorization-details: the file is not account-authorization-details input (no RoleDetailList)" -- \
	sh -c "printf '{}' >\"$C/no-list.json\" && \"$T\" lint --no-config --input-format account \"$C/no-list.json\""
