# trustlint lint and trustlint rules (sourced by run.sh: uses expect, $T, $TMP, $ROOT, $JSONQ)
L=$ROOT/corpus/lint

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
expect lint-clean-exit-0 0 "" -- "$T" lint --no-config "$TMP/clean.json"
expect lint-fail-on-error-passes-warnings 0 "" -- "$T" lint --no-config --fail-on error "$ROOT/corpus/lint/trust-policy-resource/good"
expect lint-exit-zero 0 "wildcard-principal" -- "$T" lint --no-config --exit-zero "$TMP/gh-no-sub.json"
expect lint-disable 0 "" -- "$T" lint --no-config --disable wildcard-principal "$TMP/gh-no-sub.json"
expect lint-disable-by-code 0 "" -- "$T" lint --no-config --disable TL201 "$TMP/gh-no-sub.json"
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
expect config-fail-on-error 0 "" -- "$T" lint --fail-on error "$TMP/repo/roles"
cat >"$TMP/repo/.trustlint.json" <<'JSON'
{
  "ignore_findings": [
    {"rule": "wildcard-principal", "file": "roles/sub/public.json", "reason": "public demo role"},
    {"rule": "invalid-version", "file": "roles/none.json", "reason": "stale"}
  ],
  "colour": true
}
JSON
expect config-ignore-finding 0 "" -- "$T" lint --fail-on error "$TMP/repo/roles"
expect config-unused-ignore 0 "unused ignore of invalid-version in roles/none.json" -- "$T" lint "$TMP/repo/roles"
expect config-unknown-key 0 'unknown config key "colour"' -- "$T" lint "$TMP/repo/roles"
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
expect config-github-orgs-needed 0 "" -- "$T" lint --no-config "$TMP/orgs/fork.json"
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"oidc.example.com:aud": "trustlint"}}}}' >"$TMP/orgs/own-idp.json"
expect config-trusted-oidc-note 0 "note: any identity your own provider oidc.example.com issues tokens for can assume this role" -- "$T" lint "$TMP/orgs/own-idp.json"
expect config-untrusted-oidc-warning 1 "warning: any identity the provider issues tokens for can assume this role" -- "$T" lint --no-config "$TMP/orgs/own-idp.json"
# ignores with ** across folders (several threads share the config)
mkdir -p "$TMP/globs/a/b"
cp "$TMP/gh-no-sub.json" "$TMP/globs/a/b/open.json"
printf '{"ignore_findings": [{"rule": "wildcard-principal", "file": "**/*.json", "reason": "demo roles"}]}' >"$TMP/globs/.trustlint.json"
expect config-ignore-double-star 0 "" -- "$T" lint -j 2 "$TMP/globs"
