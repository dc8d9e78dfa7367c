/*
 * values.h - typed condition values: numbers, dates, booleans, IP
 * addresses and CIDR blocks, ARNs, base64, ASCII case helpers.
 *
 * Ownership: nothing here allocates.  Parsers take (pointer, length) and
 * never read past length; they return false for anything malformed,
 * never crash, and never accept a prefix (the whole input must parse).
 */
#ifndef TL_VALUES_H
#define TL_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Numeric* operators: an optional '-', digits, optional '.' digits,
 * optional exponent.  "10" and "10.0" compare equal.  Both sides of '.'
 * need digits ("1." and ".5" are refused), as do exponents; a leading '+',
 * blanks, "inf"/"nan", hex, values beyond double range and texts longer
 * than 64 bytes are refused too. */
bool tl__parse_number(const char *s, size_t len, double *out);

/* Date* operators.  A point in time in UTC. */
typedef struct tl__time {
	int64_t sec;  /* seconds since 1970-01-01T00:00:00Z */
	int32_t nsec; /* 0..999999999 */
} tl__time;

/* W3C ISO 8601 profiles: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD,
 * YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD (any number of fraction
 * digits, kept to nanoseconds), TZD = Z | +hh:mm | -hh:mm; a date without a
 * time is UTC midnight.  All-digit strings (optionally with a fraction) are
 * epoch seconds. Validates ranges (month 1-12, day within month, leap years,
 * hour 0-23, minute 0-59, second 0-60).
 * Clarifications: exactly four digits is the YYYY profile, not an epoch;
 * 'T' and 'Z' are upper case only; a time always needs its TZD; TZD hours
 * are 00-23; second 60 is the same instant as the next minute's :00; epoch
 * seconds beyond INT64_MAX are refused. */
bool tl__parse_date(const char *s, size_t len, tl__time *out);
int tl__time_cmp(const tl__time *a, const tl__time *b); /* <0, 0, >0 */

/* Bool: "true" / "false" in any ASCII case. */
bool tl__parse_bool(const char *s, size_t len, bool *out);

/* IpAddress: family 4 or 6, address in network byte order in the first 4
 * or 16 bytes, prefix 0..32 / 0..128. */
typedef struct tl__cidr {
	uint8_t family;
	uint8_t prefix;
	uint8_t addr[16];
} tl__cidr;

/* A CIDR block "a.b.c.d/n", "x:y::z/n" or a bare address (= /32, /128).
 * IPv6 accepts "::" compression, either hex case and an embedded dotted
 * IPv4 tail ("::ffff:1.2.3.4").  Host bits beyond the prefix are cleared.
 * IPv4 parts are 1-3 digits read as decimal ("010" is 10); n is 1-3 digits
 * with no sign; zone ids ("%eth0") and brackets are refused. */
bool tl__parse_cidr(const char *s, size_t len, tl__cidr *out);
/* A single address (no "/n"), as a request carries it. */
bool tl__parse_ip(const char *s, size_t len, tl__cidr *out);
/* Same family and the first `net->prefix` bits equal.  `addr` is meant to
 * be a single address: its own prefix is not looked at.  An IPv4 network
 * never contains an IPv6 address, not even ::ffff:a.b.c.d, and vice versa. */
bool tl__cidr_contains(const tl__cidr *net, const tl__cidr *addr);

/* ARN split at the first five ':' into arn, partition, service, region,
 * account, resource (the resource may contain more ':' and '/').  Returns
 * false when there are fewer than six parts or the first is not "arn". */
typedef struct tl__arn {
	const char *part[6];
	size_t len[6];
} tl__arn;
bool tl__arn_split(const char *s, size_t len, tl__arn *out);
/* The role name in an ARN's resource "role/<path/>name": the part after
 * the last '/' (the path is not part of the name).  `resource` must start
 * with "role/". */
const char *tl__arn_role_name(const char *resource, size_t len, size_t *name_len);

/* Standard base64 with '=' padding; whitespace is not allowed.  `out` must
 * hold at least len / 4 * 3 bytes.  len must be a multiple of 4 ("" decodes
 * to zero bytes); the bits a padded quad drops must be zero, so "TR==" is
 * refused where "TQ==" is accepted.  On failure `out` may hold junk. */
bool tl__base64_decode(const char *s, size_t len, unsigned char *out, size_t *out_len);
/* Does base64 `s` decode to exactly `bytes`?  1 yes, 0 no, -1 when `s` is
 * not valid base64.  Decodes block by block, with no buffer. */
int tl__base64_equals(const char *s, size_t len, const unsigned char *bytes, size_t n_bytes);

/* The value of one hexadecimal digit (either case), or -1. */
int tl__hex_value(char c);

/* ASCII helpers (key names and actions fold ASCII only).  For
 * tl__ascii_lower, `dst` may be `src`. */
void tl__ascii_lower(char *dst, const char *src, size_t len);
bool tl__ascii_ieq(const char *a, size_t alen, const char *b, size_t blen);

/* Well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF). */
bool tl__utf8_valid(const char *s, size_t len);
/* An AWS account id: exactly twelve ASCII digits. */
bool tl__account_id(const char *s, size_t len);
/* Bytes in the well-formed UTF-8 sequence starting s[0] (1 to 4), or 0 when
 * s[0] does not start one within `avail` (>= 1) bytes. */
size_t tl__utf8_char_len(const char *s, size_t avail);

#endif
