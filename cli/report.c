/* report.c - see report.h. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"

bool report_add(report *r, const char *path, lint_finding *findings, size_t n, const char *error)
{
	report_file *f;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		report_file *grown = realloc(r->files, cap * sizeof(*grown));
		if (!grown)
			return false;
		r->files = grown;
		r->cap = cap;
	}
	f = &r->files[r->n++];
	f->path = strdup(path);
	f->findings = findings;
	f->n = n;
	f->error = error ? strdup(error) : NULL;
	return f->path != NULL;
}

void report_add_error(report *r, const char *message)
{
	char **grown = realloc(r->errors, (r->n_errors + 1) * sizeof(*grown));

	if (!grown)
		return;
	r->errors = grown;
	r->errors[r->n_errors] = strdup(message);
	if (r->errors[r->n_errors])
		r->n_errors++;
}

void report_free(report *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < r->files[i].n; j++) {
			free(r->files[i].findings[j].pointer);
			free(r->files[i].findings[j].message);
			free(r->files[i].findings[j].fix);
		}
		free(r->files[i].findings);
		free(r->files[i].path);
		free(r->files[i].error);
	}
	free(r->files);
	for (i = 0; i < r->n_errors; i++)
		free(r->errors[i]);
	free(r->errors);
	memset(r, 0, sizeof(*r));
}

bool report_format_from(const char *s, report_format *out)
{
	static const char *const names[] = {"text", "json", "sarif", "github"};
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (report_format)i;
			return true;
		}
	return false;
}

size_t report_count_at_least(const report *r, lint_severity threshold)
{
	size_t i, j, n = 0;

	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->files[i].n; j++)
			n += r->files[i].findings[j].severity >= threshold;
	return n;
}

/* ---- text ------------------------------------------------------------ */

static void write_text(FILE *out, const report *r, bool colour)
{
	static const char *const colours[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m", ""};
	size_t i, j, counts[3] = {0, 0, 0};

	for (i = 0; i < r->n; i++) {
		if (r->files[i].error && r->files[i].n == 0) /* I/O errors have no finding */
			fprintf(out, "%s: error: %s\n", r->files[i].path, r->files[i].error);
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			counts[f->severity]++;
			fprintf(out, "%s%s:%u:%u:%s %s%s:%s %s [TL%d %s]\n", colour ? "\033[1m" : "",
			        r->files[i].path, f->line, f->column, colour ? "\033[0m" : "",
			        colour ? colours[f->severity] : "", lint_severity_name(f->severity),
			        colour ? "\033[0m" : "", f->message, f->rule->code, f->rule->name);
			fprintf(out, "  fix: %s\n", f->fix ? f->fix : f->rule->fix);
		}
	}
	for (i = 0; i < r->n_errors; i++)
		fprintf(out, "%s\n", r->errors[i]);
	if (counts[0] + counts[1] + counts[2])
		fprintf(out, "%zu error%s, %zu warning%s, %zu note%s in %zu file%s\n", counts[2],
		        counts[2] == 1 ? "" : "s", counts[1], counts[1] == 1 ? "" : "s", counts[0],
		        counts[0] == 1 ? "" : "s", r->n, r->n == 1 ? "" : "s");
}

/* ---- json ------------------------------------------------------------ */

static void write_json(FILE *out, const report *r)
{
	size_t i, j;
	bool first = true;

	fputs("{\"findings\": [", out);
	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			fprintf(out, "%s\n  {\"rule\": \"TL%d\", \"name\": \"%s\", \"severity\": \"%s\", \"file\": ",
			        first ? "" : ",", f->rule->code, f->rule->name, lint_severity_name(f->severity));
			json_cstr(out, r->files[i].path);
			fprintf(out, ", \"line\": %u, \"column\": %u, \"pointer\": ", f->line, f->column);
			json_cstr(out, f->pointer);
			fputs(", \"message\": ", out);
			json_cstr(out, f->message);
			fputs(", \"fix\": ", out);
			json_cstr(out, f->fix ? f->fix : f->rule->fix);
			fputc('}', out);
			first = false;
		}
	fprintf(out, "%s], \"files\": %zu, \"errors\": [", first ? "" : "\n", r->n);
	first = true;
	for (i = 0; i < r->n; i++)
		if (r->files[i].error) {
			fputs(first ? "" : ", ", out);
			fputs("{\"file\": ", out);
			json_cstr(out, r->files[i].path);
			fputs(", \"message\": ", out);
			json_cstr(out, r->files[i].error);
			fputc('}', out);
			first = false;
		}
	for (i = 0; i < r->n_errors; i++) {
		fputs(first ? "" : ", ", out);
		fputs("{\"file\": null, \"message\": ", out);
		json_cstr(out, r->errors[i]);
		fputc('}', out);
		first = false;
	}
	fputc(']', out);
	if (r->json_extra)
		r->json_extra(out, r->json_extra_ctx);
	fputs("}\n", out);
}

