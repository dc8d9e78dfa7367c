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
	tl_error err = {0};

	if (!repl_principal_type(argv[1], &type))
		return repl_error(s,
		                  "unknown principal type \"%s\" (AWS, Service, Federated, "
		                  "CanonicalUser or Anonymous)",
		                  argv[1]);
	if (type == TL_PRINCIPAL_ANONYMOUS && argc > 2)
		return repl_error(s, "an Anonymous caller has no ID");
	if (type != TL_PRINCIPAL_ANONYMOUS && (argc < 3 || !*argv[2]))
		return repl_error(s, "usage: principal %s ID", repl_principal_types[type]);
	if (tl_principal_id_check(type, argc > 2 ? argv[2] : NULL, &err) != TL_OK)
		return repl_error(s, "%s", err.message);
	if (tl_request_set_principal(s->req, type, argc > 2 ? argv[2] : NULL) != TL_OK)
		return repl_error(s, "out of memory");
	s->changes++;
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
	repl_forget_action_copies(s);
	s->changes++;
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
	s->changes++;
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
	s->changes++;
	return 0;
}

/* Unsetting a key that is not there is usually a misspelt key: say so. */
int repl_cmd_unset(repl_session *s, int argc, char **argv)
{
	(void)argc;
	if (key_index(s->req, argv[1]) < 0)
		return repl_error(s, "%s is not in the request (context lists the keys)", argv[1]);
	tl_request_unset(s->req, argv[1]);
	s->changes++;
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
	repl_forget_action_copies(s);
	s->changes++;
	return 0;
}

/* One line after a request is replaced wholesale (caller, open). */
static void summarise(const repl_session *s, const char *what)
{
	const char *id = tl_request_principal_id(s->req);
	size_t keys = tl_request_key_count(s->req);

	printf("%s: %s%s%s; ", what, tl_principal_type_name(tl_request_principal_type(s->req)),
	       id ? " " : "", id ? id : "");
	if (s->actions.n > 1) {
		size_t i;
		printf("actions");
		for (i = 0; i < s->actions.n; i++)
			printf("%s %s", i == 0 ? "" : i + 1 == s->actions.n ? " and" : ",",
			       s->actions.action[i]);
	} else
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
	                      (size_t)argc - 2, &actions, &err) != TL_OK ||
	    tl_principal_id_check(tl_request_principal_type(req), tl_request_principal_id(req),
	                          &err) != TL_OK) {
		tl_request_free(req);
		return repl_error(s, "caller %s: %s", argv[1], err.message);
	}
	tl_request_free(s->req);
	s->req = req;
	repl_forget_action_copies(s);
	s->actions = actions;
	s->changes++;
	summarise(s, "caller");
	return 0;
}

void repl_forget_action_copies(repl_session *s)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		free(s->action_copies[i]);
		s->action_copies[i] = NULL;
	}
	s->actions.n = 0;
}

/* The request form of `eval --request` with one of its actions; derived
 * keys are left out, as reading it derives them again. */
static void write_request(FILE *out, const tl_request *req, const char *action)
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
	json_cstr(out, action);
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
	fputs("}}", out);
}

/* The policy's JSON without white space between tokens, so it fits on
 * one line; strings (and their escapes) are copied as they are. */
static void write_policy(FILE *out, const tl_role *r)
{
	bool in_string = false;
	size_t i;

	for (i = 0; i < r->len; i++) {
		char c = r->text[i];
		if (in_string && c == '\\' && i + 1 < r->len) {
			fputc(c, out);
			c = r->text[++i];
		} else if (c == '"') {
			in_string = !in_string;
		} else if (!in_string && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
			continue;
		}
		fputc(c, out);
	}
}

/*
 * One `eval --batch` line per action the caller needs, each with the
 * selected policy inline, so the file decides the same in `eval --batch`
 * as in the session, and `open` gets every action back.  A policy IAM
 * would refuse is decided anyway here, so its lines say allow_invalid.
 */
