/*
 * check_values.c - unit tests for engine/values.c.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "values.h"

/* ---- helpers ---------------------------------------------------------- */

/*
 * The string helpers below hand the parsers an exact-size heap copy with no
 * NUL after it, so under AddressSanitizer any read past `len` is caught.
 */
static char *exact(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n ? n : 1);

	ck_assert_ptr_nonnull(p);
	memcpy(p, s, n);
	return p;
}

static bool num(const char *s, double *d)
{
	char *p = exact(s);
	bool ok = tl__parse_number(p, strlen(s), d);

	free(p);
	return ok;
}

static bool num_ok(const char *s)
{
	double d;

	return num(s, &d);
}

static bool date(const char *s, tl__time *t)
{
	char *p = exact(s);
	bool ok = tl__parse_date(p, strlen(s), t);

	free(p);
	return ok;
}

static bool date_ok(const char *s)
{
	tl__time t;

	return date(s, &t);
}

/* Parse `s` and compare with (sec, nsec). */
#define ck_date(s, sec_, nsec_)                                              \
	do {                                                                 \
		tl__time t_ = {-42, -42};                                    \
		ck_assert_msg(date((s), &t_), "date rejected: %s", (s));     \
		ck_assert_msg(t_.sec == (int64_t)(sec_),                     \
			      "%s: sec %lld", (s), (long long)t_.sec);       \
		ck_assert_int_eq(t_.nsec, (nsec_));                          \
	} while (0)

/* Both parse and denote the same instant. */
static bool same_instant(const char *a, const char *b)
{
	tl__time ta, tb;

	return date(a, &ta) && date(b, &tb) && tl__time_cmp(&ta, &tb) == 0;
}

static bool ip(const char *s, tl__cidr *c)
{
	char *p = exact(s);
	bool ok = tl__parse_ip(p, strlen(s), c);

	free(p);
	return ok;
}

static bool ip_ok(const char *s)
{
	tl__cidr c;

	return ip(s, &c);
}

static bool cidr(const char *s, tl__cidr *c)
{
	char *p = exact(s);
	bool ok = tl__parse_cidr(p, strlen(s), c);

	free(p);
	return ok;
}

static bool cidr_ok(const char *s)
{
	tl__cidr c;

	return cidr(s, &c);
}

/* CIDR `net` contains address `addr`; both must parse. */
static bool contains(const char *net, const char *addr)
{
	tl__cidr n, a;

	ck_assert_msg(cidr(net, &n), "cidr rejected: %s", net);
	ck_assert_msg(ip(addr, &a), "ip rejected: %s", addr);
	return tl__cidr_contains(&n, &a);
}

/* Not copied: the parts point into `s`, which must outlive them. */
static bool arn(const char *s, tl__arn *a)
{
	return tl__arn_split(s, strlen(s), a);
}

#define ck_part(a, i, str)                                                   \
	do {                                                                 \
		ck_assert_uint_eq((a).len[i], strlen(str));                  \
		ck_assert_mem_eq((a).part[i], (str), strlen(str));           \
	} while (0)

static bool b64(const char *s, unsigned char *out, size_t *n)
{
	char *p = exact(s);
	bool ok = tl__base64_decode(p, strlen(s), out, n);

	free(p);
	return ok;
}

static bool b64_ok(const char *s)
{
	unsigned char out[64];
	size_t n;

	return b64(s, out, &n);
}

static bool utf8(const char *s)
{
	char *p = exact(s);
	bool ok = tl__utf8_valid(p, strlen(s));

	free(p);
	return ok;
}

/* ---- numbers ---------------------------------------------------------- */

START_TEST(test_values_number_integers)
{
	double d = -1;

	ck_assert(num("10", &d));
	ck_assert_double_eq(d, 10.0);
	ck_assert(num("0", &d));
	ck_assert_double_eq(d, 0.0);
	ck_assert(num("-7", &d));
	ck_assert_double_eq(d, -7.0);
	ck_assert(num("007", &d));
	ck_assert_double_eq(d, 7.0);
	ck_assert(num("123456789", &d));
	ck_assert_double_eq(d, 123456789.0);
}
END_TEST

START_TEST(test_values_number_decimals)
{
	double a = -1, b = -2;

	ck_assert(num("10", &a));
	ck_assert(num("10.0", &b));
	ck_assert_double_eq(a, b);
	ck_assert(num("10.000", &b));
	ck_assert_double_eq(a, b);
	ck_assert(num("0.1", &a));
	ck_assert_double_eq(a, 0.1);
	ck_assert(num("-3.5", &a));
	ck_assert_double_eq(a, -3.5);
	ck_assert(num("-0", &a));
	ck_assert_double_eq(a, 0.0);
}
END_TEST

