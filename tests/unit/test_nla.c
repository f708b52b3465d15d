// SPDX-License-Identifier: GPL-2.0
/* test_nla.c - hostile kernel replies: attributes shorter than their type, strings
 * without their NUL, structs cut short, nests that lie about their length, port counts
 * near UINT32_MAX. First the getters of nla.h alone, then every parser on crafted
 * messages, then RDMA's port walk with a fake kernel.
 *
 * Every message is copied into a buffer of exactly its length (tight()), with the
 * hostile attribute last: a read one byte past it leaves the allocation, which ASan
 * (make asan: build/asan/test_nla) reports. The plain build checks the values.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/inet_diag.h>
#include <linux/smc.h>
#include <linux/sock_diag.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <rdma/rdma_netlink.h>

#include "nla.h"
#include "rdma_nl.h"
#include "smc_dev.h"
#include "smc_eid.h"
#include "smc_lgr.h"
#include "smc_pnet.h"
#include "smc_sys.h"
#include "sockdiag.h"
#include "tap.h"

#ifndef AF_SMC
#define AF_SMC 43
#endif

/* ---- building blocks --------------------------------------------------------------- */

/* One attribute of type 1 in a buffer of exactly its size: no padding, nothing after. */
static struct nlattr *attr_new(const void *data, size_t len)
{
	struct nlattr *a = malloc(NLA_HDRLEN + len);

	if (!a)
		abort();
	a->nla_type = 1;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	return a;
}

/* @m copied into a buffer of exactly its length; @m is freed */
static struct nl_msg *tight(struct nl_msg *m)
{
	struct nl_msg *t = nlmsg_convert(nlmsg_hdr(m));

	if (!t)
		abort();
	nlmsg_free(m);
	return t;
}

static struct nl_msg *genl_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, 0, 0, 0x1d, 0, NLM_F_MULTI, cmd, 1))
		abort();
	return msg;
}

static struct nl_msg *rdma_msg(uint8_t op)
{
	struct nl_msg *msg = nlmsg_alloc_simple(RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, op), NLM_F_MULTI);

	if (!msg)
		abort();
	return msg;
}

/* A string attribute without its NUL (the payload is exactly strlen(s) bytes) */
static void put_unterminated(struct nl_msg *msg, int type, const char *s)
{
	nla_put(msg, type, (int)strlen(s), s);
}

/* An attribute with no payload at all: a u32/u64/string getter must read nothing */
static void put_empty(struct nl_msg *msg, int type)
{
	nla_put(msg, type, 0, NULL);
}

/* ---- the getters alone --------------------------------------------------------------- */

static void test_integers(void)
{
	static const uint8_t raw[9] = { 0x2c, 0x01, 0, 0, 0, 0, 0, 0, 0 };	/* 300 LE */
	uint64_t u64 = 0xdead;
	uint32_t u32 = 0xdead;
	uint16_t u16 = 0xdead;
	uint8_t u8 = 0x55;
	bool flag = true;
	struct nlattr *a;

	ok(!smc_nla_u32(NULL, &u32) && u32 == 0xdead, "absent: false, destination untouched");
	for (size_t len = 0; len <= 9; len++) {
		bool valid = len == 1 || len == 2 || len == 4 || len == 8;

		a = attr_new(raw, len);
		u64 = 0xdead;
		ok(smc_nla_u64(a, &u64) == valid && (valid || u64 == 0xdead),
		   "a %zu-byte integer is %s", len, valid ? "read" : "malformed, not read");
		free(a);
	}
	a = attr_new(raw, 2);
	ok(smc_nla_u16(a, &u16) && u16 == 300, "u16 read from 2 bytes");
	ok(smc_nla_u32(a, &u32) && u32 == 300, "u32 read from 2 bytes (by length)");
	ok(!smc_nla_u8(a, &u8) && u8 == 0x55, "300 does not fit a u8: malformed");
	free(a);
	a = attr_new(raw, 1);
	ok(smc_nla_u32(a, &u32) && u32 == 0x2c, "u32 from a 1-byte attribute: no read past it");
	free(a);
	a = attr_new(raw, 3);
	ok(!smc_nla_u32(a, &u32) && u32 == 0x2c, "3 bytes: no integer");
	free(a);
	a = attr_new((const uint8_t[8]){ 0, 0, 0, 0, 1, 0, 0, 0 }, 8);
	ok(!smc_nla_u32(a, &u32), "2^32 in 8 bytes does not fit a u32");
	ok(smc_nla_u64(a, &u64) && u64 == 1ull << 32, "but fits a u64");
	ok(smc_nla_bool(a, &flag) && flag, "and is true as a flag");
	free(a);
	a = attr_new((const uint8_t[4]){ 0 }, 4);
	ok(smc_nla_bool(a, &flag) && !flag, "a zero u32 is false");
	free(a);
	a = attr_new(NULL, 0);
	flag = true;
	ok(!smc_nla_bool(a, &flag) && flag, "an empty attribute is no flag");
	free(a);
}

