/*
 * check_glob.c - unit tests for engine/glob.c.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "glob.h"

/*
 * An exact-size heap copy with no NUL after it, so that under
 * AddressSanitizer any read past the given length is caught.
 */
static char *exact(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n ? n : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, s, n);
	return p;
}

/* No literal mask. */
static bool m(const char *pat, const char *s)
{
	char *pp = exact(pat), *sp = exact(s);
	bool ok = tl__glob_match(pp, strlen(pat), NULL, sp, strlen(s));

	free(pp);
	free(sp);
	return ok;
}

static bool has(const char *pat)
{
	char *pp = exact(pat);
	bool ok = tl__glob_has_wildcard(pp, strlen(pat));

	free(pp);
	return ok;
}

START_TEST(test_glob_exact)
{
	ck_assert(m("", ""));
	ck_assert(m("abc", "abc"));
	ck_assert(!m("abc", "abd"));
	ck_assert(!m("abc", "ab"));
	ck_assert(!m("abc", "abcd"));
	ck_assert(!m("", "a"));
	ck_assert(!m("a", ""));
	/* Byte-exact: no case folding. */
	ck_assert(!m("ABC", "abc"));
}
END_TEST

START_TEST(test_glob_anchoring)
{
	ck_assert(m("a*", "abc"));
	ck_assert(!m("a*", "xabc"));
	ck_assert(m("*c", "abc"));
	ck_assert(!m("*c", "abcx"));
	ck_assert(m("a*c", "abc"));
	ck_assert(!m("a*c", "abcd"));
	ck_assert(!m("a*c", "xabc"));
	/* Head and tail may not share bytes. */
	ck_assert(!m("ab*ba", "aba"));
	ck_assert(m("ab*ba", "abba"));
	ck_assert(m("ab*ba", "abxba"));
}
END_TEST

START_TEST(test_glob_star_empty)
{
	ck_assert(m("*", ""));
	ck_assert(m("*", "anything"));
	ck_assert(m("a*", "a"));
	ck_assert(m("*a", "a"));
	ck_assert(m("a*b", "ab"));
	ck_assert(m("a*b*c", "abc"));
	ck_assert(!m("a*b*c", "ac"));
}
END_TEST

START_TEST(test_glob_star_crosses_separators)
{
	static const char nl[] = "a\nb";

	ck_assert(m("arn:aws:iam::*:role/*", "arn:aws:iam::123456789012:role/a/b/c"));
	ck_assert(m("a*b", "a/x/y/b"));
	ck_assert(m("a*b", "a:x:y:b"));
	ck_assert(tl__glob_match("a*b", 3, NULL, nl, 3));
	ck_assert(m("s3:*", "s3:GetObject"));
	ck_assert(!m("s3:*", "ec2:RunInstances"));
}
END_TEST

START_TEST(test_glob_question)
{
	ck_assert(m("a?c", "abc"));
	ck_assert(m("a?c", "a/c"));
	ck_assert(m("a?c", "a\nc"));
	ck_assert(!m("a?c", "ac"));
	ck_assert(!m("a?c", "abbc"));
	ck_assert(m("???", "xyz"));
	ck_assert(!m("???", "xy"));
	ck_assert(m("*?", "x"));
	ck_assert(!m("*?", ""));
	ck_assert(m("*a?c*", "xxabcyy"));
	ck_assert(!m("*a?c*", "xxacyy"));
}
END_TEST

START_TEST(test_glob_consecutive_stars)
{
	ck_assert(m("**", ""));
	ck_assert(m("a**b", "ab"));
	ck_assert(m("a***b", "axxxb"));
	ck_assert(!m("a**b", "axxxc"));
	ck_assert(m("*a**b*", "zzazzbzz"));
	ck_assert(!m("*a**b*", "zzbzzazz"));
}
END_TEST

START_TEST(test_glob_middle_segments)
{
	/* Leftmost fit of each middle segment must still leave the tail. */
	ck_assert(m("*ab*ab", "abab"));
	ck_assert(!m("*ab*ab", "aba"));
	ck_assert(m("a*bc*bc*d", "abcbcbcd"));
	ck_assert(!m("a*bc*bc*d", "abcd"));
	ck_assert(m("*x*y*z*", "..x..y..z.."));
	ck_assert(!m("*x*y*z*", "..z..y..x.."));
	/* A middle segment may not overlap the anchored tail. */
	ck_assert(!m("*aa*a", "aa"));
	ck_assert(m("*aa*a", "aaa"));
}
END_TEST