START_TEST(test_values_number_exponent)
{
	double d = -1;

	ck_assert(num("1e3", &d));
	ck_assert_double_eq(d, 1000.0);
	ck_assert(num("1E-2", &d));
	ck_assert_double_eq(d, 0.01);
	ck_assert(num("2.5e+2", &d));
	ck_assert_double_eq(d, 250.0);
	ck_assert(num("-1.5e1", &d));
	ck_assert_double_eq(d, -15.0);
	/* Out of double range: refused rather than compared as infinity. */
	ck_assert(!num_ok("1e999"));
	ck_assert(!num_ok("-1e999"));
}
END_TEST

START_TEST(test_values_number_garbage)
{
	ck_assert(!num_ok(""));
	ck_assert(!num_ok("abc"));
	ck_assert(!num_ok("10a"));
	ck_assert(!num_ok("1-"));
	ck_assert(!num_ok("--1"));
	ck_assert(!num_ok("-"));
	ck_assert(!num_ok("+1"));
	ck_assert(!num_ok("1e"));
	ck_assert(!num_ok("1e+"));
	ck_assert(!num_ok("e5"));
	ck_assert(!num_ok("0x10"));
	ck_assert(!num_ok("inf"));
	ck_assert(!num_ok("nan"));
	ck_assert(!num_ok(" 1"));
	ck_assert(!num_ok("1 "));
	ck_assert(!num_ok("1..2"));
	ck_assert(!num_ok("1.2.3"));
	ck_assert(!num_ok("1,5"));
}
END_TEST

START_TEST(test_values_number_dot_edges)
{
	/* Decision: digits are required on both sides of '.'. */
	ck_assert(!num_ok("1."));
	ck_assert(!num_ok(".5"));
	ck_assert(!num_ok("-.5"));
	ck_assert(!num_ok("."));
	ck_assert(!num_ok("1.e3"));
	ck_assert(num_ok("0.5"));
	ck_assert(num_ok("1.0"));
}
END_TEST

START_TEST(test_values_number_length)
{
	char buf[80];
	double d = -1;

	/* Only `len` bytes are read. */
	ck_assert(tl__parse_number("12345", 2, &d));
	ck_assert_double_eq(d, 12.0);
	ck_assert(!tl__parse_number("1x", 2, &d));
	/* 64 bytes are accepted, 65 refused. */
	memset(buf, '1', sizeof(buf));
	ck_assert(tl__parse_number(buf, 64, &d));
	ck_assert(!tl__parse_number(buf, 65, &d));
}
END_TEST

/* ---- dates ------------------------------------------------------------ */

START_TEST(test_values_date_profiles)
{
	ck_date("2020", 1577836800, 0);
	ck_date("2020-02", 1580515200, 0);
	ck_date("2020-02-29", 1582934400, 0);
	ck_date("2020-02-29T12:34Z", 1582979640, 0);
	ck_date("2020-02-29T12:34:56Z", 1582979696, 0);
	ck_date("2020-02-29T12:34:56.5Z", 1582979696, 500000000);
	ck_date("2020-02-29T12:34:56.000000001Z", 1582979696, 1);
	/* More than nine fraction digits: truncated to nanoseconds. */
	ck_date("2020-02-29T12:34:56.1234567899Z", 1582979696, 123456789);
}
END_TEST

START_TEST(test_values_date_range_ends)
{
	ck_date("1970-01-01", 0, 0);
	ck_date("1970-01-01T00:00:00Z", 0, 0);
	ck_date("1969-12-31T23:59:59Z", -1, 0);
	ck_date("1900-03-01", -2203891200LL, 0);
	ck_date("0001-01-01", -62135596800LL, 0);
	ck_date("0000-01-01", -62167219200LL, 0);
	ck_date("9999-12-31T23:59:59Z", 253402300799LL, 0);
}
END_TEST

START_TEST(test_values_date_timezones)
{
	ck_date("2020-02-29T12:34:56+01:30", 1582979696 - 5400, 0);
	ck_date("2020-02-29T12:34:56-05:00", 1582979696 + 18000, 0);
	ck_date("2020-02-29T12:34+00:00", 1582979640, 0);
	ck_date("2020-02-29T12:34-00:00", 1582979640, 0);
	ck_assert(same_instant("2020-03-01T00:30+01:00", "2020-02-29T23:30Z"));
	ck_assert(same_instant("2019-12-31T19:00-05:00", "2020"));
	ck_assert(same_instant("2020-01-01T00:00:00+23:59", "2019-12-31T00:01Z"));
	ck_assert(!same_instant("2020-02-29T12:00+01:00", "2020-02-29T12:00Z"));
}
END_TEST

