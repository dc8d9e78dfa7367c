/*
 * check_vectors.c - run the decision vectors of corpus/eval/ *.jsonl.
 *
 * Each line is a batch line plus "expect" (Allow, ExplicitDeny,
 * ImplicitDeny or error), optional "matched" and "account_level", and the
 * "why" and "source" that justify it.  The line goes through the same
 * tl_batch_line a user's `trustlint eval --batch` does.  Uses the engine's
 * internal JSON reader to read the expectations (tests may).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "trustlint.h"

static int failures, total;

static void fail(const char *file, unsigned long line, const tl__jnode *root, const char *what)
{
	const tl__jnode *id = tl__json_get(root, "id"), *why = tl__json_get(root, "why");

	failures++;
	fprintf(stderr, "%s:%lu: FAIL %s: %s\n    why: %s\n", file, line, id ? id->text : "?", what,
	        why ? why->text : "?");
}

static void check_line(const char *file, tl_batch *batch, const char *line, size_t len,
                       unsigned long lineno)
{
	tl__arena arena;
	const tl__jnode *root, *expect, *matched, *acct;
	tl_error err = {0};
	tl_batch_result res;
	char *out = NULL, msg[640];
	size_t out_len = 0, out_cap = 0, i;

	tl__arena_init(&arena);
	if (tl__json_parse(&arena, line, len, NULL, &root, &err) != TL_OK) {
		fprintf(stderr, "%s:%lu: vector is not JSON: %s\n", file, lineno, err.message);
		failures++;
		goto done;
	}
	total++;
	expect = tl__json_get(root, "expect");
	if (!expect || !tl__json_get(root, "why") || !tl__json_get(root, "source") ||
	    !tl__json_get(root, "id")) {
		fail(file, lineno, root, "a vector needs id, expect, why and source");
		goto done;
	}
	tl_batch_line(batch, line, len, lineno, &out, &out_len, &out_cap, &res);
	if (strcmp(expect->text, "error") == 0) {
		if (res.ok) {
			snprintf(msg, sizeof(msg), "expected an error, got %s", tl_decision_name(res.decision));
			fail(file, lineno, root, msg);
		}
		goto done;
	}
	if (!res.ok) {
		snprintf(msg, sizeof(msg), "expected %s, got error: %s", expect->text, res.error);
		fail(file, lineno, root, msg);
		goto done;
	}
	if (strcmp(expect->text, tl_decision_name(res.decision)) != 0) {
		snprintf(msg, sizeof(msg), "expected %s, got %s", expect->text,
		         tl_decision_name(res.decision));
		fail(file, lineno, root, msg);
		goto done;
	}
	matched = tl__json_get(root, "matched");
	if (matched) {
		bool same = matched->type == TL__J_ARRAY && matched->n == res.n_matched;
		for (i = 0; same && i < matched->n && i < 16; i++)
			same = strtoul(matched->child[i].text, NULL, 10) == res.matched[i];
		if (!same) {
			snprintf(msg, sizeof(msg), "matched statements differ: expected %.*s, got %.*s",
			         (int)matched->src_len, matched->src, (int)out_len, out);
			fail(file, lineno, root, msg);
		}
	}
	acct = tl__json_get(root, "account_level");
	if (acct && (acct->type == TL__J_TRUE) != res.account_level) {
		snprintf(msg, sizeof(msg), "account_level: expected %s", acct->text);
		fail(file, lineno, root, msg);
	}
done:
	free(out);
	tl__arena_release(&arena);
}

static void run_file(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	tl_batch *batch = tl_batch_new(dir, NULL);

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f || !batch) {
		fprintf(stderr, "cannot read %s\n", path);
		failures++;
		tl_batch_free(batch);
		if (f)
			fclose(f);
		return;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		if (len)
			check_line(path, batch, line, len, lineno);
	}
	free(line);
	fclose(f);
	tl_batch_free(batch);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "corpus/eval";
	struct dirent **names;
	int n, i;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0) {
		perror(dir);
		return 1;
	}
	for (i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (len > 6 && strcmp(names[i]->d_name + len - 6, ".jsonl") == 0)
			run_file(dir, names[i]->d_name);
		free(names[i]);
	}
	free(names);
	printf("%d decision vectors, %d failed\n", total, failures);
	if (total < 250) {
		fprintf(stderr, "expected at least 250 vectors under %s\n", dir);
		return 1;
	}
	return failures ? 1 : 0;
}
