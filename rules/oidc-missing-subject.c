/*
 * oidc-missing-subject.c - TL301: an Allow statement trusts a web-identity
 * provider and nothing binds which of its identities may assume the role.
 *
 * The key that binds "who" depends on the provider: `<host>:sub` for the
 * CI issuers, EKS and unknown providers; for GitHub the 2026 STS keys
 * `:repository`, `:repository_id` and `:job_workflow_ref` pin the
 * repository too; for Cognito identity pools it is
 * `cognito-identity.amazonaws.com:aud`, the identity pool id (STS
 * AssumeRoleWithWebIdentity reference: without it "a user from an
 * unintended identity pool can assume the role").  Google, Facebook and
 * Login with Amazon roles are bound to the application by aud / app_id,
 * which TL304 oidc-missing-audience checks, so they are not reported here.
 *
 * "Bound" is asked of the engine: a key binds only when a token without
 * it is refused (tl_statement_admits with the key absent), so IfExists,
 * negated operators and ForAllValues come out as not binding without
 * special cases.  The claims other than sub (GitHub :repository,
 * :repository_id, :job_workflow_ref; the Cognito :aud) must also refuse a
 * stranger's value (claim_pinned in tables.c): "repository": "*" or
 * "us-east-1:*" pins nothing, so GitHub with only a wildcard repository is
 * as open as no condition at all.  A wildcard sub is TL302's to grade, so
 * sub only has to be present here.  A statement that can never apply
 * (dead_condition: a key the provider never sends under a positive
 * operator, e.g. another provider's :sub) lets no one in and is not
 * reported; TL306 / TL404 say why it is dead.  A Deny statement for the same provider whose only
 * conditions are on that key (a StringNotLike on sub that refuses other
 * owners) binds it too, when it refuses a probe subject from another
 * owner.  Severity follows the issuer table: shared issuers (anyone on the
 * platform can mint a token) error, per-tenant issuers (EKS cluster,
 * CircleCI org, Bitbucket workspace) and unknown ones warning.  A GitHub
 * Enterprise issuer (token.actions.githubusercontent.com/SLUG) only signs
 * that enterprise's workflows, so it is per-tenant too.
 *
 * Sources: PEERS.md A1-A4 (Datadog Security Labs "No keys attached", Jul
 * 2023; AA "Missing github repo condition key"); SEMANTICS.md 4.4.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "tables.h"


/* "<host>:<claim>" into buf; false when it does not fit. */
static bool make_key(char *buf, size_t n, const char *host, size_t host_len, const char *claim)
{
	int w = snprintf(buf, n, "%.*s:%s", (int)host_len, host, claim);
	return w > 0 && (size_t)w < n;
}

/* Why a condition on the key still lets a token without the claim in. */
static const char *why_not_binding(const tl_condition *c)
{
	if (c->qualifier == TL_QUAL_FOR_ALL_VALUES)
		return "ForAllValues is true for a token without the claim";
	if (c->if_exists)
		return "IfExists is true for a token without the claim";
	if (c->negated)
		return "a negated operator is true for a token without the claim";
	return "it is true for a token without the claim";
}

/* The keys that bind the subject for this issuer, most important first. */
static const char *const *subject_claims(const oidc_issuer *iss)
{
	static const char *const github[] = {"sub", "repository", "repository_id",
	                                     "job_workflow_ref", NULL};
	static const char *const cognito[] = {"aud", NULL};
	static const char *const sub[] = {"sub", NULL};

	switch (iss->kind) {
	case ISSUER_GITHUB:
		return github;
	case ISSUER_COGNITO:
		return cognito;
	case ISSUER_GOOGLE:
	case ISSUER_FACEBOOK:
	case ISSUER_AMAZON:
		return NULL; /* bound by aud / app_id: TL304 */
	default:
		return sub;
	}
}

/* A subject an attacker on this platform can get a token for. */
static const char *attacker_value(const oidc_issuer *iss)
{
	switch (iss->kind) {
	case ISSUER_GITHUB:
		return "repo:trustlint-probe-org/trustlint-probe:ref:refs/heads/main";
	case ISSUER_GITLAB:
		return "project_path:trustlint-probe-group/"
		       "trustlint-probe:ref_type:branch:ref:main";
	case ISSUER_TERRAFORM:
		return "organization:trustlint-probe-org:project:Default Project:"
		       "workspace:trustlint-probe:run_phase:apply";
	case ISSUER_EKS:
		return "system:serviceaccount:trustlint-probe:trustlint-probe";
	case ISSUER_COGNITO:
		return "us-east-1:00000000-0000-4000-8000-000000000000";
	default:
		return "trustlint-probe";
	}
}

