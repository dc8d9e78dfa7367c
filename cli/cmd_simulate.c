/*
 * cmd_simulate.c - `trustlint simulate [FILE]`: a REPL that loads a trust
 * policy, builds a request piece by piece and decides it, explains it and
 * lints the policy.  On a terminal it edits lines with libedit
 * (repl_term.c); otherwise it reads commands from stdin, so a session is a
 * script whose exit status says whether its expectations held.
 *
 * This file holds the command table, the line splitter and the script
 * loop; the commands live in repl_policy.c, repl_request.c, repl_eval.c.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "lines.h"
#include "repl_session.h"

static const char simulate_help[] =
	"usage: trustlint simulate [--expect allow|deny|explicit-deny|implicit-deny] [FILE]\n"
	"\n"
	"An interactive session with one role trust policy: describe a request (or a\n"
	"usual caller such as an IRSA service account or a GitHub workflow), decide it,\n"
	"see why, change one thing, decide again.  FILE is loaded first; it may be a\n"
	"policy, a CloudFormation/SAM template, a Terraform plan or an IAM account dump.\n"
	"Type `help` in the session for the commands.\n"
	"\n"
	"On a terminal: line editing, history ($XDG_STATE_HOME/trustlint/history or\n"
	"~/.local/state/trustlint/history), tab completion, colour unless NO_COLOR is set.\n"
	"Otherwise the commands are read from standard input, one a line, without a\n"
	"prompt, so a session is a script (lines starting with # are comments); its\n"
	"errors and failed expectations start with \"line N: \".\n"
	"\n"
	"  --expect WORD   after the last command, check the decision of the request as\n"
	"                  it stands: the last eval or explain if nothing changed since,\n"
	"                  else a new eval (printed); deny means ExplicitDeny or\n"
	"                  ImplicitDeny.  Scripts may also say `expect WORD` at any point\n"
	"\n"
	"Exit status: 2 when a command failed (not on a terminal) or a usage error,\n"
	"else 1 when an expectation failed, else 0.\n";

static int repl_cmd_help(repl_session *s, int argc, char **argv);
static int repl_cmd_quit(repl_session *s, int argc, char **argv);

const repl_command repl_commands[] = {
	{"load", "FILE", 1, 1, repl_cmd_load, COMPLETE_FILE,
	 "load a trust policy (or a file of roles)",
	 "Reads FILE in any input format trustlint knows (detected from the content): a\n"
	 "policy, a CloudFormation/SAM template (JSON or YAML), a Terraform plan, an IAM\n"
	 "account dump or get-role output.  With one role it is selected; with several,\n"
	 "pick one with `role NAME`.  If FILE cannot be loaded the old policy stays.\n"
	 "Lint uses the nearest .trustlint.json above FILE, as `trustlint lint` does.\n"},
	{"role", "[NAME [CONDITION=true|false ...]]", 0, 8, repl_cmd_role, COMPLETE_ROLE,
	 "list the roles of the file, or select one",
	 "Without NAME, lists the roles of the loaded file (* marks the selected one).\n"
	 "NAME is a role's name (logical id, resource address, role name) or its ARN.\n"
	 "A CloudFormation role with Fn::If is one policy per choice of its conditions;\n"
	 "pick one by naming them: role Ops Prod=true (role lists the choices).\n"},
	{"show", "", 0, 0, repl_cmd_show, COMPLETE_NONE,
	 "print the policy, statements numbered, with lint findings",
	 "Prints each statement (its number, effect, Sid, principal, action and conditions)\n"
	 "with the lint findings that point into it (marked !) below it.  In a file of\n"
	 "several roles before `role NAME`, lists the roles (name, ARN, line) instead.\n"},
	{"lint", "", 0, 0, repl_cmd_lint_policy, COMPLETE_NONE,
	 "lint the policy (as trustlint lint does)",
	 "Prints the findings for the selected role as `trustlint lint` does:\n"
	 "FILE:LINE:COL: SEVERITY: MESSAGE [TLnnn rule], then how to fix it.\n"},
	{"principal", "TYPE [ID]", 1, 2, repl_cmd_principal, COMPLETE_PRINCIPAL, "set the caller",
	 "TYPE is AWS, Service, Federated, CanonicalUser or Anonymous (which has no ID).\n"
	 "ID must fit TYPE: AWS a 12-digit account, an IAM user, role or root ARN, a role\n"
	 "session or federated user ARN, or *; Service a name such as ec2.amazonaws.com;\n"
	 "Federated an OIDC or SAML provider ARN, cognito-identity.amazonaws.com,\n"
	 "accounts.google.com, graph.facebook.com or www.amazon.com; CanonicalUser 64\n"
	 "hex digits.  A bad ID is an error and the caller stays as it was.\n"
	 "Keys derived from the old caller (aws:PrincipalArn, aws:PrincipalAccount,\n"
	 "aws:PrincipalType, aws:PrincipalIsAWSService, aws:username, aws:userid,\n"
	 "aws:PrincipalServiceName) are dropped and derived again from the new one.\n"},
	{"action", "ACTION", 1, 1, repl_cmd_action, COMPLETE_NONE,
	 "set the action (sts:AssumeRole, ...)",
	 "Sets the one action to decide; it replaces the actions a caller shorthand set.\n"},
	{"set", "KEY [VALUE...]", 1, -1, repl_cmd_set, COMPLETE_KEY,
	 "give a context key its values",
	 "Replaces KEY's values.  Several values make a multi-valued key (for ForAnyValue /\n"
	 "ForAllValues); no value makes KEY present with no values, which is not the same\n"
	 "as absent (see `unset`) nor as one empty string (set KEY \"\").\n"},
	{"add", "KEY VALUE", 2, 2, repl_cmd_add, COMPLETE_KEY, "add one value to a context key",
	 "Appends VALUE to KEY's values, creating KEY if it is absent.  A key the engine\n"
	 "derived becomes the request's own, keeping the derived value.\n"},
	{"unset", "KEY", 1, 1, repl_cmd_unset, COMPLETE_KEY, "make a context key absent",
	 "Removes KEY (keys fold ASCII case).  A derived key stays removed until the\n"
	 "caller changes.\n"},
	{"context", "", 0, 0, repl_cmd_context, COMPLETE_NONE,
	 "print the request: principal, action, keys",
	 "Prints the principal, the action(s) and every context key with its values;\n"
	 "keys the engine derived from the caller are marked (derived).\n"},
	{"reset", "", 0, 0, repl_cmd_reset, COMPLETE_NONE, "forget the request",
	 "Forgets principal, action(s) and context; the policy stays loaded.\n"},
	{"caller", "KIND ARGS...", 1, -1, repl_cmd_caller, COMPLETE_CALLER,
	 "describe a usual caller in one line",
	 "Replaces the request with what a usual caller sends:\n"
	 "  irsa ISSUER-OR-PROVIDER-ARN-OR-CLUSTER-ID NAMESPACE SERVICE-ACCOUNT\n"
	 "  pod-identity CLUSTER-ARN NAMESPACE SERVICE-ACCOUNT  (sts:AssumeRole and\n"
	 "      sts:TagSession: eval decides both; Allow only when both allow)\n"
	 "  github OWNER/REPO [BRANCH | refs/heads/X | refs/tags/X | environment:ENV |\n"
	 "      pull_request]\n"
	 "  gitlab GROUP/PROJECT [BRANCH]     terraform ORG PROJECT WORKSPACE [plan|apply]\n"
	 "  role ARN   user ARN   account ID   service NAME   saml PROVIDER-ARN\n"
	 "The loaded policy supplies what the arguments leave out (the OIDC provider's\n"
	 "account).  Change any key afterwards with set, add and unset.\n"},
	{"eval", "", 0, 0, repl_cmd_eval_request, COMPLETE_NONE, "decide the request, in one line",
	 "Prints the decision and the statement that decided it (for ImplicitDeny, the\n"
	 "nearest Allow statement): its Sid, principal and each condition with a check or\n"
	 "a cross.  A caller with several actions gets one line per action, then the\n"
	 "decision for all of them.\n"},
	{"explain", "", 0, 0, repl_cmd_explain, COMPLETE_NONE,
	 "decide the request and say why, statement by statement",
	 "For each statement: principal, action and each condition with its operator, the\n"
	 "policy's values, the request's values and why it held or failed; then which\n"
	 "statement decided (as `trustlint eval` prints it).\n"},
	{"expect", "allow|deny|explicit-deny|implicit-deny", 1, 1, repl_cmd_expect, COMPLETE_EXPECT,
	 "check the decision of the request",
	 "Checks the decision of the request as it stands (deny is either deny): that of\n"
	 "the last eval or explain when nothing changed since, else it decides first and\n"
	 "prints the eval line.  A failed expectation makes the session exit 1.\n"},
	{"save", "FILE", 1, 1, repl_cmd_save, COMPLETE_FILE,
	 "write the request as `eval --batch` lines",
	 "Writes one `trustlint eval --batch` line per action the caller needs:\n"
	 "{\"id\": ACTION, \"policy\": {...}, \"request\": {\"principal\": {...}, \"action\":\n"
	 "ACTION, \"context\": {...}}}, the selected policy inline (with \"allow_invalid\":\n"
	 "true when IAM would refuse it), so `eval --batch FILE` decides as the session\n"
	 "does; \"request\" is the form of `eval --request`.  Derived keys are left out\n"
	 "(reading the file derives them again).  `save -` prints the lines instead.\n"},
	{"open", "FILE", 1, 1, repl_cmd_open, COMPLETE_FILE, "read a saved request",
	 "Replaces the request with the one in FILE: lines as `save` writes them (every\n"
	 "line the same caller and context, one action each: the caller needs them all;\n"
	 "their policy is not read), one batch line, or an `eval --request` file.\n"},
	{"help", "[COMMAND]", 0, 1, repl_cmd_help, COMPLETE_COMMAND,
	 "list the commands, or explain one",
	 "Arguments are split on white space; \"double quotes\" keep spaces in a value,\n"
	 "and \\\" and \\\\ inside quotes stand for \" and \\.  Lines starting with # are\n"
	 "comments.\n"},
	{"quit", "", 0, 0, repl_cmd_quit, COMPLETE_NONE, "end the session (so does end of input)",
	 "Ends the session; the exit status says whether a command failed (in scripts) or\n"
	 "an expectation failed.\n"},
	{NULL, NULL, 0, 0, NULL, COMPLETE_NONE, NULL, NULL},
};

static bool quitting;

bool repl_quitting(void)
{
	return quitting;
}

/* A script's diagnostics say which of its lines they are about. */
void repl_where(const repl_session *s)
{
	if (!s->interactive && s->line)
		fprintf(stderr, "line %lu: ", s->line);
}

