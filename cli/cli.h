/*
 * cli.h - what the subcommands share: exit codes (defined here and only
 * here), the subcommand signature, and small output helpers.
 */
#ifndef TL_CLI_H
#define TL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "trustlint.h"

/* Exit codes of every subcommand (documented in README.md and trustlint.1). */
enum {
	EXIT_CLEAN = 0,    /* nothing at or above the threshold; every expectation held */
	EXIT_FINDINGS = 1, /* findings at or above the threshold, or an expectation failed */
	EXIT_TROUBLE = 2   /* usage, I/O or parse error */
};

typedef int (*cmd_fn)(int argc, char **argv);

int cmd_eval(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_check(int argc, char **argv);

/*
 * The subcommand's arguments with each "--name=VALUE" split in two
 * (args.c): returns the new count and a malloc'd array in *out (free it,
 * not its strings), or -1 after printing a usage error.
 */
int cli_split_equals(int argc, char **argv, char ***out);

/* JSON output: a quoted, escaped string. */
void json_str(FILE *out, const char *s, size_t len);
void json_cstr(FILE *out, const char *s); /* NULL prints null */

/*
 * Control characters in a value would break one-line output (or, sent to a
 * terminal, drive it): text_escape writes `s` with \n, \r, \t and \xNN in
 * their place.  control_escape is the one-character step: true, with the
 * escape in `out` (room for 8), when `c` needs one.
 */
bool control_escape(char c, char out[8]);
void text_escape(FILE *out, const char *s);

/* "file:line:col: severity: message" for one engine error. */
void print_error(FILE *out, const char *file, const tl_error *err);

/* The largest document the CLI reads. */
#define CLI_MAX_FILE ((size_t)64 << 20)

#endif
