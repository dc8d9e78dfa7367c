# Federation rule messages that the corpus (LINE:COL SEVERITY) cannot see
# (sourced by run.sh: uses expect, $T, $TMP, $ROOT)
FL=$ROOT/corpus/lint

# TL302: a StringNotEquals on ...:pull_request takes pull requests out of the message
expect fed-tl302-no-pull-request 0 'admits every branch, tag and environment of acme/app' -- \
	"$T" lint --no-config --exit-zero "$FL/oidc-wildcard-subject/bad/repo-wide-with-pull-requests-excluded.json"
expect fed-tl302-plain-repo-wide 0 'admits every branch, tag, pull request and environment of acme/payments' -- \
	"$T" lint --no-config --exit-zero "$FL/oidc-wildcard-subject/bad/github-graded-list.json"

# TL503: a wildcard namespace condition is named as such, not called missing
expect fed-tl503-wildcard-namespace 0 'a wildcard StringLike condition on aws:RequestTag/kubernetes-namespace admits every namespace' -- \
	"$T" lint --no-config --exit-zero "$FL/pod-identity-unscoped/bad/wildcard-namespace-condition.json"

# TL301: a wildcard repository claim is reported with the stranger it admits
expect fed-tl301-repository-wildcard 0 'a stranger'"'"'s token with "trustlint-probe-org/trustlint-probe" passes' -- \
	"$T" lint --no-config --exit-zero "$FL/oidc-missing-subject/bad/github-repository-and-workflow-ref-wildcards.json"
# ... and a statement that can never apply is not called open (TL306 / TL404 say why)
expect fed-tl301-dead-statement-silent 0 'no-tl301' -- sh -c \
	"\"$T\" lint --no-config --exit-zero \"$FL/oidc-missing-subject/good/statements-that-never-apply.json\" | grep -q TL301 && echo tl301 || echo no-tl301"
expect fed-tl306-reports-dead-statement 0 '[TL306 oidc-condition-provider-mismatch]' -- \
	"$T" lint --no-config --exit-zero "$FL/oidc-missing-subject/good/statements-that-never-apply.json"

# TL306: the scheme-prefixed key says how to write it
expect fed-tl306-scheme 0 'drop the scheme: "token.actions.githubusercontent.com:sub"' -- \
	"$T" lint --no-config --exit-zero "$FL/oidc-condition-provider-mismatch/bad/scheme-prefixed-claim-keys.json"

# TL204: an OIDC provider ARN with https:// is invalid, with a reason
expect fed-tl204-scheme-arn 0 'without a URL scheme' -- \
	"$T" lint --no-config --exit-zero "$FL/invalid-principal/bad/oidc-provider-arn-with-scheme.json"
