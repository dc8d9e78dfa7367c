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

/* Something about the run that is no finding: a config error or warning,
 * an unused ignore, or what the input layer could not lint (a policy
 * unknown until apply, as a note).  A note never changes the exit
 * status by itself. */
typedef struct report_note {
	char *file;          /* the file it is about, or NULL */
	lint_severity level; /* LINT_ERROR, LINT_WARNING or LINT_NOTE */
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
	/* JSON only: more members after "errors" (check adds "tests") */
	void (*json_extra)(FILE *out, const void *ctx);
	const void *json_extra_ctx;
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

/* A lint run, not yet written: `trustlint lint` writes it, `trustlint
 * check` writes it together with the expectation results. */
typedef struct lint_outcome {
	report rep;
	report_format format;
	lint_severity fail_on;
	bool exit_zero;
	bool ran; /* false after --help or a usage error: nothing to write */
} lint_outcome;

/* Parse lint's arguments and lint; the exit status lint would give.  The
 * caller writes out->rep and frees it (report_free) in every case. */
int lint_collect(int argc, char **argv, lint_outcome *out);
/* Colour for text on a terminal, unless NO_COLOR says otherwise. */
bool lint_colour(report_format format);

#endif