/* ---- sarif ----------------------------------------------------------- */

static const char *sarif_level(lint_severity s)
{
	return s == LINT_ERROR ? "error" : s == LINT_WARNING ? "warning" : "note";
}

static const char *security_severity(lint_severity s)
{
	return s == LINT_ERROR ? "8.0" : s == LINT_WARNING ? "5.0" : "2.0";
}

/* FNV-1a of rule, file and pointer: stable across runs while the finding stays. */
static unsigned long long fingerprint(const char *path, const lint_finding *f)
{
	unsigned long long h = 1469598103934665603ull;
	const char *parts[3] = {f->rule->name, path, f->pointer};
	int p;

	for (p = 0; p < 3; p++)
		for (const char *s = parts[p]; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void sarif_rule(FILE *out, const rule_def *d)
{
	char help[4096];

	fprintf(out, "{\"id\": \"TL%d\", \"name\": ", d->code);
	json_cstr(out, d->name);
	fputs(", \"shortDescription\": {\"text\": ", out);
	json_cstr(out, d->summary);
	fputs("}, \"fullDescription\": {\"text\": ", out);
	json_cstr(out, d->rationale);
	snprintf(help, sizeof(help), "%s\n\nFix: %s\n\nBad:\n%s\n\nGood:\n%s", d->rationale, d->fix,
	         d->bad, d->good);
	fputs("}, \"help\": {\"text\": ", out);
	json_cstr(out, help);
	snprintf(help, sizeof(help),
	         "%s\n\n**Fix:** %s\n\nBad:\n```json\n%s\n```\n\nGood:\n```json\n%s\n```",
	         d->rationale, d->fix, d->bad, d->good);
	fputs(", \"markdown\": ", out);
	json_cstr(out, help);
	fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}, \"properties\": {\"tags\": "
	             "[\"security\", \"iam\", \"trust-policy\"], \"precision\": \"high\", "
	             "\"security-severity\": \"%s\"}}",
	        sarif_level(d->severity), security_severity(d->severity));
}

static void write_sarif(FILE *out, const report *r)
{
	size_t i, j, k;
	bool first = true;

	fputs("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\", "
	      "\"runs\": [{\"tool\": {\"driver\": {\"name\": \"trustlint\", \"semanticVersion\": \""
	      TL_VERSION "\", \"version\": \"" TL_VERSION "\", "
	      "\"informationUri\": \"https://github.com/trustlint/trustlint\", \"rules\": [\n",
	      out);
	for (k = 0; k < lint_rule_count; k++) {
		fputs(k ? ",\n" : "", out);
		sarif_rule(out, lint_rules[k]);
	}
	fputs(",\n", out);
	sarif_rule(out, &rule_org_policy);
	fputs("]}}, \"columnKind\": \"unicodeCodePoints\", \"results\": [", out);
	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			const char *uri = r->files[i].path;
			size_t index = lint_rule_count;

			for (k = 0; k < lint_rule_count; k++)
				if (lint_rules[k] == f->rule)
					index = k;
			while (uri[0] == '.' && uri[1] == '/')
				uri += 2;
			fprintf(out, "%s\n{\"ruleId\": \"TL%d\", \"ruleIndex\": %zu, \"level\": \"%s\", "
			             "\"message\": {\"text\": ",
			        first ? "" : ",", f->rule->code, index, sarif_level(f->severity));
			json_cstr(out, f->message);
			fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
			json_cstr(out, uri);
			fprintf(out, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
			             "\"endColumn\": %u}}}], \"partialFingerprints\": "
			             "{\"primaryLocationLineHash\": \"%016llx\"}}",
			        f->line, f->column, f->line, f->column + 1, fingerprint(uri, f));
			first = false;
		}
	fputs("]}]}\n", out);
}

/* ---- github ---------------------------------------------------------- */

/* Workflow commands escape %, CR and LF in data, plus : and , in properties. */
static void gh_escape(FILE *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

static void write_github(FILE *out, const report *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			fprintf(out, "::%s file=", f->severity == LINT_NOTE ? "notice" : sarif_level(f->severity));
			gh_escape(out, r->files[i].path, true);
			fprintf(out, ",line=%u,col=%u,title=TL%d %s::", f->line, f->column, f->rule->code,
			        f->rule->name);
			gh_escape(out, f->message, false);
			fputc('\n', out);
		}
	for (i = 0; i < r->n_errors; i++) {
		fputs("::error::", out);
		gh_escape(out, r->errors[i], false);
		fputc('\n', out);
	}
}

void report_write(FILE *out, const report *r, report_format fmt, bool colour)
{
	switch (fmt) {
	case FORMAT_JSON:
		write_json(out, r);
		break;
	case FORMAT_SARIF:
		write_sarif(out, r);
		break;
	case FORMAT_GITHUB:
		write_github(out, r);
		break;
	default:
		write_text(out, r, colour);
	}
}
