/*
 * oidc-wildcard-subject.c - TL302: the subject condition of a web-identity
 * trust admits more than one workload, graded by how much more.
 *
 * Each wildcard pattern on `<host>:sub` is read with the provider's
 * subject grammar (GitHub repo:OWNER/REPO:..., GitLab
 * project_path:GROUP/PROJECT:..., HCP Terraform and Buildkite
 * organization:ORG:..., EKS system:serviceaccount:NS:SA, CircleCI
 * org/ORG/project/PROJ/...) to find what its first wildcard covers, and
 * the engine then confirms it: the pattern is instantiated as the subject
 * an attacker would present (the first wildcard filled with a probe name)
 * and tl_statement_admits() must let that subject in with every condition
 * on the key applied, so an exclusion elsewhere in the statement is
 * honoured.  Grades (PEERS.md A5, "grade rather than fail", checkov#6983):
 *   error    "*", a wildcard in the first claim ("repo:*"), or an owner /
 *            group / organization prefix without its separator
 *            ("repo:acme*" also admits repo:acme-evil/x), and
 *            "system:serviceaccount:*" (any namespace);
 *   warning  a whole owner, group or organization (repo:acme/ then *), a
 *            whole EKS namespace ("system:serviceaccount:NS:*"), or a
 *            name prefix inside it;
 *   note     a whole repository, project or pipeline, any ref
 *            ("repo:acme/app:*"), often intended.
 * A subject constrained only by negated operators (StringNotLike) lets
 * every other subject in: error (warning for per-tenant CircleCI,
 * Bitbucket and unknown issuers).  Cognito, Google, Facebook and Login
 * with Amazon subjects are opaque ids and are not graded.  For
 * "repo:OWNER/REPO:*" the message names only the kinds of run (branch,
 * tag, pull request, environment) the engine still admits, so a
 * StringNotLike on ...:pull_request takes pull requests out of it.  A
 * statement that can never apply (dead_condition in tables.c) admits no
 * subject and is not reported.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"


typedef struct grammar {
	issuer_kind kind;
	const char *lead; /* the first claim with its separator */
	char tenant_end;  /* ends the owner / group / organization / namespace */
	const char *next; /* the claim naming the unit after the tenant ("" when it follows) */
	char unit_end;    /* ends the unit's name */
	const char *tenant, *tenants, *unit, *units;
	const char *any_what; /* a wildcard at or before the tenant */
	const char *rest;     /* covered by "UNIT:*"; NULL when that is normal */
	lint_severity any_sev, prefix_sev;
	const char *canonical; /* a subject an attacker can obtain */
} grammar;

static const grammar grammars[] = {
    {ISSUER_GITHUB, "repo:", '/', "", ':', "owner", "owners", "repository", "repositories",
     "repositories of any owner", "every branch, tag, pull request and environment of", LINT_ERROR,
     LINT_ERROR, "repo:trustlint-probe-org/trustlint-probe:ref:refs/heads/main"},
    {ISSUER_GITLAB, "project_path:", '/', "", ':', "group", "groups", "project", "projects",
     "projects of any group", "every branch and tag of", LINT_ERROR, LINT_ERROR,
     "project_path:trustlint-probe-group/trustlint-probe:ref_type:branch:ref:main"},
    {ISSUER_TERRAFORM, "organization:", ':', "workspace:", ':', "organization", "organizations",
     "workspace", "workspaces", "workspaces of any organization", NULL, LINT_ERROR, LINT_ERROR,
     "organization:trustlint-probe-org:project:Default Project:workspace:trustlint-probe:"
     "run_phase:apply"},
    {ISSUER_BUILDKITE, "organization:", ':', "pipeline:", ':', "organization", "organizations",
     "pipeline", "pipelines", "pipelines of any organization",
     "every ref, commit and step of pipeline", LINT_ERROR, LINT_ERROR,
     "organization:trustlint-probe-org:pipeline:trustlint-probe:ref:refs/heads/main:"
     "commit:0123456789abcdef:step:deploy"},
    {ISSUER_EKS, "system:serviceaccount:", ':', "", ':', "namespace", "namespaces",
     "service account", "service accounts", "service accounts of any namespace", NULL, LINT_ERROR,
     LINT_WARNING, "system:serviceaccount:trustlint-probe:trustlint-probe"},
    {ISSUER_CIRCLECI, "org/", '/', "project/", '/', "organization", "organizations", "project",
     "projects", "every project of the CircleCI organization", NULL, LINT_WARNING, LINT_WARNING,
     "org/trustlint-probe/project/trustlint-probe/user/trustlint-probe"},
};

