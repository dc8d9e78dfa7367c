/*
 * service-confused-deputy.c - TL501: an AWS service may assume the role
 * and no condition pins the account, resource or organisation it acts
 * for (aws:SourceAccount, aws:SourceArn, aws:SourceOrgID,
 * aws:SourceOrgPaths; or sts:ExternalId, which Firehose sets to the
 * customer's account id).
 *
 * A service that acts for many customers can be pointed at your role ARN
 * by another customer and assume it on their behalf: the cross-service
 * confused deputy (IAM user guide, "The confused deputy problem"; Access
 * Analyzer "Restrict access to service principal"; prowler, boogy).
 * Services that only act for resources in the role's own account (ec2,
 * lambda, ecs-tasks...) are exempt: flagging them was prowler's most
 * reported false positive (#2810, #2314), as was flagging roles that had
 * aws:SourceArn (#2792).  Here a key counts when, by the evaluator's own
 * condition logic, a request without it is refused and so is one from a
 * stranger account (so IfExists, negated operators, ForAllValues and
 * "arn:aws:*" do not count).  Which services send the keys comes from
 * tables.c: a warning for those documented to send them, a note for
 * services not in the table.  pods.eks.amazonaws.com is TL503's.  A
 * statement that can never apply (a condition on a key the service never
 * sends, such as a misspelt aws:SourceAcount, under a positive operator:
 * dead_condition in tables.c) lets no customer in and is TL404's finding,
 * not this rule's.  China-partition names (SERVICE.amazonaws.com.cn) are
 * looked up as SERVICE.amazonaws.com.
 */
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "tables.h"

static bool key_is_source_arn(const char *k)
{
	static const char want[] = "aws:sourcearn";
	size_t i;

	for (i = 0; want[i]; i++)
		if ((k[i] >= 'A' && k[i] <= 'Z' ? k[i] + 32 : k[i]) != want[i])
			return false;
	return k[i] == '\0';
}

typedef struct source_key {
	const char *key;
	const char *probes[2]; /* values from a stranger; NULL-padded */
	bool arn;              /* also move each listed ARN to a stranger account */
} source_key;

static const source_key source_keys[] = {
	{"aws:SourceAccount", {"000000000000", NULL}, false},
	{"aws:SourceArn",
	 {"arn:aws:sns:us-east-1:000000000000:trustlint-probe",
	  "arn:aws:s3:::trustlint-probe-bucket"},
	 true},
	{"aws:SourceOrgID", {"o-trustlintprobe", NULL}, false},
	{"aws:SourceOrgPaths", {"o-trustlintprobe/r-prob/ou-prob-trustlnt/", NULL}, false},
	/* Firehose sends the customer's account id as the external id (CloudWatch
	 * Logs user guide, "Create a Firehose delivery stream") */
	{"sts:ExternalId", {"000000000000", "trustlint-probe-external-id"}, false},
};

/* Is the request refused when `sk` is absent and when it names a stranger? */
static bool pins(const lint_ctx *ctx, size_t si, const source_key *sk)
{
	size_t k;

	if (tl_statement_admits(ctx->policy, si, sk->key, NULL, 0, false))
		return false;
	for (k = 0; k < 2 && sk->probes[k]; k++) {
		const char *one[1] = {sk->probes[k]};
		if (tl_statement_admits(ctx->policy, si, sk->key, one, 1, true))
			return false;
	}
	return true;
}

/*
 * Each ARN an aws:SourceArn condition lists, moved to a stranger account
 * ("arn:aws:sns:*:*:alerts" becomes "arn:aws:sns:*:000000000000:alerts"):
 * a pattern that still matches does not pin the account.  ARNs without an
 * account field (S3 buckets) are left alone: bucket names are global.
 */
static bool arn_pins_account(const lint_ctx *ctx, size_t si)
{
	const tl_statement *st = &ctx->doc->statements[si];
	char probe[600];
	const char *one[1] = {probe};
	size_t j, k;

	for (j = 0; j < st->n_conditions; j++) {
		const tl_condition *c = &st->conditions[j];

		if (!key_is_source_arn(c->key.text))
			continue;
		for (k = 0; k < c->n_values; k++) {
			const char *v = c->values[k].text, *p = v, *after;
			int colons = 0;

			while (*p && colons < 4)
				colons += *p++ == ':';
			after = colons == 4 ? strchr(p, ':') : NULL;
			if (!after || after == p)
				continue;
			snprintf(probe, sizeof(probe), "%.*s000000000000%s", (int)(p - v), v,
			         after);
			if (tl_statement_admits(ctx->policy, si, c->key.text, one, 1, true))
				return false;
		}
	}
	return true;
}

