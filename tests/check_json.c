/*
 * check_json.c - unit tests for engine/json.c: the located tree that
 * every later stage reads (pointers, line:column, raw slices, literal
 * numbers) and the bounds that keep hostile input cheap.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

/* One parse: the text is an exact-size heap copy with no NUL after it,
 * so under AddressSanitizer any read past the given length is caught. */
typedef struct parsed {
	tl__arena arena;
	char *text;
	const tl__jnode *root;
	tl_error err;
	tl_status st;
} parsed;

static tl_status parse_len(parsed *p, const char *text, size_t len, const tl_limits *lim)
{
	memset(p, 0, sizeof(*p));
	tl__arena_init(&p->arena);
	p->text = malloc(len ? len : 1);
	ck_assert_ptr_nonnull(p->text);
	memcpy(p->text, text, len);
	p->st = tl__json_parse(&p->arena, p->text, len, lim, &p->root, &p->err);
	if (p->st == TL_OK)
		ck_assert_ptr_nonnull(p->root);
	else
		ck_assert_ptr_null(p->root);
	return p->st;
}

static tl_status parse(parsed *p, const char *text, const tl_limits *lim)
{
	return parse_len(p, text, strlen(text), lim);
}

static void done(parsed *p)
{
	tl__arena_release(&p->arena);
	free(p->text);
}

/* The node whose JSON Pointer is `ptr`, searched over the whole tree. */
static const tl__jnode *find(const tl__jnode *n, const char *ptr)
{
	size_t i;

	if (strcmp(n->loc.pointer, ptr) == 0)
		return n;
	for (i = 0; i < n->n; i++) {
		const tl__jnode *hit = find(&n->child[i], ptr);
		if (hit)
			return hit;
	}
	return NULL;
}

static const tl__jnode *must_find(const parsed *p, const char *ptr)
{
	const tl__jnode *n = find(p->root, ptr);

	ck_assert_msg(n != NULL, "no node at pointer \"%s\"", ptr);
	return n;
}

static void assert_at(const parsed *p, const char *ptr, unsigned line, unsigned col)
{
	const tl__jnode *n = must_find(p, ptr);

	ck_assert_msg(n->loc.line == line && n->loc.column == col,
	              "%s: value at %u:%u, expected %u:%u", ptr, n->loc.line, n->loc.column, line, col);
}

static void assert_key_at(const parsed *p, const char *ptr, unsigned line, unsigned col)
{
	const tl__jnode *n = must_find(p, ptr);

	ck_assert_msg(n->loc.key_line == line && n->loc.key_column == col,
	              "%s: member name at %u:%u, expected %u:%u", ptr, n->loc.key_line,
	              n->loc.key_column, line, col);
}

static void assert_src(const parsed *p, const char *ptr, const char *want)
{
	const tl__jnode *n = must_find(p, ptr);

	ck_assert_uint_eq(n->src_len, strlen(want));
	ck_assert(memcmp(n->src, want, n->src_len) == 0);
}

static tl_limits limits(void)
{
	tl_limits lim = TL_LIMITS_INIT;
	return lim;
}

/* ---- pointers --------------------------------------------------------- */

