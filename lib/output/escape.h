/* SPDX-License-Identifier: GPL-2.0 */
/* escape.h - strings from the kernel, files or the command line made safe to print
 *
 * Such strings may hold any byte: control characters that move the cursor, start a
 * new line or recolour the terminal, and bytes that are not UTF-8. Text output shows
 * them escaped (esc_text()); the JSON writer uses utf8_next() to emit only valid UTF-8.
 */
#ifndef SMC_ESCAPE_H
#define SMC_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/**
 * utf8_next() - decode the character at the start of @s
 * @s: a NUL-terminated string, not at its end
 * @cp: set to the code point if the character is well-formed
 * @len: set to the bytes to step over: the character's length, or for an ill-formed
 *	 sequence its maximal subpart (Unicode 3.9, "U+FFFD substitution of maximal
 *	 subparts"), 1 to 3 bytes that count as one error
 *
 * Well-formed means shortest form, no surrogates (ED A0..BF), nothing above U+10FFFF
 * and no truncated sequence. Never reads past the terminating NUL.
 * Return: whether the sequence is well-formed.
 */
bool utf8_next(const char *s, uint32_t *cp, size_t *len);

/**
 * esc_text() - the printable form of @src, as snprintf() would write it
 * @dst: where to write it, NUL-terminated, at most @size bytes (may be NULL if @size is 0)
 *
 * Printable UTF-8 passes unchanged. Each byte of a control character (C0, DEL, the C1
 * range U+0080..U+009F) and each byte of an ill-formed UTF-8 sequence becomes a
 * backslash and three octal digits ("\033", "\012", "\377"), and a backslash becomes
 * "\\", so what is shown can always be read back to the bytes that were sent.
 *
 * Return: the length of the whole escaped text (without its NUL). It equals strlen(@src)
 * exactly when nothing needed escaping.
 */
size_t esc_text(char *dst, size_t size, const char *src);

/* Terminal columns taken by @s, valid UTF-8 (e.g. esc_text()'s output): one per code
 * point; East Asian wide characters are counted as one.
 */
size_t utf8_columns(const char *s);

#endif
