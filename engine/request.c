/*
 * request.c - building requests and deriving what AWS derives.
 *
 * The context is used as given.  Only when it leaves them out does
 * tl_request_derive fill in what AWS puts in every request of such a
 * caller (IAM global condition keys page): aws:PrincipalArn,
 * aws:PrincipalAccount, aws:PrincipalType and aws:PrincipalIsAWSService
 * for an AWS caller, aws:username for a user, aws:userid for an account
 * (root) caller, aws:PrincipalIsAWSService and aws:PrincipalServiceName
 * for a service.  Each derived key is marked, with a note when the value
 * rests on an assumption, so explanations can say so.
 */
#include "request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "values.h"

tl_request *tl_request_new(void)
{
	tl_request *r = calloc(1, sizeof(*r));

	if (r)
		r->type = TL_PRINCIPAL_ANONYMOUS;
	return r;
}

static void free_keys(tl_request *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < r->keys[i].n; j++)
			free(r->keys[i].values[j].text);
		free(r->keys[i].values);
		free(r->keys[i].name);
		free(r->keys[i].lower);
	}
	r->n = 0;
}

/* Keep the substitution scratch big enough for a value of `len` bytes
 * (request.h).  Grow-only, so evaluation itself never allocates. */
static bool grow_scratch(tl_request *r, size_t len)
{
	char *s;

	if (r->scratch && len <= r->max_value_len)
		return true;
	if (len > ((size_t)-1 - 8) / 4)
		return false;
	s = realloc(r->scratch, 2 * (2 * len + 2));
	if (!s)
		return false;
	r->scratch = s;
	r->max_value_len = len;
	return true;
}

void tl_request_reset(tl_request *r)
{
	free_keys(r);
	free(r->id);
	free(r->action);
	free(r->action_text);
	free(r->role_name);
	r->id = r->action = r->action_text = r->role_name = NULL;
	r->id_len = r->action_len = r->role_name_len = 0;
	r->type = TL_PRINCIPAL_ANONYMOUS;
	r->form = TL__CALLER_NONE;
	r->account[0] = r->partition[0] = '\0';
}

void tl_request_free(tl_request *r)
{
	if (!r)
		return;
	tl_request_reset(r);
	free(r->keys);
	free(r->index);
	free(r->scratch);
	free(r);
}

