/*
 * wildcard-principal.c - TL201: "*" (or {"AWS": "*"}) may assume the role
 * and no condition pins who.
 *
 * Peers flag every "*" and drown users in false positives (checkov#6839,
 * #7304) or skip any statement with any condition (cfripper).  Here the
 * engine decides: synthetic strangers (callers from an account and
 * organisation that are not the policy's) ask for the role, and the
 * statement is reported when the whole policy lets one in.  A stranger is
 * built from a fixed stranger identity and from each identity-key pattern
 * the policy writes, with its wildcards filled by stranger text
 * (aws:PrincipalAccount "1111*" admits account 111100000000; aws:userid
 * "*:alice" admits anyone's session named alice); and once more without
 * aws:PrincipalOrgID and aws:PrincipalOrgPaths, which a caller from an
 * account outside any organisation does not send, so IfExists, negated
 * operators and ForAllValues on them let it through.  The other identity
 * keys are in every AWS caller's request (IAM global condition keys page).
 *
 * The stranger controls everything but its identity, so the Allow
 * statement's conditions on other keys (sts:ExternalId, aws:SourceIp) are
 * taken as met, and a Deny statement counts only when every condition it
 * has is on an identity key (the data-perimeter Deny with
 * StringNotEquals aws:PrincipalOrgID): a Deny the stranger could dodge by
 * choosing another key's value protects nothing.  What passes is what
 * passed before: a positive, non-IfExists condition that pins the
 * organisation, account or exact ARN, in the Allow or in such a Deny.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

#define STRANGER "000000000000"
#define MAX_STRANGERS 64

/* One synthetic caller from outside: its identity keys, and why it is a stranger. */
typedef struct stranger {
	char account[13];
	char arn[600];
	char userid[300];
	char org[300];
	char orgpaths[600];
	char why[700];
} stranger;

typedef struct strangers {
	stranger items[MAX_STRANGERS];
	size_t n;
} strangers;

static const char *const identity_keys[] = {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                                            "aws:PrincipalAccount", "aws:PrincipalArn",
                                            "aws:userid", NULL};

static bool is_identity_key(const char *key)
{
	size_t i;

	for (i = 0; identity_keys[i]; i++)
		if (str_ieq(key, identity_keys[i]))
			return true;
	return false;
}

static bool has_wildcard(const char *s, size_t n)
{
	return memchr(s, '*', n) || memchr(s, '?', n);
}

/* s[0..n) with each '*' replaced by `star` and each '?' by `q`; false when too long. */
static bool fill(char *out, size_t cap, const char *s, size_t n, const char *star, char q)
{
	size_t i, k = 0, sl = strlen(star);

	for (i = 0; i < n; i++) {
		if (s[i] == '*') {
			if (k + sl >= cap)
				return false;
			memcpy(out + k, star, sl);
			k += sl;
		} else {
			if (k + 1 >= cap)
				return false;
			out[k++] = s[i] == '?' ? q : s[i];
		}
	}
	out[k] = '\0';
	return true;
}

/* An account pattern filled with zeros to 12 digits ("1111*" -> 111100000000). */
static bool fill_account(char out[13], const char *s, size_t n)
{
	size_t fixed = 0, i, k = 0;
	bool starred = false;

	for (i = 0; i < n; i++)
		fixed += s[i] != '*';
	if (fixed > 12)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] == '*') {
			size_t pad = starred ? 0 : 12 - fixed;
			starred = true;
			memset(out + k, '0', pad);
			k += pad;
		} else {
			out[k++] = s[i] == '?' ? '0' : s[i];
		}
	}
	out[k] = '\0';
	for (i = 0; i < k; i++)
		if (out[i] < '0' || out[i] > '9')
			return false;
	return k == 12;
}