int repl_error(repl_session *s, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	repl_where(s);
	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	s->errors++;
	return -1;
}

void repl_warning(const repl_session *s, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	repl_where(s);
	fputs("warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
}

static const repl_command *find_command(const char *name)
{
	const repl_command *c;

	for (c = repl_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* `help` alone is the command list; `help CMD` its synopsis and text. */
static int repl_cmd_help(repl_session *s, int argc, char **argv)
{
	const repl_command *c;

	if (argc == 2) {
		c = find_command(argv[1]);
		if (!c)
			return repl_error(s, "no command \"%s\" (help lists them)", argv[1]);
		printf("%s%s%s: %s\n%s", c->name, *c->args ? " " : "", c->args, c->summary,
		       c->help);
		return 0;
	}
	printf("commands (help COMMAND for more):\n");
	for (c = repl_commands; c->name; c++) {
		char head[64];
		snprintf(head, sizeof(head), "%s %s", c->name, c->args);
		if (strlen(head) > 22) /* a long synopsis gets a line of its own */
			printf("  %s\n  %-22s %s\n", head, "", c->summary);
		else
			printf("  %-22s %s\n", head, c->summary);
	}
	printf("values with spaces go in \"double quotes\" (help help)\n");
	return 0;
}

/* The loops check repl_quitting() before reading another line. */
static int repl_cmd_quit(repl_session *s, int argc, char **argv)
{
	(void)s;
	(void)argc;
	(void)argv;
	quitting = true;
	return 0;
}

/*
 * Split `line` in place on white space; "double quotes" group words and
 * may be empty ("" is one empty argument).  Returns the count, or -1 with
 * *why set.  In-place is safe: an argument is never longer than its text.
 */
static int split(char *line, char **argv, int max, const char **why)
{
	char *r = line, *w = line;
	int n = 0;

	for (;;) {
		bool quoted = false;

		while (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n')
			r++;
		if (!*r)
			return n;
		if (n == max) {
			*why = "too many arguments";
			return -1;
		}
		argv[n++] = w;
		while (*r && (quoted || !(*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n'))) {
			if (*r == '"') {
				quoted = !quoted;
				r++;
			} else if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\')) {
				*w++ = r[1];
				r += 2;
			} else {
				*w++ = *r++;
			}
		}
		if (quoted) {
			*why = "unterminated \" quote";
			return -1;
		}
		/* the terminator may overwrite the separator just read, never unread text */
		if (*r)
			r++;
		*w++ = '\0';
	}
}

void repl_run_line(repl_session *s, char *line)
{
	char *argv[REPL_MAX_ARGS];
	const char *why = NULL;
	const repl_command *c;
	int argc, args;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '#')
		return;
	argc = split(line, argv, REPL_MAX_ARGS, &why);
	if (argc < 0) {
		repl_error(s, "%s", why);
		return;
	}
	if (argc == 0)
		return;
	c = find_command(argv[0]);
	if (!c) {
		repl_error(s, "unknown command \"%s\" (help lists the commands)", argv[0]);
		return;
	}
	args = argc - 1;
	if (args < c->min_args || (c->max_args >= 0 && args > c->max_args)) {
		repl_error(s, "usage: %s%s%s", c->name, *c->args ? " " : "", c->args);
		return;
	}
	c->fn(s, argc, argv);
	fflush(stdout);
}

/* Not a terminal: every line of stdin is a command, no prompt, no echo. */
static void run_script(repl_session *s)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool too_long = false;

	/* bounded as it is read: an endless line is refused, never held */
	while (!quitting && (n = cli_read_line(stdin, &line, &cap, REPL_MAX_LINE, &too_long)) >= 0) {
		s->line++;
		if (too_long) {
			repl_error(s, "line longer than %d bytes", REPL_MAX_LINE);
			continue;
		}
		/* a NUL would cut the command short, and the rest would vanish */
		if (memchr(line, '\0', (size_t)n)) {
			repl_error(s, "a NUL byte in the line (column %zu)",
			           (size_t)((char *)memchr(line, '\0', (size_t)n) - line) + 1);
			continue;
		}
		repl_run_line(s, line);
	}
	if (!feof(stdin) && !ferror(stdin) && !quitting)
		repl_error(s, "out of memory reading the script");
	free(line);
	s->line = 0; /* what follows (--expect) is about no line of the script */
}

/* https://no-color.org: set and not empty means no colour. */
static bool no_color(void)
{
	const char *v = getenv("NO_COLOR");
	return v && *v;
}

/* --expect is checked up front: a typo must not wait for the end of a script. */
static bool expect_word(const char *w)
{
	size_t i;

	for (i = 0; repl_expect_words[i]; i++)
		if (strcmp(w, repl_expect_words[i]) == 0)
			return true;
	return false;
}

/* Options, then the script or terminal loop; the exit status sums up the session. */
int cmd_simulate(int argc, char **argv)
{
	repl_session s = {0};
	const char *file = NULL, *expect = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(simulate_help, stdout);
			return EXIT_CLEAN;
		} else if (strcmp(argv[i], "--expect") == 0) {
			if (i + 1 == argc || !expect_word(argv[i + 1])) {
				fprintf(stderr, "trustlint simulate: --expect takes allow, deny, "
				                "explicit-deny or implicit-deny\n");
				return EXIT_TROUBLE;
			}
			expect = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "trustlint simulate: unexpected argument \"%s\"\n%s",
			        argv[i], simulate_help);
			return EXIT_TROUBLE;
		} else if (!file) {
			file = argv[i];
		} else {
			fprintf(stderr, "trustlint simulate: give one FILE\n%s", simulate_help);
			return EXIT_TROUBLE;
		}
	}
	s.role = -1;
	s.req = tl_request_new();
	if (!s.req) {
		fprintf(stderr, "trustlint: out of memory\n");
		return EXIT_TROUBLE;
	}
	s.interactive = isatty(0) && isatty(1);
	s.colour = s.interactive && !no_color();
	if (s.interactive)
		printf("trustlint simulate %s: `help` lists the commands, Tab completes them\n",
		       TL_VERSION);
	if (file)
		repl_load(&s, file);
	if (s.interactive)
		repl_terminal(&s);
	else
		run_script(&s);
	if (expect)
		repl_expect(&s, expect);
	fflush(stdout);
	repl_session_free(&s);
	/* typing mistakes at a terminal are not failures; a script's are */
	if (!s.interactive && s.errors)
		return EXIT_TROUBLE;
	return s.failed_expectations ? EXIT_FINDINGS : EXIT_CLEAN;
}
