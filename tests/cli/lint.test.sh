# trustlint lint and trustlint rules (sourced by run.sh: uses expect, $T, $TMP, $ROOT, $JSONQ)
L=$ROOT/corpus/lint

# expect_absent NAME WANT_STATUS PATTERN -- command...: like expect, but the
# output must not contain PATTERN; for runs that pass because a finding is gone.
expect_absent() {
	name=$1; want=$2; pattern=$3; shift 4
	"$@" >"$TMP/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL $name: exit $got, wanted $want"; sed 's/^/    /' "$TMP/out" | head -20; fail=$((fail+1)); return
	fi
	if grep -qF -- "$pattern" "$TMP/out"; then
		echo "FAIL $name: output has: $pattern"; sed 's/^/    /' "$TMP/out" | head -20; fail=$((fail+1)); return
	fi
	pass=$((pass+1))
}

cat >"$TMP/gh-no-sub.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "sts:AssumeRole"
    }
  ]
}
JSON
cp "$ROOT/corpus/examples/policies/pod-identity.json" "$TMP/clean.json"
printf '{"Version": "2012-10-17", "Statement": [}' >"$TMP/notjson.json"

expect lint-text-format 1 "gh-no-sub.json:6:28: error: principal \"*\" lets any AWS account assume this role" -- "$T" lint --no-config "$TMP/gh-no-sub.json"
expect lint-rule-tag 1 "[TL201 wildcard-principal]" -- "$T" lint --no-config "$TMP/gh-no-sub.json"
expect lint-fix-line 1 "  fix: add a positive condition that pins the caller" -- "$T" lint --no-config "$TMP/gh-no-sub.json"
expect lint-summary 1 "1 error, 0 warnings, 0 notes in 1 file" -- "$T" lint --no-config "$TMP/gh-no-sub.json"
expect_absent lint-clean-exit-0 0 "[TL" -- "$T" lint --no-config "$TMP/clean.json"
expect lint-clean-json-empty 0 '{"findings": [], "files": 1, "errors": []}' -- "$T" lint --no-config --format json "$TMP/clean.json"
grep -v '"Version"' "$TMP/clean.json" >"$TMP/no-version.json"
expect lint-fail-on-error-passes-warnings 0 "no-version.json:1:1: warning: no Version" -- "$T" lint --no-config --fail-on error "$TMP/no-version.json"
expect lint-fail-on-warning-fails-them 1 "[TL106 missing-version]" -- "$T" lint --no-config "$TMP/no-version.json"
expect lint-exit-zero 0 "wildcard-principal" -- "$T" lint --no-config --exit-zero "$TMP/gh-no-sub.json"
expect_absent lint-disable 0 "wildcard-principal" -- "$T" lint --no-config --disable wildcard-principal "$TMP/gh-no-sub.json"
expect_absent lint-disable-by-code 0 "TL201" -- "$T" lint --no-config --disable TL201 "$TMP/gh-no-sub.json"
expect lint-unknown-rule 2 'unknown rule "no-such-rule"' -- "$T" lint --no-config --disable no-such-rule "$TMP/gh-no-sub.json"
expect lint-parse-error-exit-2 2 "notjson.json:1:41: error:" -- "$T" lint --no-config "$TMP/notjson.json"
expect lint-parse-error-is-finding 2 "[TL101 json-syntax]" -- "$T" lint --no-config "$TMP/notjson.json"
# a repeated key is a finding on a file (exit 1, PEERS.md 4.4), and the other rules
# lint its last-wins reading: here the lost sub condition shows as TL301
D=$L/duplicate-json-key/bad/two-stringequals-blocks-github-oidc.json
expect lint-duplicate-key-exit-1 1 '[TL102 duplicate-json-key]' -- "$T" lint --no-config "$D"
expect lint-duplicate-key-names-lost 1 'drops "token.actions.githubusercontent.com:sub" from line 12' -- "$T" lint --no-config "$D"
expect lint-duplicate-key-last-wins 1 '[TL301 oidc-missing-subject]' -- "$T" lint --no-config "$D"
# TL203 says what is wrong with an ExternalId condition that is there but guards nothing
X=$L/cross-account-without-external-id/bad/external-id-that-admits-anything.json
expect lint-external-id-any-value 1 'with an sts:ExternalId condition that admits any value (a wildcard pattern)' -- "$T" lint --no-config "$X"
expect lint-external-id-ifexists 1 'with an sts:ExternalId condition that a caller sending no external id passes' -- "$T" lint --no-config "$X"
expect lint-missing-file 2 "nope.json: error:" -- "$T" lint --no-config "$TMP/nope.json"
expect lint-stdin 1 "-:6:28: error:" -- sh -c "\"$T\" lint --no-config - < \"$TMP/gh-no-sub.json\""
expect lint-directory-recursive 1 "resource-and-notresource.json:8:7: error:" -- "$T" lint --no-config "$L/trust-policy-resource"
expect lint-usage 2 "give files or directories" -- "$T" lint
expect lint-bad-format 2 'unknown format "xml"' -- "$T" lint --format xml "$TMP/clean.json"
expect lint-help 0 "usage: trustlint lint" -- "$T" lint --help

