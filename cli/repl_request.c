/*
 * repl_request.c - the simulate REPL's request side: the caller, the
 * action(s), the context keys, the caller shorthands, and requests saved
 * to and read from files in the `eval --request` / `--batch` form.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "repl_session.h"

/* In tl_principal_type order, so the index is the type. */
const char *const repl_principal_types[] = {"AWS",           "Service",   "Federated",
                                            "CanonicalUser", "Anonymous", NULL};

bool repl_principal_type(const char *name, tl_principal_type *out)
{
	size_t i;

	for (i = 0; repl_principal_types[i]; i++)
		if (strcasecmp(name, repl_principal_types[i]) == 0) {
			*out = (tl_principal_type)i;
			return true;
		}
	return false;
}

/* Keys derived from the old caller would describe someone else. */
static void drop_derived(tl_request *req)
{
	size_t i = tl_request_key_count(req), n;
	bool derived;

	while (i-- > 0) {
		const char *k = tl_request_key(req, i, &n, &derived);
		char *copy;
		if (!derived || !(copy = strdup(k)))
			continue;
		tl_request_unset(req, copy);
		free(copy);
	}
}

/* Validate before touching the request, so a bad line changes nothing. */
int repl_cmd_principal(repl_session *s, int argc, char **argv)
{
	tl_principal_type type;

	if (!repl_principal_type(argv[1], &type))
		return repl_error(s,
		                  "unknown principal type \"%s\" (AWS, Service, Federated, "
		                  "CanonicalUser or Anonymous)",
		                  argv[1]);
	if (type == TL_PRINCIPAL_ANONYMOUS && argc > 2)
		return repl_error(s, "an Anonymous caller has no ID");
	if (type != TL_PRINCIPAL_ANONYMOUS && (argc < 3 || !*argv[2]))
		return repl_error(s, "usage: principal %s ID", repl_principal_types[type]);
	if (tl_request_set_principal(s->req, type, argc > 2 ? argv[2] : NULL) != TL_OK)
		return repl_error(s, "out of memory");
	drop_derived(s->req);
	if (tl_request_derive(s->req) != TL_OK)
		return repl_error(s, "out of memory");
	return 0;
}

/* A word without SERVICE: is a typo, never an action any policy names. */
int repl_cmd_action(repl_session *s, int argc, char **argv)
{
	const char *colon = strchr(argv[1], ':');

	(void)argc;
	if (!colon || colon == argv[1] || strpbrk(argv[1], " \t"))
		return repl_error(
		    s, "\"%s\" is not an action (SERVICE:NAME, such as sts:AssumeRole)", argv[1]);
	if (tl_request_set_action(s->req, argv[1]) != TL_OK)
		return repl_error(s, "out of memory");
	s->actions.n = 0;
	return 0;
}

/* The index of KEY in the request (keys fold ASCII case), or -1. */
static long key_index(const tl_request *req, const char *key)
{
	size_t i, n = tl_request_key_count(req);

	for (i = 0; i < n; i++)
		if (strcasecmp(tl_request_key(req, i, NULL, NULL), key) == 0)
			return (long)i;
	return -1;
}

/* `set KEY` alone is present-but-empty: absent is `unset`, and one empty
 * string is `set KEY ""`; all three decide differently. */
int repl_cmd_set(repl_session *s, int argc, char **argv)
{
	tl_status st = TL_OK;
	int i;

	if (!*argv[1])
		return repl_error(s, "a context key needs a name");
	/* emptying keeps the key where it was in the request's order */
	st = tl_request_set_empty(s->req, argv[1]);
	for (i = 2; i < argc && st == TL_OK; i++)
		st = tl_request_add(s->req, argv[1], argv[i], strlen(argv[i]));
	return st == TL_OK ? 0 : repl_error(s, "out of memory");
}

/* Appends, keeping what is there (a derived value included). */
int repl_cmd_add(repl_session *s, int argc, char **argv)
{
	(void)argc;
	if (!*argv[1])
		return repl_error(s, "a context key needs a name");
	if (tl_request_add(s->req, argv[1], argv[2], strlen(argv[2])) != TL_OK)
		return repl_error(s, "out of memory");
	return 0;
}

/* Unsetting a key that is not there is usually a misspelt key: say so. */
int repl_cmd_unset(repl_session *s, int argc, char **argv)
{
	(void)argc;
	if (key_index(s->req, argv[1]) < 0)
		return repl_error(s, "%s is not in the request (context lists the keys)", argv[1]);
	tl_request_unset(s->req, argv[1]);
	return 0;
}

/* "v", ["a", "b"], or [] for a key present without values. */
static void print_key_values(FILE *out, const tl_request *req, size_t key)
{
	size_t n, i, len;

	tl_request_key(req, key, &n, NULL);
	if (n != 1)
		fputc('[', out);
	for (i = 0; i < n; i++) {
		const char *v = tl_request_value(req, key, i, &len);
		fputs(i ? ", " : "", out);
		json_str(out, v, len);
	}
	if (n != 1)
		fputc(']', out);
}

/* A caller with several actions shows them all: eval decides each. */
static void print_actions(const repl_session *s)
{
	size_t i;

	if (s->actions.n > 1) {
		printf("actions:");
		for (i = 0; i < s->actions.n; i++)
			printf("%s %s", i ? "," : "", s->actions.action[i]);
		printf(" (each is decided; the caller needs them all)\n");
	} else {
		printf("action: %s\n",
		       tl_request_action(s->req) ? tl_request_action(s->req) : "(none)");
	}
}

