/*
 * check_batch.c - unit tests for engine/batch.c: one JSON line in, one
 * JSON line out ({"id", "decision", "matched", "account_level", "error"},
 * docs/trustlint.1), policy files, the policy cache, and refusals.
 * Output lines are read back with the engine's own JSON reader (tests
 * may), so each is also checked to be well-formed JSON.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "json.h"
#include "trustlint.h"

#define POLICY                                                                                     \
	"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "       \
	"{\"AWS\": \"arn:aws:iam::111122223333:user/alice\"}, \"Action\": \"sts:AssumeRole\"}]}"
#define ALICE_REQ                                                                                  \
	"{\"principal\": {\"type\": \"AWS\", \"id\": \"arn:aws:iam::111122223333:user/alice\"}, "     \
	"\"action\": \"sts:AssumeRole\"}"
#define BOB_REQ                                                                                    \
	"{\"principal\": {\"type\": \"AWS\", \"id\": \"arn:aws:iam::111122223333:user/bob\"}, "       \
	"\"action\": \"sts:AssumeRole\"}"

/* An output buffer as tl_batch_line grows it. */
typedef struct sink {
	char *buf;
	size_t len, cap;
} sink;

static tl_status line(tl_batch *b, const char *text, unsigned long lineno, sink *out,
                      tl_batch_result *res)
{
	size_t before = out->len;
	tl_status st = tl_batch_line(b, text, strlen(text), lineno, &out->buf, &out->len, &out->cap, res);

	/* Exactly one line appended, newline-terminated, NUL after it. */
	ck_assert_uint_gt(out->len, before);
	ck_assert(out->buf[out->len - 1] == '\n');
	ck_assert(memchr(out->buf + before, '\n', out->len - before) == out->buf + out->len - 1);
	ck_assert(out->buf[out->len] == '\0');
	return st;
}

/* The last line of `out`, parsed. */
typedef struct outline {
	tl__arena arena;
	const tl__jnode *root;
	const char *text;
	size_t len;
} outline;

static void read_last(const sink *out, outline *o)
{
	const char *end = out->buf + out->len - 1, *start = end;
	tl_error err = {0};

	while (start > out->buf && start[-1] != '\n')
		start--;
	o->text = start;
	o->len = (size_t)(end - start);
	tl__arena_init(&o->arena);
	ck_assert_msg(tl__json_parse(&o->arena, start, o->len, NULL, &o->root, &err) == TL_OK,
	              "output is not JSON: %.*s (%s)", (int)o->len, start, err.message);
	ck_assert_int_eq(o->root->type, TL__J_OBJECT);
}

static void drop(outline *o)
{
	tl__arena_release(&o->arena);
}

static const tl__jnode *field(const outline *o, const char *name)
{
	const tl__jnode *n = tl__json_get(o->root, name);

	ck_assert_msg(n != NULL, "output lacks \"%s\": %.*s", name, (int)o->len, o->text);
	return n;
}

/* The raw source text of output field `name`. */
static void expect_raw(const outline *o, const char *name, const char *want)
{
	const tl__jnode *n = field(o, name);

	ck_assert_msg(n->src_len == strlen(want) && memcmp(n->src, want, n->src_len) == 0,
	              "%s is %.*s, expected %s", name, (int)n->src_len, n->src, want);
}

static const char *error_text(const outline *o)
{
	const tl__jnode *e = field(o, "error");

	ck_assert_int_eq(e->type, TL__J_STRING);
	return e->text;
}

static void expect_failed(const outline *o, const char *error_has)
{
	expect_raw(o, "decision", "null");
	expect_raw(o, "matched", "[]");
	ck_assert_msg(strstr(error_text(o), error_has) != NULL, "error \"%s\" lacks \"%s\"",
	              error_text(o), error_has);
}

static tl_batch *batch(const char *base_dir)
{
	tl_batch *b = tl_batch_new(base_dir, NULL);

	ck_assert_ptr_nonnull(b);
	return b;
}

/* ---- decided lines ----------------------------------------------------- */

