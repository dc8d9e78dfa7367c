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

# ---- scaling: no rule is quadratic in statements, conditions or values ----
# Documents near the 1 MB limit that maximise what the rules loop over; each
# lints within SCALE_SECS (under ASan+UBSan on a slow machine too; a
# quadratic rule takes minutes here) and reports the expected findings: the
# summary line, and how many findings the looping rule gave.
SCALE_SECS=${SCALE_SECS:-3}
GH_ARN=arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com
EKS_HOST=oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF
# scale NAME FILE SUMMARY COUNT RULE: summary line present, COUNT findings of RULE
scale() {
	check "scale-$2" "$SCALE_SECS" 1 "$3" -- "$T" lint --no-config "$TMP/$2.json"
	got=$(grep -c "\[$5\]\$" "$TMP/out")
	if [ "$got" -ne "$4" ]; then
		echo "FAIL scale-$2: $got findings of $5, wanted $4"; fail=$((fail+1))
	fi
}
head_gh='{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "'$GH_ARN'"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": ['
# GitHub: 55000 repository-wide subjects, each a TL302 note (every branch, tag, PR and environment)
awk -v h="$head_gh" 'BEGIN { printf "%s", h; for (i = 0; i < 55000; i++) printf "%s\"repo:o/r%d:*\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/gh-sub.json"
scale gh-sub gh-sub "1 error, 0 warnings, 55000 notes" 55000 "TL302 oidc-wildcard-subject"
grep -qF 'subject pattern "repo:o/r54999:*" admits every branch, tag, pull request and environment of o/r54999' "$TMP/out" ||
	{ echo "FAIL scale-gh-sub: last pattern not graded"; fail=$((fail+1)); }
