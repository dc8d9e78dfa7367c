/*
 * values.c - typed condition values (see values.h).
 *
 * Every parser walks (pointer, length) by hand: no <ctype.h> (locale), no
 * atoi/strtol, and no read past `len`.  Outputs are written only on success.
 */
#include "values.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int tl__hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Advance *i over a run of decimal digits; false when there is none. */
static bool skip_digits(const char *s, size_t len, size_t *i)
{
	size_t start = *i;

	while (*i < len && is_digit(s[*i]))
		(*i)++;
	return *i > start;
}

/* Exactly `n` (<= 9) decimal digits at s[*i], which must be in bounds. */
static bool fixed_digits(const char *s, size_t len, size_t *i, size_t n, int *out)
{
	int v = 0;
	size_t k;

	if (len - *i < n)
		return false;
	for (k = 0; k < n; k++) {
		if (!is_digit(s[*i + k]))
			return false;
		v = v * 10 + (s[*i + k] - '0');
	}
	*i += n;
	*out = v;
	return true;
}

/* ---- numbers ---------------------------------------------------------- */

#define NUMBER_MAX 64

/*
 * The grammar is checked here, so strtod only ever sees a plain decimal
 * literal (never "inf", "nan", hex floats or leading blanks).  Both sides
 * of '.' need digits: "1." and ".5" are rejected, as is a leading '+'.
 * Longer than NUMBER_MAX bytes is rejected rather than truncated.  strtod
 * follows LC_NUMERIC; if a caller switched it away from "C" the end check
 * fails and the number is refused instead of misread.
 */
bool tl__parse_number(const char *s, size_t len, double *out)
{
	char buf[NUMBER_MAX + 1];
	char *end;
	size_t i = 0;
	double v;

	if (len == 0 || len > NUMBER_MAX)
		return false;
	if (s[i] == '-')
		i++;
	if (!skip_digits(s, len, &i))
		return false;
	if (i < len && s[i] == '.') {
		i++;
		if (!skip_digits(s, len, &i))
			return false;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!skip_digits(s, len, &i))
			return false;
	}
	if (i != len)
		return false;

	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtod(buf, &end);
	if (end != buf + len || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* ---- dates ------------------------------------------------------------ */

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
	static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30,
					      31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil): shifts the year to start in March so the
 * leap day is last, then counts whole 400-year eras.
 */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Fraction digits after '.', kept to nanoseconds; at least one digit. */
static bool parse_fraction(const char *s, size_t len, size_t *i, int32_t *nsec)
{
	int32_t v = 0;
	size_t n = 0;

	while (*i < len && is_digit(s[*i])) {
		if (n < 9)
			v = v * 10 + (s[*i] - '0');
		n++;
		(*i)++;
	}
	if (n == 0)
		return false;
	for (; n < 9; n++)
		v *= 10;
	*nsec = v;
	return true;
}

/* digits ['.' digits]: epoch seconds, with an int64 overflow check. */
static bool parse_epoch(const char *s, size_t len, tl__time *out)
{
	int64_t sec = 0;
	int32_t nsec = 0;
	size_t i = 0;

	while (i < len && is_digit(s[i])) {
		int d = s[i] - '0';

		if (sec > (INT64_MAX - d) / 10)
			return false;
		sec = sec * 10 + d;
		i++;
	}
	if (i == 0)
		return false;
	if (i < len && s[i] == '.') {
		i++;
		if (!parse_fraction(s, len, &i, &nsec))
			return false;
	}
	if (i != len)
		return false;
	out->sec = sec;
	out->nsec = nsec;
	return true;
}

/* "hh:mm" with hh 0-23 and mm 0-59 (a time of day or a TZD offset). */
static bool parse_hhmm(const char *s, size_t len, size_t *i, int *h, int *m)
{
	if (!fixed_digits(s, len, i, 2, h) || *h > 23)
		return false;
	if (*i >= len || s[*i] != ':')
		return false;
	(*i)++;
	return fixed_digits(s, len, i, 2, m) && *m <= 59;
}

