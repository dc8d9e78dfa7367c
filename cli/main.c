/*
 * main.c - the trustlint program: a table of subcommands over the engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	cmd_fn fn;
	const char *summary;
} commands[] = {
	{"lint", cmd_lint, "find the trust mistakes that let strangers in"},
	{"rules", cmd_rules, "list the lint rules, or explain one"},
	{"eval", cmd_eval, "decide requests against a trust policy, and say why"},
	{"simulate", cmd_simulate, "an interactive session: build a request, decide it, change it"},
	{"test", cmd_test, "check who may and may not assume each role (*.test.json)"},
	{"check", cmd_check, "lint and test in one CI step"},
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: trustlint COMMAND [OPTIONS]   (trustlint COMMAND --help)\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nexit status: 0 clean, 1 findings or failed expectations, 2 usage, I/O or parse error\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("trustlint %s\n", TL_VERSION);
		return EXIT_CLEAN;
	}
	for (i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			char **args;
			int n = cli_split_equals(argc - 1, argv + 1, &args), rc;
			if (n < 0)
				return EXIT_TROUBLE;
			rc = commands[i].fn(n, args);
			free(args);
			return rc;
		}
	fprintf(stderr, "trustlint: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return EXIT_TROUBLE;
}