static const grammar *grammar_for(issuer_kind kind)
{
	size_t i;

	for (i = 0; i < sizeof(grammars) / sizeof(*grammars); i++)
		if (grammars[i].kind == kind)
			return &grammars[i];
	return NULL;
}

static bool starts(const char *v, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(v, prefix, n) == 0;
}

/* ${*} ${?} ${$}: literal characters when policy variables are on. */
static bool escape_at(const char *v, size_t len, size_t i, bool vars)
{
	return vars && i + 3 < len && v[i] == '$' && v[i + 1] == '{' && v[i + 3] == '}' &&
	       (v[i + 2] == '*' || v[i + 2] == '?' || v[i + 2] == '$');
}

/* Position of the first wildcard, or len. */
static size_t first_wildcard(const char *v, size_t len, bool vars)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (escape_at(v, len, i, vars))
			i += 3;
		else if (v[i] == '*' || v[i] == '?')
			return i;
	}
	return len;
}

static size_t find_char(const char *v, size_t len, size_t from, char c)
{
	for (; from < len; from++)
		if (v[from] == c)
			return from;
	return len;
}

/* Where the text after `claim` starts (searching from `from`), or len. */
static size_t after_claim(const char *v, size_t len, size_t from, const char *claim)
{
	size_t n = strlen(claim), i;

	if (!n)
		return from;
	for (i = from; i + n <= len; i++)
		if (memcmp(v + i, claim, n) == 0)
			return i + n;
	return len;
}

/*
 * What the first wildcard (at p) of subject pattern v covers under grammar
 * g: LINT_OFF when nothing worth a finding.  `what` gets the phrase.
 */
static lint_severity grade(const grammar *g, const char *v, size_t len, size_t p, char *what,
                           size_t n)
{
	size_t lead = strlen(g->lead), te, us, ue;

	if (p <= lead && memcmp(v, g->lead, p) == 0) {
		snprintf(what, n, "%s", g->any_what);
		return g->any_sev;
	}
	if (!starts(v, len, g->lead))
		return LINT_OFF;
	te = find_char(v, len, lead, g->tenant_end);
	if (p < te) {
		snprintf(what, n, "other %s whose name starts with \"%.*s\"", g->tenants,
		         (int)(p - lead), v + lead);
		return g->prefix_sev;
	}
	us = after_claim(v, len, te + 1, g->next);
	if (p <= us) {
		snprintf(what, n, "every %s of %s %.*s", g->unit, g->tenant, (int)(te - lead),
		         v + lead);
		return LINT_WARNING;
	}
	ue = find_char(v, len, us, g->unit_end);
	if (p < ue) {
		snprintf(what, n, "other %s of %s %.*s whose name starts with \"%.*s\"", g->units,
		         g->tenant, (int)(te - lead), v + lead, (int)(p - us), v + us);
		return LINT_WARNING;
	}
	if (g->rest && p == ue + 1) {
		snprintf(what, n, "%s %.*s", g->rest, (int)(ue - lead), v + lead);
		return LINT_NOTE;
	}
	return LINT_OFF;
}