static void test_strings(void)
{
	char buf[8], big[64];
	struct nlattr *a;

	a = attr_new("eth0", 4);
	ok(smc_nla_str(a, buf, sizeof(buf)) && !strcmp(buf, "eth0"),
	   "unterminated string: the attribute's end ends it");
	free(a);
	a = attr_new("n/a", 4);
	ok(smc_nla_str(a, buf, sizeof(buf)) && !strcmp(buf, "n/a"), "terminated string");
	free(a);
	a = attr_new("ab\0cd", 6);
	ok(smc_nla_str(a, buf, sizeof(buf)) && !strcmp(buf, "ab"), "stops at the first NUL");
	free(a);
	a = attr_new(NULL, 0);
	strcpy(buf, "x");
	ok(smc_nla_str(a, buf, sizeof(buf)) && !buf[0], "empty attribute: empty string");
	free(a);
	a = attr_new("abcdefgh", 8);
	ok(!smc_nla_str(a, buf, sizeof(buf)) && !buf[0],
	   "8 characters do not fit 8 bytes: malformed, not cut");
	ok(smc_nla_str(a, big, sizeof(big)) && !strcmp(big, "abcdefgh"), "they fit 64");
	free(a);
	strcpy(buf, "x");
	ok(!smc_nla_str(NULL, buf, sizeof(buf)) && !buf[0], "absent: false and empty");
	ok(!smc_nla_str(NULL, buf, 0), "no room at all: false, nothing written");

	a = attr_new("SMC-EID     ", 12);	/* blank-padded, unterminated */
	ok(smc_nla_padded_str(a, buf, sizeof(buf)) && !strcmp(buf, "SMC-EID"),
	   "padded: blanks removed before the fit is checked");
	ok(!smc_nla_str(a, buf, sizeof(buf)), "unpadded: 12 characters do not fit");
	free(a);
	a = attr_new("    ", 4);
	ok(smc_nla_padded_str(a, buf, sizeof(buf)) && !buf[0], "all blanks: empty");
	free(a);

	a = attr_new("Unknown family", 14);	/* an extack message, unterminated */
	ok(smc_nla_text(a, buf, sizeof(buf)) && !strcmp(buf, "Unknown"),
	   "text for people: cut to fit");
	ok(smc_nla_text(a, big, sizeof(big)) && !strcmp(big, "Unknown family"),
	   "text for people: whole when it fits");
	free(a);
	ok(!smc_nla_text(NULL, buf, sizeof(buf)) && !buf[0], "text: absent");
}

struct two_fields {
	uint32_t	first;
	uint32_t	second;
};

static void test_structs(void)
{
	static const uint8_t raw[12] = { 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0 };
	struct two_fields t;
	struct nlattr *a;

	memset(&t, 0xff, sizeof(t));
	a = attr_new(raw, 3);
	ok(smc_nla_struct(a, &t, sizeof(t), sizeof(t.first)) == 0 && t.first == 0 &&
	   t.second == 0, "shorter than the fields read: absent, struct zeroed");
	free(a);
	memset(&t, 0xff, sizeof(t));
	a = attr_new(raw, 6);
	ok(smc_nla_struct(a, &t, sizeof(t), sizeof(t.first)) == 6 && t.first == 1 &&
	   t.second == 2, "an older kernel's shorter struct: copied, the rest zero");
	free(a);
	a = attr_new(raw, 12);
	ok(smc_nla_struct(a, &t, sizeof(t), sizeof(t)) == sizeof(t) && t.second == 2,
	   "a newer kernel's longer struct: cut to ours");
	free(a);
	ok(smc_nla_struct(NULL, &t, sizeof(t), 1) == 0 && t.first == 0, "absent: zeroed");
}

