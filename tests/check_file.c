/*
 * check_file.c - engine/file.c: whole-file reads bounded by a size, with
 * errors that name the file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "trustlint.h"

static char dir[] = "/tmp/check_file.XXXXXX";

static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

START_TEST(test_file_reads_whole_and_terminates)
{
	char path[256], *text = NULL;
	size_t len = 99;
	tl_error err = {0};

	snprintf(path, sizeof(path), "%s/a.json", dir);
	write_file(path, "{\"a\":\0\"b\"}", 10); /* a NUL inside is kept, not a terminator */
	ck_assert_int_eq(tl_file_read(path, 100, &text, &len, &err), TL_OK);
	ck_assert_uint_eq(len, 10);
	ck_assert_int_eq(memcmp(text, "{\"a\":\0\"b\"}", 10), 0);
	ck_assert_int_eq(text[10], '\0');
	free(text);
	/* an empty file is an empty text, not an error */
	snprintf(path, sizeof(path), "%s/empty.json", dir);
	write_file(path, "", 0);
	ck_assert_int_eq(tl_file_read(path, 100, &text, &len, &err), TL_OK);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(text[0], '\0');
	free(text);
}
END_TEST

START_TEST(test_file_bound_is_inclusive)
{
	char path[256], *text = NULL, big[9000];
	size_t len;
	tl_error err = {0};

	memset(big, 'x', sizeof(big));
	snprintf(path, sizeof(path), "%s/big.json", dir);
	write_file(path, big, sizeof(big)); /* more than one 4096-byte read */
	ck_assert_int_eq(tl_file_read(path, sizeof(big), &text, &len, &err), TL_OK);
	ck_assert_uint_eq(len, sizeof(big));
	free(text);
	text = (char *)1;
	ck_assert_int_eq(tl_file_read(path, sizeof(big) - 1, &text, &len, &err), TL_ELIMIT);
	ck_assert_ptr_null(text);
	ck_assert_ptr_nonnull(strstr(err.message, "big.json is larger than 8999 bytes (limit)"));
}
END_TEST

START_TEST(test_file_errors_name_the_file)
{
	char path[256], *text = NULL;
	size_t len;
	tl_error err = {0};

	snprintf(path, sizeof(path), "%s/missing.json", dir);
	ck_assert_int_eq(tl_file_read(path, 100, &text, &len, &err), TL_EIO);
	ck_assert_ptr_nonnull(strstr(err.message, "cannot open"));
	ck_assert_ptr_nonnull(strstr(err.message, "missing.json"));
	ck_assert_ptr_null(text);
	/* a folder opens but does not read */
	ck_assert_int_eq(tl_file_read(dir, 100, &text, &len, &err), TL_EIO);
	ck_assert_ptr_nonnull(strstr(err.message, dir));
	ck_assert_ptr_null(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("file");
	TCase *tc = tcase_create("read");
	SRunner *sr;
	int failed;

	if (!mkdtemp(dir)) {
		perror("check_file: mkdtemp");
		return EXIT_FAILURE;
	}
	tcase_add_test(tc, test_file_reads_whole_and_terminates);
	tcase_add_test(tc, test_file_bound_is_inclusive);
	tcase_add_test(tc, test_file_errors_name_the_file);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	{ /* leave nothing behind */
		static const char *const made[] = {"a.json", "empty.json", "big.json"};
		char path[256];
		size_t i;
		for (i = 0; i < sizeof(made) / sizeof(*made); i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, made[i]);
			unlink(path);
		}
		rmdir(dir);
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
