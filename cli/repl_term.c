/*
 * repl_term.c - the simulate REPL on a terminal: libedit's readline API
 * for line editing, a history file, and tab completion of commands,
 * caller kinds, principal types, role names and the condition keys the
 * loaded policy mentions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <editline/readline.h>

#include "repl_session.h"

/* libedit's completion callbacks take no user data. */
static repl_session *session;
/* The candidates of the completion in progress; `owned` is freed next time. */
static const char **cands, **owned;
static size_t n_cands;

/* $XDG_STATE_HOME/trustlint/history, else ~/.local/state/trustlint/history,
 * with its folders made; NULL when there is no home to keep it in. */
static char *history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char path[4096], *p;
	int n;

	/* the XDG spec says a relative path is invalid and to be ignored */
	if (state && state[0] == '/')
		n = snprintf(path, sizeof(path), "%s/trustlint/history", state);
	else if (home && *home)
		n = snprintf(path, sizeof(path), "%s/.local/state/trustlint/history", home);
	else
		return NULL;
	if (n < 0 || (size_t)n >= sizeof(path))
		return NULL;
	for (p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return NULL; /* no history, but the session goes on */
		}
		*p = '/';
	}
	return strdup(path);
}

/* libedit calls this with state 0, then again until NULL; prefixes fold case like keys do. */
static char *generate(const char *text, int state)
{
	static size_t i, len;

	if (!state) {
		i = 0;
		len = strlen(text);
	}
	while (i < n_cands) {
		const char *c = cands[i++];
		if (strncasecmp(c, text, len) == 0)
			return strdup(c);
	}
	return NULL;
}

/* The policy's condition keys, then the request's own (for unset). */
static void key_candidates(void)
{
	size_t n, i, j, extra = tl_request_key_count(session->req);
	const char **keys = repl_policy_keys(session, &n);
	const char **all = realloc(keys, (n + extra + 1) * sizeof(*all));

	if (!all) {
		free(keys);
		return;
	}
	for (i = 0; i < extra; i++) {
		const char *k = tl_request_key(session->req, i, NULL, NULL);
		for (j = 0; j < n && strcasecmp(all[j], k) != 0; j++)
			;
		if (j == n)
			all[n++] = k;
	}
	owned = cands = all;
	n_cands = n;
}

/* Role names of the loaded file (a lone policy has none). */
static void role_candidates(void)
{
	size_t i, n = session->src ? tl_source_role_count(session->src) : 0;
	const char **names = calloc(n + 1, sizeof(*names));

	if (!names)
		return;
	for (i = 0; i < n; i++)
		if (tl_source_role(session->src, i)->name)
			names[n_cands++] = tl_source_role(session->src, i)->name;
	owned = cands = names;
}

/* From the one command table, so completion never misses a command. */
static void command_candidates(void)
{
	size_t n = 0;
	const char **names;

	while (repl_commands[n].name)
		n++;
	names = calloc(n + 1, sizeof(*names));
	if (!names)
		return;
	for (n_cands = 0; n_cands < n; n_cands++)
		names[n_cands] = repl_commands[n_cands].name;
	owned = cands = names;
}

/* Length of a NULL-terminated list. */
static size_t count(const char *const *list)
{
	size_t n = 0;

	while (list[n])
		n++;
	return n;
}

/*
 * What to complete depends on the command and the word's position: the
 * first word is a command, the first argument is what the command's
 * table entry says; file names fall back to libedit's own completion.
 */
static char **complete(const char *text, int start, int end)
{
	const repl_command *c = NULL;
	char first[32] = "";
	int words = 0, i = 0;

	(void)end;
	free(owned);
	owned = cands = NULL;
	n_cands = 0;
	rl_attempted_completion_over = 1;
	while (i < start) {
		int from;
		while (i < start && (rl_line_buffer[i] == ' ' || rl_line_buffer[i] == '\t'))
			i++;
		if (i >= start)
			break;
		from = i;
		while (i < start && rl_line_buffer[i] != ' ' && rl_line_buffer[i] != '\t')
			i++;
		if (words++ == 0)
			snprintf(first, sizeof(first), "%.*s", i - from, rl_line_buffer + from);
	}
	if (words == 0) {
		command_candidates();
		return rl_completion_matches(text, generate);
	}
	for (i = 0; repl_commands[i].name && !c; i++)
		if (strcmp(repl_commands[i].name, first) == 0)
			c = &repl_commands[i];
	if (!c || words > 1)
		return NULL;
	switch (c->complete) {
	case COMPLETE_COMMAND:
		command_candidates();
		break;
	case COMPLETE_FILE:
		rl_attempted_completion_over = 0;
		return NULL;
	case COMPLETE_KEY:
		key_candidates();
		break;
	case COMPLETE_CALLER:
		cands = (const char **)tl_caller_kinds;
		n_cands = count(tl_caller_kinds);
		break;
	case COMPLETE_PRINCIPAL:
		cands = (const char **)repl_principal_types;
		n_cands = count(repl_principal_types);
		break;
	case COMPLETE_ROLE:
		role_candidates();
		break;
	case COMPLETE_EXPECT:
		cands = (const char **)repl_expect_words;
		n_cands = count(repl_expect_words);
		break;
	default:
		return NULL;
	}
	return rl_completion_matches(text, generate);
}

/* readline until quit or ^D; the history is saved line by line. */
void repl_terminal(repl_session *s)
{
	char *hist = history_path(), *line = NULL;

	session = s;
	rl_readline_name = "trustlint";
	rl_attempted_completion_function = complete;
	/* condition keys hold ':' and '/', which must not split a word */
	rl_basic_word_break_characters = " \t\n\"";
	using_history();
	stifle_history(1000);
	if (hist)
		read_history(hist);
	while (!repl_quitting() && (line = readline("trustlint> ")) != NULL) {
		/* written at once: a session killed by ^C keeps its history;
		 * best effort, a session never fails for its history */
		if (*line) {
			add_history(line);
			if (hist)
				write_history(hist);
		}
		if (strlen(line) > REPL_MAX_LINE)
			repl_error(s, "line longer than %d bytes", REPL_MAX_LINE);
		else
			repl_run_line(s, line);
		free(line);
		line = NULL;
	}
	if (!repl_quitting())
		putchar('\n'); /* after ^D, leave the shell's prompt a line of its own */
	free(hist);
	free(owned);
	owned = cands = NULL;
	session = NULL;
}