# JSON: the documented shape, parsed back with the engine's strict reader
"$T" lint --no-config --format json "$TMP/gh-no-sub.json" "$TMP/notjson.json" >"$TMP/out.json"
expect lint-json-valid 0 "" -- sh -c "\"$JSONQ\" < \"$TMP/out.json\""
expect lint-json-rule 0 "TL201" -- sh -c "\"$JSONQ\" /findings/0/rule < \"$TMP/out.json\""
expect lint-json-pointer 0 "/Statement/0/Principal/AWS" -- sh -c "\"$JSONQ\" /findings/0/pointer < \"$TMP/out.json\""
expect lint-json-files 0 "2" -- sh -c "\"$JSONQ\" /files < \"$TMP/out.json\""
expect lint-json-errors 0 "notjson.json" -- sh -c "\"$JSONQ\" /errors/0/file < \"$TMP/out.json\""

# SARIF 2.1.0 as GitHub code scanning wants it
"$T" lint --no-config --format sarif "$TMP/gh-no-sub.json" >"$TMP/out.sarif"
expect sarif-version 0 "2.1.0" -- sh -c "\"$JSONQ\" /version < \"$TMP/out.sarif\""
expect sarif-driver 0 "trustlint" -- sh -c "\"$JSONQ\" /runs/0/tool/driver/name < \"$TMP/out.sarif\""
expect sarif-rule-help 0 "Fix:" -- sh -c "\"$JSONQ\" /runs/0/tool/driver/rules/0/help/text < \"$TMP/out.sarif\""
expect sarif-security-severity 0 "8.0" -- sh -c "\"$JSONQ\" /runs/0/tool/driver/rules/0/properties/security-severity < \"$TMP/out.sarif\""
expect sarif-result-rule 0 "TL201" -- sh -c "\"$JSONQ\" /runs/0/results/0/ruleId < \"$TMP/out.sarif\""
expect sarif-start-line 0 "6" -- sh -c "\"$JSONQ\" /runs/0/results/0/locations/0/physicalLocation/region/startLine < \"$TMP/out.sarif\""
expect sarif-start-column 0 "28" -- sh -c "\"$JSONQ\" /runs/0/results/0/locations/0/physicalLocation/region/startColumn < \"$TMP/out.sarif\""
expect sarif-fingerprint 0 "primaryLocationLineHash" -- sh -c "\"$JSONQ\" /runs/0/results/0/partialFingerprints < \"$TMP/out.sarif\""
IDX=$("$JSONQ" /runs/0/results/0/ruleIndex <"$TMP/out.sarif")
expect sarif-rule-index-points-at-rule 0 "TL201" -- sh -c "\"$JSONQ\" /runs/0/tool/driver/rules/$IDX/id < \"$TMP/out.sarif\""

expect github-annotation 1 "::error file=$TMP/gh-no-sub.json,line=6,col=28,title=TL201 wildcard-principal::principal" -- "$T" lint --no-config --format github "$TMP/gh-no-sub.json"

# colour only on a terminal: a pipe gets none
expect lint-no-colour-in-pipe 0 "plain" -- sh -c "\"$T\" lint --no-config \"$TMP/gh-no-sub.json\" | grep -q \"$(printf '\033')\" && echo coloured || echo plain"