/* A subject a token could carry: the first claim and the tenant's end. */
static bool plausible(const grammar *g, const char *probe)
{
	size_t len = strlen(probe), lead = strlen(g->lead);

	return starts(probe, len, g->lead) && find_char(probe, len, lead, g->tenant_end) < len;
}

/* Issuers without a grammar: Bitbucket ({REPO_UUID}:...) and unknown ones. */
static lint_severity grade_other(const oidc_issuer *iss, const char *v, size_t len, size_t p,
                                 char *what, size_t n)
{
	if (iss->kind == ISSUER_BITBUCKET && p < find_char(v, len, 0, ':')) {
		snprintf(what, n, "any repository of the Bitbucket workspace");
		return LINT_WARNING;
	}
	if (iss->kind == ISSUER_GENERIC && p == 0) {
		snprintf(what, n, "any subject the provider issues tokens for");
		return LINT_WARNING;
	}
	return LINT_OFF;
}

/* Self-hosted Kubernetes issuers (kops, k3s) use the EKS subject form. */
static const grammar *grammar_of_value(const oidc_issuer *iss, const char *v, size_t len)
{
	const grammar *eks = grammar_for(ISSUER_EKS);

	if (iss->kind == ISSUER_GENERIC && starts(v, len, eks->lead))
		return eks;
	return grammar_for(iss->kind);
}

/*
 * The subject an attacker presents to match pattern v: the first wildcard
 * filled from the grammar's canonical subject when v agrees with it so
 * far, else with a probe name; the other wildcards with "x".
 */
static bool instantiate(char *out, size_t n, const char *v, size_t len, size_t p, const grammar *g,
                        bool vars)
{
	const char *canon = g ? g->canonical : "trustlint-probe";
	size_t i, o = 0, cl = strlen(canon);
	bool from_canon = p < cl && memcmp(v, canon, p) == 0;

	for (i = 0; i < len; i++) {
		const char *add, *tail;
		char one[2] = {v[i], '\0'}, filler[64];

		if (escape_at(v, len, i, vars)) {
			one[0] = v[i + 2];
			add = one;
			i += 3;
		} else if (i == p && v[i] == '*' && from_canon) {
			add = canon + p;
			if (p + 1 < len && (tail = strchr(add, v[p + 1])) != NULL && tail > add) {
				/* stop where the pattern's next literal character fits */
				if ((size_t)(tail - add) + o + 1 > n)
					return false;
				memcpy(out + o, add, (size_t)(tail - add));
				o += (size_t)(tail - add);
				continue;
			}
		} else if (i == p && v[i] == '*') {
			/* a tenant prefix: end the tenant here unless the pattern does */
			bool ends = g && find_char(v, len, strlen(g->lead), g->tenant_end) < len;
			bool alnum = p && isalnum((unsigned char)v[p - 1]);
			snprintf(filler, sizeof(filler), "%strustlint-probe%s%s", alnum ? "-" : "",
			         g && !ends ? (char[2]){g->tenant_end, '\0'} : "",
			         g && !ends ? "trustlint-probe" : "");
			add = filler;
		} else if (i == p) {
			one[0] = from_canon ? canon[p] : 'x';
			add = one;
		} else if (v[i] == '*' || v[i] == '?') {
			add = "x";
		} else {
			add = one;
		}
		if (o + strlen(add) + 1 > n)
			return false;
		memcpy(out + o, add, strlen(add));
		o += strlen(add);
	}
	out[o] = '\0';
	return true;
}

static bool positive(const tl_condition *c)
{
	return !c->negated && c->op != TL_OP_NULL && c->op != TL_OP_UNKNOWN;
}

/*
 * "repo:OWNER/REPO:*": which kinds of run the statement still admits, asked
 * of the engine with one subject of each kind (a StringNotLike on
 * ...:pull_request, say, takes pull requests out).  The unit is v up to
 * the ':' before the wildcard at p.  False when none is admitted.
 */