START_TEST(test_values_date_leap_days)
{
	ck_assert(date_ok("2020-02-29"));
	ck_assert(date_ok("2000-02-29"));
	ck_assert(date_ok("2024-02-29T00:00Z"));
	ck_assert(!date_ok("2021-02-29"));
	ck_assert(!date_ok("1900-02-29"));
	ck_assert(!date_ok("2100-02-29"));
	ck_assert(!date_ok("2020-02-30"));
	ck_date("2000-02-29", 951782400, 0);
	/* A leap second is one second past :59. */
	ck_assert(same_instant("2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z"));
}
END_TEST

START_TEST(test_values_date_epoch)
{
	ck_date("0", 0, 0);
	ck_date("1700000000", 1700000000, 0);
	ck_date("1700000000.25", 1700000000, 250000000);
	ck_date("86400", 86400, 0);
	/* Seconds, never milliseconds. */
	ck_date("1700000000000", 1700000000000LL, 0);
	ck_date("9223372036854775807", INT64_MAX, 0);
	ck_assert(!date_ok("9223372036854775808"));
	ck_assert(!date_ok("99999999999999999999"));
	ck_assert(!date_ok("-1"));
	ck_assert(!date_ok("+1"));
	ck_assert(!date_ok("1."));
	ck_assert(!date_ok(".5"));
	ck_assert(!date_ok("1e9"));
	ck_assert(!date_ok("12 "));
	/* Exactly four digits is a year, not a small epoch. */
	ck_date("1970", 0, 0);
	ck_date("2020", 1577836800, 0);
	ck_date("2020.5", 2020, 500000000);
	ck_date("20200", 20200, 0);
}
END_TEST

START_TEST(test_values_date_bad)
{
	static const char *const bad[] = {
		"", "2020-", "2020-13", "2020-00", "2020-01-00", "2020-01-32",
		"2020-04-31", "2020-1-01", "2020-01-1", "20-01-01", "202-01-01",
		"2020-01-01T", "2020-01-01T12Z", "2020-01-01T12:00",
		"2020-01-01T24:00Z", "2020-01-01T12:60Z", "2020-01-01T12:00:61Z",
		"2020-01-01T12:00:00.Z", "2020-01-01T12:00:00,5Z",
		"2020-01-01 12:00Z", "2020-01-01t12:00Z", "2020-01-01T12:00z",
		"2020-01-01T12:00+0100", "2020-01-01T12:00+1:00",
		"2020-01-01T12:00+24:00", "2020-01-01T12:00+01:60",
		"2020-01-01Z", "2020-01-01T12:00Zjunk", "2020-01-01T12:00Z ",
		"-2020", "2020-01-01T1:00Z", "2020/01/01", "abcd", "2020-ab",
	};
	tl__time t = {0, 0};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!date_ok(bad[i]), "accepted: \"%s\"", bad[i]);
	/* A time cut before its TZD, with the TZD just past `len`. */
	ck_assert(!tl__parse_date("2020-01-01T12:00Z", 16, &t));
	ck_assert(!tl__parse_date("2020-01-01T12:00:00Z", 19, &t));
	/* Only `len` bytes are read: a valid prefix is a valid date... */
	ck_assert(tl__parse_date("2020-01-01T00:00Z", 10, &t));
	ck_assert(t.sec == 1577836800);
	/* ...but a prefix that cuts a field is not. */
	ck_assert(!tl__parse_date("2020-01-01T00:00Z", 9, &t));
}
END_TEST

START_TEST(test_values_time_cmp)
{
	tl__time a = {100, 0}, b = {100, 1}, c = {101, 0}, d = {-5, 999999999};

	ck_assert_int_lt(tl__time_cmp(&a, &b), 0);
	ck_assert_int_gt(tl__time_cmp(&b, &a), 0);
	ck_assert_int_lt(tl__time_cmp(&b, &c), 0);
	ck_assert_int_eq(tl__time_cmp(&a, &a), 0);
	ck_assert_int_lt(tl__time_cmp(&d, &a), 0);
	ck_assert_int_gt(tl__time_cmp(&c, &d), 0);
}
END_TEST

/* ---- booleans --------------------------------------------------------- */