# config: found upward, severity overrides, path and finding ignores with reasons, own accounts
mkdir -p "$TMP/repo/roles/sub" "$TMP/repo/vendor-x"
cp "$TMP/gh-no-sub.json" "$TMP/repo/roles/sub/public.json"
cp "$TMP/gh-no-sub.json" "$TMP/repo/vendor-x/thirdparty.json"
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{
  "rules": {"wildcard-principal": "warning"},
  "ignore": ["vendor-x/**"],
  "accounts": ["111122223333"]
}
JSON
expect config-found-upward 1 "public.json:6:28: warning:" -- "$T" lint "$TMP/repo/roles"
expect config-ignore-path 1 "in 1 file" -- "$T" lint "$TMP/repo"
expect config-fail-on-error 0 "public.json:6:28: warning: principal \"*\"" -- "$T" lint --fail-on error "$TMP/repo/roles"
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{
  "ignore_findings": [
    {"rule": "wildcard-principal", "file": "roles/sub/public.json", "reason": "public demo role"},
    {"rule": "invalid-version", "file": "roles/none.json", "reason": "stale"}
  ],
  "colour": true
}
JSON
expect_absent config-ignore-finding 0 "public.json:6:28" -- "$T" lint --fail-on error "$TMP/repo/roles"
# roles/none.json is not linted in this run: its ignore says nothing (a hook
# passes only changed files); an ignore of a linted file that never fired does
expect_absent config-unused-ignore-of-unlinted-file 0 "unused ignore" -- "$T" lint "$TMP/repo/roles"
cp "$TMP/clean.json" "$TMP/repo/roles/none.json"
expect config-unused-ignore 0 ".trustlint.json:4: warning: unused ignore of invalid-version in roles/none.json" -- "$T" lint "$TMP/repo/roles"
expect_absent config-unused-ignore-only-changed-file 0 "unused ignore" -- "$T" lint "$TMP/repo/roles/sub/public.json"
rm "$TMP/repo/roles/none.json"
expect config-unknown-key 0 'unknown config key "colour"' -- "$T" lint "$TMP/repo/roles"
# an ignore of a rule that does not exist is an error wherever it points
printf '{"ignore_findings": [{"rule": "no-such-rule", "file": "elsewhere/x.json", "reason": "typo"}]}' >"$TMP/repo/.trustlint.json"
expect config-ignore-unknown-rule 2 '.trustlint.json:1:31: error: unknown rule "no-such-rule"' -- "$T" lint "$TMP/repo/roles/sub/public.json"
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{"ignore_findings": [{"rule": "wildcard-principal", "file": "roles/sub/public.json"}]}
JSON
expect config-ignore-needs-reason 2 ".trustlint.json:1:22: error: an ignore of wildcard-principal in roles/sub/public.json needs a non-empty \"reason\"" -- "$T" lint "$TMP/repo/roles"
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{
  "org_rules": [
    {"key": "token.actions.githubusercontent.com:sub", "must_match": "^repo:acme/", "message": "only acme repositories"}
  ]
}
JSON
cat >"$TMP/repo/roles/gh.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"},
        "StringLike": {"token.actions.githubusercontent.com:sub": ["repo:acme/app:*", "repo:evil/app:*"]}
      }
    }
  ]
}
JSON
expect org-rule-violation 1 "gh.json:10:87: error: token.actions.githubusercontent.com:sub value \"repo:evil/app:*\" does not match the pattern \"^repo:acme/\": only acme repositories [TL601 org-policy]" -- "$T" lint "$TMP/repo/roles/gh.json"
# the organisation rule is ignored by code or by name, like any other rule
for r in TL601 org-policy; do
	printf '{"org_rules": [{"key": "token.actions.githubusercontent.com:sub", "must_match": "^repo:acme/"}], "ignore_findings": [{"rule": "%s", "file": "roles/gh.json", "reason": "the evil fork is ours"}]}' "$r" >"$TMP/repo/.trustlint.json"
	expect "org-rule-ignored-as-$r" 0 "0 errors, 0 warnings" -- "$T" lint "$TMP/repo/roles/gh.json"
	expect_absent "org-rule-ignored-as-$r-no-finding" 0 "TL601" -- "$T" lint "$TMP/repo/roles/gh.json"
done
# catastrophic backtracking hits the match limit: a loud finding, never a hang or a pass
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{"org_rules": [{"key": "*:sub", "must_match": "^(a+)+$"}]}
JSON
sed 's|repo:evil/app:\*|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!|' "$TMP/repo/roles/gh.json" >"$TMP/repo/roles/gh-redos.json"
expect org-rule-match-limit 1 "could not be checked against" -- timeout 10 "$T" lint "$TMP/repo/roles/gh-redos.json"
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{
  "org_rules": [
    {"key": "*:sub", "must_match": "^repo:acme/("}
  ]
}
JSON
expect org-rule-bad-pattern 2 ".trustlint.json:3:36: error: bad pattern at offset 12: missing closing parenthesis" -- "$T" lint "$TMP/repo/roles/gh.json"

