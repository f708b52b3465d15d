// SPDX-License-Identifier: GPL-2.0
#include <string.h>
#include <sys/socket.h>

#include "inet_text.h"

static size_t dotted_quad(const unsigned char *b, char *p)
{
	char *start = p;

	for (int i = 0; i < 4; i++) {
		unsigned int v = b[i];

		if (i)
			*p++ = '.';
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
	}
	*p = '\0';
	return (size_t)(p - start);
}

static size_t hex_group(unsigned int v, char *p)
{
	size_t n = 0;

	for (int shift = 12; shift >= 0; shift -= 4) {
		unsigned int d = (v >> shift) & 0xf;

		if (d || n || !shift)
			p[n++] = "0123456789abcdef"[d];
	}
	return n;
}

static size_t ipv6_text(const unsigned char *b, char *buf)
{
	unsigned int words[8];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;
	char *p = buf;

	for (int i = 0; i < 8; i++)
		words[i] = (unsigned int)b[2 * i] << 8 | b[2 * i + 1];
	/* the first longest run of zero groups */
	for (int i = 0; i < 8; i++) {
		if (words[i] == 0) {
			if (cur < 0) {
				cur = i;
				cur_len = 0;
			}
			cur_len++;
			if (cur_len > best_len) {
				best = cur;
				best_len = cur_len;
			}
		} else {
			cur = -1;
		}
	}
	if (best_len < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				*p++ = ':';
			continue;
		}
		if (i)
			*p++ = ':';
		/* ::a.b.c.d and ::ffff:a.b.c.d */
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && words[5] == 0xffff)))
			return (size_t)(p - buf) + dotted_quad(b + 12, p);
		p += hex_group(words[i], p);
	}
	if (best >= 0 && best + best_len == 8)
		*p++ = ':';
	*p = '\0';
	return (size_t)(p - buf);
}

size_t inet_text(int family, const void *addr, char buf[static INET6_ADDRSTRLEN])
{
	if (family == AF_INET)
		return dotted_quad(addr, buf);
	if (family == AF_INET6)
		return ipv6_text(addr, buf);
	buf[0] = '\0';
	return 0;
}