START_TEST(test_json_pointer_escaping)
{
	parsed p;
	const tl__jnode *n;

	/* RFC 6901 section 3: '~' is written "~0" and '/' is written "~1". */
	ck_assert_int_eq(parse(&p, "{\"a/b\": {\"m~n\": [true, false]}, \"\": {\"~1\": 0},"
	                           " \"x\": {\"/\": 1, \"~\": 2, \"\\u002f~\": 3}}", NULL),
	                 TL_OK);
	ck_assert_str_eq(p.root->loc.pointer, "");
	n = must_find(&p, "/a~1b");
	ck_assert_str_eq(n->key, "a/b");
	must_find(&p, "/a~1b/m~0n");
	n = must_find(&p, "/a~1b/m~0n/1");
	ck_assert_int_eq(n->type, TL__J_FALSE);
	/* The empty member name is "/" and a literal "~1" in a name is "~01",
	 * not "~1" (which would read back as "/"). */
	n = must_find(&p, "/");
	ck_assert_uint_eq(n->key_len, 0);
	n = must_find(&p, "//~01");
	ck_assert_str_eq(n->text, "0");
	ck_assert_ptr_null(find(p.root, "//~1"));
	/* Names are escaped after JSON decoding: "\u002f" is a '/'. */
	must_find(&p, "/x/~1");
	must_find(&p, "/x/~0");
	n = must_find(&p, "/x/~1~0");
	ck_assert_str_eq(n->text, "3");
	done(&p);
}
END_TEST

START_TEST(test_json_pointer_array_indices)
{
	parsed p;
	const tl__jnode *n;

	ck_assert_int_eq(parse(&p, "{\"a\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, [\"ten\"]]}", NULL), TL_OK);
	n = must_find(&p, "/a/10/0");
	ck_assert_str_eq(n->text, "ten");
	n = must_find(&p, "/a/9");
	ck_assert_str_eq(n->text, "9");
	/* Array elements have no member name. */
	ck_assert_ptr_null(n->key);
	done(&p);
}
END_TEST

/* ---- line:column ------------------------------------------------------ */

START_TEST(test_json_locations)
{
	parsed p;

	ck_assert_int_eq(parse(&p,
	                       "{\n"
	                       "  \"Version\": \"2012-10-17\",\n"
	                       "  \"Statement\": [\n"
	                       "    {\"Effect\": \"Allow\", \"n\": 10.0},\n"
	                       "\t\"x\"\n"
	                       "  ]\n"
	                       "}\n",
	                       NULL),
	                 TL_OK);
	assert_at(&p, "", 1, 1);
	assert_key_at(&p, "/Version", 2, 3);
	assert_at(&p, "/Version", 2, 14);
	assert_key_at(&p, "/Statement", 3, 3);
	assert_at(&p, "/Statement", 3, 16);
	assert_at(&p, "/Statement/0", 4, 5);
	assert_key_at(&p, "/Statement/0/Effect", 4, 6);
	assert_at(&p, "/Statement/0/Effect", 4, 16);
	assert_key_at(&p, "/Statement/0/n", 4, 25);
	assert_at(&p, "/Statement/0/n", 4, 30);
	/* A tab is one character. */
	assert_at(&p, "/Statement/1", 5, 2);
	done(&p);
}
END_TEST

START_TEST(test_json_columns_count_characters)
{
	parsed p;

	/* e-acute and u-umlaut are 2 bytes, the euro sign 3, G clef 4: columns
	 * count characters, so "z" is at 24 and its value at 29 (bytes: 36). */
	ck_assert_int_eq(parse(&p,
	                       "{\"k\xc3\xa9\": \"\xc3\xbc\", \"\xe2\x82\xac\": \"\xf0\x9d\x84\x9ex\", "
	                       "\"z\": 1,\n"
	                       "\"\xe2\x82\xac\xe2\x82\xac\": [\"\xc3\xa9\", 2]}",
	                       NULL),
	                 TL_OK);
	assert_key_at(&p, "/k\xc3\xa9", 1, 2);
	assert_at(&p, "/k\xc3\xa9", 1, 8);
	assert_key_at(&p, "/\xe2\x82\xac", 1, 13);
	assert_at(&p, "/\xe2\x82\xac", 1, 18);
	assert_key_at(&p, "/z", 1, 24);
	assert_at(&p, "/z", 1, 29);
	/* The next line starts again at column 1. */
	assert_key_at(&p, "/\xe2\x82\xac\xe2\x82\xac", 2, 1);
	assert_at(&p, "/\xe2\x82\xac\xe2\x82\xac", 2, 7);
	assert_at(&p, "/\xe2\x82\xac\xe2\x82\xac/1", 2, 13);
	done(&p);
}
END_TEST

