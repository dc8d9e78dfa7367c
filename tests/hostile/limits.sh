# Every bound of engine/trustlint.h (tl_limits), of the containers
# (engine/inputs/source.c), of YAML (engine/inputs/cfn_yaml.c) and of the
# CLI is reached on its own, under the others, with its own located message.
# Sourced by run.sh: uses check, $T and $TMP.

# max_string_bytes (65,536) in a 70 KB document: a value, then a member name
{ printf '{"Version": "2012-10-17", "Statement": {"Sid": "'; head -c 70000 /dev/zero | tr '\000' A; printf '"}}'; } >"$TMP/long-value.json"
check limit-string-value 10 2 "long-value.json:1:48: error: string of 70000 bytes is longer than 65536 (limit)" -- "$T" lint --no-config "$TMP/long-value.json"
{ printf '{"Version": "2012-10-17", "Statement": {"'; head -c 70000 /dev/zero | tr '\000' A; printf '": 1}}'; } >"$TMP/long-name.json"
check limit-member-name 10 2 "long-name.json:1:41: error: member name of 70000 bytes is longer than 65536 (limit)" -- "$T" lint --no-config "$TMP/long-name.json"
# exactly at the bound the document is read, and the rules judge it (IAM's size quota)
{ printf '{"Version": "2012-10-17", "Statement": {"Sid": "'; head -c 65536 /dev/zero | tr '\000' A; printf '", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}}'; } >"$TMP/at-limit.json"
check limit-string-at-bound 10 1 "at-limit.json:1:1: error: the policy has 65649 characters without white space, over the 4096-character maximum of the role trust policy quota" -- "$T" lint --no-config "$TMP/at-limit.json"

# max_document_bytes (1 MB): one string under the container bound, over the document's
{ printf '{"Version": "2012-10-17", "Statement": {"Sid": "'; head -c 1100000 /dev/zero | tr '\000' A; printf '"}}'; } >"$TMP/big-doc.json"
check limit-document 10 2 "big-doc.json:1:1: error: document of 1100051 bytes is larger than 1048576 (limit)" -- "$T" lint --no-config "$TMP/big-doc.json"

# max_statements (1,000), located at the Statement array
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": ["; for (i = 0; i < 1001; i++) printf "%s{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}", (i ? "," : ""); print "]}" }' >"$TMP/stmts-1001.json"
check limit-statements-located 10 2 "stmts-1001.json:1:40: error: more than 1000 statements (limit)" -- "$T" lint --no-config "$TMP/stmts-1001.json"

# max_values (100,000 scalars): one value a line, so the 100,001st scalar
# (4 before the list, then value 99,997) is on line 99,998
awk 'BEGIN { print "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": ["; for (i = 0; i < 120000; i++) printf "%s\"o\"\n", (i ? "," : ""); print "]}}}}" }' >"$TMP/values-120k.json"
check limit-values-located 10 2 "values-120k.json:99998:2: error: more than 100000 JSON scalar values (limit)" -- "$T" lint --no-config "$TMP/values-120k.json"

# max_depth (64) in a document, and the containers' own (128) in a template
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Sid\": "; for (i = 0; i < 70; i++) printf "["; for (i = 0; i < 70; i++) printf "]"; print "}}" }' >"$TMP/deep-70.json"
check limit-depth-document 10 2 "deep-70.json:1:" -- "$T" lint --no-config "$TMP/deep-70.json"
check limit-depth-document-message 10 2 "error: nesting deeper than 64 levels (limit)" -- "$T" lint --no-config "$TMP/deep-70.json"
awk 'BEGIN { printf "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Metadata\": "; for (i = 0; i < 200; i++) printf "["; for (i = 0; i < 200; i++) printf "]"; print ", \"Resources\": {}}" }' >"$TMP/deep-cfn.json"
check limit-depth-container 10 2 "deep-cfn.json:1:183: error: nesting deeper than 128 levels (limit)" -- "$T" lint --no-config --input-format cloudformation-json "$TMP/deep-cfn.json"

