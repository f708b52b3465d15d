/* SPDX-License-Identifier: GPL-2.0 */
/* digits.h - decimal digits of an integer, written backwards into a caller's buffer
 *
 * Every number of every row goes through here (a table cell, a JSON value, a port), so
 * it is inline and makes two digits per division: printf's way costs several times as
 * many instructions on a listing of 100,000 sockets.
 */
#ifndef SMC_DIGITS_H
#define SMC_DIGITS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* the longest: 18446744073709551615 */
#define DEC_DIGITS_MAX 20

/**
 * dec_digits() - write @v in decimal so that it ends just before @end
 *
 * The caller's buffer has at least DEC_DIGITS_MAX bytes before @end.
 * Return: where the digits start (they run up to @end, with no terminator).
 */
static inline char *dec_digits(char *end, uint64_t v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	char *p = end;
	uint32_t v32;

	while (v > UINT32_MAX) {
		p -= 2;
		memcpy(p, pairs + v % 100 * 2, 2);
		v /= 100;
	}
	/* 32-bit division from here on: cheaper, and all most values ever need */
	v32 = (uint32_t)v;
	while (v32 >= 100) {
		p -= 2;
		memcpy(p, pairs + v32 % 100 * 2, 2);
		v32 /= 100;
	}
	if (v32 >= 10) {
		p -= 2;
		memcpy(p, pairs + v32 * 2, 2);
	} else {
		*--p = (char)('0' + v32);
	}
	return p;
}

/* How many digits dec_digits() writes for @v */
static inline size_t dec_len(uint64_t v)
{
	size_t n = 1;

	for (; v >= 100; v /= 100)
		n += 2;
	return n + (v >= 10);
}

#endif
