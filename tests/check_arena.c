/*
 * check_arena.c - unit tests for engine/arena.c: zeroed, 16-aligned
 * blocks that never overlap, copies and formatted strings, small and
 * huge requests, and the sticky failure flag of arena.h ("allocation
 * then returns NULL").  Run plainly and with -DTL_ARENA_DEBUG (the
 * sanitized build), where every block is its own malloc.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The failure tests ask for impossible sizes; the arena must refuse them
 * itself, but should a request reach malloc, ASan must answer NULL as
 * malloc does rather than stop the test. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static bool aligned16(const void *p)
{
	return ((uintptr_t)p & 15u) == 0;
}

static bool all_bytes(const void *p, size_t n, unsigned char b)
{
	const unsigned char *c = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i] != b)
			return false;
	return true;
}

/* ---- allocation ------------------------------------------------------ */

START_TEST(test_arena_init_and_release_empty)
{
	tl__arena a;

	memset(&a, 0x5A, sizeof(a));
	tl__arena_init(&a);
	ck_assert_ptr_null(a.head);
	ck_assert(!a.failed);
	/* Releasing an arena that never allocated, twice, is harmless. */
	tl__arena_release(&a);
	ck_assert_ptr_null(a.head);
	tl__arena_release(&a);
	ck_assert_ptr_null(a.head);
	ck_assert(!a.failed);
}
END_TEST

START_TEST(test_arena_zeroed_and_aligned)
{
	tl__arena a;
	size_t size;

	/* Dirty the heap first, so that zeroing cannot come from fresh pages. */
	tl__arena_init(&a);
	for (size = 1; size <= 300; size++) {
		unsigned char *p = tl__arena_alloc(&a, size);
		ck_assert_ptr_nonnull(p);
		memset(p, 0xA5, size);
	}
	tl__arena_release(&a);

	tl__arena_init(&a);
	for (size = 1; size <= 300; size++) {
		unsigned char *p = tl__arena_alloc(&a, size);
		ck_assert_msg(p != NULL, "size %zu", size);
		ck_assert_msg(aligned16(p), "size %zu at %p", size, (void *)p);
		ck_assert_msg(all_bytes(p, size, 0), "size %zu not zeroed", size);
		memset(p, 0xA5, size);
	}
	ck_assert(!a.failed);
	tl__arena_release(&a);
}
END_TEST

START_TEST(test_arena_zero_size)
{
	tl__arena a;
	unsigned char *p, *q;

	tl__arena_init(&a);
	p = tl__arena_alloc(&a, 0);
	/* Asking for nothing is not running out of memory. */
	ck_assert(!a.failed);
	q = tl__arena_alloc(&a, 24);
	ck_assert_ptr_nonnull(q);
	ck_assert(aligned16(q));
	ck_assert(all_bytes(q, 24, 0));
	ck_assert(p == NULL || p != q);
	tl__arena_release(&a);
}
END_TEST

/* Many small blocks of varied sizes: each aligned and zeroed, and none
 * overlaps another (every block keeps the pattern written into it). */
START_TEST(test_arena_many_small)
{
	enum { N = 50000 };
	tl__arena a;
	unsigned char **ptrs = calloc(N, sizeof(*ptrs));
	size_t i;

	ck_assert_ptr_nonnull(ptrs);
	tl__arena_init(&a);
	for (i = 0; i < N; i++) {
		size_t size = 1 + (i * 7919) % 97;
		ptrs[i] = tl__arena_alloc(&a, size);
		ck_assert_msg(ptrs[i] != NULL, "allocation %zu", i);
		ck_assert_msg(aligned16(ptrs[i]), "allocation %zu unaligned", i);
		ck_assert_msg(all_bytes(ptrs[i], size, 0), "allocation %zu not zeroed", i);
		memset(ptrs[i], (int)(i & 0xFF), size);
	}
	for (i = 0; i < N; i++) {
		size_t size = 1 + (i * 7919) % 97;
		ck_assert_msg(all_bytes(ptrs[i], size, (unsigned char)(i & 0xFF)),
		              "allocation %zu was overwritten", i);
	}
	ck_assert(!a.failed);
	tl__arena_release(&a);
	ck_assert_ptr_null(a.head);
	free(ptrs);
}
END_TEST