START_TEST(test_glob_literal_mask)
{
	static const unsigned char star_lit[3] = {0, 1, 0};
	static const unsigned char q_lit[3] = {0, 1, 0};
	static const unsigned char none[3] = {0, 0, 0};

	ck_assert(tl__glob_match("a*b", 3, star_lit, "a*b", 3));
	ck_assert(!tl__glob_match("a*b", 3, star_lit, "axb", 3));
	ck_assert(!tl__glob_match("a*b", 3, star_lit, "ab", 2));
	ck_assert(tl__glob_match("a?b", 3, q_lit, "a?b", 3));
	ck_assert(!tl__glob_match("a?b", 3, q_lit, "axb", 3));
	/* An all-zero mask behaves like NULL. */
	ck_assert(tl__glob_match("a*b", 3, none, "axxb", 4));
	ck_assert(tl__glob_match("a?b", 3, none, "axb", 3));
}
END_TEST

START_TEST(test_glob_literal_mask_mixed)
{
	/* "*${*}*" after substitution: a literal star between two wildcards. */
	static const unsigned char lit[3] = {0, 1, 0};
	/* "${?}?" : literal '?', then any one byte. */
	static const unsigned char lit2[2] = {1, 0};

	ck_assert(tl__glob_match("***", 3, lit, "x*y", 3));
	ck_assert(tl__glob_match("***", 3, lit, "*", 1));
	ck_assert(!tl__glob_match("***", 3, lit, "xy", 2));
	ck_assert(tl__glob_match("??", 2, lit2, "?z", 2));
	ck_assert(!tl__glob_match("??", 2, lit2, "zz", 2));
}
END_TEST

START_TEST(test_glob_lengths_not_nul)
{
	/* Only plen / slen bytes are looked at. */
	ck_assert(tl__glob_match("abXX", 2, NULL, "abYY", 2));
	ck_assert(!tl__glob_match("abXX", 3, NULL, "abYY", 3));
	ck_assert(tl__glob_match("a\0b", 3, NULL, "a\0b", 3));
	ck_assert(!tl__glob_match("a\0b", 3, NULL, "a\0c", 3));
	ck_assert(tl__glob_match("*", 1, NULL, NULL, 0));
}
END_TEST

START_TEST(test_glob_has_wildcard)
{
	ck_assert(!has(""));
	ck_assert(!has("abc"));
	ck_assert(has("*"));
	ck_assert(has("a?c"));
	ck_assert(has("arn:aws:iam::*:root"));
	ck_assert(!has("${*}"));
	ck_assert(!has("a${?}b"));
	ck_assert(!has("${$}"));
	ck_assert(has("${*}*"));
	ck_assert(has("${aws:username}?"));
	ck_assert(!has("${aws:username}"));
	ck_assert(has("${*"));
	ck_assert(has("${$}{*}"));
	ck_assert(!tl__glob_has_wildcard("ab*", 2));
}
END_TEST

START_TEST(test_glob_pathological)
{
	enum { N = 200000, STARS = 50 };
	char *s = malloc(N);
	char pat[2 * STARS + 1];
	size_t i, p = 0;

	ck_assert_ptr_nonnull(s);
	memset(s, 'a', N);
	for (i = 0; i < STARS; i++) {
		pat[p++] = '*';
		pat[p++] = i + 1 < STARS ? 'a' : 'b';
	}
	ck_assert(!tl__glob_match(pat, p, NULL, s, N));
	/* Same shape but open-ended: the 'b' is a middle segment. */
	pat[p++] = '*';
	ck_assert(!tl__glob_match(pat, p, NULL, s, N));
	/* And a true one: replace the trailing b with a. */
	pat[p - 2] = 'a';
	ck_assert(tl__glob_match(pat, p, NULL, s, N));
	free(s);
}
END_TEST


/* Both entry points: per-request matching and a compiled pattern. */
static bool mc(const char *pat, const char *s)
{
	char *pp = exact(pat), *sp = exact(s);
	tl__arena a;
	tl__glob g;
	bool direct, compiled;

	tl__arena_init(&a);
	ck_assert(tl__glob_compile(&a, pp, strlen(pat), NULL, &g));
	direct = tl__glob_match(pp, strlen(pat), NULL, sp, strlen(s));
	compiled = tl__glob_run(&g, sp, strlen(s));
	tl__arena_release(&a);
	free(pp);
	free(sp);
	ck_assert_msg(direct == compiled, "compiled and direct disagree on \"%s\" vs \"%s\"", pat, s);
	return direct;
}

