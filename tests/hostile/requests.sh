# Hostile requests: `eval --request` files and `eval --batch` lines.  Every
# bad line gets its own reply naming its line number (replies stay paired
# with lines), the batch exits 2, and memory stays bounded by the document
# limit, not by the input.  Sourced by run.sh: uses check, $T and $TMP.

Q=$TMP/requests
mkdir -p "$Q"
POL='{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}}'
REQ='{"principal": {"type": "AWS", "id": "444455556666"}, "action": "sts:AssumeRole"}'
RQ='{"principal": {"type": "AWS", "id": "444455556666"}, "action": "sts:AssumeRole"'
printf '%s' "$POL" >"$Q/policy.json"

# ---- --request files -------------------------------------------------------
# req NAME PATTERN PRINTF-FORMAT [ARGS]: the request file, then eval with it (exit 2)
req() {
	name=$1; pattern=$2; shift 2
	# shellcheck disable=SC2059
	printf "$@" >"$Q/$name.json"
	check "request-$name" 10 2 "$pattern" -- "$T" eval --policy "$Q/policy.json" --request "$Q/$name.json"
}
req truncated "truncated.json:1:37: error: premature end of input near '\"4444'" '{"principal": {"type": "AWS", "id": "4444'
req array "array.json:1:1: error: a request must be an object" '[1]'
req principal-number 'principal-number.json:1:15: error: request.principal must be {"type": "AWS"|' '{"principal": 5, "action": "sts:AssumeRole"}'
req principal-type-number 'principal-type-number.json:1:15: error: request.principal must be {"type": "AWS"|' '{"principal": {"type": 5, "id": "1"}, "action": "sts:AssumeRole"}'
req action-array 'action-array.json:1:64: error: request.action must be a string such as "sts:AssumeRole"' '{"principal": {"type": "AWS", "id": "444455556666"}, "action": ["sts:AssumeRole"]}'
req context-array "context-array.json:1:93: error: request.context must be an object" '%s, "context": [1]}' "$RQ"
req context-object-value "context-object-value.json:1:114: error: context values must be strings, numbers or booleans" '%s, "context": {"aws:SourceIp": [1, {"a": 2}]}}' "$RQ"
req duplicate-context-key "duplicate-context-key.json:1:121: error: duplicate object key near '\"aws:SourceIp\"'" '%s, "context": {"aws:SourceIp": "1.2.3.4", "aws:SourceIp": "5.6.7.8"}}' "$RQ"
req duplicate-action "duplicate-action.json:1:82: error: duplicate object key near '\"action\"'" '%s, "action": "sts:TagSession"}' "$RQ"
req unknown-field 'unknown-field.json:1:96: error: unknown request field "frobnicate" (expected principal, action, context)' '%s, "frobnicate": 1}' "$RQ"
req invalid-utf8 "invalid-utf8.json:1:42: error: invalid UTF-8 (byte 0xed)" '{"principal": {"type": "AWS", "id": "4444\355\240\20055556666"}, "action": "sts:AssumeRole"}'
req nul "nul.json:1:81: error: NUL byte in the text (JSON allows none)" '%s}\000' "$RQ"
req huge-number "huge-number.json:1:120: error: real number overflow near '1e99999'" '%s, "context": {"aws:MultiFactorAuthAge": 1e99999}}' "$RQ"
{ printf '%s, "context": {"aws:x": ' "$RQ"; head -c 100000 /dev/zero | tr '\000' '['; } >"$Q/deep.json"
check request-deep 10 2 "deep.json:1:165: error: nesting deeper than 64 levels (limit)" -- "$T" eval --policy "$Q/policy.json" --request "$Q/deep.json"
{ printf '%s, "context": {"aws:x": "' "$RQ"; head -c 70000 /dev/zero | tr '\000' a; printf '"}}'; } >"$Q/long-value.json"
check request-long-value 10 2 "long-value.json:1:103: error: string of 70000 bytes is longer than 65536 (limit)" -- "$T" eval --policy "$Q/policy.json" --request "$Q/long-value.json"
{ printf '%s, "context": {"aws:x": "' "$RQ"; head -c 52428800 /dev/zero | tr '\000' a; printf '"}}'; } >"$Q/big.json"
check request-50mb 20 2 "big.json: error: document of 52428906 bytes is larger than 1048576 (limit)" -- "$T" eval --policy "$Q/policy.json" --request "$Q/big.json"
rm -f "$Q/big.json"
check request-directory 10 2 "$Q: error: cannot read $Q: Is a directory" -- "$T" eval --policy "$Q/policy.json" --request "$Q"

