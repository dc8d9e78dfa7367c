/*
 * tables.c - see tables.h.  Each table cites where its entries come from;
 * keep them sorted by meaning, not alphabetically, and add a corpus case
 * when an entry changes a rule's verdict.
 */
#include "tables.h"

#include <stdio.h>
#include <string.h>

bool str_ieq_n(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x >= 'A' && x <= 'Z')
			x += 32;
		if (y >= 'A' && y <= 'Z')
			y += 32;
		if (x != y)
			return false;
	}
	return true;
}

bool str_ieq(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && str_ieq_n(a, b, n);
}

bool str_istarts(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strlen(s) >= n && str_ieq_n(s, prefix, n);
}

/* ---- OIDC issuers ---------------------------------------------------- */

/* IAM condition keys page (aud, sub, amr; azp, email, oaud in tooling) and
 * the 2026 STS provider-claim announcement for GitHub (SEMANTICS.md 4.4). */
static const char *const generic_claims[] = {"aud", "sub", "amr", "azp", "email", "oaud", NULL};
static const char *const github_claims[] = {
	"aud", "sub", "amr", "azp", "actor", "actor_id", "job_workflow_ref", "repository",
	"repository_id", "workflow", "ref", "environment", "enterprise_id", NULL};
static const char *const cognito_claims[] = {"aud", "sub", "amr", NULL};
static const char *const google_claims[] = {"aud", "sub", "oaud", "azp", "email", NULL};
static const char *const facebook_claims[] = {"app_id", "id", NULL};
static const char *const amazon_claims[] = {"app_id", "user_id", NULL};

static const oidc_issuer issuers[] = {
	{ISSUER_GITHUB, "GitHub Actions", ISSUER_SHARED, false, "any GitHub repository",
	 "repo:OWNER/REPO:ref:refs/heads/main", github_claims},
	{ISSUER_GITLAB, "GitLab", ISSUER_SHARED, false, "any gitlab.com project",
	 "project_path:GROUP/PROJECT:ref_type:branch:ref:main", generic_claims},
	{ISSUER_TERRAFORM, "HCP Terraform", ISSUER_SHARED, false, "any HCP Terraform organization",
	 "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:apply", generic_claims},
	{ISSUER_BUILDKITE, "Buildkite", ISSUER_SHARED, false, "any Buildkite pipeline",
	 "organization:ORG:pipeline:PIPELINE:ref:refs/heads/main:commit:*:step:*", generic_claims},
	{ISSUER_CIRCLECI, "CircleCI", ISSUER_PER_TENANT, false, "any project of the CircleCI organization",
	 "org/ORG_ID/project/PROJECT_ID/user/*", generic_claims},
	{ISSUER_BITBUCKET, "Bitbucket Pipelines", ISSUER_PER_TENANT, false,
	 "any repository of the Bitbucket workspace", "{REPOSITORY_UUID}:*", generic_claims},
	{ISSUER_EKS, "EKS (IRSA)", ISSUER_PER_TENANT, false, "any service account of any namespace in the cluster",
	 "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT", generic_claims},
	{ISSUER_COGNITO, "Cognito identity pools", ISSUER_SHARED, true, "any Cognito identity pool",
	 "REGION:IDENTITY_POOL_GUID (in :aud)", cognito_claims},
	{ISSUER_GOOGLE, "Google", ISSUER_SHARED, true, "any Google account or app",
	 "the Google subject id", google_claims},
	{ISSUER_FACEBOOK, "Facebook", ISSUER_SHARED, true, "any Facebook app user", "the app id (in :app_id)",
	 facebook_claims},
	{ISSUER_AMAZON, "Login with Amazon", ISSUER_SHARED, true, "any Login with Amazon user",
	 "the app id (in :app_id)", amazon_claims},
	{ISSUER_GENERIC, "OIDC", ISSUER_UNKNOWN, false, "any identity the provider issues tokens for",
	 "the subject your provider puts in sub", generic_claims},
};

