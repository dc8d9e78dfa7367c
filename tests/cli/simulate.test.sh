# trustlint simulate (sourced by run.sh: uses expect, $T, $TMP, $ROOT)
#
# Transcripts: tests/simulate/NAME.in is piped in (not a terminal), run
# from the repository root; stdout+stderr must equal NAME.out.  A line
# "# args: ..." in NAME.in gives the command-line arguments and "# exit: N"
# the exit status (0 when absent); the REPL itself skips # lines.

# An absolute path to the binary: transcripts run from $ROOT.
case $T in
*/*) SIM_T=$(cd "$(dirname "$T")" && pwd)/$(basename "$T") ;;
*) SIM_T=$(command -v "$T") ;;
esac
SIM_DIR=$ROOT/tests/simulate

# sim_transcript IN: the session's exit status, or 99 (with the diff) when
# the output is not the transcript's.
sim_transcript() {
	sim_in=$1
	sim_args=$(sed -n 's/^# args: //p' "$sim_in")
	# $sim_args is split on purpose: it holds several arguments
	(cd "$ROOT" && "$SIM_T" simulate $sim_args <"$sim_in" >"$TMP/sim.got" 2>&1)
	sim_rc=$?
	if ! diff -u "${sim_in%.in}.out" "$TMP/sim.got"; then
		echo "transcript differs (exit $sim_rc)"
		return 99
	fi
	return $sim_rc
}

for sim_in in "$SIM_DIR"/*.in; do
	sim_name=$(basename "$sim_in" .in)
	sim_want=$(sed -n 's/^# exit: //p' "$sim_in")
	expect "simulate-$sim_name" "${sim_want:-0}" "" -- sim_transcript "$sim_in"
done

# options and exit statuses
P_SIM=$ROOT/corpus/examples/policies
expect simulate-option-help 0 "usage: trustlint simulate" -- "$SIM_T" simulate --help
expect simulate-bad-option 2 'unexpected argument "--frobnicate"' -- "$SIM_T" simulate --frobnicate
expect simulate-two-files 2 "give one FILE" -- "$SIM_T" simulate "$P_SIM/irsa-payments.json" "$P_SIM/pod-identity.json"
expect simulate-bad-expect 2 "--expect takes allow, deny" -- "$SIM_T" simulate --expect maybe
expect simulate-missing-file 2 "error: cannot open $TMP/nope.json" -- sh -c "\"$SIM_T\" simulate \"$TMP/nope.json\" </dev/null"
expect simulate-empty-input 0 "" -- sh -c "\"$SIM_T\" simulate </dev/null"
expect simulate-error-exit 2 'error: unknown command "nope"' -- sh -c "echo nope | \"$SIM_T\" simulate"
expect simulate-expect-exit 1 "expect allow: FAILED (the last decision was ImplicitDeny)" -- \
	sh -c "printf 'principal Anonymous\naction sts:AssumeRole\neval\n' | \"$SIM_T\" simulate --expect allow \"$P_SIM/cross-account.json\""
head -c 70000 /dev/zero | tr '\0' x >"$TMP/long.txt"
expect simulate-long-line 2 "error: line longer than 65536 bytes" -- sh -c "\"$SIM_T\" simulate <\"$TMP/long.txt\""

# save FILE, then open it in another session: the same request, the same decision
printf 'caller role arn:aws:iam::444455556666:role/VendorAudit\nset sts:ExternalId acme-7f3c9a\nsave %s\n' \
	"$TMP/vendor.request.jsonl" >"$TMP/save.in"
expect simulate-save-file 0 "saved $TMP/vendor.request.jsonl: 1 line" -- \
	sh -c "\"$SIM_T\" simulate \"$P_SIM/cross-account.json\" <\"$TMP/save.in\""
expect simulate-saved-is-eval-batch 0 '{"id": "sts:AssumeRole", "decision": "Allow", "matched": [0], "account_level": true, "error": null}' -- \
	"$SIM_T" eval --batch "$TMP/vendor.request.jsonl"
printf 'open %s\neval\nexpect allow\n' "$TMP/vendor.request.jsonl" >"$TMP/open.in"
expect simulate-open-saved 0 "expect allow: ok (Allow)" -- sh -c "\"$SIM_T\" simulate \"$P_SIM/cross-account.json\" <\"$TMP/open.in\""
# an `eval --request` file opens too
expect simulate-open-request-form 0 "expect allow: ok (Allow)" -- \
	sh -c "printf 'open tests/simulate/data/vendor-request.json\nexpect allow\n' | \"$SIM_T\" simulate \"$P_SIM/cross-account.json\""

# A Pod Identity caller needs sts:AssumeRole and sts:TagSession: against a
# policy that allows only AssumeRole it is denied before save, after open,
# and in `eval --batch` of the saved file (one line per action).
SIM_POD="arn:aws:eks:us-west-2:111122223333:cluster/prod payments api"
printf 'caller pod-identity %s\nexpect implicit-deny\nsave %s\n' "$SIM_POD" "$TMP/pod.request.jsonl" >"$TMP/save2.in"
expect simulate-save-actions 0 "saved $TMP/pod.request.jsonl: 2 lines, one per action" -- \
	sh -c "\"$SIM_T\" simulate \"$ROOT/tests/simulate/data/pod-identity-no-tag-session.json\" <\"$TMP/save2.in\""
printf 'open %s\neval\nexpect implicit-deny\n' "$TMP/pod.request.jsonl" >"$TMP/open2.in"
expect simulate-open-actions 0 "ImplicitDeny  (the caller needs every action, and sts:TagSession is not allowed)" -- \
	sh -c "\"$SIM_T\" simulate \"$ROOT/tests/simulate/data/pod-identity-no-tag-session.json\" <\"$TMP/open2.in\""
"$SIM_T" eval --batch "$TMP/pod.request.jsonl" >"$TMP/pod.decisions" 2>&1
expect simulate-saved-actions-batch 0 '{"id": "sts:TagSession", "decision": "ImplicitDeny", "matched": [], "account_level": false, "error": null}' -- \
	cat "$TMP/pod.decisions"
expect simulate-saved-actions-batch-lines 0 "" -- sh -c "test \$(wc -l <\"$TMP/pod.decisions\") -eq 2"
# with no policy selected the lines carry none, and save says so
printf 'caller pod-identity %s\nsave %s\n' "$SIM_POD" "$TMP/nopolicy.jsonl" >"$TMP/save3.in"
expect simulate-save-no-policy 0 'line 2: warning: no policy is selected' -- \
	sh -c "\"$SIM_T\" simulate <\"$TMP/save3.in\""

# A real terminal: a pseudo-terminal from script(1), keystrokes typed with
# pauses so each arrives while libedit waits for it.  It checks the prompt,
# editing (Left and Ctrl-A in the middle of a word), completion of a
# command, a caller kind and a condition key, colour, and the history file.
sim_keys() {
	sleep 1
	printf 'cal\t'; sleep 0.3                  # -> "caller "
	printf 'ir\t'; sleep 0.3                   # -> "irsa "
	printf '5C4E9F2A1B3D4E5F60718293A4B5C6D7 payments api\r'; sleep 0.5
	printf 'vl'; sleep 0.2
	printf '\033[D'; sleep 0.2                 # Left: between v and l
	printf 'a'; sleep 0.2                      # "val"
	printf '\001'; sleep 0.2                   # Ctrl-A: to the start
	printf 'e\r'; sleep 0.5                    # "eval"
	printf 'unset oidc\t'; sleep 0.3           # the keys' common prefix
	printf 's\t\r'; sleep 0.5                  # ...:sub
	printf 'eval\r'; sleep 0.5
	printf 'quit\r'; sleep 0.5
}
if command -v script >/dev/null 2>&1; then
	sim_cmd="'$SIM_T' simulate '$P_SIM/irsa-payments.json'"
	sim_keys | env -u NO_COLOR TERM=xterm XDG_STATE_HOME="$TMP/state" script -qfec "$sim_cmd" /dev/null \
		>"$TMP/pty.raw" 2>&1
	sim_pty_rc=$?
	tr -d '\r' <"$TMP/pty.raw" >"$TMP/pty.txt"
	expect simulate-pty-exit 0 "" -- sh -c "exit $sim_pty_rc"
	expect simulate-pty-prompt 0 "trustlint> " -- cat "$TMP/pty.txt"
	expect simulate-pty-complete-command-and-kind 0 \
		"caller: Federated arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7;" \
		-- cat "$TMP/pty.txt"
	expect simulate-pty-edit-and-colour 0 "$(printf '\033[1;32mAllow\033[0m  (statement 0 "IrsaPayments"')" -- cat "$TMP/pty.txt"
	expect simulate-pty-complete-key 0 "sub StringEquals system:serviceaccount:payments:api ✗ (absent)" -- cat "$TMP/pty.txt"
	expect simulate-pty-no-errors 1 "" -- grep -q "error:" "$TMP/pty.txt"
	expect simulate-pty-history 0 "unset oidc.eks.us-west-2.amazonaws.com" -- \
		sh -c "sed 's/\\\\040/ /g' \"$TMP/state/trustlint/history\""
	# a history that cannot be written never fails the session
	: >"$TMP/not-a-folder"
	{ sleep 0.5; printf 'quit\r'; sleep 0.3; } | env TERM=xterm XDG_STATE_HOME="$TMP/not-a-folder" script -qfec "'$SIM_T' simulate" /dev/null \
		>"$TMP/pty2.raw" 2>&1
	expect simulate-pty-history-unwritable 0 "" -- sh -c "exit $?"
else
	echo "SKIP simulate-pty: script(1) from util-linux is not installed, so no pseudo-terminal"
fi
