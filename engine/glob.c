/*
 * glob.c - StringLike / ArnLike / action wildcard matching.
 *
 * See glob.h.  The pattern is viewed as seg0 '*' seg1 '*' ... '*' segN where
 * each segment holds literal bytes and '?'.  seg0 is anchored at the start
 * of the value, segN at the end, and every middle segment is taken at its
 * earliest end: any match that places a middle segment further right can be
 * slid left without breaking the stars around it, so greedy-leftmost never
 * loses a match and never needs to backtrack.  Every segment therefore scans
 * the value once, from where the previous one ended, and the scans never
 * overlap: the sum over all segments is one pass over the value.
 *
 * Character boundaries: a character is a well-formed UTF-8 sequence or a
 * lone byte (values.c decides which).  Every position the matcher stops at
 * is a boundary: the start and end of the value, the end of a '?', and the
 * edges of a well-formed literal (whose first byte is never a continuation
 * byte, which is what makes a byte-wise search land on whole characters).
 */
#include "glob.h"

#include <stdlib.h>
#include <string.h>

#include "values.h"

#define NPOS ((size_t)-1)
#define SCRATCH_WORDS 1024 /* 8 KiB of stack for the tables of one segment */
#define SLOTS (256 + 3 * 64) /* first byte, then continuation bytes 2..4 */

typedef const unsigned char byte;

/* True when pat[i] is an active wildcard c (not masked as literal). */
static bool active(const char *pat, const unsigned char *lit, size_t i, char c)
{
	return pat[i] == c && !(lit && lit[i]);
}

static bool bytes_eq(const void *a, const void *b, size_t n)
{
	return n == 0 || memcmp(a, b, n) == 0;
}

/* Length of the character at s (avail >= 1 bytes): an invalid byte is one. */
static size_t char_len(byte *s, size_t avail)
{
	size_t n = s[0] < 0x80 ? 1 : tl__utf8_char_len((const char *)s, avail);

	return n ? n : 1;
}

/*
 * The boundary before boundary q > 0.  Characters are at most four bytes
 * and only their first byte is not a continuation byte, so look back to the
 * nearest such byte: if its character ends exactly at q it is the start,
 * otherwise s[q-1] is a stray continuation byte, a character of its own.
 */
static size_t prev_char(byte *s, size_t q)
{
	size_t back = q < 4 ? q : 4, k;

	for (k = 1; k <= back; k++)
		if ((s[q - k] & 0xc0) != 0x80)
			return char_len(s + q - k, k) == k ? q - k : q - 1;
	return q - 1;
}

/* Match pat[ps, ps+n) at s[at, end) forwards; the end position or NPOS. */
static size_t walk_fwd(const char *pat, const unsigned char *lit, size_t ps, size_t n, byte *s,
                       size_t at, size_t end)
{
	size_t k;

	for (k = ps; k < ps + n; k++) {
		if (at >= end)
			return NPOS;
		if (active(pat, lit, k, '?'))
			at += char_len(s + at, end - at);
		else if ((byte)pat[k] != s[at++])
			return NPOS;
	}
	return at;
}

/* Match pat[ps, ps+n) backwards so that it ends at `at`, never starting
 * before `lo` (a boundary); the start position or NPOS. */
static size_t walk_back(const char *pat, const unsigned char *lit, size_t ps, size_t n, byte *s,
                        size_t lo, size_t at)
{
	size_t k;

	for (k = ps + n; k-- > ps;) {
		if (at <= lo)
			return NPOS;
		if (active(pat, lit, k, '?'))
			at = prev_char(s, at);
		else if ((byte)pat[k] != s[--at])
			return NPOS;
	}
	return at < lo ? NPOS : at;
}

/* ---- scratch space for tables built at match time ---------------------- */

typedef struct scratch {
	uint64_t stack[SCRATCH_WORDS];
	void *heap;
} scratch;

/* Room for one segment's tables (the previous segment's are dead by then).
 * Only a segment of thousands of characters needs the heap. */
static void *scratch_get(scratch *sc, size_t bytes)
{
	if (bytes <= sizeof(sc->stack))
		return sc->stack;
	free(sc->heap);
	sc->heap = malloc(bytes);
	return sc->heap;
}

/*
 * Last resort when the heap is exhausted: try each start in turn.  O(|s| *
 * n), but correct; only reachable with segments too large for the stack.
 */
static size_t naive_search(const char *pat, const unsigned char *lit, size_t ps, size_t n,
                           bool has_q, byte *s, size_t pos, size_t limit)
{
	size_t at;

	for (at = pos; at < limit; at += has_q ? char_len(s + at, limit - at) : 1) {
		size_t end = walk_fwd(pat, lit, ps, n, s, at, limit);
		if (end != NPOS)
			return end;
	}
	return NPOS;
}