START_TEST(test_json_columns_after_escapes_and_crlf)
{
	parsed p;

	/* Escapes take their source width; an escaped quote or backslash does
	 * not end the string early. */
	ck_assert_int_eq(parse(&p, "{\"a\\\"b\": \"q\\\"\\\\\", \"c\": \"\\u00e9\", \"d\": 2}", NULL),
	                 TL_OK);
	/* {"a\"b": "q\"\\", "c": "\u00e9", "d": 2} */
	assert_key_at(&p, "/a\"b", 1, 2);
	assert_at(&p, "/a\"b", 1, 10);
	ck_assert_str_eq(must_find(&p, "/a\"b")->text, "q\"\\");
	assert_key_at(&p, "/c", 1, 19);
	assert_at(&p, "/c", 1, 24);
	assert_key_at(&p, "/d", 1, 34);
	assert_at(&p, "/d", 1, 39);
	done(&p);

	/* CRLF line ends: the '\r' does not push the next line's columns. */
	ck_assert_int_eq(parse(&p, "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true]\r\n}\r\n", NULL), TL_OK);
	assert_key_at(&p, "/a", 2, 3);
	assert_at(&p, "/a", 2, 8);
	assert_at(&p, "/b", 3, 8);
	assert_at(&p, "/b/0", 4, 5);
	done(&p);
}
END_TEST

START_TEST(test_json_parse_at_offsets)
{
	const char *text = "{\"a\": [1,\n 2], \"\xc3\xa9\": {}}";
	parsed p;

	/* Text that starts at 5:10 of its file: the first line is shifted by
	 * nine columns, the later ones are not. */
	memset(&p, 0, sizeof(p));
	tl__arena_init(&p.arena);
	ck_assert_int_eq(tl__json_parse_at(&p.arena, text, strlen(text), 5, 10, NULL, &p.root, &p.err),
	                 TL_OK);
	assert_at(&p, "", 5, 10);
	assert_key_at(&p, "/a", 5, 11);
	assert_at(&p, "/a", 5, 16);
	assert_at(&p, "/a/0", 5, 17);
	assert_at(&p, "/a/1", 6, 2);
	assert_key_at(&p, "/\xc3\xa9", 6, 6);
	assert_at(&p, "/\xc3\xa9", 6, 11);
	tl__arena_release(&p.arena);

	/* Errors are in file coordinates too. */
	tl__arena_init(&p.arena);
	ck_assert_int_eq(tl__json_parse_at(&p.arena, "{\"a\": }", 7, 3, 7, NULL, &p.root, &p.err),
	                 TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 3);
	ck_assert_uint_eq(p.err.column, 13);
	ck_assert_int_eq(tl__json_parse_at(&p.arena, "[1,\n x]", 7, 3, 7, NULL, &p.root, &p.err),
	                 TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 4);
	ck_assert_uint_eq(p.err.column, 2);
	{
		tl_limits lim = limits();
		lim.max_depth = 1;
		ck_assert_int_eq(tl__json_parse_at(&p.arena, "[[]]", 4, 2, 4, &lim, &p.root, &p.err),
		                 TL_ELIMIT);
		ck_assert_uint_eq(p.err.line, 2);
		ck_assert_uint_eq(p.err.column, 5);
		ck_assert_int_eq(tl__json_parse_at(&p.arena, "[\n  []]", 7, 2, 4, &lim, &p.root, &p.err),
		                 TL_ELIMIT);
		ck_assert_uint_eq(p.err.line, 3);
		ck_assert_uint_eq(p.err.column, 3);
		lim = limits();
		lim.max_string_bytes = 1;
		ck_assert_int_eq(tl__json_parse_at(&p.arena, "[\"xy\"]", 6, 9, 30, &lim, &p.root, &p.err),
		                 TL_ELIMIT);
		ck_assert_uint_eq(p.err.line, 9);
		ck_assert_uint_eq(p.err.column, 31);
	}
	tl__arena_release(&p.arena);
}
END_TEST