static stranger *add(strangers *list, const char *account)
{
	stranger *s;

	if (list->n == MAX_STRANGERS)
		return NULL;
	s = &list->items[list->n++];
	snprintf(s->account, sizeof(s->account), "%s", account);
	snprintf(s->arn, sizeof(s->arn), "arn:aws:iam::%s:role/trustlint-probe", account);
	snprintf(s->userid, sizeof(s->userid), "AROATRUSTLINTPROBE0000:trustlint-probe");
	snprintf(s->org, sizeof(s->org), "o-trustlintprobe");
	snprintf(s->orgpaths, sizeof(s->orgpaths), "o-trustlintprobe/r-prob/ou-prob-trustlnt/");
	snprintf(s->why, sizeof(s->why), "a caller from another account and organisation");
	return s;
}

/* An aws:PrincipalArn pattern, field by field: wildcards filled with a
 * stranger's, an exact account moved to the stranger account. */
static void from_arn(strangers *list, const char *v)
{
	const char *f[6];
	size_t len[6], k = 0, i, start = 0, n = strlen(v);
	char account[13], resource[300], partition[32], service[32];
	stranger *s;

	for (i = 0; i < n && k < 5; i++)
		if (v[i] == ':') {
			f[k] = v + start;
			len[k++] = i - start;
			start = i + 1;
		}
	if (k < 5)
		return; /* the wildcard spans fields: the fixed stranger answers for it */
	f[5] = v + start;
	len[5] = n - start;
	if (has_wildcard(f[4], len[4])) {
		if (!fill_account(account, f[4], len[4]))
			return;
	} else {
		snprintf(account, sizeof(account), STRANGER);
	}
	if (!fill(partition, sizeof(partition), f[1], len[1], "aws", 'a') ||
	    !fill(service, sizeof(service), f[2], len[2], "iam", 'i') ||
	    !fill(resource, sizeof(resource), f[5], len[5], "trustlint-probe", 'p'))
		return;
	s = add(list, account);
	if (!s)
		return;
	snprintf(s->arn, sizeof(s->arn), "arn:%s:%s:%.*s:%s:%s", partition, service, (int)len[3], f[3],
	         account, resource);
	snprintf(s->why, sizeof(s->why), "%s, as aws:PrincipalArn \"%s\" %s", s->arn, v,
	         has_wildcard(f[4], len[4]) ? "matches it" : "names the same role in any account");
}

/* One pass over the identity conditions' values: those with a wildcard
 * (`wild`), or the others. */
static void collect_pass(const lint_ctx *ctx, strangers *list, bool wild)
{
	size_t i, j, k;

	for (i = 0; i < ctx->doc->n_statements && list->n < MAX_STRANGERS; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *c = &st->conditions[j];
			const char *key = c->key.text;
			for (k = 0; k < c->n_values; k++) {
				const char *v = c->values[k].text;
				size_t n = c->values[k].len;
				const char *colon, *slash;
				char acct[13];
				stranger *s;

				if (c->values[k].kind != TL_JSON_STRING || strstr(v, "${") ||
				    has_wildcard(v, n) != wild)
					continue;
				if (str_ieq(key, "aws:PrincipalArn")) {
					from_arn(list, v);
				} else if (str_ieq(key, "aws:PrincipalAccount") && has_wildcard(v, n)) {
					if (fill_account(acct, v, n) && (s = add(list, acct)))
						snprintf(s->why, sizeof(s->why),
						         "account %s, as aws:PrincipalAccount \"%s\" matches it", acct, v);
				} else if (str_ieq(key, "aws:userid")) {
					colon = strchr(v, ':');
					if (!has_wildcard(v, colon ? (size_t)(colon - v) : n) || !(s = add(list, STRANGER)))
						continue;
					if (!fill(s->userid, sizeof(s->userid), v, n, "AROATRUSTLINTPROBE0000", 'A'))
						list->n--;
					else
						snprintf(s->why, sizeof(s->why),
						         "a stranger's role session %s, as aws:userid \"%s\" matches it",
						         s->userid, v);
				} else if (str_ieq(key, "aws:PrincipalOrgID") && has_wildcard(v, n)) {
					if (!(s = add(list, STRANGER)))
						continue;
					if (!fill(s->org, sizeof(s->org), v, n, "trustlintprobe", 'p')) {
						list->n--; /* too long to be an organisation id */
						continue;
					}
					snprintf(s->orgpaths, sizeof(s->orgpaths), "%s/r-prob/ou-prob-trustlnt/", s->org);
					snprintf(s->why, sizeof(s->why),
					         "organisation %s, as aws:PrincipalOrgID \"%s\" matches it", s->org, v);
				} else if (str_ieq(key, "aws:PrincipalOrgPaths")) {
					slash = strchr(v, '/');
					if (!has_wildcard(v, slash ? (size_t)(slash - v) : n) || !(s = add(list, STRANGER)))
						continue;
					if (!fill(s->orgpaths, sizeof(s->orgpaths), v, n, "trustlintprobe", 'p')) {
						list->n--; /* too long to be an organisation path */
						continue;
					}
					slash = strchr(s->orgpaths, '/');
					snprintf(s->org, sizeof(s->org), "%.*s",
					         (int)(slash ? (size_t)(slash - s->orgpaths) : strlen(s->orgpaths)),
					         s->orgpaths);
					snprintf(s->why, sizeof(s->why),
					         "organisation path %s, as aws:PrincipalOrgPaths \"%s\" matches it",
					         s->orgpaths, v);
				}
			}
		}
	}
}