/* ---- '?'-free segments: Knuth-Morris-Pratt ---------------------------- */

/* f[i]: length of the longest proper border of p[0, i]. */
static void kmp_build(byte *p, size_t m, uint32_t *f)
{
	size_t i, k = 0;

	f[0] = 0;
	for (i = 1; i < m; i++) {
		while (k && p[i] != p[k])
			k = f[k - 1];
		if (p[i] == p[k])
			k++;
		f[i] = (uint32_t)k;
	}
}

/* End of the first occurrence of p[0, m) in s[pos, limit), or NPOS. */
static size_t kmp_search(byte *p, size_t m, const uint32_t *f, byte *s, size_t pos, size_t limit)
{
	size_t i, j = 0;

	for (i = pos; i < limit; i++) {
		if (j == 0) { /* nothing matched yet: jump to the next first byte */
			byte *hit = memchr(s + i, p[0], limit - i);
			if (!hit)
				return NPOS;
			i = (size_t)(hit - s);
		}
		while (j && s[i] != p[j])
			j = f[j - 1];
		if (s[i] == p[j])
			j++;
		if (j == m)
			return i + 1;
	}
	return NPOS;
}

/* ---- segments with '?': Shift-And over characters ---------------------- */

/*
 * A value character equals pattern character j when every byte agrees, so
 * its match mask is the AND of one mask per byte position: slot(k, b) holds
 * the pattern characters whose k-th byte is b.  Only the slots the segment
 * uses get a row (cls maps slots to rows); row 0 is all zeros, row 1 marks
 * the '?' items and row 2 the one-byte pattern characters (which tells a
 * lone invalid byte in the value from the lead byte of a longer character).
 */
static size_t slot(size_t k, byte b)
{
	return k == 0 ? b : 256 + (k - 1) * 64 + (b & 0x3f);
}

static size_t shift_and(const char *pat, const unsigned char *lit, size_t ps, size_t n, byte *s,
                        size_t pos, size_t limit, scratch *sc)
{
	uint16_t cls[SLOTS];
	byte *p = (byte *)pat;
	size_t items = 0, rows = 3, k, i, j, w, nw, at;
	uint64_t *m, *d, top;

	memset(cls, 0, sizeof(cls));
	for (k = ps; k < ps + n; items++) {
		size_t len = active(pat, lit, k, '?') ? 0 : char_len(p + k, ps + n - k);

		for (j = 0; j < len; j++)
			if (!cls[slot(j, p[k + j])])
				cls[slot(j, p[k + j])] = (uint16_t)rows++;
		k += len ? len : 1;
	}
	nw = (items + 63) / 64;
	m = nw <= SIZE_MAX / sizeof(*m) / (rows + 1) ? scratch_get(sc, (rows + 1) * nw * sizeof(*m))
	                                             : NULL;
	if (!m)
		return naive_search(pat, lit, ps, n, true, s, pos, limit);
	memset(m, 0, (rows + 1) * nw * sizeof(*m));
	for (k = ps, i = 0; k < ps + n; i++) {
		uint64_t bit = (uint64_t)1 << (i & 63);
		size_t len;

		if (active(pat, lit, k, '?')) {
			m[nw + i / 64] |= bit;
			k++;
			continue;
		}
		len = char_len(p + k, ps + n - k);
		if (len == 1)
			m[2 * nw + i / 64] |= bit;
		for (j = 0; j < len; j++)
			m[cls[slot(j, p[k + j])] * nw + i / 64] |= bit;
		k += len;
	}
	d = m + rows * nw; /* the state: bit i set when items 0..i end here */
	top = (uint64_t)1 << ((items - 1) & 63);
	for (at = pos; at < limit;) {
		size_t len = char_len(s + at, limit - at), ne = 1;
		const uint64_t *e[4];
		uint64_t carry = 1;

		e[0] = m + cls[s[at]] * nw;
		if (len == 1 && s[at] >= 0x80)
			e[ne++] = m + 2 * nw;
		for (j = 1; j < len; j++)
			e[ne++] = m + cls[slot(j, s[at + j])] * nw;
		for (w = 0; w < nw; w++) {
			uint64_t x = e[0][w], next;

			for (j = 1; j < ne; j++)
				x &= e[j][w];
			next = ((d[w] << 1) | carry) & (m[nw + w] | x);
			carry = d[w] >> 63;
			d[w] = next;
		}
		at += len;
		if (d[nw - 1] & top)
			return at;
	}
	return NPOS;
}

/* ---- the matcher -------------------------------------------------------- */

