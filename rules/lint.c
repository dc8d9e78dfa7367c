/*
 * lint.c - run the rules over one policy and collect their findings.
 */
#include "lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *lint_severity_name(lint_severity s)
{
	static const char *const names[] = {"note", "warning", "error", "off"};
	return (unsigned)s < 4 ? names[s] : "?";
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

static void add(lint_ctx *ctx, lint_severity sev, const tl_loc *loc, const char *fix,
                const char *msg)
{
	lint_finding *f;

	if (ctx->n_findings == ctx->cap) {
		size_t cap = ctx->cap ? ctx->cap * 2 : 16;
		lint_finding *grown = realloc(ctx->findings, cap * sizeof(*grown));
		if (!grown) {
			ctx->out_of_memory = true;
			return;
		}
		ctx->findings = grown;
		ctx->cap = cap;
	}
	f = &ctx->findings[ctx->n_findings];
	f->rule = ctx->current;
	f->severity = sev;
	f->line = loc && loc->line ? loc->line : 1;
	f->column = loc && loc->column ? loc->column : 1;
	f->pointer = dup_str(loc && loc->pointer ? loc->pointer : "");
	f->message = dup_str(msg);
	f->fix = fix ? dup_str(fix) : NULL;
	if (!f->pointer || !f->message || (fix && !f->fix)) {
		free(f->pointer);
		free(f->message);
		free(f->fix);
		ctx->out_of_memory = true;
		return;
	}
	ctx->n_findings++;
}

void lint_report_sev(lint_ctx *ctx, lint_severity sev, const tl_loc *loc, const char *fix,
                     const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add(ctx, sev, loc, fix, msg);
}

void lint_report(lint_ctx *ctx, const tl_loc *loc, const char *fix, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	add(ctx, ctx->current->severity, loc, fix, msg);
}

void lint_report_problems(lint_ctx *ctx, tl_problem_kind kind)
{
	size_t i;

	if (!ctx->doc)
		return;
	for (i = 0; i < ctx->doc->n_problems; i++)
		if (ctx->doc->problems[i].kind == kind)
			add(ctx, ctx->current->severity, &ctx->doc->problems[i].loc, NULL,
			    ctx->doc->problems[i].message);
}

bool lint_own_account(const lint_ctx *ctx, const char *account)
{
	size_t i;

	if (ctx->role_account && strcmp(ctx->role_account, account) == 0)
		return true;
	for (i = 0; ctx->options && i < ctx->options->n_accounts; i++)
		if (strcmp(ctx->options->accounts[i], account) == 0)
			return true;
	return false;
}

int lint_finding_cmp(const void *a, const void *b)
{
	const lint_finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (x->rule->code > y->rule->code) - (x->rule->code < y->rule->code);
}

void lint_run(lint_ctx *ctx, const bool *enabled)
{
	size_t i;

	for (i = 0; i < lint_rule_count; i++) {
		if (enabled && !enabled[i])
			continue;
		ctx->current = lint_rules[i];
		lint_rules[i]->check(ctx);
	}
	ctx->current = NULL;
	/* qsort is not stable; the comparison is total enough for output order */
	if (ctx->n_findings > 1)
		qsort(ctx->findings, ctx->n_findings, sizeof(*ctx->findings), lint_finding_cmp);
}

void lint_ctx_release(lint_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->n_findings; i++) {
		free(ctx->findings[i].pointer);
		free(ctx->findings[i].message);
		free(ctx->findings[i].fix);
	}
	free(ctx->findings);
	ctx->findings = NULL;
	ctx->n_findings = ctx->cap = 0;
}
