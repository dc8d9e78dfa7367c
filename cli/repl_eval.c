/*
 * repl_eval.c - the simulate REPL's decisions: `eval` in one line per
 * action, `explain` through explain_text, and expectations on the last
 * decision.  A caller with several actions (Pod Identity: AssumeRole and
 * TagSession) is allowed only when every action is.
 */
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "explain.h"
#include "repl_session.h"

#define CHECK "\xe2\x9c\x93" /* U+2713 */
#define CROSS "\xe2\x9c\x97" /* U+2717 */

const char *const repl_expect_words[] = {"allow", "deny", "explicit-deny", "implicit-deny", NULL};

/* Colour only on a terminal (s->colour): transcripts compare plain text. */
static void print_decision(const repl_session *s, tl_decision d)
{
	const char *on = d == TL_ALLOW ? "\033[1;32m" : "\033[1;31m";

	printf("%s%s%s", s->colour ? on : "", tl_decision_name(d), s->colour ? "\033[0m" : "");
}

/* A value as the one-line form shows it: bare, but "" stays visible. */
static void bare(const char *v)
{
	fputs(*v ? v : "\"\"", stdout);
}

/* The OIDC provider host of a Federated caller, for shortening its claim
 * keys (oidc.eks.../id/X:sub reads as sub); NULL for other callers. */
static const char *caller_host(const tl_request *req, size_t *len)
{
	const char *id = tl_request_principal_id(req), *host;

	if (tl_request_principal_type(req) != TL_PRINCIPAL_FEDERATED || !id)
		return NULL;
	host = strstr(id, ":oidc-provider/");
	if (!host)
		return NULL;
	host += strlen(":oidc-provider/");
	*len = strlen(host);
	return *len ? host : NULL;
}

static const char *short_key(const tl_request *req, const char *key)
{
	size_t len;
	const char *host = caller_host(req, &len);

	if (host && strncasecmp(key, host, len) == 0 && key[len] == ':' && key[len + 1])
		return key + len + 1;
	return key;
}

/* What the request holds for a condition's key, when that explains it. */
static void request_side(const tl_request *req, const tl_cond_trace *ct)
{
	size_t n, i, len;

	if (ct->key_index < 0) {
		fputs(" (absent)", stdout);
		return;
	}
	tl_request_key(req, (size_t)ct->key_index, &n, NULL);
	if (n == 0) {
		fputs(" (present, no values)", stdout);
		return;
	}
	fputs(" (request ", stdout);
	if (n > 1)
		fputc('[', stdout);
	for (i = 0; i < n; i++) {
		fputs(i ? ", " : "", stdout);
		bare(tl_request_value(req, (size_t)ct->key_index, i, &len));
	}
	fputs(n > 1 ? "])" : ")", stdout);
}

/* "; KEY OP VALUE" and a check or cross: the deciding policy value when there is one, else
 * all; the request side when the result needs it to make sense. */
static void condition_part(const tl_condition *c, const tl_cond_trace *ct, const tl_request *req)
{
	size_t i;

	printf("; %s %s ", short_key(req, c->key.text), c->operator_text.text);
	if (ct->policy_value >= 0 && (size_t)ct->policy_value < c->n_values) {
		bare(c->values[ct->policy_value].text);
	} else {
		if (c->n_values != 1)
			fputc('[', stdout);
		for (i = 0; i < c->n_values; i++) {
			fputs(i ? ", " : "", stdout);
			bare(c->values[i].text);
		}
		if (c->n_values != 1)
			fputc(']', stdout);
	}
	fputs(ct->result ? " " CHECK : " " CROSS, stdout);
	if (!ct->result || ct->reason == TL_REASON_ABSENT ||
	    ct->reason == TL_REASON_ABSENT_IFEXISTS || ct->reason == TL_REASON_EMPTY_SET)
		request_side(req, ct);
}

/* "statement N "Sid": principal ...; KEY OP VALUE ✓; ...": the principal
 * and action are marked only when they failed, conditions always. */
