/*
 * trustlint.h - the one public header of the trustlint engine.
 *
 * Ownership: a tl_policy owns every model node, string and problem it hands
 * out (all live in the policy's arena until tl_policy_free); a tl_request
 * owns its copies of the keys and values given to it; a tl_trace is owned
 * by its caller and may be reused for any number of evaluations of the
 * policy it was made for.  Every _free accepts NULL.
 *
 * Errors are values: functions return a tl_status and, when they fail,
 * fill a caller-owned tl_error (fixed buffers, no allocation).
 */
#ifndef TRUSTLINT_H
#define TRUSTLINT_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TL_VERSION "0.1.0"

typedef enum tl_status {
	TL_OK = 0,
	TL_ENOMEM,   /* out of memory */
	TL_EIO,      /* a file could not be read */
	TL_ESYNTAX,  /* not JSON, or JSON with a duplicate key */
	TL_EINVALID, /* JSON, but a document IAM refuses to store */
	TL_ELIMIT,   /* a size, depth or count bound was exceeded */
	TL_EARG      /* a caller passed something malformed */
} tl_status;

#define TL_ERROR_DUPLICATE_KEY 1u /* TL_ESYNTAX because an object repeats a key */

typedef struct tl_error {
	tl_status status;
	unsigned flags;
	unsigned line, column; /* 1-based; 0 when unknown */
	char message[384];
	char pointer[192]; /* JSON Pointer, "" when unknown */
} tl_error;

/* Where a model node came from: a JSON Pointer into the document and the
 * 1-based line and column (in characters) of its first character. */
typedef struct tl_loc {
	const char *pointer;
	unsigned line, column;
	unsigned key_line, key_column; /* of the member name, when in an object */
} tl_loc;

/* A scalar as written: strings decoded, numbers and booleans keep their
 * literal text ("10.0", "true"). */
typedef enum tl_json_kind {
	TL_JSON_STRING,
	TL_JSON_NUMBER,
	TL_JSON_BOOL,
	TL_JSON_OTHER, /* null, object or array where a scalar was expected */
	TL_JSON_PLACEHOLDER /* a CloudFormation intrinsic (Ref, Fn::Sub, ...): value unknown */
} tl_json_kind;

typedef struct tl_value {
	const char *text; /* NUL-terminated; never contains NUL (the parser refuses \u0000) */
	size_t len;
	tl_json_kind kind;
	tl_loc loc;
} tl_value;

/* ---- bounds ---------------------------------------------------------- */

typedef struct tl_limits {
	size_t max_document_bytes;
	size_t max_depth;
	size_t max_statements;
	size_t max_values; /* scalars in the whole document */
	size_t max_string_bytes;
} tl_limits;

#define TL_LIMITS_INIT {1u << 20, 64, 1000, 100000, 65536}

/* ---- the policy model ------------------------------------------------ */

typedef enum tl_effect { TL_EFFECT_ALLOW, TL_EFFECT_DENY, TL_EFFECT_INVALID } tl_effect;

/* Caller types and Principal keys share one enum. */
typedef enum tl_principal_type {
	TL_PRINCIPAL_AWS,
	TL_PRINCIPAL_SERVICE,
	TL_PRINCIPAL_FEDERATED,
	TL_PRINCIPAL_CANONICAL_USER,
	TL_PRINCIPAL_ANONYMOUS, /* callers only */
	TL_PRINCIPAL_STAR,      /* the bare string "Principal": "*" */
	TL_PRINCIPAL_UNKNOWN    /* a Principal key IAM does not know */
} tl_principal_type;

