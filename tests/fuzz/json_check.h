/* SPDX-License-Identifier: GPL-2.0 */
/* json_check.h - a strict JSON validator for the fuzz oracles
 *
 * Stricter than most parsers on purpose, because what the tools print is read by scripts
 * (jq, Python's json) that each forgive different things: exactly one document (RFC 8259)
 * with optional blanks around it, valid UTF-8 throughout (no overlong forms, no encoded
 * surrogates, nothing above U+10FFFF), no control character unescaped in a string, no
 * \u escape of a lone surrogate, and no object with the same member name twice.
 */
#ifndef SMC_FUZZ_JSON_CHECK_H
#define SMC_FUZZ_JSON_CHECK_H

#include <stddef.h>

/**
 * json_check() - is @buf of @len bytes exactly one valid JSON document?
 * @why: on failure, what is wrong and at which byte offset (a static buffer is not
 *	 used: the caller's @why_size bytes)
 *
 * Return: 1 if valid, 0 if not (with @why filled).
 */
int json_check(const char *buf, size_t len, char *why, size_t why_size);

/**
 * text_check() - is @buf of @len bytes valid UTF-8 with no control characters but
 * newline (and tab if @allow_tab), as the tools' text output must be (escape.h)?
 *
 * Return: 1 if so, 0 if not (with @why filled).
 */
int text_check(const char *buf, size_t len, int allow_tab, char *why, size_t why_size);

#endif