static bool source_bound(const lint_ctx *ctx, size_t si)
{
	size_t k;

	for (k = 0; k < sizeof(source_keys) / sizeof(*source_keys); k++) {
		if (!pins(ctx, si, &source_keys[k]))
			continue;
		if (!source_keys[k].arn || arn_pins_account(ctx, si))
			return true;
	}
	return false;
}

static const char *const fix_text =
	"add \"StringEquals\": {\"aws:SourceAccount\": \"YOUR-ACCOUNT-ID\"} or \"ArnLike\": "
	"{\"aws:SourceArn\": \"arn:aws:SERVICE:REGION:YOUR-ACCOUNT-ID:RESOURCE\"}";

static void report(lint_ctx *ctx, const tl_statement *st, const tl_principal *p, service_deputy d)
{
	bool mentioned = false;
	size_t k;

	for (k = 0; k < sizeof(source_keys) / sizeof(*source_keys); k++)
		mentioned = mentioned || stmt_mentions_key(st, source_keys[k].key);
	if (d == DEPUTY_SENDS)
		lint_report(ctx, &p->value.loc, fix_text,
		            "service principal \"%s\" may assume this role for any AWS customer: "
		            "%s, so another customer can point the service at this role's ARN "
		            "(confused deputy)",
		            p->value.text,
		            mentioned ? "its source conditions (aws:SourceAccount, aws:SourceArn, "
		                        "aws:SourceOrgID, sts:ExternalId) admit a request without "
		                        "the key or from another account"
		                      : "no aws:SourceAccount, aws:SourceArn or aws:SourceOrgID "
		                        "condition pins the account it acts for");
	else
		lint_report_sev(ctx, LINT_NOTE, &p->value.loc, fix_text,
		                "service principal \"%s\" may assume this role with no "
		                "aws:SourceAccount or aws:SourceArn bound: if the service acts for "
		                "other customers, one of them can point it at this role (confused "
		                "deputy); trustlint does not know whether it sends these keys",
		                p->value.text);
}

static void check(lint_ctx *ctx)
{
	size_t i, j;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		bool bound = false, decided = false;
		int dead = -1; /* the same for every service principal: asked once */

		if (st->effect != TL_EFFECT_ALLOW || st->not_principal ||
		    !stmt_allows_action(st, "sts:AssumeRole"))
			continue;
		for (j = 0; j < st->n_principals; j++) {
			const tl_principal *p = &st->principals[j];
			service_deputy d;

			if (p->type != TL_PRINCIPAL_SERVICE || p->form != TL_FORM_SERVICE)
				continue; /* Pod Identity is exempt in the table: TL503 scopes it */
			d = service_deputy_of(p->value.text);
			if (d == DEPUTY_EXEMPT)
				continue;
			if (dead < 0)
				dead = dead_condition(ctx, i, p) != NULL;
			if (dead)
				continue; /* a statement that never applies opens nothing */
			if (!decided) {
				bound = source_bound(ctx, i);
				decided = true;
			}
			if (!bound)
				report(ctx, st, p, d);
		}
	}
}

const rule_def rule_service_confused_deputy = {
	.code = 501,
	.name = "service-confused-deputy",
	.severity = LINT_WARNING,
	.summary = "an AWS service may assume the role with no aws:SourceAccount, aws:SourceArn or "
	           "aws:SourceOrgID bound",
	.rationale = "A service that acts for many customers can be pointed at your role's ARN by "
	             "another customer and assume it for them (IAM user guide, \"The confused "
	             "deputy problem\"; Access Analyzer \"Restrict access to service principal\"). "
	             "aws:SourceAccount or aws:SourceArn pins the account or resource it acts for. "
	             "Compute services that act only in the role's own account (ec2, lambda, "
	             "ecs-tasks) are exempt: peers that flag them, or roles that already have "
	             "aws:SourceArn, drown users in false positives (prowler#2810, #2314, #2792).",
	.bad = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	       "\"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Action\": "
	       "\"sts:AssumeRole\"}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
	        "\"Principal\": {\"Service\": \"sns.amazonaws.com\"}, \"Action\": "
	        "\"sts:AssumeRole\", \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": "
	        "\"111122223333\"}}}]}",
	.fix = "Add a positive condition on aws:SourceAccount (your account) or aws:SourceArn (the "
	       "resource the service acts for), or aws:SourceOrgID for an organisation-wide role.",
	.check = check,
};
