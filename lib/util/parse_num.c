// SPDX-License-Identifier: GPL-2.0
/* parse_num.c - strict numbers from users (see parse_num.h)
 *
 * No <ctype.h>: its answers depend on the locale, and a preloaded library must not care
 * what locale the program set.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

#include "parse_num.h"

/* The value of digit @c in @base, or -1 if it is none. */
static int digit_value(char c, unsigned int base)
{
	int v = -1;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	return v >= 0 && (unsigned int)v < base ? v : -1;
}

/**
 * read_digits() - the longest run of @base digits at @text, as a number
 * @end: set to the first character after the run
 *
 * Return: 0, -EINVAL if there is no digit at all, -ERANGE if the run's value exceeds @max
 * (the rest of the run is still skipped, so that the caller can tell a long number from
 * trailing junk).
 */
static int read_digits(const char *text, unsigned int base, uint64_t max, uint64_t *value,
		       const char **end)
{
	const char *p = text;
	uint64_t v = 0;
	bool over = false;
	int d;

	for (; (d = digit_value(*p, base)) >= 0; p++) {
		/* v * base + d > max, said without overflowing */
		if (!over && ((uint64_t)d > max || v > (max - (uint64_t)d) / base))
			over = true;
		if (!over)
			v = v * base + (uint64_t)d;
	}
	*end = p;
	if (p == text)
		return -EINVAL;
	if (over)
		return -ERANGE;
	*value = v;
	return 0;
}

/* read_digits() over all of @text: junk after the digits makes it no number at all */
static int parse_whole(const char *text, unsigned int base, uint64_t max, uint64_t *value)
{
	const char *end;
	uint64_t v;
	int rc = read_digits(text, base, max, &v, &end);

	if (*end)
		return -EINVAL;
	if (!rc)
		*value = v;
	return rc;
}

int parse_dec(const char *text, uint64_t max, uint64_t *value)
{
	return parse_whole(text, 10, max, value);
}

int parse_hex(const char *text, uint64_t max, uint64_t *value)
{
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
		text += 2;
	return parse_whole(text, 16, max, value);
}

int parse_dec_scaled(const char *text, unsigned int decimals, uint64_t max, uint64_t *value)
{
	uint64_t whole, frac = 0, scale = 1;
	unsigned int nfrac = 0;
	const char *p;
	int rc;

	for (unsigned int i = 0; i < decimals; i++) {
		if (scale > UINT64_MAX / 10)
			return -ERANGE;
		scale *= 10;
	}
	rc = read_digits(text, 10, UINT64_MAX, &whole, &p);
	if (rc == -EINVAL)
		return rc;
	if (*p == '.') {
		const char *first = ++p;

		for (; *p >= '0' && *p <= '9'; p++, nfrac++)
			if (nfrac < decimals)
				frac = frac * 10 + (uint64_t)(*p - '0');
		if (p == first || nfrac > decimals)
			return -EINVAL;
	}
	if (*p)
		return -EINVAL;
	if (rc)
		return rc;
	for (unsigned int i = nfrac; i < decimals; i++)
		frac *= 10;
	if (whole > max / scale || frac > max - whole * scale)
		return -ERANGE;
	*value = whole * scale + frac;
	return 0;
}

int parse_size(const char *text, uint64_t max, uint64_t *value)
{
	const char *unit;
	uint64_t bytes, mult = 1;
	int rc = read_digits(text, 10, UINT64_MAX, &bytes, &unit);

	if (rc == -EINVAL)
		return rc;
	if (*unit == 'k' || *unit == 'K')
		mult = 1024;
	else if (*unit == 'm' || *unit == 'M')
		mult = 1024 * 1024;
	if (mult > 1)
		unit++;
	if (*unit)
		return -EINVAL;	/* another unit, a second one, or anything else */
	if (rc)
		return rc;
	if (bytes > max / mult)
		return -ERANGE;
	*value = bytes * mult;
	return 0;
}