bool eks_issuer_parts(const char *host, size_t len, const char **region, size_t *region_len,
                      const char **id, size_t *id_len)
{
	static const struct {
		const char *prefix, *suffix;
	} forms[] = {{"oidc.eks.", ".amazonaws.com/id/"}, {"oidc-eks.", ".api.aws/id/"}};
	size_t f;

	for (f = 0; f < 2; f++) {
		size_t pl = strlen(forms[f].prefix), sl = strlen(forms[f].suffix);
		const char *r = host + pl, *end = host + len, *s;

		if (len <= pl + sl || !str_ieq_n(host, forms[f].prefix, pl))
			continue;
		for (s = r; s + sl <= end; s++)
			if (str_ieq_n(s, forms[f].suffix, sl) && s > r) {
				if (region) {
					*region = r;
					*region_len = (size_t)(s - r);
				}
				if (id) {
					*id = s + sl;
					*id_len = (size_t)(end - (s + sl));
				}
				return end > s + sl;
			}
	}
	return false;
}

bool eks_other_host(const char *host, size_t len, char *out, size_t n)
{
	const char *r, *id;
	size_t rl, il;
	int w;

	if (!eks_issuer_parts(host, len, &r, &rl, &id, &il))
		return false;
	if (host[4] == '.')
		w = snprintf(out, n, "oidc-eks.%.*s.api.aws/id/%.*s", (int)rl, r, (int)il, id);
	else
		w = snprintf(out, n, "oidc.eks.%.*s.amazonaws.com/id/%.*s", (int)rl, r, (int)il, id);
	return w > 0 && (size_t)w < n;
}

bool claim_bound(const lint_ctx *ctx, size_t si, const char *host, size_t host_len,
                 const char *claim)
{
	char key[1024], other[512];
	int w = snprintf(key, sizeof(key), "%.*s:%s", (int)host_len, host, claim);

	if (w <= 0 || (size_t)w >= sizeof(key))
		return true; /* cannot ask: claim nothing */
	if (!tl_statement_admits(ctx->policy, si, key, NULL, 0, false))
		return true;
	if (!eks_other_host(host, host_len, other, sizeof(other)))
		return false;
	w = snprintf(key, sizeof(key), "%s:%s", other, claim);
	return w > 0 && (size_t)w < sizeof(key) &&
	       !tl_statement_admits(ctx->policy, si, key, NULL, 0, false);
}

static const oidc_issuer *issuer_for_host(const char *host, size_t len)
{
	static const struct {
		const char *prefix;
		bool exact;
		issuer_kind kind;
	} hosts[] = {
		{"token.actions.githubusercontent.com", false, ISSUER_GITHUB}, /* + /<enterprise> */
		{"gitlab.com", true, ISSUER_GITLAB},
		{"app.terraform.io", true, ISSUER_TERRAFORM},
		{"agent.buildkite.com", true, ISSUER_BUILDKITE},
		{"oidc.circleci.com/org/", false, ISSUER_CIRCLECI},
		{"api.bitbucket.org/2.0/workspaces/", false, ISSUER_BITBUCKET},
		{"cognito-identity.amazonaws.com", true, ISSUER_COGNITO},
		{"accounts.google.com", true, ISSUER_GOOGLE},
		{"graph.facebook.com", true, ISSUER_FACEBOOK},
		{"www.amazon.com", true, ISSUER_AMAZON},
	};
	size_t i;

	if (eks_issuer_parts(host, len, NULL, NULL, NULL, NULL))
		return &issuers[ISSUER_EKS];
	for (i = 0; i < sizeof(hosts) / sizeof(*hosts); i++) {
		size_t pl = strlen(hosts[i].prefix);
		if (len < pl || !str_ieq_n(host, hosts[i].prefix, pl))
			continue;
		if (hosts[i].exact && len != pl)
			continue;
		if (!hosts[i].exact && len > pl && hosts[i].prefix[pl - 1] != '/' && host[pl] != '/')
			continue;
		return &issuers[hosts[i].kind];
	}
	return &issuers[ISSUER_GENERIC];
}

