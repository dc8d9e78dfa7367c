/*
 * fuzz_repl.c - the simulate REPL's command line: every input line runs
 * through repl_run_line on a session with a policy loaded.  Commands that
 * touch the file system by name (load, open, save) are skipped, so the
 * fuzzer cannot write files; everything else runs as a user would type it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repl_session.h"

static bool touches_files(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return strncmp(line, "load", 4) == 0 || strncmp(line, "open", 4) == 0 ||
	       strncmp(line, "save", 4) == 0 || strncmp(line, "help", 4) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool quiet;
	repl_session s = {0};
	char *text = malloc(size + 1), *line, *next;

	if (!quiet) {
		/* the REPL prints; the fuzzer only wants to know it never crashes
		 * (stderr stays: libFuzzer and the sanitizers report there) */
		quiet = freopen("/dev/null", "w", stdout) != NULL;
	}
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	s.role = -1;
	s.req = tl_request_new();
	if (s.req && repl_load(&s, "corpus/examples/policies/pod-identity.json") == 0) {
		for (line = text; line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = '\0';
			if (!touches_files(line))
				repl_run_line(&s, line);
		}
	}
	repl_session_free(&s);
	free(text);
	return 0;
}