/* ---- source slices and literal text ---------------------------------- */

START_TEST(test_json_src_slices)
{
	parsed p;
	const tl__jnode *n;

	ck_assert_int_eq(parse(&p, "  {\"a\": {\"b\": [1, 2 ]}, \"c\": \"x\\\"y\",\"d\": -1.5e3 , \"e\": null}  ",
	                       NULL),
	                 TL_OK);
	assert_src(&p, "", "{\"a\": {\"b\": [1, 2 ]}, \"c\": \"x\\\"y\",\"d\": -1.5e3 , \"e\": null}");
	assert_src(&p, "/a", "{\"b\": [1, 2 ]}");
	assert_src(&p, "/a/b", "[1, 2 ]");
	assert_src(&p, "/a/b/1", "2");
	/* A string's slice is the raw text with quotes and escapes; its text
	 * is decoded. */
	assert_src(&p, "/c", "\"x\\\"y\"");
	n = must_find(&p, "/c");
	ck_assert_uint_eq(n->len, 3);
	ck_assert_str_eq(n->text, "x\"y");
	assert_src(&p, "/d", "-1.5e3");
	assert_src(&p, "/e", "null");
	ck_assert_int_eq(must_find(&p, "/e")->type, TL__J_NULL);
	done(&p);
}
END_TEST

START_TEST(test_json_numbers_keep_literal_text)
{
	parsed p;
	static const char *const want[] = {"10.0", "10", "-0", "1e3", "1E+2", "0.50", "-2.5e-1"};
	size_t i;

	ck_assert_int_eq(parse(&p, "[10.0, 10,-0 ,1e3,\n1E+2, 0.50, -2.5e-1, true, false, null]", NULL),
	                 TL_OK);
	ck_assert_uint_eq(p.root->n, 10);
	for (i = 0; i < sizeof(want) / sizeof(*want); i++) {
		ck_assert_int_eq(p.root->child[i].type, TL__J_NUMBER);
		ck_assert_str_eq(p.root->child[i].text, want[i]);
		ck_assert_uint_eq(p.root->child[i].len, strlen(want[i]));
	}
	ck_assert_int_eq(p.root->child[7].type, TL__J_TRUE);
	ck_assert_str_eq(p.root->child[7].text, "true");
	ck_assert_int_eq(p.root->child[8].type, TL__J_FALSE);
	ck_assert_str_eq(p.root->child[8].text, "false");
	ck_assert_int_eq(p.root->child[9].type, TL__J_NULL);
	done(&p);

	/* A bare top-level number ends at the end of the text. */
	ck_assert_int_eq(parse(&p, "10.0", NULL), TL_OK);
	ck_assert_int_eq(p.root->type, TL__J_NUMBER);
	ck_assert_str_eq(p.root->text, "10.0");
	done(&p);
}
END_TEST

START_TEST(test_json_big_integer_kept)
{
	parsed p;

	/* RFC 8259 numbers have no size; the engine compares literal text, so
	 * an integer wider than 64 bits is still a number, kept as written. */
	ck_assert_int_eq(parse(&p, "{\"n\": 123456789012345678901234567890}", NULL), TL_OK);
	ck_assert_int_eq(must_find(&p, "/n")->type, TL__J_NUMBER);
	ck_assert_str_eq(must_find(&p, "/n")->text, "123456789012345678901234567890");
	done(&p);
}
END_TEST