static void write_lines(FILE *out, const repl_session *s)
{
	const tl_role *r = repl_selected_role(s);
	size_t i, n = s->actions.n ? s->actions.n : 1;

	for (i = 0; i < n; i++) {
		const char *action = s->actions.n ? s->actions.action[i] : tl_request_action(s->req);
		fputs("{\"id\": ", out);
		json_cstr(out, action);
		if (r && r->policy && r->text) {
			fputs(", \"policy\": ", out);
			write_policy(out, r);
			if (tl_policy_document(r->policy)->n_hard_problems)
				fputs(", \"allow_invalid\": true", out);
		}
		fputs(", \"request\": ", out);
		write_request(out, s->req, action);
		fputs("}\n", out);
	}
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
	write_lines(out, s);
	if (out != stdout && (ferror(out) | (fclose(out) != 0)))
		return repl_error(s, "cannot write %s: %s", path, strerror(errno));
	if (out != stdout)
		printf("saved %s: %zu line%s\n", path, s->actions.n > 1 ? s->actions.n : 1,
		       s->actions.n > 1 ? "s, one per action" : "");
	if (!repl_policy(s))
		repl_warning(s, "no policy is selected, so the lines carry none: `trustlint eval "
		                "--batch` needs \"policy\" or \"policy_file\" on each");
	return 0;
}

/* Same caller, same keys and values; only the action may differ. */
static bool same_but_action(const tl_request *a, const tl_request *b)
{
	const char *ia = tl_request_principal_id(a), *ib = tl_request_principal_id(b);
	size_t i, j, na, nb, la, lb, keys = tl_request_key_count(a);
	bool da, db;

	if (tl_request_principal_type(a) != tl_request_principal_type(b) || !ia != !ib ||
	    (ia && strcmp(ia, ib) != 0) || keys != tl_request_key_count(b))
		return false;
	for (i = 0; i < keys; i++) {
		const char *ka = tl_request_key(a, i, &na, &da), *kb = tl_request_key(b, i, &nb, &db);
		if (strcmp(ka, kb) != 0 || na != nb || da != db)
			return false;
		for (j = 0; j < na; j++) {
			const char *va = tl_request_value(a, i, j, &la), *vb = tl_request_value(b, i, j, &lb);
			if (la != lb || memcmp(va, vb, la) != 0)
				return false;
		}
	}
	return true;
}

/* A request read from a file names a caller `principal` would accept. */
static int check_caller(repl_session *s, const char *path, unsigned long line,
                        const tl_request *req)
{
	tl_error err = {0};

	if (tl_principal_id_check(tl_request_principal_type(req), tl_request_principal_id(req),
	                          &err) == TL_OK)
		return 0;
	if (line)
		return repl_error(s, "%s:%lu: request.principal.id: %s", path, line, err.message);
	return repl_error(s, "%s: request.principal.id: %s", path, err.message);
}

/* What `open` builds aside before it swaps anything in. */
typedef struct opened {
	tl_request *req;
	tl_caller_actions actions;
	char *copies[3];
} opened;

static void opened_free(opened *o)
{
	size_t i;

	tl_request_free(o->req);
	for (i = 0; i < 3; i++)
		free(o->copies[i]);
}

/* Keep line k's action (k from 0); the first line's request is the request. */
static int take_action(repl_session *s, const char *path, unsigned long line, opened *o,
                       const tl_request *req)
{
	const char *action = tl_request_action(req);
	size_t i, k = o->actions.n;

	if (k == 3)
		return repl_error(s, "%s:%lu: a saved caller has at most 3 actions, one a line",
		                  path, line);
	for (i = 0; i < k; i++)
		if (strcmp(o->actions.action[i], action) == 0)
			return repl_error(s, "%s:%lu: %s again: each line is another action", path,
			                  line, action);
	if (k && !same_but_action(o->req, req))
		return repl_error(s,
		                  "%s:%lu: the request differs from the first line's in more than "
		                  "its action (the lines of one saved caller differ only there)",
		                  path, line);
	o->copies[k] = strdup(action);
	if (!o->copies[k])
		return repl_error(s, "out of memory");
	o->actions.action[k] = o->copies[k];
	o->actions.n = k + 1;
	return 0;
}