# GitHub: 45000 claim-first subjects ("environment:eN"): TL303 error each (and one TL309 note for the key: no wildcard in StringLike)
awk -v h="$head_gh" 'BEGIN { printf "%s", h; for (i = 0; i < 45000; i++) printf "%s\"environment:e%d\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/gh-claim-first.json"
scale gh-claim-first gh-claim-first "45001 errors, 0 warnings, 1 note" 45000 "TL303 oidc-github-claim-order"
# GitHub: owner-wide subjects beside exclusions on the same key (StringNotLike "repo:oN/x:*")
awk -v h="$head_gh" 'BEGIN { printf "%s", h; for (i = 0; i < 24000; i++) printf "%s\"repo:o%d/*\"", (i ? "," : ""), i; printf "]}, \"StringNotLike\": {\"token.actions.githubusercontent.com:sub\": ["; for (i = 0; i < 24000; i++) printf "%s\"repo:o%d/x:*\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/gh-excl.json"
scale gh-excl gh-excl "1 error, 24000 warnings, 0 notes" 24000 "TL302 oidc-wildcard-subject"
# IRSA: 30000 namespace-wide subjects, a TL302 warning each
awk -v p="arn:aws:iam::111122223333:oidc-provider/$EKS_HOST" -v h="$EKS_HOST" 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"%s\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {\"%s:aud\": \"sts.amazonaws.com\"}, \"StringLike\": {\"%s:sub\": [", p, h, h; for (i = 0; i < 30000; i++) printf "%s\"system:serviceaccount:n%d:*\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/irsa-sub.json"
scale irsa-sub irsa-sub "1 error, 30000 warnings, 1 note" 30000 "TL302 oidc-wildcard-subject"
# 1000 statements x 24 other-account roots: TL203 note each
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": ["; for (s = 0; s < 1000; s++) { printf "%s{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": [", (s ? "," : ""); for (i = 0; i < 24; i++) printf "%s\"arn:aws:iam::%012d:root\"", (i ? "," : ""), s * 24 + i; printf "]}, \"Action\": \"sts:AssumeRole\"}" } print "]}" }' >"$TMP/stmts-principals.json"
scale stmts-principals stmts-principals "1 error, 0 warnings, 24000 notes" 24000 "TL203 cross-account-without-external-id"
# one statement, 25000 condition keys: unknown global keys (TL404), ForAllValues on
# single-valued keys (TL401), unsupported GitHub claims (TL307)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {"; for (i = 0; i < 25000; i++) printf "%s\"aws:Unknown%d\": \"v\"", (i ? "," : ""), i; print "}}}}" }' >"$TMP/keys-unknown.json"
scale keys-unknown keys-unknown "25001 errors, 0 warnings, 1 note" 25000 "TL404 unknown-global-condition-key"
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"ForAllValues:StringEquals\": {"; for (i = 0; i < 25000; i++) printf "%s\"aws:PrincipalTag/k%d\": \"v\"", (i ? "," : ""), i; print "}}}}" }' >"$TMP/keys-forall.json"
scale keys-forall keys-forall "1 error, 25000 warnings, 1 note" 25000 "TL401 forallvalues-single-valued-key"
awk -v p="$GH_ARN" 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"%s\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\", \"token.actions.githubusercontent.com:sub\": \"repo:o/r:ref:refs/heads/main\"", p; for (i = 0; i < 20000; i++) printf ",\"token.actions.githubusercontent.com:c%d\": \"v\"", i; print "}}}}" }' >"$TMP/keys-claims.json"
scale keys-claims keys-claims "20001 errors, 0 warnings, 0 notes" 20000 "TL307 oidc-unsupported-claim"
# one statement, 40000 Service principals: TL501 for each (s3 sends the keys: a warning; the rest unknown: notes)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Service\": ["; for (i = 0; i < 40000; i++) printf "%s\"s%d.amazonaws.com\"", (i ? "," : ""), i; print "]}, \"Action\": \"sts:AssumeRole\"}}" }' >"$TMP/services.json"
scale services services "1 error, 1 warning, 39999 notes" 40000 "TL501 service-confused-deputy"
# principals x condition keys: 5000 GitHub Enterprise providers, 10000 unknown keys
# (each fails closed, so the statement never applies: no federation findings)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": ["; for (i = 0; i < 5000; i++) printf "%s\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/e%d\"", (i ? "," : ""), i; printf "]}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {"; for (i = 0; i < 10000; i++) printf "%s\"aws:Unknown%d\": \"v\"", (i ? "," : ""), i; print "}}}}" }' >"$TMP/fed-x-keys.json"
scale fed-x-keys fed-x-keys "10001 errors, 4999 warnings, 0 notes" 10000 "TL404 unknown-global-condition-key"
# principals x values: 4000 providers, 8000 owner-wide subjects for the first one
# (the others' statement never applies: their sub key is never sent)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": ["; for (i = 0; i < 4000; i++) printf "%s\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/e%d\"", (i ? "," : ""), i; printf "]}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringLike\": {\"token.actions.githubusercontent.com/e0:sub\": ["; for (i = 0; i < 8000; i++) printf "%s\"repo:o%d/*\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/fed-x-sub.json"
scale fed-x-sub fed-x-sub "1 error, 11999 warnings, 1 note" 8000 "TL302 oidc-wildcard-subject"
# principals x keys that never close the statement: 5000 providers, 12000 tag keys (every
# principal is checked against every key by TL301/TL302/TL304: one walk per statement)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": ["; for (i = 0; i < 5000; i++) printf "%s\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/e%d\"", (i ? "," : ""), i; printf "]}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {"; for (i = 0; i < 12000; i++) printf "%s\"aws:PrincipalTag/k%d\": \"v\"", (i ? "," : ""), i; print "}}}}" }' >"$TMP/fed-x-tags.json"
scale fed-x-tags fed-x-tags "1 error, 9999 warnings, 5000 notes" 5000 "TL301 oidc-missing-subject"
# 4000 EKS providers with literal ids x 4000 sub keys, one per provider: TL308 counts each
# provider's keys (a note each, "and a condition key")
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": ["; for (i = 0; i < 4000; i++) printf "%s\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/%032d\"", (i ? "," : ""), i; printf "]}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {"; for (i = 0; i < 4000; i++) printf "%s\"oidc.eks.us-east-1.amazonaws.com/id/%032d:sub\": \"system:serviceaccount:a:b\"", (i ? "," : ""), i; print "}}}}" }' >"$TMP/eks-x-keys.json"
scale eks-x-keys eks-x-keys "1 error, 3999 warnings, 4000 notes" 4000 "TL308 oidc-hardcoded-provider-id"
# every key names one of the statement's providers (TL306 once saw only the first 16)
[ "$(grep -c '\[TL306 oidc-condition-provider-mismatch\]$' "$TMP/out")" -eq 0 ] ||
	{ echo "FAIL scale-eks-x-keys: TL306 reports keys of the statement's own providers"; fail=$((fail+1)); }
grep -qF 'provider id 00000000000000000000000000003999 (a cluster in us-east-1) is written into the principal and a condition key' "$TMP/out" ||
	{ echo "FAIL scale-eks-x-keys: the last provider's key not counted"; fail=$((fail+1)); }
# Principal "*" bounded by ArnLike aws:PrincipalArn with 20000 ARNs, the last with a wildcard
# account: TL201 moves each ARN to a stranger's account and asks again (one lookup each)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"ArnLike\": {\"aws:PrincipalArn\": ["; for (i = 0; i < 20000; i++) printf "\"arn:aws:iam::111122223333:role/r%d\",", i; print "\"arn:aws:iam::*:role/last\"]}}}}" }' >"$TMP/arn-list.json"
scale arn-list arn-list "2 errors, 0 warnings, 0 notes" 1 "TL201 wildcard-principal"
echo "hostile+scaling: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

