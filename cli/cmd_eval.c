/*
 * cmd_eval.c - `trustlint eval`: one request explained, or a batch of
 * JSON lines decided.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lines.h"
#include "explain.h"

static const char eval_help[] =
	"usage: trustlint eval --policy FILE --request FILE [--json] [--allow-invalid]\n"
	"       trustlint eval --batch FILE|-\n"
	"\n"
	"Decide a request against a role trust policy as AWS does, for the trust\n"
	"policy alone: Allow, ExplicitDeny or ImplicitDeny, then why (each\n"
	"statement's principal, action and conditions, with the values compared).\n"
	"\n"
	"  --policy FILE     the trust policy (JSON)\n"
	"  --request FILE    {\"principal\": {\"type\": \"AWS\"|\"Service\"|\"Federated\"|\n"
	"                    \"CanonicalUser\"|\"Anonymous\", \"id\": \"...\"}, \"action\": \"sts:...\",\n"
	"                    \"context\": {\"key\": \"value\" or [\"v1\", \"v2\"]}}\n"
	"  --json            print the decision and the explanation as one JSON object\n"
	"  --allow-invalid   decide even when IAM would refuse to store the policy\n"
	"  --batch FILE      JSON lines {\"id\": ..., \"policy\": {...} | \"policy_file\": \"path\",\n"
	"                    \"request\": {...}}; writes one JSON line per input line:\n"
	"                    {\"id\", \"decision\", \"matched\", \"account_level\", \"error\"}\n"
	"                    (a blank line gets {\"id\": null, ..., \"error\": \"line N: empty line\"})\n"
	"\n"
	"Exit status: 0 decided (whatever the decision), 2 usage, I/O or parse error\n"
	"(in a batch: any line that failed).\n";

/* Print the problems IAM would refuse the policy for; true if any. */
static bool report_hard_problems(const char *file, const tl_policy *policy)
{
	const tl_document *doc = tl_policy_document(policy);
	size_t i;

	for (i = 0; i < doc->n_problems; i++)
		if (doc->problems[i].hard)
			fprintf(stderr, "%s:%u:%u: error: %s\n", file, doc->problems[i].loc.line,
			        doc->problems[i].loc.column, doc->problems[i].message);
	if (doc->n_hard_problems)
		fprintf(stderr, "%s: IAM would refuse to store this policy, so no request is decided "
		                "against it (--allow-invalid to decide anyway)\n", file);
	return doc->n_hard_problems > 0;
}

static int eval_one(const char *policy_file, const char *request_file, bool json, bool allow_invalid)
{
	char *ptext = NULL, *rtext = NULL;
	size_t plen, rlen;
	tl_policy *policy = NULL;
	tl_request *req = tl_request_new();
	tl_trace *trace = NULL;
	tl_error err = {0};
	tl_result res;
	int rc = EXIT_TROUBLE;

	if (!req)
		goto done;
	if (tl_file_read(policy_file, CLI_MAX_FILE, &ptext, &plen, &err) != TL_OK ||
	    tl_policy_parse(&policy, ptext, plen, NULL, &err) != TL_OK) {
		print_error(stderr, policy_file, &err);
		goto done;
	}
	if (!allow_invalid && report_hard_problems(policy_file, policy))
		goto done;
	if (tl_file_read(request_file, CLI_MAX_FILE, &rtext, &rlen, &err) != TL_OK ||
	    tl_request_from_json(req, rtext, rlen, &err) != TL_OK) {
		print_error(stderr, request_file, &err);
		goto done;
	}
	trace = tl_trace_new(policy);
	if (!trace || tl_eval(policy, req, trace, &res) != TL_OK) {
		fprintf(stderr, "trustlint: out of memory\n");
		goto done;
	}
	if (json)
		explain_json(stdout, policy, req, trace, &res);
	else
		explain_text(stdout, policy, req, trace, &res);
	rc = EXIT_CLEAN;
done:
	tl_trace_free(trace);
	tl_request_free(req);
	tl_policy_free(policy);
	free(ptext);
	free(rtext);
	return rc;
}

/* A line longer than a policy document may be (with its request) is
 * refused as it streams past: it is never held whole in memory. */
static void reply_too_long(unsigned long lineno, size_t max)
{
	printf("{\"id\": null, \"decision\": null, \"matched\": [], \"error\": "
	       "\"line %lu: longer than %zu bytes (limit)\"}\n",
	       lineno, max);
}

static int eval_batch(const char *path)
{
	static const tl_limits limits = TL_LIMITS_INIT;
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL, *out = NULL, *slash, *dir = NULL;
	size_t cap = 0, out_len = 0, out_cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	bool failed = false, too_long = false;
	tl_batch *batch;

	if (!in) {
		fprintf(stderr, "%s: error: cannot open\n", path);
		return EXIT_TROUBLE;
	}
	/* policy_file paths are relative to the batch file */
	slash = strrchr(path, '/');
	if (in != stdin && slash) {
		dir = strndup(path, (size_t)(slash - path));
	}
	batch = tl_batch_new(dir, NULL);
	free(dir);
	if (!batch) {
		fprintf(stderr, "trustlint: out of memory\n");
		return EXIT_TROUBLE;
	}
	while ((n = cli_read_line(in, &line, &cap, limits.max_document_bytes, &too_long)) >= 0) {
		size_t len = (size_t)n;
		lineno++;
		if (too_long) {
			reply_too_long(lineno, limits.max_document_bytes);
			failed = true;
			continue;
		}
		while (len && line[len - 1] == '\r')
			len--;
		/* a blank line gets an error reply too, so replies stay paired
		 * with input lines; the newline ending the last line makes none */
		out_len = 0;
		if (tl_batch_line(batch, line, len, lineno, &out, &out_len, &out_cap, NULL) != TL_OK)
			failed = true;
		fwrite(out, 1, out_len, stdout);
	}
	if (ferror(in)) {
		fprintf(stderr, "%s: error: cannot read\n", path);
		failed = true;
	} else if (!feof(in)) { /* cli_read_line stopped short: out of memory */
		fprintf(stderr, "trustlint: out of memory\n");
		failed = true;
	}
	free(line);
	free(out);
	tl_batch_free(batch);
	if (in != stdin)
		fclose(in);
	return failed ? EXIT_TROUBLE : EXIT_CLEAN;
}

int cmd_eval(int argc, char **argv)
{
	const char *policy = NULL, *request = NULL, *batch = NULL;
	bool json = false, allow_invalid = false;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(eval_help, stdout);
			return EXIT_CLEAN;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--allow-invalid") == 0) {
			allow_invalid = true;
		} else if ((strcmp(a, "--policy") == 0 || strcmp(a, "--request") == 0 ||
		            strcmp(a, "--batch") == 0) && i + 1 < argc) {
			const char **slot = a[2] == 'p' ? &policy : a[2] == 'r' ? &request : &batch;
			*slot = argv[++i];
		} else {
			fprintf(stderr, "trustlint eval: unexpected argument \"%s\"\n%s", a, eval_help);
			return EXIT_TROUBLE;
		}
	}
	if (batch && !policy && !request)
		return eval_batch(batch);
	if (policy && request && !batch)
		return eval_one(policy, request, json, allow_invalid);
	fprintf(stderr, "trustlint eval: give --policy and --request, or --batch\n%s", eval_help);
	return EXIT_TROUBLE;
}
