/* explain.c - see explain.h. */
#include "explain.h"

#include <string.h>

#include "cli.h"

static const char *match_word(tl_principal_match m)
{
	return m == TL_MATCH_DIRECT ? "direct" : m == TL_MATCH_ACCOUNT ? "account" : "none";
}

static void print_values(FILE *out, const tl_value *v, size_t n)
{
	size_t i;

	fputc('[', out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s\"%s\"", i ? ", " : "", v[i].text);
	fputc(']', out);
}

static void print_request_values(FILE *out, const tl_request *req, long key)
{
	size_t n, i, len;

	if (key < 0) {
		fputs("(absent)", out);
		return;
	}
	tl_request_key(req, (size_t)key, &n, NULL);
	fputc('[', out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s\"%s\"", i ? ", " : "", tl_request_value(req, (size_t)key, i, &len));
	fputc(']', out);
}

#define SHOWN_PRINCIPALS 8

/* The other side of a principal mismatch: what the statement names
 * (the first few; a long list would bury the explanation). */
static void print_principals(FILE *out, const tl_statement *st)
{
	size_t i;

	if (!st->has_principal || st->n_principals == 0) {
		fputs("      policy: the statement names no principal\n", out);
		return;
	}
	fputs("      policy [", out);
	for (i = 0; i < st->n_principals && i < SHOWN_PRINCIPALS; i++) {
		const tl_principal *p = &st->principals[i];
		fputs(i ? ", " : "", out);
		if (p->type == TL_PRINCIPAL_STAR)
			fputs("*", out);
		else
			fprintf(out, "%s \"%s\"", tl_principal_type_name(p->type), p->value.text);
	}
	fputc(']', out);
	if (st->n_principals > SHOWN_PRINCIPALS)
		fprintf(out, " and %zu more", st->n_principals - SHOWN_PRINCIPALS);
	fputc('\n', out);
}

/* The reason, naming the request value that is not of the operator's
 * type so the user sees which one. */
static void print_reason(FILE *out, const tl_request *req, const tl_cond_trace *ct)
{
	const char *type = tl_reason_value_type(ct->reason);
	size_t len;
	const char *text = tl_reason_text(ct->reason), *colon = strchr(text, ':');

	if (type && colon && ct->key_index >= 0 && ct->request_value >= 0)
		fprintf(out, "request value \"%s\" is not a valid %s:%s",
		        tl_request_value(req, (size_t)ct->key_index, (size_t)ct->request_value, &len),
		        type, colon + 1);
	else
		fputs(text, out);
}

static bool has_placeholder(const tl_condition *c)
{
	size_t i;

	for (i = 0; i < c->n_values; i++)
		if (c->values[i].kind == TL_JSON_PLACEHOLDER)
			return true;
	return false;
}

static void explain_statement(FILE *out, const tl_statement *st, const tl_stmt_trace *t,
                              const tl_request *req)
{
	size_t j;

	fprintf(out, "  statement %zu", st->index);
	if (st->sid)
		fprintf(out, " \"%s\"", st->sid->text);
	fprintf(out, " (%s): %s\n", st->effect == TL_EFFECT_DENY ? "Deny" : "Allow",
	        t->applies  ? "APPLIES"
	        : t->unknown ? "MIGHT APPLY (it depends on intrinsic functions unknown until deployed)"
	                     : "does not apply");
	if (t->principal == TL_MATCH_NONE && st->not_principal)
		fprintf(out, "    principal: NotPrincipal lists the caller, so it is exempt\n");
	else if (t->principal == TL_MATCH_NONE) {
		fprintf(out, "    principal: no entry names %s %s\n",
		        tl_principal_type_name(tl_request_principal_type(req)),
		        tl_request_principal_id(req) ? tl_request_principal_id(req) : "caller");
		print_principals(out, st);
	} else if (t->principal_index >= 0)
		fprintf(out, "    principal: %s \"%s\" matched (%s)\n",
		        tl_principal_type_name(st->principals[t->principal_index].type),
		        st->principals[t->principal_index].value.text,
		        t->principal == TL_MATCH_ACCOUNT ? "account-level" : "direct");
	else
		fprintf(out, "    principal: matched (the caller is not excluded by NotPrincipal)\n");
	if (t->action_index >= 0)
		fprintf(out, "    action: %s %s \"%s\"\n", tl_request_action(req),
		        st->not_action ? "is excluded by NotAction" : "matched",
		        st->actions[t->action_index].text);
	else
		fprintf(out, "    action: %s %s\n", tl_request_action(req) ? tl_request_action(req) : "(none)",
		        st->not_action ? "is not in NotAction, so it matched" : "matched no Action entry");
	for (j = 0; j < st->n_conditions; j++) {
		const tl_condition *c = &st->conditions[j];
		const tl_cond_trace *ct = &t->cond[j];

		fprintf(out, "    condition %s %s: %s: ", c->operator_text.text, c->key.text,
		        ct->result ? "true" : "false");
		print_reason(out, req, ct);
		if (has_placeholder(c))
			fputs(" (as far as we can see: a policy value is an intrinsic function, unknown "
			      "until deployed)", out);
		fputs("\n      policy ", out);
		print_values(out, c->values, c->n_values);
		fputs(", request ", out);
		print_request_values(out, req, ct->key_index);
		fputc('\n', out);
	}
}