# ---- eval --batch lines ----------------------------------------------------
# line_case NAME REPLY PRINTF-FORMAT [ARGS]: a one-line batch; its reply, exit 2
line_case() {
	name=$1; reply=$2; shift 2
	# shellcheck disable=SC2059
	printf "$@" >"$Q/$name.jsonl"
	check "batch-$name" 10 2 "$reply" -- "$T" eval --batch "$Q/$name.jsonl"
}
E='"decision": null, "matched": [], "error": '
line_case truncated "{\"id\": null, $E\"line 1: 1:149: premature end of input near '\\\"princ'\"}" '{"id": 1, "policy": %s, "request": {"princ\n' "$POL"
line_case trailing-comma "{\"id\": null, $E\"line 1: 1:229: string or '}' expected near '}'\"}" '{"id": 2, "policy": %s, "request": %s,}\n' "$POL" "$REQ"
line_case array "{\"id\": null, $E\"line 1: not a JSON object\"}" '[1, 2]\n'
line_case policy-string "{\"id\": 4, $E\"line 1: IAM would refuse this policy (1 problem): policy:1:1: a policy must be a JSON object, not a string\"}" '{"id": 4, "policy": "x", "request": %s}\n' "$REQ"
line_case request-number "{\"id\": 5, $E\"line 1: request 1:148: a request must be an object\"}" '{"id": 5, "policy": %s, "request": 5}\n' "$POL"
line_case principal-array '{"id": 6, '"$E"'"line 1: request 1:162: request.principal must be' '{"id": 6, "policy": %s, "request": {"principal": [1], "action": "sts:AssumeRole"}}\n' "$POL"
line_case context-string "{\"id\": 7, $E\"line 1: request 1:240: request.context must be an object\"}" '{"id": 7, "policy": %s, "request": %s, "context": "x"}}\n' "$POL" "$RQ"
line_case context-value-object "{\"id\": 8, $E\"line 1: request 1:257: context key \\\"aws:SourceIp\\\" must be a string or an array of strings\"}" '{"id": 8, "policy": %s, "request": %s, "context": {"aws:SourceIp": {"a": 1}}}}\n' "$POL" "$RQ"
line_case duplicate-request "{\"id\": null, $E\"line 1: 1:231: duplicate object key near '\\\"request\\\"'\"}" '{"id": 10, "policy": %s, "request": %s, "request": %s}\n' "$POL" "$REQ" "$REQ"
line_case duplicate-action "{\"id\": null, $E\"line 1: 1:230: duplicate object key near '\\\"action\\\"'\"}" '{"id": 11, "policy": %s, "request": %s, "action": "sts:TagSession"}}\n' "$POL" "$RQ"
line_case duplicate-in-policy "{\"id\": null, $E\"line 1: 1:48: duplicate object key near '\\\"Version\\\"'\"}" '{"id": 12, "policy": {"Version": "2012-10-17", "Version": "2012-10-17", "Statement": []}, "request": %s}\n' "$REQ"
line_case invalid-utf8 "{\"id\": null, $E\"line 1: 1:186: invalid UTF-8 (byte 0xff)\"}" '{"id": 13, "policy": %s, "request": {"principal": {"type": "AWS", "id": "\377"}, "action": "sts:AssumeRole"}}\n' "$POL"
line_case nul "{\"id\": null, $E\"line 1: 1:230: NUL byte in the text (JSON allows none)\"}" '{"id": 14, "policy": %s, "request": %s}\000\n' "$POL" "$REQ"
line_case nul-inside "{\"id\": null, $E\"line 1: 1:3: NUL byte in the text (JSON allows none)\"}" '{"\000id": 1}\n'
line_case empty "{\"id\": null, $E\"line 1: empty line\"}" ' \t\r\n'
line_case huge-number "{\"id\": null, $E\"line 1: 1:268: real number overflow near '1e99999'\"}" '{"id": 20, "policy": %s, "request": %s, "context": {"aws:MultiFactorAuthAge": 1e99999}}}\n' "$POL" "$RQ"
line_case policy-file-directory "{\"id\": 18, $E\"line 1: /tmp: cannot read /tmp: Is a directory\"}" '{"id": 18, "policy_file": "/tmp", "request": %s}\n' "$REQ"
line_case policy-file-missing "{\"id\": 19, $E\"line 1: nope.json: cannot open $Q/nope.json: No such file or directory\"}" '{"id": 19, "policy_file": "nope.json", "request": %s}\n' "$REQ"
{ printf '{"id": 16, "policy": %s, "request": %s, "context": {"aws:x": "' "$POL" "$RQ"; head -c 70000 /dev/zero | tr '\000' a; printf '"}}}\n'; } >"$Q/long-value.jsonl"
check batch-long-value 10 2 "{\"id\": null, $E\"line 1: 1:251: string of 70000 bytes is longer than 65536 (limit)\"}" -- "$T" eval --batch "$Q/long-value.jsonl"
{ printf '{"id": 17, "policy": %s, "request": %s, "context": {"aws:x": ' "$POL" "$RQ"; head -c 100000 /dev/zero | tr '\000' '['; printf '\n'; } >"$Q/deep.jsonl"
check batch-deep 10 2 "{\"id\": null, $E\"line 1: 1:312: nesting deeper than 64 levels (limit)\"}" -- "$T" eval --batch "$Q/deep.jsonl"