# rules
expect rules-list 0 "TL201  wildcard-principal" -- "$T" rules
expect rules-explain 0 "Why: " -- "$T" rules wildcard-principal
expect rules-explain-code 0 "TL108 trust-policy-resource (error)" -- "$T" rules TL108
expect rules-unknown 2 'no rule "nope"' -- "$T" rules nope
"$T" rules --markdown >"$TMP/rules.md"
expect rules-markdown-fresh 0 "" -- cmp "$TMP/rules.md" "$ROOT/docs/rules.md"
# github_orgs and trusted_oidc_providers from the config
mkdir -p "$TMP/orgs"
printf '{"github_orgs": ["acme"], "trusted_oidc_providers": ["oidc.example.com"]}' >"$TMP/orgs/.trustlint.json"
cp "$ROOT/corpus/lint/oidc-subject-outside-org/bad/fork-in-environment-subject.json" "$TMP/orgs/fork.json"
expect config-github-orgs 1 "fork.json:10:52: error: \"repo:someone-fork/payments:environment:prod\" lets workflows of the GitHub owner someone-fork assume this role" -- "$T" lint "$TMP/orgs/fork.json"
# without github_orgs the rule has nothing to compare with, and says nothing
expect_absent config-github-orgs-needed 0 "oidc-subject-outside-org" -- "$T" lint --no-config "$TMP/orgs/fork.json"
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"oidc.example.com:aud": "trustlint"}}}}' >"$TMP/orgs/own-idp.json"
expect config-trusted-oidc-note 0 "note: any identity your own provider oidc.example.com issues tokens for can assume this role" -- "$T" lint "$TMP/orgs/own-idp.json"
expect config-untrusted-oidc-warning 1 "warning: any identity the provider issues tokens for can assume this role" -- "$T" lint --no-config "$TMP/orgs/own-idp.json"
# ignores with ** across folders (several threads share the config)
mkdir -p "$TMP/globs/a/b"
cp "$TMP/gh-no-sub.json" "$TMP/globs/a/b/open.json"
printf '{"ignore_findings": [{"rule": "wildcard-principal", "file": "**/*.json", "reason": "demo roles"}]}' >"$TMP/globs/.trustlint.json"
expect_absent config-ignore-double-star 0 "wildcard-principal" -- "$T" lint -j 2 "$TMP/globs"

# ---- many configs: every folder gets its own, however many there are ----
# 20 folders, each with a config; d16 and d18 turn wildcard-principal off.
# (Once there was a 16-entry cache that gave d17..d20 the config of d16.)
mkdir -p "$TMP/many"
for n in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
	mkdir -p "$TMP/many/d$n"
	cp "$TMP/gh-no-sub.json" "$TMP/many/d$n/role.json"
	case $n in
	16|18) echo '{"rules": {"wildcard-principal": "off"}}' >"$TMP/many/d$n/.trustlint.json" ;;
	*) echo '{"rules": {"missing-version": "note"}}' >"$TMP/many/d$n/.trustlint.json" ;;
	esac
done
expect many-configs-17th-alone 1 "d17/role.json:6:28: error" -- "$T" lint "$TMP/many/d17/role.json"
expect many-configs-17th-in-walk 1 "d17/role.json:6:28: error" -- "$T" lint "$TMP/many"
expect many-configs-20th-in-walk 1 "d20/role.json:6:28: error" -- "$T" lint "$TMP/many"
expect_absent many-configs-16th-own 1 "d16/role.json" -- "$T" lint "$TMP/many"
expect_absent many-configs-18th-own 1 "d18/role.json" -- "$T" lint "$TMP/many"
expect many-configs-count 0 "18" -- sh -c "\"$T\" lint -j 2 \"$TMP/many\" | grep -c 'TL201 wildcard-principal'"

