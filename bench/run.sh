#!/bin/sh
# make bench: measure trustlint and write bench/results.md (also printed).
# A benchmark, not a test: it asserts nothing but that each run succeeds.
#   BIN       the trustlint binary (build/plain/trustlint)
#   EVAL      the in-process evaluation benchmark (build/plain/bench/eval_bench)
#   SPAWN     the process timer (build/plain/bench/spawn_bench)
#   SHARED    the workspace's shared folder, for the wild corpus (optional)
set -eu
case ${1:-} in
-h|--help)
	sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
	echo "Run from the repository root (make bench does); it writes bench/results.md."
	exit 0 ;;
"") ;;
*) echo "bench/run.sh: takes no arguments (see --help)" >&2; exit 2 ;;
esac
[ -f bench/run.sh ] || { echo "bench/run.sh: run it from the repository root (make bench)" >&2; exit 2; }
BIN=${BIN:-build/plain/trustlint}
EVAL=${EVAL:-build/plain/bench/eval_bench}
SPAWN=${SPAWN:-build/plain/bench/spawn_bench}
SHARED=${SHARED:-../shared}
OUT=bench/results.md
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
per_s() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", n / (ms / 1000) }'; }
mb_s() { awk -v b="$1" -v ms="$2" 'BEGIN { printf "%.1f", b / 1048576 / (ms / 1000) }'; }

{
echo "# trustlint benchmarks"
echo
echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)."
echo "Date: $(date -u +%Y-%m-%dT%H:%MZ). Command: \`make bench\` (bench/run.sh); trustlint $("$BIN" --version | sed 's/trustlint //'), built with \`$(cc --version | head -1)\`, -O2."
echo
echo "## Evaluation in process (bench/eval_bench.c)"
echo
echo "Compiled policies, a prepared request, no trace; an allowed and a denied caller alternate."
echo
"$EVAL" 1.0
} >"$TMP/eval.md"
IRSA_RATE=$(grep '^| IRSA' "$TMP/eval.md" | awk -F'|' '{ print $3 }' | awk '{ print $1 * 1000000 }')
PEER_SHAPE_RATE=$(grep "the peer's shape" "$TMP/eval.md" | awk -F'|' '{ print $3 }' | awk '{ print $1 * 1000000 }')

# ---- eval --batch end to end: a million lines -----------------------------
P=corpus/examples/policies
awk -v P="$PWD/$P" 'BEGIN {
	irsa = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7"
	host = "oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7"
	for (i = 0; i < 1000000; i++) {
		k = i % 4
		if (k == 0) printf "{\"id\": %d, \"policy_file\": \"%s/irsa-payments.json\", \"request\": {\"principal\": {\"type\": \"Federated\", \"id\": \"%s\"}, \"action\": \"sts:AssumeRoleWithWebIdentity\", \"context\": {\"%s:sub\": \"system:serviceaccount:payments:%s\", \"%s:aud\": \"sts.amazonaws.com\"}}}\n", i, P, irsa, host, (i % 8 ? "api" : "other"), host
		else if (k == 1) printf "{\"id\": %d, \"policy_file\": \"%s/pod-identity.json\", \"request\": {\"principal\": {\"type\": \"Service\", \"id\": \"pods.eks.amazonaws.com\"}, \"action\": \"sts:TagSession\", \"context\": {\"aws:SourceAccount\": \"111122223333\", \"aws:RequestTag/kubernetes-namespace\": \"payments\", \"aws:RequestTag/kubernetes-service-account\": \"api\"}}}\n", i, P
		else if (k == 2) printf "{\"id\": %d, \"policy_file\": \"%s/github-actions.json\", \"request\": {\"principal\": {\"type\": \"Federated\", \"id\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, \"action\": \"sts:AssumeRoleWithWebIdentity\", \"context\": {\"token.actions.githubusercontent.com:sub\": \"repo:acme/deploy:ref:refs/heads/main\", \"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}}}\n", i, P
		else printf "{\"id\": %d, \"policy\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"acme-7f3c9a\"}}}]}, \"request\": {\"principal\": {\"type\": \"AWS\", \"id\": \"arn:aws:sts::444455556666:assumed-role/Vendor/s\"}, \"action\": \"sts:AssumeRole\", \"context\": {\"sts:ExternalId\": \"acme-7f3c9a\"}}}\n", i
	}
}' >"$TMP/batch.jsonl"
BATCH_BYTES=$(wc -c <"$TMP/batch.jsonl")
# spawn_bench prints "median-ms p90-ms peak-rss-kB"; the better median of two
# rounds of 3 runs is reported (the first round also warms the page cache)
set -- $("$SPAWN" 3 "$BIN" eval --batch "$TMP/batch.jsonl")
BATCH_MS=$1
set -- $("$SPAWN" 3 "$BIN" eval --batch "$TMP/batch.jsonl")
[ "$(awk -v a="$1" -v b="$BATCH_MS" 'BEGIN { print (a < b) }')" = 1 ] && BATCH_MS=$1
BATCH_RSS=$3
# where the batch's time goes, when perf can sample here
PROFILE=""
if command -v perf >/dev/null 2>&1 && head -n 100000 "$TMP/batch.jsonl" >"$TMP/batch-100k.jsonl" &&
	perf record -q -o "$TMP/perf.data" "$BIN" eval --batch "$TMP/batch-100k.jsonl" >/dev/null 2>&1; then
	JANSSON=$(perf report -i "$TMP/perf.data" --no-children --sort dso 2>/dev/null | awk '/libjansson/ { print $1; exit }')
	EVALPCT=$(perf report -i "$TMP/perf.data" --no-children --sort symbol 2>/dev/null |
		awk '/tl_eval|tl__eval_condition|value_matches|match_principal|match_one|any_policy_value/ { sub("%", "", $1); t += $1 } END { printf "%.1f%%", t }')
	PROFILE="perf on 100,000 of these lines: ${JANSSON:-?} of the samples are in libjansson, $EVALPCT in the evaluator (tl_eval and what it calls)."