static void test_header(void)
{
	struct nl_msg *msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, 0);
	struct smc_diag_msg m;

	nlmsg_append(msg, "0123456789", 10, NLMSG_ALIGNTO);
	msg = tight(msg);
	memset(&m, 0xff, sizeof(m));
	ok(!smc_nlmsg_header(nlmsg_hdr(msg), &m, sizeof(m)) && m.diag_inode == 0,
	   "a message shorter than its fixed header: not read, zeroed");
	ok(smc_nlmsg_header(nlmsg_hdr(msg), &m, 8) && !memcmp(&m, "01234567", 8),
	   "a header it does hold is copied");
	nlmsg_free(msg);
}

/* ---- SMC_PNETID ---------------------------------------------------------------------- */

static void test_pnet(void)
{
	struct smc_pnet_entry e;
	struct nl_msg *msg;

	/* an empty, unterminated name (libnl 3.7's NLA_NUL_STRING policy let it through) */
	msg = genl_msg(SMC_PNETID_GET);
	nla_put_string(msg, SMC_PNETID_ETHNAME, "eth0");
	put_empty(msg, SMC_PNETID_NAME);
	msg = tight(msg);
	ok(smc_pnet_parse(nlmsg_hdr(msg), &e) == -EPROTO, "pnet: an empty name at the message's end");
	nlmsg_free(msg);

	msg = genl_msg(SMC_PNETID_GET);
	nla_put_string(msg, SMC_PNETID_NAME, "NET1");
	put_empty(msg, SMC_PNETID_ETHNAME);
	msg = tight(msg);
	ok(smc_pnet_parse(nlmsg_hdr(msg), &e) == 0 && !strcmp(e.pnetid, "NET1") && !e.netdev[0],
	   "pnet: an empty netdev name is read as none");
	nlmsg_free(msg);

	msg = genl_msg(SMC_PNETID_GET);
	put_unterminated(msg, SMC_PNETID_NAME, "NET2");
	nla_put_string(msg, SMC_PNETID_IBNAME, "mlx5_0");
	nla_put_u8(msg, SMC_PNETID_IBPORT, 9);
	put_unterminated(msg, SMC_PNETID_ETHNAME, "eth1");
	msg = tight(msg);
	ok(smc_pnet_parse(nlmsg_hdr(msg), &e) == 0 && !strcmp(e.pnetid, "NET2") &&
	   !strcmp(e.netdev, "eth1") && !strcmp(e.ibdev, "mlx5_0"),
	   "pnet: unterminated names end at the attribute");
	ok(e.ib_port == 0, "pnet: port 9 cannot be (SMC ports are 1..2): none");
	nlmsg_free(msg);

	msg = genl_msg(SMC_PNETID_GET);
	nla_put_string(msg, SMC_PNETID_NAME, "NET3");
	nla_put_string(msg, SMC_PNETID_ETHNAME, "n/a");
	nla_put_string(msg, SMC_PNETID_IBNAME, "rxe0");
	nla_put_u8(msg, SMC_PNETID_IBPORT, 2);
	msg = tight(msg);
	ok(smc_pnet_parse(nlmsg_hdr(msg), &e) == 0 && !e.netdev[0] && !strcmp(e.ibdev, "rxe0") &&
	   e.ib_port == 2, "pnet: n/a is none; a device with port 2");
	nlmsg_free(msg);

	msg = genl_msg(SMC_PNETID_GET);
	nla_put_string(msg, SMC_PNETID_NAME, "ABCDEFGHIJKLMNOPQRST");
	msg = tight(msg);
	ok(smc_pnet_parse(nlmsg_hdr(msg), &e) == -EPROTO, "pnet: a 20-character PNET ID is malformed");
	nlmsg_free(msg);
}

/* ---- RDMA netlink -------------------------------------------------------------------- */

