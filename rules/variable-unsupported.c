/*
 * variable-unsupported.c - TL112: a policy variable that is not
 * substituted (old or missing Version, an operator that takes none, or a
 * malformed ${...}), so it is compared as literal text.
 */
#include <string.h>

#include "lint.h"

static bool takes_variables(tl_operator op)
{
	return (op >= TL_OP_STRING_EQUALS && op <= TL_OP_STRING_NOT_LIKE) ||
	       (op >= TL_OP_ARN_EQUALS && op <= TL_OP_ARN_NOT_LIKE);
}

static void check(lint_ctx *ctx)
{
	size_t i, j, k;

	if (!ctx->doc)
		return;
	lint_report_problems(ctx, TL_PROBLEM_VARIABLE_UNSUPPORTED);
	lint_report_problems(ctx, TL_PROBLEM_BAD_VARIABLE);
	/* Access Analyzer "Variable unsupported in element": never in Principal */
	for (i = 0; i < ctx->doc->n_statements; i++)
		for (j = 0; j < ctx->doc->statements[i].n_principals; j++) {
			const tl_principal *p = &ctx->doc->statements[i].principals[j];
			const tl_value *v = &p->value;
			/* a template's placeholder is TL116's, not a policy variable */
			if (v->kind == TL_JSON_STRING && p->form != TL_FORM_PLACEHOLDER && strstr(v->text, "${"))
				lint_report(ctx, &v->loc, "name the principal literally, or use \"AWS\": \"*\" "
				                          "with an aws:PrincipalArn condition that uses the variable",
				            "\"%s\" is compared as literal text: policy variables are not "
				            "substituted in Principal", v->text);
		}
	if (ctx->doc->variables_enabled)
		return;
	for (i = 0; i < ctx->doc->n_statements; i++) {
		const tl_statement *st = &ctx->doc->statements[i];
		for (j = 0; j < st->n_conditions; j++) {
			const tl_condition *c = &st->conditions[j];
			if (!takes_variables(c->op))
				continue;
			for (k = 0; k < c->n_values; k++)
				if (strstr(c->values[k].text, "${") &&
				    !tl_template_placeholder(c->values[k].text, c->values[k].len, NULL, NULL,
				                             NULL))
					lint_report(ctx, &c->values[k].loc,
					            "set \"Version\": \"2012-10-17\" so that policy variables are substituted",
					            "\"%s\" is compared as literal text: policy variables need "
					            "\"Version\": \"2012-10-17\"%s", c->values[k].text,
					            ctx->doc->version ? "" : " (the policy has no Version)");
		}
	}
}

const rule_def rule_variable_unsupported = {
	.code = 112,
	.name = "variable-unsupported",
	.severity = LINT_WARNING,
	.summary = "a policy variable that IAM does not substitute, so it is literal text",
	.rationale = "Policy variables such as ${aws:username} are substituted only under Version "
	             "2012-10-17, only in String and Arn operator values, and only when well formed "
	             "(IAM policy variables page; Access Analyzer \"Variable unsupported in "
	             "version\", \"Invalid variable for operator\", \"Missing brace in variable\"). "
	             "Otherwise the text is compared literally, so the condition never matches what "
	             "the author meant.",
	.bad = "{\"Version\": \"2008-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	       "{\"AWS\": \"arn:aws:iam::111122223333:role/Ops\"}, \"Action\": \"sts:AssumeRole\", "
	       "\"Condition\": {\"StringEquals\": {\"sts:RoleSessionName\": \"${aws:username}\"}}}]}",
	.good = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	        "{\"AWS\": \"arn:aws:iam::111122223333:role/Ops\"}, \"Action\": \"sts:AssumeRole\", "
	        "\"Condition\": {\"StringEquals\": {\"sts:RoleSessionName\": \"${aws:username}\"}}}]}",
	.fix = "Use Version 2012-10-17, a String or Arn operator, and the ${key} or "
	       "${key, 'default'} syntax.",
	.check = check,
};
