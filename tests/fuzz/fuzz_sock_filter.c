// SPDX-License-Identifier: GPL-2.0
/* fuzz_sock_filter.c - smcss's filter language (lib/decode/sock_filter.c): the words a
 * user types, compiled and evaluated
 *
 * Input: the filter's words, separated by NUL bytes.
 * Oracles: a filter is either compiled or refused with a column inside the text (or just
 * past its end) and a message; a compiled one decides every socket of a fixed set, a
 * socket of each mode, state and family, with and without addresses and link details,
 * and "not (F)" decides each of them the other way.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "fuzz_tool.h"
#include "sock_filter.h"

#define MAX_WORDS 64

static struct smc_sock socks[6];
static struct sock_filter_link link = { .lgr_id = 0x100, .link_id = 1, .ib_port = 1,
					.ib_dev = "rxe0", .gid = "fe80::1", .peer_gid = "fe80::2" };
static const struct sock_filter_links links = { &link, 1 };

static void make_socks(void)
{
	for (size_t i = 0; i < sizeof(socks) / sizeof(socks[0]); i++) {
		struct smc_sock *s = &socks[i];

		s->family = i % 2 ? AF_INET6 : AF_INET;
		s->addr_known = i != 5;
		s->state = (uint8_t[]){ 1, 10, 2, 7, 22, 99 }[i];
		s->mode = (uint8_t)(i % 3);
		s->sport = (uint16_t)(7000 + i);
		s->dport = (uint16_t)(i * 10000);
		s->has = SMC_SOCK_HAS_FALLBACK | SMC_SOCK_HAS_DMBINFO | SMC_SOCK_HAS_LGRINFO;
		s->fallback_reason = 0x03030000 + (uint32_t)i;
		s->peer_diagnosis = 0x05000000;
		s->dmbinfo.linkid = 0x100;
		inet_pton(s->family, s->family == AF_INET ? "10.0.0.1" : "::ffff:10.0.0.2",
			  &s->saddr);
		inet_pton(s->family, s->family == AF_INET ? "192.168.0.1" : "fd00::1", &s->daddr);
		memcpy(s->lgrinfo.lnk[0].ibname, "rxe0", 5);
		memcpy(s->lgrinfo.lnk[0].gid, "fe80::1", 8);
		memcpy(s->lgrinfo.lnk[0].peer_gid, "fe80::2", 8);
		s->lgrinfo.lnk[0].link_id = 1;
		s->lgrinfo.lnk[0].ibport = 1;
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	make_socks();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *words[MAX_WORDS + 3];
	size_t n = fuzz_words(data, size, words, MAX_WORDS), len = 0;
	bool blank = true;	/* no term at all: nothing to negate */
	struct sock_filter *f, *g;
	struct sock_filter_error err;
	int rc;

	for (size_t i = 0; i < n; i++) {
		len += strlen(words[i]) + 1;
		for (const char *c = words[i]; *c; c++)
			blank &= isspace((unsigned char)*c) != 0;
	}
	rc = sock_filter_parse(words, n, &f, &err);
	if (rc == -EINVAL) {
		if (f || !err.column || err.column > len + 1 || !err.msg[0])
			fuzz_fail("refused with column %zu of %zu, message \"%s\"", err.column, len,
				  err.msg);
	} else if (rc) {
		fuzz_fail("sock_filter_parse: %d", rc);
	} else if (!blank && !sock_filter_selects_states(f)) {
		/* "not ( WORDS )" must decide every socket the other way */
		char *wrapped[MAX_WORDS + 3] = { "not", "(" };

		memcpy(wrapped + 2, words, n * sizeof(*words));
		wrapped[n + 2] = ")";
		if (sock_filter_parse(wrapped, n + 3, &g, &err) == 0) {
			for (size_t i = 0; i < sizeof(socks) / sizeof(socks[0]); i++)
				if (sock_filter_match(f, &socks[i], &links) ==
				    sock_filter_match(g, &socks[i], &links))
					fuzz_fail("socket %zu: a filter and its negation agree", i);
			sock_filter_free(g);
		} else if (!strstr(err.msg, "nested")) {
			fuzz_fail("a filter that compiles, in parentheses after not, does not: %s",
				  err.msg);
		}
	}
	sock_filter_free(f);
	fuzz_words_free(words, n);
	return 0;
}