# ---- I/O errors are in every format, not only on stderr ----
"$T" lint --no-config --format json "$TMP/nope.json" >"$TMP/io.json" 2>/dev/null
expect io-json-exit-2 2 "" -- "$T" lint --no-config --format json "$TMP/nope.json"
expect io-json-error-file 0 "$TMP/nope.json" -- "$JSONQ" /errors/0/file <"$TMP/io.json"
expect io-json-error-message 0 "No such file or directory" -- "$JSONQ" /errors/0/message <"$TMP/io.json"
"$T" lint --no-config --format sarif "$TMP/nope.json" "$TMP/gh-no-sub.json" >"$TMP/io.sarif" 2>/dev/null
expect io-sarif-unsuccessful 0 "false" -- "$JSONQ" /runs/0/invocations/0/executionSuccessful <"$TMP/io.sarif"
expect io-sarif-notification 0 "No such file or directory" -- "$JSONQ" /runs/0/invocations/0/toolExecutionNotifications/0/message/text <"$TMP/io.sarif"
expect io-sarif-notification-level 0 "error" -- "$JSONQ" /runs/0/invocations/0/toolExecutionNotifications/0/level <"$TMP/io.sarif"
expect io-sarif-notification-uri 0 "nope.json" -- "$JSONQ" /runs/0/invocations/0/toolExecutionNotifications/0/locations/0/physicalLocation/artifactLocation/uri <"$TMP/io.sarif"
expect io-sarif-still-has-results 0 "TL201" -- "$JSONQ" /runs/0/results/0/ruleId <"$TMP/io.sarif"
"$T" lint --no-config --format sarif "$TMP/clean.json" >"$TMP/ok.sarif"
expect io-sarif-successful 0 "true" -- "$JSONQ" /runs/0/invocations/0/executionSuccessful <"$TMP/ok.sarif"
expect io-github-annotation 2 "::error file=$TMP/nope.json::No such file or directory" -- "$T" lint --no-config --format github "$TMP/nope.json"
expect io-text 2 "$TMP/nope.json: error: No such file or directory" -- "$T" lint --no-config "$TMP/nope.json"
# a folder with nothing to lint: a note on stderr, exit 0, stdout stays clean JSON
mkdir -p "$TMP/nothing/sub"
echo 'not a policy' >"$TMP/nothing/README.md"
expect empty-dir-note 0 "note: nothing to lint in $TMP/nothing" -- "$T" lint --no-config "$TMP/nothing"
expect empty-dir-json 0 '{"findings": [], "files": 0, "errors": []}' -- sh -c "\"$T\" lint --no-config --format json \"$TMP/nothing\" 2>/dev/null"
expect_absent nonempty-dir-no-note 1 "nothing to lint" -- "$T" lint --no-config "$TMP/repo/roles"
# a tree deeper than the walk's limit is an I/O error in every format, and no "nothing to lint"
D="$TMP/deep"; for i in $(seq 70); do D="$D/d"; done; mkdir -p "$D"
expect walk-depth-json-error 0 "directories nested deeper than 64 levels (limit)" -- sh -c "\"$T\" lint --no-config --format json \"$TMP/deep\" | \"$JSONQ\" /errors/0/message"
expect walk-depth-sarif-failed 0 "false" -- sh -c "\"$T\" lint --no-config --format sarif \"$TMP/deep\" | \"$JSONQ\" /runs/0/invocations/0/executionSuccessful"
expect_absent walk-depth-no-empty-note 2 "nothing to lint" -- "$T" lint --no-config "$TMP/deep"
# a file named on the command line is linted whatever it holds: empty is an error
: >"$TMP/empty.json"
expect named-empty-file-error 2 "empty.json:1:1: error:" -- "$T" lint --no-config "$TMP/empty.json"