/*
 * The strangers to try: a fixed one, then one per identity pattern with a
 * wildcard (those can let one in), then the rest, up to MAX_STRANGERS, so
 * a long list of exact ARNs cannot push a wildcard one out of reach.
 */
static void collect(const lint_ctx *ctx, strangers *list)
{
	add(list, STRANGER);
	collect_pass(ctx, list, true);
	collect_pass(ctx, list, false);
}

/* The request stranger `s` sends for `action`, without identity key `omit` (or none). */
static bool build_request(tl_request *req, const stranger *s, const char *action, const char *omit)
{
	static const char *const keys[] = {"aws:PrincipalArn", "aws:PrincipalAccount", "aws:userid",
	                                   "aws:PrincipalOrgID", "aws:PrincipalOrgPaths"};
	const char *vals[5];
	size_t i;

	vals[0] = s->arn;
	vals[1] = s->account;
	vals[2] = s->userid;
	vals[3] = s->org;
	vals[4] = s->orgpaths;
	tl_request_reset(req);
	if (tl_request_set_principal(req, TL_PRINCIPAL_AWS, s->arn) != TL_OK ||
	    tl_request_set_action(req, action) != TL_OK)
		return false;
	for (i = 0; i < 5; i++)
		if ((!omit || !str_ieq(omit, keys[i])) &&
		    tl_request_add(req, keys[i], vals[i], strlen(vals[i])) != TL_OK)
			return false;
	return tl_request_derive(req) == TL_OK;
}

/* Does statement `si` let the decided request in, given a stranger meets its
 * conditions on other keys and dodges any Deny that is not on identity alone? */
static bool admitted(const lint_ctx *ctx, size_t si, const tl_trace *trace)
{
	const tl_statement *st = &ctx->doc->statements[si];
	size_t d, j;

	if (trace->stmt[si].principal == TL_MATCH_NONE || !trace->stmt[si].action)
		return false;
	for (j = 0; j < st->n_conditions; j++)
		if (is_identity_key(st->conditions[j].key.text) && !trace->stmt[si].cond[j].result)
			return false;
	for (d = 0; d < ctx->doc->n_statements; d++) {
		const tl_statement *ds = &ctx->doc->statements[d];
		bool identity_only = true;

		if (ds->effect != TL_EFFECT_DENY || !trace->stmt[d].applies)
			continue;
		for (j = 0; j < ds->n_conditions && identity_only; j++)
			identity_only = is_identity_key(ds->conditions[j].key.text);
		if (identity_only)
			return false;
	}
	return true;
}

static const char *stmt_action(const tl_statement *st)
{
	static const char *const actions[] = {"sts:AssumeRole", "sts:TagSession",
	                                      "sts:SetSourceIdentity", "sts:SetContext", NULL};
	size_t i;

	for (i = 0; actions[i]; i++)
		if (stmt_allows_action(st, actions[i]))
			return actions[i];
	return "sts:AssumeRole";
}