void explain_unresolved(FILE *out, const tl_result *res)
{
	static const tl_decision order[] = {TL_ALLOW, TL_EXPLICIT_DENY, TL_IMPLICIT_DENY};
	size_t i, shown = 0;

	if (!TL_RESULT_UNRESOLVED(res))
		return;
	fputs("unresolved: could also be ", out);
	for (i = 0; i < sizeof(order) / sizeof(*order); i++)
		if (order[i] != res->decision && (res->possible & (1u << order[i])))
			fprintf(out, "%s%s", shown++ ? " or " : "", tl_decision_name(order[i]));
	fprintf(out, " once the intrinsic functions are known (statement %ld might apply)\n",
	        res->unknown_statement);
}

void explain_text(FILE *out, const tl_policy *policy, const tl_request *req,
                  const tl_trace *trace, const tl_result *res)
{
	const tl_document *doc = tl_policy_document(policy);
	size_t i, n, keys = tl_request_key_count(req);
	bool derived;

	fprintf(out, "%s", tl_decision_name(res->decision));
	if (res->deciding_statement >= 0)
		fprintf(out, " (statement %ld)", res->deciding_statement);
	fputc('\n', out);
	explain_unresolved(out, res);
	fprintf(out, "why:\n");
	for (i = 0; i < doc->n_statements; i++)
		explain_statement(out, &doc->statements[i], &trace->stmt[i], req);
	if (res->decision == TL_IMPLICIT_DENY)
		fprintf(out, "  no statement applies, so the request is denied by default\n");
	else if (res->decision == TL_EXPLICIT_DENY)
		fprintf(out, "  a Deny statement applies, which overrides every Allow\n");
	if (res->account_level)
		fprintf(out, "note: this Allow rests on an account principal: the caller's own identity "
		             "policy must also allow %s on this role\n", tl_request_action(req));
	for (i = 0; i < keys; i++) {
		const char *k = tl_request_key(req, i, &n, &derived);
		const char *note = tl_request_derived_note(req, i);
		if (derived)
			fprintf(out, "note: %s was derived from the caller (the request did not give it)%s%s\n",
			        k, note ? ", " : "", note ? note : "");
	}
}

/* One condition's trace: what it compared and why it came out so. */
static void json_condition(FILE *out, const tl_request *req, const tl_condition *c,
                           const tl_cond_trace *ct)
{
	size_t k, n, len;

	fputs("{\"operator\": ", out);
	json_cstr(out, c->operator_text.text);
	fputs(", \"key\": ", out);
	json_cstr(out, c->key.text);
	fprintf(out, ", \"result\": %s, \"reason\": ", ct->result ? "true" : "false");
	json_cstr(out, tl_reason_text(ct->reason));
	if (tl_reason_value_type(ct->reason) && ct->key_index >= 0 && ct->request_value >= 0) {
		const char *v = tl_request_value(req, (size_t)ct->key_index,
		                                 (size_t)ct->request_value, &len);
		fprintf(out, ", \"invalid_request_value\": {\"type\": \"%s\", \"value\": ",
		        tl_reason_value_type(ct->reason));
		json_str(out, v, len);
		fputc('}', out);
	}
	fputs(", \"policy_values\": [", out);
	for (k = 0; k < c->n_values; k++) {
		fputs(k ? ", " : "", out);
		json_str(out, c->values[k].text, c->values[k].len);
	}
	fputs("], \"request_values\": ", out);
	if (ct->key_index < 0) {
		fputs("null", out);
	} else {
		tl_request_key(req, (size_t)ct->key_index, &n, NULL);
		fputc('[', out);
		for (k = 0; k < n; k++) {
			const char *v = tl_request_value(req, (size_t)ct->key_index, k, &len);
			fputs(k ? ", " : "", out);
			json_str(out, v, len);
		}
		fputc(']', out);
	}
	fputc('}', out);
}