static void test_rdma_parsers(void)
{
	struct rdma_nl_port p;
	struct rdma_nl_dev d;
	struct nl_msg *msg;

	msg = rdma_msg(RDMA_NLDEV_CMD_GET);
	nla_put_string(msg, RDMA_NLDEV_ATTR_DEV_NAME, "rxe0");
	put_empty(msg, RDMA_NLDEV_ATTR_DEV_INDEX);
	msg = tight(msg);
	ok(rdma_nl_dev_parse(nlmsg_hdr(msg), &d) == -ENODATA, "rdma: an empty device index: no device");
	nlmsg_free(msg);

	msg = rdma_msg(RDMA_NLDEV_CMD_GET);
	nla_put_u32(msg, RDMA_NLDEV_ATTR_DEV_INDEX, 3);
	nla_put_string(msg, RDMA_NLDEV_ATTR_DEV_NAME, "rxe0");
	put_empty(msg, RDMA_NLDEV_ATTR_PORT_INDEX);
	msg = tight(msg);
	ok(rdma_nl_dev_parse(nlmsg_hdr(msg), &d) == 0 && d.index == 3 && !strcmp(d.name, "rxe0") &&
	   d.last_port == 0, "rdma: an empty port count: no ports");
	nlmsg_free(msg);

	msg = rdma_msg(RDMA_NLDEV_CMD_GET);
	nla_put_u8(msg, RDMA_NLDEV_ATTR_DEV_INDEX, 7);
	nla_put_u32(msg, RDMA_NLDEV_ATTR_PORT_INDEX, UINT32_MAX);
	put_unterminated(msg, RDMA_NLDEV_ATTR_DEV_NAME, "mlx5_1");
	msg = tight(msg);
	ok(rdma_nl_dev_parse(nlmsg_hdr(msg), &d) == 0 && d.index == 7 && !strcmp(d.name, "mlx5_1") &&
	   d.last_port == UINT32_MAX, "rdma: a 1-byte index, an unterminated name");
	nlmsg_free(msg);

	p = (struct rdma_nl_port){ .port = 1 };
	msg = rdma_msg(RDMA_NLDEV_CMD_PORT_GET);
	nla_put_string(msg, RDMA_NLDEV_ATTR_NDEV_NAME, "eth0");
	put_empty(msg, RDMA_NLDEV_ATTR_NDEV_INDEX);
	msg = tight(msg);
	ok(rdma_nl_port_parse(nlmsg_hdr(msg), &p) == 0 && p.netdev_here && !strcmp(p.netdev, "eth0") &&
	   p.netdev_ifindex == 0 && p.port == 1, "rdma port: an empty ifindex is none");
	nlmsg_free(msg);

	p = (struct rdma_nl_port){ .port = 1 };
	msg = rdma_msg(RDMA_NLDEV_CMD_PORT_GET);
	nla_put_u32(msg, RDMA_NLDEV_ATTR_NDEV_INDEX, 4);
	put_unterminated(msg, RDMA_NLDEV_ATTR_NDEV_NAME, "abcdefghijklmnop");
	msg = tight(msg);
	ok(rdma_nl_port_parse(nlmsg_hdr(msg), &p) == 0 && !p.netdev_here && !p.netdev[0] &&
	   p.netdev_ifindex == 4, "rdma port: a 16-character netdev name is malformed");
	nlmsg_free(msg);

	d = (struct rdma_nl_dev){ .index = 3 };
	msg = rdma_msg(RDMA_NLDEV_CMD_GET_CHARDEV);
	put_empty(msg, RDMA_NLDEV_ATTR_UVERBS_DRIVER_ID);
	msg = tight(msg);
	ok(rdma_nl_chardev_parse(nlmsg_hdr(msg), &d) == 0 && !d.has_driver, "rdma: an empty driver id");
	nlmsg_free(msg);

	msg = rdma_msg(RDMA_NLDEV_CMD_GET_CHARDEV);
	nla_put_u64(msg, RDMA_NLDEV_ATTR_UVERBS_DRIVER_ID, 5);
	msg = tight(msg);
	ok(rdma_nl_chardev_parse(nlmsg_hdr(msg), &d) == 0 && d.has_driver && d.driver_id == 5,
	   "rdma: the driver id as the u64 the UAPI header says");
	nlmsg_free(msg);
}

/* A fake RDMA core: device "dead" has a huge port count and fails every request, as
 * a device that went away does; "good" answers ports 1..good_ports. A guard turns a
 * runaway walk into a failure instead of a hang.
 */
struct fake_rdma {
	uint32_t	good_ports;
	int		dead_err;
	unsigned long	queries, dead_queries;
	unsigned long	reported;
};

#define FAKE_RDMA_GUARD 100000ul