/* Blocks larger than any chunk the arena keeps, between small ones. */
START_TEST(test_arena_huge)
{
	static const size_t sizes[] = {8192, 8193, 100000, 1u << 20, 24u << 20};
	tl__arena a;
	unsigned char *small[6], *big[5];
	size_t i;

	tl__arena_init(&a);
	for (i = 0; i < 5; i++) {
		small[i] = tl__arena_alloc(&a, 40);
		ck_assert_ptr_nonnull(small[i]);
		memset(small[i], 0x11 * (int)(i + 1), 40);
		big[i] = tl__arena_alloc(&a, sizes[i]);
		ck_assert_msg(big[i] != NULL, "size %zu", sizes[i]);
		ck_assert_msg(aligned16(big[i]), "size %zu unaligned", sizes[i]);
		ck_assert_msg(all_bytes(big[i], sizes[i], 0), "size %zu not zeroed", sizes[i]);
		/* the whole block is usable, to its last byte */
		memset(big[i], 0xC0 + (int)i, sizes[i]);
	}
	small[5] = tl__arena_alloc(&a, 16);
	ck_assert_ptr_nonnull(small[5]);
	ck_assert(all_bytes(small[5], 16, 0));
	for (i = 0; i < 5; i++) {
		ck_assert_msg(all_bytes(small[i], 40, (unsigned char)(0x11 * (i + 1))), "small %zu", i);
		ck_assert_msg(all_bytes(big[i], sizes[i], (unsigned char)(0xC0 + i)), "big %zu", i);
	}
	ck_assert(!a.failed);
	tl__arena_release(&a);
}
END_TEST

/* ---- strings --------------------------------------------------------- */

START_TEST(test_arena_strndup)
{
	tl__arena a;
	char src[] = "arn:aws:iam::111122223333:role/deploy";
	char *p, *q, *e;

	tl__arena_init(&a);
	p = tl__arena_strndup(&a, src, strlen(src));
	ck_assert_ptr_nonnull(p);
	ck_assert(p != src);
	ck_assert_str_eq(p, src);
	/* A prefix: exactly len bytes, then a NUL. */
	q = tl__arena_strndup(&a, src, 3);
	ck_assert_ptr_nonnull(q);
	ck_assert_str_eq(q, "arn");
	/* Empty. */
	e = tl__arena_strndup(&a, src, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e, "");
	/* Copies, not views: changing the source changes none of them. */
	memset(src, 'x', sizeof(src) - 1);
	ck_assert_str_eq(p, "arn:aws:iam::111122223333:role/deploy");
	ck_assert_str_eq(q, "arn");
	/* The bytes are copied as they are, NUL included. */
	p = tl__arena_strndup(&a, "a\0b", 3);
	ck_assert_ptr_nonnull(p);
	ck_assert(memcmp(p, "a\0b", 4) == 0);
	ck_assert(!a.failed);
	tl__arena_release(&a);
}
END_TEST

START_TEST(test_arena_strndup_long)
{
	tl__arena a;
	size_t len = 70000, i;
	char *src = malloc(len), *p;

	ck_assert_ptr_nonnull(src);
	for (i = 0; i < len; i++)
		src[i] = (char)('a' + i % 26);
	tl__arena_init(&a);
	p = tl__arena_strndup(&a, src, len);
	ck_assert_ptr_nonnull(p);
	ck_assert(memcmp(p, src, len) == 0);
	ck_assert_int_eq(p[len], '\0');
	ck_assert_uint_eq(strlen(p), len);
	tl__arena_release(&a);
	free(src);
}
END_TEST

