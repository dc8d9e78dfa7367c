# trustlint eval (sourced by run.sh: uses expect, $T, $TMP, $ROOT)
EX=$ROOT/corpus/examples
P_IRSA=$EX/policies/irsa-payments.json
IRSA_ID='arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7'
K='oidc.eks.us-west-2.amazonaws.com/id/5C4E9F2A1B3D4E5F60718293A4B5C6D7'

cat >"$TMP/irsa-ok.json" <<JSON
{"principal": {"type": "Federated", "id": "$IRSA_ID"}, "action": "sts:AssumeRoleWithWebIdentity",
 "context": {"$K:sub": "system:serviceaccount:payments:api", "$K:aud": "sts.amazonaws.com"}}
JSON
cat >"$TMP/irsa-other.json" <<JSON
{"principal": {"type": "Federated", "id": "$IRSA_ID"}, "action": "sts:AssumeRoleWithWebIdentity",
 "context": {"$K:sub": "system:serviceaccount:payments:default", "$K:aud": "sts.amazonaws.com"}}
JSON
expect eval-allow-first-line 0 "Allow (statement 0)" -- "$T" eval --policy "$P_IRSA" --request "$TMP/irsa-ok.json"
expect eval-why-names-values 0 'request ["system:serviceaccount:payments:default"]' -- "$T" eval --policy "$P_IRSA" --request "$TMP/irsa-other.json"
expect eval-implicit-deny 0 "no statement applies" -- "$T" eval --policy "$P_IRSA" --request "$TMP/irsa-other.json"
expect eval-json 0 '"decision": "Allow", "account_level": false' -- "$T" eval --json --policy "$P_IRSA" --request "$TMP/irsa-ok.json"

cat >"$TMP/vendor.json" <<'JSON'
{"principal": {"type": "AWS", "id": "arn:aws:sts::444455556666:assumed-role/VendorAudit/s1"}, "action": "sts:AssumeRole", "context": {"sts:ExternalId": "acme-7f3c9a"}}
JSON
expect eval-account-level-note 0 "identity policy must also allow" -- "$T" eval --policy "$EX/policies/cross-account.json" --request "$TMP/vendor.json"
expect eval-derived-note 0 "aws:PrincipalArn was derived from the caller" -- "$T" eval --policy "$EX/policies/cross-account.json" --request "$TMP/vendor.json"

printf '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow", "Principal": {"AWS": "*"},, }\n' >"$TMP/broken.json"
expect eval-syntax-error-located 2 "broken.json:4:" -- "$T" eval --policy "$TMP/broken.json" --request "$TMP/vendor.json"
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}}' >"$TMP/dup.json"
expect eval-duplicate-key 2 "duplicate" -- "$T" eval --policy "$TMP/dup.json" --request "$TMP/vendor.json"

cat >"$TMP/refused.json" <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::*:root"},
    "Action": "sts:AssumeRole",
    "Resource": "*"
  }
}
JSON
expect eval-refused-principal 2 "refused.json:5:26: error: invalid principal" -- "$T" eval --policy "$TMP/refused.json" --request "$TMP/vendor.json"
expect eval-refused-resource 2 "refused.json:7:5: error: Resource is prohibited" -- "$T" eval --policy "$TMP/refused.json" --request "$TMP/vendor.json"
expect eval-allow-invalid 0 "ImplicitDeny" -- "$T" eval --allow-invalid --policy "$TMP/refused.json" --request "$TMP/vendor.json"
expect eval-missing-file 2 "cannot open" -- "$T" eval --policy "$TMP/nope.json" --request "$TMP/vendor.json"
expect eval-usage 2 "give --policy and --request" -- "$T" eval --policy "$P_IRSA"
expect eval-help 0 "usage: trustlint eval" -- "$T" eval --help
expect main-unknown-command 2 'unknown command "frobnicate"' -- "$T" frobnicate
expect main-help 0 "commands:" -- "$T" --help

# batch: decisions in order, a malformed line reported by number, exit 2
expect batch-examples 0 '{"id": "vendor with external id", "decision": "Allow", "matched": [0], "account_level": true, "error": null}' -- "$T" eval --batch "$EX/requests.jsonl"
{ head -n 2 "$EX/requests.jsonl"; echo '{"id": 7, "policy": '; head -n 1 "$EX/requests.jsonl"; } | sed "s|policies/|$EX/policies/|" >"$TMP/mixed.jsonl"
expect batch-malformed-line 2 '{"id": null, "decision": null, "matched": [], "error": "line 3: ' -- "$T" eval --batch "$TMP/mixed.jsonl"
expect batch-continues 0 '{"id": "irsa payments/api", "decision": "Allow"' -- sh -c "\"$T\" eval --batch \"$TMP/mixed.jsonl\" | tail -n 1"
expect batch-stdin 0 '"decision": "ImplicitDeny"' -- sh -c "sed 's|policies/|$EX/policies/|' \"$EX/requests.jsonl\" | \"$T\" eval --batch -"

# batch: a blank line in the middle gets its own error reply (replies stay
# paired with input lines) and fails the run; the newline ending the file
# makes no blank line
{ sed "s|policies/|$EX/policies/|" "$EX/requests.jsonl" | head -n 1; printf ' \n'; sed "s|policies/|$EX/policies/|" "$EX/requests.jsonl" | head -n 1; } >"$TMP/blank.jsonl"
expect batch-blank-line 2 '{"id": null, "decision": null, "matched": [], "error": "line 2: empty line"}' -- "$T" eval --batch "$TMP/blank.jsonl"
expect batch-blank-line-pairs 0 '3' -- sh -c "\"$T\" eval --batch \"$TMP/blank.jsonl\" | wc -l"
sed "s|policies/|$EX/policies/|" "$EX/requests.jsonl" | head -n 1 >"$TMP/one.jsonl"
expect batch-trailing-newline 0 '"error": null}' -- "$T" eval --batch "$TMP/one.jsonl"

# the derived role ARN of a session says what it assumes, in text and JSON
expect eval-derived-path-note 0 "assuming the role's path is /; give aws:PrincipalArn in the context to override" -- "$T" eval --policy "$EX/policies/cross-account.json" --request "$TMP/vendor.json"
expect eval-derived-path-note-json 0 '"derived_notes": {"aws:PrincipalArn": "assuming the role' -- "$T" eval --json --policy "$EX/policies/cross-account.json" --request "$TMP/vendor.json"

# context keys differing only in case: a located error
printf '{"principal": {"type": "AWS", "id": "444455556666"}, "action": "sts:AssumeRole",\n "context": {"sts:ExternalId": "a",\n  "STS:externalid": "b"}}\n' >"$TMP/twins.json"
expect eval-case-twin-keys 2 'twins.json:3:21: error: context key "STS:externalid" is also given as "sts:ExternalId"' -- "$T" eval --policy "$EX/policies/cross-account.json" --request "$TMP/twins.json"

# a request value of the wrong type is named in the explanation
printf '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "sts:AssumeRole", "Condition": {"NumericNotEquals": {"n": "3"}}}}' >"$TMP/num.json"
printf '{"principal": {"type": "AWS", "id": "444455556666"}, "action": "sts:AssumeRole", "context": {"n": "abc"}}' >"$TMP/abc.json"
expect eval-bad-request-value 0 'request value "abc" is not a valid number' -- "$T" eval --policy "$TMP/num.json" --request "$TMP/abc.json"
