// SPDX-License-Identifier: GPL-2.0
/* escape.c - UTF-8 validation and the escaped text form of untrusted strings */
#include <string.h>

#include "escape.h"

bool utf8_next(const char *str, uint32_t *cp, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;
	/* the range of the second byte depends on the first (Unicode Table 3-7); it is
	 * what rules out overlong forms, surrogates and code points above U+10FFFF
	 */
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		*len = 1;
		return true;
	}
	if (s[0] < 0xc2 || s[0] > 0xf4) {	/* continuation byte, overlong C0/C1, F5.. */
		*len = 1;
		return false;
	}
	if (s[0] < 0xe0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] < 0xf0) {
		n = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong below U+0800 */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates U+D800..U+DFFF */
	} else {
		n = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong below U+10000 */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* above U+10FFFF */
	}
	/* a NUL is no continuation byte: a truncated sequence stops here, never past it */
	for (size_t i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi) {
			*len = i;
			return false;
		}
		c = c << 6 | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = c;
	*len = n;
	return true;
}

/* C0 controls, DEL and the C1 controls, which some terminals also obey (U+009B is CSI) */
static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

struct sink {
	char	*dst;
	size_t	size, len;
};

static void emit(struct sink *k, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++, k->len++)
		if (k->len + 1 < k->size)
			k->dst[k->len] = s[i];
}

static void emit_octal(struct sink *k, unsigned char b)
{
	char e[4] = { '\\', (char)('0' + (b >> 6)), (char)('0' + ((b >> 3) & 7)),
		      (char)('0' + (b & 7)) };

	emit(k, e, sizeof(e));
}

size_t esc_text(char *dst, size_t size, const char *src)
{
	struct sink k = { .dst = dst, .size = size };

	while (*src) {
		uint32_t cp = 0;
		size_t len;
		bool ok = utf8_next(src, &cp, &len);

		if (ok && cp == '\\')
			emit(&k, "\\\\", 2);
		else if (ok && !is_control(cp))
			emit(&k, src, len);
		else
			for (size_t i = 0; i < len; i++)
				emit_octal(&k, (unsigned char)src[i]);
		src += len;
	}
	if (size)
		dst[k.len < size ? k.len : size - 1] = '\0';
	return k.len;
}

size_t utf8_columns(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}
