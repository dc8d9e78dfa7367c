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
# errors: bad files and cases are located (once, with line:column), exit 2
mkdir -p "$TMP/tb"
printf '{"cases": [{"name": "x", "caller": {"github": "a/b"}, "expect": "maybe"}]}' >"$TMP/tb/bad2.test.json"
expect test-bad-expect 2 "ERROR $TMP/tb/bad2.test.json:1:65: x: a case needs \"expect\"" -- "$T" test "$TMP/tb/bad2.test.json"
printf '{"cases": []}' >"$TMP/tb/orphan.test.json"
expect test-no-cases 2 "orphan.test.json:1:11: no cases" -- "$T" test "$TMP/tb/orphan.test.json"
cp "$TMP/t/role.json" "$TMP/tb/bad.json"
# unknown keys of the file: located, with the key meant; nothing of the file runs
cat >"$TMP/tb/bad.test.json" <<'JSON'
{"polcy": "cfn1.yaml",
 "cases": [{"name": "main may deploy", "caller": {"github": "acme/deploy"}, "expect": "allow"}],
 "Cases": []}
JSON
expect test-unknown-file-key 2 "ERROR $TMP/tb/bad.test.json:1:2: unknown key \"polcy\" in an expectation file (did you mean \"policy\"?)" -- "$T" test "$TMP/tb/bad.test.json"
expect test-unknown-file-key-case 2 "bad.test.json:3:2: unknown key \"Cases\" in an expectation file (did you mean \"cases\"?)" -- "$T" test "$TMP/tb/bad.test.json"
expect test-unknown-file-key-runs-nothing 2 "0 passed, 0 failed, 2 errors" -- "$T" test "$TMP/tb/bad.test.json"
# every bad case is reported; the good ones still run; the file has failed
cat >"$TMP/tb/bad.test.json" <<'JSON'
{"cases": [
  {"name": "main may deploy", "caller": {"github": "acme/deploy"}, "expect": "allow"},
  {"name": "short account", "caller": {"account": "12345"}, "expect": "deny"},
  {"name": "bare service", "caller": {"service": "ec2"}, "expect": "deny"},
  {"name": "not a provider", "caller": {"saml": "x"}, "expect": "deny"},
  {"name": "no prefix", "caller": {"github": "acme/deploy"}, "action": "AssumeRole", "expect": "deny"},
  {"name": "nested context", "caller": {"github": "acme/deploy"}, "context": {"k": {"a": 1}}, "expect": "deny"},
  {"name": "a feature branch may not", "caller": {"github": ["acme/deploy", "refs/heads/feature"]}, "expect": "deny"}
]}
JSON
"$T" test "$TMP/tb/bad.test.json" >"$TMP/tb/out" 2>&1; echo "exit $?" >>"$TMP/tb/out"
expect test-bad-account 0 "ERROR $TMP/tb/bad.test.json:3:51: short account: \"12345\" is not an account id" -- cat "$TMP/tb/out"
expect test-bad-service 0 "ERROR $TMP/tb/bad.test.json:4:50: bare service: \"ec2\" is not a service principal name" -- cat "$TMP/tb/out"
expect test-bad-saml 0 "bad.test.json:5:49: not a provider: \"x\" is not a SAML provider ARN" -- cat "$TMP/tb/out"
expect test-bad-action 0 "bad.test.json:6:72: no prefix: \"AssumeRole\" is not an action (SERVICE:NAME" -- cat "$TMP/tb/out"
expect test-bad-context 0 "bad.test.json:7:84: nested context: context key \"k\" takes a string, number, boolean or a list of them, not an object" -- cat "$TMP/tb/out"
expect test-good-cases-still-run 0 "PASS $TMP/tb/bad.test.json:8: a feature branch may not" -- cat "$TMP/tb/out"
expect test-bad-cases-summary 0 "2 passed, 0 failed, 5 errors" -- cat "$TMP/tb/out"
expect test-bad-cases-exit 0 "exit 2" -- cat "$TMP/tb/out"
expect test-location-once 1 "" -- grep -F "bad.test.json:3: " "$TMP/tb/out"
# a GitHub caller against a role without a GitHub provider: an ordinary
# decision (deny), so "no repository outside acme" can be pinned anywhere
cp "$CI/roles/payments-irsa.json" "$TMP/tb/irsa.json"
cat >"$TMP/tb/irsa.test.json" <<'JSON'
{"cases": [
  {"name": "no GitHub repository may", "caller": {"github": "evil/x"}, "expect": "deny"},
  {"name": "nor another cluster", "caller": {"irsa": ["oidc.eks.eu-west-1.amazonaws.com/id/0000AAAA0000AAAA", "payments", "api"]}, "expect": "deny"},
  {"name": "wrongly allowed", "caller": {"github": "evil/x"}, "expect": "allow"}
]}
JSON
expect test-unnamed-provider-denied 1 "PASS $TMP/tb/irsa.test.json:2: no GitHub repository may (sts:AssumeRoleWithWebIdentity ImplicitDeny)" -- "$T" test "$TMP/tb/irsa.test.json"
expect test-unnamed-provider-summary 1 "2 passed, 1 failed" -- "$T" test "$TMP/tb/irsa.test.json"
expect test-help-github-default 0 "REF defaults to refs/heads/main" -- "$T" test --help
printf '{"cases": [{"name": "x", "caller": {"github": "a/b"}, "expect": "allow"}]}' >"$TMP/tb/nopolicy.test.json"
expect test-missing-policy 2 "nopolicy.test.json:1:12: x: cannot open $TMP/tb/nopolicy.json: No such file" -- "$T" test "$TMP/tb/nopolicy.test.json"
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
# check FILE also runs the expectation files that pin FILE (what the
# pre-commit hook relies on): FILE.test.json beside it, and suites in its
# folder or above, up to the repository root, that name it
mkdir -p "$TMP/repo/.git" "$TMP/repo/infra/roles"
cp "$CI/roles/deploy-github.json" "$CI/roles/deploy-github.test.json" "$CI/roles/vendor-audit.json" "$CI/roles/payments-pod-identity.json" "$TMP/repo/infra/roles/"
cp "$CI/account-roles.test.json" "$TMP/repo/infra/"
sed 's|"policy": "roles/payments-pod-identity.json"|"policy": "roles/vendor-audit.json"|' "$CI/account-roles.test.json" >"$TMP/repo/all.test.json"
sed -i 's|roles/vendor-audit.json|infra/roles/vendor-audit.json|' "$TMP/repo/all.test.json"
expect check-file-runs-beside-test 0 "PASS infra/roles/deploy-github.test.json:3: acme/deploy on main may deploy" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/deploy-github.json"
expect check-file-beside-only 0 "5 passed, 0 failed" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/deploy-github.json"
expect check-file-runs-suite-above 0 "PASS infra/account-roles.test.json:5:" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/vendor-audit.json"
expect check-file-runs-suite-at-root 0 "PASS all.test.json:5:" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/vendor-audit.json"
expect check-file-suites-summary 0 "8 passed, 0 failed" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/vendor-audit.json"
# widening the branch breaks the beside test: check on the policy alone fails
sed -i 's|refs/heads/main|refs/heads/*|' "$TMP/repo/infra/roles/deploy-github.json"
expect check-file-beside-test-fails 1 "FAIL infra/roles/deploy-github.test.json:4: acme/deploy on a feature branch may not" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/deploy-github.json"
expect check-test-file-alone 1 "1 failed" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config infra/roles/deploy-github.test.json"
# a file no expectation names runs none, and says nothing of tests
expect check-unpinned-file 0 "" -- sh -c "cd \"$TMP/repo\" && \"$T\" check --no-config --policies-only all.test.json >/dev/null && printf '{}' > other.json && ! \"$T\" check --no-config --policies-only other.json | grep -q passed"
# outside a repository only the policy's own folder is searched
mkdir -p "$TMP/norepo/sub"
cp "$CI/roles/vendor-audit.json" "$TMP/norepo/sub/"
cp "$CI/account-roles.test.json" "$TMP/norepo/"
expect check-no-repo-own-folder 0 "" -- sh -c "! \"$T\" check --no-config \"$TMP/norepo/sub/vendor-audit.json\" | grep -q passed"
# --junit and --format json report lint too, so that CI shows what the exit status says
"$T" check --no-config --junit "$TMP/lint.xml" "$TMP/t/open.json" >/dev/null 2>&1
expect check-junit-lint-failure 0 '<testsuites name="trustlint" tests="1" failures="1" errors="0">' -- cat "$TMP/lint.xml"
expect check-junit-lint-case 0 "name=\"TL201 wildcard-principal at 13:20\"" -- cat "$TMP/lint.xml"
"$T" check --no-config --fail-on error --disable wildcard-principal --junit "$TMP/lint2.xml" "$TMP/t/open.json" >/dev/null 2>&1
expect check-junit-below-threshold 0 'tests="0" failures="0"' -- cat "$TMP/lint2.xml"
"$T" check --no-config --format json "$TMP/t" >"$TMP/check.json" 2>/dev/null
expect check-json-tests-failed 0 "2" -- sh -c "\"$JSONQ\" /tests/failed < \"$TMP/check.json\""
expect check-json-tests-passed 0 "1" -- sh -c "\"$JSONQ\" /tests/passed < \"$TMP/check.json\""
expect check-json-test-case 0 "fail" -- sh -c "\"$JSONQ\" /tests/cases/1/status < \"$TMP/check.json\""
expect check-json-test-message 0 "expected allow, got sts:AssumeRoleWithWebIdentity ImplicitDeny" -- sh -c "\"$JSONQ\" /tests/cases/1/message < \"$TMP/check.json\""
expect check-json-keeps-findings 0 "TL201" -- sh -c "\"$JSONQ\" /findings/0/rule < \"$TMP/check.json\""
# check lints as lint does: the config's levels reach SARIF, unused ignores and
# input notes are notes (no JUnit case, no exit 2), a broken config is a JUnit error
mkdir -p "$TMP/cc"
cp "$TMP/t/open.json" "$TMP/cc/open.json"
echo '{"rules": {"wildcard-principal": "note"}, "ignore_findings": [{"rule": "invalid-version", "file": "open.json", "reason": "stale"}]}' >"$TMP/cc/.trustlint.json"
expect check-config-unused-ignore 0 "warning: unused ignore of invalid-version in open.json" -- "$T" check "$TMP/cc"
WP=$("$T" lint --no-config --format sarif "$TMP/cc/open.json" | "$JSONQ" /runs/0/results/0/ruleIndex)
"$T" check --format sarif "$TMP/cc" >"$TMP/cc.sarif" 2>/dev/null
expect check-sarif-config-level 0 "note" -- "$JSONQ" /runs/0/tool/driver/rules/$WP/defaultConfiguration/level <"$TMP/cc.sarif"
printf '{"format_version": "1.2", "resource_changes": [{"address": "aws_iam_role.later", "mode": "managed", "type": "aws_iam_role", "name": "later", "change": {"actions": ["create"], "before": null, "after": {"name": "later"}, "after_unknown": {"assume_role_policy": true}}}]}' >"$TMP/cc/plan.json"
"$T" check --format json --junit "$TMP/cc.xml" "$TMP/cc/plan.json" >"$TMP/cc.json" 2>/dev/null
expect check-note-exit-0 0 "" -- "$T" check --no-config "$TMP/cc/plan.json"
expect check-json-note-severity 0 "note" -- "$JSONQ" /errors/0/severity <"$TMP/cc.json"
expect check-json-note-then-tests 0 "0" -- "$JSONQ" /tests/errors <"$TMP/cc.json"
expect check-junit-note-no-case 0 'tests="0" failures="0" errors="0"' -- cat "$TMP/cc.xml"
rm "$TMP/cc/plan.json"
echo '{"rules": {"no-such-rule": "off"}}' >"$TMP/cc/.trustlint.json"
"$T" check --junit "$TMP/cc-bad.xml" "$TMP/cc" >/dev/null 2>&1
expect check-bad-config-exit-2 2 'unknown rule "no-such-rule"' -- "$T" check "$TMP/cc"
expect check-junit-bad-config-error 0 'errors="1"' -- cat "$TMP/cc-bad.xml"
expect check-junit-bad-config-suite 0 'classname="'"$TMP"'/cc/.trustlint.json" name="lint"' -- cat "$TMP/cc-bad.xml"
"$T" check --format sarif "$TMP/cc" >"$TMP/cc-bad.sarif" 2>/dev/null
expect check-sarif-bad-config-failed 0 "false" -- "$JSONQ" /runs/0/invocations/0/executionSuccessful <"$TMP/cc-bad.sarif"
# intrinsic functions are unknown until deployed: an expectation passes only
# when it holds whatever they turn out to be
mkdir -p "$TMP/ti"
cat >"$TMP/ti/stack.template.json" <<'JSON'
{"AWSTemplateFormatVersion": "2010-09-09",
 "Parameters": {"Trusted": {"Type": "String"}, "Svc": {"Type": "String"}},
 "Resources": {
  "Deploy": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
   "Version": "2012-10-17",
   "Statement": [{"Effect": "Allow", "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${Trusted}:root"},
                  "Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
  "Worker": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
   "Version": "2012-10-17",
   "Statement": [{"Effect": "Allow", "Principal": {"Service": {"Ref": "Svc"}}, "Action": "sts:AssumeRole"}]}}}}}