fi

# ---- lint -----------------------------------------------------------------
cp corpus/examples/policies/github-actions.json "$TMP/one.json"
set -- $("$SPAWN" 300 "$BIN" lint --no-config "$TMP/one.json")
ONE_MEDIAN=$1 ONE_P90=$2 ONE_RSS=$3

# 10,000 roles in one get-account-authorization-details file
awk 'BEGIN {
	printf "{\"UserDetailList\": [], \"GroupDetailList\": [], \"Policies\": [], \"RoleDetailList\": ["
	for (i = 0; i < 10000; i++) {
		k = i % 4
		if (k == 0) doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}"
		else if (k == 1) doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"sts:ExternalId\": \"x-" i "\"}}}]}"
		else if (k == 2) doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, \"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:acme/app" i ":*\"}}}]}"
		else doc = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": [\"sts:AssumeRole\", \"sts:TagSession\"], \"Condition\": {\"StringEquals\": {\"aws:RequestTag/kubernetes-namespace\": \"ns" i "\"}}}]}"
		printf "%s{\"Path\": \"/\", \"RoleName\": \"role-%d\", \"RoleId\": \"AROA%016d\", \"Arn\": \"arn:aws:iam::111122223333:role/role-%d\", \"AssumeRolePolicyDocument\": %s}", (i ? "," : ""), i, i, i, doc
	}
	print "]}"
}' >"$TMP/dump.json"
DUMP_BYTES=$(wc -c <"$TMP/dump.json")
set -- $("$SPAWN" 5 "$BIN" lint --no-config -j 1 "$TMP/dump.json")
DUMP_MS=$1 DUMP_RSS=$3

# many small files: -j scaling, and memory that does not grow with the file count
mkdir -p "$TMP/many" "$TMP/few"
i=0
while [ $i -lt 4000 ]; do
	cp corpus/examples/policies/irsa-payments.json "$TMP/many/role-$i.json"
	[ $i -lt 40 ] && cp corpus/examples/policies/irsa-payments.json "$TMP/few/role-$i.json"
	i=$((i + 1))