static bool github_rest(const lint_ctx *ctx, size_t si, const char *key, const char *v, size_t p,
                        char *what, size_t n)
{
	static const struct {
		const char *suffix, *name;
	} kinds[] = {{":ref:refs/heads/trustlint-probe", "branch"},
	             {":ref:refs/tags/trustlint-probe", "tag"},
	             {":pull_request", "pull request"},
	             {":environment:trustlint-probe", "environment"}};
	const char *names[4];
	size_t k, m = 0, o;
	char probe[1200];
	const char *one[1] = {probe};

	for (k = 0; k < 4; k++) {
		int w = snprintf(probe, sizeof(probe), "%.*s%s", (int)(p - 1), v, kinds[k].suffix);
		if (w > 0 && (size_t)w < sizeof(probe) &&
		    tl_statement_admits(ctx->policy, si, key, one, 1, true))
			names[m++] = kinds[k].name;
	}
	if (!m)
		return false;
	o = (size_t)snprintf(what, n, "every ");
	for (k = 0; k < m && o < n; k++)
		o += (size_t)snprintf(what + o, n - o, "%s%s", k == 0 ? "" : k + 1 == m ? " and " : ", ",
		                      names[k]);
	if (o < n)
		snprintf(what + o, n - o, " of %.*s", (int)(p - 1 - strlen("repo:")), v + strlen("repo:"));
	return true;
}

/* Grade each wildcard value of the positive conditions on `key`. */
static size_t check_values(lint_ctx *ctx, size_t si, const oidc_issuer *iss, const char *key)
{
	const tl_statement *st = &ctx->doc->statements[si];
	bool vars = ctx->doc->variables_enabled;
	size_t i, k, reported = 0;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];

		if (!positive(c) || !str_ieq(c->key.text, key))
			continue;
		for (k = 0; k < c->n_values; k++) {
			const tl_value *v = &c->values[k];
			const grammar *g = grammar_of_value(iss, v->text, v->len);
			size_t p = first_wildcard(v->text, v->len, vars);
			char what[400], probe[1200], fix[600];
			const char *one[1] = {probe};
			lint_severity sev;

			if (v->kind != TL_JSON_STRING || p == v->len)
				continue;
			sev = g ? grade(g, v->text, v->len, p, what, sizeof(what))
			        : grade_other(iss, v->text, v->len, p, what, sizeof(what));
			if (sev == LINT_OFF ||
			    !instantiate(probe, sizeof(probe), v->text, v->len, p, g, vars) ||
			    (g && !plausible(g, probe)))
				continue; /* e.g. "repo:?" matches no real subject */
			if (!tl_statement_admits(ctx->policy, si, key, one, 1, true))
				continue; /* another condition on the key refuses it */
			if (sev == LINT_NOTE && g && g->kind == ISSUER_GITHUB && p > 5 &&
			    v->text[p - 1] == ':' &&
			    !github_rest(ctx, si, key, v->text, p, what, sizeof(what)))
				continue; /* exclusions leave no branch, tag, PR or environment */
			snprintf(fix, sizeof(fix),
			         "narrow the pattern to the %s that needs this role, e.g. "
			         "\"%s\"",
			         g ? g->unit : "workload", iss->sub_example);
			lint_report_sev(ctx, sev, &v->loc, fix,
			                "subject pattern \"%s\" admits %s, e.g. \"%s\"", v->text,
			                what, probe);
			reported++;
		}
	}
	return reported;
}

/* Conditions on the key exist, but none names an allowed subject.  `other`
 * is the key's other EKS spelling or "". */
