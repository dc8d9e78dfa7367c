/*
 * request_json.c - a request from its JSON form (trustlint.h,
 * tl_request_from_json), for `eval --request`, batch lines and saved
 * sessions alike.
 *
 * The form is strict: an unknown field, a principal type IAM does not
 * have or a context key given twice in different case is an error with
 * its position, never a guess, since a misspelt key would otherwise be a
 * request other than the one the author wrote.
 */
#include <stdlib.h>
#include <string.h>

#include "compile.h" /* tl__hash_lower */
#include "json.h"
#include "names.h"
#include "request.h"
#include "values.h"

/* A library call on the request failed: it can only have run out of memory. */
static tl_status request_failed(tl_error *err, tl_status st)
{
	tl__error_set(err, st, NULL, "out of memory");
	return st;
}

static bool is_scalar(const tl__jnode *n)
{
	return n->type == TL__J_STRING || n->type == TL__J_NUMBER || n->type == TL__J_TRUE ||
	       n->type == TL__J_FALSE;
}

/* The key already in the request that `key` names, ignoring ASCII case
 * (the lookup tl_request_add makes anyway). */
static const char *same_key(const tl_request *req, const char *key)
{
	size_t len = strlen(key);
	char stack[256], *low = len < sizeof(stack) ? stack : malloc(len + 1);
	const tl__rkey *k;

	if (!low)
		return NULL; /* tl_request_add then reports the shortage */
	tl__ascii_lower(low, key, len);
	k = tl__request_find(req, low, len, tl__hash_lower(key, len));
	if (low != stack)
		free(low);
	return k ? k->name : NULL;
}

/* An object of principal, action and context, and nothing else. */
static tl_status check_request_shape(const tl__jnode *root, tl_error *err)
{
	size_t i;

	if (root->type != TL__J_OBJECT) {
		tl__error_set(err, TL_EARG, &root->loc, "a request must be an object");
		return TL_EARG;
	}
	for (i = 0; i < root->n; i++) {
		const char *k = root->child[i].key;
		if (strcmp(k, "principal") && strcmp(k, "action") && strcmp(k, "context")) {
			tl__error_set(err, TL_EARG, &root->child[i].loc,
			              "unknown request field \"%s\" (expected principal, action, context)", k);
			return TL_EARG;
		}
	}
	return TL_OK;
}

/* {"type": ..., "id": ...}: every type but Anonymous has an id. */
static tl_status read_principal(tl_request *req, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *pr = tl__json_get(root, "principal");
	const tl__jnode *ty = tl__json_get(pr, "type"), *id = tl__json_get(pr, "id");
	tl_principal_type type =
	    ty && ty->type == TL__J_STRING ? tl__principal_type_from_name(ty->text) : TL_PRINCIPAL_UNKNOWN;
	tl_status st;

	if (!pr || pr->type != TL__J_OBJECT || type == TL_PRINCIPAL_UNKNOWN) {
		tl__error_set(err, TL_EARG, pr ? &pr->loc : &root->loc,
		              "request.principal must be {\"type\": \"AWS\"|\"Service\"|\"Federated\"|"
		              "\"CanonicalUser\"|\"Anonymous\", \"id\": \"...\"}");
		return TL_EARG;
	}
	if ((type != TL_PRINCIPAL_ANONYMOUS && (!id || id->type != TL__J_STRING)) ||
	    (type == TL_PRINCIPAL_ANONYMOUS && id)) {
		tl__error_set(err, TL_EARG, &pr->loc,
		              type == TL_PRINCIPAL_ANONYMOUS ? "an Anonymous principal has no id"
		                                             : "request.principal.id must be a string");
		return TL_EARG;
	}
	st = tl_request_set_principal(req, type, id ? id->text : NULL);
	return st == TL_OK ? TL_OK : request_failed(err, st);
}

static tl_status read_action(tl_request *req, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *ac = tl__json_get(root, "action");
	tl_status st;

	if (!ac || ac->type != TL__J_STRING) {
		tl__error_set(err, TL_EARG, ac ? &ac->loc : &root->loc,
		              "request.action must be a string such as \"sts:AssumeRole\"");
		return TL_EARG;
	}
	st = tl_request_set_action(req, ac->text);
	return st == TL_OK ? TL_OK : request_failed(err, st);
}

/* One context key: a scalar, or an array of them (an empty array is a key
 * with no values, which IAM's set operators treat apart from absence). */
static tl_status read_context_key(tl_request *req, const tl__jnode *kv, tl_error *err)
{
	const char *same = same_key(req, kv->key);
	tl_status st;
	size_t j;

	if (same) {
		/* key names are case-insensitive, so this is one key given twice */
		tl__error_set(err, TL_EARG, &kv->loc,
		              "context key \"%s\" is also given as \"%s\"; AWS compares key names "
		              "without case, so the request is ambiguous: give it once",
		              kv->key, same);
		return TL_EARG;
	}
	if (kv->type == TL__J_ARRAY) {
		st = tl_request_set_empty(req, kv->key);
		for (j = 0; st == TL_OK && j < kv->n; j++) {
			if (!is_scalar(&kv->child[j])) {
				tl__error_set(err, TL_EARG, &kv->child[j].loc,
				              "context values must be strings, numbers or booleans");
				return TL_EARG;
			}
			st = tl_request_add(req, kv->key, kv->child[j].text, kv->child[j].len);
		}
	} else if (is_scalar(kv)) {
		st = tl_request_add(req, kv->key, kv->text, kv->len);
	} else {
		tl__error_set(err, TL_EARG, &kv->loc,
		              "context key \"%s\" must be a string or an array of strings", kv->key);
		return TL_EARG;
	}
	return st == TL_OK ? TL_OK : request_failed(err, st);
}

static tl_status read_context(tl_request *req, const tl__jnode *root, tl_error *err)
{
	const tl__jnode *cx = tl__json_get(root, "context");
	tl_status st = TL_OK;
	size_t i;

	if (cx && cx->type != TL__J_OBJECT) {
		tl__error_set(err, TL_EARG, &cx->loc, "request.context must be an object");
		return TL_EARG;
	}
	for (i = 0; cx && i < cx->n && st == TL_OK; i++)
		st = read_context_key(req, &cx->child[i], err);
	return st;
}

tl_status tl__request_from_node(tl_request *req, const tl__jnode *root, tl_error *err)
{
	tl_status st;

	tl_request_reset(req);
	st = check_request_shape(root, err);
	if (st == TL_OK)
		st = read_principal(req, root, err);
	if (st == TL_OK)
		st = read_action(req, root, err);
	if (st == TL_OK)
		st = read_context(req, root, err);
	if (st != TL_OK)
		return st;
	st = tl_request_derive(req);
	return st == TL_OK ? TL_OK : request_failed(err, st);
}

tl_status tl_request_from_json(tl_request *req, const char *text, size_t len, tl_error *err)
{
	tl__arena arena;
	const tl__jnode *root;
	tl_status st;

	tl__arena_init(&arena);
	st = tl__json_parse(&arena, text, len, NULL, &root, err);
	if (st == TL_OK)
		st = tl__request_from_node(req, root, err);
	tl__arena_release(&arena);
	return st;
}