static void statement_part(const tl_statement *st, const tl_stmt_trace *t, const tl_request *req)
{
	const char *id = tl_request_principal_id(req);
	size_t j;

	printf("statement %zu", st->index);
	if (st->sid)
		printf(" \"%s\"", st->sid->text);
	fputs(": principal ", stdout);
	if (t->principal != TL_MATCH_NONE && t->principal_index >= 0) {
		const tl_principal *p = &st->principals[t->principal_index];
		if (p->type == TL_PRINCIPAL_STAR)
			fputs("*", stdout);
		else
			printf("%s %s", tl_principal_type_name(p->type), p->value.text);
		if (t->principal == TL_MATCH_ACCOUNT)
			fputs(" (account)", stdout);
	} else if (t->principal != TL_MATCH_NONE) {
		fputs("not excluded by NotPrincipal", stdout);
	} else if (st->not_principal) {
		fputs(CROSS " (NotPrincipal excludes the caller)", stdout);
	} else {
		printf(CROSS " (%s%s%s is not listed)",
		       tl_principal_type_name(tl_request_principal_type(req)), id ? " " : "",
		       id ? id : "");
	}
	if (!t->action)
		printf("; action %s " CROSS "%s", tl_request_action(req),
		       st->not_action ? " (excluded by NotAction)" : "");
	for (j = 0; j < st->n_conditions; j++)
		condition_part(&st->conditions[j], &t->cond[j], req);
}

/* For ImplicitDeny: the Allow statement that came closest (principal,
 * then action, then most conditions held), first on ties; -1 if none. */
static long nearest_allow(const tl_document *doc, const tl_trace *trace)
{
	long best = -1;
	size_t i, j, best_score = 0;

	for (i = 0; i < doc->n_statements; i++) {
		const tl_stmt_trace *t = &trace->stmt[i];
		size_t score = 1;
		if (doc->statements[i].effect != TL_EFFECT_ALLOW)
			continue;
		for (j = 0; j < doc->statements[i].n_conditions; j++)
			score += t->cond[j].result;
		score += (t->principal != TL_MATCH_NONE) * 200000 + t->action * 100000;
		if (score > best_score) {
			best = (long)i;
			best_score = score;
		}
	}
	return best;
}

/* The `eval` line: the deciding statement, or for ImplicitDeny the
 * nearest Allow, so the line always says what to change. */
static void one_line(const repl_session *s, const tl_policy *p, const tl_result *res)
{
	const tl_document *doc = tl_policy_document(p);
	long near;

	print_decision(s, res->decision);
	fputs("  (", stdout);
	if (res->deciding_statement >= 0) {
		statement_part(&doc->statements[res->deciding_statement],
		               &s->trace->stmt[res->deciding_statement], s->req);
		if (res->account_level)
			fputs("; an account principal: the caller's identity policy must allow "
			      "it too", stdout);
	} else if (doc->n_statements == 0) {
		fputs("the policy has no statements", stdout);
	} else if ((near = nearest_allow(doc, s->trace)) < 0) {
		fputs("no statement applies: the policy has no Allow statement", stdout);
	} else {
		fputs("no statement applies; nearest is ", stdout);
		statement_part(&doc->statements[near], &s->trace->stmt[near], s->req);
	}
	fputs(")\n", stdout);
	if (TL_RESULT_UNRESOLVED(res)) {
		fputs("  ", stdout);
		explain_unresolved(stdout, res);
	}
}

/* "(the caller needs every action, and A and B are not allowed)". */
static void print_denied(const tl_caller_actions *a, const bool *denied, size_t n_denied)
{
	size_t i, shown = 0;

	fputs("  (the caller needs every action, and ", stdout);
	for (i = 0; i < a->n && i < 3; i++) {
		if (!denied[i])
			continue;
		if (shown)
			fputs(shown + 1 == n_denied ? " and " : ", ", stdout);
		fputs(a->action[i], stdout);
		shown++;
	}
	printf(" %s not allowed)\n", n_denied == 1 ? "is" : "are");
}