static int fake_query(void *ctx, const struct rdma_nl_dev *d, struct rdma_nl_port *p)
{
	struct fake_rdma *f = ctx;

	if (++f->queries > FAKE_RDMA_GUARD)
		return -ELOOP;
	if (!strcmp(d->name, "dead")) {
		f->dead_queries++;
		return f->dead_err;
	}
	if (p->port > f->good_ports)
		return -EINVAL;
	p->netdev_here = true;
	snprintf(p->netdev, sizeof(p->netdev), "eth%u", p->port);
	return 0;
}

static int fake_port_cb(const struct rdma_nl_port *p, void *arg)
{
	struct fake_rdma *f = arg;

	(void)p;
	f->reported++;
	return 0;
}

static int stop_cb(const struct rdma_nl_port *p, void *arg)
{
	(void)p;
	(void)arg;
	return -ECANCELED;
}

static void test_rdma_walk(void)
{
	const struct rdma_nl_dev devs[] = {
		{ .name = "dead", .index = 1, .last_port = UINT32_MAX },
		{ .name = "good", .index = 2, .last_port = UINT32_MAX },
	};
	struct fake_rdma f = { .good_ports = 3, .dead_err = -EINVAL };
	int rc;

	rc = rdma_nl_walk_ports(devs, 2, UINT32_MAX, fake_query, &f, fake_port_cb, &f);
	ok(rc == 0, "walk: UINT32_MAX ports, every request failing: it ends (rc %d)", rc);
	ok(f.dead_queries == 1, "walk: the failing device is asked once (%lu)", f.dead_queries);
	ok(f.reported == 3 && f.queries == 5,
	   "walk: the other device's 3 real ports, then its first failure (%lu, %lu)",
	   f.reported, f.queries);

	f = (struct fake_rdma){ .good_ports = UINT32_MAX, .dead_err = -ENODEV };
	rc = rdma_nl_walk_ports(devs, 2, 2, fake_query, &f, fake_port_cb, &f);
	ok(rc == 0 && f.reported == 2 && f.queries == 3,
	   "walk: a device answering for every port: only 1..max_port asked (%lu)", f.queries);

	f = (struct fake_rdma){ .good_ports = 2, .dead_err = -EIO };
	rc = rdma_nl_walk_ports(devs, 2, UINT32_MAX, fake_query, &f, fake_port_cb, &f);
	ok(rc == -EIO && f.queries == 1, "walk: another error ends the walk with it");

	f = (struct fake_rdma){ .good_ports = 2 };
	rc = rdma_nl_walk_ports(&devs[1], 1, UINT32_MAX, fake_query, &f, stop_cb, &f);
	ok(rc == -ECANCELED && f.queries == 1, "walk: the callback can stop it");

	f = (struct fake_rdma){ .good_ports = 2 };
	rc = rdma_nl_walk_ports(devs, 0, UINT32_MAX, fake_query, &f, fake_port_cb, &f);
	ok(rc == 0 && f.queries == 0, "walk: no devices, no requests");
}

/* ---- SMC_GEN_NETLINK objects --------------------------------------------------------- */

