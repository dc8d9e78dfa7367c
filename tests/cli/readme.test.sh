# Keep README.md's "Use it in CI" honest: run its trustlint commands
# (sourced by run.sh), with corpus/ci-example standing in for infra/.
sed -n '/<!-- ci:begin -->/,/<!-- ci:end -->/p' "$ROOT/README.md" |
	grep -o 'trustlint check [^>]*> [a-z.-]*' >"$TMP/readme-commands"
expect readme-has-two-commands 0 "2" -- sh -c "wc -l < \"$TMP/readme-commands\" | tr -d ' '"
mkdir -p "$TMP/readme" && cp -R "$ROOT/corpus/ci-example" "$TMP/readme/infra"
while IFS= read -r cmd; do
	out=$(printf '%s' "$cmd" | sed 's/.*> //')
	args=$(printf '%s' "$cmd" | sed 's/^trustlint //; s/ > .*//')
	# shellcheck disable=SC2086 # the README's words, split as a shell would
	expect "readme-runs: $cmd" 0 "" -- sh -c "cd \"$TMP/readme\" && \"$T\" $args > $out"
	expect "readme-junit: $cmd" 0 'tests="17" failures="0"' -- cat "$TMP/readme/trustlint-junit.xml"
	expect "readme-output-is-json: $cmd" 0 "" -- sh -c "\"$JSONQ\" < \"$TMP/readme/$out\""
done <"$TMP/readme-commands"
expect readme-sarif-version 0 "2.1.0" -- sh -c "\"$JSONQ\" /version < \"$TMP/readme/trustlint.sarif\""
expect readme-json-files 0 "files" -- sh -c "\"$JSONQ\" /files < \"$TMP/readme/trustlint.json\" && echo files"
expect readme-json-tests 0 "17" -- sh -c "\"$JSONQ\" /tests/passed < \"$TMP/readme/trustlint.json\""