static char *dup_n(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p) {
		if (len)
			memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/* Work out account, partition and role name from an AWS caller id. */
static void classify_caller(tl_request *r)
{
	tl__arn arn;
	const char *res, *name = NULL;
	size_t rlen, nlen = 0;

	r->form = TL__CALLER_OTHER;
	if (tl__account_id(r->id, r->id_len)) {
		/* a bare account id names no partition: partition stays "" */
		memcpy(r->account, r->id, 13);
		r->form = TL__CALLER_ACCOUNT;
		return;
	}
	/* IAM and STS ARNs name no region: one that does is no caller we know */
	if (!tl__arn_split(r->id, r->id_len, &arn) || arn.len[4] != 12 ||
	    !tl__account_id(arn.part[4], 12) || arn.len[1] == 0 || arn.len[1] >= sizeof(r->partition) ||
	    arn.len[3] != 0)
		return;
	memcpy(r->account, arn.part[4], 12);
	r->account[12] = '\0';
	memcpy(r->partition, arn.part[1], arn.len[1]);
	r->partition[arn.len[1]] = '\0';
	res = arn.part[5];
	rlen = arn.len[5];
	if (rlen == 4 && memcmp(res, "root", 4) == 0) {
		r->form = TL__CALLER_ACCOUNT;
	} else if (rlen > 5 && memcmp(res, "user/", 5) == 0) {
		r->form = TL__CALLER_USER;
	} else if (rlen > 5 && memcmp(res, "role/", 5) == 0) {
		r->form = TL__CALLER_ROLE;
		name = tl__arn_role_name(res, rlen, &nlen);
	} else if (rlen > 13 && memcmp(res, "assumed-role/", 13) == 0) {
		const char *slash = memchr(res + 13, '/', rlen - 13);
		if (slash) {
			r->form = TL__CALLER_SESSION;
			name = res + 13;
			nlen = (size_t)(slash - name);
		}
	}
	if (name && nlen) {
		r->role_name = malloc(nlen + 1);
		if (r->role_name) {
			tl__ascii_lower(r->role_name, name, nlen);
			r->role_name_len = nlen;
		}
	}
}

tl_status tl_request_set_principal(tl_request *r, tl_principal_type type, const char *id)
{
	char *copy = NULL;

	if (type > TL_PRINCIPAL_ANONYMOUS || (type != TL_PRINCIPAL_ANONYMOUS && !id))
		return TL_EARG;
	if (id) {
		copy = dup_n(id, strlen(id));
		if (!copy)
			return TL_ENOMEM;
	}
	free(r->id);
	free(r->role_name);
	r->role_name = NULL;
	r->role_name_len = 0;
	r->id = copy;
	r->id_len = copy ? strlen(copy) : 0;
	r->type = type;
	r->form = TL__CALLER_NONE;
	r->account[0] = r->partition[0] = '\0';
	if (type == TL_PRINCIPAL_AWS)
		classify_caller(r);
	return TL_OK;
}

tl_status tl_request_set_action(tl_request *r, const char *action)
{
	size_t len = strlen(action);
	char *low = malloc(len + 1), *text = dup_n(action, len);

	if (!low || !text) {
		free(low);
		free(text);
		return TL_ENOMEM;
	}
	tl__ascii_lower(low, action, len);
	low[len] = '\0';
	free(r->action);
	free(r->action_text);
	r->action = low;
	r->action_text = text;
	r->action_len = len;
	return TL_OK;
}

#define INDEX_FROM 8 /* keys; below this a scan is as fast */

static bool same_key(const tl__rkey *k, const char *lower, size_t len, uint32_t hash)
{
	return k->hash == hash && k->len == len && memcmp(k->lower, lower, len) == 0;
}

const tl__rkey *tl__request_find(const tl_request *r, const char *lower, size_t len, uint32_t hash)
{
	size_t i, mask;

	if (r->n < INDEX_FROM || !r->index) {
		for (i = 0; i < r->n; i++)
			if (same_key(&r->keys[i], lower, len, hash))
				return &r->keys[i];
		return NULL;
	}
	mask = r->index_cap - 1;
	for (i = hash & mask; r->index[i]; i = (i + 1) & mask)
		if (same_key(&r->keys[r->index[i] - 1], lower, len, hash))
			return &r->keys[r->index[i] - 1];
	return NULL;
}

/* Rebuild the index for the keys as they are now (after an add or a
 * removal).  Without memory for it, lookups fall back to a scan. */
static void reindex(tl_request *r)
{
	size_t i, j, mask, cap = r->index_cap;

	if (r->n < INDEX_FROM)
		return;
	if (cap < 2 * r->n || !r->index) {
		uint32_t *grown;
		for (cap = 16; cap < 4 * r->n; cap *= 2)
			;
		grown = realloc(r->index, cap * sizeof(*grown));
		if (!grown) {
			free(r->index);
			r->index = NULL;
			r->index_cap = 0;
			return;
		}
		r->index = grown;
		r->index_cap = cap;
	}
	memset(r->index, 0, r->index_cap * sizeof(*r->index));
	mask = r->index_cap - 1;
	for (i = 0; i < r->n; i++) {
		for (j = r->keys[i].hash & mask; r->index[j]; j = (j + 1) & mask)
			;
		r->index[j] = (uint32_t)(i + 1);
	}
}

/* Index one key just appended (position n - 1). */
static void index_last(tl_request *r)
{
	size_t j, mask;

	if (r->n < INDEX_FROM)
		return;
	if (!r->index || r->index_cap < 2 * r->n || r->n == INDEX_FROM) {
		reindex(r);
		return;
	}
	mask = r->index_cap - 1;
	for (j = r->keys[r->n - 1].hash & mask; r->index[j]; j = (j + 1) & mask)
		;
	r->index[j] = (uint32_t)r->n;
}

static tl__rkey *find_or_add(tl_request *r, const char *key)
{
	size_t len = strlen(key);
	uint32_t hash = tl__hash_lower(key, len);
	tl__rkey *k;
	char *low;

	low = malloc(len + 1);
	if (!low)
		return NULL;
	tl__ascii_lower(low, key, len);
	low[len] = '\0';
	k = (tl__rkey *)tl__request_find(r, low, len, hash);
	if (k) {
		free(low);
		return k;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		tl__rkey *keys = realloc(r->keys, cap * sizeof(*keys));
		if (!keys) {
			free(low);
			return NULL;
		}
		r->keys = keys;
		r->cap = cap;
	}
	k = &r->keys[r->n];
	memset(k, 0, sizeof(*k));
	k->name = dup_n(key, len);
	if (!k->name) {
		free(low);
		return NULL;
	}
	k->lower = low;
	k->len = len;
	k->hash = hash;
	r->n++;
	index_last(r);
	return k;
}

tl_status tl_request_add(tl_request *r, const char *key, const char *value, size_t len)
{
	tl__rkey *k = find_or_add(r, key);
	char *copy;

	if (!k || !grow_scratch(r, len))
		return TL_ENOMEM;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 2;
		tl__rvalue *vals = realloc(k->values, cap * sizeof(*vals));
		if (!vals)
			return TL_ENOMEM;
		k->values = vals;
		k->cap = cap;
	}
	copy = dup_n(value, len);
	if (!copy)
		return TL_ENOMEM;
	k->values[k->n].text = copy;
	k->values[k->n].len = len;
	k->n++;
	k->derived = false;
	k->note = NULL;
	return TL_OK;
}

