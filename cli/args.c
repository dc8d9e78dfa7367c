/*
 * args.c - the one place long options learn the --name=VALUE spelling.
 *
 * Every subcommand reads "--name VALUE"; before dispatch, main() hands
 * the subcommand's arguments through cli_split_equals, which turns
 * "--name=VALUE" into "--name" "VALUE".  An option that takes no value
 * written with one is a usage error here, rather than a stray argument
 * the subcommand would take for a path.  "--" ends the options.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Long options of any subcommand that take no value. */
static const char *const flags[] = {
	"--help", "--no-config", "--exit-zero", "--policies-only", "--json", "--allow-invalid",
	"--markdown", "--version", NULL,
};

static bool is_flag(const char *name, size_t len)
{
	size_t i;

	for (i = 0; flags[i]; i++)
		if (strlen(flags[i]) == len && strncmp(flags[i], name, len) == 0)
			return true;
	return false;
}

int cli_split_equals(int argc, char **argv, char ***out)
{
	char **v = calloc((size_t)argc * 2 + 1, sizeof(*v));
	int i, n = 0;
	bool options = true;

	if (!v) {
		fprintf(stderr, "trustlint: out of memory\n");
		return -1;
	}
	for (i = 0; i < argc; i++) {
		char *a = argv[i], *eq = a[0] == '-' && a[1] == '-' ? strchr(a, '=') : NULL;

		if (strcmp(a, "--") == 0)
			options = false;
		if (!options || !eq || eq == a + 2) {
			v[n++] = a;
			continue;
		}
		if (is_flag(a, (size_t)(eq - a))) {
			fprintf(stderr, "trustlint: %.*s takes no value (got \"%s\")\n", (int)(eq - a), a, a);
			free(v);
			return -1;
		}
		*eq = '\0'; /* argv strings are ours to change (C11 5.1.2.2.1) */
		v[n++] = a;
		v[n++] = eq + 1;
	}
	*out = v;
	return n;
}