START_TEST(test_arena_printf)
{
	tl__arena a;
	char *p, *q, *big;
	size_t i;

	tl__arena_init(&a);
	p = tl__arena_printf(&a, "%s:%zu:%d %c%%", "case", (size_t)42, -7, 'x');
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, "case:42:-7 x%");
	ck_assert(aligned16(p));
	q = tl__arena_printf(&a, "%s", "");
	ck_assert_ptr_nonnull(q);
	ck_assert_str_eq(q, "");
	ck_assert(p != q);
	/* Longer than a block: still whole. */
	big = tl__arena_printf(&a, "<%020000d|%s>", 5, "end");
	ck_assert_ptr_nonnull(big);
	ck_assert_uint_eq(strlen(big), 1 + 20000 + 1 + 3 + 1);
	ck_assert_int_eq(big[0], '<');
	for (i = 1; i < 20000; i++)
		ck_assert_int_eq(big[i], '0');
	ck_assert_str_eq(big + 20000, "5|end>");
	/* The earlier strings are untouched. */
	ck_assert_str_eq(p, "case:42:-7 x%");
	ck_assert(!a.failed);
	tl__arena_release(&a);
}
END_TEST

/* ---- the sticky failure flag ----------------------------------------- */

START_TEST(test_arena_impossible_size_is_sticky)
{
	tl__arena a;
	void *ok;

	tl__arena_init(&a);
	ok = tl__arena_alloc(&a, 32);
	ck_assert_ptr_nonnull(ok);
	memset(ok, 0x77, 32);
	ck_assert_ptr_null(tl__arena_alloc(&a, SIZE_MAX));
	ck_assert(a.failed);
	/* Every later request fails too, however small. */
	ck_assert_ptr_null(tl__arena_alloc(&a, 1));
	ck_assert_ptr_null(tl__arena_alloc(&a, 0));
	ck_assert_ptr_null(tl__arena_strndup(&a, "abc", 3));
	ck_assert_ptr_null(tl__arena_printf(&a, "%d", 1));
	ck_assert(a.failed);
	/* What was handed out before stays valid until the release. */
	ck_assert(all_bytes(ok, 32, 0x77));
	tl__arena_release(&a);
	ck_assert_ptr_null(a.head);
}
END_TEST

START_TEST(test_arena_impossible_sizes)
{
	static const size_t sizes[] = {SIZE_MAX, SIZE_MAX - 15, SIZE_MAX - 16, SIZE_MAX / 2 + 1};
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		tl__arena a;

		tl__arena_init(&a);
		ck_assert_msg(tl__arena_alloc(&a, sizes[i]) == NULL, "size %zu", sizes[i]);
		ck_assert_msg(a.failed, "size %zu did not set failed", sizes[i]);
		ck_assert_ptr_null(tl__arena_alloc(&a, 8));
		tl__arena_release(&a);
	}
}
END_TEST

/* A copy of SIZE_MAX bytes cannot exist (len + 1 wraps): that must be
 * recorded like any other failure, or a caller that checks the flag once
 * at the end would keep a NULL string. */
START_TEST(test_arena_strndup_impossible_sets_failed)
{
	tl__arena a;

	tl__arena_init(&a);
	ck_assert_ptr_null(tl__arena_strndup(&a, "x", SIZE_MAX));
	ck_assert(a.failed);
	ck_assert_ptr_null(tl__arena_alloc(&a, 8));
	tl__arena_release(&a);
}
END_TEST

static Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *alloc = tcase_create("alloc");
	TCase *strings = tcase_create("strings");
	TCase *failure = tcase_create("failure");

	tcase_add_test(alloc, test_arena_init_and_release_empty);
	tcase_add_test(alloc, test_arena_zeroed_and_aligned);
	tcase_add_test(alloc, test_arena_zero_size);
	tcase_add_test(alloc, test_arena_many_small);
	tcase_add_test(alloc, test_arena_huge);
	tcase_set_timeout(alloc, 120);
	suite_add_tcase(s, alloc);

	tcase_add_test(strings, test_arena_strndup);
	tcase_add_test(strings, test_arena_strndup_long);
	tcase_add_test(strings, test_arena_printf);
	suite_add_tcase(s, strings);

	tcase_add_test(failure, test_arena_impossible_size_is_sticky);
	tcase_add_test(failure, test_arena_impossible_sizes);
	tcase_add_test(failure, test_arena_strndup_impossible_sets_failed);
	suite_add_tcase(s, failure);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(arena_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