START_TEST(test_json_strings_decoded)
{
	parsed p;
	const tl__jnode *n;

	ck_assert_int_eq(parse(&p, "[\"\\u00e9\\n\\t\\/\", \"\\ud834\\udd1e\", \"\"]", NULL), TL_OK);
	n = &p.root->child[0];
	ck_assert_uint_eq(n->len, 5);
	ck_assert(memcmp(n->text, "\xc3\xa9\n\t/", 5) == 0);
	n = &p.root->child[1];
	ck_assert_uint_eq(n->len, 4);
	ck_assert(memcmp(n->text, "\xf0\x9d\x84\x9e", 4) == 0);
	n = &p.root->child[2];
	ck_assert_uint_eq(n->len, 0);
	ck_assert_str_eq(n->text, "");
	done(&p);
}
END_TEST

START_TEST(test_json_get_exact_name)
{
	parsed p;

	ck_assert_int_eq(parse(&p, "{\"Effect\": \"Allow\", \"effect\": \"Deny\", \"Eff\": 1}", NULL),
	                 TL_OK);
	ck_assert_str_eq(tl__json_get(p.root, "Effect")->text, "Allow");
	ck_assert_str_eq(tl__json_get(p.root, "effect")->text, "Deny");
	ck_assert_ptr_null(tl__json_get(p.root, "EFFECT"));
	ck_assert_ptr_null(tl__json_get(p.root, "Ef"));
	ck_assert_ptr_null(tl__json_get(p.root->child, "Effect")); /* not an object */
	ck_assert_ptr_null(tl__json_get(NULL, "Effect"));
	done(&p);
}
END_TEST

/* ---- errors ----------------------------------------------------------- */

