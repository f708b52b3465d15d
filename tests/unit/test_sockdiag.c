// SPDX-License-Identifier: GPL-2.0
/* test_sockdiag.c - parse synthesized sock_diag replies and render them as smcss rows */
#include <arpa/inet.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <linux/sock_diag.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "decode.h"
#include "out_capture.h"
#include "sockdiag.h"
#include "view_sock.h"

#ifndef AF_SMC
#define AF_SMC 43
#endif

struct fake {
	int		family;		/* diag_family */
	const char	*src, *dst;	/* NULL: zeros */
	int		addr_af;	/* how src/dst are written */
	uint8_t		state, mode;
	uint32_t	reason, peer;
	size_t		dmb_len;	/* 0: no DMBINFO */
	bool		conninfo;
};

static struct nl_msg *build(const struct fake *f)
{
	struct nl_msg *msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_MULTI);
	struct smc_diag_msg m = { 0 };
	struct smc_diag_fallback fb = { f->reason, f->peer };

	m.diag_family = (uint8_t)f->family;
	m.diag_state = f->state;
	m.diag_mode = f->mode;
	m.id.idiag_sport = htons(40000);
	/* listening and unconnected sockets have no peer */
	m.id.idiag_dport = (f->state == 10 || f->state == 2) ? 0 : htons(5201);
	m.id.idiag_if = 0x1f;
	m.diag_uid = 1000;
	m.diag_inode = 4242;
	if (f->src)
		inet_pton(f->addr_af, f->src, m.id.idiag_src);
	if (f->dst)
		inet_pton(f->addr_af, f->dst, m.id.idiag_dst);
	nlmsg_append(msg, &m, sizeof(m), NLMSG_ALIGNTO);
	nla_put_u8(msg, SMC_DIAG_SHUTDOWN, 2);
	nla_put(msg, SMC_DIAG_FALLBACK, sizeof(fb), &fb);
	if (f->dmb_len) {
		struct smcd_diag_dmbinfo d = {
			.linkid = 0x1234, .peer_gid = 0xaa, .my_gid = 0xbb, .token = 0xcc,
			.peer_token = 0xdd, .peer_gid_ext = 0x11, .my_gid_ext = 0x22,
		};
		nla_put(msg, SMC_DIAG_DMBINFO, (int)f->dmb_len, &d);
	}
	if (f->conninfo) {
		struct smc_diag_conninfo ci = { .token = 0x77, .sndbuf_size = 0x10000,
						.rmbe_size = 0x10000, .peer_rmbe_size = 0x10000 };
		ci.tx_prep.wrap = 1;
		ci.tx_prep.count = 0x200;
		nla_put(msg, SMC_DIAG_CONNINFO, sizeof(ci), &ci);
	}
	return msg;
}

static char *render(const struct smc_sock *s, unsigned int groups, bool wide, bool json)
{
	struct view_sock_opts vo = { .groups = groups, .wide = wide };
	struct memout m;
	struct out *o = out_capture(&m, (struct out_opts){ .json = json });

	view_sock_begin(o, &vo);
	view_sock_row(o, &vo, s);
	view_sock_end(o);
	return out_captured(&m, o);
}

/* the row only: drop the header line */
static const char *row_of(const char *table)
{
	const char *nl = strchr(table, '\n');

	return nl ? nl + 1 : table;
}

static void parse(const struct fake *f, struct smc_sock *s)
{
	struct nl_msg *msg = build(f);

	if (smc_sock_parse(nlmsg_hdr(msg), s))
		abort();
	nlmsg_free(msg);
}