/* Statement i's trace: its principal, action and condition matches. */
static void json_statement(FILE *out, const tl_request *req, const tl_statement *st,
                           const tl_stmt_trace *t, size_t i)
{
	size_t j;

	fprintf(out, "%s{\"index\": %zu, \"might_apply\": %s, \"sid\": ", i ? ", " : "", i,
	        t->unknown ? "true" : "false");
	json_cstr(out, st->sid ? st->sid->text : NULL);
	fprintf(out, ", \"effect\": \"%s\", \"applies\": %s, \"principal\": {\"match\": \"%s\", \"entry\": ",
	        st->effect == TL_EFFECT_DENY ? "Deny" : "Allow", t->applies ? "true" : "false",
	        match_word(t->principal));
	json_cstr(out, t->principal_index >= 0 ? st->principals[t->principal_index].value.text : NULL);
	fprintf(out, "}, \"action\": {\"match\": %s, \"entry\": ", t->action ? "true" : "false");
	json_cstr(out, t->action_index >= 0 ? st->actions[t->action_index].text : NULL);
	fputs("}, \"conditions\": [", out);
	for (j = 0; j < st->n_conditions; j++) {
		fputs(j ? ", " : "", out);
		json_condition(out, req, &st->conditions[j], &t->cond[j]);
	}
	fputs("]}", out);
}

/* The keys the request did not give but the caller implies, and what each
 * derived value assumes. */
static void json_derived(FILE *out, const tl_request *req)
{
	size_t i, n, keys = tl_request_key_count(req);
	bool derived, first = true;

	fputs("], \"derived_keys\": [", out);
	for (i = 0; i < keys; i++) {
		const char *key = tl_request_key(req, i, &n, &derived);
		if (!derived)
			continue;
		fputs(first ? "" : ", ", out);
		json_cstr(out, key);
		first = false;
	}
	/* what a derived value assumes, by key: {"aws:PrincipalArn": "assuming ..."} */
	fputs("], \"derived_notes\": {", out);
	for (i = 0, first = true; i < keys; i++) {
		const char *key = tl_request_key(req, i, &n, &derived), *note = tl_request_derived_note(req, i);
		if (!note)
			continue;
		fputs(first ? "" : ", ", out);
		json_cstr(out, key);
		fputs(": ", out);
		json_cstr(out, note);
		first = false;
	}
}

void explain_json(FILE *out, const tl_policy *policy, const tl_request *req,
                  const tl_trace *trace, const tl_result *res)
{
	const tl_document *doc = tl_policy_document(policy);
	size_t i;
	bool first;

	fprintf(out, "{\"decision\": \"%s\", \"account_level\": %s, \"deciding_statement\": ",
	        tl_decision_name(res->decision), res->account_level ? "true" : "false");
	if (res->deciding_statement >= 0)
		fprintf(out, "%ld", res->deciding_statement);
	else
		fputs("null", out);
	fputs(", \"possible\": [", out);
	for (i = 0, first = true; i < 3; i++)
		if (res->possible & (1u << i)) {
			fprintf(out, "%s\"%s\"", first ? "" : ", ", tl_decision_name((tl_decision)i));
			first = false;
		}
	fputs("], \"statements\": [", out);
	for (i = 0; i < doc->n_statements; i++)
		json_statement(out, req, &doc->statements[i], &trace->stmt[i], i);
	json_derived(out, req);
	fputs("}}\n", out);
}