/* Every action in turn, one line (or one explanation) each; the caller
 * needs all of them, so any Deny is the session's decision. */
static int decide(repl_session *s, bool explain)
{
	const tl_policy *p = repl_need_policy(s);
	size_t i, n = s->actions.n ? s->actions.n : 1;
	tl_decision all = TL_ALLOW;
	bool denied[3] = {false, false, false};
	size_t n_denied = 0;
	tl_result res;

	if (!p)
		return -1;
	if (!tl_request_action(s->req))
		return repl_error(s,
		                  "the request has no action (action ACTION, or caller KIND ...)");
	for (i = 0; i < n; i++) {
		if (s->actions.n && tl_request_set_action(s->req, s->actions.action[i]) != TL_OK)
			return repl_error(s, "out of memory");
		if (tl_eval(p, s->req, s->trace, &res) != TL_OK)
			return repl_error(s, "out of memory");
		if (i < 3)
			s->last_results[i] = res;
		if (n > 1)
			printf(explain ? "== %s\n" : "%s: ", s->actions.action[i]);
		if (explain)
			explain_text(stdout, p, s->req, s->trace, &res);
		else
			one_line(s, p, &res);
		if (res.decision != TL_ALLOW && i < 3) {
			denied[i] = true;
			n_denied++;
		}
		if (res.decision == TL_EXPLICIT_DENY ||
		    (res.decision == TL_IMPLICIT_DENY && all == TL_ALLOW))
			all = res.decision;
	}
	if (n > 1) {
		if (tl_request_set_action(s->req, s->actions.action[0]) != TL_OK)
			return repl_error(s, "out of memory");
		print_decision(s, all);
		if (all == TL_ALLOW)
			printf("  (every action the caller needs is allowed)\n");
		else
			print_denied(&s->actions, denied, n_denied);
	}
	s->have_last = true;
	s->decided_at = s->changes;
	s->last = all;
	s->n_last_results = n < 3 ? n : 3;
	return 0;
}

int repl_cmd_eval_request(repl_session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return decide(s, false);
}

int repl_cmd_explain(repl_session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return decide(s, true);
}

/*
 * An expectation is about the request as it stands: when nothing was
 * decided since the request or the policy last changed, it decides first
 * (printing the eval line), so `expect` never passes on a stale decision.
 * A failed expectation is not an error: it changes the exit status to 1
 * and the script goes on, so one run reports every failed expectation.
 */
int repl_expect(repl_session *s, const char *want)
{
	size_t i;

	for (i = 0; repl_expect_words[i] && strcmp(want, repl_expect_words[i]) != 0; i++)
		;
	if (!repl_expect_words[i])
		return repl_error(
		    s, "expect takes allow, deny, explicit-deny or implicit-deny, not \"%s\"",
		    want);
	if (!s->have_last || s->decided_at != s->changes) {
		printf("expect %s: deciding the request as it stands\n", want);
		if (decide(s, false) < 0)
			return -1;
	}
	if (tl_expect_holds((tl_expect)i, s->last_results, s->n_last_results)) {
		printf("expect %s: ok (%s)\n", want, tl_decision_name(s->last));
		return 0;
	}
	s->failed_expectations++;
	fflush(stdout);
	repl_where(s);
	fprintf(stderr, "expect %s: FAILED (the last decision was %s%s)\n", want,
	        tl_decision_name(s->last),
	        tl_expect_holds((tl_expect)i, &(tl_result){.decision = s->last,
	                                                   .possible = 1u << s->last}, 1)
	            ? ", but intrinsic functions unknown until deployed could change it"
	            : "");
	fflush(stderr);
	return 0;
}

int repl_cmd_expect(repl_session *s, int argc, char **argv)
{
	(void)argc;
	return repl_expect(s, argv[1]);
}
