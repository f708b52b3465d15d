// SPDX-License-Identifier: GPL-2.0
/* test_parse_num.c - the strict number reader every tool uses for what users type */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "parse_num.h"
#include "tap.h"

/* What strtoul()/strtod() let through, and no number of any base here accepts */
static const char *const junk[] = {
	"", " 1", "1 ", "+1", "-1", "-0", "1\n", "\t1", "1x", "0x", "0X", "x1", "1,000",
	"1_000", "١", NULL,
};

static void check_dec(void)
{
	uint64_t v = 42;
	bool rejected = true;

	ok(!parse_dec("0", 10, &v) && v == 0, "0");
	ok(!parse_dec("007", 10, &v) && v == 7, "leading zeros are decimal, not octal");
	ok(!parse_dec("65535", 65535, &v) && v == 65535, "the maximum itself");
	ok(parse_dec("65536", 65535, &v) == -ERANGE && v == 65535, "above the maximum: -ERANGE");
	ok(parse_dec("3", 2, &v) == -ERANGE && parse_dec("10", 9, &v) == -ERANGE,
	   "one digit above a small maximum: -ERANGE");
	ok(!parse_dec("2", 2, &v) && v == 2 && !parse_dec("0", 0, &v) && v == 0,
	   "a one-digit maximum itself");
	ok(!parse_dec("18446744073709551615", UINT64_MAX, &v) && v == UINT64_MAX, "2^64-1");
	ok(parse_dec("18446744073709551616", UINT64_MAX, &v) == -ERANGE, "2^64 overflows");
	ok(parse_dec("99999999999999999999999", UINT64_MAX, &v) == -ERANGE, "far beyond 2^64");
	ok(parse_dec("99999999999999999999999x", UINT64_MAX, &v) == -EINVAL,
	   "a long number with junk is junk");
	ok(parse_dec("1a", 100, &v) == -EINVAL, "hex digits are no decimal digits");
	ok(parse_dec("0x10", 100, &v) == -EINVAL, "no base prefix in decimal");
	v = 42;
	for (size_t i = 0; junk[i]; i++) {
		if (parse_dec(junk[i], UINT64_MAX, &v) != -EINVAL || v != 42) {
			printf("#   parse_dec accepted \"%s\"\n", junk[i]);
			rejected = false;
		}
	}
	ok(rejected, "parse_dec: sign, blanks, empty and junk are -EINVAL, value untouched");
}

static void check_hex(void)
{
	uint64_t v = 42;
	bool rejected = true;

	ok(!parse_hex("100", UINT32_MAX, &v) && v == 0x100, "100 is 0x100");
	ok(!parse_hex("0x100", UINT32_MAX, &v) && v == 0x100, "0x100");
	ok(!parse_hex("0XaBcD", UINT32_MAX, &v) && v == 0xabcd, "0X and either case");
	ok(!parse_hex("ffffffff", UINT32_MAX, &v) && v == 0xffffffff, "the 32-bit maximum");
	ok(parse_hex("100000000", UINT32_MAX, &v) == -ERANGE, "33 bits: -ERANGE");
	ok(parse_hex("0x0x1", UINT32_MAX, &v) == -EINVAL, "one prefix only");
	ok(parse_hex("g", UINT32_MAX, &v) == -EINVAL, "g is no hex digit");
	v = 42;
	for (size_t i = 0; junk[i]; i++) {
		if (parse_hex(junk[i], UINT64_MAX, &v) != -EINVAL || v != 42) {
			printf("#   parse_hex accepted \"%s\"\n", junk[i]);
			rejected = false;
		}
	}
	ok(rejected, "parse_hex: sign, blanks, empty and junk are -EINVAL, value untouched");
}

static void check_scaled(void)
{
	static const char *const bad[] = {
		".5", "5.", "1e3", "0x1p3", "inf", "nan", "1.2345", "1..2", "1.2.3", " 1", "+1",
		"-1", "", "1,5", NULL,
	};
	uint64_t v = 42;
	bool rejected = true;

	ok(!parse_dec_scaled("5", 3, 3600000, &v) && v == 5000, "5 s = 5000 ms");
	ok(!parse_dec_scaled("0.25", 3, 3600000, &v) && v == 250, "0.25 s = 250 ms");
	ok(!parse_dec_scaled("0.001", 3, 3600000, &v) && v == 1, "0.001 s = 1 ms");
	ok(!parse_dec_scaled("3600.000", 3, 3600000, &v) && v == 3600000, "the maximum");
	ok(parse_dec_scaled("3600.001", 3, 3600000, &v) == -ERANGE, "just above: -ERANGE");
	ok(parse_dec_scaled("99999999999999999999", 3, 3600000, &v) == -ERANGE,
	   "a huge whole part: -ERANGE");
	ok(!parse_dec_scaled("7", 0, 10, &v) && v == 7, "no decimals: a plain number");
	ok(parse_dec_scaled("7.5", 0, 10, &v) == -EINVAL, "no decimals: no fraction");
	v = 42;
	for (size_t i = 0; bad[i]; i++) {
		if (parse_dec_scaled(bad[i], 3, UINT64_MAX, &v) != -EINVAL || v != 42) {
			printf("#   parse_dec_scaled accepted \"%s\"\n", bad[i]);
			rejected = false;
		}
	}
	ok(rejected, "parse_dec_scaled: hex floats, exponents, bare points and too many "
	   "decimals are -EINVAL");
}

static void check_size(void)
{
	static const char *const bad[] = {
		"k", "1kk", "1km", "4g", "1.5k", "0x10", " 10", "10 ", "1 k", "10|", "-1", "+5", "",
		NULL,
	};
	uint64_t v = 42;
	bool rejected = true;

	ok(!parse_size("65536", INT32_MAX, &v) && v == 65536, "bytes");
	ok(!parse_size("64k", INT32_MAX, &v) && v == 65536, "64k");
	ok(!parse_size("1M", INT32_MAX, &v) && v == 1048576, "1M");
	ok(!parse_size("2047m", INT32_MAX, &v) && v == 2047u * 1048576, "2047m");
	ok(parse_size("2048m", INT32_MAX, &v) == -ERANGE, "2048m: -ERANGE");
	ok(parse_size("2147483648", INT32_MAX, &v) == -ERANGE, "2^31: -ERANGE");
	ok(parse_size("99999999999999999999999k", INT32_MAX, &v) == -ERANGE,
	   "beyond 2^64 with a unit: -ERANGE");
	v = 42;
	for (size_t i = 0; bad[i]; i++) {
		if (parse_size(bad[i], INT32_MAX, &v) != -EINVAL || v != 42) {
			printf("#   parse_size accepted \"%s\"\n", bad[i]);
			rejected = false;
		}
	}
	ok(rejected, "parse_size: other units, fractions, blanks and signs are -EINVAL");
}

int main(void)
{
	check_dec();
	check_hex();
	check_scaled();
	check_size();
	return tap_done();
}
