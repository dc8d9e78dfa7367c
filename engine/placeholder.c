/*
 * placeholder.c - unrendered template placeholders in a policy value.
 *
 * Policies copied from Terraform, shell scripts, Helm charts and the AWS
 * guides still carry the template's holes: ${module.eks.oidc_provider_arn},
 * $ACCOUNT_ID, <AWS_ACCOUNT_ID>, {arn-aws}, {{ .Values.x }}.  IAM refuses
 * such a principal and compares such a condition value literally, so the
 * document that was linted is not the one that will be deployed: saying
 * so once is more useful than an "invalid principal" and a "policy
 * variable" finding about text nobody meant IAM to read.
 *
 * The one thing that looks alike and is not a placeholder is an IAM policy
 * variable: ${aws:username}, ${saml:sub}, ${www.amazon.com:user_id},
 * ${token.actions.githubusercontent.com:sub}, ${*}, ${?}, ${$} (IAM policy
 * variables page, reference_policies_variables.html).
 */
#include <string.h>

#include "trustlint.h"

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_upper_name(const char *s, size_t n)
{
	size_t i;
	bool letter = false;

	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letter = true;
		else if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	}
	return letter;
}

/* Prefixes of other tools' ${prefix:...} syntax (Serverless Framework). */
static bool tool_prefix(const char *s, size_t n)
{
	static const char *const tools[] = {"self", "opt", "env", "sls", "file", "param", "cf", NULL};
	size_t i;

	for (i = 0; tools[i]; i++)
		if (strlen(tools[i]) == n && memcmp(tools[i], s, n) == 0)
			return true;
	return false;
}

/*
 * An IAM policy variable: PREFIX:NAME where PREFIX is a service prefix or
 * a provider host and path (${aws:username}, ${www.amazon.com:user_id}),
 * or one of the escapes ${*}, ${?}, ${$}.  Only the prefix is checked: a
 * malformed name or default after it (${aws: username}) is still meant as
 * a policy variable, and the variable parser reports it as such.
 */
static bool iam_variable(const char *s, size_t n)
{
	const char *colon;
	size_t i;

	if (n == 1 && (s[0] == '*' || s[0] == '?' || s[0] == '$'))
		return true;
	if (s[0] == ',')
		return true; /* ${, 'default'}: a variable without its key */
	colon = memchr(s, ':', n);
	if (!colon || colon == s || colon + 1 >= s + n || colon[1] == ':' || colon[1] == '-')
		return false;
	if (tool_prefix(s, (size_t)(colon - s)))
		return false;
	for (i = 0; s + i < colon; i++)
		if (!(is_alnum(s[i]) || strchr("._-/", s[i])))
			return false;
	return true;
}

/* What wrote a ${...}: the reader knows where to look for the rendered policy. */
static const char *dollar_brace_kind(const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);

	if (colon && colon + 1 < s + n && colon[1] == ':')
		return "CloudFormation Fn::Sub variable";
	if (colon && colon + 1 < s + n && colon[1] == '-')
		return "shell variable"; /* ${NAME:-default} */
	if (colon && tool_prefix(s, (size_t)(colon - s)))
		return "Serverless Framework variable";
	if (is_upper_name(s, n) || memchr(s, '#', n) || memchr(s, '%', n))
		return "shell variable";
	if (memchr(s, '.', n) || memchr(s, '(', n) || memchr(s, '[', n))
		return "Terraform interpolation";
	return "template variable";
}

/* <AWS_ACCOUNT_ID>, <aws-account-id>, <ACCOUNT ID>: words in angle brackets. */
static size_t angle(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n && i < 80; i++) {
		if (s[i] == '>')
			return i > 2 ? i + 1 : 0;
		if (!(is_alnum(s[i]) || s[i] == '_' || s[i] == '-' || s[i] == ' ' || s[i] == '.'))
			return 0;
	}
	return 0;
}

/* {arn-aws}, {YOUR_AWS_ACCOUNT_ID}: a word in braces (the AWS guides' attributes). */
static size_t brace(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < n && i < 80; i++) {
		if (s[i] == '}')
			return i > 2 ? i + 1 : 0; /* "{y}" is too short to tell */
		if (!(is_alnum(s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return 0;
	}
	return 0;
}

/* {{ .Values.x }}: Go templates (Helm), Jinja, Mustache. */
static size_t double_brace(const char *s, size_t n)
{
	size_t i;

	for (i = 2; i + 1 < n && i < 200; i++)
		if (s[i] == '}' && s[i + 1] == '}')
			return i + 2;
	return 0;
}

/* $ACCOUNT_ID, $oidc_provider: a shell variable of two characters or more.  $LATEST is Lambda's own
 * version name, which ARNs in conditions do carry. */
static size_t shell_var(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 2 || !((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z') || s[1] == '_'))
		return 0;
	while (i < n && (is_alnum(s[i]) || s[i] == '_'))
		i++;
	if (i < 3 || (i == 7 && memcmp(s, "$LATEST", 7) == 0))
		return 0; /* "$x" is too short to tell */
	return i;
}

bool tl_template_placeholder(const char *s, size_t len, size_t *at, size_t *plen,
                             const char **kind)
{
	size_t i, n = 0;
	const char *k = NULL;

	for (i = 0; i < len && !n; i++) {
		const char *p = s + i;
		size_t rest = len - i;

		if (p[0] == '$' && rest > 1 && p[1] == '{') {
			const char *close = memchr(p + 2, '}', rest - 2);
			size_t inner = close ? (size_t)(close - p - 2) : rest - 2;
			/* an unclosed ${ is the policy variable parser's to report */
			if (close && inner && !iam_variable(p + 2, inner)) {
				n = inner + 3;
				k = dollar_brace_kind(p + 2, inner);
			} else if (close) {
				i += inner + 2;
			}
		} else if (p[0] == '$') {
			n = shell_var(p, rest);
			k = "shell variable";
		} else if (p[0] == '{' && rest > 1 && p[1] == '{') {
			n = double_brace(p, rest);
			k = "Go, Helm or Jinja template";
		} else if (p[0] == '{') {
			n = brace(p, rest);
			k = "documentation placeholder";
		} else if (p[0] == '<') {
			n = angle(p, rest);
			k = "documentation placeholder";
		}
		if (n) {
			if (at)
				*at = i;
			if (plen)
				*plen = n;
			if (kind)
				*kind = k;
			return true;
		}
	}
	return false;
}