# ---- SARIF: level per finding, rule level from the config, GitHub's shape ----
# TL304 is an error by default but a note for an IAM OIDC provider (STS checks
# the client-ID list) and an error for a built-in provider such as Google
A=$L/oidc-missing-audience/bad
"$T" lint --no-config --format sarif "$A/github-provider-no-aud.json" >"$TMP/note.sarif"
IDX=$("$JSONQ" /runs/0/results/0/ruleIndex <"$TMP/note.sarif")
expect sarif-note-result-level 0 "note" -- "$JSONQ" /runs/0/results/0/level <"$TMP/note.sarif"
expect sarif-note-rule-id 0 "TL304" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/id <"$TMP/note.sarif"
# only notes of TL304 in this run: GitHub must show them as low (0.1-3.9), not high
expect sarif-note-security-low 0 "2.0" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/properties/security-severity <"$TMP/note.sarif"
expect sarif-note-default-level 0 "error" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/defaultConfiguration/level <"$TMP/note.sarif"
# an error and a note of one rule in one run: the rule takes the higher (high, 7.0-8.9)
"$T" lint --no-config --format sarif "$A/github-provider-no-aud.json" "$A/google-builtin-sub-only.json" >"$TMP/mixed.sarif"
expect sarif-mixed-security-high 0 "8.0" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/properties/security-severity <"$TMP/mixed.sarif"
expect sarif-mixed-first-note 0 "note" -- "$JSONQ" /runs/0/results/0/level <"$TMP/mixed.sarif"
expect sarif-mixed-second-error 0 "error" -- "$JSONQ" /runs/0/results/1/level <"$TMP/mixed.sarif"
# a config that grades the rule a note: its defaultConfiguration says note, and
# even the built-in provider's finding is a low note
mkdir -p "$TMP/graded"
cp "$A/google-builtin-sub-only.json" "$TMP/graded/"
echo '{"rules": {"oidc-missing-audience": "note"}}' >"$TMP/graded/.trustlint.json"
"$T" lint --format sarif "$TMP/graded" >"$TMP/graded.sarif"
expect sarif-config-default-level 0 "note" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/defaultConfiguration/level <"$TMP/graded.sarif"
expect sarif-config-result-level 0 "note" -- "$JSONQ" /runs/0/results/0/level <"$TMP/graded.sarif"
expect sarif-config-security-low 0 "2.0" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/properties/security-severity <"$TMP/graded.sarif"
# a rule turned off says so
"$T" lint --no-config --disable oidc-missing-audience --format sarif "$A/github-provider-no-aud.json" >"$TMP/off.sarif"
expect sarif-disabled-rule 0 "false" -- "$JSONQ" /runs/0/tool/driver/rules/$IDX/defaultConfiguration/enabled <"$TMP/off.sarif"
# warnings are medium (4.0-6.9)
"$T" lint --no-config --format sarif "$TMP/no-version.json" >"$TMP/warn.sarif"
WIDX=$("$JSONQ" /runs/0/results/0/ruleIndex <"$TMP/warn.sarif")
expect sarif-warning-medium 0 "5.0" -- "$JSONQ" /runs/0/tool/driver/rules/$WIDX/properties/security-severity <"$TMP/warn.sarif"