START_TEST(test_values_bool)
{
	static const char *const bad[] = {
		"", "t", "f", "yes", "no", "1", "0", "true ", " true", "truee",
		"fals", "tru\xc3\xa9",
	};
	bool b = false;
	size_t i;

	ck_assert(tl__parse_bool("true", 4, &b));
	ck_assert(b);
	ck_assert(tl__parse_bool("false", 5, &b));
	ck_assert(!b);
	ck_assert(tl__parse_bool("TRUE", 4, &b));
	ck_assert(b);
	ck_assert(tl__parse_bool("FaLsE", 5, &b));
	ck_assert(!b);
	ck_assert(tl__parse_bool("tRuE", 4, &b));
	ck_assert(b);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!tl__parse_bool(bad[i], strlen(bad[i]), &b),
			      "accepted: \"%s\"", bad[i]);
	ck_assert(tl__parse_bool("trueX", 4, &b));
}
END_TEST

/* ---- IP addresses ----------------------------------------------------- */

START_TEST(test_values_ipv4_parse)
{
	static const uint8_t want[4] = {192, 168, 1, 20};
	tl__cidr c;

	ck_assert(ip("192.168.1.20", &c));
	ck_assert_uint_eq(c.family, 4);
	ck_assert_uint_eq(c.prefix, 32);
	ck_assert_mem_eq(c.addr, want, 4);
	ck_assert(ip("0.0.0.0", &c));
	ck_assert(ip("255.255.255.255", &c));
	ck_assert_uint_eq(c.addr[3], 255);
	/* Leading zeros are decimal, not octal. */
	ck_assert(ip("010.0.0.1", &c));
	ck_assert_uint_eq(c.addr[0], 10);
}
END_TEST

START_TEST(test_values_ipv4_malformed)
{
	static const char *const bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "1..2.3",
		"+1.2.3.4", "1.+2.3.4", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4",
		"1.2.3.", ".1.2.3", "0001.2.3.4", "a.b.c.d", "1.2.3.4/32",
		"0x1.2.3.4", "1.2.3.4.",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!ip_ok(bad[i]), "accepted: \"%s\"", bad[i]);
}
END_TEST

START_TEST(test_values_ipv6_parse)
{
	static const uint8_t doc[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
					0, 0, 0, 0, 0, 0, 0, 1};
	static const uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0,
					   0, 0, 0xff, 0xff, 1, 2, 3, 4};
	static const uint8_t full[16] = {0, 1, 0, 2, 0, 3, 0, 4,
					 0, 5, 0, 6, 0, 7, 0, 8};
	static const uint8_t zero[16] = {0};
	tl__cidr c;

	ck_assert(ip("2001:db8::1", &c));
	ck_assert_uint_eq(c.family, 6);
	ck_assert_uint_eq(c.prefix, 128);
	ck_assert_mem_eq(c.addr, doc, 16);
	ck_assert(ip("2001:DB8::1", &c));
	ck_assert_mem_eq(c.addr, doc, 16);
	ck_assert(ip("2001:0db8:0000:0000:0000:0000:0000:0001", &c));
	ck_assert_mem_eq(c.addr, doc, 16);
	ck_assert(ip("1:2:3:4:5:6:7:8", &c));
	ck_assert_mem_eq(c.addr, full, 16);
	ck_assert(ip("::", &c));
	ck_assert_mem_eq(c.addr, zero, 16);
	ck_assert(ip("::1", &c));
	ck_assert_uint_eq(c.addr[15], 1);
	ck_assert(ip("1::", &c));
	ck_assert_uint_eq(c.addr[1], 1);
	ck_assert_uint_eq(c.addr[15], 0);
	ck_assert(ip("1:2:3:4:5:6:7::", &c));
	ck_assert(ip("::2:3:4:5:6:7:8", &c));
	ck_assert_uint_eq(c.addr[3], 2);
	ck_assert(ip("::ffff:1.2.3.4", &c));
	ck_assert_mem_eq(c.addr, mapped, 16);
	ck_assert(ip("::FFFF:1.2.3.4", &c));
	ck_assert_mem_eq(c.addr, mapped, 16);
	ck_assert(ip("0:0:0:0:0:ffff:1.2.3.4", &c));
	ck_assert_mem_eq(c.addr, mapped, 16);
}
END_TEST

START_TEST(test_values_ipv6_malformed)
{
	static const char *const bad[] = {
		":::", "1::2::3", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
		"12345::", "1:", ":1", ":", "1:2:3:4:5:6:7:8::",
		"::1:2:3:4:5:6:7:8", "::1.2.3", "::1.2.3.4:1", "::1.2.3.256",
		"1:2:3:4:5:6:7:1.2.3.4", "::1:2:3:4:5:6:1.2.3.4", "g::",
		"fe80::1%eth0", "1:2:3:4:5:6:7:8 ", "[::1]", "::/128", "1.2.3.4::",
		"::-1", "::+1", "1:2:3:4:5:6:7:8:", "1::2:", "::1:",
	};
	tl__cidr c;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!ip_ok(bad[i]), "accepted: \"%s\"", bad[i]);
	/* A trailing ':' with a valid-looking byte just past `len`. */
	ck_assert(!tl__parse_ip("1:2:3:4:5:6:7:8:9", 16, &c));
	ck_assert(tl__parse_ip("1:2:3:4:5:6:7:8:9", 15, &c));
}
END_TEST

