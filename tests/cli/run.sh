#!/bin/sh
# CLI tests: run the real binary and check its output and exit status.
# Usage: TRUSTLINT=path/to/trustlint sh tests/cli/run.sh
set -u
T=${TRUSTLINT:-build/plain/trustlint}
JSONQ=${JSONQ:-build/plain/tests/tools/json_query}
# absolute, since tests run commands from other folders
case $T in /*) ;; *) T=$(pwd)/$T ;; esac
case $JSONQ in /*) ;; *) JSONQ=$(pwd)/$JSONQ ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0; fail=0

# expect NAME WANT_STATUS PATTERN -- command...: the command's stdout+stderr
# must contain PATTERN (a fixed string) and it must exit WANT_STATUS.
expect() {
	name=$1; want=$2; pattern=$3; shift 4
	"$@" >"$TMP/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL $name: exit $got, wanted $want"; sed 's/^/    /' "$TMP/out" | head -20; fail=$((fail+1)); return
	fi
	if [ -n "$pattern" ] && ! grep -qF -- "$pattern" "$TMP/out"; then
		echo "FAIL $name: output lacks: $pattern"; sed 's/^/    /' "$TMP/out" | head -20; fail=$((fail+1)); return
	fi
	pass=$((pass+1))
}

for f in "$HERE"/*.test.sh; do
	. "$f"
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
