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

bool control_escape(char c, char out[8])
{
	unsigned char u = (unsigned char)c;

	if (u >= 0x20 && u != 0x7f)
		return false;
	if (c == '\n' || c == '\r' || c == '\t')
		snprintf(out, 8, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
	else
		snprintf(out, 8, "\\x%02x", u);
	return true;
}

void text_escape(FILE *out, const char *s)
{
	char esc[8];
	size_t plain;

	while (*s) {
		/* runs of ordinary bytes in one write */
		for (plain = 0; s[plain] && !control_escape(s[plain], esc); plain++)
			;
		fwrite(s, 1, plain, out);
		s += plain;
		if (*s) {
			fputs(esc, out);
			s++;
		}
	}
}

void print_error(FILE *out, const char *file, const tl_error *err)
{
	if (err->line)
		fprintf(out, "%s:%u:%u: error: %s\n", file, err->line, err->column, err->message);
	else
		fprintf(out, "%s: error: %s\n", file, err->message);
}