START_TEST(test_batch_good_line)
{
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;

	ck_assert_int_eq(line(b, "{\"id\": \"a\", \"policy\": " POLICY ", \"request\": " ALICE_REQ "}", 1,
	                      &out, &res),
	                 TL_OK);
	ck_assert_str_eq(out.buf, "{\"id\": \"a\", \"decision\": \"Allow\", \"matched\": [0], "
	                          "\"account_level\": false, \"error\": null}\n");
	ck_assert(res.ok);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert(!res.account_level);
	ck_assert_uint_eq(res.n_matched, 1);
	ck_assert_uint_eq(res.matched[0], 0);

	/* Lines append; a NULL result is allowed. */
	ck_assert_int_eq(line(b, "{\"id\": \"b\", \"policy\": " POLICY ", \"request\": " BOB_REQ "}", 2,
	                      &out, NULL),
	                 TL_OK);
	ck_assert_str_eq(out.buf, "{\"id\": \"a\", \"decision\": \"Allow\", \"matched\": [0], "
	                          "\"account_level\": false, \"error\": null}\n"
	                          "{\"id\": \"b\", \"decision\": \"ImplicitDeny\", \"matched\": [], "
	                          "\"account_level\": false, \"error\": null}\n");
	free(out.buf);
	tl_batch_free(b);
	tl_batch_free(NULL);
}
END_TEST

START_TEST(test_batch_matched_and_account_level)
{
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	outline o;

	/* Statements 0 and 2 apply, both only through the account. */
	ck_assert_int_eq(
		line(b,
		     "{\"id\": 7, \"policy\": {\"Version\": \"2012-10-17\", \"Statement\": ["
		     "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"111122223333\"}, \"Action\": \"sts:AssumeRole\"},"
		     "{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"},"
		     "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, "
		     "\"Action\": \"sts:*\"}]}, \"request\": " BOB_REQ "}",
		     1, &out, &res),
		TL_OK);
	read_last(&out, &o);
	expect_raw(&o, "decision", "\"Allow\"");
	expect_raw(&o, "matched", "[0, 2]");
	expect_raw(&o, "account_level", "true");
	expect_raw(&o, "error", "null");
	ck_assert_uint_eq(res.n_matched, 2);
	ck_assert_uint_eq(res.matched[1], 2);
	ck_assert(res.account_level);
	drop(&o);

	/* A Deny. */
	ck_assert_int_eq(
		line(b,
		     "{\"id\": 8, \"policy\": {\"Version\": \"2012-10-17\", \"Statement\": ["
		     "{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"},"
		     "{\"Effect\": \"Deny\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/bob\"}, "
		     "\"Action\": \"sts:AssumeRole\"}]}, \"request\": " BOB_REQ "}",
		     2, &out, &res),
		TL_OK);
	read_last(&out, &o);
	expect_raw(&o, "decision", "\"ExplicitDeny\"");
	expect_raw(&o, "matched", "[0, 1]");
	expect_raw(&o, "account_level", "false");
	ck_assert_int_eq(res.decision, TL_EXPLICIT_DENY);
	drop(&o);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

START_TEST(test_batch_id_echoed_verbatim)
{
	static const struct {
		const char *id; /* as written in the line; NULL: no id */
		const char *want;
	} ids[] = {
		{"1.50", "1.50"},
		{"-0", "-0"},
		{"\"a\\\"b\\u00e9/\"", "\"a\\\"b\\u00e9/\""},
		{"{\"k\": [1, 2],  \"n\": null}", "{\"k\": [1, 2],  \"n\": null}"},
		{"[\"x\"]", "[\"x\"]"},
		{"true", "true"},
		{"null", "null"},
		{NULL, "null"},
	};
	tl_batch *b = batch(NULL);
	sink out = {0};
	char text[1024];
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		outline o;

		if (ids[i].id)
			snprintf(text, sizeof(text), "{\"id\": %s, \"policy\": " POLICY ", \"request\": " ALICE_REQ "}",
			         ids[i].id);
		else
			snprintf(text, sizeof(text), "{\"policy\": " POLICY ", \"request\": " ALICE_REQ "}");
		ck_assert_int_eq(line(b, text, i + 1, &out, NULL), TL_OK);
		read_last(&out, &o);
		expect_raw(&o, "id", ids[i].want);
		expect_raw(&o, "decision", "\"Allow\"");
		/* The id comes first, as written. */
		ck_assert(strncmp(o.text, "{\"id\": ", 7) == 0);
		ck_assert(strncmp(o.text + 7, ids[i].want, strlen(ids[i].want)) == 0);
		drop(&o);
	}
	/* Failed lines echo it too. */
	ck_assert_int_eq(line(b, "{\"id\": {\"n\": 3}, \"nope\": 1}", 20, &out, NULL), TL_EARG);
	{
		outline o;
		read_last(&out, &o);
		expect_raw(&o, "id", "{\"n\": 3}");
		drop(&o);
	}
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