START_TEST(test_glob_utf8_question)
{
	/* 2-byte (é U+00E9), 3-byte (€ U+20AC), 4-byte (😀 U+1F600) characters. */
	ck_assert(mc("caf?", "caf\xc3\xa9"));
	ck_assert(!mc("caf??", "caf\xc3\xa9"));
	ck_assert(mc("x?", "x\xf0\x9f\x98\x80"));
	ck_assert(!mc("x??", "x\xf0\x9f\x98\x80"));
	ck_assert(!mc("x????", "x\xf0\x9f\x98\x80"));
	ck_assert(mc("?", "\xe2\x82\xac"));
	ck_assert(!mc("?", "\xe2\x82\xac\xe2\x82\xac"));
	ck_assert(mc("??", "\xe2\x82\xac" "a"));
	/* prefix, middle and suffix positions */
	ck_assert(mc("?bc", "\xc3\xa9" "bc"));
	ck_assert(mc("a?c", "a\xe2\x82\xac" "c"));
	ck_assert(mc("ab?", "ab\xf0\x9f\x98\x80"));
	ck_assert(!mc("ab?", "ab\xf0\x9f\x98\x80z"));
	ck_assert(mc("?\xc3\xa9?", "\xf0\x9f\x98\x80\xc3\xa9\xe2\x82\xac"));
	/* literal multi-byte text still compares exactly */
	ck_assert(mc("caf\xc3\xa9", "caf\xc3\xa9"));
	ck_assert(!mc("caf\xc3\xa9", "cafe"));
}
END_TEST

START_TEST(test_glob_utf8_with_stars)
{
	/* '?' next to '*', at the anchored ends and in a middle segment */
	ck_assert(mc("*?", "\xf0\x9f\x98\x80"));
	ck_assert(mc("?*", "\xf0\x9f\x98\x80"));
	ck_assert(!mc("*??", "\xf0\x9f\x98\x80"));
	ck_assert(!mc("??*", "\xf0\x9f\x98\x80"));
	ck_assert(mc("?*?", "\xc3\xa9\xe2\x82\xac"));
	ck_assert(!mc("?*?", "\xf0\x9f\x98\x80"));
	ck_assert(mc("?*?", "ab"));
	ck_assert(mc("*\xc3\xa9?*", "xx\xc3\xa9\xe2\x82\xacyy"));
	ck_assert(mc("*?\xc3\xa9*", "\xf0\x9f\x98\x80\xc3\xa9"));
	ck_assert(!mc("*??\xc3\xa9*", "\xf0\x9f\x98\x80\xc3\xa9"));
	ck_assert(mc("a*?-?*z", "a\xc3\xa9-\xe2\x82\xacz"));
	ck_assert(!mc("a*?-?*z", "a-\xe2\x82\xacz"));
	/* the tail walks back over whole characters */
	ck_assert(mc("*?b", "a\xf0\x9f\x98\x80" "b"));
	ck_assert(mc("a*?", "a\xc3\xa9"));
	ck_assert(!mc("a\xc3*?\xa9", "a\xc3\xa9"));
	/* stars only, and empty segments */
	ck_assert(mc("*", "\xc3\xa9"));
	ck_assert(mc("**", "\xc3\xa9"));
	ck_assert(mc("***", ""));
	ck_assert(mc("?**?", "\xc3\xa9\xc3\xa9"));
	ck_assert(!mc("?**?", "\xc3\xa9"));
	ck_assert(mc("*?*", "\xe2\x82\xac"));
	ck_assert(!mc("*?*", ""));
}
END_TEST