# ---- scaling (2): summaries that rules build once per lint run ----
# 15600 GitLab providers (one per account, 130 to an Allow statement) beside
# 879 Deny statements for anyone on gitlab.com:sub that do not refuse a
# stranger's project, and one that names the last provider and refuses every
# project outside acme: TL301 asks each provider whether a Deny binds it (one
# summary of the Deny statements, not a walk of them per provider): 15599
# findings (one Deny walk per provider took 3.4 s plain, 32 s under ASan)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": ["; for (s = 0; s < 120; s++) { printf "%s{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": [", (s ? "," : ""); for (i = s * 130; i < s * 130 + 130; i++) printf "%s\"arn:aws:iam::%012d:oidc-provider/gitlab.com\"", (i > s * 130 ? "," : ""), i; printf "]}, \"Action\": \"sts:AssumeRoleWithWebIdentity\"}" } for (s = 0; s < 879; s++) printf ",{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringNotLike\": {\"gitlab.com:sub\": \"project_path:*\"}}}"; printf ",{\"Effect\": \"Deny\", \"Principal\": {\"Federated\": \"arn:aws:iam::%012d:oidc-provider/gitlab.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringNotLike\": {\"gitlab.com:sub\": \"project_path:acme/*\"}}}", 15599; print "]}" }' >"$TMP/deny-x-principals.json"
scale deny-x-principals deny-x-principals "15600 errors, 15480 warnings, 15600 notes" 15599 "TL301 oidc-missing-subject"
# 20000 principals of 10 accounts, narrowed by ArnLike aws:PrincipalArn with
# 18000 role patterns (each probe walks them all: the account is a wildcard):
# TL203 asks once per account, not once per principal; a warning each with
# --account (another organisation's roles, no external id)
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": ["; for (i = 0; i < 20000; i++) printf "%s\"4444555566%02d\"", (i ? "," : ""), i % 10; printf "]}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"ArnLike\": {\"aws:PrincipalArn\": ["; for (i = 0; i < 18000; i++) printf "%s\"arn:aws:iam::*:role/d%d\"", (i ? "," : ""), i; print "]}}}}" }' >"$TMP/accounts-narrowed.json"
check scale-accounts-narrowed "$SCALE_SECS" 1 "1 error, 20000 warnings, 0 notes" -- "$T" lint --no-config --account 111122223333 "$TMP/accounts-narrowed.json"
[ "$(grep -c 'principal "444455556609" (narrowed to named principals by a condition) trusts account 444455556609.*\[TL203 cross-account-without-external-id\]$' "$TMP/out")" -eq 2000 ] ||
	{ echo "FAIL scale-accounts-narrowed: not 2000 TL203 findings for account 444455556609"; fail=$((fail+1)); }