tl_status tl_request_set_empty(tl_request *r, const char *key)
{
	tl__rkey *k = find_or_add(r, key);
	size_t i;

	if (!k)
		return TL_ENOMEM;
	for (i = 0; i < k->n; i++)
		free(k->values[i].text);
	k->n = 0;
	k->derived = false;
	k->note = NULL;
	return TL_OK;
}

void tl_request_unset(tl_request *r, const char *key)
{
	size_t len = strlen(key), i, j;
	char stack[256], *low = len < sizeof(stack) ? stack : malloc(len + 1);
	const tl__rkey *k;

	/* Any key tl_request_add took, however long, can be removed. */
	if (!low)
		return;
	tl__ascii_lower(low, key, len);
	k = tl__request_find(r, low, len, tl__hash_lower(key, len));
	if (low != stack)
		free(low);
	if (!k)
		return;
	i = (size_t)(k - r->keys);
	for (j = 0; j < r->keys[i].n; j++)
		free(r->keys[i].values[j].text);
	free(r->keys[i].values);
	free(r->keys[i].name);
	free(r->keys[i].lower);
	memmove(&r->keys[i], &r->keys[i + 1], (r->n - i - 1) * sizeof(*r->keys));
	r->n--;
	reindex(r); /* positions after i moved */
}

static tl_status derive_one(tl_request *r, const char *key, const char *value, size_t len,
                            const char *note)
{
	tl__rkey *k;
	tl_status st;
	size_t n = strlen(key);
	char low[64];

	tl__ascii_lower(low, key, n);
	if (tl__request_find(r, low, n, tl__hash_lower(key, n)))
		return TL_OK; /* the context wins */
	st = tl_request_add(r, key, value, len);
	if (st != TL_OK)
		return st;
	k = (tl__rkey *)tl__request_find(r, low, n, tl__hash_lower(key, n));
	k->derived = true;
	k->note = note;
	return TL_OK;
}

static tl_status derive_str(tl_request *r, const char *key, const char *value)
{
	return derive_one(r, key, value, strlen(value), NULL);
}

/* A service principal calling directly: aws:PrincipalIsAWSService is true
 * and aws:PrincipalServiceName names it (condition keys page, both keys'
 * Availability). */
static tl_status derive_service(tl_request *r)
{
	tl_status st = derive_str(r, "aws:PrincipalIsAWSService", "true");

	return st == TL_OK ? derive_one(r, "aws:PrincipalServiceName", r->id, r->id_len, NULL) : st;
}