/*
 * The Deny statements that can bind a key, summarised once per lint run.
 * Asking each principal's question of every Deny statement costs
 * principals x Deny principals; instead each (key, principal) a Deny
 * statement names, or (key, anyone) for "*", is one entry of a sorted
 * list, entries with the same question form a group, and a group's answer
 * is remembered, so every Deny statement is asked at most once per probe.
 *
 * Only Deny statements that name the action and whose conditions are all
 * on one key count: the view answers for one key, and a condition on
 * another key might keep the Deny from applying.
 */
#define ANYONE (-1) /* a Deny for "*" or a wildcard principal: names everyone */

typedef struct deny_ref {
	const char *key; /* the statement's one condition key */
	int type;        /* the principal's tl_principal_type, or ANYONE */
	const char *text;
	size_t stmt;
} deny_ref;

typedef struct deny_group {
	size_t first, end; /* refs[first..end) ask the same question */
	const char *probe; /* the value the answer was for (NULL: none yet) */
	bool denied;
} deny_group;

typedef struct deny_summary {
	deny_ref *refs;
	deny_group *groups;
	size_t n_refs, n_groups;
	bool failed; /* out of memory: nothing counts as denied (findings stay) */
} deny_summary;

/* Set by check() for the rule's one walk over the principals. */
static _Thread_local deny_summary *deny_scope;

/* ASCII case-folded order (condition keys match in any case). */
static int ci_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = (unsigned char)*a, cb = (unsigned char)*b;

		ca = ca >= 'A' && ca <= 'Z' ? ca + 32 : ca;
		cb = cb >= 'A' && cb <= 'Z' ? cb + 32 : cb;
		if (ca != cb || !ca)
			return ca - cb;
	}
}

static int by_question(const void *pa, const void *pb)
{
	const deny_ref *a = pa, *b = pb;
	int c = ci_cmp(a->key, b->key);

	if (c)
		return c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* The one key of all of d's conditions (any case), or NULL. */
static const char *only_key(const tl_statement *d)
{
	size_t j;

	if (!d->n_conditions)
		return NULL;
	for (j = 1; j < d->n_conditions; j++)
		if (!str_ieq(d->conditions[j].key.text, d->conditions[0].key.text))
			return NULL;
	return d->conditions[0].key.text;
}

static bool names_anyone(const tl_statement *d)
{
	size_t i;

	for (i = 0; i < d->n_principals; i++)
		if (d->principals[i].type == TL_PRINCIPAL_STAR ||
		    d->principals[i].form == TL_FORM_WILDCARD)
			return true;
	return false;
}

/* The Deny statements that count, one entry per principal they name. */
static bool collect_refs(deny_summary *s, const tl_document *doc)
{
	size_t i, j, n = 1;

	for (i = 0; i < doc->n_statements; i++)
		n += doc->statements[i].n_principals + 1;
	if (!(s->refs = malloc(n * sizeof(*s->refs))))
		return false;
	for (i = 0; i < doc->n_statements; i++) {
		const tl_statement *d = &doc->statements[i];
		const char *key = only_key(d);

		if (d->effect != TL_EFFECT_DENY || d->not_principal || !key ||
		    !stmt_allows_action(d, WEB_IDENTITY))
			continue;
		if (names_anyone(d)) {
			s->refs[s->n_refs++] = (deny_ref){key, ANYONE, "", i};
			continue;
		}
		for (j = 0; j < d->n_principals; j++)
			s->refs[s->n_refs++] = (deny_ref){key, (int)d->principals[j].type,
			                                  d->principals[j].value.text, i};
	}
	return true;
}

static void summarise(deny_summary *s, const tl_document *doc)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	if (!collect_refs(s, doc) ||
	    (s->n_refs && !(s->groups = malloc(s->n_refs * sizeof(*s->groups))))) {
		s->failed = true;
		return;
	}
	qsort(s->refs, s->n_refs, sizeof(*s->refs), by_question);
	for (i = 0; i < s->n_refs; i++) {
		if (i && by_question(&s->refs[i - 1], &s->refs[i]) == 0) {
			s->groups[s->n_groups - 1].end = i + 1;
			continue;
		}
		s->groups[s->n_groups++] = (deny_group){i, i + 1, NULL, false};
	}
}

