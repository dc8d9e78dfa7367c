# Realism and robustness: lint every real policy and container file of the
# workspace's wild corpus (sourced by run.sh).  Never a crash; a file that
# fails must say where.  A user's clone has no ../shared: then this says so.
W=${SHARED:-$ROOT/../shared}/wild
if [ ! -d "$W" ]; then
	echo "SKIP wild corpus: $W is not here (it is in the workspace and in CI, not in a user's clone)"
else
	n=0; crashed=0; unlocated=0
	for f in "$W"/*.json "$W"/containers/*; do
		[ -f "$f" ] || continue
		n=$((n+1))
		"$T" lint --no-config "$f" >"$TMP/wild.out" 2>&1
		rc=$?
		if [ "$rc" -gt 2 ]; then
			crashed=$((crashed+1)); echo "    crash ($rc): $f"
		elif [ "$rc" -eq 2 ] && ! grep -qE "^$f:[0-9]+:[0-9]+: error: " "$TMP/wild.out"; then
			unlocated=$((unlocated+1)); echo "    error without a location: $f"; head -3 "$TMP/wild.out"
		fi
	done
	expect wild-files-found 0 "yes" -- sh -c "[ $n -gt 250 ] && echo yes"
	expect wild-no-crash 0 "0" -- echo "$crashed"
	expect wild-errors-located 0 "0" -- echo "$unlocated"
	# one pass over everything at once, on several threads, as a directory
	# exit 1: findings; a wild file that repeats a key is a finding (TL102) whose
	# last-wins reading is linted, not unreadable input (PEERS.md 4.4)
	expect wild-directory-walk 1 " files" -- "$T" lint --no-config -j 4 "$W"
fi
