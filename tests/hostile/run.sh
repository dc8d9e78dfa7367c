#!/bin/sh
# Hostile inputs: each gets a clear, located error or a correct result within
# a time bound; never a crash, a hang or a silent pass.  The outcome itself
# is checked (exit status and message), not only that something exited.
# Usage: TRUSTLINT=path/to/trustlint sh tests/hostile/run.sh
set -u
T=${TRUSTLINT:-build/plain/trustlint}
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

# check NAME SECONDS WANT_STATUS PATTERN -- command...
check() {
	name=$1; secs=$2; want=$3; pattern=$4; shift 5
	start=$(date +%s)
	timeout "$secs" "$@" >"$TMP/out" 2>&1
	got=$?
	took=$(( $(date +%s) - start ))
	if [ "$got" -eq 124 ]; then
		echo "FAIL $name: no answer within ${secs}s"; fail=$((fail+1)); return
	fi
	if [ "$got" -ge 128 ]; then
		echo "FAIL $name: killed by signal $((got-128))"; head -5 "$TMP/out"; fail=$((fail+1)); return
	fi
	if [ "$got" -ne "$want" ] || { [ -n "$pattern" ] && ! grep -qF -- "$pattern" "$TMP/out"; }; then
		echo "FAIL $name: exit $got (wanted $want), output:"; head -c 600 "$TMP/out"; echo; fail=$((fail+1)); return
	fi
	echo "ok   $name (${took}s)"
	pass=$((pass+1))
}

# topic files (each uses check, $T and $TMP); sourced here, before the
# cases below, so that cases appended at the end merge cleanly
HOSTILE_DIR=$(cd "$(dirname "$0")" && pwd)
for topic in limits containers requests config suites; do
	[ -f "$HOSTILE_DIR/$topic.sh" ] && . "$HOSTILE_DIR/$topic.sh"
done


printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Princ' >"$TMP/truncated.json"
check truncated-json 10 2 "truncated.json:1:61: error: premature end of input near '\"Princ'" -- "$T" lint --no-config "$TMP/truncated.json"

printf '{"Version": "2012-10-17", "Statement": {"Sid": "\377\376", "Effect": "Allow"}}' >"$TMP/utf8.json"
check invalid-utf8 10 2 "utf8.json:1:49: error: invalid UTF-8 (byte 0xff)" -- "$T" lint --no-config "$TMP/utf8.json"

printf '{"Version": "2012-10-17",\000 "Statement": []}' >"$TMP/nul.json"
check nul-byte 10 2 "nul.json:1:26: error: NUL byte in the text (JSON allows none)" -- "$T" lint --no-config "$TMP/nul.json"
printf '{"Sid": "a\\u0000b"}' >"$TMP/nul-escape.json"
check nul-escape 10 2 "nul-escape.json:1:9: error: \\u0000 (NUL) is not allowed in a string" -- "$T" lint --no-config "$TMP/nul-escape.json"

awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]" }' >"$TMP/deep.json"
check deep-nesting-100000 10 2 "deep.json:1:65: error: nesting deeper than 64 levels (limit)" -- "$T" lint --no-config "$TMP/deep.json"
check deep-nesting-eval 10 2 "deep.json:1:65: error: nesting deeper than 64 levels (limit)" -- "$T" eval --policy "$TMP/deep.json" --request "$TMP/deep.json"

{ printf '{"Version": "2012-10-17", "Statement": [{"Sid": "'; head -c 52428800 /dev/zero | tr '\000' A; printf '"}]}'; } >"$TMP/big-string.json"
check string-50mb 30 2 "big-string.json:1:1: error: document of 52428853 bytes is larger than 1048576 (limit)" -- "$T" lint --no-config "$TMP/big-string.json"

awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": ["; for (i = 0; i < 1000000; i++) printf "%s{\"Effect\":\"Allow\"}", (i ? "," : ""); print "]}" }' >"$TMP/million-statements.json"
check million-statements 30 2 "million-statements.json:1:1: error: document of 19000042 bytes is larger than 1048576 (limit)" -- "$T" lint --no-config "$TMP/million-statements.json"
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": ["; for (i = 0; i < 2000; i++) printf "%s{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}", (i ? "," : ""); print "]}" }' >"$TMP/many-statements.json"
check statement-limit 10 2 "many-statements.json:1:40: error: more than 1000 statements (limit)" -- "$T" lint --no-config "$TMP/many-statements.json"

awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": ["; for (i = 0; i < 1000000; i++) printf "%s\"o-%d\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/million-values.json"
check million-condition-values 30 2 "million-values.json:1:1: error: document of 10889063 bytes is larger than 1048576 (limit)" -- "$T" lint --no-config "$TMP/million-values.json"
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": ["; for (i = 0; i < 150000; i++) printf "%s\"o\"", (i ? "," : ""); print "]}}}}" }' >"$TMP/many-values.json"
check value-limit 10 2 "many-values.json:1:400153: error: more than 100000 JSON scalar values (limit)" -- "$T" lint --no-config "$TMP/many-values.json"

