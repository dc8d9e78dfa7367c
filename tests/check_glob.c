/*
 * check_glob.c - unit tests for engine/glob.c.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

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