done
MANY_BYTES=$(cat "$TMP"/many/*.json | wc -c)
set -- $("$SPAWN" 3 "$BIN" lint --no-config -j 1 "$TMP/many"); J1_MS=$1 MANY_RSS=$3
set -- $("$SPAWN" 3 "$BIN" lint --no-config -j 2 "$TMP/many"); J2_MS=$1
set -- $("$SPAWN" 3 "$BIN" lint --no-config -j 1 "$TMP/few"); FEW_RSS=$3

WILD_ROW=""
if [ -d "$SHARED/wild" ]; then
	WILD_FILES=$(find "$SHARED/wild" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) | wc -l)
	WILD_BYTES=$(find "$SHARED/wild" -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' \) -exec cat {} + | wc -c)
	set -- $("$SPAWN" 5 "$BIN" lint --no-config -j 1 "$SHARED/wild"); WILD_MS=$1 WILD_RSS=$3
	set -- $("$SPAWN" 5 "$BIN" lint --no-config -j 2 "$SHARED/wild"); WILD_J2=$1
	WILD_ROW="| the wild corpus ($WILD_FILES files, $(mb "$WILD_BYTES") MB), -j 1 / -j 2 | $WILD_MS ms / $WILD_J2 ms | $(per_s "$WILD_FILES" "$WILD_MS") files/s | $(mb_s "$WILD_BYTES" "$WILD_MS") MB/s | $((WILD_RSS / 1024)) MB |"
fi

# ---- peers ------------------------------------------------------------------
PEER_ROWS=""
if [ -d bench/peer/node_modules/@cloud-copilot/iam-simulate ] && command -v node >/dev/null 2>&1; then
	for shape in externalid irsa github; do
		set -- $(cd bench/peer && node simulate.mjs 3 "$shape")
		case $shape in
		externalid) ours=$PEER_SHAPE_RATE; what="same-account role with ExternalId" ;;
		irsa) ours=$IRSA_RATE; what="IRSA (sub + aud)" ;;
		github) ours=$(grep '^| GitHub' "$TMP/eval.md" | awk -F'|' '{ print $3 }' | awk '{ print $1 * 1000000 }'); what="GitHub Actions (sub + aud)" ;;
		esac
		PEER_ROWS="$PEER_ROWS
| $what | $(awk -v r="$1" 'BEGIN { printf "%.0f", r }')/s | $(awk -v r="$ours" 'BEGIN { printf "%.2f M", r / 1e6 }')/s | $(awk -v a="$ours" -v b="$1" 'BEGIN { printf "%.0fx", a / b }') | allowed case: $2, denied case: $3 |"
	done
else
	PEER_ROWS="
| (not measured: run \`make bench-peer\` first, which installs bench/peer/) | | | | |"
fi
CFN_ROW=""
if command -v cfn-lint >/dev/null 2>&1; then
	ls "$SHARED"/wild/containers/*.yaml "$SHARED"/wild/containers/*.yml corpus/inputs/cfn-yaml/*.yaml corpus/inputs/cfn-json/*.json 2>/dev/null >"$TMP/cfn-files" || true
	N_CFN=$(wc -l <"$TMP/cfn-files")
	if [ "$N_CFN" -gt 0 ]; then
		# shellcheck disable=SC2046 # one argument per file name (no spaces in them)
		set -- $("$SPAWN" -a 3 cfn-lint $(cat "$TMP/cfn-files")); CFN_MS=$1
		# shellcheck disable=SC2046
		set -- $("$SPAWN" 3 "$BIN" lint --no-config -j 1 $(cat "$TMP/cfn-files")); OURS_MS=$1
		CFN_ROW="| cfn-lint $(cfn-lint --version 2>&1 | awk '{ print $NF }') on the same $N_CFN CloudFormation templates | $CFN_MS ms | $OURS_MS ms (trustlint -j 1) | $(awk -v a="$CFN_MS" -v b="$OURS_MS" 'BEGIN { printf "%.0fx", a / b }') | cfn-lint checks the whole template; trustlint only the trust policies |"
	fi
fi

{
cat "$TMP/eval.md"
echo
echo "## \`trustlint eval --batch\`, end to end"
echo
echo "| input | wall | lines per second | MB per second | peak memory |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| 1,000,000 lines ($(mb "$BATCH_BYTES") MB; 4 policies, 3 by file, 1 inline) | $BATCH_MS ms | $(per_s 1000000 "$BATCH_MS") | $(mb_s "$BATCH_BYTES" "$BATCH_MS") | $((BATCH_RSS / 1024)) MB |"
echo
[ -n "$PROFILE" ] && echo "$PROFILE" && echo
echo "Evaluation is $(awk -v e="$IRSA_RATE" -v ms="$BATCH_MS" 'BEGIN { printf "%.1f%%", 100 * (1000000 / e) / (ms / 1000) }') of the batch's time at the IRSA rate above: the rest is reading, parsing the line's JSON and writing the answer, so the batch is bound by JSON, not by evaluation."
echo
echo "## Lint"
echo
echo "| what | wall | rate | throughput | peak memory |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| one small file, start to exit (the pre-commit case; median of 300 runs, p90 $ONE_P90 ms) | **$ONE_MEDIAN ms** | | | $((ONE_RSS / 1024)) MB |"
echo "| get-account-authorization-details with 10,000 roles ($(mb "$DUMP_BYTES") MB), one core | **$DUMP_MS ms** | $(per_s 10000 "$DUMP_MS") policies/s | $(mb_s "$DUMP_BYTES" "$DUMP_MS") MB/s | $((DUMP_RSS / 1024)) MB |"
echo "| 4,000 small files, -j 1 / -j 2 | $J1_MS ms / $J2_MS ms ($(awk -v a="$J1_MS" -v b="$J2_MS" 'BEGIN { printf "%.2fx", a / b }') on 2 threads) | $(per_s 4000 "$J2_MS") files/s | $(mb_s "$MANY_BYTES" "$J2_MS") MB/s | $((MANY_RSS / 1024)) MB (40 files: $((FEW_RSS / 1024)) MB) |"
[ -n "$WILD_ROW" ] && echo "$WILD_ROW"
echo
echo "## Peers, in the same run"
echo
echo "| shape | @cloud-copilot/iam-simulate 0.1.173 (one node process) | trustlint in process | ratio | the peer's decisions |"
echo "| --- | ---: | ---: | ---: | --- |$PEER_ROWS"
if [ -n "$CFN_ROW" ]; then
	echo
	echo "| tool | its wall | trustlint | ratio | note |"
	echo "| --- | ---: | ---: | ---: | --- |"
	echo "$CFN_ROW"
fi
} >"$OUT"
cat "$OUT"