# sarif_shape FILE: what GitHub code scanning requires of SARIF 2.1.0 (its
# "SARIF support for code scanning" reference), for every rule and result.
sarif_shape() {
	f=$1; q() { "$JSONQ" "$@" <"$f"; }
	[ "$(q /version)" = 2.1.0 ] || { echo "bad version"; return 1; }
	q '/$schema' >/dev/null || { echo "no \$schema"; return 1; }
	[ "$(q --count /runs)" -ge 1 ] || { echo "no runs"; return 1; }
	q /runs/0/tool/driver/name >/dev/null || { echo "no driver name"; return 1; }
	q /runs/0/tool/driver/semanticVersion >/dev/null || { echo "no semanticVersion"; return 1; }
	nr=$(q --count /runs/0/tool/driver/rules); i=0
	while [ "$i" -lt "$nr" ]; do
		r=/runs/0/tool/driver/rules/$i
		case $(q $r/id) in TL[0-9][0-9][0-9]) ;; *) echo "rule $i: bad id"; return 1 ;; esac
		for k in shortDescription/text fullDescription/text help/text help/markdown name properties/tags/0; do
			[ -n "$(q $r/$k)" ] || { echo "rule $i: no $k"; return 1; }
		done
		case $(q $r/defaultConfiguration/level) in note|warning|error) ;; *) echo "rule $i: bad level"; return 1 ;; esac
		case $(q $r/properties/security-severity) in [0-9].[0-9]|10.0) ;; *) echo "rule $i: bad security-severity"; return 1 ;; esac
		i=$((i+1))
	done
	# every result of a small log; of a large one (the whole corpus) forty
	# spread over it and the last: each query here re-reads the whole file
	n=$(q --count /runs/0/results); i=0; step=$(( n > 40 ? n / 40 : 1 ))
	while [ "$i" -lt "$n" ]; do
		r=/runs/0/results/$i
		idx=$(q $r/ruleIndex) || { echo "result $i: no ruleIndex"; return 1; }
		[ "$(q /runs/0/tool/driver/rules/$idx/id)" = "$(q $r/ruleId)" ] || { echo "result $i: ruleIndex is not ruleId"; return 1; }
		case $(q $r/level) in note|warning|error) ;; *) echo "result $i: bad level"; return 1 ;; esac
		[ -n "$(q $r/message/text)" ] || { echo "result $i: no message"; return 1; }
		nl=$(q --count $r/locations)
		[ "$nl" -ge 1 ] && [ "$nl" -le 10 ] || { echo "result $i: $nl locations"; return 1; }
		l=$r/locations/0/physicalLocation
		[ -n "$(q $l/artifactLocation/uri)" ] || { echo "result $i: no uri"; return 1; }
		for k in startLine startColumn endLine endColumn; do
			[ "$(q $l/region/$k)" -ge 1 ] 2>/dev/null || { echo "result $i: bad $k"; return 1; }
		done
		q $r/partialFingerprints/primaryLocationLineHash >/dev/null || { echo "result $i: no fingerprint"; return 1; }
		if [ "$i" -lt $((n - 1)) ] && [ $((i + step)) -ge "$n" ]; then i=$((n - 1)); else i=$((i + step)); fi
	done
	case $(q /runs/0/invocations/0/executionSuccessful) in true|false) ;; *) echo "no invocation"; return 1 ;; esac
	n=$(q --count /runs/0/invocations/0/toolExecutionNotifications); i=0
	while [ "$i" -lt "$n" ]; do
		r=/runs/0/invocations/0/toolExecutionNotifications/$i
		case $(q $r/level) in note|warning|error) ;; *) echo "notification $i: bad level"; return 1 ;; esac
		[ -n "$(q $r/message/text)" ] || { echo "notification $i: no message"; return 1; }
		i=$((i+1))
	done
	echo "sarif shape ok"
}
expect sarif-shape-mixed 0 "sarif shape ok" -- sarif_shape "$TMP/mixed.sarif"
expect sarif-shape-io-error 0 "sarif shape ok" -- sarif_shape "$TMP/io.sarif"
expect sarif-shape-off 0 "sarif shape ok" -- sarif_shape "$TMP/off.sarif"
"$T" lint --format sarif "$L" >"$TMP/corpus.sarif" 2>/dev/null
expect sarif-shape-corpus 0 "sarif shape ok" -- sarif_shape "$TMP/corpus.sarif"
# the shape check can fail
sed 's/"level": "note"/"level": "loud"/' "$TMP/note.sarif" >"$TMP/broken.sarif"
expect sarif-shape-catches-bad-level 1 "bad level" -- sarif_shape "$TMP/broken.sarif"

# ---- colour: https://no-color.org says NO_COLOR set and not empty ----
if command -v script >/dev/null 2>&1; then
	ESC=$(printf '\033')
	expect colour-on-terminal 0 "coloured" -- sh -c "script -qec 'env -u NO_COLOR \"$T\" lint --no-config \"$TMP/gh-no-sub.json\"' /dev/null | grep -q '$ESC' && echo coloured"
	expect colour-empty-no-color 0 "coloured" -- sh -c "script -qec 'NO_COLOR= \"$T\" lint --no-config \"$TMP/gh-no-sub.json\"' /dev/null | grep -q '$ESC' && echo coloured"
	expect colour-no-color-set 0 "plain" -- sh -c "script -qec 'NO_COLOR=1 \"$T\" lint --no-config \"$TMP/gh-no-sub.json\"' /dev/null | grep -q '$ESC' && echo coloured || echo plain"
fi