START_TEST(test_values_cidr_parse)
{
	static const uint8_t v6net[16] = {0x20, 0x01, 0x0d, 0xb8, 0x80};
	tl__cidr c;

	ck_assert(cidr("10.0.0.0/8", &c));
	ck_assert_uint_eq(c.family, 4);
	ck_assert_uint_eq(c.prefix, 8);
	ck_assert_uint_eq(c.addr[0], 10);
	/* Host bits cleared. */
	ck_assert(cidr("10.1.2.3/8", &c));
	ck_assert_uint_eq(c.addr[0], 10);
	ck_assert_uint_eq(c.addr[1], 0);
	ck_assert_uint_eq(c.addr[3], 0);
	ck_assert(cidr("192.168.1.255/25", &c));
	ck_assert_uint_eq(c.addr[3], 128);
	/* Bare address is /32 and keeps all bits. */
	ck_assert(cidr("1.2.3.4", &c));
	ck_assert_uint_eq(c.prefix, 32);
	ck_assert_uint_eq(c.addr[3], 4);
	ck_assert(cidr("0.0.0.0/0", &c));
	ck_assert_uint_eq(c.prefix, 0);
	ck_assert(cidr("1.2.3.4/0", &c));
	ck_assert_uint_eq(c.addr[0], 0);
	ck_assert(cidr("2001:db8:ffff::1/33", &c));
	ck_assert_uint_eq(c.family, 6);
	ck_assert_uint_eq(c.prefix, 33);
	ck_assert_mem_eq(c.addr, v6net, 16);
	ck_assert(cidr("::1", &c));
	ck_assert_uint_eq(c.prefix, 128);
	ck_assert(cidr("::/0", &c));
	ck_assert_uint_eq(c.prefix, 0);
	ck_assert(cidr("::1/128", &c));
	ck_assert_uint_eq(c.addr[15], 1);
}
END_TEST

START_TEST(test_values_cidr_malformed)
{
	static const char *const bad[] = {
		"1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1", "1.2.3.4/+8",
		"1.2.3.4/8a", "1.2.3.4/1234", "1.2.3.4/8/8", "1.2.3/8",
		"/8", "", "::/129", "::/", "1::2::3/64", "1.2.3.4/ 8",
		"1.2.3.4 /8",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!cidr_ok(bad[i]), "accepted: \"%s\"", bad[i]);
	ck_assert(cidr_ok("1.2.3.4/32"));
	ck_assert(cidr_ok("::/128"));
}
END_TEST

START_TEST(test_values_cidr_contains)
{
	ck_assert(contains("10.0.0.0/8", "10.255.1.2"));
	ck_assert(!contains("10.0.0.0/8", "11.0.0.0"));
	ck_assert(contains("192.168.1.0/25", "192.168.1.127"));
	ck_assert(!contains("192.168.1.0/25", "192.168.1.128"));
	ck_assert(contains("1.2.3.4", "1.2.3.4"));
	ck_assert(!contains("1.2.3.4", "1.2.3.5"));
	ck_assert(contains("0.0.0.0/0", "203.0.113.9"));
	ck_assert(contains("2001:db8::/32", "2001:db8:1234::1"));
	ck_assert(!contains("2001:db8::/32", "2001:db9::1"));
	ck_assert(contains("2001:db8:8000::/33", "2001:db8:ffff::1"));
	ck_assert(!contains("2001:db8:8000::/33", "2001:db8:7fff::1"));
	ck_assert(contains("::/0", "::ffff:1.2.3.4"));
	ck_assert(contains("::ffff:0:0/96", "::ffff:1.2.3.4"));
	ck_assert(contains("::ffff:1.2.3.0/120", "::ffff:1.2.3.4"));
	ck_assert(!contains("::ffff:1.2.3.0/120", "::ffff:1.2.4.4"));
}
END_TEST

START_TEST(test_values_cidr_family_mismatch)
{
	ck_assert(!contains("0.0.0.0/0", "::1"));
	ck_assert(!contains("0.0.0.0/0", "::"));
	ck_assert(!contains("::/0", "1.2.3.4"));
	ck_assert(!contains("1.2.3.0/24", "::ffff:1.2.3.4"));
	ck_assert(!contains("::ffff:0:0/96", "1.2.3.4"));
}
END_TEST

