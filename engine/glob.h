/*
 * glob.h - StringLike / ArnLike / action wildcard matching.
 *
 * Ownership: matching allocates nothing on the usual path; every pointer is
 * borrowed for the call.  A compiled glob lives in the caller's arena.
 *
 * Characters are UTF-8: '?' matches one character, that is one well-formed
 * UTF-8 sequence of the value, or a single byte where the bytes are not
 * well formed (an invalid byte counts as one character).  '*' matches any
 * run of characters, including '/', ':' and newlines.  Literal text
 * compares byte for byte; a well-formed literal can only line up with whole
 * characters of the value, so for policy text (which the JSON reader has
 * checked is UTF-8) this is character matching.
 *
 * Cost is linear: the pattern is split at stars into segments; the first
 * and last are anchored, and every middle segment is found at its earliest
 * end after the previous one (greedy-leftmost never loses a match, so there
 * is no backtracking).  A middle segment without '?' is found with KMP, one
 * with '?' with a bit-parallel Shift-And over characters, so the whole match
 * is O(|pattern| + |value| * ceil(longest '?' segment / 64)).
 */
#ifndef TL_GLOB_H
#define TL_GLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/*
 * A pattern prepared once: where its first and last stars are and the KMP
 * tables of its '?'-free middle segments.  pat and literal are borrowed and
 * must outlive it.  Shift-And tables for '?' segments are not kept: they are
 * rebuilt per match in a stack buffer (their size is a few hundred bytes
 * even for a three-character segment, so keeping them per policy value
 * would let a hostile policy of many small '?' segments cost ~1 KB each).
 */
typedef struct tl__glob {
	const char *pat;
	size_t plen;
	const unsigned char *literal;
	bool star;             /* holds an active '*' */
	bool head_q, tail_q;   /* first / last segment holds an active '?' */
	size_t head;           /* index of the first star (plen without one) */
	size_t tail;           /* index just past the last star */
	const uint32_t *const *kmp; /* per '?'-free non-empty middle segment, in
	                             * order; NULL: build them at match time */
} tl__glob;

/*
 * Match the whole of `s` against `pat`.  When `literal` is not NULL, a byte
 * pat[i] with literal[i] != 0 is an ordinary character even when it is '*'
 * or '?' (used for ${*} / ${?} escapes and substituted policy variables).
 * Comparison is case-sensitive (callers lower-case both sides first when
 * they need case-insensitivity).  Used for patterns built per request; its
 * tables go to a stack buffer, or to the heap for segments too large for it.
 */
bool tl__glob_match(const char *pat, size_t plen, const unsigned char *literal,
                    const char *s, size_t slen);

/* Prepare `pat` once.  False when the arena is out of memory. */
bool tl__glob_compile(tl__arena *a, const char *pat, size_t plen, const unsigned char *literal,
                      tl__glob *out);

/* tl__glob_match with a compiled pattern. */
bool tl__glob_run(const tl__glob *g, const char *s, size_t slen);

/* True when `pat` contains an unescaped '*' or '?'.  `pat` is the policy
 * text as written: the IAM escapes ${*}, ${?} and ${$} are skipped whole, so
 * "a${*}b" has no wildcard while "a*b" and "${x}?" do. */
bool tl__glob_has_wildcard(const char *pat, size_t plen);

#endif
