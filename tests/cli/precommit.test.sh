# The real pre-commit tool runs trustlint through .pre-commit-hooks.yaml, offline
# (sourced by run.sh).  The hook repository is a scratch git repository holding
# this tree's .pre-commit-hooks.yaml, so the test checks the file as it is now.
if ! command -v pre-commit >/dev/null 2>&1; then
	echo "SKIP pre-commit: the pre-commit tool is not installed (make test installs it as root)"
else
	PC=$TMP/precommit
	mkdir -p "$PC/hooks" "$PC/work/roles"
	G="git -c user.name=trustlint -c user.email=test@example.invalid -c init.defaultBranch=main -c commit.gpgsign=false"
	cp "$ROOT/.pre-commit-hooks.yaml" "$PC/hooks/"
	(cd "$PC/hooks" && $G init -q && $G add . && $G commit -qm hooks) >/dev/null
	REV=$(cd "$PC/hooks" && git rev-parse HEAD)
	cat >"$PC/work/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $PC/hooks
    rev: $REV
    hooks:
      - id: trustlint
YAML
	(cd "$PC/work" && $G init -q && $G add .pre-commit-config.yaml && $G commit -qm config) >/dev/null
	BIN_DIR=$(cd "$(dirname "$T")" && pwd)
	export PRE_COMMIT_HOME="$PC/cache"
	(cd "$PC/work" && PATH="$BIN_DIR:$PATH" pre-commit install >/dev/null)
	cp "$ROOT/corpus/inputs/account/get-role.json" "$PC/work/roles/open.json"
	printf '{"name": "unrelated", "private": true}\n' >"$PC/work/package.json"
	expect precommit-blocks-bad-policy 1 "[TL201 wildcard-principal]" -- sh -c "cd \"$PC/work\" && $G add roles/open.json package.json && PATH=\"$BIN_DIR:\$PATH\" $G commit -m bad"
	expect precommit-nothing-committed 0 "config" -- sh -c "cd \"$PC/work\" && git log --format=%s"
	cp "$ROOT/corpus/examples/policies/pod-identity.json" "$PC/work/roles/open.json"
	expect precommit-passes-good-policy 0 "trustlint (IAM role trust policies)" -- sh -c "cd \"$PC/work\" && $G add roles/open.json package.json && PATH=\"$BIN_DIR:\$PATH\" $G commit -m good"
	expect precommit-committed 0 "good" -- sh -c "cd \"$PC/work\" && git log -1 --format=%s"
	# a policy and the expectation file beside it: changing only the policy
	# (main -> any branch) breaks the test, and the hook blocks the commit
	cp "$ROOT/corpus/ci-example/roles/deploy-github.json" "$ROOT/corpus/ci-example/roles/deploy-github.test.json" "$PC/work/roles/"
	expect precommit-passes-pinned-policy 0 "" -- sh -c "cd \"$PC/work\" && $G add roles && PATH=\"$BIN_DIR:\$PATH\" $G commit -m pinned"
	sed -i 's|refs/heads/main|refs/heads/*|' "$PC/work/roles/deploy-github.json"
	expect precommit-blocks-policy-breaking-its-test 1 "FAIL roles/deploy-github.test.json:4: acme/deploy on a feature branch may not" -- sh -c "cd \"$PC/work\" && $G add roles/deploy-github.json && PATH=\"$BIN_DIR:\$PATH\" $G commit -m widen"
	expect precommit-nothing-widened 0 "pinned" -- sh -c "cd \"$PC/work\" && git log -1 --format=%s"
	(cd "$PC/work" && git checkout -q roles/deploy-github.json)
	# only the expectation file changes, to one that fails: blocked too
	sed -i 's|"expect": "deny"}|"expect": "allow"}|' "$PC/work/roles/deploy-github.test.json"
	expect precommit-blocks-failing-test-alone 1 "FAIL roles/deploy-github.test.json" -- sh -c "cd \"$PC/work\" && $G add roles/deploy-github.test.json && PATH=\"$BIN_DIR:\$PATH\" $G commit -m expect"
	(cd "$PC/work" && git checkout -q roles/deploy-github.test.json)
	# a CloudFormation *.template (no identify type) is checked
	cat >"$PC/work/open.template" <<'YAML'
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OpenRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: sts:AssumeRole
YAML
	expect precommit-blocks-bad-template 1 "open.template:10:30: error: role OpenRole" -- sh -c "cd \"$PC/work\" && $G add open.template && PATH=\"$BIN_DIR:\$PATH\" $G commit -m template"
	(cd "$PC/work" && git rm -q --cached open.template && rm open.template)
	unset PRE_COMMIT_HOME
fi