/* ---- ARNs ------------------------------------------------------------- */

START_TEST(test_values_arn_split)
{
	tl__arn a;

	ck_assert(arn("arn:aws:iam::123456789012:role/path/Name", &a));
	ck_part(a, 0, "arn");
	ck_part(a, 1, "aws");
	ck_part(a, 2, "iam");
	ck_part(a, 3, "");
	ck_part(a, 4, "123456789012");
	ck_part(a, 5, "role/path/Name");

	ck_assert(arn("arn:aws-cn:sts::123456789012:assumed-role/R/s", &a));
	ck_part(a, 1, "aws-cn");
	ck_part(a, 2, "sts");
	ck_part(a, 5, "assumed-role/R/s");
}
END_TEST

START_TEST(test_values_arn_resource_colons)
{
	tl__arn a;

	ck_assert(arn("arn:aws:sns:us-east-1:123456789012:topic:sub:id", &a));
	ck_part(a, 3, "us-east-1");
	ck_part(a, 4, "123456789012");
	ck_part(a, 5, "topic:sub:id");
	ck_assert(arn("arn:aws:s3:::bucket/key:with/colons:", &a));
	ck_part(a, 3, "");
	ck_part(a, 4, "");
	ck_part(a, 5, "bucket/key:with/colons:");
	/* Empty parts are allowed, including an empty resource. */
	ck_assert(arn("arn:::::", &a));
	ck_part(a, 1, "");
	ck_part(a, 5, "");
	ck_assert(arn("arn:aws:iam::123456789012:", &a));
	ck_part(a, 4, "123456789012");
	ck_part(a, 5, "");
}
END_TEST

START_TEST(test_values_arn_bad)
{
	static const char *const bad[] = {
		"", "arn", "arn:", "arn:aws:iam::123", "arn:aws:iam::",
		"arn::::", "ARN:aws:iam::1:root", "arnx:aws:iam::1:root",
		"ar:aws:iam::1:root", ":arn:aws:iam::1:root", " arn:aws:iam::1:r",
	};
	tl__arn a;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!arn(bad[i], &a), "accepted: \"%s\"", bad[i]);
	/* Only `len` bytes count: cutting before the fifth ':' fails. */
	ck_assert(!tl__arn_split("arn:aws:iam::1:root", 14, &a));
	ck_assert(tl__arn_split("arn:aws:iam::1:root", 15, &a));
	ck_assert_uint_eq(a.len[5], 0);
}
END_TEST

/* ---- base64 ----------------------------------------------------------- */

