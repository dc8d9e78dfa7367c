# Hostile `trustlint test` expectation files and `simulate` scripts.  A
# broken file is an ERROR at its line:column (exit 2), never a suite that
# passes for having read nothing; a script's bad line is "line N: error"
# (exit 2).  Sourced by run.sh: uses check, $T and $TMP.

S=$TMP/suites
mkdir -p "$S"
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole"}}' >"$S/role.json"
CI='"caller": {"role": "arn:aws:iam::111122223333:role/ci"}'
# suite NAME PATTERN PRINTF-FORMAT [ARGS]: NAME.test.json, then trustlint test on it (exit 2)
suite() {
	name=$1; pattern=$2; shift 2
	# shellcheck disable=SC2059
	printf "$@" >"$S/$name.test.json"
	check "test-$name" 10 2 "ERROR $S/$name.test.json:$pattern" -- "$T" test "$S/$name.test.json"
}
suite truncated "1:44: '}' expected near end of file" '{"policy": "role.json", "cases": [{"name": "a"'
suite array "1:1: an expectation file is a JSON object, not an array" '[1]'
suite cases-object '1:34: a suite needs "cases": [...]' '{"policy": "role.json", "cases": {}}'
suite case-number "1:35: a case must be an object" '{"policy": "role.json", "cases": [5]}'
suite suites-string '1:12: "suites" must be an array of suites' '{"suites": "x"}'
suite policy-number '1:12: "policy" must be the policy file'"'"'s path' '{"policy": 5, "cases": [{"name": "a", %s, "expect": "allow"}]}' "$CI"
suite role-number '1:33: "role" must be the name of a role in the policy file' '{"policy": "role.json", "role": 5, "cases": [{"name": "a", %s, "expect": "allow"}]}' "$CI"
suite unknown-suite-field '1:25: unknown key "frob" in an expectation file (known: policy, role, cases)' '{"policy": "role.json", "frob": 1, "cases": [{"name": "a", %s, "expect": "allow"}]}' "$CI"
suite unknown-case-field '1:125: a: unknown key "frob" in a case (known: name, caller, request, action, context, expect)' '{"policy": "role.json", "cases": [{"name": "a", %s, "expect": "allow", "frob": 1}]}' "$CI"
suite caller-string '1:59: a: "caller" must be {"KIND": [ARGS...]}' '{"policy": "role.json", "cases": [{"name": "a", "caller": "x", "expect": "allow"}]}'
suite caller-too-many-args '1:68: a: caller "irsa" takes a string or an array of 1 to 8 strings' '{"policy": "role.json", "cases": [{"name": "a", "caller": {"irsa": ["a","b","c","d","e","f","g","h","i"]}, "expect": "allow"}]}'
suite context-object '1:127: a: context key "aws:x" takes a string, number, boolean or a list of them, not an object' '{"policy": "role.json", "cases": [{"name": "a", %s, "context": {"aws:x": {"a": 1}}, "expect": "allow"}]}' "$CI"
suite context-null-value '1:133: a: context key "aws:x": a list holds strings, numbers or booleans, not null' '{"policy": "role.json", "cases": [{"name": "a", %s, "context": {"aws:x": ["y", null]}, "expect": "allow"}]}' "$CI"
suite expect-number '1:116: a: a case needs "expect": "allow", "deny", "explicit-deny" or "implicit-deny"' '{"policy": "role.json", "cases": [{"name": "a", %s, "expect": 1}]}' "$CI"
suite duplicate-expect "1:125: duplicate object key near '\"expect\"'" '{"policy": "role.json", "cases": [{"name": "a", %s, "expect": "allow", "expect": "deny"}]}' "$CI"
suite nul "1:37: NUL byte in the text (JSON allows none)" '{"policy": "role.json", "cases": []}\000'
suite invalid-utf8 "1:45: invalid UTF-8 (byte 0xff)" '{"policy": "role.json", "cases": [{"name": "\377", %s, "expect": "allow"}]}' "$CI"
suite policy-missing "1:35: a: cannot open $S/nope.json: No such file or directory" '{"policy": "nope.json", "cases": [{"name": "a", %s, "expect": "allow"}]}' "$CI"
{ printf '{"policy": "role.json", "cases": '; head -c 100000 /dev/zero | tr '\000' '['; } >"$S/deep.test.json"
check test-deep 10 2 "ERROR $S/deep.test.json:1:97: nesting deeper than 64 levels (limit)" -- "$T" test "$S/deep.test.json"
{ printf '{"policy": "role.json", "cases": [{"name": "'; head -c 70000 /dev/zero | tr '\000' a; printf '"}]}'; } >"$S/long.test.json"
check test-long-string 10 2 "ERROR $S/long.test.json:1:44: string of 70000 bytes is longer than 65536 (limit)" -- "$T" test "$S/long.test.json"
# the policy a suite names is hostile too: its own located error
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Sid": "\377"}]}' >"$S/bad-role.json"
suite policy-invalid-utf8 "1:39: a: $S/bad-role.json:1:96: invalid UTF-8 (byte 0xff)" '{"policy": "bad-role.json", "cases": [{"name": "a", %s, "expect": "allow"}]}' "$CI"

