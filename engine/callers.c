/*
 * callers.c - the requests that the usual callers send, in one place.
 *
 * Sources: EKS IRSA (associate-service-account-role: sub
 * system:serviceaccount:NS:SA, aud sts.amazonaws.com), EKS Pod Identity
 * (pod-id-role / pod-id-abac: Service pods.eks.amazonaws.com, AssumeRole +
 * TagSession, six session tags as aws:RequestTag/..., aws:TagKeys,
 * aws:SourceAccount), GitHub OIDC reference (sub repo:OWNER/REPO:...,
 * aud sts.amazonaws.com; the 2026 STS claim keys), GitLab and HCP
 * Terraform docs, SAML relying party (saml:aud). SEMANTICS.md 4.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "policy.h"
#include "request.h"
#include "values.h"

/* The account of a role whose account nothing tells (a lone policy that
 * names no identity provider): a caller's provider there is one that no
 * statement names. */
#define PLACEHOLDER_ACCOUNT "000000000000"

const char *const tl_caller_kinds[] = {"irsa",   "pod-identity", "github", "gitlab",
                                       "terraform", "role",     "user",   "account",
                                       "service", "saml",        NULL};

typedef struct call {
	tl_request *req;
	const tl_policy *policy;
	const char *const *args;
	size_t n;
	tl_caller_actions *actions;
	tl_error *err;
} call;

