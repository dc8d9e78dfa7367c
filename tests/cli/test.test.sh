# trustlint test and trustlint check (sourced by run.sh)
CI=$ROOT/corpus/ci-example
expect test-passes 0 "17 passed, 0 failed" -- "$T" test "$CI"
expect test-case-line 0 "PASS $CI/roles/payments-irsa.test.json:9: the default service account of payments may not (sts:AssumeRoleWithWebIdentity ImplicitDeny)" -- "$T" test "$CI/roles/payments-irsa.test.json"
expect test-pod-identity-both-actions 0 "sts:AssumeRole Allow (statement 0 \"PodIdentityPayments\"), sts:TagSession Allow" -- "$T" test "$CI/roles/payments-pod-identity.test.json"
# a wrong expectation fails the run with the decision and the statement that made it
mkdir -p "$TMP/t" && cp "$CI/roles/deploy-github.json" "$TMP/t/role.json"
cat >"$TMP/t/role.test.json" <<'JSON'
{"cases": [
  {"name": "a feature branch may deploy", "caller": {"github": ["acme/deploy", "refs/heads/feature"]}, "expect": "allow"},
  {"name": "main may deploy", "caller": {"github": "acme/deploy"}, "expect": "allow"}
]}
JSON
expect test-failure 1 "FAIL $TMP/t/role.test.json:2: a feature branch may deploy: expected allow, got sts:AssumeRoleWithWebIdentity ImplicitDeny" -- "$T" test "$TMP/t"
expect test-summary 1 "1 passed, 1 failed" -- "$T" test "$TMP/t"
"$T" test --junit "$TMP/t/junit.xml" "$TMP/t" >/dev/null 2>&1
expect test-junit 0 '<testsuites name="trustlint" tests="2" failures="1" errors="0">' -- cat "$TMP/t/junit.xml"
expect test-junit-failure 0 '<failure message="expected allow, got sts:AssumeRoleWithWebIdentity ImplicitDeny"/>' -- cat "$TMP/t/junit.xml"
# Pod Identity: a role without sts:TagSession denies the caller although AssumeRole is allowed
sed 's/\["sts:AssumeRole", "sts:TagSession"\]/"sts:AssumeRole"/' "$CI/roles/payments-pod-identity.json" >"$TMP/t/pod.json"
cat >"$TMP/t/pod.test.json" <<'JSON'
{"cases": [{"name": "payments/api", "caller": {"pod-identity": ["arn:aws:eks:us-west-2:111122223333:cluster/prod", "payments", "api"]}, "expect": "allow"}]}
JSON
expect test-pod-identity-needs-tag-session 1 "sts:AssumeRole Allow (statement 0 \"PodIdentityPayments\"), sts:TagSession ImplicitDeny" -- "$T" test "$TMP/t/pod.test.json"
# errors: bad files and cases are located, exit 2
mkdir -p "$TMP/tb"
printf '{"cases": [{"name": "x", "caller": {"irsa": ["nope", "a", "b"]}, "expect": "allow"}]}' >"$TMP/tb/bad.test.json"
cp "$TMP/t/role.json" "$TMP/tb/bad.json"
expect test-bad-caller 2 "bad.test.json:1:45: no OIDC provider for \"nope\" in the policy" -- "$T" test "$TMP/tb/bad.test.json"
printf '{"cases": [{"name": "x", "caller": {"github": "a/b"}, "expect": "maybe"}]}' >"$TMP/tb/bad2.test.json"
expect test-bad-expect 2 "bad2.test.json:1:65: a case needs \"expect\"" -- "$T" test "$TMP/tb/bad2.test.json"
printf '{"cases": []}' >"$TMP/tb/orphan.test.json"
expect test-no-cases 0 "0 passed, 0 failed" -- "$T" test "$TMP/tb/orphan.test.json"
printf '{"cases": [{"name": "x", "caller": {"github": "a/b"}, "expect": "allow"}]}' >"$TMP/tb/nopolicy.test.json"
expect test-missing-policy 2 "nopolicy.json: cannot open" -- "$T" test "$TMP/tb/nopolicy.test.json"
expect test-usage 2 "give expectation files" -- "$T" test
# check: lint findings and test failures in one step
expect check-clean 0 "17 passed, 0 failed" -- "$T" check --no-config "$CI"
cp "$ROOT/corpus/inputs/account/get-role.json" "$TMP/t/open.json"
expect check-lint-finding 1 "open.json:13:20: error: role open:" -- "$T" check --no-config "$TMP/t"
expect check-test-failure 1 "1 passed, 2 failed" -- "$T" check --no-config --disable wildcard-principal "$TMP/t"
"$T" check --no-config --format sarif --junit "$TMP/check.xml" "$CI" >"$TMP/check.sarif" 2>"$TMP/check.err"
expect check-sarif-stdout 0 "2.1.0" -- sh -c "\"$JSONQ\" /version < \"$TMP/check.sarif\""
expect check-tests-to-stderr 0 "17 passed" -- cat "$TMP/check.err"
expect check-junit 0 'tests="17" failures="0"' -- cat "$TMP/check.xml"
expect check-jobs-option 0 "17 passed, 0 failed" -- "$T" check -j 2 --no-config "$CI"