START_TEST(test_json_duplicate_key_rejected)
{
	parsed p;

	/* IAM policy grammar: an element may not repeat; no "last wins". */
	ck_assert_int_eq(parse(&p, "{\"a\": 1,\n \"a\": 2}", NULL), TL_ESYNTAX);
	ck_assert_int_eq(p.err.status, TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 2);
	/* Somewhere on the second "a" (columns 2 to 4). */
	ck_assert_uint_ge(p.err.column, 2);
	ck_assert_uint_le(p.err.column, 4);
	ck_assert_ptr_nonnull(strstr(p.err.message, "duplicate"));
	done(&p);

	/* Nested objects too, and after multi-byte text (columns in
	 * characters: the second "b" spans 25 to 27). */
	ck_assert_int_eq(parse(&p, "{\"x\": {\"\xc3\xa9\xc3\xa9\": 0, \"b\": 1, \"b\": 2}}", NULL),
	                 TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert_uint_ge(p.err.column, 25);
	ck_assert_uint_le(p.err.column, 27);
	done(&p);

	/* Names that differ only in case are different JSON names. */
	ck_assert_int_eq(parse(&p, "{\"a\": 1, \"A\": 2}", NULL), TL_OK);
	done(&p);
}
END_TEST

START_TEST(test_json_syntax_errors_located)
{
	parsed p;

	/* The missing value: the '}' at 2:8. */
	ck_assert_int_eq(parse(&p, "{\"a\": 1,\n  \"b\": }", NULL), TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 2);
	ck_assert_uint_eq(p.err.column, 8);
	ck_assert_str_eq(p.err.pointer, "");
	ck_assert(p.err.message[0] != '\0');
	done(&p);

	/* "tru" spans columns 8 to 10 (characters, not bytes). */
	ck_assert_int_eq(parse(&p, "{\"\xc3\xa9\xc3\xa9\": tru}", NULL), TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert_uint_ge(p.err.column, 8);
	ck_assert_uint_le(p.err.column, 10);
	done(&p);

	ck_assert_int_eq(parse(&p, "[1] x", NULL), TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert_uint_eq(p.err.column, 5);
	done(&p);

	ck_assert_int_eq(parse(&p, "", NULL), TL_ESYNTAX);
	done(&p);
	ck_assert_int_eq(parse(&p, " \n ", NULL), TL_ESYNTAX);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"a\": \"unterminated}", NULL), TL_ESYNTAX);
	done(&p);
	ck_assert_int_eq(parse(&p, "[1,]", NULL), TL_ESYNTAX);
	done(&p);
	ck_assert_int_eq(parse(&p, "{'a': 1}", NULL), TL_ESYNTAX);
	done(&p);
	/* Not UTF-8. */
	ck_assert_int_eq(parse(&p, "[\"\xff\"]", NULL), TL_ESYNTAX);
	done(&p);
	/* Only the given length is read: a valid prefix of a longer buffer. */
	ck_assert_int_eq(parse_len(&p, "[1]garbage", 3, NULL), TL_OK);
	done(&p);
}
END_TEST

/* A bad byte is named at its own line:column, not at the token jansson
 * stopped near, and a raw NUL is not mistaken for the end of the text. */
START_TEST(test_json_bad_bytes_located)
{
	parsed p;

	ck_assert_int_eq(parse_len(&p, "{\"a\": 1,\0 \"b\": 2}", 16, NULL), TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert_uint_eq(p.err.column, 9);
	ck_assert_str_eq(p.err.message, "NUL byte in the text (JSON allows none)");
	done(&p);

	/* 0xff after a two-byte character: column 4 counts characters */
	ck_assert_int_eq(parse(&p, "{\"a\": 1,\n \"\xc3\xa9\xff\": 2}", NULL), TL_ESYNTAX);
	ck_assert_uint_eq(p.err.line, 2);
	ck_assert_uint_eq(p.err.column, 4);
	ck_assert_str_eq(p.err.message, "invalid UTF-8 (byte 0xff)");
	done(&p);

	/* RFC 3629: overlong forms, surrogates, past U+10FFFF, truncated */
	ck_assert_int_eq(parse(&p, "[\"\xc0\x80\"]", NULL), TL_ESYNTAX);
	ck_assert_str_eq(p.err.message, "invalid UTF-8 (byte 0xc0)");
	done(&p);
	ck_assert_int_eq(parse(&p, "[\"\xe0\x80\xaf\"]", NULL), TL_ESYNTAX);
	done(&p);
	ck_assert_int_eq(parse(&p, "[\"\xed\xa0\x80\"]", NULL), TL_ESYNTAX);
	ck_assert_uint_eq(p.err.column, 3);
	done(&p);
	ck_assert_int_eq(parse(&p, "[\"\xf4\x90\x80\x80\"]", NULL), TL_ESYNTAX);
	done(&p);
	ck_assert_int_eq(parse_len(&p, "[\"\xf0\x9f\x98", 5, NULL), TL_ESYNTAX);
	ck_assert_str_eq(p.err.message, "invalid UTF-8 (byte 0xf0)");
	done(&p);
	/* the largest and the edges are fine */
	ck_assert_int_eq(parse(&p, "[\"\xf4\x8f\xbf\xbf\xee\x80\x80\xed\x9f\xbf\xc2\x80\"]", NULL), TL_OK);
	done(&p);

	/* an escaped NUL says so, without jansson's flag name */
	ck_assert_int_eq(parse(&p, "{\"a\": \"x\\u0000\"}", NULL), TL_ESYNTAX);
	ck_assert_str_eq(p.err.message, "\\u0000 (NUL) is not allowed in a string");
	ck_assert_uint_eq(p.err.column, 7);
	done(&p);
}
END_TEST

/* ---- limits ----------------------------------------------------------- */

START_TEST(test_json_depth_limit_fast)
{
	size_t n = 100000, i;
	char *deep = malloc(2 * n);
	parsed p;

	ck_assert_ptr_nonnull(deep);
	for (i = 0; i < n; i++)
		deep[i] = '[';
	/* Unclosed: still a limit error (found before any JSON parsing), at
	 * the bracket that goes one level too deep. */
	ck_assert_int_eq(parse_len(&p, deep, n, NULL), TL_ELIMIT);
	ck_assert_int_eq(p.err.status, TL_ELIMIT);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert_uint_eq(p.err.column, 65);
	done(&p);
	/* Closed, so well-formed JSON. */
	for (i = 0; i < n; i++)
		deep[n + i] = ']';
	ck_assert_int_eq(parse_len(&p, deep, 2 * n, NULL), TL_ELIMIT);
	done(&p);
	free(deep);
}
END_TEST

START_TEST(test_json_depth_limit_boundary)
{
	tl_limits lim = limits();
	parsed p;

	lim.max_depth = 3;
	/* Depth counts nested containers; a scalar adds none. */
	ck_assert_int_eq(parse(&p, "[[[]]]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "[[[1, \"x\"]]]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"a\": {\"b\": {\"c\": \"d\"}}}", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "[[[[]]]]", &lim), TL_ELIMIT);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"a\": {\"b\": {\n\"c\": {}}}}", &lim), TL_ELIMIT);
	ck_assert_uint_eq(p.err.line, 2);
	ck_assert_uint_eq(p.err.column, 6);
	done(&p);
	/* Brackets inside strings (escaped quote included) are text. */
	lim.max_depth = 1;
	ck_assert_int_eq(parse(&p, "[\"[[[[\", \"\\\"{{{{\", \"]]\"]", &lim), TL_OK);
	done(&p);
}
END_TEST

START_TEST(test_json_max_values)
{
	tl_limits lim = limits();
	parsed p;

	lim.max_values = 3;
	ck_assert_int_eq(parse(&p, "[1, 2]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"a\": [\"x\"], \"b\": \"y\"}", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "[1, 2, 3, 4, 5, 6]", &lim), TL_ELIMIT);
	ck_assert_int_eq(p.err.status, TL_ELIMIT);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert(p.err.pointer[0] == '/');
	done(&p);
}
END_TEST

START_TEST(test_json_max_values_counts_scalars)
{
	tl_limits lim = limits();
	parsed p;

	/* trustlint.h: max_values bounds "scalars in the whole document". */
	lim.max_values = 3;
	ck_assert_int_eq(parse(&p, "[1, 2, 3]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"a\": [1, {\"b\": 2}], \"c\": [3]}", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "[1, 2, [3, 4]]", &lim), TL_ELIMIT);
	ck_assert_str_eq(p.err.pointer, "/2/1");
	ck_assert_uint_eq(p.err.column, 12);
	done(&p);
}
END_TEST

START_TEST(test_json_max_string_bytes)
{
	tl_limits lim = limits();
	parsed p;

	lim.max_string_bytes = 4;
	ck_assert_int_eq(parse(&p, "[\"abcd\", \"\"]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"k\": [\"ok\",\n \"abcde\"]}", &lim), TL_ELIMIT);
	ck_assert_str_eq(p.err.pointer, "/k/1");
	ck_assert_uint_eq(p.err.line, 2);
	ck_assert_uint_eq(p.err.column, 2);
	done(&p);
	/* Bytes after decoding: four escapes of two bytes each. */
	ck_assert_int_eq(parse(&p, "[\"\\u00e9\\u00e9\"]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "[\"\\u00e9\\u00e9\\u00e9\"]", &lim), TL_ELIMIT);
	done(&p);
	/* Member names are strings too. */
	ck_assert_int_eq(parse(&p, "{\"abcd\": 1}", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "{\"ok\": 1, \"abcdefgh\": 2}", &lim), TL_ELIMIT);
	ck_assert_uint_eq(p.err.line, 1);
	ck_assert_uint_eq(p.err.column, 11);
	done(&p);
}
END_TEST

START_TEST(test_json_max_document_bytes)
{
	tl_limits lim = limits();
	parsed p;

	lim.max_document_bytes = 10;
	ck_assert_int_eq(parse(&p, "[1,2,3,45]", &lim), TL_OK);
	done(&p);
	ck_assert_int_eq(parse(&p, "[1,2,3,456]", &lim), TL_ELIMIT);
	ck_assert_int_eq(p.err.status, TL_ELIMIT);
	ck_assert_ptr_nonnull(strstr(p.err.message, "limit"));
	done(&p);
	/* Checked before parsing: too long and broken is a limit error. */
	ck_assert_int_eq(parse(&p, "[[[[[[[[[[[[", &lim), TL_ELIMIT);
	done(&p);
}
END_TEST

/* The last-wins reading: of repeated keys the last value stays, located
 * where it is written, in text order among the others; nested objects too. */
START_TEST(test_json_last_wins)
{
	const char *text = "{\"a\": {\"x\": 1, \"x\": [2, {\"y\": 3}]},\n \"b\": \"s\", \"a\": {\"z\": \"\\u0041\", \"z\": 4}}";
	tl__arena a;
	const tl__jnode *root = NULL;
	tl_error err = {0};

	tl__arena_init(&a);
	ck_assert_int_eq(tl__json_parse(&a, text, strlen(text), NULL, &root, &err), TL_ESYNTAX);
	ck_assert(err.flags & TL_ERROR_DUPLICATE_KEY);
	ck_assert_int_eq(tl__json_parse_last_wins_at(&a, text, strlen(text), 1, 1, NULL, &root, &err),
	                 TL_OK);
	ck_assert_uint_eq(root->n, 2);
	ck_assert_str_eq(root->child[0].key, "b"); /* the kept "a" stands after "b" */
	ck_assert_uint_eq(root->child[0].loc.line, 2);
	ck_assert_uint_eq(root->child[0].loc.column, 7);
	ck_assert_str_eq(root->child[1].key, "a");
	ck_assert_uint_eq(root->child[1].loc.key_line, 2);
	ck_assert_uint_eq(root->child[1].loc.key_column, 12);
	ck_assert_uint_eq(root->child[1].n, 1);
	ck_assert_str_eq(root->child[1].child[0].key, "z");
	ck_assert_str_eq(root->child[1].child[0].text, "4");
	ck_assert_str_eq(root->child[1].child[0].loc.pointer, "/a/z");
	ck_assert_uint_eq(root->child[1].child[0].loc.column, 38);
	tl__arena_release(&a);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tree = tcase_create("tree");
	TCase *errors = tcase_create("errors");
	TCase *bounds = tcase_create("limits");

	tcase_add_test(tree, test_json_pointer_escaping);
	tcase_add_test(tree, test_json_pointer_array_indices);
	tcase_add_test(tree, test_json_locations);
	tcase_add_test(tree, test_json_columns_count_characters);
	tcase_add_test(tree, test_json_columns_after_escapes_and_crlf);
	tcase_add_test(tree, test_json_parse_at_offsets);
	tcase_add_test(tree, test_json_src_slices);
	tcase_add_test(tree, test_json_numbers_keep_literal_text);
	tcase_add_test(tree, test_json_big_integer_kept);
	tcase_add_test(tree, test_json_strings_decoded);
	tcase_add_test(tree, test_json_get_exact_name);
	suite_add_tcase(s, tree);

	tcase_add_test(errors, test_json_duplicate_key_rejected);
	tcase_add_test(errors, test_json_syntax_errors_located);
	tcase_add_test(errors, test_json_bad_bytes_located);
	suite_add_tcase(s, errors);

	tcase_add_test(bounds, test_json_depth_limit_fast);
	tcase_add_test(bounds, test_json_depth_limit_boundary);
	tcase_add_test(bounds, test_json_max_values);
	tcase_add_test(bounds, test_json_max_values_counts_scalars);
	tcase_add_test(bounds, test_json_max_string_bytes);
	tcase_add_test(bounds, test_json_max_document_bytes);
	tcase_add_test(tree, test_json_last_wins);
	suite_add_tcase(s, bounds);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(json_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