const oidc_issuer *oidc_issuer_of(const tl_principal *p, const char **host, size_t *host_len)
{
	const char *v = p->value.text, *slash;

	if (p->type != TL_PRINCIPAL_FEDERATED)
		return NULL;
	if (p->form == TL_FORM_BUILTIN_IDP) {
		*host = v;
		*host_len = p->value.len;
		return issuer_for_host(v, p->value.len);
	}
	if (p->form != TL_FORM_OIDC_PROVIDER)
		return NULL;
	slash = strstr(v, ":oidc-provider/");
	if (!slash)
		return NULL;
	*host = slash + strlen(":oidc-provider/");
	*host_len = p->value.len - (size_t)(*host - v);
	return issuer_for_host(*host, *host_len);
}

const char *claim_of(const char *key, size_t key_len, const char *host, size_t host_len)
{
	if (key_len <= host_len + 1 || key[host_len] != ':' || !str_ieq_n(key, host, host_len))
		return NULL;
	return key + host_len + 1;
}

bool key_is_claim(const char *key, size_t key_len, const char *host, size_t host_len,
                  const char *claim)
{
	const char *c = claim_of(key, key_len, host, host_len);
	return c && str_ieq(c, claim);
}

bool issuer_has_claim(const oidc_issuer *iss, const char *claim)
{
	size_t i;

	for (i = 0; iss->claims[i]; i++)
		if (str_ieq(iss->claims[i], claim))
			return true;
	return false;
}

/* ---- services -------------------------------------------------------- */

/*
 * Compute-bound services assume a role only for the account's own
 * resources (prowler #2810, #2314; boogy exempts ec2, lambda, edgelambda);
 * the "sends" list is from the IAM confused-deputy page and the service
 * pages it links.  pods.eks.amazonaws.com has rules of its own.
 * eks.amazonaws.com (the cluster role: EKS user guide, "Cross-service
 * confused deputy prevention in Amazon EKS", aws:SourceArn
 * arn:aws:eks:REGION:ACCOUNT:cluster/NAME plus aws:SourceAccount) and
 * ssm.amazonaws.com (Systems Manager user guide, "Create the IAM service
 * role required for Systems Manager in hybrid and multicloud environments",
 * aws:SourceAccount and aws:SourceArn arn:aws:ssm:REGION:ACCOUNT:*) send the
 * keys and AWS recommends them.  China-partition names
 * (SERVICE.amazonaws.com.cn) are looked up as SERVICE.amazonaws.com.
 */
service_deputy service_deputy_of(const char *name)
{
	static const char *const exempt[] = {
		"ec2.amazonaws.com", "lambda.amazonaws.com", "edgelambda.amazonaws.com",
		"ecs-tasks.amazonaws.com", "pods.eks.amazonaws.com",
		"eks-fargate-pods.amazonaws.com", "build.apprunner.amazonaws.com",
		"tasks.apprunner.amazonaws.com", "spot.amazonaws.com", NULL};
	static const char *const sends[] = {
		"sns.amazonaws.com", "s3.amazonaws.com", "cloudtrail.amazonaws.com",
		"config.amazonaws.com", "logs.amazonaws.com", "events.amazonaws.com",
		"states.amazonaws.com", "backup.amazonaws.com", "codebuild.amazonaws.com",
		"sagemaker.amazonaws.com", "glue.amazonaws.com", "firehose.amazonaws.com",
		"delivery.logs.amazonaws.com", "scheduler.amazonaws.com", "pipes.amazonaws.com",
		"rolesanywhere.amazonaws.com", "datasync.amazonaws.com", "transfer.amazonaws.com",
		"cloudformation.amazonaws.com", "mediaconvert.amazonaws.com", "dms.amazonaws.com",
		"bedrock.amazonaws.com", "vpc-flow-logs.amazonaws.com", "apigateway.amazonaws.com",
		"eks.amazonaws.com", "ssm.amazonaws.com", NULL};
	char buf[256];
	const char *s = service_name_normalised(name, buf, sizeof(buf));
	size_t i;

	for (i = 0; exempt[i]; i++)
		if (strcmp(s, exempt[i]) == 0)
			return DEPUTY_EXEMPT;
	for (i = 0; sends[i]; i++)
		if (strcmp(s, sends[i]) == 0)
			return DEPUTY_SENDS;
	return DEPUTY_UNKNOWN;
}