# replies stay paired with lines around a bad one, and good lines still decide
{ printf '{"id": "a", "policy": %s, "request": %s}\n' "$POL" "$REQ"; printf 'not json\n'; printf '{"id": "c", "policy": %s, "request": %s}' "$POL" "$REQ"; } >"$Q/mixed.jsonl"
check batch-mixed-first 10 2 '{"id": "a", "decision": "Allow", "matched": [0], "account_level": false, "error": null}' -- "$T" eval --batch "$Q/mixed.jsonl"
check batch-mixed-bad 10 2 "{\"id\": null, $E\"line 2: 1:1: invalid token near 'not'\"}" -- "$T" eval --batch "$Q/mixed.jsonl"
check batch-mixed-last 10 2 '{"id": "c", "decision": "Allow", "matched": [0], "account_level": false, "error": null}' -- "$T" eval --batch "$Q/mixed.jsonl"

# ---- bounded memory ------------------------------------------------------
# fns.sh: run a command under GNU time when there is one (timed NAME CMD...),
# then say "peak memory under MB MB" or how far over (under_mb NAME MB); no
# measure without GNU time, nor under ASan, whose shadow memory and
# quarantine are not the program's
sanitized=false
if ldd "$T" 2>/dev/null | grep -q 'lib[at]san'; then sanitized=true; fi
{ printf 'Q=%s\nsanitized=%s\n' "$Q" "$sanitized"; cat <<'SH'
TIME_V=/usr/bin/time
timed() {
	name=$1; shift
	if [ -x "$TIME_V" ]; then "$TIME_V" -f %M -o "$Q/$name.rss" "$@"; else "$@"; fi
}
under_mb() {
	if [ ! -x "$TIME_V" ] || $sanitized; then echo "peak memory under $2 MB (not measured)"; return; fi
	kb=$(tail -1 "$Q/$1.rss")
	if [ "$kb" -lt $(($2 * 1024)) ]; then echo "peak memory under $2 MB"; else echo "peak memory $kb KB, over $2 MB"; fi
}
SH
} >"$Q/fns.sh"

# a 300 MB line through a pipe: refused as it streams, never held whole
cat >"$Q/long-line.sh" <<SH
head -c 300000000 /dev/zero | tr '\\000' a | { printf '{"id": 1}\\n'; cat; printf '\\n{"id": 3}\\n'; } |
	{ . "$Q/fns.sh"; timed long-line "$T" eval --batch -; echo "exit \$?"; under_mb long-line 64; }
SH
timeout 60 sh "$Q/long-line.sh" >"$Q/long-line.out" 2>&1 # once: the checks read what it said
check batch-300mb-line 60 0 "{\"id\": null, $E\"line 2: longer than 1048576 bytes (limit)\"}" -- cat "$Q/long-line.out"
check batch-300mb-line-exit 60 0 "exit 2" -- cat "$Q/long-line.out"
check batch-300mb-line-memory 60 0 "peak memory under 64 MB" -- cat "$Q/long-line.out"
check batch-300mb-line-next 60 0 "{\"id\": 3, $E\"line 3: needs" -- cat "$Q/long-line.out"

# 20 distinct inline policies of about 1 MB each (80,000 condition values):
# the cache keeps at most 256 MB of them, not all 20 (some 800 MB)
awk 'BEGIN { for (l = 0; l < 20; l++) { printf "{\"id\": %d, \"policy\": {\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:PrincipalOrgID\": [", l; for (i = 0; i < 80000; i++) printf "%s\"o-%d\"", (i ? "," : ""), l * 100000 + i % 10; want = l * 100000 + 3 + 8 * (l % 2 == 0); printf "]}}}}, \"request\": {\"principal\": {\"type\": \"AWS\", \"id\": \"444455556666\"}, \"action\": \"sts:AssumeRole\", \"context\": {\"aws:PrincipalOrgID\": \"o-%d\"}}}\n", want } }' >"$Q/big-policies.jsonl"
cat >"$Q/big-policies.sh" <<SH
. "$Q/fns.sh"
timed big-policies "$T" eval --batch "$Q/big-policies.jsonl" >"$Q/big-policies.out"
echo "exit \$?"
grep -c '"decision": "Allow"' "$Q/big-policies.out" | sed 's/^/allowed /'
grep -c '"decision": "ImplicitDeny"' "$Q/big-policies.out" | sed 's/^/denied /'
under_mb big-policies 480
SH
check batch-cache-bytes-exit 120 0 "exit 0" -- sh -c "sh \"$Q/big-policies.sh\" >\"$Q/big-policies.said\" 2>&1; cat \"$Q/big-policies.said\""
check batch-cache-bytes-allowed 10 0 "allowed 10" -- cat "$Q/big-policies.said"
check batch-cache-bytes-denied 10 0 "denied 10" -- cat "$Q/big-policies.said"
check batch-cache-bytes-memory 10 0 "peak memory under 480 MB" -- cat "$Q/big-policies.said"
rm -f "$Q/big-policies.jsonl" "$Q/big-policies.out"