START_TEST(test_glob_invalid_bytes)
{
	/* An invalid byte is one character: a lone lead byte, a stray
	 * continuation byte, 0xff, an overlong and a surrogate encoding. */
	ck_assert(mc("a?b", "a\xff" "b"));
	ck_assert(mc("a?b", "a\xc3" "b"));
	ck_assert(mc("a?", "a\xc3"));
	ck_assert(mc("a??", "a\xa9\xa9"));
	ck_assert(!mc("a?", "a\xa9\xa9"));
	ck_assert(mc("??", "\xc0\x80"));
	ck_assert(mc("???", "\xed\xa0\x80"));
	ck_assert(!mc("?", "\xed\xa0\x80"));
	/* a lone lead byte in the value is not the character it would start */
	ck_assert(!mc("*?\xc3\xa9*", "x\xc3" "b"));
	ck_assert(mc("*?\xc3\xa9*", "x\xc3\xa9" "b"));
	ck_assert(mc("*?\xc3*", "x\xc3" "b"));
	ck_assert(!mc("*?\xc3*", "x\xc3\xa9"));
	/* é then a stray continuation: two characters */
	ck_assert(mc("??", "\xc3\xa9\xa9"));
	ck_assert(mc("*??", "x\xc3\xa9\xa9"));
	ck_assert(mc("*?\xa9", "x\xc3\xa9\xa9"));
	ck_assert(mc("*?x?*", "\xf0\x9f\x98" "x" "\xf0\x9f"));
	/* a truncated sequence is three invalid bytes, so three characters */
	ck_assert(!mc("?", "\xf0\x9f\x98"));
	ck_assert(mc("???", "\xf0\x9f\x98"));
	ck_assert(mc("*?", "\xf0\x9f\x98"));
	ck_assert(mc("*???", "\xf0\x9f\x98"));
	ck_assert(!mc("*????", "\xf0\x9f\x98"));
}
END_TEST

/* ---- differential test against a plain dynamic-programming matcher ----- */

/* Character length by RFC 3629 (kept apart from the engine's decoder). */
static size_t ref_len(const unsigned char *s, size_t avail)
{
	static const struct {
		unsigned char lo, hi, lo2, hi2;
		size_t n;
	} t[] = {{0xc2, 0xdf, 0x80, 0xbf, 2}, {0xe0, 0xe0, 0xa0, 0xbf, 3}, {0xe1, 0xec, 0x80, 0xbf, 3},
	         {0xed, 0xed, 0x80, 0x9f, 3}, {0xee, 0xef, 0x80, 0xbf, 3}, {0xf0, 0xf0, 0x90, 0xbf, 4},
	         {0xf1, 0xf3, 0x80, 0xbf, 4}, {0xf4, 0xf4, 0x80, 0x8f, 4}};
	size_t i, k;

	for (i = 0; i < sizeof(t) / sizeof(*t); i++) {
		if (s[0] < t[i].lo || s[0] > t[i].hi)
			continue;
		if (avail < t[i].n || s[1] < t[i].lo2 || s[1] > t[i].hi2)
			return 1;
		for (k = 2; k < t[i].n; k++)
			if ((s[k] & 0xc0) != 0x80)
				return 1;
		return t[i].n;
	}
	return 1;
}

/* Split into characters: offsets of each start, n+1 entries. */
static size_t ref_split(const char *s, size_t len, size_t *at)
{
	size_t n = 0, i = 0;

	while (i < len) {
		at[n++] = i;
		i += ref_len((const unsigned char *)s + i, len - i);
	}
	at[n] = len;
	return n;
}

/* O(n*m) table: pattern characters vs value characters. */
static bool ref_match(const char *p, size_t plen, const char *s, size_t slen)
{
	size_t *pa = malloc((plen + 1) * sizeof(*pa)), *sa = malloc((slen + 1) * sizeof(*sa));
	size_t np = ref_split(p, plen, pa), ns = ref_split(s, slen, sa), i, j;
	bool *row = calloc((ns + 1) * (np + 1), 1), ok;

#define R(i, j) row[(i) * (ns + 1) + (j)]
	R(np, ns) = true;
	for (i = np; i-- > 0;) {
		size_t pl = pa[i + 1] - pa[i];
		for (j = ns + 1; j-- > 0;) {
			if (p[pa[i]] == '*' && pl == 1)
				R(i, j) = R(i + 1, j) || (j < ns && R(i, j + 1));
			else if (j == ns)
				R(i, j) = false;
			else if (p[pa[i]] == '?' && pl == 1)
				R(i, j) = R(i + 1, j + 1);
			else
				R(i, j) = pl == sa[j + 1] - sa[j] && memcmp(p + pa[i], s + sa[j], pl) == 0 &&
				          R(i + 1, j + 1);
		}
	}
	ok = R(0, 0);
#undef R
	free(row);
	free(pa);
	free(sa);
	return ok;
}