/* IPPROTO_SMC sockets: addresses from the one TCP socket with the same ports */
static void test_addr_from_tcp(void)
{
	struct smc_tcp_ep eps[4] = {
		{ .family = AF_INET, .listen = true, .sport = 7000 },
		{ .family = AF_INET, .sport = 7000, .dport = 40000 },
		{ .family = AF_INET6, .sport = 7001, .dport = 40001 },
		{ .family = AF_INET6, .sport = 7001, .dport = 40001 },
	};
	struct smc_tcp_eps t = { .v = eps, .n = 4 };
	struct smc_sock s = { .family = AF_INET, .state = SMC_SOCK_STATE_ACTIVE,
			      .sport = 7000, .dport = 40000 };

	inet_pton(AF_INET, "198.18.0.1", &eps[1].saddr);
	inet_pton(AF_INET, "198.18.0.2", &eps[1].daddr);
	inet_pton(AF_INET, "198.18.0.1", &eps[0].saddr);
	ok(smc_sock_addr_from_tcp(&t, &s) && s.addr_known &&
	   !memcmp(&s.saddr, &eps[1].saddr, sizeof(s.saddr)) &&
	   !memcmp(&s.daddr, &eps[1].daddr, sizeof(s.daddr)),
	   "one TCP socket with the ports: its addresses");
	ok(!smc_sock_addr_from_tcp(&t, &s), "addresses already known: left alone");
	s = (struct smc_sock){ .family = AF_INET, .state = SMC_SOCK_STATE_LISTEN, .sport = 7000 };
	ok(smc_sock_addr_from_tcp(&t, &s) && !memcmp(&s.saddr, &eps[0].saddr, sizeof(s.saddr)),
	   "a listener matches the listening TCP socket, not the connection");
	s = (struct smc_sock){ .family = AF_INET, .state = SMC_SOCK_STATE_ACTIVE, .sport = 7001,
			       .dport = 40001 };
	ok(!smc_sock_addr_from_tcp(&t, &s) && !s.addr_known,
	   "two TCP sockets with the same ports: no guess");
	s.sport = 9;
	ok(!smc_sock_addr_from_tcp(&t, &s) && !s.addr_known, "no TCP socket: unknown");
}

