#!/bin/sh
# Every subcommand under valgrind over the corpora: no invalid access, no
# uninitialised use, no leak (exit 99 on any error).
# Usage: TRUSTLINT=path/to/trustlint sh tests/valgrind.sh
set -u
T=${TRUSTLINT:-build/plain/trustlint}
V="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
run() {
	name=$1; shift
	$V "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -eq 99 ] || grep -q "==[0-9]*==" "$TMP/err"; then
		echo "FAIL valgrind $name"; head -30 "$TMP/err"; fail=$((fail+1))
	else
		echo "  ok   $name"
	fi
}
run lint-corpus "$T" lint --no-config -j 2 corpus
run lint-formats "$T" lint --no-config --format sarif corpus/lint/oidc-missing-subject corpus/inputs
run eval-batch "$T" eval --batch corpus/examples/requests.jsonl
run eval-vectors "$T" eval --batch corpus/eval/principals.jsonl
run eval-explain "$T" eval --json --policy corpus/examples/policies/cross-account.json --request tests/simulate/data/vendor-request.json
run test-ci "$T" test --junit "$TMP/j.xml" corpus/ci-example
run rules "$T" rules --markdown
# the real-world corpus, when this machine has it (CI does)
SHARED=${SHARED:-../shared}
if [ -d "$SHARED/wild" ]; then
	run lint-wild "$T" lint --no-config -j 2 --format json "$SHARED/wild"
else
	echo "  skip lint-wild: no $SHARED/wild here"
fi
run simulate "$T" simulate corpus/examples/policies/irsa-payments.json <tests/simulate/irsa-walkthrough.in
[ "$fail" -eq 0 ]