static void summary_release(deny_summary *s)
{
	free(s->refs);
	free(s->groups);
}

/* The group asking `want`'s question, or NULL (binary search). */
static deny_group *group_of(deny_summary *s, const deny_ref *want)
{
	size_t lo = 0, hi = s->n_groups;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = by_question(want, &s->refs[s->groups[mid].first]);

		if (!c)
			return &s->groups[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Does any Deny statement asking `want`'s question refuse the probe? */
static bool group_denies(const lint_ctx *ctx, deny_summary *s, const deny_ref *want,
                         const char *value)
{
	deny_group *g = group_of(s, want);
	size_t i;

	if (!g)
		return false;
	if (g->probe != value) { /* probes are static strings: one per issuer kind */
		g->probe = value;
		g->denied = false;
		for (i = g->first; i < g->end && !g->denied; i++)
			g->denied = tl_statement_admits(ctx->policy, s->refs[i].stmt, want->key,
			                                &value, 1, true);
	}
	return g->denied;
}

/* Does a Deny statement for this principal (or anyone) refuse the attacker's token? */
static bool denied(const lint_ctx *ctx, const tl_principal *p, const char *key, const char *value)
{
	deny_summary *s = deny_scope;
	deny_ref anyone = {key, ANYONE, "", 0}, named = {key, (int)p->type, p->value.text, 0};

	if (!s || s->failed || !s->n_groups)
		return false;
	return group_denies(ctx, s, &anyone, value) || group_denies(ctx, s, &named, value);
}

/* A GitHub Enterprise issuer, token.actions.githubusercontent.com/SLUG:
 * the slug, or NULL for the public issuer. */
static const char *enterprise_slug(const oidc_issuer *iss, const char *host, size_t host_len,
                                   size_t *slug_len)
{
	size_t base = strlen("token.actions.githubusercontent.com/");

	if (iss->kind != ISSUER_GITHUB || host_len <= base)
		return NULL;
	*slug_len = host_len - base;
	return host + base;
}

/* Is the issuer one the organisation runs itself (config trusted_oidc_providers)? */
static bool own_provider(const lint_ctx *ctx, const char *host, size_t len)
{
	size_t i;

	for (i = 0; ctx->options && i < ctx->options->n_trusted_oidc; i++)
		if (strlen(ctx->options->trusted_oidc[i]) == len &&
		    strncmp(ctx->options->trusted_oidc[i], host, len) == 0)
			return true;
	return false;
}

static void check_principal(lint_ctx *ctx, size_t si, const tl_principal *p)
{
	const oidc_issuer *iss;
	const char *host = NULL, *const * claims;
	size_t host_len = 0, k;
	char key[512], fix[1600], msg[1800], who[600], loose_key[512];
	char loose_claim[64], stranger[600];
	const tl_condition *lc;
	const char *enterprise;
	size_t slug_len = 0;
	const tl_condition *c;
	lint_severity sev;

	iss = oidc_issuer_of(p, &host, &host_len);
	if (!iss || !(claims = subject_claims(iss)) || dead_condition(ctx, si, p))
		return; /* a statement that never applies lets no one in: TL306 / TL404 */
	loose_claim[0] = stranger[0] = '\0';
	for (k = 0; claims[k]; k++) {
		char probe[600];
		/* a wildcard sub is graded by TL302; the other binding claims here */
		if (str_ieq(claims[k], "sub") ? claim_bound(ctx, si, host, host_len, "sub")
		                              : claim_pinned(ctx, si, iss, host, host_len,
		                                             claims[k], probe, sizeof(probe)))
			return;
		if (!str_ieq(claims[k], "sub") && probe[0] && !loose_claim[0]) {
			snprintf(loose_claim, sizeof(loose_claim), "%s", claims[k]);
			snprintf(stranger, sizeof(stranger), "%s", probe);
		}
	}
	if (!make_key(key, sizeof(key), host, host_len, claims[0]) ||
	    denied(ctx, p, key, attacker_value(iss)))
		return;
	sev = iss->tenancy == ISSUER_SHARED ? LINT_ERROR : LINT_WARNING;
	enterprise = enterprise_slug(iss, host, host_len, &slug_len);
	if (enterprise) {
		sev = LINT_WARNING; /* the issuer only signs the enterprise's workflows */
		snprintf(who, sizeof(who), "any repository of the GitHub enterprise %.*s",
		         (int)slug_len, enterprise);
	} else if (iss->tenancy != ISSUER_SHARED && own_provider(ctx, host, host_len)) {
		/* .trustlint.json trusted_oidc_providers: only the organisation mints these */
		sev = LINT_NOTE;
		snprintf(who, sizeof(who), "any identity your own provider %.*s issues tokens for",
		         (int)host_len, host);
	} else {
		snprintf(who, sizeof(who), "%s%s", iss->kind == ISSUER_COGNITO ? "users of " : "",
		         iss->who);
	}
	if (iss->kind == ISSUER_COGNITO)
		snprintf(
		    fix, sizeof(fix),
		    "add \"StringEquals\": {\"%s\": \"REGION:IDENTITY_POOL_GUID\"} naming your "
		    "identity pool",
		    key);
	else
		snprintf(
		    fix, sizeof(fix),
		    "add a positive condition on %s, e.g. \"StringEquals\": {\"%s\": \"%s\"}%s",
		    key, key, iss->sub_example,
		    iss->kind == ISSUER_GITHUB ? " (or pin :repository_id)" : "");
	c = first_condition_on(ctx, si, key);
	if (loose_claim[0] && (!c || iss->kind == ISSUER_COGNITO) &&
	    make_key(loose_key, sizeof(loose_key), host, host_len, loose_claim) &&
	    (lc = first_condition_on(ctx, si, loose_key)) != NULL)
		snprintf(msg, sizeof(msg),
		         "the condition on %s (%s) does not pin it: a stranger's token with "
		         "\"%s\" passes%s",
		         loose_key,
		         lc->operator_text.text, stranger,
		         iss->kind == ISSUER_COGNITO ? "" : ", and there is no condition on the sub");
	else if (c)
		snprintf(msg, sizeof(msg), "the condition on %s (%s) does not bind it: %s", key,
		         c->operator_text.text, why_not_binding(c));
	else
		snprintf(msg, sizeof(msg), "no condition on %s", key);
	lint_report_sev(ctx, sev, &p->value.loc, fix, "%s can assume this role: %s", who, msg);
}

static void check(lint_ctx *ctx)
{
	deny_summary summary, *saved = deny_scope;

	if (!ctx->doc)
		return;
	summarise(&summary, ctx->doc);
	if (summary.failed)
		ctx->out_of_memory = true; /* then no Deny counts: findings are reported */
	deny_scope = &summary;
	each_granted_principal(ctx, WEB_IDENTITY, check_principal);
	deny_scope = saved;
	summary_release(&summary);
}

const rule_def rule_oidc_missing_subject = {
	.code = 301,
	.name = "oidc-missing-subject",
	.severity = LINT_ERROR,
	.summary = "a web-identity provider is trusted but no condition binds the subject (sub, "
	           "or the Cognito identity pool)",
	.rationale = "Anyone on a shared OIDC issuer can mint a token: with only an aud "
	             "condition, any GitHub repository, gitlab.com project or HCP Terraform "
	             "organization assumes the role by running a job and calling "
	             "AssumeRoleWithWebIdentity with its ARN (Datadog Security Labs, \"No keys "
	             "attached\", 2023; IAM Access Analyzer \"Missing github repo condition "
	             "key\"). For Cognito the identity pool id in "
	             "cognito-identity.amazonaws.com:aud is the binding: the STS "
	             "AssumeRoleWithWebIdentity reference warns that without it users of an "
	             "unintended identity pool can assume the role. Per-tenant issuers (an EKS "
	             "cluster, a CircleCI organization, a Bitbucket workspace) limit the damage "
	             "to the tenant: any pod or project there. A condition that is IfExists, "
	             "negated or ForAllValues binds nothing, since a token without the claim "
	             "passes it.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
	        " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
	        "{\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
	        "\"sts.amazonaws.com\", \"token.actions.githubusercontent.com:sub\": "
	        "\"repo:acme/deploy:ref:refs/heads/main\"}}}]}",
	.fix = "Add a positive, non-IfExists condition on the provider's sub key (for Cognito: "
	       "the aud key with your identity pool id), e.g. \"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:sub\": "
	       "\"repo:OWNER/REPO:ref:refs/heads/main\"}.",
	.check = check,
};
