/*
 * fuzz_suite.c - an expectation file (`trustlint test`) on arbitrary bytes;
 * when it loads, each case's request is built against a fixed policy.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "trustlint.h"

static const char policy_text[] =
	"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": "
	"{\"Federated\": \"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"}, "
	"\"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringLike\": "
	"{\"token.actions.githubusercontent.com:sub\": \"repo:acme/*\"}}}, {\"Effect\": \"Allow\", "
	"\"Principal\": {\"Service\": \"pods.eks.amazonaws.com\"}, \"Action\": [\"sts:AssumeRole\", "
	"\"sts:TagSession\"]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tl_suite *suite = NULL;
	tl_policy *p = NULL;
	tl_request *r = tl_request_new();
	tl_error err;
	size_t i;

	if (r && tl_suite_load(&suite, (const char *)data, size, "role.json", &err) == TL_OK &&
	    tl_policy_parse(&p, policy_text, strlen(policy_text), NULL, &err) == TL_OK) {
		for (i = 0; i < tl_suite_case_count(suite); i++) {
			tl_caller_actions acts;
			tl_result res;
			if (tl_suite_request(suite, i, p, r, &acts, &err) == TL_OK &&
			    tl_eval(p, r, NULL, &res) != TL_OK)
				__builtin_trap();
		}
	}
	tl_suite_free(suite);
	tl_policy_free(p);
	tl_request_free(r);
	return 0;
}