int main(void)
{
	struct smc_sock s;
	char *t;

	parse(&(struct fake){ AF_SMC, "127.0.0.1", "127.0.0.1", AF_INET, 1, 2, 0, 0, 0, 0 }, &s);
	ok(s.family == AF_INET && s.addr_known, "AF_SMC with word 0 only is IPv4");
	ok(s.sport == 40000 && s.dport == 5201 && s.ifindex == 0x1f && s.inode == 4242,
	   "ports, interface, inode");
	ok(s.has & SMC_SOCK_HAS_SHUTDOWN && s.shutdown == 2, "shutdown attribute");
	t = render(&s, 0, false, false);
	is_str(row_of(t), "ACTIVE         01000 0004242 127.0.0.1:40000         127.0.0.1:5201          001f SMCD \n",
	       "SMC-D row in smc-tools columns, its trailing blank included");
	free(t);

	parse(&(struct fake){ AF_SMC, "127.0.0.1", "127.0.0.1", AF_INET, 1, 1, 0x05000000,
			      0x03030008, 0, 0 }, &s);
	t = render(&s, 0, false, false);
	is_str(row_of(t), "ACTIVE         01000 0004242 127.0.0.1:40000         127.0.0.1:5201          001f TCP 0x05000000/0x03030008\n",
	       "fallback row with local/peer codes");
	free(t);
	t = render(&s, VIEW_SOCK_DEBUG, false, false);
	ok(strstr(t, " 001f TCP 0x05000000/0x03030008\n") != NULL,
	   "-d: the row still ends with the codes, as in smc-tools");
	free(t);
	t = render(&s, 0, false, true);
	ok(strstr(t, "\"mode\":\"TCP\",\"fallback_reason\":83886080,\"fallback_reason_name\":\"PEERDECL\"") &&
	   strstr(t, "\"peer_diagnosis\":50528264,\"peer_diagnosis_name\":\"NOUEID\""),
	   "JSON carries codes as numbers with their names");
	free(t);

	parse(&(struct fake){ AF_SMC, "fe80::1234:5678:9abc:def0", "::ffff:198.18.0.2", AF_INET6,
			      1, 0, 0, 0, 0, 0 }, &s);
	ok(s.family == AF_INET6, "IPv6 inferred from the upper words");
	t = render(&s, 0, false, false);
	ok(strstr(t, " [fe80::1234:56..]:40000 [::ffff:198.18...]:5201 001f SMCR \n") != NULL,
	   "IPv6 in brackets, shortened to 23 characters keeping the port");
	free(t);
	t = render(&s, 0, true, false);
	ok(strstr(t, " [fe80::1234:5678:9abc:def0]:40000 [::ffff:198.18.0.2]:5201 ") != NULL,
	   "-W keeps whole IPv6 addresses, columns stay aligned");
	free(t);

	parse(&(struct fake){ AF_INET, NULL, NULL, AF_INET, 1, 1, 0x03010000, 0, 0, 0 }, &s);
	ok(s.family == AF_INET && !s.addr_known, "IPPROTO_SMC socket: family from diag_family, "
	   "addresses unknown");
	t = render(&s, 0, false, false);
	ok(strstr(t, " *:40000 ") != NULL, "unknown addresses print as *");
	free(t);

	parse(&(struct fake){ AF_SMC, NULL, NULL, AF_INET, 1, 2, 0, 0, 0, 0 }, &s);
	ok(s.family == AF_INET && !s.addr_known, "connected AF_SMC socket without peer address "
	   "(accepted by an IPPROTO_SMC listener): addresses unknown");

	parse(&(struct fake){ AF_SMC, "127.0.0.1", "127.0.0.1", AF_INET, 1, 2, 0, 0, 40, 0 }, &s);
	ok((s.has & SMC_SOCK_HAS_DMBINFO) && !(s.has & SMC_SOCK_HAS_GID_EXT),
	   "pre-6.8 40-byte DMBINFO accepted without GID extension");
	parse(&(struct fake){ AF_SMC, "127.0.0.1", "127.0.0.1", AF_INET, 1, 2, 0, 0,
			      sizeof(struct smcd_diag_dmbinfo), 0 }, &s);
	t = render(&s, VIEW_SOCK_SMCD, false, false);
	ok(strstr(t, " SMCD 00000000000000bb0000000000000022 00000000000000cc "
		     "00000000000000aa0000000000000011 00000000000000dd 00001234 \n") != NULL,
	   "-D shows 128-bit GIDs whole");
	free(t);
	t = render(&s, VIEW_SOCK_SMCD, false, true);
	ok(strstr(t, "\"gid\":\"0x00000000000000bb\"") && strstr(t, "\"gid_ext\":\"0x0000000000000022\"") &&
	   strstr(t, "\"linkgroup_id\":4660"), "-D JSON: GIDs as hex strings");
	free(t);

	parse(&(struct fake){ AF_SMC, "127.0.0.1", "127.0.0.1", AF_INET, 1, 2, 0, 0, 0, 1 }, &s);
	t = render(&s, VIEW_SOCK_DEBUG, false, false);
	ok(strstr(t, " SMCD  <-W  00000077 00010000 00010000 00010000 0000:00000000 0000:00000000 "
		     "00:00   0000:00000000 0000:00000000 00:00   0001:00000200 ") != NULL,
	   "-d: shutdown (blank, R-W, two blanks), token, buffers, cursors");
	free(t);

	parse(&(struct fake){ AF_SMC, NULL, NULL, AF_INET, 2, 0, 0, 0, 0, 0 }, &s);
	t = render(&s, 0, false, false);
	is_str(row_of(t), "INIT           01000 0004242 \n", "INIT row ends after the inode and its blank");
	free(t);
	parse(&(struct fake){ AF_SMC, NULL, NULL, AF_INET, 10, 0, 0, 0, 0, 0 }, &s);
	t = render(&s, 0, false, false);
	is_str(row_of(t), "LISTEN         01000 0004242 0.0.0.0:40000           \n",
	       "LISTEN row ends after the padded local address");
	free(t);
	parse(&(struct fake){ AF_SMC, "127.0.0.1", "127.0.0.1", AF_INET, 5, 0, 0, 0, 0, 0 }, &s);
	t = render(&s, 0, false, false);
	ok(strncmp(row_of(t), "0x5?           ", 15) == 0, "unknown state printed raw");
	free(t);
	test_addr_from_tcp();
	return tap_done();
}