static tl_status bad(call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static tl_status bad(call *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tl__error_set(c->err, TL_EARG, NULL, "%s", msg);
	return TL_EARG;
}

/* Format into a fixed buffer.  An argument too long for it is an error,
 * never a cut value: a cut sub would be some other caller's. */
static bool compose(call *c, char *out, size_t cap, const char *f, ...)
	__attribute__((format(printf, 4, 5)));
static bool compose(call *c, char *out, size_t cap, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprintf(out, cap, f, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < cap)
		return true;
	bad(c, "a caller argument is too long (what it makes must fit in %zu bytes)", cap - 1);
	return false;
}

static tl_status set(call *c, const char *key, const char *value)
{
	return tl_request_add(c->req, key, value, strlen(value));
}

/* The provider of the policy for the issuer `host` (host plus any path,
 * without https://; an issuer path beneath it counts, as GitHub's
 * enterprise issuer token.actions.githubusercontent.com/SLUG), or with
 * `id` the EKS provider whose path ends in /id/ID.  The policy supplies
 * only what the args leave out (the account), never another issuer, so
 * "gitlab.com" is not "mygitlab.com" and one cluster id is not a longer
 * one. */
static const char *policy_provider(const tl_policy *p, const char *host, const char *id)
{
	size_t i, j;

	if (!p)
		return NULL;
	for (i = 0; i < p->doc.n_statements; i++)
		for (j = 0; j < p->doc.statements[i].n_principals; j++) {
			const tl_principal *pr = &p->doc.statements[i].principals[j];
			const char *h;
			size_t hl, n;

			if (pr->type != TL_PRINCIPAL_FEDERATED || pr->form != TL_FORM_OIDC_PROVIDER ||
			    !(h = strstr(pr->value.text, ":oidc-provider/")))
				continue;
			h += strlen(":oidc-provider/");
			hl = strlen(h);
			if (id) {
				n = strlen(id);
				if (hl >= n + 4 && strcmp(h + hl - n, id) == 0 &&
				    strncmp(h + hl - n - 4, "/id/", 4) == 0)
					return pr->value.text;
			} else {
				n = strlen(host);
				if (n && strncmp(h, host, n) == 0 && (h[n] == '\0' || h[n] == '/'))
					return pr->value.text;
			}
		}
	return NULL;
}

/* The account and partition of the role, as far as the policy tells: an
 * IAM identity provider lives in the account of the roles that trust it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html),
 * so any provider ARN the policy names gives it.  Else a placeholder. */
static void role_account(const tl_policy *p, char *account, char *partition, size_t pcap)
{
	size_t i, j;

	snprintf(account, 13, "%s", PLACEHOLDER_ACCOUNT);
	snprintf(partition, pcap, "aws");
	for (i = 0; p && i < p->doc.n_statements; i++)
		for (j = 0; j < p->doc.statements[i].n_principals; j++) {
			const tl_principal *pr = &p->doc.statements[i].principals[j];
			tl__arn arn;

			if (pr->type != TL_PRINCIPAL_FEDERATED || !pr->account[0] ||
			    (pr->form != TL_FORM_OIDC_PROVIDER && pr->form != TL_FORM_SAML_PROVIDER) ||
			    !tl__arn_split(pr->value.text, pr->value.len, &arn) || arn.len[1] >= pcap)
				continue;
			memcpy(account, pr->account, 13);
			snprintf(partition, pcap, "%.*s", (int)arn.len[1], arn.part[1]);
			return;
		}
}

/* The provider ARN for `host`: the policy's own, else the standard one in
 * the role's account.  A policy that names no provider for the issuer
 * then denies the caller, as STS would: "no repository of GitHub may
 * assume this role" is a sentence worth pinning for any role. */
static tl_status provider_arn(call *c, const char *host, char *out, size_t cap)
{
	const char *found;
	char account[13], partition[32];

	if (strncmp(host, "arn:", 4) == 0)
		return compose(c, out, cap, "%s", host) ? TL_OK : TL_EARG;
	found = policy_provider(c->policy, host, NULL);
	if (found)
		return compose(c, out, cap, "%s", found) ? TL_OK : TL_EARG;
	if (!*host || strchr(host, ':') || strpbrk(host, " \t"))
		return bad(c, "\"%s\" is not an issuer host (such as %s)", host,
		           "token.actions.githubusercontent.com");
	role_account(c->policy, account, partition, sizeof(partition));
	return compose(c, out, cap, "arn:%s:iam::%s:oidc-provider/%s", partition, account, host)
	           ? TL_OK
	           : TL_EARG;
}

static tl_status oidc(call *c, const char *arn, const char *sub, const char *aud)
{
	const char *host = strstr(arn, ":oidc-provider/");
	char key[600];
	tl_status st;

	if (!host)
		return bad(c, "\"%s\" is not an OIDC provider ARN", arn);
	host += strlen(":oidc-provider/");
	st = tl_request_set_principal(c->req, TL_PRINCIPAL_FEDERATED, arn);
	if (st == TL_OK)
		st = compose(c, key, sizeof(key), "%s:sub", host) ? set(c, key, sub) : TL_EARG;
	if (st == TL_OK)
		st = compose(c, key, sizeof(key), "%s:aud", host) ? set(c, key, aud) : TL_EARG;
	c->actions->action[0] = "sts:AssumeRoleWithWebIdentity";
	c->actions->n = 1;
	return st;
}

static tl_status irsa(call *c)
{
	char arn[600], sub[600];
	const char *who = c->args[0];
	size_t i, len = strlen(who);
	bool bare_id = len >= 16;

	if (c->n != 3)
		return bad(c, "%s", "usage: irsa ISSUER-OR-PROVIDER-ARN-OR-CLUSTER-ID NAMESPACE SERVICE-ACCOUNT");
	for (i = 0; i < len; i++)
		if (!((who[i] >= '0' && who[i] <= '9') || (who[i] >= 'A' && who[i] <= 'F')))
			bare_id = false;
	if (strncmp(who, "https://", 8) == 0)
		who += 8;
	if (bare_id) {
		const char *found = policy_provider(c->policy, NULL, who);
		if (!found)
			return bad(c, "no EKS OIDC provider with id %s in the policy: give the issuer host", who);
		if (!compose(c, arn, sizeof(arn), "%s", found))
			return TL_EARG;
	} else if (provider_arn(c, who, arn, sizeof(arn)) != TL_OK) {
		return TL_EARG;
	}
	if (!compose(c, sub, sizeof(sub), "system:serviceaccount:%s:%s", c->args[1], c->args[2]))
		return TL_EARG;
	return oidc(c, arn, sub, "sts.amazonaws.com");
}

static tl_status pod_identity(call *c)
{
	static const char *const tags[] = {"eks-cluster-arn", "eks-cluster-name",
	                                   "kubernetes-namespace", "kubernetes-service-account",
	                                   "kubernetes-pod-name", "kubernetes-pod-uid"};
	const char *cluster, *name, *values[6];
	char account[13], pod[300], key[100];
	tl__arn arn;
	tl_status st;
	size_t i;

	if (c->n != 3)
		return bad(c, "%s", "usage: pod-identity CLUSTER-ARN NAMESPACE SERVICE-ACCOUNT");
	cluster = c->args[0];
	if (!tl__arn_split(cluster, strlen(cluster), &arn) || arn.len[4] != 12 ||
	    strncmp(arn.part[5], "cluster/", 8) != 0)
		return bad(c, "\"%s\" is not an EKS cluster ARN (arn:aws:eks:REGION:ACCOUNT:cluster/NAME)",
		           cluster);
	memcpy(account, arn.part[4], 12);
	account[12] = '\0';
	name = arn.part[5] + 8;
	if (!compose(c, pod, sizeof(pod), "%s-pod", c->args[2]))
		return TL_EARG;
	values[0] = cluster;
	values[1] = name;
	values[2] = c->args[1];
	values[3] = c->args[2];
	values[4] = pod;
	values[5] = "00000000-0000-0000-0000-000000000000";
	st = tl_request_set_principal(c->req, TL_PRINCIPAL_SERVICE, "pods.eks.amazonaws.com");
	for (i = 0; i < 6 && st == TL_OK; i++) {
		snprintf(key, sizeof(key), "aws:RequestTag/%s", tags[i]);
		st = set(c, key, values[i]);
		if (st == TL_OK)
			st = set(c, "aws:TagKeys", tags[i]);
	}
	if (st == TL_OK)
		st = set(c, "aws:SourceAccount", account);
	c->actions->action[0] = "sts:AssumeRole";
	c->actions->action[1] = "sts:TagSession";
	c->actions->n = 2;
	return st;
}

static tl_status github(call *c)
{
	static const char host[] = "token.actions.githubusercontent.com";
	const char *ref = c->n > 1 ? c->args[1] : "refs/heads/main";
	char arn[600], sub[700], key[700];
	const char *prefix;
	tl_status st;
	bool ok;

	if (c->n < 1 || c->n > 2 || !strchr(c->args[0], '/'))
		return bad(c, "%s", "usage: github OWNER/REPO [refs/heads/BRANCH | refs/tags/TAG | environment:ENV | pull_request]");
	if (provider_arn(c, host, arn, sizeof(arn)) != TL_OK)
		return TL_EARG;
	/* claim keys are named after the issuer, path included (SEMANTICS.md 4.4) */
	prefix = strstr(arn, ":oidc-provider/");
	prefix = prefix ? prefix + strlen(":oidc-provider/") : host;
	if (strncmp(ref, "environment:", 12) == 0 || strcmp(ref, "pull_request") == 0)
		ok = compose(c, sub, sizeof(sub), "repo:%s:%s", c->args[0], ref);
	else if (strncmp(ref, "refs/", 5) == 0)
		ok = compose(c, sub, sizeof(sub), "repo:%s:ref:%s", c->args[0], ref);
	else
		ok = compose(c, sub, sizeof(sub), "repo:%s:ref:refs/heads/%s", c->args[0], ref);
	if (!ok)
		return TL_EARG;
	st = oidc(c, arn, sub, "sts.amazonaws.com");
	/* the 2026 STS provider claims (SEMANTICS.md 4.4) */
	if (st == TL_OK)
		st = compose(c, key, sizeof(key), "%s:repository", prefix) ? set(c, key, c->args[0])
		                                                           : TL_EARG;
	if (st == TL_OK && strncmp(ref, "environment:", 12) == 0)
		st = compose(c, key, sizeof(key), "%s:environment", prefix) ? set(c, key, ref + 12)
		                                                            : TL_EARG;
	else if (st == TL_OK && strncmp(sub + strlen(c->args[0]) + 5, ":ref:", 5) == 0)
		st = compose(c, key, sizeof(key), "%s:ref", prefix)
		         ? set(c, key, sub + strlen(c->args[0]) + 10)
		         : TL_EARG;
	return st;
}

static tl_status gitlab(call *c)
{
	char arn[600], sub[700];

	if (c->n < 1 || c->n > 2)
		return bad(c, "%s", "usage: gitlab GROUP/PROJECT [BRANCH]");
	if (provider_arn(c, "gitlab.com", arn, sizeof(arn)) != TL_OK)
		return TL_EARG;
	if (!compose(c, sub, sizeof(sub), "project_path:%s:ref_type:branch:ref:%s", c->args[0],
	             c->n > 1 ? c->args[1] : "main"))
		return TL_EARG;
	return oidc(c, arn, sub, "https://gitlab.com");
}

static tl_status terraform(call *c)
{
	char arn[600], sub[900];

	if (c->n < 3 || c->n > 4)
		return bad(c, "%s", "usage: terraform ORGANIZATION PROJECT WORKSPACE [plan|apply]");
	if (provider_arn(c, "app.terraform.io", arn, sizeof(arn)) != TL_OK)
		return TL_EARG;
	if (!compose(c, sub, sizeof(sub), "organization:%s:project:%s:workspace:%s:run_phase:%s",
	             c->args[0], c->args[1], c->args[2], c->n > 3 ? c->args[3] : "apply"))
		return TL_EARG;
	return oidc(c, arn, sub, "aws.workload.identity");
}

/* A role caller is a session of the role; aws:PrincipalArn keeps the path. */
static tl_status role(call *c)
{
	tl__arn arn;
	const char *name, *slash;
	char session[700];
	tl_status st;

	if (c->n != 1 || !tl__arn_split(c->args[0], strlen(c->args[0]), &arn) ||
	    strncmp(arn.part[5], "role/", 5) != 0 || arn.len[4] != 12)
		return bad(c, "%s", "usage: role arn:aws:iam::ACCOUNT:role/[PATH/]NAME");
	name = arn.part[5] + 5;
	while ((slash = strchr(name, '/')))
		name = slash + 1;
	if (!compose(c, session, sizeof(session), "arn:%.*s:sts::%.*s:assumed-role/%s/trustlint",
	             (int)arn.len[1], arn.part[1], 12, arn.part[4], name))
		return TL_EARG;
	st = tl_request_set_principal(c->req, TL_PRINCIPAL_AWS, session);
	if (st == TL_OK)
		st = set(c, "aws:PrincipalArn", c->args[0]);
	c->actions->action[0] = "sts:AssumeRole";
	c->actions->n = 1;
	return st;
}

static tl_status simple(call *c, tl_principal_type type, const char *action, const char *usage)
{
	if (c->n != 1)
		return bad(c, "%s", usage);
	c->actions->action[0] = action;
	c->actions->n = 1;
	return tl_request_set_principal(c->req, type, c->args[0]);
}

/* arn:PARTITION:SERVICE::ACCOUNT:RESOURCE-PREFIX... with a 12-digit
 * account and something after the prefix (or exactly `prefix` when it
 * does not end in '/'). */
/* An IAM ARN (no region, a 12-digit account) whose resource is `prefix`
 * exactly, or starts with it when it ends in "/" (and names something). */
static bool iam_arn(const char *s, const char *prefix)
{
	size_t pl = strlen(prefix);
	tl__arn arn;

	if (!tl__arn_split(s, strlen(s), &arn) || arn.len[1] == 0 ||
	    arn.len[2] != 3 || strncmp(arn.part[2], "iam", 3) != 0 ||
	    arn.len[3] != 0 || !tl__account_id(arn.part[4], arn.len[4]))
		return false;
	if (prefix[pl - 1] != '/')
		return arn.len[5] == pl && strncmp(arn.part[5], prefix, pl) == 0;
	return arn.len[5] > pl && strncmp(arn.part[5], prefix, pl) == 0 &&
	       arn.part[5][arn.len[5] - 1] != '/';
}

/* A service principal name as services send it: lower case, NAME then a
 * partition's service domain (name.amazonaws.com; .amazonaws.com.cn in
 * China; .c2s.ic.gov and .sc2s.sgov.gov in the ISO partitions; a few
 * older services use .amazon.com).  "ec2" alone is no caller: a deny
 * expectation for it would pass for nothing.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services */
static bool service_name(const char *s)
{
	static const char *const domains[] = {".amazonaws.com", ".amazonaws.com.cn", ".amazon.com",
	                                      ".c2s.ic.gov", ".sc2s.sgov.gov"};
	size_t len = strlen(s), i, dl;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '.'))
			return false;
	for (i = 0; i < sizeof(domains) / sizeof(*domains); i++) {
		dl = strlen(domains[i]);
		if (len > dl && strcmp(s + len - dl, domains[i]) == 0 && s[len - dl - 1] != '.')
			return true;
	}
	return false;
}

