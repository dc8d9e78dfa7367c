# Hostile .trustlint.json configs, and organisation rules (PCRE2) that
# backtrack without end over a document near the size limit.  A broken
# config stops the run (exit 2) at its line:column; it is never skipped.
# Sourced by run.sh: uses check, $T and $TMP.

K=$TMP/config
mkdir -p "$K"
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}}' >"$K/role.json"
# cfg NAME PATTERN PRINTF-FORMAT [ARGS]: NAME.json as the config of a lint (exit 2)
cfg() {
	name=$1; pattern=$2; shift 2
	# shellcheck disable=SC2059
	printf "$@" >"$K/$name.json"
	check "config-$name" 10 2 "$K/$name.json:$pattern" -- "$T" lint --config "$K/$name.json" "$K/role.json"
}
cfg truncated "1:11: error: string or '}' expected near end of file" '{"rules": {'
cfg invalid "1:11: error: invalid token near 'x'" '{"rules": x}'
cfg root-array "1:1: error: the config must be a JSON object" '[1]'
cfg org-rules-object '1:15: error: "org_rules" must be an array' '{"org_rules": {}}'
cfg org-rule-string '1:16: error: an org rule is an object {"key", "must_match" or "must_not_match", "message"}' '{"org_rules": ["x"]}'
cfg org-rule-no-pattern '1:16: error: an org rule needs "key" and "must_match" or "must_not_match"' '{"org_rules": [{"key": "*"}]}'
cfg pattern-number "1:43: error: a pattern must be a string" '{"org_rules": [{"key": "*", "must_match": 5}]}'
cfg pattern-bad "1:43: error: bad pattern at offset 2: missing closing parenthesis" '{"org_rules": [{"key": "*", "must_match": "(a"}]}'
cfg key-number '1:24: error: unknown or malformed org rule field "key"' '{"org_rules": [{"key": 1, "must_match": "a"}]}'
cfg rules-string '1:11: error: "rules" must map rule names to "error", "warning", "note" or "off"' '{"rules": "x"}'
cfg rule-severity-number '1:34: error: rule "wildcard-principal": severity must be "error", "warning", "note" or "off"' '{"rules": {"wildcard-principal": 5}}'
cfg ignore-number '1:13: error: "ignore" entries must be strings' '{"ignore": [5]}'
cfg accounts-number '1:15: error: "accounts" entries must be strings' '{"accounts": [1]}'
cfg account-short '1:15: error: "12345" is not a 12-digit account id' '{"accounts": ["12345"]}'
cfg duplicate-key "1:15: error: duplicate object key near '\"rules\"'" '{"rules": {}, "rules": {}}'
cfg duplicate-nested "1:48: error: duplicate object key near '\"key\"'" '{"org_rules": [{"key": "*", "must_match": "a", "key": "b"}]}'
cfg nul "1:14: error: NUL byte in the text (JSON allows none)" '{"rules": {}}\000'
cfg invalid-utf8 "1:13: error: invalid UTF-8 (byte 0xff)" '{"rules": {"\377": "off"}}'
{ printf '{"rules": '; head -c 100000 /dev/zero | tr '\000' '['; } >"$K/deep.json"
check config-deep 10 2 "$K/deep.json:1:74: error: nesting deeper than 64 levels (limit)" -- "$T" lint --config "$K/deep.json" "$K/role.json"
{ printf '{"org_rules": [{"key": "*", "must_match": "'; head -c 70000 /dev/zero | tr '\000' a; printf '"}]}'; } >"$K/long.json"
check config-long-string 10 2 "$K/long.json:1:43: error: string of 70000 bytes is longer than 65536 (limit)" -- "$T" lint --config "$K/long.json" "$K/role.json"
{ printf '{"org_rules": [{"key": "*", "must_match": "'; head -c 1100000 /dev/zero | tr '\000' a; printf '"}]}'; } >"$K/big.json"
check config-too-big 10 2 "$K/big.json: error: $K/big.json is larger than 1048576 bytes (limit)" -- "$T" lint --config "$K/big.json" "$K/role.json"
# an unknown key is said, where it is (a misspelt "org_rule" must not vanish)
printf '{"org_rule": []}' >"$K/unknown.json"
check config-unknown-key 10 1 "$K/unknown.json:1:2: warning: unknown config key \"org_rule\" (ignored)" -- "$T" lint --config "$K/unknown.json" --fail-on note "$K/role.json"
# found by the walk, not named: the same error, and the same exit
mkdir -p "$K/tree"
cp "$K/role.json" "$K/tree/role.json"
printf '{"rules": {' >"$K/tree/.trustlint.json"
check config-found-truncated 10 2 "$K/tree/.trustlint.json:1:11: error: string or '}' expected near end of file" -- "$T" lint "$K/tree"

# ---- organisation rules: a match budget per document ---------------------
# 30,000 values near the document limit against ^(a|aa)+$: each would take
# PCRE2's full match limit (eight seconds in all); 20 do, the rest are one
# finding that says the budget ran out, and none of them passes
mkdir -p "$K/org"
printf '{"org_rules": [{"key": "*:sub", "must_match": "^(a|aa)+$"}]}' >"$K/org/.trustlint.json"
awk 'BEGIN { printf "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, \"StringLike\": {\"token.actions.githubusercontent.com:sub\": [\n"; for (i = 0; i < 30000; i++) printf "%s\"aaaaaaaaaaaaaaaaaaaaaaaaa%d!\"\n", (i ? "," : ""), i % 10; print "]}}}}" }' >"$K/org/role.json"
check org-budget-full-tries 10 1 "role.json:21:2: error: organisation rule on *:sub could not be checked against \"aaaaaaaaaaaaaaaaaaaaaaaaa9!\" (the pattern gave up with PCRE2 error -47" -- "$T" lint "$K/org/role.json"
check org-budget-ran-out 10 1 "role.json:22:2: error: organisation rule on *:sub ran out of its match budget: 29980 more values (from this one on) could not be checked against it, each over 1000 steps after 20 values took the full 100000: fix the pattern [TL601 org-policy]" -- "$T" lint "$K/org/role.json"
check org-budget-count 10 1 "22 errors," -- "$T" lint "$K/org/role.json"
# the budget is per document: a second file gets its own
cp "$K/org/role.json" "$K/org/role2.json"
check org-budget-per-file 20 1 "44 errors," -- "$T" lint "$K/org/role.json" "$K/org/role2.json"
# a cheap pattern over the same values is checked to the end, each judged
printf '{"org_rules": [{"key": "*:sub", "must_not_match": "!$"}]}' >"$K/org/.trustlint.json"
check org-cheap-pattern-all-values 10 1 "30001 errors," -- "$T" lint "$K/org/role.json"
check org-cheap-pattern-last-value 10 1 "role.json:30001:2: error: token.actions.githubusercontent.com:sub value \"aaaaaaaaaaaaaaaaaaaaaaaaa9!\" matches the pattern \"!\$\"" -- "$T" lint "$K/org/role.json"