/* What a principal value is, decided once at parse time. */
typedef enum tl_principal_form {
	TL_FORM_WILDCARD,      /* "*" */
	TL_FORM_ACCOUNT,       /* 12 digits or arn:PART:iam::ACCT:root */
	TL_FORM_USER,          /* arn:PART:iam::ACCT:user/PATH/NAME */
	TL_FORM_ROLE,          /* arn:PART:iam::ACCT:role/PATH/NAME */
	TL_FORM_SESSION,       /* arn:PART:sts::ACCT:assumed-role/ROLE/SESSION */
	TL_FORM_FEDERATED_USER,/* arn:PART:sts::ACCT:federated-user/NAME */
	TL_FORM_UNIQUE_ID,     /* AIDA..., AROA... */
	TL_FORM_SERVICE,       /* name.amazonaws.com and the like */
	TL_FORM_OIDC_PROVIDER, /* arn:PART:iam::ACCT:oidc-provider/HOST/PATH */
	TL_FORM_SAML_PROVIDER, /* arn:PART:iam::ACCT:saml-provider/NAME */
	TL_FORM_BUILTIN_IDP,   /* cognito-identity.amazonaws.com, accounts.google.com, ... */
	TL_FORM_CANONICAL,     /* a CanonicalUser id */
	TL_FORM_INVALID,       /* anything IAM would refuse */
	TL_FORM_PLACEHOLDER    /* an intrinsic function: unknown until deployed */
} tl_principal_form;

typedef struct tl_principal {
	tl_principal_type type;
	tl_principal_form form;
	tl_value value;
	char account[13]; /* the 12-digit account where the form has one, else "" */
} tl_principal;

typedef enum tl_operator {
#define TL_OPERATOR(id, name, family, negated) TL_OP_##id,
#include "operators.def"
#undef TL_OPERATOR
	TL_OP_UNKNOWN
} tl_operator;

typedef enum tl_qualifier {
	TL_QUAL_NONE,
	TL_QUAL_FOR_ANY_VALUE,
	TL_QUAL_FOR_ALL_VALUES
} tl_qualifier;

/* One key under one operator: "StringLike": {"KEY": [values]}. */
typedef struct tl_condition {
	tl_value operator_text; /* as written, e.g. "ForAnyValue:StringLikeIfExists" */
	tl_operator op;         /* TL_OP_UNKNOWN when not a valid operator */
	tl_qualifier qualifier;
	bool if_exists;
	bool negated;           /* StringNotEquals, NotIpAddress, ... */
	tl_value key;           /* as written; matching folds ASCII case */
	const tl_value *values;
	size_t n_values;
	bool values_array;      /* written as an array (possibly empty) */
	size_t index;           /* position among the statement's conditions */
} tl_condition;

typedef struct tl_statement {
	size_t index;
	tl_loc loc;
	const tl_value *sid; /* NULL when absent */
	tl_effect effect;
	const tl_value *effect_value;
	bool has_principal, not_principal;
	tl_loc principal_loc;
	const tl_principal *principals;
	size_t n_principals;
	bool has_action, not_action;
	tl_loc action_loc;
	const tl_value *actions;
	size_t n_actions;
	bool has_resource;       /* Resource or NotResource: kept for the linter */
	tl_loc resource_loc;
	bool has_condition;
	tl_loc condition_loc;
	const tl_condition *conditions;
	size_t n_conditions;
	/* Parts that are intrinsic functions (CloudFormation Fn::If, Ref, ...),
	 * unknown until deployed, which no model field above can show: the
	 * whole statement, or the Condition element or one operator's block. */
	bool unknown_statement, unknown_conditions;
} tl_statement;

/* Things IAM refuses to store (hard) and things it stores but that do not
 * mean what they seem (soft). */
typedef enum tl_problem_kind {
#define TL_PROBLEM(id, hard) TL_PROBLEM_##id,
#include "problems.def"
#undef TL_PROBLEM
	TL_PROBLEM_COUNT
} tl_problem_kind;

typedef struct tl_problem {
	tl_problem_kind kind;
	bool hard; /* IAM refuses the document */
	const char *message;
	tl_loc loc;
} tl_problem;

typedef struct tl_document {
	const tl_value *version; /* NULL when absent */
	const tl_value *id;
	bool variables_enabled;  /* Version is exactly 2012-10-17 */
	bool statement_is_array;
	tl_loc statement_loc;
	const tl_statement *statements;
	size_t n_statements;
	const tl_problem *problems;
	size_t n_problems;
	size_t n_hard_problems;
	size_t size_without_whitespace; /* for the IAM length quota */
} tl_document;

