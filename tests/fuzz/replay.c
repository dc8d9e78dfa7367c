/*
 * replay.c - the standalone driver: feed every file under the given paths
 * to one fuzz target's LLVMFuzzerTestOneInput, with the normal compiler,
 * so `make test` keeps every input a fuzzer ever found working
 * (libgit2's fuzzers/standalone_driver.c does the same).
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t ran;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	ran++;
	return 0;
}

static int run_path(const char *path, int depth)
{
	struct stat sb;
	struct dirent **names;
	int n, i, rc = 0;

	if (stat(path, &sb) != 0 || depth > 16)
		return -1;
	if (!S_ISDIR(sb.st_mode))
		return run_file(path);
	n = scandir(path, &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		char child[4096];
		if (names[i]->d_name[0] != '.') {
			snprintf(child, sizeof(child), "%s/%s", path, names[i]->d_name);
			rc |= run_path(child, depth + 1);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int i, rc = 0;
	FILE *out = fdopen(dup(1), "w"); /* a target may silence stdout; the count still shows */

	for (i = 1; i < argc; i++)
		if (run_path(argv[i], 0) < 0) {
			fprintf(stderr, "replay: cannot read %s\n", argv[i]);
			rc = 1;
		}
	fprintf(out ? out : stderr, "replayed %zu inputs\n", ran);
	if (out)
		fclose(out);
	return rc;
}