/* ---- condition keys -------------------------------------------------- */

/* IAM "single-valued vs multivalued context keys" and the keys reference. */
bool key_is_single_valued(const char *key)
{
	static const char *const multi[] = {
		"aws:TagKeys", "aws:PrincipalOrgPaths", "aws:PrincipalServiceNamesList",
		"sts:TransitiveTagKeys", "aws:SourceOrgPaths", "aws:CalledVia", NULL};
	static const char *const single[] = {
		"aws:PrincipalOrgID", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType",
		"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceIp",
		"aws:SourceVpc", "aws:SourceVpce", "aws:userid", "aws:username", "sts:ExternalId",
		"sts:RoleSessionName", "sts:SourceIdentity", "aws:SecureTransport",
		"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge", "aws:CurrentTime",
		"aws:EpochTime", "aws:PrincipalIsAWSService", "aws:PrincipalServiceName",
		"aws:FederatedProvider", "saml:aud", "saml:sub", "saml:iss", "saml:sub_type",
		"saml:namequalifier", "saml:doc", NULL};
	size_t i, n = strlen(key);

	for (i = 0; multi[i]; i++)
		if (str_ieq(key, multi[i]))
			return false;
	for (i = 0; single[i]; i++)
		if (str_ieq(key, single[i]))
			return true;
	if (str_istarts(key, "aws:RequestTag/") || str_istarts(key, "aws:PrincipalTag/") ||
	    str_istarts(key, "aws:ResourceTag/"))
		return true;
	/* OIDC subjects are single-valued; amr and aud can be lists */
	return n > 4 && str_ieq(key + n - 4, ":sub");
}

bool key_is_identity(const char *key)
{
	static const char *const keys[] = {
		"aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn",
		"aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
		"aws:SourceOrgPaths", "sts:ExternalId", "aws:userid", "saml:aud", "saml:sub",
		"aws:RequestTag/eks-cluster-arn", "aws:RequestTag/eks-cluster-name",
		"aws:RequestTag/kubernetes-namespace", "aws:RequestTag/kubernetes-service-account",
		NULL};
	size_t i, n = strlen(key);

	for (i = 0; keys[i]; i++)
		if (str_ieq(key, keys[i]))
			return true;
	return (n > 4 && str_ieq(key + n - 4, ":sub")) || (n > 4 && str_ieq(key + n - 4, ":aud"));
}

/* IAM global condition context keys page, and the STS keys (SEMANTICS.md 4). */
static const char *const global_keys[] = {
	"aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast", "aws:CurrentTime",
	"aws:EpochTime", "aws:FederatedProvider", "aws:MultiFactorAuthAge",
	"aws:MultiFactorAuthPresent", "aws:PrincipalAccount", "aws:PrincipalArn",
	"aws:PrincipalIsAWSService", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
	"aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalType",
	"aws:Referer", "aws:RequestedRegion", "aws:ResourceAccount", "aws:ResourceOrgID",
	"aws:ResourceOrgPaths", "aws:SecureTransport", "aws:SourceAccount", "aws:SourceArn",
	"aws:SourceIdentity", "aws:SourceIp", "aws:SourceOrgID", "aws:SourceOrgPaths",
	"aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce", "aws:TagKeys",
	"aws:TokenIssueTime", "aws:UserAgent", "aws:userid", "aws:username", "aws:ViaAWSService",
	"aws:VpcSourceIp", "aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4",
	"aws:ChatbotSourceArn", "aws:IsMcpServiceAction", "aws:ViaAWSMCPService",
	"sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity", "sts:TransitiveTagKeys",
	"sts:AWSServiceName", "sts:DurationSeconds", "sts:TaskTarget", NULL};

size_t edit_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[128];

	if (lb >= sizeof(row) / sizeof(*row) || la >= 128)
		return cap;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = row[0], best;
		row[0] = i;
		best = row[0];
		for (j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + !str_ieq_n(a + i - 1, b + j - 1, 1);
			size_t v = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
			row[j] = v < sub ? v : sub;
			prev = cur;
			if (row[j] < best)
				best = row[j];
		}
		if (best >= cap)
			return cap;
	}
	return row[lb] < cap ? row[lb] : cap;
}