/* The first stranger the policy lets in through statement `si`, described into `why`. */
static bool stranger_gets_in(const lint_ctx *ctx, size_t si, const strangers *list,
                             tl_request *req, tl_trace *trace, char *why, size_t cap)
{
	const char *action = stmt_action(&ctx->doc->statements[si]);
	tl_result res;
	size_t i, k;

	for (i = 0; i < list->n; i++)
		for (k = 0; k <= 2; k++) {
			/* only the organisation keys can be missing: a caller whose account
			 * is in no organisation sends neither (global condition keys page) */
			const char *omit = k ? identity_keys[k - 1] : NULL;
			if (!build_request(req, &list->items[i], action, omit) ||
			    tl_eval(ctx->policy, req, trace, &res) != TL_OK || !admitted(ctx, si, trace))
				continue;
			if (omit)
				snprintf(why, cap, "a caller without %s", omit);
			else
				snprintf(why, cap, "%s", list->items[i].why);
			return true;
		}
	return false;
}

static void report_service_or_federated(lint_ctx *ctx, const tl_principal *p)
{
	lint_report(ctx, &p->value.loc, NULL, "{\"%s\": \"*\"} lets any %s assume this role",
	            tl_principal_type_name(p->type),
	            p->type == TL_PRINCIPAL_SERVICE ? "AWS service, acting for any customer,"
	                                            : "identity provider's users");
}

static void check(lint_ctx *ctx)
{
	strangers *list = NULL;
	tl_request *req = NULL;
	tl_trace *trace = NULL;
	size_t i, j;

	if (!ctx->doc || !ctx->policy)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		char why[800];

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal)
			continue;
		for (j = 0; j < st->n_principals; j++) {
			const tl_principal *p = &st->principals[j];
			if (p->form != TL_FORM_WILDCARD)
				continue;
			if (p->type == TL_PRINCIPAL_SERVICE || p->type == TL_PRINCIPAL_FEDERATED) {
				report_service_or_federated(ctx, p);
				continue;
			}
			if (!list) {
				list = calloc(1, sizeof(*list));
				req = tl_request_new();
				trace = tl_trace_new(ctx->policy);
				if (!list || !req || !trace) {
					ctx->out_of_memory = true;
					goto done;
				}
				collect(ctx, list);
			}
			if (!stranger_gets_in(ctx, i, list, req, trace, why, sizeof(why)))
				continue;
			lint_report(ctx, &p->value.loc,
			            "add a positive condition that pins the caller, e.g. \"StringEquals\": "
			            "{\"aws:PrincipalOrgID\": \"o-yourorg\"} or \"ArnEquals\": "
			            "{\"aws:PrincipalArn\": \"arn:aws:iam::ACCOUNT:role/NAME\"}",
			            "principal \"*\" lets any AWS account assume this role: no positive, "
			            "non-IfExists condition pins aws:PrincipalOrgID, aws:PrincipalAccount or "
			            "aws:PrincipalArn, and no Deny refuses strangers (let in: %s)",
			            why);
		}
	}
done:
	free(list);
	tl_request_free(req);
	tl_trace_free(trace);
}

const rule_def rule_wildcard_principal = {
	.code = 201,
	.name = "wildcard-principal",
	.severity = LINT_ERROR,
	.summary = "\"*\" may assume the role and no condition pins the organisation, account or ARN",
	.rationale = "{\"AWS\": \"*\"} means every principal of every AWS account; role names are "
	             "guessable, so anyone can assume it (Rhino Security Labs, \"Assume the worst\"). "
	             "It is safe only with a positive condition that pins who: aws:PrincipalOrgID, "
	             "aws:PrincipalAccount or aws:PrincipalArn. IfExists, negated operators and "
	             "ForAllValues do not pin anything, since a caller that omits the key passes "
	             "(IAM condition operators page).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": "
	       "{\"StringEqualsIfExists\": {\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\": "
	        "{\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"}}}]}",
	.fix = "Name the principals, or keep \"*\" with a positive condition on aws:PrincipalOrgID, "
	       "aws:PrincipalAccount or aws:PrincipalArn.",
	.check = check,
};
