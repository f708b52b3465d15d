// SPDX-License-Identifier: GPL-2.0
/* test_nlmsg.c - our netlink message code (lib/transport/nlmsg.c) against libnl's
 *
 * Requests: built by both, they must be the same bytes (the recordings of the replay
 * tests were made with libnl's; a request that differs finds no answer there). Replies:
 * split by both, every attribute they index must be the same one, on well-formed
 * messages and on ones cut, padded or lying about lengths.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/sock_diag.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include "nlmsg.h"
#include "tap.h"

#define MAXTYPE 8

static void test_requests(void)
{
	static const char fixed[10] = "0123456789";
	struct smc_nlmsg m;
	struct nl_msg *l;
	uint8_t blob[3] = { 1, 2, 3 };

	/* a generic-netlink request with attributes of every length modulo 4 */
	ok(!smc_genlmsg_init(&m, 0x1d, NLM_F_ACK, 7, 1) &&
	   !smc_nla_put_str(&m, 2, "SMC_GEN_NETLINK") && !smc_nla_put_u32(&m, 3, 0xdeadbeef) &&
	   !smc_nla_put_u8(&m, 4, 9) && !smc_nla_put(&m, 5, blob, sizeof(blob)) &&
	   !smc_nla_put(&m, 6, NULL, 0), "genl request built");
	l = nlmsg_alloc();
	genlmsg_put(l, NL_AUTO_PORT, NL_AUTO_SEQ, 0x1d, 0, NLM_F_ACK, 7, 1);
	nla_put_string(l, 2, "SMC_GEN_NETLINK");
	nla_put_u32(l, 3, 0xdeadbeef);
	nla_put_u8(l, 4, 9);
	nla_put(l, 5, sizeof(blob), blob);
	nla_put(l, 6, 0, NULL);
	ok(m.h->nlmsg_len == nlmsg_hdr(l)->nlmsg_len &&
	   !memcmp(m.h, nlmsg_hdr(l), m.h->nlmsg_len),
	   "genl request: the same %u bytes as libnl's", m.h->nlmsg_len);
	smc_nlmsg_release(&m);
	nlmsg_free(l);

	/* a plain request with a fixed header whose length is no multiple of 4 */
	ok(!smc_nlmsg_init(&m, SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP) &&
	   !smc_nlmsg_append(&m, fixed, sizeof(fixed)) && !smc_nla_put_u32(&m, 1, 5),
	   "plain request built");
	l = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP);
	nlmsg_append(l, (void *)fixed, sizeof(fixed), NLMSG_ALIGNTO);
	nla_put_u32(l, 1, 5);
	ok(m.h->nlmsg_len == nlmsg_hdr(l)->nlmsg_len &&
	   !memcmp(m.h, nlmsg_hdr(l), m.h->nlmsg_len),
	   "plain request: the same %u bytes as libnl's", m.h->nlmsg_len);
	smc_nlmsg_release(&m);
	nlmsg_free(l);

	/* growing past the first buffer keeps what was there */
	ok(!smc_nlmsg_init(&m, 16, 0), "a big request");
	for (int i = 0; i < 200; i++)
		smc_nla_put_u32(&m, 1, (uint32_t)i);
	ok(m.h && m.h->nlmsg_len == NLMSG_HDRLEN + 200 * 8 &&
	   !memcmp((char *)m.h + NLMSG_HDRLEN + 199 * 8 + NLA_HDRLEN, &(uint32_t){ 199 }, 4),
	   "200 attributes, the last one intact after the buffer grew");
	ok(smc_nla_put(&m, 1, fixed, 70000) == -EMSGSIZE, "an attribute of 70000 bytes: -EMSGSIZE");
	smc_nlmsg_release(&m);
	ok(!m.h, "released");
}

/* Split @len bytes at @head with both parsers: do they index the same attributes? */
static bool same_split(const void *head, size_t len)
{
	struct nlattr *ours[MAXTYPE + 1], *theirs[MAXTYPE + 1];

	memset(theirs, 0, sizeof(theirs));
	if (smc_nla_parse(ours, MAXTYPE, head, len) ||
	    nla_parse(theirs, MAXTYPE, (struct nlattr *)head, (int)len, NULL))
		return false;
	return !memcmp(ours, theirs, sizeof(ours));
}

static void put_attr(uint8_t *p, uint16_t len, uint16_t type)
{
	memcpy(p, &len, 2);
	memcpy(p + 2, &type, 2);
}