static const char *nearest(const char *s, const char *const *list, size_t cap)
{
	const char *best = NULL;
	size_t d = cap, i;

	for (i = 0; list[i]; i++) {
		size_t e = edit_distance(s, list[i], d);
		if (e < d) {
			d = e;
			best = list[i];
		}
	}
	return best;
}

static bool known_global(const char *key)
{
	size_t i;

	if (str_istarts(key, "aws:RequestTag/") || str_istarts(key, "aws:PrincipalTag/") ||
	    str_istarts(key, "aws:ResourceTag/"))
		return strlen(strchr(key, '/') + 1) > 0;
	for (i = 0; global_keys[i]; i++)
		if (str_ieq(key, global_keys[i]))
			return true;
	return false;
}

bool key_is_known_global(const char *key, const char **suggest)
{
	*suggest = NULL;
	if (known_global(key))
		return true;
	*suggest = nearest(key, global_keys, 4);
	return false;
}

const char *operator_suggestion(const char *op, char *buf, size_t cap)
{
	static const char *const names[] = {
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
		"StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals",
		"NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan",
		"NumericGreaterThanEquals", "DateEquals", "DateNotEquals", "DateLessThan",
		"DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
		"BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals",
		"ArnNotLike", "Null", NULL};
	const char *base = op, *prefix = "";
	size_t n;
	const char *hit;
	bool if_exists = false;

	if (str_istarts(op, "ForAnyValue:")) {
		prefix = "ForAnyValue:";
		base = op + 12;
	} else if (str_istarts(op, "ForAllValues:")) {
		prefix = "ForAllValues:";
		base = op + 13;
	} else if (str_istarts(op, "ForAnyValues:")) { /* a common slip */
		prefix = "ForAnyValue:";
		base = op + 13;
	} else if (str_istarts(op, "ForAllValue:")) {
		prefix = "ForAllValues:";
		base = op + 12;
	}
	n = strlen(base);
	if (n > 8 && str_ieq(base + n - 8, "IfExists"))
		if_exists = true;
	{
		char core[64];
		size_t cl = if_exists ? n - 8 : n;
		if (cl >= sizeof(core))
			return NULL;
		memcpy(core, base, cl);
		core[cl] = '\0';
		hit = nearest(core, names, 5);
	}
	if (!hit)
		return NULL;
	n = (size_t)snprintf(buf, cap, "%s%s%s", prefix, hit, if_exists ? "IfExists" : "");
	return n < cap ? buf : NULL;
}

/* ---- model helpers --------------------------------------------------- */

