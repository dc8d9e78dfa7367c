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

void report_add_note(report *r, const char *file, lint_severity level, const char *line)
{
	report_note *grown = realloc(r->notes, (r->n_notes + 1) * sizeof(*grown)), *n;

	if (!grown)
		return;
	r->notes = grown;
	n = &r->notes[r->n_notes];
	n->file = file ? strdup(file) : NULL;
	n->level = level;
	n->line = strdup(line);
	if (n->line && (n->file || !file))
		r->n_notes++;
	else {
		free(n->file);
		free(n->line);
	}
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
	for (i = 0; i < r->n_notes; i++) {
		free(r->notes[i].file);
		free(r->notes[i].line);
	}
	free(r->notes);
	free(r->rule_levels);
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
		if (r->files[i].error && r->files[i].n == 0) { /* I/O errors have no finding */
			text_escape(out, r->files[i].path);
			fputs(": error: ", out);
			text_escape(out, r->files[i].error);
			fputc('\n', out);
		}
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			counts[f->severity]++;
			fputs(colour ? "\033[1m" : "", out);
			text_escape(out, r->files[i].path);
			fprintf(out, ":%u:%u:%s %s%s:%s ", f->line, f->column, colour ? "\033[0m" : "",
			        colour ? colours[f->severity] : "", lint_severity_name(f->severity),
			        colour ? "\033[0m" : "");
			text_escape(out, f->message);
			fprintf(out, " [TL%d %s]\n  fix: ", f->rule->code, f->rule->name);
			text_escape(out, f->fix ? f->fix : f->rule->fix);
			fputc('\n', out);
		}
	}
	for (i = 0; i < r->n_notes; i++) {
		text_escape(out, r->notes[i].line);
		fputc('\n', out);
	}
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
			fputs(", \"severity\": \"error\"}", out);
			first = false;
		}
	for (i = 0; i < r->n_notes; i++) {
		fputs(first ? "" : ", ", out);
		fputs("{\"file\": ", out);
		json_cstr(out, r->notes[i].file);
		fputs(", \"message\": ", out);
		json_cstr(out, r->notes[i].line);
		fprintf(out, ", \"severity\": \"%s\"}", lint_severity_name(r->notes[i].level));
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

/*
 * GitHub code scanning reads "security-severity" from the rule only (its
 * SARIF reference lists it under reportingDescriptor, not under result), and
 * once a rule has one, every alert of the rule shows that security severity
 * rather than its own level.  It maps above 9.0 to critical, 7.0-8.9 to high,
 * 4.0-6.9 to medium and 0.1-3.9 to low; errors are high, warnings medium,
 * notes low.  See sarif_security_level for which severity a rule gets.
 */
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

/* Rule k's index in the driver's rules: lint_rules, then org-policy last. */
static size_t rule_index(const rule_def *d)
{
	size_t k;

	for (k = 0; k < lint_rule_count; k++)
		if (lint_rules[k] == d)
			return k;
	return lint_rule_count;
}

static const rule_def *rule_at(size_t k)
{
	return k < lint_rule_count ? lint_rules[k] : &rule_org_policy;
}

/* The severity this run's configs give rule k (LINT_OFF: off everywhere). */
static lint_severity configured(const report *r, size_t k)
{
	if (k < lint_rule_count && r->rule_levels)
		return r->rule_levels[k];
	return rule_at(k)->severity;
}

/*
 * A rule's security-severity: the highest severity among its findings in
 * this run, so a graded rule whose findings here are all notes shows as low,
 * not high.  When one rule has findings at several severities in one run,
 * GitHub can show only one security severity for all of them: we take the
 * highest, so that no error is shown as low (its notes then show as high
 * too; their own "level" still says note).  A rule without findings gets
 * the severity the config gives it.
 */
static lint_severity sarif_security_level(const report *r, const int *seen, size_t k)
{
	lint_severity s = configured(r, k);

	if (seen[k] >= 0)
		return (lint_severity)seen[k];
	return s == LINT_OFF ? rule_at(k)->severity : s;
}

static void sarif_rule(FILE *out, const rule_def *d, lint_severity level, lint_severity security)
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
	/* a rule the config turns off keeps its own level and says it is off */
	fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"%s}, \"properties\": {\"tags\": "
	             "[\"security\", \"iam\", \"trust-policy\"], \"precision\": \"high\", "
	             "\"security-severity\": \"%s\"}}",
	        sarif_level(level == LINT_OFF ? d->severity : level),
	        level == LINT_OFF ? ", \"enabled\": false" : "", security_severity(security));
}

static void sarif_result(FILE *out, const char *uri, const lint_finding *f)
{
	fprintf(out, "{\"ruleId\": \"TL%d\", \"ruleIndex\": %zu, \"level\": \"%s\", "
	             "\"message\": {\"text\": ",
	        f->rule->code, rule_index(f->rule), sarif_level(f->severity));
	json_cstr(out, f->message);
	fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
	json_cstr(out, uri);
	fprintf(out, "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
	             "\"endColumn\": %u}}}], \"partialFingerprints\": "
	             "{\"primaryLocationLineHash\": \"%016llx\"}}",
	        f->line, f->column, f->line, f->column + 1, fingerprint(uri, f));
}