# A Terraform plan of 4000 roles whose trust policy is unknown until apply,
# each computed from its own data.aws_iam_policy_document (statement blocks,
# json unknown), beside 20000 permissions policy documents.  Each role finds
# its configuration and its document by lookup, not by a walk over all of
# them (which took 3.3 s plain, 6.6 s under ASan): a TL203 note for each
# role's account root, and no role left unknown.
# gen_plan ROLES DOCS: ROLES roles whose assume_role_policy is unknown until
# apply, each computed from its own data.aws_iam_policy_document (a half at
# the root, a quarter in the instances of one for_each module call, a quarter
# in module calls of their own), and DOCS more documents at the root that are
# permissions policies (listed, in the configuration too, never linted)
gen_plan() {
	awk -v n="$1" -v x="$2" 'BEGIN {
	q = int(n / 4); h = n - 2 * q
	printf "{\"format_version\": \"1.2\", \"resource_changes\": ["
	for (i = 0; i < x; i++)
		printf "{\"address\": \"data.aws_iam_policy_document.p%d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"p%d\", \"change\": {\"actions\": [\"read\"], \"before\": null, \"after\": {\"statement\": [{\"actions\": [\"s3:GetObject\"], \"resources\": [\"*\"]}]}, \"after_unknown\": {\"json\": true}}},", i, i
	for (i = 0; i < n; i++) {
		if (i < h) { mod = ""; ma = ""; r = "r" i; d = "d" i }
		else if (i < h + q) { mod = sprintf("module.team[\\\"t%d\\\"]", i); ma = "\"module_address\": \"" mod "\", "; mod = mod "."; r = "deploy"; d = "deploy" }
		else { mod = "module.m" i; ma = "\"module_address\": \"" mod "\", "; mod = mod "."; r = "deploy"; d = "trust" }
		printf "%s{\"address\": \"%saws_iam_role.%s\", %s\"mode\": \"managed\", \"type\": \"aws_iam_role\", \"name\": \"%s\", \"change\": {\"actions\": [\"create\"], \"before\": null, \"after\": {\"name\": \"%s\"}, \"after_unknown\": {\"arn\": true, \"assume_role_policy\": true}}}", (i ? "," : ""), mod, r, ma, r, r
		printf ",{\"address\": \"%sdata.aws_iam_policy_document.%s\", %s\"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"%s\", \"change\": {\"actions\": [\"read\"], \"before\": null, \"after\": {\"statement\": [{\"actions\": [\"sts:AssumeRole\"], \"effect\": \"Allow\", \"principals\": [{\"type\": \"AWS\", \"identifiers\": [\"arn:aws:iam::4444555566%02d:root\"]}]}], \"version\": null}, \"after_unknown\": {\"id\": true, \"json\": true}}}", mod, d, ma, d, i % 100
	}
	printf "], \"configuration\": {\"root_module\": {\"resources\": ["
	for (i = 0; i < x; i++)
		printf "{\"address\": \"data.aws_iam_policy_document.p%d\", \"mode\": \"data\", \"type\": \"aws_iam_policy_document\", \"name\": \"p%d\"},", i, i
	for (i = 0; i < h; i++)
		printf "%s{\"address\": \"aws_iam_role.r%d\", \"mode\": \"managed\", \"type\": \"aws_iam_role\", \"name\": \"r%d\", \"expressions\": {\"assume_role_policy\": {\"references\": [\"data.aws_iam_policy_document.d%d.json\", \"data.aws_iam_policy_document.d%d\"]}}}", (i ? "," : ""), i, i, i, i
	printf "], \"module_calls\": {\"team\": {\"source\": \"./team\", \"module\": {\"resources\": [{\"address\": \"aws_iam_role.deploy\", \"mode\": \"managed\", \"type\": \"aws_iam_role\", \"name\": \"deploy\", \"expressions\": {\"assume_role_policy\": {\"references\": [\"data.aws_iam_policy_document.deploy.json\", \"data.aws_iam_policy_document.deploy\"]}}}]}}"
	for (i = h + q; i < n; i++)
		printf ", \"m%d\": {\"source\": \"./m\", \"module\": {\"resources\": [{\"address\": \"aws_iam_role.deploy\", \"mode\": \"managed\", \"type\": \"aws_iam_role\", \"name\": \"deploy\", \"expressions\": {\"assume_role_policy\": {\"references\": [\"data.aws_iam_policy_document.trust.json\", \"data.aws_iam_policy_document.trust\"]}}}]}}", i
	print "}}}}"
	}'
}
gen_plan 4000 20000 >"$TMP/plan-roles.json"
check scale-tf-plan-roles "$SCALE_SECS" 0 "0 errors, 0 warnings, 4000 notes in 1 file" -- "$T" lint --no-config "$TMP/plan-roles.json"
[ "$(grep -c '^[^ ].*: note: role [^ ]*aws_iam_role\.[a-z0-9]*: principal "arn:aws:iam::4444555566[0-9][0-9]:root" lets every user.*\[TL203 cross-account-without-external-id\]$' "$TMP/out")" -eq 4000 ] ||
	{ echo "FAIL scale-tf-plan-roles: not a TL203 note for each of the 4000 roles"; fail=$((fail+1)); }
for role in 'aws_iam_role.r1999: principal "arn:aws:iam::444455556699:root"' 'module.team\["t2999"\].aws_iam_role.deploy: principal "arn:aws:iam::444455556699:root"' 'module.m3999.aws_iam_role.deploy: principal "arn:aws:iam::444455556699:root"'; do
	grep -q "note: role $role" "$TMP/out" ||
		{ echo "FAIL scale-tf-plan-roles: no finding for role $role"; fail=$((fail+1)); }
done
# one statement naming 12000 identity providers (and three of them twice):
# TL312 once for each distinct provider after the first, found by sorting
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Principal\": {\"Federated\": ["; for (i = 0; i < 12003; i++) printf "%s\"arn:aws:iam::111122223333:oidc-provider/o.example/%08X\"", (i ? "," : ""), i % 12000; print "]}}]}" }' >"$TMP/many-providers.json"
check scale-many-providers "$SCALE_SECS" 1 "in 1 file" -- "$T" lint --no-config "$TMP/many-providers.json"
[ "$(grep -c 'multiple-federated-providers\]$' "$TMP/out")" -eq 11999 ] ||
	{ echo "FAIL scale-many-providers: not 11999 TL312 findings"; fail=$((fail+1)); }
echo "hostile+scaling (2): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