static size_t find_plain(const tl__glob *g, const uint32_t *f, size_t ps, size_t n, byte *s,
                         size_t pos, size_t limit, scratch *sc)
{
	uint32_t *built = NULL;

	if (!f && n < UINT32_MAX && (built = scratch_get(sc, n * sizeof(*built))))
		kmp_build((byte *)g->pat + ps, n, built);
	if (!f && !built)
		return naive_search(g->pat, g->literal, ps, n, false, s, pos, limit);
	return kmp_search((byte *)g->pat + ps, n, f ? f : built, s, pos, limit);
}

/* Middle segments of g, each at its earliest end inside s[pos, limit). */
static bool match_middle(const tl__glob *g, byte *s, size_t pos, size_t limit)
{
	scratch sc;
	size_t i = g->head + 1, last = g->tail - 1, t = 0;
	bool ok = true;

	sc.heap = NULL;
	while (ok && i < last) {
		size_t start = i, end;
		bool q = false;

		for (; i < last && !active(g->pat, g->literal, i, '*'); i++)
			q = q || active(g->pat, g->literal, i, '?');
		i++; /* past the star that ended this segment */
		if (i - 1 == start)
			continue;
		if (q)
			end = shift_and(g->pat, g->literal, start, i - 1 - start, s, pos, limit, &sc);
		else
			end = find_plain(g, g->kmp ? g->kmp[t++] : NULL, start, i - 1 - start, s, pos,
			                 limit, &sc);
		ok = end != NPOS;
		pos = end;
	}
	free(sc.heap);
	return ok;
}

static bool run(const tl__glob *g, byte *s, size_t slen)
{
	const char *pat = g->pat;
	size_t h, limit, tn = g->plen - g->tail;

	if (!g->star)
		return g->head_q ? walk_fwd(pat, g->literal, 0, g->plen, s, 0, slen) == slen
		                 : g->plen == slen && bytes_eq(pat, s, slen);
	if (g->head_q)
		h = walk_fwd(pat, g->literal, 0, g->head, s, 0, slen);
	else
		h = g->head <= slen && bytes_eq(pat, s, g->head) ? g->head : NPOS;
	if (h == NPOS)
		return false;
	if (g->tail_q)
		limit = walk_back(pat, g->literal, g->tail, tn, s, h, slen);
	else
		limit = tn <= slen - h && bytes_eq(pat + g->tail, s + slen - tn, tn) ? slen - tn : NPOS;
	if (limit == NPOS)
		return false;
	return g->tail - 1 == g->head || match_middle(g, s, h, limit);
}

/* Where the stars are, and whether the anchored ends hold a '?'. */
static void scan(const char *pat, size_t plen, const unsigned char *lit, tl__glob *g)
{
	size_t first, last;

	memset(g, 0, sizeof(*g));
	g->pat = pat;
	g->plen = plen;
	g->literal = lit;
	for (first = 0; first < plen && !active(pat, lit, first, '*'); first++)
		g->head_q = g->head_q || active(pat, lit, first, '?');
	g->head = first;
	if (first == plen)
		return;
	for (last = plen - 1; !active(pat, lit, last, '*'); last--)
		g->tail_q = g->tail_q || active(pat, lit, last, '?');
	g->star = true;
	g->tail = last + 1;
}

bool tl__glob_match(const char *pat, size_t plen, const unsigned char *literal,
		    const char *s, size_t slen)
{
	tl__glob g;

	scan(pat, plen, literal, &g);
	return run(&g, (byte *)s, slen);
}

bool tl__glob_run(const tl__glob *g, const char *s, size_t slen)
{
	return run(g, (byte *)s, slen);
}

bool tl__glob_compile(tl__arena *a, const char *pat, size_t plen, const unsigned char *literal,
                      tl__glob *out)
{
	const uint32_t **kmp;
	size_t i, last, n = 0, t = 0;

	scan(pat, plen, literal, out);
	if (!out->star)
		return true;
	last = out->tail - 1;
	for (i = out->head + 1; i <= last; i++) /* upper bound on segments */
		n += active(pat, literal, i, '*');
	kmp = n ? tl__arena_alloc(a, n * sizeof(*kmp)) : NULL;
	if (n && !kmp)
		return false;
	for (i = out->head + 1; i < last;) {
		size_t start = i, len;
		bool q = false;
		uint32_t *f;

		for (; i < last && !active(pat, literal, i, '*'); i++)
			q = q || active(pat, literal, i, '?');
		len = i - start;
		i++;
		if (len == 0 || q)
			continue;
		f = len < UINT32_MAX ? tl__arena_alloc(a, len * sizeof(*f)) : NULL;
		if (!f)
			return false;
		kmp_build((byte *)pat + start, len, f);
		kmp[t++] = f;
	}
	out->kmp = kmp;
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
