/* names.c - the words the engine's enums print as (and, for principal
 * types, read back from: names.h). */
#include "names.h"

#include <string.h>

const char *tl_decision_name(tl_decision d)
{
	switch (d) {
	case TL_ALLOW:
		return "Allow";
	case TL_EXPLICIT_DENY:
		return "ExplicitDeny";
	default:
		return "ImplicitDeny";
	}
}

const char *tl_principal_type_name(tl_principal_type t)
{
	static const char *const names[] = {"AWS",       "Service", "Federated", "CanonicalUser",
	                                    "Anonymous", "*",       "unknown"};
	return (unsigned)t < sizeof(names) / sizeof(*names) ? names[t] : "unknown";
}

/* The inverse of tl_principal_type_name over the words a caller or a
 * Principal key may use, so the two can never disagree on a spelling. */
tl_principal_type tl__principal_type_from_name(const char *name)
{
	int t;

	for (t = TL_PRINCIPAL_AWS; t <= TL_PRINCIPAL_ANONYMOUS; t++)
		if (strcmp(name, tl_principal_type_name((tl_principal_type)t)) == 0)
			return (tl_principal_type)t;
	return TL_PRINCIPAL_UNKNOWN;
}

const char *tl_problem_name(tl_problem_kind k)
{
	static const char *const names[] = {
#define TL_PROBLEM(id, hard) #id,
#include "problems.def"
#undef TL_PROBLEM
	};
	return (unsigned)k < sizeof(names) / sizeof(*names) ? names[k] : "UNKNOWN";
}

const char *tl_status_name(tl_status s)
{
	static const char *const names[] = {"ok",      "out of memory",     "I/O error",
	                                    "syntax error", "invalid policy", "limit exceeded",
	                                    "bad argument"};
	return (unsigned)s < sizeof(names) / sizeof(*names) ? names[s] : "unknown";
}

const char *tl_reason_text(tl_cond_reason r)
{
	switch (r) {
	case TL_REASON_MATCHED:
		return "a policy value matched";
	case TL_REASON_NO_MATCH:
		return "no policy value matched";
	case TL_REASON_NONE_MATCHED:
		return "no policy value matched, so the negated operator holds";
	case TL_REASON_SOME_MATCHED:
		return "a policy value matched, so the negated operator fails";
	case TL_REASON_ABSENT:
		return "the key is absent (positive operators fail, negated ones hold)";
	case TL_REASON_ABSENT_IFEXISTS:
		return "the key is absent and IfExists makes the condition hold";
	case TL_REASON_EMPTY_SET:
		return "the key is present with no values";
	case TL_REASON_MULTI_NO_QUALIFIER:
		return "the key has several values but the operator has no ForAnyValue/ForAllValues";
	case TL_REASON_ALL_VALUES:
		return "every request value matched";
	case TL_REASON_NOT_ALL_VALUES:
		return "a request value matched no policy value";
	case TL_REASON_ANY_VALUE:
		return "a request value matched";
	case TL_REASON_NO_VALUE:
		return "no request value matched";
	case TL_REASON_NULL_CHECK:
		return "Null tests only whether the key is present";
	/* "the request value is not a valid TYPE: CONSEQUENCE"; explain.c
	 * names the value and keeps what follows the colon */
	case TL_REASON_BAD_NUMBER:
		return "the request value is not a valid number: it matches no policy value, so a "
		       "positive operator fails and a negated one holds (AWS does not document this case)";
	case TL_REASON_BAD_DATE:
		return "the request value is not a valid date: it matches no policy value, so a "
		       "positive operator fails and a negated one holds (AWS does not document this case)";
	case TL_REASON_BAD_IP:
		return "the request value is not a valid IP address: it is in no policy range, so "
		       "IpAddress fails and NotIpAddress holds (AWS does not document this case)";
	case TL_REASON_BAD_BOOL:
		return "the request value is not a valid boolean: it matches nothing";
	case TL_REASON_BAD_BINARY:
		return "the request value is not a valid base64 value: it matches nothing";
	case TL_REASON_BAD_ARN:
		return "the request value is not a valid ARN: with fewer than six colon-separated "
		       "parts it satisfies neither an ARN operator nor its negation";
	default:
		return "the operator is unknown";
	}
}

const char *tl_reason_value_type(tl_cond_reason r)
{
	switch (r) {
	case TL_REASON_BAD_NUMBER:
		return "number";
	case TL_REASON_BAD_DATE:
		return "date";
	case TL_REASON_BAD_BOOL:
		return "boolean";
	case TL_REASON_BAD_BINARY:
		return "base64 value";
	case TL_REASON_BAD_IP:
		return "IP address";
	case TL_REASON_BAD_ARN:
		return "ARN";
	default:
		return NULL;
	}
}