typedef struct tl_policy tl_policy;

/*
 * Parse and compile a trust policy whose text starts at `line`:`column` of
 * its file (1, 1 for a file of its own), so that every location is the
 * file's.  As tl_policy_parse otherwise.
 */
tl_status tl_policy_parse_at(tl_policy **out, const char *text, size_t len, unsigned line,
                             unsigned column, const tl_limits *limits, tl_error *err);

/*
 * Parse and compile a trust policy.  On TL_OK *out is a policy (which may
 * still carry problems, hard ones included: check n_hard_problems before
 * trusting a decision).  On TL_ESYNTAX / TL_ELIMIT / TL_ENOMEM *out is
 * NULL and err says what and where.  `limits` may be NULL for the defaults.
 */
tl_status tl_policy_parse(tl_policy **out, const char *text, size_t len,
                          const tl_limits *limits, tl_error *err);
const tl_document *tl_policy_document(const tl_policy *policy);
void tl_policy_free(tl_policy *policy);

const char *tl_operator_name(tl_operator op);
const char *tl_problem_name(tl_problem_kind kind);
const char *tl_principal_type_name(tl_principal_type type);
const char *tl_status_name(tl_status status);

/*
 * An unrendered template placeholder in a value: ${module.x.arn}, $NAME,
 * <ACCOUNT_ID>, {arn-aws}, {{ .Values.x }} (IAM policy variables such as
 * ${aws:username} are not).  True with the first one's offset and length
 * and what wrote it ("Terraform interpolation", "shell variable", ...);
 * each out-pointer may be NULL.
 */
bool tl_template_placeholder(const char *s, size_t len, size_t *at, size_t *plen,
                             const char **kind);

/* ---- inputs: where trust policies live ------------------------------ */

typedef enum tl_input_format {
	TL_INPUT_AUTO,         /* detect from the content */
	TL_INPUT_POLICY,       /* a trust policy document */
	TL_INPUT_CFN_JSON,     /* CloudFormation / SAM template, JSON */
	TL_INPUT_CFN_YAML,     /* CloudFormation / SAM template, YAML */
	TL_INPUT_TF_PLAN,      /* terraform show -json */
	TL_INPUT_ACCOUNT_DUMP, /* aws iam get-account-authorization-details */
	TL_INPUT_GET_ROLE,     /* aws iam get-role */
	TL_INPUT_LIST_ROLES    /* aws iam list-roles */
} tl_input_format;

/* One role's trust policy found in a file. */
typedef struct tl_role {
	const char *name;      /* logical id, resource address or role name; NULL for a lone policy */
	const char *variant;   /* CloudFormation Fn::If: the branch choice this policy is, as
	                          "Prod=true, Dev=false"; the variants of one document are
	                          consecutive roles of the same name.  NULL otherwise */
	const char *arn;       /* the role's ARN when the file says, else NULL */
	char account[13];      /* the role's own account when known, else "" */
	unsigned line, column; /* where the role (or its policy) is in the file */
	bool embedded_string;  /* the policy was a JSON string inside the file: its own
	                          positions are inside that string, so point at line:column */
	const char *text;      /* the policy's JSON text (decoded when it was a string) */
	size_t len;
	tl_policy *policy;     /* NULL when the policy did not parse: see error */
	tl_error error;
	/* When the policy did not parse only because an object repeats a key
	 * (error.flags has TL_ERROR_DUPLICATE_KEY): the document as last-wins
	 * JSON parsers read it, for linting; IAM refuses it, so never decide
	 * with it.  Else NULL.  Owned by the source. */
	tl_policy *last_wins;
} tl_role;

typedef struct tl_source tl_source;

/* What a reader could not lint and says so, at a place in the file (a
 * Terraform policy unknown until apply, say). */
typedef struct tl_input_note {
	const char *message;
	unsigned line, column;
} tl_input_note;

