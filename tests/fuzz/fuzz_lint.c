/*
 * fuzz_lint.c - every lint rule on arbitrary bytes taken as a policy (or,
 * when they do not parse, the parse error as the json-syntax rule sees it).
 * Every finding must name a rule, a message and a position in the text.
 */
#include <stddef.h>
#include <stdint.h>

#include "lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const own[] = {"111122223333"};
	static const char *const orgs[] = {"acme"};
	const lint_options options = {own, 1, NULL, 0, orgs, 1};
	tl_policy *p = NULL;
	tl_error err;
	lint_ctx ctx = {0};
	size_t i;

	ctx.text = (const char *)data;
	ctx.text_len = size;
	ctx.options = &options;
	if (tl_policy_parse(&p, ctx.text, size, NULL, &err) == TL_OK) {
		ctx.policy = p;
		ctx.doc = tl_policy_document(p);
	} else {
		ctx.parse_error = &err;
	}
	lint_run(&ctx, NULL);
	for (i = 0; i < ctx.n_findings; i++) {
		const lint_finding *f = &ctx.findings[i];
		if (!f->rule || !f->message || !f->message[0] || f->line == 0)
			__builtin_trap();
	}
	lint_ctx_release(&ctx);
	tl_policy_free(p);
	return 0;
}