/* Repository-relative URIs: drop a leading ./ */
static const char *sarif_uri(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

static void sarif_notification(FILE *out, bool first, const char *file, lint_severity level,
                               const char *text)
{
	fprintf(out, "%s{\"level\": \"%s\", \"message\": {\"text\": ", first ? "" : ", ",
	        sarif_level(level));
	json_cstr(out, text);
	if (file) {
		fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
		json_cstr(out, sarif_uri(file));
		fputs("}}}]", out);
	}
	fputc('}', out);
}

/* Unreadable paths and config problems: they are no results, but a run that
 * skipped a file must not look clean (executionSuccessful false). */
static void sarif_invocation(FILE *out, const report *r)
{
	size_t i;
	bool first = true;

	fprintf(out, "\"invocations\": [{\"executionSuccessful\": %s, \"toolExecutionNotifications\": [",
	        r->failed ? "false" : "true");
	for (i = 0; i < r->n; i++)
		if (r->files[i].error && r->files[i].n == 0) {
			sarif_notification(out, first, r->files[i].path, LINT_ERROR, r->files[i].error);
			first = false;
		}
	for (i = 0; i < r->n_notes; i++) {
		sarif_notification(out, first, r->notes[i].file, r->notes[i].level, r->notes[i].line);
		first = false;
	}
	fputs("]}]", out);
}

static void write_sarif(FILE *out, const report *r)
{
	size_t i, j, k;
	bool first = true;
	int seen[lint_rule_count + 1];

	for (k = 0; k <= lint_rule_count; k++)
		seen[k] = -1;
	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			k = rule_index(f->rule);
			if ((int)f->severity > seen[k])
				seen[k] = (int)f->severity;
		}
	fputs("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": \"2.1.0\", "
	      "\"runs\": [{\"tool\": {\"driver\": {\"name\": \"trustlint\", \"semanticVersion\": \""
	      TL_VERSION "\", \"version\": \"" TL_VERSION "\", "
	      "\"informationUri\": \"https://github.com/trustlint/trustlint\", \"rules\": [\n",
	      out);
	for (k = 0; k <= lint_rule_count; k++) {
		fputs(k ? ",\n" : "", out);
		sarif_rule(out, rule_at(k), configured(r, k), sarif_security_level(r, seen, k));
	}
	fputs("]}}, \"columnKind\": \"unicodeCodePoints\", \"results\": [", out);
	for (i = 0; i < r->n; i++)
		for (j = 0; j < r->files[i].n; j++) {
			fputs(first ? "\n" : ",\n", out);
			sarif_result(out, sarif_uri(r->files[i].path), &r->files[i].findings[j]);
			first = false;
		}
	fputs("], ", out);
	sarif_invocation(out, r);
	fputs("}]}\n", out);
}

/* ---- github ---------------------------------------------------------- */

/*
 * Workflow commands escape % in data, plus : and , in properties.  Control
 * characters, CR and LF included, are written as \n, \r, \t, \xNN
 * (control_escape), so a value from a policy stays on its one line and
 * cannot start a workflow command of its own.
 */
static void gh_escape(FILE *out, const char *s, bool property)
{
	char esc[8];

	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else if (control_escape(*s, esc))
			fputs(esc, out);
		else
			fputc(*s, out);
	}
}

static const char *gh_level(lint_severity s)
{
	return s == LINT_NOTE ? "notice" : sarif_level(s);
}

/* ::LEVEL file=F::MESSAGE, or ::LEVEL::MESSAGE without a file. */
static void gh_line(FILE *out, lint_severity level, const char *file, const char *message)
{
	fprintf(out, "::%s", gh_level(level));
	if (file) {
		fputs(" file=", out);
		gh_escape(out, file, true);
	}
	fputs("::", out);
	gh_escape(out, message, false);
	fputc('\n', out);
}

static void write_github(FILE *out, const report *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		if (r->files[i].error && r->files[i].n == 0) /* I/O errors have no finding */
			gh_line(out, LINT_ERROR, r->files[i].path, r->files[i].error);
		for (j = 0; j < r->files[i].n; j++) {
			const lint_finding *f = &r->files[i].findings[j];
			fprintf(out, "::%s file=", gh_level(f->severity));
			gh_escape(out, r->files[i].path, true);
			fprintf(out, ",line=%u,col=%u,title=TL%d %s::", f->line, f->column, f->rule->code,
			        f->rule->name);
			gh_escape(out, f->message, false);
			fputc('\n', out);
		}
	}
	for (i = 0; i < r->n_notes; i++)
		gh_line(out, r->notes[i].level, r->notes[i].file, r->notes[i].line);
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