/*
 * Find every role trust policy in `text`.  A file that is not a container
 * is one policy (which may fail to parse: its role then carries the
 * error).  TL_ESYNTAX/TL_ELIMIT only when a container itself is unreadable.
 */
tl_status tl_source_load(tl_source **out, const char *text, size_t len, tl_input_format format,
                         const tl_limits *limits, tl_error *err);
tl_input_format tl_source_format(const tl_source *src);
size_t tl_source_role_count(const tl_source *src);
const tl_role *tl_source_role(const tl_source *src, size_t i);
size_t tl_source_note_count(const tl_source *src);
const tl_input_note *tl_source_note(const tl_source *src, size_t i);
void tl_source_free(tl_source *src);
const char *tl_input_format_name(tl_input_format format);
bool tl_input_format_from(const char *name, tl_input_format *out);

/* ---- requests -------------------------------------------------------- */

typedef struct tl_request tl_request;

tl_request *tl_request_new(void);
void tl_request_free(tl_request *req);
/* Forget principal, action and context. */
void tl_request_reset(tl_request *req);
/* `id` may be NULL for Anonymous callers. */
tl_status tl_request_set_principal(tl_request *req, tl_principal_type type, const char *id);
tl_status tl_request_set_action(tl_request *req, const char *action);
/* Add one value to KEY (creating it); keys fold ASCII case. */
tl_status tl_request_add(tl_request *req, const char *key, const char *value, size_t value_len);
/* Make KEY present with no values (distinct from absent). */
tl_status tl_request_set_empty(tl_request *req, const char *key);
void tl_request_unset(tl_request *req, const char *key);

tl_principal_type tl_request_principal_type(const tl_request *req);
const char *tl_request_principal_id(const tl_request *req); /* NULL if none */
const char *tl_request_action(const tl_request *req);       /* NULL if none */
size_t tl_request_key_count(const tl_request *req);
/* Key `i` as first given, its values, and whether the engine derived it. */
const char *tl_request_key(const tl_request *req, size_t i, size_t *n_values, bool *derived);
const char *tl_request_value(const tl_request *req, size_t key_index, size_t value_index, size_t *len);

/* What derived key `i` assumes ("assuming the role's path is /; ..."),
 * or NULL when it assumes nothing or was not derived. */
const char *tl_request_derived_note(const tl_request *req, size_t i);

/*
 * Can a caller of `type` be `id`?  AWS: a 12-digit account, an IAM user,
 * role or root ARN, an assumed-role or federated-user session ARN, or "*";
 * Service: a service principal name (ec2.amazonaws.com); Federated: an
 * OIDC or SAML provider ARN or a built-in web identity provider
 * (cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com,
 * www.amazon.com); CanonicalUser: 64 hex digits; Anonymous: no id (NULL).
 * TL_OK, or TL_EARG with err->message saying what was expected.
 */
tl_status tl_principal_id_check(tl_principal_type type, const char *id, tl_error *err);

/*
 * Fill in the keys AWS puts in every request of the caller when the
 * context leaves them out: for an AWS caller aws:PrincipalIsAWSService
 * (false), aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
 * aws:username (users), aws:userid (account callers); for a service
 * aws:PrincipalIsAWSService (true) and aws:PrincipalServiceName.  They are
 * marked derived.  Idempotent.
 */
tl_status tl_request_derive(tl_request *req);

/* ---- evaluation ------------------------------------------------------ */

typedef enum tl_decision {
	TL_IMPLICIT_DENY,
	TL_ALLOW,
	TL_EXPLICIT_DENY
} tl_decision;

typedef enum tl_principal_match {
	TL_MATCH_NONE,
	TL_MATCH_DIRECT,  /* the caller itself, or "*" */
	TL_MATCH_ACCOUNT  /* only through its account: identity policy must allow too */
} tl_principal_match;