static void check_exclusions_only(lint_ctx *ctx, size_t si, const oidc_issuer *iss, const char *key,
                                  const char *other)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const grammar *g = grammar_for(iss->kind);
	const char *probe = g ? g->canonical : "trustlint-probe";
	const tl_condition *first = NULL;
	size_t i;
	lint_severity sev;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		if (!str_ieq(c->key.text, key) && !str_ieq(c->key.text, other))
			continue;
		if (positive(c))
			return;
		if (!first && str_ieq(c->key.text, key))
			first = c;
	}
	if (!first || !tl_statement_admits(ctx->policy, si, key, &probe, 1, true))
		return;
	sev = iss->tenancy == ISSUER_SHARED || iss->kind == ISSUER_EKS ? LINT_ERROR : LINT_WARNING;
	lint_report_sev(
	    ctx, sev, first->n_values ? &first->values[0].loc : &first->key.loc,
	    "replace the exclusion with a positive condition naming the allowed subjects",
	    "%s is only constrained by %s \"%s\", which names what to refuse, not what to "
	    "allow: every other subject can assume this role, e.g. \"%s\"",
	    key, first->operator_text.text, first->n_values ? first->values[0].text : "", probe);
}

static void check_principal(lint_ctx *ctx, size_t si, const tl_principal *p)
{
	const oidc_issuer *iss;
	const char *host = NULL;
	size_t host_len = 0, reported;
	char key[1024], other[512], other_key[600] = "";
	int w;

	iss = oidc_issuer_of(p, &host, &host_len);
	if (!iss || iss->builtin || dead_condition(ctx, si, p))
		return; /* a statement that never applies admits no subject */
	w = snprintf(key, sizeof(key), "%.*s:sub", (int)host_len, host);
	if (w <= 0 || (size_t)w >= sizeof(key))
		return;
	if (eks_other_host(host, host_len, other, sizeof(other)))
		snprintf(other_key, sizeof(other_key), "%s:sub", other);
	reported = check_values(ctx, si, iss, key);
	if (other_key[0])
		reported += check_values(ctx, si, iss, other_key);
	if (reported)
		return;
	check_exclusions_only(ctx, si, iss, key, other_key);
	if (other_key[0])
		check_exclusions_only(ctx, si, iss, other_key, key);
}

static void check(lint_ctx *ctx)
{
	each_granted_principal(ctx, WEB_IDENTITY, check_principal);
}

const rule_def rule_oidc_wildcard_subject = {
	.code = 302,
	.name = "oidc-wildcard-subject",
	.severity = LINT_ERROR,
	.summary = "the subject condition of a web-identity trust admits other owners, "
	           "repositories or namespaces (graded by how much it admits)",
	.rationale = "A wildcard in the sub pattern decides who else gets the role. \"*\", "
	             "\"repo:*\" or an owner prefix without \"/\" (\"repo:acme*\" also matches "
	             "repo:acme-evil/x, a name anyone can register) opens it to the whole "
	             "platform; \"repo:acme/*\" to everyone who can create or push to any "
	             "repository of the organization; \"repo:acme/app:*\" to every branch, pull "
	             "request and environment of one repository, which is often intended. For "
	             "EKS, system:serviceaccount:* lets any pod of the cluster in. A subject that "
	             "is only excluded with StringNotLike admits every other subject. Sources: "
	             "IAM Access Analyzer \"Specific github repo and branch recommended\"; "
	             "checkov CKV_AWS_358 and checkov#6983 (grade, do not fail, repo-wide "
	             "patterns); AWS IRSA docs.",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Federated\": "
	       "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	       "\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": "
	       "{\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\"}, "
	       "\"StringLike\": {\"token.actions.githubusercontent.com:sub\": \"repo:acme*\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Federated\": "
	        "\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
	        " \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": "
	        "{\"StringEquals\": {\"token.actions.githubusercontent.com:aud\": "
	        "\"sts.amazonaws.com\"}, \"StringLike\": "
	        "{\"token.actions.githubusercontent.com:sub\": "
	        "\"repo:acme/deploy:ref:refs/heads/*\"}}}]}",
	.fix = "Name the owner and repository (and, where it matters, the branch or environment): "
	       "\"repo:OWNER/REPO:ref:refs/heads/main\", \"system:serviceaccount:NAMESPACE:NAME\".",
	.check = check,
};