bool glob_ieq(const char *pat, const char *s)
{
	/* tiny case-insensitive glob for action patterns ('*' and '?') */
	const char *star = NULL, *ss = NULL;

	while (*s) {
		if (*pat == '?' || (*pat && *pat != '*' && str_ieq_n(pat, s, 1))) {
			pat++;
			s++;
		} else if (*pat == '*') {
			star = pat++;
			ss = s;
		} else if (star) {
			pat = star + 1;
			s = ++ss;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

bool stmt_allows_action(const tl_statement *st, const char *action)
{
	size_t i;
	bool listed = false;

	for (i = 0; i < st->n_actions && !listed; i++)
		listed = st->actions[i].kind == TL_JSON_STRING && glob_ieq(st->actions[i].text, action);
	return st->not_action ? !listed : listed;
}

void each_allow_statement(lint_ctx *ctx, const char *action, statement_fn fn)
{
	size_t i;

	if (!ctx->doc || !ctx->policy)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		if (st->effect == TL_EFFECT_ALLOW && !st->not_principal &&
		    (!action || stmt_allows_action(st, action)))
			fn(ctx, i);
	}
}

bool same_provider(const char *a, size_t al, const char *b, size_t bl)
{
	const char *ra, *rb, *ia, *ib;
	size_t ral, rbl, ial, ibl;

	if (al == bl && str_ieq_n(a, b, al))
		return true;
	if (!eks_issuer_parts(a, al, &ra, &ral, &ia, &ial) ||
	    !eks_issuer_parts(b, bl, &rb, &rbl, &ib, &ibl))
		return false;
	return ral == rbl && str_ieq_n(ra, rb, ral) && ial == ibl && str_ieq_n(ia, ib, ial);
}

/*
 * dead_condition for every principal of one statement at once.  Rules ask
 * per principal; a walk over the conditions each time costs principals x
 * conditions.  Whether a key is never sent depends on the principal only
 * through its provider (claim keys) or its being a service, so one walk
 * finds: the first condition dead for everyone (an undefined aws:/sts:
 * key, a scheme-prefixed claim key), the first closed claim key and the
 * first closed claim key of another provider than that one.
 */
typedef struct dead_summary {
	const lint_ctx *ctx;
	size_t si;
	bool ready;
	const tl_condition *any, *claim, *other_claim;
	const char *claim_host;
	size_t claim_host_len;
} dead_summary;

/* Set by each_granted_principal while it calls the rule for one statement. */
static _Thread_local dead_summary *dead_scope;

void each_granted_principal(lint_ctx *ctx, const char *action, principal_fn fn)
{
	size_t i, j;

	if (!ctx->doc || !ctx->policy)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal || !stmt_allows_action(st, action))
			continue;
		{
			/* rules ask dead_condition per principal: answer from one walk */
			dead_summary d = {ctx, i, false, NULL, NULL, NULL, NULL, 0};
			dead_summary *saved = dead_scope;

			dead_scope = &d;
			for (j = 0; j < st->n_principals; j++)
				fn(ctx, i, &st->principals[j]);
			dead_scope = saved;
		}
	}
}

bool stmt_mentions_key(const tl_statement *st, const char *key)
{
	size_t i;

	for (i = 0; i < st->n_conditions; i++)
		if (str_ieq(st->conditions[i].key.text, key))
			return true;
	return false;
}

bool stmt_mentions_key_prefix(const tl_statement *st, const char *prefix)
{
	size_t i;

	for (i = 0; i < st->n_conditions; i++)
		if (str_istarts(st->conditions[i].key.text, prefix))
			return true;
	return false;
}

/* ---- claim binding and statements that never apply ------------------- */

bool claim_key_host(const char *key, size_t len, const char **host, size_t *host_len,
                    size_t *claim_at, bool *scheme)
{
	static const char *const schemes[] = {"https://", "http://"};
	size_t start = 0, i, s;
	bool dot = false;

	*scheme = false;
	for (s = 0; s < 2; s++) {
		size_t n = strlen(schemes[s]);
		if (len > n && str_ieq_n(key, schemes[s], n)) {
			start = n;
			*scheme = true;
			break;
		}
	}
	for (i = start; i < len && key[i] != ':'; i++)
		dot |= key[i] == '.';
	if (!dot || i >= len || i + 1 >= len || i == start)
		return false;
	*host = key + start;
	*host_len = i - start;
	*claim_at = i + 1;
	return true;
}

/* A value a stranger's token carries for this claim, and how much of a
 * pattern names the tenant: a wildcard before `tenant_end` (or anywhere,
 * '\0') lets other tenants in. */
static const char *stranger_value(const oidc_issuer *iss, const char *claim, char *tenant_end)
{
	*tenant_end = '\0';
	if (iss->kind == ISSUER_GITHUB && str_ieq(claim, "repository")) {
		*tenant_end = '/';
		return "trustlint-probe-org/trustlint-probe";
	}
	if (iss->kind == ISSUER_GITHUB && str_ieq(claim, "job_workflow_ref")) {
		*tenant_end = '/';
		return "trustlint-probe-org/trustlint-probe/.github/workflows/deploy.yml"
		       "@refs/heads/main";
	}
	if (iss->kind == ISSUER_GITHUB && str_ieq(claim, "repository_id"))
		return "999999999999";
	if (iss->kind == ISSUER_COGNITO && str_ieq(claim, "aud"))
		return "us-east-1:00000000-0000-4000-8000-000000000000";
	if (iss->kind == ISSUER_GOOGLE && (str_ieq(claim, "aud") || str_ieq(claim, "oaud")))
		return "trustlint-probe.apps.googleusercontent.com";
	if (str_ieq(claim, "app_id"))
		return "trustlint-probe-app";
	return "trustlint-probe";
}