/* Why one condition came out as it did. */
typedef enum tl_cond_reason {
	TL_REASON_MATCHED,         /* a policy value matched (positive) */
	TL_REASON_NO_MATCH,        /* no policy value matched (positive) */
	TL_REASON_NONE_MATCHED,    /* negated: no policy value matched, so true */
	TL_REASON_SOME_MATCHED,    /* negated: a policy value matched, so false */
	TL_REASON_ABSENT,          /* key absent: the operator decides */
	TL_REASON_ABSENT_IFEXISTS, /* key absent, IfExists makes it true */
	TL_REASON_EMPTY_SET,       /* key present without values */
	TL_REASON_MULTI_NO_QUALIFIER, /* several request values, no ForAnyValue/ForAllValues */
	TL_REASON_ALL_VALUES,      /* ForAllValues: every request value matched */
	TL_REASON_NOT_ALL_VALUES,  /* ForAllValues: a request value matched nothing */
	TL_REASON_ANY_VALUE,       /* ForAnyValue: some request value matched */
	TL_REASON_NO_VALUE,        /* ForAnyValue: no request value matched */
	TL_REASON_NULL_CHECK,      /* Null operator on presence */
	TL_REASON_UNKNOWN_OPERATOR,
	/* the request value (request_value) is not of the operator's type */
	TL_REASON_BAD_NUMBER,
	TL_REASON_BAD_DATE,
	TL_REASON_BAD_BOOL,
	TL_REASON_BAD_BINARY,
	TL_REASON_BAD_IP,
	TL_REASON_BAD_ARN
} tl_cond_reason;

typedef struct tl_cond_trace {
	bool result;
	tl_cond_reason reason;
	long policy_value;  /* index of the policy value that decided, or -1 */
	long request_value; /* index of the request value that decided, or -1 */
	long key_index;     /* the request key used, or -1 when absent */
} tl_cond_trace;

typedef struct tl_stmt_trace {
	tl_principal_match principal;
	long principal_index; /* which principal entry matched, or -1 */
	bool action;
	long action_index;    /* which Action entry matched (or, with NotAction, -1) */
	bool conditions;      /* all conditions true (true when there are none) */
	bool applies;         /* principal, action and conditions all matched */
	bool unknown;         /* might apply, depending on values unknown until deployed */
	tl_cond_trace *cond;  /* one per condition, in document order */
} tl_stmt_trace;

typedef struct tl_trace {
	size_t n_statements;
	tl_stmt_trace *stmt;
} tl_trace;

typedef struct tl_result {
	tl_decision decision;
	/* On Allow: every applicable Allow matched the caller only through an
	 * account principal, so its identity policy must also allow (IAM user
	 * guide, id_roles_update-role-trust-policy). */
	bool account_level;
	long deciding_statement; /* first statement that fixed the decision, or -1 */
	/*
	 * Every decision the request could get once the policy's placeholders
	 * (intrinsic functions, unknown until deployed) are known: a bit
	 * (1u << tl_decision) each.  Only `decision`'s bit for a policy without
	 * them.  `decision` is what the statements we can see decide.
	 */
	unsigned possible;
	long unknown_statement; /* first statement that might apply, or -1 */
} tl_result;

/* Could the request get a decision other than result->decision? */
#define TL_RESULT_UNRESOLVED(res) (((res)->possible & ~(1u << (res)->decision)) != 0)

/* A trace sized for `policy`; reuse it for every request. */
tl_trace *tl_trace_new(const tl_policy *policy);
void tl_trace_free(tl_trace *trace);

/*
 * Decide `req` against `policy` (the trust policy alone).  `trace` may be
 * NULL; when given it must come from tl_trace_new(policy).  Does not
 * allocate: policy-variable substitution writes into scratch the request
 * grew as its values were added, so one request is evaluated on one thread
 * at a time (a policy may be shared by many threads).  A policy with hard problems is evaluated too: callers that
 * must not decide what IAM would refuse check n_hard_problems first.
 */
tl_status tl_eval(const tl_policy *policy, const tl_request *req, tl_trace *trace,
                  tl_result *out);