static tl_status account(call *c)
{
	static const char usage[] = "usage: account ACCOUNT-ID (12 digits, or arn:aws:iam::ACCOUNT:root)";

	if (c->n != 1)
		return bad(c, "%s", usage);
	if (!tl__account_id(c->args[0], strlen(c->args[0])) && !iam_arn(c->args[0], "root"))
		return bad(c, "\"%s\" is not an account id (12 digits, or arn:aws:iam::ACCOUNT:root)",
		           c->args[0]);
	return simple(c, TL_PRINCIPAL_AWS, "sts:AssumeRole", usage);
}

static tl_status user(call *c)
{
	static const char usage[] = "usage: user arn:aws:iam::ACCOUNT:user/[PATH/]NAME";

	if (c->n != 1)
		return bad(c, "%s", usage);
	if (!iam_arn(c->args[0], "user/"))
		return bad(c, "\"%s\" is not an IAM user ARN (arn:aws:iam::ACCOUNT:user/[PATH/]NAME)",
		           c->args[0]);
	return simple(c, TL_PRINCIPAL_AWS, "sts:AssumeRole", usage);
}

static tl_status service(call *c)
{
	static const char usage[] = "usage: service NAME.amazonaws.com";

	if (c->n != 1)
		return bad(c, "%s", usage);
	if (!service_name(c->args[0]))
		return bad(c, "\"%s\" is not a service principal name (such as ec2.amazonaws.com)",
		           c->args[0]);
	return simple(c, TL_PRINCIPAL_SERVICE, "sts:AssumeRole", usage);
}