# ---- simulate scripts --------------------------------------------------
P_SIM=$S/role.json
sim() { # sim NAME STATUS PATTERN PRINTF-FORMAT [ARGS]: a script piped to simulate
	name=$1; want=$2; pattern=$3; shift 3
	# shellcheck disable=SC2059
	printf "$@" >"$S/$name.sim"
	check "simulate-$name" 10 "$want" "$pattern" -- sh -c "\"$T\" simulate \"$P_SIM\" <\"$S/$name.sim\""
}
sim nul-in-command 2 "line 2: error: a NUL byte in the line (column 22)" 'principal AWS arn:aws:iam::111122223333:role/ci\naction sts:AssumeRole\000garbage\neval\n'
sim nul-not-obeyed 2 "line 3: error: the request has no action" 'principal AWS arn:aws:iam::111122223333:role/ci\naction sts:AssumeRole\000garbage\neval\n'
sim invalid-utf8-arg 2 'line 1: error: AWS principal "4444' 'principal AWS 4444\377\n'
sim unterminated-quote 2 'line 1: error: unterminated " quote' 'set aws:x "abc\n'
sim load-missing 2 "line 1: error: cannot open $S/nope.json: No such file or directory" "load $S/nope.json\n"
printf '{"RoleDetailList": {"a": 1}}' >"$S/dump.json"
sim load-bad-container 2 "line 1: error: $S/dump.json:1:20: RoleDetailList must be an array, not an object" "load $S/dump.json\n"
printf '{"Version": "2012-10-17",\000 "Statement": []}' >"$S/nul.json"
sim load-nul 2 "line 1: error: $S/nul.json:1:26: NUL byte in the text (JSON allows none)" "load $S/nul.json\n"
sim open-invalid-utf8 2 "line 1: error: $S/bad-role.json:1:96: invalid UTF-8 (byte 0xff)" "open $S/bad-role.json\n"
# a 300 MB line through a pipe: refused as it streams, the next line still runs
head -c 300000000 /dev/zero | tr '\000' a >"$S/huge.sim" 2>/dev/null || true
printf '\nprincipal AWS arn:aws:iam::111122223333:role/ci\naction sts:AssumeRole\neval\n' >>"$S/huge.sim"
check simulate-300mb-line 60 2 "line 1: error: line longer than 65536 bytes" -- sh -c "\"$T\" simulate \"$P_SIM\" <\"$S/huge.sim\""
check simulate-300mb-line-then-eval 60 2 "Allow" -- sh -c "\"$T\" simulate \"$P_SIM\" <\"$S/huge.sim\""
if [ -x /usr/bin/time ] && ! ldd "$T" 2>/dev/null | grep -q 'lib[at]san'; then
	check simulate-300mb-line-memory 60 0 "under 64 MB" -- sh -c "/usr/bin/time -f %M -o \"$S/sim.rss\" \"$T\" simulate \"$P_SIM\" <\"$S/huge.sim\" >/dev/null 2>&1; kb=\$(tail -1 \"$S/sim.rss\"); [ \"\$kb\" -lt 65536 ] && echo 'under 64 MB' || echo \"\$kb KB\""
fi
rm -f "$S/huge.sim"