/* Pattern v with every wildcard filled in, when one falls inside the tenant
 * part (before tenant_end; anywhere when tenant_end is '\0'). */
static bool fill_pattern(const char *v, char tenant_end, char *out, size_t cap)
{
	size_t o = 0, i, end = strlen(v);
	const char *te = tenant_end ? strchr(v, tenant_end) : NULL;
	size_t wild = strcspn(v, "*?");

	if (wild == end || (te && (size_t)(te - v) < wild))
		return false;
	for (i = 0; i < end; i++) {
		const char *add = v[i] == '*' ? "trustlint-probe" : v[i] == '?' ? "x" : NULL;
		size_t n = add ? strlen(add) : 1;
		if (o + n + 1 > cap)
			return false;
		memcpy(out + o, add ? add : v + i, n);
		o += n;
	}
	out[o] = '\0';
	return true;
}

static bool positive_condition(const tl_condition *c)
{
	return !c->negated && c->op != TL_OP_NULL && c->op != TL_OP_UNKNOWN;
}

/* claim_pinned for one spelling of the key. */
static bool key_pinned(const lint_ctx *ctx, size_t si, const char *key, const char *probe,
                       char tenant_end, char *stranger, size_t cap)
{
	const tl_statement *st = &ctx->doc->statements[si];
	const char *one[1] = {probe};
	char filled[600];
	size_t i, k, n;
	const size_t *on;

	if (stranger && cap)
		stranger[0] = '\0';
	if (tl_statement_admits(ctx->policy, si, key, NULL, 0, false))
		return false;
	if (tl_statement_admits(ctx->policy, si, key, one, 1, true)) {
		if (stranger && cap)
			snprintf(stranger, cap, "%s", probe);
		return false;
	}
	/* the key's conditions only: asked once per principal and claim */
	on = tl_statement_conditions_on(ctx->policy, si, key, &n);
	for (i = 0; i < n; i++) {
		const tl_condition *c = &st->conditions[on[i]];
		if (!positive_condition(c))
			continue;
		for (k = 0; k < c->n_values; k++) {
			if (c->values[k].kind != TL_JSON_STRING ||
			    !fill_pattern(c->values[k].text, tenant_end, filled, sizeof(filled)))
				continue;
			/* built from value k, which the view tries first: one step for
			 * this list, so the loop is not quadratic in its length */
			if (tl_statement_admits_from(ctx->policy, si, key, filled, &c->values[k])) {
				if (stranger && cap)
					snprintf(stranger, cap, "%s", filled);
				return false;
			}
		}
	}
	return true;
}

bool claim_pinned(const lint_ctx *ctx, size_t si, const oidc_issuer *iss, const char *host,
                  size_t host_len, const char *claim, char *stranger, size_t stranger_cap)
{
	char key[1024], other[512];
	char tenant_end;
	const char *probe = stranger_value(iss, claim, &tenant_end);
	int w = snprintf(key, sizeof(key), "%.*s:%s", (int)host_len, host, claim);

	if (stranger && stranger_cap)
		stranger[0] = '\0';
	if (w <= 0 || (size_t)w >= sizeof(key))
		return true; /* cannot ask: claim nothing */
	if (key_pinned(ctx, si, key, probe, tenant_end, stranger, stranger_cap))
		return true;
	if (!eks_other_host(host, host_len, other, sizeof(other)))
		return false;
	w = snprintf(key, sizeof(key), "%s:%s", other, claim);
	return w > 0 && (size_t)w < sizeof(key) &&
	       key_pinned(ctx, si, key, probe, tenant_end, NULL, 0);
}

/* Is `c`'s key missing from a principal's request?  0 from no one's, 1
 * from everyone's, 2 it depends on the principal (a claim key: its host
 * is set). */
