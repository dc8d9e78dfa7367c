/* output.c - small printing helpers shared by the subcommands. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void json_str(FILE *out, const char *s, size_t len)
{
	char stack[512], *buf = len * 6 + 1 <= sizeof(stack) ? stack : malloc(len * 6 + 1);

	if (!buf) {
		fputs("\"\"", out);
		return;
	}
	fputc('"', out);
	fwrite(buf, 1, tl_json_escape(buf, s, len), out);
	fputc('"', out);
	if (buf != stack)
		free(buf);
}

void json_cstr(FILE *out, const char *s)
{
	if (s)
		json_str(out, s, strlen(s));
	else
		fputs("null", out);
}

void print_error(FILE *out, const char *file, const tl_error *err)
{
	if (err->line)
		fprintf(out, "%s:%u:%u: error: %s\n", file, err->line, err->column, err->message);
	else
		fprintf(out, "%s: error: %s\n", file, err->message);
}