static const char *const alphabet[] = {"a", "b", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
static const char *const junk[] = {"\xff", "\xc3", "\xa9", "\xf0\x9f"};

static unsigned long seed = 12345;
static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((seed >> 33) % n);
}

static void add(char *buf, size_t *len, const char *piece)
{
	memcpy(buf + *len, piece, strlen(piece));
	*len += strlen(piece);
}

/* A pattern of up to `items` items, and a value that usually fits it. */
static void random_case(size_t items, unsigned star_every, char *p, size_t *plen, char *s,
                        size_t *slen)
{
	size_t i, k;

	*plen = *slen = 0;
	for (i = 0; i < items; i++) {
		unsigned r = rnd(star_every);
		if (r == 0) {
			add(p, plen, "*");
			for (k = rnd(4); k-- > 0;)
				add(s, slen, alphabet[rnd(5)]);
		} else if (r < 6) {
			add(p, plen, "?");
			add(s, slen, rnd(8) ? alphabet[rnd(5)] : junk[rnd(4)]);
		} else {
			const char *c = alphabet[rnd(5)];
			add(p, plen, c);
			add(s, slen, rnd(4 * items) ? c : alphabet[rnd(5)]);
		}
	}
}

START_TEST(test_glob_differential)
{
	static char p[4096], s[4096];
	size_t plen, slen, n, agree = 0;
	tl__arena a;

	tl__arena_init(&a);
	for (n = 0; n < 4000; n++) {
		tl__glob g;
		bool want, direct, compiled;

		/* short cases, then segments beyond one and two 64-bit words */
		if (n < 3000)
			random_case(1 + rnd(12), 20, p, &plen, s, &slen);
		else
			random_case(60 + rnd(150), 100, p, &plen, s, &slen);
		want = ref_match(p, plen, s, slen);
		direct = tl__glob_match(p, plen, NULL, s, slen);
		ck_assert(tl__glob_compile(&a, p, plen, NULL, &g));
		compiled = tl__glob_run(&g, s, slen);
		ck_assert_msg(direct == want && compiled == want,
		              "case %zu: \"%.*s\" vs \"%.*s\": want %d, direct %d, compiled %d", n,
		              (int)plen, p, (int)slen, s, want, direct, compiled);
		agree += want;
	}
	tl__arena_release(&a);
	/* the generator must produce both outcomes to test anything */
	ck_assert_uint_gt(agree, 400);
	ck_assert_uint_lt(agree, 3600);
}
END_TEST

START_TEST(test_glob_linear_question_segments)
{
	/* Long '?' segments in the middle against a long value: Shift-And with
	 * many words; the old slide-and-compare took minutes here. */
	enum { N = 65000, SEG = 3000 };
	char *s = malloc(N + 1), *pat = malloc(SEG + 4);
	size_t i;

	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(pat);
	memset(s, 'a', N);
	pat[0] = '*';
	for (i = 1; i <= SEG; i++)
		pat[i] = i % 7 ? 'a' : '?';
	pat[SEG + 1] = 'b';
	pat[SEG + 2] = '*';
	ck_assert(!tl__glob_match(pat, SEG + 3, NULL, s, N));
	s[N - 1] = 'b';
	ck_assert(tl__glob_match(pat, SEG + 3, NULL, s, N));
	free(s);
	free(pat);
}
END_TEST

static Suite *glob_suite(void)
{
	Suite *s = suite_create("glob");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_glob_exact);
	tcase_add_test(tc, test_glob_anchoring);
	tcase_add_test(tc, test_glob_star_empty);
	tcase_add_test(tc, test_glob_star_crosses_separators);
	tcase_add_test(tc, test_glob_question);
	tcase_add_test(tc, test_glob_consecutive_stars);
	tcase_add_test(tc, test_glob_middle_segments);
	tcase_add_test(tc, test_glob_literal_mask);
	tcase_add_test(tc, test_glob_literal_mask_mixed);
	tcase_add_test(tc, test_glob_lengths_not_nul);
	tcase_add_test(tc, test_glob_has_wildcard);
	tcase_add_test(tc, test_glob_pathological);
	tcase_add_test(tc, test_glob_utf8_question);
	tcase_add_test(tc, test_glob_utf8_with_stars);
	tcase_add_test(tc, test_glob_invalid_bytes);
	tcase_add_test(tc, test_glob_differential);
	tcase_add_test(tc, test_glob_linear_question_segments);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(glob_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