# ---- --option=value for every long option of every subcommand ----
expect opt-eq-fail-on 0 "no-version.json:1:1: warning" -- "$T" lint --no-config --fail-on=error "$TMP/no-version.json"
expect opt-eq-format 1 '"rule": "TL201"' -- "$T" lint --no-config --format=json "$TMP/gh-no-sub.json"
expect_absent opt-eq-disable 0 "TL201" -- "$T" lint --no-config --disable=TL201 "$TMP/gh-no-sub.json"
expect_absent opt-eq-config 0 "TL201" -- "$T" lint --config="$TMP/many/d16/.trustlint.json" "$TMP/gh-no-sub.json"
expect opt-eq-rest 1 "gh-no-sub.json:6:28: error" -- "$T" lint --no-config --account=111122223333 --input-format=policy --jobs=2 "$TMP/gh-no-sub.json"
expect opt-eq-empty-value 2 'unknown format ""' -- "$T" lint --no-config --format= "$TMP/gh-no-sub.json"
expect opt-eq-flag-takes-no-value 2 "--exit-zero takes no value" -- "$T" lint --exit-zero=yes "$TMP/gh-no-sub.json"
expect opt-eq-check 1 '"version": "2.1.0"' -- "$T" check --no-config --format=sarif "$TMP/gh-no-sub.json"
expect opt-eq-eval 0 "Allow (statement 0)" -- "$T" eval --policy="$ROOT/corpus/examples/policies/irsa-payments.json" --request="$TMP/irsa-ok.json"
expect opt-eq-simulate 1 "expect deny: FAILED" -- sh -c "printf 'caller irsa oidc.eks.us-west-2.amazonaws.com payments api\\neval\\n' | \"$T\" simulate --expect=deny \"$ROOT/corpus/examples/policies/irsa-payments.json\""
expect opt-eq-simulate-allow 0 "Allow  (statement 0" -- sh -c "printf 'caller irsa oidc.eks.us-west-2.amazonaws.com payments api\\neval\\n' | \"$T\" simulate --expect=allow \"$ROOT/corpus/examples/policies/irsa-payments.json\""
expect opt-eq-simulate-checked 2 "--expect takes" -- "$T" simulate --expect=sometimes "$TMP/clean.json"

# ---- --enable and --disable: the last one for a rule wins ----
expect enable-after-disable 1 "[TL201 wildcard-principal]" -- "$T" lint --no-config --disable TL201 --enable wildcard-principal "$TMP/gh-no-sub.json"
expect_absent disable-after-enable 0 "TL201" -- "$T" lint --no-config --enable wildcard-principal --disable TL201 "$TMP/gh-no-sub.json"
expect enable-beats-config 1 "d16/role.json:6:28: error" -- "$T" lint --enable TL201 "$TMP/many/d16/role.json"
expect enable-others-untouched 1 "TL201" -- "$T" lint --no-config --disable TL106 --enable TL201 --disable TL106 "$TMP/gh-no-sub.json"

# ---- control characters in values stay on one line ----
mkdir -p "$TMP/ctl"
printf '{"org_rules": [{"key": "*:sub", "must_match": "^repo:acme/"}]}' >"$TMP/ctl/.trustlint.json"
sed 's|"repo:evil/app:\*"|"repo:evil/a\\npp\\t\\u001b[31m:*"|' "$TMP/repo/roles/gh.json" >"$TMP/ctl/gh.json"
expect ctl-text-escaped 1 'value "repo:evil/a\npp\t\x1b[31m:*" does not match' -- "$T" lint "$TMP/ctl/gh.json"
# three findings: each a line and its fix, then the summary
expect ctl-text-one-line 0 "7" -- sh -c "\"$T\" lint \"$TMP/ctl/gh.json\" | wc -l"
expect_absent ctl-text-no-raw-escape 1 "$(printf '\033')" -- "$T" lint "$TMP/ctl/gh.json"
expect ctl-github-escaped 1 'value "repo:evil/a\npp\t\x1b[31m:*" does not match' -- "$T" lint --format github "$TMP/ctl/gh.json"
expect_absent ctl-github-no-encoded-newline 1 "%0A" -- "$T" lint --format github "$TMP/ctl/gh.json"
# JSON keeps the value exact (JSON escapes are lossless)
expect ctl-json-exact 1 'repo:evil/a\npp\t\u001b[31m:*' -- "$T" lint --format json "$TMP/ctl/gh.json"
expect opt-eq-test-junit 0 '<testsuites name="trustlint" tests="17" failures="0" errors="0">' -- sh -c "\"$T\" test --junit=\"$TMP/eq-junit.xml\" \"$ROOT/corpus/ci-example\" >/dev/null && cat \"$TMP/eq-junit.xml\""
expect opt-eq-rules-flag 2 "--markdown takes no value" -- "$T" rules --markdown=yes
# a bound exceeded is TL101 with a fix about the bound, not about commas
{ head -c 1100000 /dev/zero | tr '\0' ' '; echo '{}'; } >"$TMP/over-bound.json"
expect lint-limit-fix 2 "fix: IAM's own quotas are far below this bound" -- "$T" lint --no-config "$TMP/over-bound.json"
