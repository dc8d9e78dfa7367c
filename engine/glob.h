/*
 * glob.h - StringLike / ArnLike / action wildcard matching.
 *
 * Ownership: nothing here allocates; every pointer is borrowed for the call.
 *
 * The matcher never backtracks across more than the most recent '*': the
 * pattern is split at stars into segments, and each middle segment is found
 * at its leftmost position after the previous one.  Cost is
 * O(|s| * longest segment), so hostile patterns such as "*a*a*a*...b" stay
 * linear in the value length.
 */
#ifndef TL_GLOB_H
#define TL_GLOB_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Match the whole of `s` against `pat`: '*' matches any run of bytes
 * (including '/', ':' and newlines), '?' exactly one byte.  When `literal`
 * is not NULL, a byte pat[i] with literal[i] != 0 is an ordinary character
 * even when it is '*' or '?' (used for ${*} / ${?} escapes and substituted
 * policy variables).  Comparison is byte-exact (callers lower-case both
 * sides first when they need case-insensitivity).
 */
bool tl__glob_match(const char *pat, size_t plen, const unsigned char *literal,
                    const char *s, size_t slen);

/* True when `pat` contains an unescaped '*' or '?'.  `pat` is the policy
 * text as written: the IAM escapes ${*}, ${?} and ${$} are skipped whole, so
 * "a${*}b" has no wildcard while "a*b" and "${x}?" do. */
bool tl__glob_has_wildcard(const char *pat, size_t plen);

#endif