START_TEST(test_values_base64_good)
{
	static const unsigned char ten[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
	static const unsigned char hi[3] = {0xfb, 0xff, 0xbf};
	static const unsigned char ffef[2] = {0xff, 0xef};
	unsigned char out[64];
	size_t n = 99;

	ck_assert(b64("", out, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert(b64("TWFu", out, &n));
	ck_assert_uint_eq(n, 3);
	ck_assert_mem_eq(out, "Man", 3);
	ck_assert(b64("TWE=", out, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_mem_eq(out, "Ma", 2);
	ck_assert(b64("TQ==", out, &n));
	ck_assert_uint_eq(n, 1);
	ck_assert_mem_eq(out, "M", 1);
	ck_assert(b64("TWFuTWE=", out, &n));
	ck_assert_uint_eq(n, 5);
	ck_assert_mem_eq(out, "ManMa", 5);
	ck_assert(b64("AAECAwQFBgcICQ==", out, &n));
	ck_assert_uint_eq(n, 10);
	ck_assert_mem_eq(out, ten, 10);
	ck_assert(b64("+/+/", out, &n));
	ck_assert_uint_eq(n, 3);
	ck_assert_mem_eq(out, hi, 3);
	ck_assert(b64("/+8=", out, &n));
	ck_assert_uint_eq(n, 2);
	ck_assert_mem_eq(out, ffef, 2);
}
END_TEST

START_TEST(test_values_base64_equals)
{
	const unsigned char *man = (const unsigned char *)"ManMa";

	ck_assert_int_eq(tl__base64_equals("TWFuTWE=", 8, man, 5), 1);
	ck_assert_int_eq(tl__base64_equals("TWFuTWE=", 8, man, 4), 0);  /* longer than the bytes */
	ck_assert_int_eq(tl__base64_equals("TWFu", 4, man, 5), 0);      /* shorter */
	ck_assert_int_eq(tl__base64_equals("TWFuTWI=", 8, man, 5), 0);  /* last byte differs */
	ck_assert_int_eq(tl__base64_equals("", 0, man, 0), 1);
	/* a mismatch early does not hide an invalid block later */
	ck_assert_int_eq(tl__base64_equals("AAAATW!=", 8, man, 5), -1);
}
END_TEST

START_TEST(test_values_base64_bad)
{
	static const char *const bad[] = {
		"T", "TW", "TWF", "TQ", "TQ=", "TWFuT", "T===", "====", "=TWF",
		"TW=u", "TQ==TWFu", "TQ=a", "TWFu\n", "TW Fu", " TWF", "TWF-",
		"TWF_", "TWF\xc3", "TR==", "TWF=",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(!b64_ok(bad[i]), "accepted: \"%s\"", bad[i]);
		/* the streaming compare refuses the same values */
		ck_assert_msg(tl__base64_equals(bad[i], strlen(bad[i]), NULL, 0) == -1, "equals: \"%s\"",
		              bad[i]);
	}
	/* An embedded NUL is not base64 either. */
	{
		unsigned char out[8];
		size_t n;

		ck_assert(!tl__base64_decode("TW\0u", 4, out, &n));
		/* Lengths that are not a multiple of 4, valid bytes beyond. */
		ck_assert(!tl__base64_decode("TWFu", 3, out, &n));
		ck_assert(!tl__base64_decode("TWFuTWFu", 6, out, &n));
		ck_assert(!tl__base64_decode("TQ==", 2, out, &n));
	}
}
END_TEST

/* ---- UTF-8 ------------------------------------------------------------ */

START_TEST(test_values_utf8_valid)
{
	ck_assert(utf8(""));
	ck_assert(utf8("plain ascii"));
	ck_assert(utf8("\xc2\x80"));             /* U+0080 */
	ck_assert(utf8("caf\xc3\xa9"));          /* U+00E9 */
	ck_assert(utf8("\xe0\xa0\x80"));         /* U+0800 */
	ck_assert(utf8("\xe2\x82\xac"));         /* U+20AC */
	ck_assert(utf8("\xed\x9f\xbf"));         /* U+D7FF */
	ck_assert(utf8("\xee\x80\x80"));         /* U+E000 */
	ck_assert(utf8("\xef\xbf\xbf"));         /* U+FFFF */
	ck_assert(utf8("\xf0\x90\x80\x80"));     /* U+10000 */
	ck_assert(utf8("\xf0\x9f\x98\x80"));     /* U+1F600 */
	ck_assert(utf8("\xf4\x8f\xbf\xbf"));     /* U+10FFFF */
	ck_assert(tl__utf8_valid("a\0b", 3));
}
END_TEST

START_TEST(test_values_utf8_overlong)
{
	ck_assert(!utf8("\xc0\x80"));
	ck_assert(!utf8("\xc1\xbf"));
	ck_assert(!utf8("\xe0\x80\x80"));
	ck_assert(!utf8("\xe0\x9f\xbf"));
	ck_assert(!utf8("\xf0\x80\x80\x80"));
	ck_assert(!utf8("\xf0\x8f\xbf\xbf"));
}
END_TEST

START_TEST(test_values_utf8_surrogate_and_range)
{
	ck_assert(!utf8("\xed\xa0\x80"));        /* U+D800 */
	ck_assert(!utf8("\xed\xbf\xbf"));        /* U+DFFF */
	ck_assert(!utf8("\xf4\x90\x80\x80"));    /* U+110000 */
	ck_assert(!utf8("\xf5\x80\x80\x80"));
	ck_assert(!utf8("\xf8\x88\x80\x80\x80"));
	ck_assert(!utf8("\xfe"));
	ck_assert(!utf8("\xff"));
}
END_TEST

START_TEST(test_values_utf8_truncated)
{
	ck_assert(!utf8("\xc3"));
	ck_assert(!utf8("\xe2\x82"));
	ck_assert(!utf8("\xf0\x9f\x98"));
	ck_assert(!utf8("ab\xf0"));
	ck_assert(!tl__utf8_valid("\xc3\xa9", 1));
	ck_assert(!tl__utf8_valid("\xe2\x82\xac", 2));
	ck_assert(!utf8("\x80"));                /* lone continuation */
	ck_assert(!utf8("\xc3\x28"));            /* bad continuation */
	ck_assert(!utf8("\xe2\x28\xa1"));
	ck_assert(!utf8("\xe2\x82\x28"));
	ck_assert(!utf8("\xf0\x9f\x98\x28"));
	ck_assert(!utf8("\xc3\xa9\xa9"));        /* one too many */
}
END_TEST

/* ---- ASCII ------------------------------------------------------------ */

START_TEST(test_values_ascii_lower)
{
	char buf[16];
	char inplace[] = "S3:GetObject";

	tl__ascii_lower(buf, "AbZ@[`{09\xc3\x89", 12);
	ck_assert_mem_eq(buf, "abz@[`{09\xc3\x89", 12);
	tl__ascii_lower(inplace, inplace, strlen(inplace));
	ck_assert_str_eq(inplace, "s3:getobject");
	/* Only `len` bytes are written. */
	memset(buf, 'X', sizeof(buf));
	tl__ascii_lower(buf, "ABCD", 2);
	ck_assert_mem_eq(buf, "abXX", 4);
}
END_TEST

START_TEST(test_values_ascii_ieq)
{
	ck_assert(tl__ascii_ieq("", 0, "", 0));
	ck_assert(tl__ascii_ieq("aws:SourceIp", 12, "AWS:sourceip", 12));
	ck_assert(!tl__ascii_ieq("abc", 3, "abd", 3));
	ck_assert(!tl__ascii_ieq("abc", 3, "abcd", 4));
	ck_assert(!tl__ascii_ieq("abc", 3, "ab", 2));
	ck_assert(!tl__ascii_ieq("abc", 3, "abc", 2));
	ck_assert(!tl__ascii_ieq("abc", 2, "abc", 3));
	/* Neighbours of the letter ranges do not fold. */
	ck_assert(!tl__ascii_ieq("@", 1, "`", 1));
	ck_assert(!tl__ascii_ieq("[", 1, "{", 1));
	ck_assert(!tl__ascii_ieq("^", 1, "~", 1));
	/* Non-ASCII bytes are compared exactly (Latin-1 E-acute). */
	ck_assert(!tl__ascii_ieq("\xc9", 1, "\xe9", 1));
	ck_assert(tl__ascii_ieq("\xc3\x89", 2, "\xc3\x89", 2));
}
END_TEST

static Suite *values_suite(void)
{
	Suite *s = suite_create("values");
	TCase *num_tc = tcase_create("number");
	TCase *date_tc = tcase_create("date");
	TCase *ip_tc = tcase_create("ip");
	TCase *misc_tc = tcase_create("misc");

	tcase_add_test(num_tc, test_values_number_integers);
	tcase_add_test(num_tc, test_values_number_decimals);
	tcase_add_test(num_tc, test_values_number_exponent);
	tcase_add_test(num_tc, test_values_number_garbage);
	tcase_add_test(num_tc, test_values_number_dot_edges);
	tcase_add_test(num_tc, test_values_number_length);
	suite_add_tcase(s, num_tc);

	tcase_add_test(date_tc, test_values_date_profiles);
	tcase_add_test(date_tc, test_values_date_range_ends);
	tcase_add_test(date_tc, test_values_date_timezones);
	tcase_add_test(date_tc, test_values_date_leap_days);
	tcase_add_test(date_tc, test_values_date_epoch);
	tcase_add_test(date_tc, test_values_date_bad);
	tcase_add_test(date_tc, test_values_time_cmp);
	suite_add_tcase(s, date_tc);

	tcase_add_test(ip_tc, test_values_ipv4_parse);
	tcase_add_test(ip_tc, test_values_ipv4_malformed);
	tcase_add_test(ip_tc, test_values_ipv6_parse);
	tcase_add_test(ip_tc, test_values_ipv6_malformed);
	tcase_add_test(ip_tc, test_values_cidr_parse);
	tcase_add_test(ip_tc, test_values_cidr_malformed);
	tcase_add_test(ip_tc, test_values_cidr_contains);
	tcase_add_test(ip_tc, test_values_cidr_family_mismatch);
	suite_add_tcase(s, ip_tc);

	tcase_add_test(misc_tc, test_values_bool);
	tcase_add_test(misc_tc, test_values_arn_split);
	tcase_add_test(misc_tc, test_values_arn_resource_colons);
	tcase_add_test(misc_tc, test_values_arn_bad);
	tcase_add_test(misc_tc, test_values_base64_good);
	tcase_add_test(misc_tc, test_values_base64_equals);
	tcase_add_test(misc_tc, test_values_base64_bad);
	tcase_add_test(misc_tc, test_values_utf8_valid);
	tcase_add_test(misc_tc, test_values_utf8_overlong);
	tcase_add_test(misc_tc, test_values_utf8_surrogate_and_range);
	tcase_add_test(misc_tc, test_values_utf8_truncated);
	tcase_add_test(misc_tc, test_values_ascii_lower);
	tcase_add_test(misc_tc, test_values_ascii_ieq);
	suite_add_tcase(s, misc_tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(values_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