const char *tl_decision_name(tl_decision decision);
const char *tl_reason_text(tl_cond_reason reason);
/* For the TL_REASON_BAD_* reasons the type name ("ARN", "number", ...),
 * else NULL. */
const char *tl_reason_value_type(tl_cond_reason reason);

/* Read a whole file ("-" is standard input) into a NUL-terminated malloc'd
 * buffer; more than `max` bytes is TL_ELIMIT. */
tl_status tl_file_read(const char *path, size_t max, char **out, size_t *len, tl_error *err);

/* Escape `s` for a JSON string (without the quotes) into `dst`, which must
 * hold 6 * len + 1 bytes; returns the length written. */
size_t tl_json_escape(char *dst, const char *s, size_t len);

/* ---- the usual callers ----------------------------------------------- */

/* What one caller's single API call makes STS evaluate: each action must
 * be allowed (SEMANTICS.md 0, 2.5: Pod Identity needs AssumeRole and
 * TagSession). */
typedef struct tl_caller_actions {
	const char *action[3];
	size_t n;
} tl_caller_actions;

/*
 * Fill `req` (after a reset) with the request a usual caller sends, so that
 * `simulate`, `test` and the REPL never disagree about what, say, an IRSA
 * caller is.  `kind` and its arguments:
 *   irsa ISSUER-OR-ARN-OR-ID NAMESPACE SERVICE-ACCOUNT
 *   pod-identity CLUSTER-ARN NAMESPACE SERVICE-ACCOUNT
 *   github OWNER/REPO [refs/heads/X | refs/tags/X | environment:ENV | pull_request]
 *   gitlab GROUP/PROJECT [BRANCH]      terraform ORG PROJECT WORKSPACE [plan|apply]
 *   role ARN    user ARN    account ID    service NAME    saml PROVIDER-ARN
 * `policy` (may be NULL) resolves what the arguments leave out, such as the
 * account of the OIDC provider, from the policy's own Federated principals.
 * req's action is set to actions->action[0].
 */
tl_status tl_request_caller(tl_request *req, const tl_policy *policy, const char *kind,
                            const char *const *args, size_t n_args, tl_caller_actions *actions,
                            tl_error *err);
/* The kinds above, NULL-terminated (for help and completion). */
extern const char *const tl_caller_kinds[];

/* ---- expectation suites (trustlint test) ------------------------------ */

typedef enum tl_expect {
	TL_EXPECT_ALLOW,        /* every action of the call is allowed */
	TL_EXPECT_DENY,         /* some action of the call is not allowed */
	TL_EXPECT_EXPLICIT_DENY,
	TL_EXPECT_IMPLICIT_DENY
} tl_expect;

/* One case of an expectation file: who calls, and what must happen. */
typedef struct tl_case {
	const char *name;
	unsigned line, column;
	const char *policy; /* the policy file as written (relative to the suite's folder) */
	const char *role;   /* the role to pick in a container, or NULL */
	tl_expect expect;
} tl_case;

typedef struct tl_suite tl_suite;

/*
 * Read an expectation file:
 *   {"policy": "role.json", "role": "NAME"?, "cases": [CASE, ...]}
 *   or {"suites": [{"policy": ..., "cases": [...]}, ...]}
 * where CASE is {"name": "...", "caller": {"irsa": [ISSUER, NS, SA]} (any
 * tl_caller_kinds entry; a single argument may be a string) or "request":
 * {...} (the eval request form), optional "action" (SERVICE:NAME) and
 * "context" (strings, numbers, booleans or lists of them) to add or
 * override, and "expect": "allow" | "deny" | "explicit-deny" | "implicit-deny"}.
 * `default_policy` (may be NULL) is used when the file names none.
 *
 * Fails (TL_ESYNTAX, TL_EARG, ...) only when the file is not a JSON
 * object.  Every other mistake -- an unknown key (with the name it likely
 * meant), a bad value, no cases -- is a located problem: a bad case is
 * left out and the good ones load; a problem of a suite (or of the file)
 * leaves out all of its cases.  A file with problems has failed.
 */