static void test_lgr(void)
{
	struct smc_lgr lgr;
	struct smc_link lnk;
	struct nl_msg *msg;
	struct nlattr *nest, *v2;

	msg = genl_msg(SMC_NETLINK_GET_LGR_SMCR);
	nest = nla_nest_start(msg, SMC_GEN_LGR_SMCR);
	nla_put_u8(msg, SMC_NLA_LGR_R_ROLE, 1);
	put_empty(msg, SMC_NLA_LGR_R_ID);
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_lgr_parse(nlmsg_hdr(msg), false, &lgr) == -EPROTO, "lgr: an empty ID is a malformed message");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_GET_LGR_SMCR);
	nest = nla_nest_start(msg, SMC_GEN_LGR_SMCR);
	nla_put_u32(msg, SMC_NLA_LGR_R_ID, 0x100);
	nla_put(msg, SMC_NLA_LGR_R_ROLE, 3, "\1\1\1");
	nla_put(msg, SMC_NLA_LGR_R_SNDBUF_ALLOC, 8, "\1\0\0\0\0\0\0\0");
	nla_put(msg, SMC_NLA_LGR_R_RMB_ALLOC, 5, "\1\0\0\0\0");
	v2 = nla_nest_start(msg, SMC_NLA_LGR_R_V2_COMMON);
	nla_put_u8(msg, SMC_NLA_LGR_V2_VER, 2);
	put_unterminated(msg, SMC_NLA_LGR_V2_PEER_HOST, "peer-host-with-32-characters-xyz");
	nla_nest_end(msg, v2);
	put_unterminated(msg, SMC_NLA_LGR_R_PNETID, "ABCDEFGHIJKLMNOP");
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_lgr_parse(nlmsg_hdr(msg), false, &lgr) == 0 && lgr.id == 0x100, "lgr: parsed");
	ok(!lgr.role.has, "lgr: a 3-byte role is not taken");
	ok(!lgr.sndbuf_alloc.has && !lgr.rmb_alloc.has && !lgr.sndbuf_alloc.v,
	   "lgr: buffer totals need both halves readable");
	ok(!strcmp(lgr.pnetid, "ABCDEFGHIJKLMNOP"), "lgr: a 16-character PNET ID without NUL");
	ok(lgr.version == 2 && lgr.peer_host.has &&
	   !strcmp(lgr.peer_host.v, "peer-host-with-32-characters-xyz"),
	   "lgr: a 32-character peer host without NUL");
	nlmsg_free(msg);

	/* a nest whose inner attribute claims more than the nest holds */
	msg = genl_msg(SMC_NETLINK_GET_LGR_SMCR);
	nest = nla_nest_start(msg, SMC_GEN_LGR_SMCR);
	nla_put_u32(msg, SMC_NLA_LGR_R_ID, 1);
	v2 = nla_nest_start(msg, SMC_NLA_LGR_R_V2);
	nla_put_u8(msg, SMC_NLA_LGR_R_V2_MAX_LINKS, 3);
	((struct nlattr *)nla_data(v2))->nla_len = 200;
	nla_nest_end(msg, v2);
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_lgr_parse(nlmsg_hdr(msg), false, &lgr) == 0 && !lgr.max_links.has,
	   "lgr: an inner attribute longer than its nest is not read");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_GET_LGR_SMCD);
	nest = nla_nest_start(msg, SMC_GEN_LGR_SMCD);
	nla_put_u32(msg, SMC_NLA_LGR_D_ID, 2);
	nla_put_u32(msg, SMC_NLA_LGR_D_CHID, 0xffff);
	nla_put_u64(msg, SMC_NLA_LGR_D_GID, 0xaa);
	put_empty(msg, SMC_NLA_LGR_D_PEER_GID);
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_lgr_parse(nlmsg_hdr(msg), true, &lgr) == 0 && lgr.smcd && lgr.chid.v == 0xffff &&
	   lgr.chid.has, "lgr-d: CHID as the u32 the kernel sends");
	ok(!lgr.gid.has && !lgr.peer_gid.has && !lgr.gid.v, "lgr-d: a GID without a readable peer GID");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_GET_LINK_SMCR);
	nest = nla_nest_start(msg, SMC_GEN_LINK_SMCR);
	nla_put(msg, SMC_NLA_LINK_UID, 4, "\1\2\3\4");
	nla_put(msg, SMC_NLA_LINK_PEER_UID, 2, "\1\2");
	nla_put_string(msg, SMC_NLA_LINK_GID, "fe80:0000:0000:0000:0000:0000:0000:0001");
	put_unterminated(msg, SMC_NLA_LINK_IB_DEV,
			 "0123456789012345678901234567890123456789012345678901234567890123");
	put_empty(msg, SMC_NLA_LINK_STATE);
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_link_parse(nlmsg_hdr(msg), &lnk) == 0 && lnk.uid == 0x01020304 && lnk.peer_uid == 0,
	   "link: a 4-byte UID in network order; a 2-byte one is none");
	ok(!lnk.ib_dev[0] && lnk.state == 0, "link: a 64-character device name does not fit");
	ok(!strcmp(lnk.gid, "fe80:0000:0000:0000:0000:0000:0000:0001"), "link: GID");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_GET_LINK_SMCR);
	nest = nla_nest_start(msg, SMC_GEN_LGR_SMCR);
	nla_put_u32(msg, SMC_NLA_LGR_R_ID, 1);
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_link_parse(nlmsg_hdr(msg), &lnk) == -ENODATA, "link: a link-group message is no link");
	nlmsg_free(msg);
}

