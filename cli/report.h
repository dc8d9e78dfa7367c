/*
 * report.h - the findings of a lint run, file by file, and the writers
 * that print them: text (gcc style), json, sarif (2.1.0 for GitHub code
 * scanning) and github (workflow annotations).
 *
 * Ownership: a report owns its files' paths, findings and error texts.
 */
#ifndef TL_REPORT_H
#define TL_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "lint.h"

typedef struct report_file {
	char *path;
	lint_finding *findings;
	size_t n;
	char *error; /* an I/O or parse error, also reported as a finding */
} report_file;

/* A problem of the run that is no finding: a path that cannot be read, a
 * config error or warning, an unused ignore. */
typedef struct report_note {
	char *file;          /* the file it is about, or NULL */
	lint_severity level; /* LINT_ERROR or LINT_WARNING */
	char *line;          /* the whole line text output prints ("f:1:2: warning: ...") */
} report_note;

typedef struct report {
	report_file *files;
	size_t n, cap;
	report_note *notes;
	size_t n_notes;
	/* per rule (indexed like lint_rules) the severity this run's configs give
	 * it (LINT_OFF: off in all of them); NULL: the rules' defaults */
	lint_severity *rule_levels;
	bool failed; /* trustlint could not do all it was asked (exit status 2) */
} report;

/* Take ownership of `findings` (n of them) for `path`. */
bool report_add(report *r, const char *path, lint_finding *findings, size_t n, const char *error);
/* A note; `file` may be NULL. */
void report_add_note(report *r, const char *file, lint_severity level, const char *line);
void report_free(report *r);

typedef enum report_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB } report_format;
bool report_format_from(const char *s, report_format *out);

void report_write(FILE *out, const report *r, report_format fmt, bool colour);
/* How many findings are at or above `threshold`. */
size_t report_count_at_least(const report *r, lint_severity threshold);

#endif