# the CLI's file bound (64 MB) comes before any parsing
head -c 67200000 /dev/zero | tr '\000' ' ' >"$TMP/64mb.json"
check limit-cli-file 20 2 "64mb.json is larger than 67108864 bytes (limit)" -- "$T" lint --no-config "$TMP/64mb.json"
rm -f "$TMP/64mb.json"

# a role document inside a container keeps the document bounds
awk 'BEGIN { printf "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {\"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": ["; for (i = 0; i < 1001; i++) printf "%s{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}", (i ? "," : ""); print "]}}}}}" }' >"$TMP/cfn-stmts.json"
check limit-statements-in-template 10 2 "cfn-stmts.json:1:172: error: role R: more than 1000 statements (limit)" -- "$T" lint --no-config "$TMP/cfn-stmts.json"
# ... and the container's string bound (1 MB) for a URL-encoded document in a dump
{ printf '{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": "'; head -c 1100000 /dev/zero | tr '\000' A; printf '"}]}'; } >"$TMP/dump-long.json"
check limit-string-container 10 2 "dump-long.json:1:67: error: string of 1100000 bytes is longer than 1048576 (limit)" -- "$T" lint --no-config --input-format account "$TMP/dump-long.json"

# numbers: wider than 64 bytes is text, never a number (NUMBER_MAX in engine/values.c)
n100=$(head -c 100 /dev/zero | tr '\000' 9)
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": %s}}}}' "$n100" >"$TMP/num-100.json"
check limit-number-width 10 1 "num-100.json:1:186: warning: aws:MultiFactorAuthAge value \"$n100\" under NumericLessThan is not a number, so it never matches [TL408" -- "$T" lint --no-config "$TMP/num-100.json"

# YAML: nesting past 128, and more than 2,000,000 nodes
awk 'BEGIN { print "AWSTemplateFormatVersion: \"2010-09-09\""; printf "Metadata: "; for (i = 0; i < 200; i++) printf "["; for (i = 0; i < 200; i++) printf "]"; print ""; print "Resources: {}" }' >"$TMP/deep.yaml"
check limit-yaml-depth 10 2 "deep.yaml:2:" -- "$T" lint --no-config "$TMP/deep.yaml"
check limit-yaml-depth-message 10 2 "error: YAML nesting deeper than 128 levels (limit)" -- "$T" lint --no-config "$TMP/deep.yaml"
awk 'BEGIN { print "AWSTemplateFormatVersion: \"2010-09-09\""; print "Resources: {}"; print "Metadata:"; for (i = 0; i < 2100000; i++) print "- a" }' >"$TMP/nodes.yaml"
check limit-yaml-nodes 30 2 "error: more than 2000000 YAML nodes (limit)" -- "$T" lint --no-config "$TMP/nodes.yaml"
rm -f "$TMP/nodes.yaml"

# a directory tree deeper than the walk goes (64) is an error, not a silent skip
deep_dir=$TMP/tree
i=0; while [ $i -lt 70 ]; do deep_dir=$deep_dir/d; i=$((i+1)); done
mkdir -p "$deep_dir"
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}' >"$deep_dir/open.json"
check limit-walk-depth 10 2 "error: directories nested deeper than 64 levels (limit)" -- "$T" lint --no-config "$TMP/tree"
# ... and so is a path longer than the walk's buffer (4,095 bytes)
mkdir "$TMP/long"
( cd "$TMP/long" && i=0 && while [ $i -lt 20 ]; do d=$(printf '%0200d' $i); mkdir "$d" && cd "$d" || exit 1; i=$((i+1)); done && cp "$deep_dir/open.json" "$(printf '%0245d' 0).json" )
check limit-walk-path 10 2 "error: a name in it makes a path longer than 4095 bytes (limit)" -- "$T" lint --no-config "$TMP/long"