cat >"$TMP/dups.json" <<'JSON'
{"Version": "2012-10-17", "Version": "2012-10-17",
 "Statement": [{"Effect": "Allow", "Effect": "Deny",
   "Principal": {"AWS": "*", "AWS": "arn:aws:iam::111122223333:root"},
   "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1"}, "StringEquals": {"aws:SourceAccount": "1"}}}]}
JSON
# a repeated key is a finding (exit 1, PEERS.md 4.4); the last-wins reading is linted on
check duplicate-keys-every-level 10 1 "dups.json:4:65: error: duplicate key \"StringEquals\" in /Statement/0/Condition (also at line 4)" -- "$T" lint --no-config "$TMP/dups.json"
check duplicate-keys-all-found 10 1 "dups.json:1:27: error: duplicate key \"Version\" in the document (also at line 1)" -- "$T" lint --no-config "$TMP/dups.json"
check duplicate-keys-name-lost 10 1 "dups.json:4:65: error: duplicate key \"StringEquals\" in /Statement/0/Condition (also at line 4): IAM refuses the policy, and a last-wins parser (most tools, and the rest of this lint) keeps only the one at line 4 and drops \"aws:PrincipalOrgID\" from line 4" -- "$T" lint --no-config "$TMP/dups.json"
check duplicate-keys-last-wins-linted 10 1 "dups.json:2:16: error: statement 0 has no Action" -- "$T" lint --no-config "$TMP/dups.json"

cat >"$TMP/types.json" <<'JSON'
{"Version": 2012, "Id": [], "Statement": [{"Sid": 1, "Effect": true, "Principal": [1],
  "Action": {"a": 1}, "Condition": ["StringEquals"]}, 7, null]}
JSON
check wrong-types-everywhere 10 1 "Condition must be an object, not an array" -- "$T" lint --no-config "$TMP/types.json"
check wrong-types-statement 10 1 "a statement must be an object, not a number" -- "$T" lint --no-config "$TMP/types.json"

cat >"$TMP/huge-numbers.json" <<'JSON'
{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
 "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": 123456789012345678901234567890123456789}, "StringEquals": {"aws:SourceAccount": "111122223333"}}}}
JSON
check huge-integer-kept 10 0 "" -- "$T" lint --no-config "$TMP/huge-numbers.json"
# ... and it is a number to compare against, on both sides of it
printf '{"principal": {"type": "Service", "id": "ec2.amazonaws.com"}, "action": "sts:AssumeRole", "context": {"aws:MultiFactorAuthAge": "%s", "aws:SourceAccount": "111122223333"}}' 5 >"$TMP/mfa-small.json"
printf '{"principal": {"type": "Service", "id": "ec2.amazonaws.com"}, "action": "sts:AssumeRole", "context": {"aws:MultiFactorAuthAge": "%s", "aws:SourceAccount": "111122223333"}}' 2e38 >"$TMP/mfa-big.json"
check huge-integer-below 10 0 "Allow (statement 0)" -- "$T" eval --policy "$TMP/huge-numbers.json" --request "$TMP/mfa-small.json"
check huge-integer-above 10 0 "condition NumericLessThan aws:MultiFactorAuthAge: false: no policy value matched" -- "$T" eval --policy "$TMP/huge-numbers.json" --request "$TMP/mfa-big.json"
printf '{"Version": "2012-10-17", "Statement": {"Condition": {"NumericLessThan": {"k": 1e999999}}}}' >"$TMP/overflow.json"
check huge-real-located 10 2 "overflow.json:1:80: error: real number overflow near '1e999999'" -- "$T" lint --no-config "$TMP/overflow.json"

# YAML: a billion-laughs alias bomb in a template
cat >"$TMP/bomb.yaml" <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]
YAML
check yaml-alias-bomb 10 2 "bomb.yaml:8:20: error: role Role: more than 100 YAML alias expansions (limit)" -- "$T" lint --no-config "$TMP/bomb.yaml"