/* JSON lines as `save` writes them: one request per line, one caller. */
static int read_lines(repl_session *s, const char *path, const char *text, opened *o)
{
	const char *p = text, *end;
	unsigned long line = 0;
	tl_request *req = NULL;
	tl_error err = {0};
	int rc = -1;

	for (; *p; p = *end ? end + 1 : end) {
		size_t len;
		end = strchr(p, '\n');
		if (!end)
			end = p + strlen(p);
		line++;
		len = (size_t)(end - p);
		if (strspn(p, " \t\r") >= len)
			continue;
		if (!req && !(req = tl_request_new()))
			return repl_error(s, "out of memory");
		if (tl_request_from_saved(req, p, len, &err) != TL_OK) {
			if (err.column)
				repl_error(s, "%s:%lu:%u: %s", path, line, err.column, err.message);
			else
				repl_error(s, "%s:%lu: %s", path, line, err.message);
			goto done;
		}
		if (check_caller(s, path, line, req) < 0 || take_action(s, path, line, o, req) < 0)
			goto done;
		if (!o->req) {
			o->req = req;
			req = NULL;
		}
	}
	rc = 0;
done:
	tl_request_free(req);
	return rc;
}

/* A first line that is not blank, and another after it. */
static bool several_lines(const char *text)
{
	const char *nl = strchr(text, '\n');

	if (!nl || strspn(nl + 1, " \t\r\n") == strlen(nl + 1))
		return false;
	return strspn(text, " \t\r") < (size_t)(nl - text);
}

/*
 * One request (the `eval --request` form, or one batch line), else JSON
 * lines as `save` writes them.  A file that is neither reports the error
 * of reading it as one document: that is the likelier mistake.
 */
static int read_saved(repl_session *s, const char *path, const char *text, size_t len,
                      opened *o)
{
	tl_error err = {0};

	o->req = tl_request_new();
	if (!o->req)
		return repl_error(s, "out of memory");
	if (tl_request_from_saved(o->req, text, len, &err) == TL_OK)
		return check_caller(s, path, 0, o->req);
	if (err.status == TL_ESYNTAX && several_lines(text)) {
		tl_error first = {0};
		const char *nl = strchr(text, '\n');
		tl_request *probe = tl_request_new();
		bool is_lines = probe && tl_request_from_saved(probe, text, (size_t)(nl - text),
		                                               &first) == TL_OK;
		tl_request_free(probe);
		if (is_lines) {
			tl_request_free(o->req);
			o->req = NULL;
			return read_lines(s, path, text, o);
		}
	}
	if (err.line)
		return repl_error(s, "%s:%u:%u: %s", path, err.line, err.column, err.message);
	return repl_error(s, "%s: %s", path, err.message);
}

/* Read into `opened` and swap it in only when it is complete. */
int repl_cmd_open(repl_session *s, int argc, char **argv)
{
	const char *path = argv[1];
	opened o = {0};
	tl_error err = {0};
	char *text = NULL;
	size_t len, i;
	int rc = -1;

	(void)argc;
	if (strcmp(path, "-") == 0)
		return repl_error(
		    s, "open reads a file, not standard input (the commands come from it)");
	if (tl_file_read(path, CLI_MAX_FILE, &text, &len, &err) != TL_OK) {
		repl_error(s, "%s", err.message);
		goto done;
	}
	if (read_saved(s, path, text, len, &o) < 0)
		goto done;
	tl_request_free(s->req);
	s->req = o.req;
	o.req = NULL;
	repl_forget_action_copies(s);
	if (o.actions.n > 1) {
		s->actions = o.actions;
		for (i = 0; i < 3; i++) {
			s->action_copies[i] = o.copies[i];
			o.copies[i] = NULL;
		}
	}
	s->changes++;
	printf("opened ");
	summarise(s, path);
	rc = 0;
done:
	opened_free(&o);
	free(text);
	return rc;
}
