/*
 * repl_session.h - the state of one `trustlint simulate` session and the
 * commands that act on it (cli/cmd_simulate.c and cli/repl_*.c).
 *
 * Ownership: a repl_session owns everything it points to (the loaded
 * source, its lint config and trace, the request); commands replace a
 * piece only once its replacement is complete, so a failed command leaves
 * the session as it was.  Command handlers return 0, or -1 after printing
 * one "error: " line through repl_error.
 */
#ifndef TL_REPL_SESSION_H
#define TL_REPL_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "trustlint.h"

#define REPL_MAX_ARGS 64
#define REPL_MAX_LINE 65536

typedef struct repl_session {
	/* the policy: a file holds one or more roles; one may be selected */
	char *file; /* as given to load; NULL before any load */
	tl_source *src;
	lint_config *cfg; /* the nearest .trustlint.json, or defaults */
	long role;        /* selected role, -1 when none */
	tl_trace *trace;  /* sized for the selected role's policy */
	/* the request */
	tl_request *req;
	tl_caller_actions actions; /* n == 0: just the request's own action */
	char *action_copies[3];    /* owns actions.action[] after `open`, else NULL */
	/* the session */
	bool interactive, colour;
	unsigned long line; /* of the script being run, from 1; 0 on a terminal */
	unsigned long changes; /* counts changes to the request and the policy */
	bool have_last;   /* an eval or explain has run */
	unsigned long decided_at; /* `changes` when it ran: stale unless equal */
	tl_decision last; /* its decision (every action together) */
	tl_result last_results[3]; /* each action's result, for expect */
	size_t n_last_results;
	unsigned errors, failed_expectations;
} repl_session;

/* What the words after a command complete to on a terminal. */
typedef enum repl_completion {
	COMPLETE_NONE,
	COMPLETE_COMMAND,
	COMPLETE_FILE,
	COMPLETE_KEY,
	COMPLETE_CALLER,
	COMPLETE_PRINCIPAL,
	COMPLETE_ROLE,
	COMPLETE_EXPECT
} repl_completion;

typedef int (*repl_fn)(repl_session *s, int argc, char **argv);

typedef struct repl_command {
	const char *name;
	const char *args;       /* synopsis of the arguments */
	int min_args, max_args; /* not counting the command; max -1: any */
	repl_fn fn;
	repl_completion complete; /* for the first argument */
	const char *summary;
	const char *help; /* the rest of `help CMD` */
} repl_command;

/* The one command table (cmd_simulate.c), NULL-name terminated. */
extern const repl_command repl_commands[];

/* Print "error: ..." (after flushing stdout, so a transcript keeps its
 * order; in a script after "line N: ") and count it; returns -1 for the
 * handler to return. */
int repl_error(repl_session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print "line N: " to stderr when running line N of a script. */
void repl_where(const repl_session *s);
/* Print "warning: ..." the same way; warnings do not change the exit status. */
void repl_warning(const repl_session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Run one line: split it, find the command, run it. */
void repl_run_line(repl_session *s, char *line);
/* True once `quit` has run. */
bool repl_quitting(void);

/* The selected role, or NULL. */
const tl_role *repl_selected_role(const repl_session *s);
/* The selected role's policy, or NULL. */
const tl_policy *repl_policy(const repl_session *s);
/* The same, or NULL after an error saying what to load or select. */
const tl_policy *repl_need_policy(repl_session *s);
/* Every condition key the loaded policy (the selected role, else every
 * role) mentions, first spelling of each, for completion; *n set. */
const char **repl_policy_keys(const repl_session *s, size_t *n);
void repl_session_free(repl_session *s);

/* repl_policy.c */
int repl_load(repl_session *s, const char *path);
int repl_cmd_load(repl_session *s, int argc, char **argv);
int repl_cmd_role(repl_session *s, int argc, char **argv);
int repl_cmd_show(repl_session *s, int argc, char **argv);
int repl_cmd_lint_policy(repl_session *s, int argc, char **argv);

/* repl_request.c */
int repl_cmd_principal(repl_session *s, int argc, char **argv);
int repl_cmd_action(repl_session *s, int argc, char **argv);
int repl_cmd_set(repl_session *s, int argc, char **argv);
int repl_cmd_add(repl_session *s, int argc, char **argv);
int repl_cmd_unset(repl_session *s, int argc, char **argv);
int repl_cmd_context(repl_session *s, int argc, char **argv);
int repl_cmd_reset(repl_session *s, int argc, char **argv);
int repl_cmd_caller(repl_session *s, int argc, char **argv);
int repl_cmd_save(repl_session *s, int argc, char **argv);
int repl_cmd_open(repl_session *s, int argc, char **argv);
/* Free what `open` copied for several actions; the request keeps its own. */
void repl_forget_action_copies(repl_session *s);
/* "Federated" and the like, any case; false when unknown. */
bool repl_principal_type(const char *name, tl_principal_type *out);
extern const char *const repl_principal_types[];

/* repl_eval.c */
int repl_cmd_eval_request(repl_session *s, int argc, char **argv);
int repl_cmd_explain(repl_session *s, int argc, char **argv);
int repl_cmd_expect(repl_session *s, int argc, char **argv);
/* Check the last decision against allow|deny|explicit-deny|implicit-deny. */
int repl_expect(repl_session *s, const char *want);
extern const char *const repl_expect_words[];

/* repl_term.c: the terminal session (line editing, history, completion). */
void repl_terminal(repl_session *s);

#endif