JSON
cat >"$TMP/ti/stack.test.json" <<'JSON'
{"suites": [
 {"policy": "stack.template.json", "role": "Deploy", "cases": [
  {"name": "EC2 may", "caller": {"service": "ec2.amazonaws.com"}, "expect": "allow"},
  {"name": "a stranger account may not", "caller": {"account": "999988887777"}, "expect": "deny"}]},
 {"policy": "stack.template.json", "role": "Worker", "cases": [
  {"name": "no account may", "caller": {"account": "999988887777"}, "expect": "deny"}]}
]}
JSON
expect test-intrinsic-unknown 1 "FAIL $TMP/ti/stack.test.json:4: a stranger account may not: expected deny, got sts:AssumeRole ImplicitDeny; statement 0 depends on intrinsic functions unknown until deployed" -- "$T" test "$TMP/ti/stack.test.json"
expect test-intrinsic-literal-part-resolved 1 "PASS $TMP/ti/stack.test.json:3: EC2 may" -- "$T" test "$TMP/ti/stack.test.json"
expect test-intrinsic-other-type-resolved 1 "PASS $TMP/ti/stack.test.json:6: no account may" -- "$T" test "$TMP/ti/stack.test.json"
expect test-intrinsic-summary 1 "2 passed, 1 failed" -- "$T" test "$TMP/ti/stack.test.json"
# Fn::If: the inputs give each choice its own policy; a case must hold for every choice
mkdir -p "$TMP/tv"
cat >"$TMP/tv/stack.template.json" <<'JSON'
{"AWSTemplateFormatVersion": "2010-09-09",
 "Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
 "Resources": {"Ops": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
   "Version": "2012-10-17",
   "Statement": [{"Effect": "Allow",
                  "Principal": {"Fn::If": ["Prod", {"AWS": "arn:aws:iam::111122223333:root"}, {"Service": "ec2.amazonaws.com"}]},
                  "Action": "sts:AssumeRole"}]}}}}}
JSON
cat >"$TMP/tv/stack.test.json" <<'JSON'
{"policy": "stack.template.json", "cases": [
  {"name": "a stranger account may not", "caller": {"account": "999988887777"}, "expect": "deny"},
  {"name": "EC2 may", "caller": {"service": "ec2.amazonaws.com"}, "expect": "allow"}
]}
JSON
expect test-fn-if-every-choice 1 "PASS $TMP/tv/stack.test.json:2: a stranger account may not (sts:AssumeRole ImplicitDeny, and alike for every Fn::If choice)" -- "$T" test "$TMP/tv/stack.test.json"
expect test-fn-if-names-choice 1 "FAIL $TMP/tv/stack.test.json:3: EC2 may: expected allow, got sts:AssumeRole ImplicitDeny when Prod=true" -- "$T" test "$TMP/tv/stack.test.json"