static void test_attributes(void)
{
	uint8_t *b = calloc(1, 64);
	struct nlattr *tb[MAXTYPE + 1];
	size_t rem;
	struct nlattr *a;
	int n = 0;

	/* 1: 4 bytes of payload; 2 (nested bit set): 1 byte, padded; 9: above MAXTYPE; 1 again */
	put_attr(b, 8, 1);
	put_attr(b + 8, 5, 2 | NLA_F_NESTED);
	put_attr(b + 16, 4, 9);
	put_attr(b + 20, 6, 1);
	ok(same_split(b, 28), "well-formed: the same split as libnl's");
	smc_nla_parse(tb, MAXTYPE, b, 28);
	ok(tb[1] == (void *)(b + 20) && tb[2] == (void *)(b + 8) && !tb[3],
	   "the last of a type counts, the nested bit is no part of the type, 9 is skipped");
	ok(same_split(b, 26), "the last attribute unpadded at the end: the same");
	ok(same_split(b, 25), "the last attribute cut by one byte: the same (it is dropped)");
	smc_nla_parse(tb, MAXTYPE, b, 25);
	ok(tb[1] == (void *)b, "... and the one before it counts");
	ok(same_split(b, 2), "half a header: the same (nothing)");
	ok(same_split(b, 0), "no bytes: the same (nothing)");
	put_attr(b + 8, 2, 2);	/* shorter than its own header */
	ok(same_split(b, 28), "an attribute shorter than a header ends the walk, as libnl's");
	smc_nla_parse(tb, MAXTYPE, b, 28);
	ok(tb[1] == (void *)b && !tb[2], "... keeping what came before");
	put_attr(b + 8, 60, 2);	/* longer than what is left */
	ok(same_split(b, 28), "an attribute longer than the rest ends the walk, as libnl's");
	smc_nla_for_each(a, b, 28, rem)
		n++;
	ok(n == 1, "smc_nla_for_each stops there too (%d)", n);

	/* a nest holding an attribute that overruns it, followed by a good attribute */
	memset(b, 0, 64);
	put_attr(b, 12, 3);
	put_attr(b + 4, 12, 1);	/* claims 12 bytes, the nest holds 8 */
	put_attr(b + 12, 8, 2);
	smc_nla_parse(tb, MAXTYPE, b, 20);
	ok(tb[3] && tb[2] && !smc_nla_parse_nested(tb, MAXTYPE, (struct nlattr *)b) && !tb[1],
	   "a nest's content is bounded by the nest, not by the message");
	free(b);
}

static void test_messages(void)
{
	struct nlattr *tb[MAXTYPE + 1], *theirs[MAXTYPE + 1];
	struct nl_msg *l = nlmsg_alloc();
	struct nlmsghdr *h;

	genlmsg_put(l, NL_AUTO_PORT, NL_AUTO_SEQ, 0x1d, 0, 0, 1, 1);
	nla_put_u32(l, 1, 7);
	nla_put_string(l, 2, "x");
	h = nlmsg_hdr(l);
	ok(!smc_genlmsg_parse(h, tb, MAXTYPE) && !genlmsg_parse(h, 0, theirs, MAXTYPE, NULL) &&
	   !memcmp(tb, theirs, sizeof(tb)) && tb[1] && tb[2],
	   "a genl message: the same split as libnl's genlmsg_parse");
	ok(!smc_nlmsg_parse(h, 10, tb, MAXTYPE) && !nlmsg_parse(h, 10, theirs, MAXTYPE, NULL) &&
	   !memcmp(tb, theirs, sizeof(tb)),
	   "a 10-byte fixed header (padded to 12): the same as libnl's nlmsg_parse");
	h->nlmsg_len = NLMSG_HDRLEN + 3;
	ok(smc_genlmsg_parse(h, tb, MAXTYPE) == -EPROTO && genlmsg_parse(h, 0, theirs, MAXTYPE,
									   NULL) < 0,
	   "shorter than the genl header: -EPROTO, as libnl refuses it");
	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	ok(!smc_genlmsg_parse(h, tb, MAXTYPE) && !tb[1] && !tb[2], "a bare genl header: no attributes");
	h->nlmsg_len = 8;
	ok(smc_nlmsg_parse(h, 0, tb, MAXTYPE) == -EPROTO, "nlmsg_len below a netlink header: -EPROTO");
	nlmsg_free(l);
}

int main(void)
{
	test_requests();
	test_attributes();
	test_messages();
	return tap_done();
}