/*
 * One W3C profile, left to right; each profile is a prefix of the next, so
 * stopping at the end of input after a date part is the shorter profile.
 * 'T' and 'Z' must be upper case, as in the W3C note.
 */
static bool parse_iso(const char *s, size_t len, tl__time *out)
{
	int y, mo = 1, d = 1, h = 0, mi = 0, sec = 0, tzh = 0, tzm = 0;
	int32_t nsec = 0;
	int64_t t, sign = 0;
	size_t i = 0;

	if (!fixed_digits(s, len, &i, 4, &y))
		return false;
	if (i < len) {
		if (s[i++] != '-' || !fixed_digits(s, len, &i, 2, &mo))
			return false;
		if (mo < 1 || mo > 12)
			return false;
	}
	if (i < len) {
		if (s[i++] != '-' || !fixed_digits(s, len, &i, 2, &d))
			return false;
		if (d < 1 || d > days_in_month(y, mo))
			return false;
	}
	if (i < len) {
		if (s[i++] != 'T' || !parse_hhmm(s, len, &i, &h, &mi))
			return false;
		if (i < len && s[i] == ':') {
			i++;
			if (!fixed_digits(s, len, &i, 2, &sec) || sec > 60)
				return false;
			if (i < len && s[i] == '.') {
				i++;
				if (!parse_fraction(s, len, &i, &nsec))
					return false;
			}
		}
		if (i >= len)
			return false; /* a time needs its TZD */
		if (s[i] == 'Z') {
			i++;
		} else if (s[i] == '+' || s[i] == '-') {
			sign = s[i++] == '+' ? 1 : -1;
			if (!parse_hhmm(s, len, &i, &tzh, &tzm))
				return false;
		} else {
			return false;
		}
		if (i != len)
			return false;
	}

	t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	out->sec = t - sign * (tzh * 3600 + tzm * 60);
	out->nsec = nsec;
	return true;
}

/*
 * Exactly four digits is the YYYY profile, not epoch second 0..9999 (no
 * real policy means a date in 1970's first three hours that way); any other
 * all-digit string, with or without a fraction, is epoch seconds.
 */
bool tl__parse_date(const char *s, size_t len, tl__time *out)
{
	size_t i = 0;

	while (i < len && is_digit(s[i]))
		i++;
	if (i == 4 && len > 4 && s[4] == '-')
		return parse_iso(s, len, out);
	if (len == 4 && i == 4)
		return parse_iso(s, len, out);
	return parse_epoch(s, len, out);
}

int tl__time_cmp(const tl__time *a, const tl__time *b)
{
	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	if (a->nsec != b->nsec)
		return a->nsec < b->nsec ? -1 : 1;
	return 0;
}

/* ---- booleans --------------------------------------------------------- */

bool tl__parse_bool(const char *s, size_t len, bool *out)
{
	if (tl__ascii_ieq(s, len, "true", 4)) {
		*out = true;
		return true;
	}
	if (tl__ascii_ieq(s, len, "false", 5)) {
		*out = false;
		return true;
	}
	return false;
}

/* ---- IP addresses ----------------------------------------------------- */

/*
 * Exactly four dot-separated parts of 1-3 decimal digits, each 0-255.
 * Leading zeros are read as decimal ("010" is 10, never octal).
 */
static bool parse_v4(const char *s, size_t len, uint8_t out[4])
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		size_t start = i;
		int v = 0;

		if (part > 0) {
			if (i >= len || s[i] != '.')
				return false;
			start = ++i;
		}
		while (i < len && is_digit(s[i]) && i - start < 3)
			v = v * 10 + (s[i++] - '0');
		if (i == start || v > 255)
			return false;
		out[part] = (uint8_t)v;
	}
	return i == len;
}

/*
 * Groups of 1-4 hex digits separated by ':', at most one "::" standing for
 * one or more zero groups, and optionally a dotted IPv4 tail that counts as
 * two groups.  Groups after the "::" are moved to the end.
 */