/* aws:PrincipalArn of a role session is the role's ARN, path included; the
 * session ARN has lost the path, so this one assumes "/". */
static tl_status derive_session_arn(tl_request *r)
{
	static const char note[] = "assuming the role's path is /; give aws:PrincipalArn in the "
	                           "context to override";
	tl__arn parts;
	const char *name, *slash;
	char arn[512];
	int n;

	/* the resource part, as classify_caller found it: assumed-role/ROLE/SESSION */
	if (!tl__arn_split(r->id, r->id_len, &parts))
		return TL_OK;
	name = parts.part[5] + 13;
	slash = memchr(name, '/', parts.len[5] - 13);
	if (!slash)
		return TL_OK;
	n = snprintf(arn, sizeof(arn), "arn:%s:iam::%s:role/%.*s", r->partition, r->account,
	             (int)(slash - name), name);
	if (n < 0 || (size_t)n >= sizeof(arn))
		return TL_OK;
	return derive_one(r, "aws:PrincipalArn", arn, (size_t)n, note);
}

tl_status tl_request_derive(tl_request *r)
{
	static const char *const types[] = {
		[TL__CALLER_ACCOUNT] = "Account", [TL__CALLER_USER] = "User",
		[TL__CALLER_ROLE] = "AssumedRole", [TL__CALLER_SESSION] = "AssumedRole"};
	tl_status st;

	if (r->type == TL_PRINCIPAL_SERVICE)
		return derive_service(r);
	if (r->type != TL_PRINCIPAL_AWS)
		return TL_OK;
	/* present in every signed request, false for anyone but a service */
	st = derive_str(r, "aws:PrincipalIsAWSService", "false");
	if (st != TL_OK || r->form == TL__CALLER_NONE || r->form == TL__CALLER_OTHER)
		return st;
	st = derive_one(r, "aws:PrincipalAccount", r->account, 12, NULL);
	if (st == TL_OK)
		st = derive_str(r, "aws:PrincipalType", types[r->form]);
	if (st != TL_OK)
		return st;
	switch (r->form) {
	case TL__CALLER_USER: {
		/* aws:username is the user's friendly name, the ARN's last part */
		const char *name = strrchr(r->id, '/') + 1;
		st = derive_one(r, "aws:username", name, r->id_len - (size_t)(name - r->id), NULL);
		return st == TL_OK ? derive_one(r, "aws:PrincipalArn", r->id, r->id_len, NULL) : st;
	}
	case TL__CALLER_ROLE:
		return derive_one(r, "aws:PrincipalArn", r->id, r->id_len, NULL);
	case TL__CALLER_SESSION:
		return derive_session_arn(r);
	default:
		/* the account root user: aws:userid is the account id (policy
		 * variables page, principal key values); no single ARN, since an
		 * account caller also stands for anyone in it */
		return derive_one(r, "aws:userid", r->account, 12, NULL);
	}
}

tl_principal_type tl_request_principal_type(const tl_request *r)
{
	return r->type;
}

const char *tl_request_principal_id(const tl_request *r)
{
	return r->id;
}

const char *tl_request_action(const tl_request *r)
{
	return r->action_text;
}

size_t tl_request_key_count(const tl_request *r)
{
	return r->n;
}

const char *tl_request_key(const tl_request *r, size_t i, size_t *n_values, bool *derived)
{
	if (i >= r->n)
		return NULL;
	if (n_values)
		*n_values = r->keys[i].n;
	if (derived)
		*derived = r->keys[i].derived;
	return r->keys[i].name;
}

const char *tl_request_derived_note(const tl_request *r, size_t i)
{
	return i < r->n && r->keys[i].derived ? r->keys[i].note : NULL;
}

const char *tl_request_value(const tl_request *r, size_t ki, size_t vi, size_t *len)
{
	if (ki >= r->n || vi >= r->keys[ki].n)
		return NULL;
	if (len)
		*len = r->keys[ki].values[vi].len;
	return r->keys[ki].values[vi].text;
}
