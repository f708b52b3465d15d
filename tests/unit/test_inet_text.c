// SPDX-License-Identifier: GPL-2.0
/* test_inet_text.c - inet_text() prints what glibc's inet_ntop() prints, for the
 * addresses with special forms (zero runs of every length and place, ties, v4-mapped
 * and v4-compatible, the unspecified and loopback ones) and for a million pseudo-random
 * ones biased towards zero groups, where the "::" placement goes wrong if it goes wrong.
 */
#include <arpa/inet.h>
#include <stdint.h>

#include "inet_text.h"
#include "tap.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* 0 when ours and inet_ntop() agree, else prints the difference */
static int differs(int family, const unsigned char *a)
{
	char ours[INET6_ADDRSTRLEN], libc[INET6_ADDRSTRLEN];
	size_t n = inet_text(family, a, ours);

	if (!inet_ntop(family, a, libc, sizeof(libc)))
		return 1;
	if (!strcmp(ours, libc) && n == strlen(libc))
		return 0;
	printf("#   ours '%s' (%zu), inet_ntop '%s'\n", ours, n, libc);
	return 1;
}

int main(void)
{
	static const char *const special[] = {
		"::", "::1", "::2", "1::", "1::1", "::ffff:0.0.0.0", "::ffff:198.18.0.1",
		"::198.18.0.1", "::0.0.0.1", "::ffff:0:1", "fe80::2", "fe80::1:0:0:2",
		"1:0:0:2:0:0:0:3", "1:0:0:2:0:0:3:4", "0:0:1:0:0:1:0:0", "1:0:1:0:1:0:1:0",
		"2001:db8::ff00:42:8329", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		"0:0:0:0:0:1:0:0", "0:0:0:0:1:ffff:1.2.3.4", "::fffe:1.2.3.4", "::1:0:0:0",
		"0:0:0:0:0:ffff:ffff:ffff", "1::ffff:1.2.3.4", "64:ff9b::198.18.0.2",
	};
	static const char *const v4[] = { "0.0.0.0", "1.2.3.4", "10.20.30.40",
		"100.200.255.9", "255.255.255.255", "198.18.0.1" };
	unsigned char a[16];
	int bad = 0;

	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
		ok(inet_pton(AF_INET6, special[i], a) == 1 && !differs(AF_INET6, a),
		   "IPv6 %s as inet_ntop() prints it", special[i]);
	}
	for (size_t i = 0; i < sizeof(v4) / sizeof(v4[0]); i++)
		ok(inet_pton(AF_INET, v4[i], a) == 1 && !differs(AF_INET, a),
		   "IPv4 %s as inet_ntop() prints it", v4[i]);
	for (long n = 0; n < 1000000 && bad < 5; n++) {
		uint32_t pick = next();

		for (int g = 0; g < 8; g++) {
			/* each group zero with probability 1/2, else all kinds of widths */
			uint32_t r = next();
			unsigned int w = pick >> g & 1 ? 0 : r >> (4 * (r & 3)) & 0xffff;

			a[2 * g] = (unsigned char)(w >> 8);
			a[2 * g + 1] = (unsigned char)w;
		}
		if (pick >> 8 & 1) {	/* the v4-mapped and v4-compatible prefixes */
			memset(a, 0, 10);
			a[10] = a[11] = pick >> 9 & 1 ? 0xff : 0;
		}
		bad += differs(AF_INET6, a);
		a[0] = (unsigned char)(pick >> 16);
		bad += differs(AF_INET, a);
	}
	ok(bad == 0, "a million pseudo-random IPv6 and IPv4 addresses as inet_ntop() prints them");
	{
		char buf[INET6_ADDRSTRLEN] = "x";

		ok(inet_text(AF_UNIX, a, buf) == 0 && buf[0] == '\0', "another family: empty, 0");
	}
	return tap_done();
}
