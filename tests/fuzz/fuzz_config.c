/*
 * fuzz_config.c - .trustlint.json on arbitrary bytes; when it loads, its
 * organisation rules (PCRE2, under match limits) run over a fixed policy.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"

static const char policy_text[] =
	"{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
	"{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	"\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringLike\": "
	"{\"token.actions.githubusercontent.com:sub\": [\"repo:acme/*\", \"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!\"]}}}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	lint_config *cfg = lint_config_parse((const char *)data, size, "fuzz/.trustlint.json", err,
	                                     sizeof(err));
	tl_policy *p = NULL;
	tl_error e;
	lint_ctx ctx = {0};

	if (!cfg)
		return 0;
	if (tl_policy_parse(&p, policy_text, strlen(policy_text), NULL, &e) == TL_OK) {
		ctx.text = policy_text;
		ctx.text_len = strlen(policy_text);
		ctx.policy = p;
		ctx.doc = tl_policy_document(p);
		ctx.options = &cfg->options;
		lint_run(&ctx, lint_config_enabled(cfg));
		lint_config_org_rules(cfg, &ctx);
		ctx.n_findings = lint_config_apply(cfg, "fuzz/role.json", ctx.findings, ctx.n_findings);
		lint_ctx_release(&ctx);
	}
	tl_policy_free(p);
	lint_config_free(cfg);
	return 0;
}