# StringLike: *a*a*a...*b against long values decides, and quickly
star=$(awk 'BEGIN { for (i = 0; i < 200; i++) printf "*a"; printf "*b" }')
long=$(head -c 60000 /dev/zero | tr '\000' a)
printf '{"id": 1, "policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringLike": {"aws:PrincipalTag/x": "%s"}}}}, "request": {"principal": {"type": "AWS", "id": "444455556666"}, "action": "sts:AssumeRole", "context": {"aws:PrincipalTag/x": "%s"}}}\n' "$star" "$long" >"$TMP/glob.jsonl"
printf '{"id": 2, "policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole", "Condition": {"StringLike": {"aws:PrincipalTag/x": "%s"}}}}, "request": {"principal": {"type": "AWS", "id": "444455556666"}, "action": "sts:AssumeRole", "context": {"aws:PrincipalTag/x": "%sb"}}}\n' "$star" "$long" >>"$TMP/glob.jsonl"
check stringlike-pathological-deny 10 0 '{"id": 1, "decision": "ImplicitDeny"' -- "$T" eval --batch "$TMP/glob.jsonl"
check stringlike-pathological-allow 10 0 '{"id": 2, "decision": "Allow"' -- "$T" eval --batch "$TMP/glob.jsonl"

# StringLike with long middle segments: a 960 KB policy of 28 values
# "*" a*32000 "b<i>*" against a 65,000-character "aaa..." value took 12-15 s
# when each segment slid along the value one byte at a time; linear now.
# Request 2 ends in "b7", so value 7 matches; the '?' variant puts a '?'
# every 64 characters (Shift-And over many words) and must agree; the
# variable variant builds the same patterns per request from
# "*${aws:PrincipalTag/p}b<i>*" (28.6 s before).
long_segments() { # $1: file, $2: 1 for the '?' variant, 2 for the variable one
	awk -v q="$2" 'BEGIN {
		a = "a"; while (length(a) < 32000) a = a a; a = substr(a, 1, 32000)
		v = a a substr(a, 1, 1000)
		if (q == 1) { seg = ""; for (i = 0; i < 31; i++) seg = seg substr(a, 1, 63) "?"; a = seg }
		ctx = q == 2 ? "\"aws:PrincipalTag/p\": \"" a "\", " : ""
		pat = q == 2 ? "${aws:PrincipalTag/p}" : a
		pol = "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringLike\": {\"aws:PrincipalTag/x\": ["
		for (i = 0; i < 28; i++) pol = pol (i ? ", " : "") "\"*" pat "b" i "*\""
		pol = pol "]}}}}"
		req = "\"request\": {\"principal\": {\"type\": \"AWS\", \"id\": \"444455556666\"}, \"action\": \"sts:AssumeRole\", \"context\": {" ctx "\"aws:PrincipalTag/x\": \""
		printf "{\"id\": 1, \"policy\": %s, %s%s\"}}}\n", pol, req, v
		printf "{\"id\": 2, \"policy\": %s, %s%sb7\"}}}\n", pol, req, v
	}' >"$1"
}
long_segments "$TMP/segments.jsonl" 0
check stringlike-long-segments-deny 3 0 '{"id": 1, "decision": "ImplicitDeny"' -- "$T" eval --batch "$TMP/segments.jsonl"
check stringlike-long-segments-allow 3 0 '{"id": 2, "decision": "Allow", "matched": [0]' -- "$T" eval --batch "$TMP/segments.jsonl"
long_segments "$TMP/segments-q.jsonl" 1
check stringlike-long-q-segments-deny 3 0 '{"id": 1, "decision": "ImplicitDeny"' -- "$T" eval --batch "$TMP/segments-q.jsonl"
check stringlike-long-q-segments-allow 3 0 '{"id": 2, "decision": "Allow", "matched": [0]' -- "$T" eval --batch "$TMP/segments-q.jsonl"
long_segments "$TMP/segments-var.jsonl" 2
check stringlike-long-variable-segments-deny 3 0 '{"id": 1, "decision": "ImplicitDeny"' -- "$T" eval --batch "$TMP/segments-var.jsonl"
check stringlike-long-variable-segments-allow 3 0 '{"id": 2, "decision": "Allow", "matched": [0]' -- "$T" eval --batch "$TMP/segments-var.jsonl"

# organisation rule with catastrophic backtracking: reported, not hung, not passed
mkdir -p "$TMP/org"
printf '{"org_rules": [{"key": "*:sub", "must_match": "^(a|aa)+$"}]}' >"$TMP/org/.trustlint.json"
long_a=$(head -c 5000 /dev/zero | tr '\000' a)
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "%s!"}}}}' "$long_a" >"$TMP/org/role.json"
check pcre2-catastrophic 20 1 "org/role.json:1:348: error: organisation rule on *:sub could not be checked against \"aaaa" -- "$T" lint "$TMP/org/role.json"

# a file that does not exist, a directory given as a policy
check missing-file 10 2 "$TMP/none.json: error: No such file or directory" -- "$T" lint --no-config "$TMP/none.json"
check directory-as-policy 10 2 "$TMP: error: cannot read $TMP: Is a directory" -- "$T" eval --policy "$TMP" --request "$TMP/nul.json"

echo "hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