static bool parse_v6(const char *s, size_t len, uint8_t out[16])
{
	uint16_t g[8];
	int n = 0, gap = -1, k;
	size_t i = 0;

	/* A lone leading ':' fails below as an empty group. */
	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	}
	while (i < len) {
		size_t j = i;
		unsigned v = 0;

		while (j < len && j - i < 5 && tl__hex_value(s[j]) >= 0)
			v = v * 16 + (unsigned)tl__hex_value(s[j++]);
		if (j < len && s[j] == '.') {
			uint8_t b[4];

			if (n > 6 || !parse_v4(s + i, len - i, b))
				return false;
			g[n++] = (uint16_t)(b[0] << 8 | b[1]);
			g[n++] = (uint16_t)(b[2] << 8 | b[3]);
			break;
		}
		if (j == i || j - i > 4 || n == 8)
			return false;
		g[n++] = (uint16_t)v;
		i = j;
		if (i == len)
			break;
		if (s[i++] != ':' || i == len)
			return false;
		if (s[i] == ':') {
			if (gap >= 0)
				return false;
			gap = n;
			i++;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return false;

	memset(out, 0, 16);
	for (k = 0; k < n; k++) {
		int at = gap >= 0 && k >= gap ? 8 - n + k : k;

		out[2 * at] = (uint8_t)(g[k] >> 8);
		out[2 * at + 1] = (uint8_t)(g[k] & 0xff);
	}
	return true;
}

/* The family follows from the text: any ':' means IPv6. */
static bool parse_addr(const char *s, size_t len, tl__cidr *out)
{
	tl__cidr c;

	if (len == 0)
		return false;
	memset(&c, 0, sizeof(c));
	if (memchr(s, ':', len)) {
		if (!parse_v6(s, len, c.addr))
			return false;
		c.family = 6;
		c.prefix = 128;
	} else {
		if (!parse_v4(s, len, c.addr))
			return false;
		c.family = 4;
		c.prefix = 32;
	}
	*out = c;
	return true;
}

/* Zero every address bit past `prefix`. */
static void clear_host_bits(tl__cidr *c)
{
	unsigned bit;

	for (bit = c->prefix; bit < 128; bit++)
		c->addr[bit / 8] &= (uint8_t)~(0x80u >> (bit % 8));
}

bool tl__parse_cidr(const char *s, size_t len, tl__cidr *out)
{
	const char *slash = len ? memchr(s, '/', len) : NULL;
	size_t alen = slash ? (size_t)(slash - s) : len;
	tl__cidr c;

	if (!parse_addr(s, alen, &c))
		return false;
	if (slash) {
		size_t i = alen + 1;
		int v;

		/* 1-3 decimal digits, no sign; the range check follows. */
		if (len - i < 1 || len - i > 3)
			return false;
		if (!fixed_digits(s, len, &i, len - i, &v) || v > c.prefix)
			return false;
		c.prefix = (uint8_t)v;
	}
	clear_host_bits(&c);
	*out = c;
	return true;
}

bool tl__parse_ip(const char *s, size_t len, tl__cidr *out)
{
	return parse_addr(s, len, out);
}

/*
 * `addr` is normally a single address; only its first net->prefix bits are
 * looked at, as values.h specifies.
 */
bool tl__cidr_contains(const tl__cidr *net, const tl__cidr *addr)
{
	unsigned full, rest;

	if (net->family != addr->family)
		return false;
	if (net->prefix > (net->family == 4 ? 32 : 128))
		return false;
	full = net->prefix / 8;
	rest = net->prefix % 8;
	if (memcmp(net->addr, addr->addr, full) != 0)
		return false;
	if (rest) {
		uint8_t mask = (uint8_t)(0xff00u >> rest);

		if ((net->addr[full] & mask) != (addr->addr[full] & mask))
			return false;
	}
	return true;
}

/* ---- ARNs ------------------------------------------------------------- */

bool tl__arn_split(const char *s, size_t len, tl__arn *out)
{
	tl__arn a;
	size_t i, start = 0;
	int p = 0;

	for (i = 0; i < len && p < 5; i++) {
		if (s[i] == ':') {
			a.part[p] = s + start;
			a.len[p] = i - start;
			p++;
			start = i + 1;
		}
	}
	if (p < 5)
		return false;
	a.part[5] = s + start;
	a.len[5] = len - start;
	if (a.len[0] != 3 || memcmp(a.part[0], "arn", 3) != 0)
		return false;
	*out = a;
	return true;
}

const char *tl__arn_role_name(const char *resource, size_t len, size_t *name_len)
{
	const char *name = resource + 5;
	size_t i;

	for (i = 5; i < len; i++)
		if (resource[i] == '/')
			name = resource + i + 1;
	*name_len = (size_t)(resource + len - name);
	return name;
}

/* ---- base64 ----------------------------------------------------------- */

static int b64_val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/*
 * Quads of four symbols; '=' only as the last one or two symbols of the
 * last quad.  The bits a padded quad drops must be zero (RFC 4648 3.5), so
 * every byte string has exactly one accepted encoding.  On failure `out`
 * may hold partial output.
 */
/* Decode the 4-character block at s (the last one when `last`) into out;
 * *n gets its byte count.  False when the block is not valid base64. */
static bool b64_block(const char *s, bool last, unsigned char out[3], size_t *n)
{
	int v[4], pad = 0;
	size_t k;
	unsigned long bits;

	for (k = 0; k < 4; k++) {
		if (s[k] == '=') {
			if (!last || k < 2)
				return false;
			pad++;
			v[k] = 0;
			continue;
		}
		v[k] = b64_val(s[k]);
		if (v[k] < 0 || pad)
			return false;
	}
	if ((pad == 2 && (v[1] & 0xf)) || (pad == 1 && (v[2] & 0x3)))
		return false;
	bits = (unsigned long)v[0] << 18 | (unsigned long)v[1] << 12 | (unsigned long)v[2] << 6 |
	       (unsigned long)v[3];
	out[0] = (unsigned char)(bits >> 16);
	out[1] = (unsigned char)(bits >> 8 & 0xff);
	out[2] = (unsigned char)(bits & 0xff);
	*n = 3 - (size_t)pad;
	return true;
}

bool tl__base64_decode(const char *s, size_t len, unsigned char *out, size_t *out_len)
{
	size_t i, o = 0, n;
	unsigned char b[3];

	if (len % 4 != 0)
		return false;
	for (i = 0; i < len; i += 4) {
		if (!b64_block(s + i, i + 4 == len, b, &n))
			return false;
		memcpy(out + o, b, n);
		o += n;
	}
	*out_len = o;
	return true;
}

int tl__base64_equals(const char *s, size_t len, const unsigned char *bytes, size_t n_bytes)
{
	size_t i, o = 0, n;
	unsigned char b[3];
	bool same = true;

	if (len % 4 != 0)
		return -1;
	/* every block is checked, so an invalid value is told from a mismatch */
	for (i = 0; i < len; i += 4) {
		if (!b64_block(s + i, i + 4 == len, b, &n))
			return -1;
		if (same && (o + n > n_bytes || memcmp(bytes + o, b, n) != 0))
			same = false;
		o += n;
	}
	return same && o == n_bytes;
}

/* ---- ASCII and UTF-8 -------------------------------------------------- */

static char ascii_fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void tl__ascii_lower(char *dst, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = ascii_fold(src[i]);
}

bool tl__ascii_ieq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;

	if (alen != blen)
		return false;
	for (i = 0; i < alen; i++)
		if (ascii_fold(a[i]) != ascii_fold(b[i]))
			return false;
	return true;
}

/*
 * The lead byte fixes the sequence length and the allowed range of the
 * second byte (RFC 3629 table): that range is what excludes overlongs
 * (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
 */
size_t tl__utf8_char_len(const char *s, size_t avail)
{
	unsigned char c = (unsigned char)s[0];
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, k;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if (avail - 1 < n)
		return 0;
	for (k = 1; k <= n; k++) {
		unsigned char b = (unsigned char)s[k];

		if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xbf))
			return 0;
	}
	return n + 1;
}

bool tl__utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = tl__utf8_char_len(s + i, len - i);

		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

bool tl__account_id(const char *s, size_t len)
{
	size_t i;

	if (len != 12)
		return false;
	for (i = 0; i < 12; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}