static int never_sent_kind(const tl_condition *c, const char **host, size_t *host_len)
{
	size_t claim_at;
	bool scheme;

	if ((str_istarts(c->key.text, "aws:") || str_istarts(c->key.text, "sts:")) &&
	    !known_global(c->key.text))
		return 1;
	if (!claim_key_host(c->key.text, c->key.len, host, host_len, &claim_at, &scheme))
		return 0;
	return scheme ? 1 : 2;
}

static void summarise(dead_summary *d)
{
	const tl_statement *st = &d->ctx->doc->statements[d->si];
	size_t i;

	for (i = 0; i < st->n_conditions; i++) {
		const tl_condition *c = &st->conditions[i];
		const char *h = NULL;
		size_t hl = 0;
		int kind = c->op == TL_OP_UNKNOWN ? 0 : never_sent_kind(c, &h, &hl);

		if (kind == 0 || (kind == 1 && d->any) ||
		    (kind == 2 && d->other_claim) ||
		    (kind == 2 && d->claim && same_provider(h, hl, d->claim_host, d->claim_host_len)) ||
		    tl_statement_admits(d->ctx->policy, d->si, c->key.text, NULL, 0, false))
			continue;
		if (kind == 1) {
			d->any = c;
		} else if (!d->claim) {
			d->claim = c;
			d->claim_host = h;
			d->claim_host_len = hl;
		} else {
			d->other_claim = c;
		}
	}
	d->ready = true;
}

static const tl_condition *earlier(const tl_condition *a, const tl_condition *b)
{
	return !a ? b : !b ? a : a < b ? a : b;
}

static const tl_condition *dead_from_summary(dead_summary *d, const tl_principal *p)
{
	const char *ph;
	size_t phl;

	if (!d->ready)
		summarise(d);
	if (oidc_issuer_of(p, &ph, &phl)) {
		if (d->claim && !same_provider(d->claim_host, d->claim_host_len, ph, phl))
			return earlier(d->any, d->claim);
		return earlier(d->any, d->other_claim);
	}
	return earlier(d->any, p->type == TL_PRINCIPAL_SERVICE ? d->claim : NULL);
}

const tl_condition *dead_condition(const lint_ctx *ctx, size_t si, const tl_principal *p)
{
	dead_summary d = {0};

	if (!ctx->doc || !ctx->policy || si >= ctx->doc->n_statements)
		return NULL;
	if (dead_scope && dead_scope->ctx == ctx && dead_scope->si == si)
		return dead_from_summary(dead_scope, p);
	d.ctx = ctx;
	d.si = si;
	return dead_from_summary(&d, p);
}

const char *service_name_normalised(const char *s, char *buf, size_t cap)
{
	static const char cn[] = ".amazonaws.com.cn";
	size_t n = strlen(s), cl = sizeof(cn) - 1;

	if (n <= cl || !str_ieq_n(s + n - cl, cn, cl) || n - 3 + 1 > cap)
		return s;
	memcpy(buf, s, n - 3);
	buf[n - 3] = '\0';
	return buf;
}

const tl_condition *first_condition_on(const lint_ctx *ctx, size_t si, const char *key)
{
	size_t n;
	const size_t *on = tl_statement_conditions_on(ctx->policy, si, key, &n);

	return n ? &ctx->doc->statements[si].conditions[on[0]] : NULL;
}

bool value_has_wildcard(const char *v, size_t len, bool vars)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (vars && i + 3 < len && v[i] == '$' && v[i + 1] == '{' && v[i + 3] == '}' &&
		    (v[i + 2] == '*' || v[i + 2] == '?' || v[i + 2] == '$'))
			i += 3; /* ${*} ${?} ${$}: the escapes for literal * ? $ */
		else if (v[i] == '*' || v[i] == '?')
			return true;
	}
	return false;
}

const tl_principal *stmt_service_principal(const tl_statement *st, const char *name)
{
	size_t i;
	char buf[256];

	for (i = 0; i < st->n_principals; i++) {
		const tl_principal *p = &st->principals[i];
		if (p->type == TL_PRINCIPAL_SERVICE &&
		    strcmp(service_name_normalised(p->value.text, buf, sizeof(buf)), name) == 0)
			return p;
	}
	return NULL;
}
