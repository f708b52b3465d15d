/* SPDX-License-Identifier: GPL-2.0 */
/* parse_num.h - the one strict reader of numbers that users type
 *
 * Every number on a command line or in an SMC_RUN_* variable goes through here, so that
 * all tools agree on what a number is: the whole text is digits of the documented base
 * (decimal unless the caller's form says hexadecimal), with no sign, no blanks, no empty
 * string, and a value above the caller's maximum is an error, never wrapped or clamped.
 * strtoul() and friends accept " +1", "-1" (as a huge value), "0x10" in base 0 and hex
 * floats in strtod(), which is why none of them is used for user input.
 *
 * smc_run's preload library links this file too (and nothing else of lib/): the functions
 * are hidden, so that they never take the place of a program's own functions of the same
 * name.
 */
#ifndef SMC_PARSE_NUM_H
#define SMC_PARSE_NUM_H

#include <stdint.h>

#define PARSE_NUM_API __attribute__((visibility("hidden")))

/**
 * parse_dec() - read all of @text as a decimal number
 * @max: the largest value accepted
 *
 * Leading zeros are allowed ("007" is 7): they do not make the number octal.
 * Return: 0 and *@value set, -EINVAL if @text is not only decimal digits (or empty),
 * -ERANGE if the number is above @max. *@value is left alone on error.
 */
PARSE_NUM_API int parse_dec(const char *text, uint64_t max, uint64_t *value);

/**
 * parse_hex() - read all of @text as a hexadecimal number
 * @text: hexadecimal digits in either case, optionally after "0x" or "0X"
 *
 * Return: as parse_dec().
 */
PARSE_NUM_API int parse_hex(const char *text, uint64_t max, uint64_t *value);

/**
 * parse_dec_scaled() - a decimal number with a fraction, as a whole number of its units
 * @text: decimal digits, optionally followed by '.' and 1 to @decimals more digits
 *	  ("1", "0.25"; not ".5", "5.", "1e3" or "0x1p3")
 * @decimals: how many fraction digits a unit has: 3 reads seconds as milliseconds
 * @max: the largest result accepted, in units
 *
 * Return: 0 and *@value set to @text * 10^@decimals, -EINVAL if @text is not of that form
 * (more fraction digits than @decimals included), -ERANGE if the result is above @max.
 */
PARSE_NUM_API int parse_dec_scaled(const char *text, unsigned int decimals, uint64_t max,
				   uint64_t *value);

/**
 * parse_size() - a byte count: decimal digits, optionally followed by one k or K (KiB),
 *		  m or M (MiB)
 *
 * Return: as parse_dec(); -ERANGE if the byte count (after the unit) is above @max.
 */
PARSE_NUM_API int parse_size(const char *text, uint64_t max, uint64_t *value);

#endif
