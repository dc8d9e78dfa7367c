/*
 * json_escape.c - text as the inside of a JSON string (trustlint.h): the
 * one escaper that batch replies, the CLI's JSON output and the input
 * readers' JSON text (inputs/sbuf.c) share, so they cannot disagree on
 * what a quote or a control character becomes.
 */
#include "trustlint.h"

size_t tl_json_escape(char *dst, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	char *q = dst;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			*q++ = '\\';
			*q++ = (char)c;
		} else if (c == '\n') {
			*q++ = '\\';
			*q++ = 'n';
		} else if (c == '\t') {
			*q++ = '\\';
			*q++ = 't';
		} else if (c == '\r') {
			*q++ = '\\';
			*q++ = 'r';
		} else if (c < 0x20 || c == 0x7f) {
			*q++ = '\\';
			*q++ = 'u';
			*q++ = '0';
			*q++ = '0';
			*q++ = hex[c >> 4];
			*q++ = hex[c & 15];
		} else {
			*q++ = (char)c;
		}
	}
	*q = '\0';
	return (size_t)(q - dst);
}
