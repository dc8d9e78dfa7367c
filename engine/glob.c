/*
 * glob.c - StringLike / ArnLike / action wildcard matching.
 *
 * See glob.h.  The pattern is viewed as seg0 '*' seg1 '*' ... '*' segN where
 * each segment holds ordinary bytes and '?'.  seg0 is anchored at the start
 * of the value, segN at the end, and every middle segment is taken at its
 * leftmost fit: any match that places a middle segment further right can be
 * slid left without breaking the stars around it, so greedy-leftmost never
 * loses a match and never needs to backtrack.
 */
#include "glob.h"

/* True when pat[i] is an active '*' (not masked as literal). */
static bool is_star(const char *pat, const unsigned char *literal, size_t i)
{
	return pat[i] == '*' && !(literal && literal[i]);
}

/*
 * Compare one star-free segment pat[ps, ps+n) with s[at, at+n).  An active
 * '?' matches any byte; everything else compares byte-exactly.
 */
static bool seg_eq(const char *pat, const unsigned char *literal, size_t ps,
		   size_t n, const char *s, size_t at)
{
	size_t k;

	for (k = 0; k < n; k++) {
		char c = pat[ps + k];

		if (c == '?' && !(literal && literal[ps + k]))
			continue;
		if (c != s[at + k])
			return false;
	}
	return true;
}

bool tl__glob_match(const char *pat, size_t plen, const unsigned char *literal,
		    const char *s, size_t slen)
{
	size_t first, last, i, pos, limit;

	for (first = 0; first < plen && !is_star(pat, literal, first); first++)
		;
	if (first == plen)
		return plen == slen && seg_eq(pat, literal, 0, plen, s, 0);

	for (last = plen - 1; !is_star(pat, literal, last); last--)
		;

	/* Anchored head and tail; they must not overlap. */
	if (first > slen || plen - last - 1 > slen - first)
		return false;
	limit = slen - (plen - last - 1);
	if (!seg_eq(pat, literal, 0, first, s, 0) ||
	    !seg_eq(pat, literal, last + 1, plen - last - 1, s, limit))
		return false;

	/* Middle segments, each at its leftmost fit inside s[pos, limit). */
	pos = first;
	i = first + 1;
	while (i < last) {
		size_t start = i, n;

		while (i < last && !is_star(pat, literal, i))
			i++;
		n = i - start;
		i++; /* past the star that ended this segment */
		if (n == 0)
			continue;
		for (;;) {
			if (limit - pos < n)
				return false;
			if (seg_eq(pat, literal, start, n, s, pos))
				break;
			pos++;
		}
		pos += n;
	}
	return true;
}

/*
 * IAM writes a literal '*' or '?' as ${*} or ${?}; those are skipped whole
 * so that "${*}" alone is not a wildcard.  (${$} needs no special case: it
 * holds no wildcard and cannot start one of the other two escapes.)
 */
bool tl__glob_has_wildcard(const char *pat, size_t plen)
{
	size_t i;

	for (i = 0; i < plen; i++) {
		if (pat[i] == '$' && plen - i >= 4 && pat[i + 1] == '{' &&
		    pat[i + 3] == '}' && (pat[i + 2] == '*' || pat[i + 2] == '?')) {
			i += 3;
			continue;
		}
		if (pat[i] == '*' || pat[i] == '?')
			return true;
	}
	return false;
}