/* ---- failed lines ------------------------------------------------------ */

START_TEST(test_batch_malformed_line)
{
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	outline o;

	ck_assert_int_eq(line(b, "{\"id\": 1, \"policy\": ", 7, &out, &res), TL_ESYNTAX);
	ck_assert(!res.ok);
	ck_assert_ptr_nonnull(strstr(res.error, "line 7"));
	read_last(&out, &o);
	expect_raw(&o, "id", "null");
	expect_failed(&o, "line 7");
	ck_assert_str_eq(error_text(&o), res.error);
	drop(&o);

	/* JSON, but not a line object. */
	ck_assert_int_eq(line(b, "[1, 2]", 8, &out, &res), TL_EARG);
	read_last(&out, &o);
	expect_failed(&o, "line 8");
	drop(&o);

	/* Nothing to decide with. */
	ck_assert_int_eq(line(b, "{\"id\": 2, \"policy\": " POLICY "}", 9, &out, &res), TL_EARG);
	read_last(&out, &o);
	expect_raw(&o, "id", "2");
	expect_failed(&o, "line 9");
	drop(&o);
	ck_assert_int_eq(line(b, "{\"id\": 3, \"policy\": " POLICY ", \"policy_file\": \"p.json\", "
	                         "\"request\": " ALICE_REQ "}",
	                      10, &out, &res),
	                 TL_EARG);
	ck_assert_int_eq(line(b, "{\"id\": 4, \"policy_file\": 5, \"request\": " ALICE_REQ "}", 11, &out,
	                      &res),
	                 TL_EARG);
	/* A bad request names the line and the request. */
	ck_assert_int_eq(line(b, "{\"id\": 5, \"policy\": " POLICY ", \"request\": {\"principal\": "
	                         "{\"type\": \"Robot\", \"id\": \"x\"}, \"action\": \"sts:AssumeRole\"}}",
	                      12, &out, &res),
	                 TL_EARG);
	read_last(&out, &o);
	expect_failed(&o, "line 12");
	ck_assert_ptr_nonnull(strstr(error_text(&o), "request"));
	drop(&o);

	/* A blank line gets a reply too, so replies pair with input lines. */
	ck_assert_int_eq(line(b, " \t\r", 14, &out, &res), TL_EARG);
	read_last(&out, &o);
	expect_raw(&o, "id", "null");
	expect_raw(&o, "decision", "null");
	ck_assert_str_eq(error_text(&o), "line 14: empty line");
	drop(&o);
	ck_assert_int_eq(line(b, "", 15, &out, &res), TL_EARG);
	ck_assert_str_eq(res.error, "line 15: empty line");
	/* Context keys differing only in case: a located request error. */
	ck_assert_int_eq(line(b, "{\"id\": 7, \"policy\": " POLICY ", \"request\": {\"principal\": "
	                         "{\"type\": \"AWS\", \"id\": \"111122223333\"}, \"action\": "
	                         "\"sts:AssumeRole\", \"context\": {\"aws:SourceIp\": \"1.2.3.4\", "
	                         "\"AWS:SOURCEIP\": \"5.6.7.8\"}}}",
	                      16, &out, &res),
	                 TL_EARG);
	read_last(&out, &o);
	expect_raw(&o, "id", "7");
	expect_failed(&o, "line 16: request 1:");
	ck_assert_ptr_nonnull(strstr(error_text(&o), "\"AWS:SOURCEIP\" is also given as \"aws:SourceIp\""));
	drop(&o);

	/* A failed line does not stop the next one. */
	ck_assert_int_eq(line(b, "{\"id\": 6, \"policy\": " POLICY ", \"request\": " ALICE_REQ "}", 13,
	                      &out, &res),
	                 TL_OK);
	read_last(&out, &o);
	expect_raw(&o, "decision", "\"Allow\"");
	drop(&o);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

START_TEST(test_batch_unknown_field)
{
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	outline o;

	ck_assert_int_eq(line(b, "{\"id\": \"x\", \"polcy\": " POLICY ", \"request\": " ALICE_REQ "}", 2,
	                      &out, &res),
	                 TL_EARG);
	read_last(&out, &o);
	expect_raw(&o, "id", "\"x\"");
	expect_failed(&o, "line 2");
	ck_assert_ptr_nonnull(strstr(error_text(&o), "\"polcy\""));
	drop(&o);
	/* Field names are exact. */
	ck_assert_int_eq(line(b, "{\"ID\": \"x\", \"policy\": " POLICY ", \"request\": " ALICE_REQ "}", 3,
	                      &out, &res),
	                 TL_EARG);
	/* The vector fields are known (a batch can run the vectors). */
	ck_assert_int_eq(line(b, "{\"id\": \"v\", \"policy\": " POLICY ", \"request\": " ALICE_REQ
	                         ", \"expect\": \"Allow\", \"why\": \"w\", \"source\": \"s\", "
	                         "\"matched\": [0], \"account_level\": false}",
	                      4, &out, &res),
	                 TL_OK);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

START_TEST(test_batch_invalid_policy)
{
	static const char refused[] =
		"{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"arn:aws:iam::111122223333:user/alice\"}, \"Action\": \"sts:AssumeRole\", "
		"\"Resource\": \"*\"}}";
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	char text[1024];
	outline o;

	/* IAM would refuse it: an error, not a decision... */
	snprintf(text, sizeof(text), "{\"id\": 1, \"policy\": %s, \"request\": " ALICE_REQ "}", refused);
	ck_assert_int_eq(line(b, text, 4, &out, &res), TL_EINVALID);
	ck_assert(!res.ok);
	read_last(&out, &o);
	expect_failed(&o, "line 4");
	ck_assert_ptr_nonnull(strstr(error_text(&o), "Resource"));
	drop(&o);
	snprintf(text, sizeof(text),
	         "{\"id\": 2, \"policy\": %s, \"request\": " ALICE_REQ ", \"allow_invalid\": false}", refused);
	ck_assert_int_eq(line(b, text, 5, &out, &res), TL_EINVALID);
	snprintf(text, sizeof(text),
	         "{\"id\": 3, \"policy\": %s, \"request\": " ALICE_REQ ", \"allow_invalid\": \"true\"}", refused);
	ck_assert_int_eq(line(b, text, 6, &out, &res), TL_EINVALID);
	/* ... unless the line asks for it. */
	snprintf(text, sizeof(text),
	         "{\"id\": 4, \"policy\": %s, \"request\": " ALICE_REQ ", \"allow_invalid\": true}", refused);
	ck_assert_int_eq(line(b, text, 7, &out, &res), TL_OK);
	ck_assert(res.ok);
	read_last(&out, &o);
	expect_raw(&o, "decision", "\"Allow\"");
	expect_raw(&o, "error", "null");
	drop(&o);
	/* Soft problems alone do not stop a decision (no Version here). */
	ck_assert_int_eq(line(b, "{\"id\": 5, \"policy\": {\"Statement\": {\"Effect\": \"Allow\", "
	                         "\"Principal\": {\"AWS\": \"*\"}, \"Action\": \"sts:AssumeRole\"}}, "
	                         "\"request\": " ALICE_REQ "}",
	                      8, &out, &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

START_TEST(test_batch_limits)
{
	tl_limits lim = TL_LIMITS_INIT;
	tl_batch *b;
	sink out = {0};
	tl_batch_result res;
	outline o;

	lim.max_statements = 1;
	b = tl_batch_new(NULL, &lim);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(line(b, "{\"id\": 1, \"policy\": {\"Statement\": [{}, {}]}, \"request\": " ALICE_REQ "}",
	                      1, &out, &res),
	                 TL_ELIMIT);
	read_last(&out, &o);
	expect_failed(&o, "line 1");
	drop(&o);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

/* ---- policy files and the cache --------------------------------------- */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	ck_assert_int_eq(fclose(f), 0);
}

static void remove_file(const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

START_TEST(test_batch_policy_file)
{
	char dir[] = "/tmp/check_batch_XXXXXX", path[512], text[1024];
	tl_batch *b;
	sink out = {0};
	tl_batch_result res;
	outline o;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sub", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	write_file(dir, "trust.json", POLICY "\n");
	write_file(dir, "sub/other.json", POLICY);
	write_file(dir, "broken.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");

	/* Relative paths are read from base_dir, not the working directory. */
	b = batch(dir);
	ck_assert_int_eq(line(b, "{\"id\": 1, \"policy_file\": \"trust.json\", \"request\": " ALICE_REQ "}",
	                      1, &out, &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert_int_eq(line(b, "{\"id\": 2, \"policy_file\": \"sub/other.json\", \"request\": " BOB_REQ "}",
	                      2, &out, &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	/* Absolute paths are used as they are. */
	snprintf(text, sizeof(text),
	         "{\"id\": 3, \"policy_file\": \"%s/sub/other.json\", \"request\": " ALICE_REQ "}", dir);
	ck_assert_int_eq(line(b, text, 3, &out, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	/* A missing file is this line's I/O error. */
	ck_assert_int_eq(line(b, "{\"id\": 4, \"policy_file\": \"missing.json\", \"request\": " ALICE_REQ "}",
	                      4, &out, &res),
	                 TL_EIO);
	read_last(&out, &o);
	expect_failed(&o, "line 4");
	ck_assert_ptr_nonnull(strstr(error_text(&o), "missing.json"));
	drop(&o);
	/* A broken file: its name and the place in it. */
	ck_assert_int_eq(line(b, "{\"id\": 5, \"policy_file\": \"broken.json\", \"request\": " ALICE_REQ "}",
	                      5, &out, &res),
	                 TL_ESYNTAX);
	read_last(&out, &o);
	expect_failed(&o, "line 5");
	ck_assert_ptr_nonnull(strstr(error_text(&o), "broken.json"));
	ck_assert_ptr_nonnull(strstr(error_text(&o), " 4:"));
	drop(&o);
	tl_batch_free(b);

	/* Without base_dir, "trust.json" is not found from here. */
	b = batch(NULL);
	if (access("trust.json", F_OK) != 0)
		ck_assert_int_eq(line(b, "{\"id\": 6, \"policy_file\": \"trust.json\", \"request\": " ALICE_REQ "}",
		                      6, &out, &res),
		                 TL_EIO);
	tl_batch_free(b);

	remove_file(dir, "trust.json");
	remove_file(dir, "sub/other.json");
	remove_file(dir, "broken.json");
	rmdir(path);
	rmdir(dir);
	free(out.buf);
}
END_TEST

START_TEST(test_batch_policy_cache)
{
	char dir[] = "/tmp/check_batch_XXXXXX";
	static const char other[] =
		"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
		"{\"AWS\": \"arn:aws:iam::111122223333:user/bob\"}, \"Action\": \"sts:AssumeRole\"}]}";
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	char text[1024];
	int round;

	/* The same policy on two lines decides both, each for its request. */
	ck_assert_int_eq(line(b, "{\"id\": 1, \"policy\": " POLICY ", \"request\": " ALICE_REQ "}", 1, &out,
	                      &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	ck_assert_int_eq(line(b, "{\"id\": 2, \"policy\": " POLICY ", \"request\": " BOB_REQ "}", 2, &out,
	                      &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	/* Interleaved distinct policies never borrow each other's result. */
	for (round = 0; round < 3; round++) {
		snprintf(text, sizeof(text), "{\"id\": 3, \"policy\": %s, \"request\": " BOB_REQ "}", other);
		ck_assert_int_eq(line(b, text, 3, &out, &res), TL_OK);
		ck_assert_int_eq(res.decision, TL_ALLOW);
		ck_assert_int_eq(line(b, "{\"id\": 4, \"policy\": " POLICY ", \"request\": " BOB_REQ "}", 4,
		                      &out, &res),
		                 TL_OK);
		ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	}
	/* A cached refusal is refused again. */
	ck_assert_int_eq(line(b, "{\"id\": 5, \"policy\": {\"Statement\": \"x\"}, \"request\": " BOB_REQ "}",
	                      5, &out, &res),
	                 TL_EINVALID);
	ck_assert_int_eq(line(b, "{\"id\": 6, \"policy\": {\"Statement\": \"x\"}, \"request\": " BOB_REQ "}",
	                      6, &out, &res),
	                 TL_EINVALID);
	tl_batch_free(b);

	/* A policy file is read once per batch: edits after the first line
	 * are not seen (same file, same policy). */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file(dir, "p.json", POLICY);
	b = batch(dir);
	ck_assert_int_eq(line(b, "{\"id\": 7, \"policy_file\": \"p.json\", \"request\": " ALICE_REQ "}", 7,
	                      &out, &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	write_file(dir, "p.json", other);
	ck_assert_int_eq(line(b, "{\"id\": 8, \"policy_file\": \"p.json\", \"request\": " ALICE_REQ "}", 8,
	                      &out, &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_ALLOW);
	tl_batch_free(b);
	/* A new batch reads it afresh. */
	b = batch(dir);
	ck_assert_int_eq(line(b, "{\"id\": 9, \"policy_file\": \"p.json\", \"request\": " ALICE_REQ "}", 9,
	                      &out, &res),
	                 TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	tl_batch_free(b);
	remove_file(dir, "p.json");
	rmdir(dir);
	free(out.buf);
}
END_TEST

START_TEST(test_batch_many_policies)
{
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	char text[1024];
	int i, allowed = 0, denied = 0;

	/* More distinct policies than a cache could hold without sharing or
	 * evicting: each line still gets its own policy's decision. */
	for (i = 0; i < 5000; i++) {
		snprintf(text, sizeof(text),
		         "{\"id\": %d, \"policy\": {\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": "
		         "\"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/u%d\"}, "
		         "\"Action\": \"sts:AssumeRole\"}}, \"request\": {\"principal\": {\"type\": \"AWS\", "
		         "\"id\": \"arn:aws:iam::111122223333:user/u%d\"}, \"action\": \"sts:AssumeRole\"}}",
		         i, i, i % 2 ? i : i + 1);
		out.len = 0;
		ck_assert_int_eq(line(b, text, (unsigned long)i + 1, &out, &res), TL_OK);
		allowed += res.decision == TL_ALLOW;
		denied += res.decision == TL_IMPLICIT_DENY;
	}
	ck_assert_int_eq(allowed, 2500);
	ck_assert_int_eq(denied, 2500);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

/* The cache is bounded by bytes too, dropping the least recently used
 * policy first; and 5,000 distinct policies stay under the entry bound. */
START_TEST(test_batch_cache_bytes_lru)
{
	tl_batch *b = batch(NULL);
	sink out = {0};
	tl_batch_result res;
	char text[3][512], policy[3][256];
	size_t one, i;
	int k;

	for (k = 0; k < 3; k++) {
		snprintf(policy[k], sizeof(policy[k]),
		         "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
		         "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/u%d\"}, "
		         "\"Action\": \"sts:AssumeRole\"}}",
		         k);
		snprintf(text[k], sizeof(text[k]), "{\"id\": %d, \"policy\": %s, \"request\": " ALICE_REQ "}",
		         k, policy[k]);
	}
	ck_assert_int_eq(line(b, text[0], 1, &out, &res), TL_OK);
	one = tl__batch_cache_bytes(b);
	ck_assert_uint_gt(one, strlen(policy[0]));
	/* room for two of these (they are the same size but for a digit) */
	tl__batch_set_cache_bytes(b, 2 * one + one / 2);
	ck_assert_int_eq(line(b, text[1], 2, &out, &res), TL_OK);
	ck_assert_uint_eq(tl__batch_cache_entries(b), 2);
	/* 0 used again, so 1 is the least recently used when 2 comes */
	ck_assert_int_eq(line(b, text[0], 3, &out, &res), TL_OK);
	ck_assert_int_eq(line(b, text[2], 4, &out, &res), TL_OK);
	ck_assert_uint_eq(tl__batch_cache_entries(b), 2);
	ck_assert_uint_le(tl__batch_cache_bytes(b), 2 * one + one / 2);
	ck_assert(tl__batch_cached(b, policy[0], strlen(policy[0])));
	ck_assert(!tl__batch_cached(b, policy[1], strlen(policy[1])));
	ck_assert(tl__batch_cached(b, policy[2], strlen(policy[2])));
	/* an evicted policy comes back, and decides as before */
	ck_assert_int_eq(line(b, text[1], 5, &out, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert(!tl__batch_cached(b, policy[0], strlen(policy[0])));
	/* one entry larger than the whole bound is kept for its line, and the
	 * others make way for it */
	tl__batch_set_cache_bytes(b, one / 2);
	ck_assert_int_eq(line(b, text[0], 6, &out, &res), TL_OK);
	ck_assert_int_eq(res.decision, TL_IMPLICIT_DENY);
	ck_assert_uint_eq(tl__batch_cache_entries(b), 1);
	free(out.buf);
	tl_batch_free(b);

	/* the entry bound: 5,000 distinct policies, at most 4,096 held */
	b = batch(NULL);
	out = (sink){0};
	for (i = 0; i < 5000; i++) {
		char t[512];
		snprintf(t, sizeof(t),
		         "{\"policy\": {\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", "
		         "\"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:user/v%zu\"}, "
		         "\"Action\": \"sts:AssumeRole\"}}, \"request\": " ALICE_REQ "}",
		         i);
		out.len = 0;
		ck_assert_int_eq(line(b, t, i + 1, &out, &res), TL_OK);
	}
	ck_assert_uint_eq(tl__batch_cache_entries(b), 4096);
	free(out.buf);
	tl_batch_free(b);
}
END_TEST

START_TEST(test_batch_json_escape)
{
	char dst[64];

	ck_assert_uint_eq(tl_json_escape(dst, "a\"b\\c", 5), 7);
	ck_assert_str_eq(dst, "a\\\"b\\\\c");
	ck_assert_uint_eq(tl_json_escape(dst, "\n\t\r\x01\x7f", 5), 2 + 2 + 2 + 6 + 6);
	ck_assert_str_eq(dst, "\\n\\t\\r\\u0001\\u007f");
	/* NUL inside the given length is escaped, not a terminator. */
	ck_assert_uint_eq(tl_json_escape(dst, "x\0y", 3), 8);
	ck_assert_str_eq(dst, "x\\u0000y");
	/* UTF-8 passes through. */
	ck_assert_uint_eq(tl_json_escape(dst, "\xc3\xa9", 2), 2);
	ck_assert_str_eq(dst, "\xc3\xa9");
}
END_TEST

/* A saved request is a request object or a batch line; the line's policy is not read. */
START_TEST(test_batch_request_from_saved)
{
	tl_request *req = tl_request_new();
	tl_error err = {0};
	const char *line = "{\"id\": 1, \"policy\": {\"not\": \"read\"}, \"request\": " ALICE_REQ "}";
	const char *odd = "{\"id\": 1, \"policy_file\": \"x.json\", \"colour\": 1, \"request\": " ALICE_REQ "}";

	ck_assert_ptr_nonnull(req);
	ck_assert_int_eq(tl_request_from_saved(req, BOB_REQ, strlen(BOB_REQ), &err), TL_OK);
	ck_assert_str_eq(tl_request_principal_id(req), "arn:aws:iam::111122223333:user/bob");
	ck_assert_int_eq(tl_request_from_saved(req, line, strlen(line), &err), TL_OK);
	ck_assert_str_eq(tl_request_principal_id(req), "arn:aws:iam::111122223333:user/alice");
	ck_assert_str_eq(tl_request_action(req), "sts:AssumeRole");
	ck_assert_int_eq(tl_request_from_saved(req, odd, strlen(odd), &err), TL_EARG);
	ck_assert_ptr_nonnull(strstr(err.message, "unknown batch line field \"colour\""));
	ck_assert_uint_eq(err.line, 1);
	ck_assert_int_eq(tl_request_from_saved(req, "{} {}", 5, &err), TL_ESYNTAX);
	tl_request_free(req);
}
END_TEST

static Suite *batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *lines = tcase_create("lines");
	TCase *errors = tcase_create("errors");
	TCase *files = tcase_create("files");

	tcase_add_test(lines, test_batch_good_line);
	tcase_add_test(lines, test_batch_matched_and_account_level);
	tcase_add_test(lines, test_batch_id_echoed_verbatim);
	tcase_add_test(lines, test_batch_json_escape);
	tcase_add_test(lines, test_batch_request_from_saved);
	suite_add_tcase(s, lines);

	tcase_add_test(errors, test_batch_malformed_line);
	tcase_add_test(errors, test_batch_unknown_field);
	tcase_add_test(errors, test_batch_invalid_policy);
	tcase_add_test(errors, test_batch_limits);
	suite_add_tcase(s, errors);

	tcase_add_test(files, test_batch_policy_file);
	tcase_add_test(files, test_batch_policy_cache);
	tcase_add_test(files, test_batch_many_policies);
	tcase_add_test(files, test_batch_cache_bytes_lru);
	tcase_set_timeout(files, 120); /* thousands of policies, sanitized builds too */
	suite_add_tcase(s, files);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(batch_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