tl_status tl_suite_load(tl_suite **out, const char *text, size_t len, const char *default_policy,
                        tl_error *err);
size_t tl_suite_case_count(const tl_suite *suite);
const tl_case *tl_suite_case(const tl_suite *suite, size_t i);

typedef struct tl_suite_problem {
	tl_error error;        /* message, line, column, pointer */
	const char *case_name; /* the case's name (or "case N"); NULL outside a case */
} tl_suite_problem;

size_t tl_suite_problem_count(const tl_suite *suite);
const tl_suite_problem *tl_suite_problem_at(const tl_suite *suite, size_t i);
/* Problems past the first hundred are only counted. */
size_t tl_suite_problems_unkept(const tl_suite *suite);
/* Build case i's request against `policy` (which resolves caller details). */
tl_status tl_suite_request(const tl_suite *suite, size_t i, const tl_policy *policy,
                           tl_request *req, tl_caller_actions *actions, tl_error *err);
void tl_suite_free(tl_suite *suite);
const char *tl_expect_name(tl_expect e);
/*
 * Does expectation `e` hold for the results of one caller's actions
 * (several for Pod Identity: allowed only when every action is)?  It must
 * hold for every decision each result could get (tl_result.possible), so
 * a policy whose intrinsic functions could change the answer fails it.
 */
bool tl_expect_holds(tl_expect e, const tl_result *results, size_t n);

/* ---- the constraint view (what lint rules ask) ---------------------- */

/*
 * Would every condition of statement `stmt` that names `key` (any case)
 * hold for a request whose context has KEY with these values (`present`
 * false: KEY absent)?  True when no condition names the key.  Conditions
 * on other keys are ignored.  This runs the evaluator's own condition
 * logic, so a rule's view of a condition never disagrees with a decision.
 */
bool tl_statement_admits(const tl_policy *policy, size_t stmt, const char *key,
                         const char *const *values, size_t n_values, bool present);

/* ---- JSON requests and batches --------------------------------------- */

/*
 * Fill `req` (after a reset) from the request form
 * {"principal": {"type": "AWS"|"Service"|"Federated"|"CanonicalUser"|"Anonymous",
 *  "id": "..."}, "action": "sts:...", "context": {"key": "v" or ["v1", ...]}}
 * and derive the caller keys the context leaves out.
 */
tl_status tl_request_from_json(tl_request *req, const char *text, size_t len, tl_error *err);

/*
 * The same from either form a request is saved in: the request form above,
 * or one batch line (below) whose "request" it reads (the line's policy is
 * not read or checked).
 */
tl_status tl_request_from_saved(tl_request *req, const char *text, size_t len, tl_error *err);

/*
 * A batch evaluates JSON lines {"id": ..., "policy": {...} or "policy_file":
 * "path", "request": {...}} and caches each distinct policy (same text or
 * same file) so it is parsed once.  Relative policy files are read from
 * `base_dir` (NULL for the working directory).
 */
typedef struct tl_batch tl_batch;

typedef struct tl_batch_result {
	bool ok;              /* false: the line failed and `error` says why */
	tl_decision decision;
	bool account_level;
	size_t n_matched;
	size_t matched[16];   /* the first 16 applicable statements */
	char error[448];
} tl_batch_result;

tl_batch *tl_batch_new(const char *base_dir, const tl_limits *limits);
void tl_batch_free(tl_batch *batch);
/*
 * Decide one line.  Appends the output JSON line (with its newline) to
 * *buf (a malloc'd buffer of *len bytes, *cap capacity, grown as needed),
 * and fills `res` when not NULL.  Returns TL_OK when the line was decided,
 * TL_ENOMEM when nothing could be written, else the line's error status.
 */
tl_status tl_batch_line(tl_batch *batch, const char *line, size_t len, unsigned long lineno,
                        char **buf, size_t *buf_len, size_t *buf_cap, tl_batch_result *res);

#ifdef __cplusplus
}
#endif
#endif