static void test_dev(void)
{
	struct smc_dev d;
	struct nl_msg *msg;
	struct nlattr *nest, *port;

	msg = genl_msg(SMC_NETLINK_GET_DEV_SMCR);
	nest = nla_nest_start(msg, SMC_GEN_DEV_SMCR);
	nla_put_u8(msg, SMC_NLA_DEV_IS_CRIT, 1);
	put_unterminated(msg, SMC_NLA_DEV_PCI_ID, "0000:00:01.0");
	nla_put_u16(msg, SMC_NLA_DEV_PCI_VENDOR, 0x15b3);
	port = nla_nest_start(msg, SMC_NLA_DEV_PORT);
	nla_put(msg, SMC_NLA_DEV_PORT_NETDEV, 3, "\2\0\0");
	nla_put_u8(msg, SMC_NLA_DEV_PORT_STATE, 1);
	nla_put_u8(msg, SMC_NLA_DEV_PORT_VALID, 1);
	put_unterminated(msg, SMC_NLA_DEV_PORT_PNETID, "NET1            ");
	nla_nest_end(msg, port);
	put_unterminated(msg, SMC_NLA_DEV_IB_NAME, "mlx5_0");
	put_empty(msg, SMC_NLA_DEV_USE_CNT);
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_dev_parse(nlmsg_hdr(msg), false, &d) == 0, "dev: parsed");
	ok(d.critical.v && d.critical.has && !d.use_cnt.has,
	   "dev: an empty use count is none");
	ok(d.pci_id.has && !strcmp(d.pci_id.v, "0000:00:01.0") &&
	   d.pci_vendor.v == 0x15b3 && !d.pci_fid.has && !strcmp(d.ib_name, "mlx5_0"),
	   "dev: unterminated PCI ID and device name");
	ok(d.port[0].present && !d.port[0].netdev &&
	   d.port[0].state.v == 1 && d.port[0].valid.has && d.port[0].valid.v &&
	   !strcmp(d.port[0].pnetid, "NET1") && !d.port[1].present,
	   "dev: a 3-byte netdev index is none; a padded PNET ID; the port's valid flag");
	nlmsg_free(msg);
}

static void test_sys_eid(void)
{
	char eid[SMC_MAX_EID_LEN + 1];
	struct smc_seid seid;
	struct smc_sys sys;
	struct nl_msg *msg;
	struct nlattr *nest;

	msg = genl_msg(SMC_NETLINK_GET_SYS_INFO);
	nest = nla_nest_start(msg, SMC_GEN_SYS_INFO);
	nla_put_u8(msg, SMC_NLA_SYS_VER, 2);
	nla_put(msg, SMC_NLA_SYS_REL, 2, "\x01\x01");
	put_unterminated(msg, SMC_NLA_SYS_LOCAL_HOST, "host-with-exactly-32-characters!");
	nla_nest_end(msg, nest);
	msg = tight(msg);
	ok(smc_sys_parse(nlmsg_hdr(msg), &sys) == 0 && sys.ver == 2 && !(sys.has & SMC_SYS_HAS_REL) &&
	   !strcmp(sys.host, "host-with-exactly-32-characters!"),
	   "sys: 257 is no release; a 32-character host name without NUL");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_DUMP_SEID);
	nla_put_u8(msg, SMC_NLA_SEID_ENABLED, 1);
	put_unterminated(msg, SMC_NLA_SEID_ENTRY, "IBM-SYSZ-ISMSEID00000000002A4F50");
	msg = tight(msg);
	ok(smc_seid_parse(nlmsg_hdr(msg), &seid) == 0 && seid.present && seid.enabled &&
	   !strcmp(seid.seid, "IBM-SYSZ-ISMSEID00000000002A4F50"), "seid: 32 characters, no NUL");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_DUMP_UEID);
	put_unterminated(msg, SMC_NLA_EID_TABLE_ENTRY, "SMC-BENCH                       ");
	msg = tight(msg);
	ok(smc_ueid_parse(nlmsg_hdr(msg), eid, sizeof(eid)) == 0 && !strcmp(eid, "SMC-BENCH"),
	   "ueid: blank-padded, unterminated");
	nlmsg_free(msg);

	msg = genl_msg(SMC_NETLINK_DUMP_UEID);
	nla_put_string(msg, SMC_NLA_EID_TABLE_ENTRY, "AN-EID-THAT-IS-LONGER-THAN-32-CHARACTERS");
	msg = tight(msg);
	ok(smc_ueid_parse(nlmsg_hdr(msg), eid, sizeof(eid)) == -EPROTO, "ueid: 40 characters is malformed");
	nlmsg_free(msg);
}