static tl_status saml(call *c)
{
	static const char usage[] = "usage: saml arn:aws:iam::ACCOUNT:saml-provider/NAME";
	tl_status st;

	if (c->n != 1)
		return bad(c, "%s", usage);
	if (!iam_arn(c->args[0], "saml-provider/"))
		return bad(c, "\"%s\" is not a SAML provider ARN (arn:aws:iam::ACCOUNT:saml-provider/NAME)",
		           c->args[0]);
	st = simple(c, TL_PRINCIPAL_FEDERATED, "sts:AssumeRoleWithSAML", usage);
	return st == TL_OK ? set(c, "saml:aud", "https://signin.aws.amazon.com/saml") : st;
}

tl_status tl_request_caller(tl_request *req, const tl_policy *policy, const char *kind,
                            const char *const *args, size_t n_args, tl_caller_actions *actions,
                            tl_error *err)
{
	call c = {req, policy, args, n_args, actions, err};
	tl_status st;

	tl_request_reset(req);
	memset(actions, 0, sizeof(*actions));
	if (strcmp(kind, "irsa") == 0)
		st = n_args ? irsa(&c) : bad(&c, "%s", "usage: irsa ISSUER NAMESPACE SERVICE-ACCOUNT");
	else if (strcmp(kind, "pod-identity") == 0)
		st = pod_identity(&c);
	else if (strcmp(kind, "github") == 0)
		st = github(&c);
	else if (strcmp(kind, "gitlab") == 0)
		st = gitlab(&c);
	else if (strcmp(kind, "terraform") == 0)
		st = terraform(&c);
	else if (strcmp(kind, "role") == 0)
		st = role(&c);
	else if (strcmp(kind, "user") == 0)
		st = user(&c);
	else if (strcmp(kind, "account") == 0)
		st = account(&c);
	else if (strcmp(kind, "service") == 0)
		st = service(&c);
	else if (strcmp(kind, "saml") == 0)
		st = saml(&c);
	else
		st = bad(&c, "unknown caller kind \"%s\" (irsa, pod-identity, github, gitlab, terraform, "
		             "role, user, account, service, saml)", kind);
	if (st == TL_OK && actions->n)
		st = tl_request_set_action(req, actions->action[0]);
	if (st == TL_OK)
		st = tl_request_derive(req);
	if (st == TL_ENOMEM)
		tl__error_set(err, st, NULL, "out of memory");
	return st;
}