/* Values as JSON strings, so "" and spaces are visible. */
int repl_cmd_context(repl_session *s, int argc, char **argv)
{
	const tl_request *req = s->req;
	size_t i, n, keys = tl_request_key_count(req);
	bool derived;

	(void)argc;
	(void)argv;
	printf("principal: %s%s%s\n", tl_principal_type_name(tl_request_principal_type(req)),
	       tl_request_principal_id(req) ? " " : "",
	       tl_request_principal_id(req) ? tl_request_principal_id(req) : "");
	print_actions(s);
	printf("context:%s\n", keys ? "" : " (no keys)");
	for (i = 0; i < keys; i++) {
		const char *note = tl_request_derived_note(req, i);
		printf("  %s = ", tl_request_key(req, i, &n, &derived));
		print_key_values(stdout, req, i);
		printf("%s%s%s%s%s\n", n ? "" : " (present, no values)", derived ? "  (derived" : "",
		       note ? ", " : "", note ? note : "", derived ? ")" : "");
	}
	return 0;
}

/* The policy and the last decision stay: only the request goes. */
int repl_cmd_reset(repl_session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	tl_request_reset(s->req);
	s->actions.n = 0;
	return 0;
}

/* One line after a request is replaced wholesale (caller, open). */
static void summarise(const repl_session *s, const char *what)
{
	const char *id = tl_request_principal_id(s->req);
	size_t keys = tl_request_key_count(s->req);

	printf("%s: %s%s%s; ", what, tl_principal_type_name(tl_request_principal_type(s->req)),
	       id ? " " : "", id ? id : "");
	if (s->actions.n > 1)
		printf("actions %s and %s", s->actions.action[0], s->actions.action[1]);
	else
		printf("action %s",
		       tl_request_action(s->req) ? tl_request_action(s->req) : "(none)");
	printf("; %zu context key%s\n", keys, keys == 1 ? "" : "s");
}

/* Build the caller's request aside and swap it in: a bad argument must
 * not cost the request the session had. */
int repl_cmd_caller(repl_session *s, int argc, char **argv)
{
	tl_request *req = tl_request_new();
	tl_caller_actions actions;
	tl_error err = {0};

	if (!req)
		return repl_error(s, "out of memory");
	if (tl_request_caller(req, repl_policy(s), argv[1], (const char *const *)argv + 2,
	                      (size_t)argc - 2, &actions, &err) != TL_OK) {
		tl_request_free(req);
		return repl_error(s, "caller %s: %s", argv[1], err.message);
	}
	tl_request_free(s->req);
	s->req = req;
	s->actions = actions;
	summarise(s, "caller");
	return 0;
}

/* The request form of `eval --request`; derived keys are left out, as
 * reading the file derives them again. */
static void write_request(FILE *out, const tl_request *req)
{
	size_t i, n, keys = tl_request_key_count(req);
	bool derived, first = true;

	fprintf(out, "{\"principal\": {\"type\": ");
	json_cstr(out, tl_principal_type_name(tl_request_principal_type(req)));
	if (tl_request_principal_id(req)) {
		fputs(", \"id\": ", out);
		json_cstr(out, tl_request_principal_id(req));
	}
	fputs("}, \"action\": ", out);
	json_cstr(out, tl_request_action(req));
	fputs(", \"context\": {", out);
	for (i = 0; i < keys; i++) {
		const char *k = tl_request_key(req, i, &n, &derived);
		if (derived)
			continue;
		fputs(first ? "" : ", ", out);
		json_cstr(out, k);
		fputs(": ", out);
		if (n == 0)
			fputs("[]", out);
		else
			print_key_values(out, req, i);
		first = false;
	}
	fputs("}}\n", out);
}

/* FILE "-" writes to standard output. */
int repl_cmd_save(repl_session *s, int argc, char **argv)
{
	const char *path = argv[1];
	FILE *out;

	(void)argc;
	if (!tl_request_action(s->req))
		return repl_error(
		    s, "the request has no action to save (action ACTION, or caller ...)");
	out = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	if (!out)
		return repl_error(s, "cannot write %s: %s", path, strerror(errno));
	write_request(out, s->req);
	if (out == stdout)
		return 0;
	if (ferror(out) | (fclose(out) != 0))
		return repl_error(s, "cannot write %s: %s", path, strerror(errno));
	printf("saved %s", path);
	if (s->actions.n > 1)
		printf(" (with %s only: the request form holds one action)", s->actions.action[0]);
	fputc('\n', stdout);
	return 0;
}

/* Parse into a fresh request and swap it in only when it is complete. */
int repl_cmd_open(repl_session *s, int argc, char **argv)
{
	const char *path = argv[1];
	tl_request *req = NULL;
	tl_error err = {0};
	char *text = NULL;
	size_t len;
	int rc = -1;

	(void)argc;
	if (strcmp(path, "-") == 0)
		return repl_error(
		    s, "open reads a file, not standard input (the commands come from it)");
	if (tl_file_read(path, CLI_MAX_FILE, &text, &len, &err) != TL_OK) {
		repl_error(s, "%s", err.message);
		goto done;
	}
	req = tl_request_new();
	if (!req) {
		repl_error(s, "out of memory");
		goto done;
	}
	if (tl_request_from_json(req, text, len, &err) != TL_OK) {
		if (err.line)
			repl_error(s, "%s:%u:%u: %s", path, err.line, err.column, err.message);
		else
			repl_error(s, "%s: %s", path, err.message);
		goto done;
	}
	tl_request_free(s->req);
	s->req = req;
	req = NULL;
	s->actions.n = 0;
	printf("opened ");
	summarise(s, path);
	rc = 0;
done:
	tl_request_free(req);
	free(text);
	return rc;
}