/* ---- sock_diag ----------------------------------------------------------------------- */

static struct nl_msg *diag_msg(void)
{
	struct nl_msg *msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_MULTI);
	struct smc_diag_msg m = { .diag_family = AF_SMC, .diag_state = 1, .diag_inode = 77 };

	m.id.idiag_sport = htons(7000);
	nlmsg_append(msg, &m, sizeof(m), NLMSG_ALIGNTO);
	return msg;
}

static void test_sockdiag(void)
{
	struct smc_diag_lgrinfo li;
	struct smc_tcp_ep ep;
	struct smc_sock s;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_MULTI);
	nlmsg_append(msg, "short", 5, NLMSG_ALIGNTO);
	msg = tight(msg);
	ok(smc_sock_parse(nlmsg_hdr(msg), &s) == -EPROTO, "diag: a message shorter than smc_diag_msg");
	nlmsg_free(msg);

	memset(&li, 'A', sizeof(li));
	msg = diag_msg();
	nla_put(msg, SMC_DIAG_FALLBACK, 2, "\3\3");
	nla_put(msg, SMC_DIAG_CONNINFO, 10, "0123456789");
	nla_put(msg, SMC_DIAG_DMBINFO, 12, "0123456789ab");
	nla_put(msg, SMC_DIAG_LGRINFO, sizeof(li), &li);
	put_empty(msg, SMC_DIAG_SHUTDOWN);
	msg = tight(msg);
	ok(smc_sock_parse(nlmsg_hdr(msg), &s) == 0 && s.inode == 77 && s.sport == 7000, "diag: parsed");
	ok(!(s.has & SMC_SOCK_HAS_FALLBACK) && !s.fallback_reason,
	   "diag: a 2-byte fallback struct is none");
	ok(!(s.has & SMC_SOCK_HAS_CONNINFO) && !s.conninfo.token,
	   "diag: a 10-byte conninfo is none, and zero");
	ok(!(s.has & SMC_SOCK_HAS_DMBINFO) && !s.dmbinfo.linkid,
	   "diag: a dmbinfo without its GIDs is none");
	ok(!(s.has & SMC_SOCK_HAS_SHUTDOWN), "diag: an empty shutdown is none");
	ok((s.has & SMC_SOCK_HAS_LGRINFO) &&
	   strlen((const char *)s.lgrinfo.lnk[0].ibname) == sizeof(li.lnk[0].ibname) - 1 &&
	   strlen((const char *)s.lgrinfo.lnk[0].peer_gid) == sizeof(li.lnk[0].peer_gid) - 1,
	   "diag: lgrinfo strings without NUL are ended inside their arrays");
	nlmsg_free(msg);

	msg = diag_msg();
	nla_put(msg, SMC_DIAG_DMBINFO, offsetof(struct smcd_diag_dmbinfo, peer_gid_ext),
		"0123456789abcdef0123456789abcdef0123456789abcdef");
	msg = tight(msg);
	ok(smc_sock_parse(nlmsg_hdr(msg), &s) == 0 && (s.has & SMC_SOCK_HAS_DMBINFO) &&
	   !(s.has & SMC_SOCK_HAS_GID_EXT) && !s.dmbinfo.peer_gid_ext,
	   "diag: a pre-6.8 dmbinfo: 64-bit GIDs, the extension zero");
	nlmsg_free(msg);

	msg = nlmsg_alloc_simple(SOCK_DIAG_BY_FAMILY, NLM_F_MULTI);
	nlmsg_append(msg, "0123456789", 10, NLMSG_ALIGNTO);
	msg = tight(msg);
	ok(smc_tcp_ep_parse(nlmsg_hdr(msg), &ep) == -EPROTO, "inet_diag: a message shorter than its header");
	nlmsg_free(msg);

	msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);
	msg = tight(msg);
	ok(smc_tcp_ep_parse(nlmsg_hdr(msg), &ep) == -ENODATA, "inet_diag: not a socket message");
	nlmsg_free(msg);
}

int main(void)
{
	test_integers();
	test_strings();
	test_structs();
	test_header();
	test_pnet();
	test_rdma_parsers();
	test_rdma_walk();
	test_lgr();
	test_dev();
	test_sys_eid();
	test_sockdiag();
	return tap_done();
}
