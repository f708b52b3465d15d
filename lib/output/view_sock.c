// SPDX-License-Identifier: GPL-2.0
/* view_sock.c - smcss rows: one view row (view.h) per table column and JSON member
 *
 * Text output keeps smc-tools' columns, cell formats and row endings (INIT rows stop
 * after the inode, LISTEN rows after the local address, CLOSED rows after the interface,
 * fallback rows after the mode), because scripts parse it. JSON carries every field.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "digits.h"
#include "fallback_kb.h"
#include "inet_text.h"
#include "view.h"
#include "view_sock.h"

/* smc-tools prints addresses in a 23-character field and shortens longer ones */
#define ADDR_WIDTH 23

/* the objects of a row, view_field.obj */
enum { OBJ_SOCK, OBJ_OPTS };

/*
 * Text rows end early, as smc-tools' do: INIT rows after the inode, LISTEN rows after the
 * local address, CLOSED rows after the interface, fallback rows after the mode and its
 * codes. Each row of the view belongs to the stage from which text leaves it out.
 */
enum sock_stage { ST_ID, ST_LOCAL, ST_PEER, ST_MODE, ST_DETAIL };

/* The last stage a text row of @s shows */
static unsigned int text_stage(const struct smc_sock *s)
{
	switch (s->state) {
	case SMC_SOCK_STATE_INIT:
		return ST_ID;
	case SMC_SOCK_STATE_LISTEN:
		return ST_LOCAL;
	case SMC_SOCK_STATE_CLOSED:
		return ST_PEER;
	}
	return s->mode == SMC_DIAG_MODE_FALLBACK_TCP ? ST_MODE : ST_DETAIL;
}

/* ---- values no single field holds ----------------------------------------------------- */

static const struct smc_sock *sock_of(const void *const *objs)
{
	return objs[OBJ_SOCK];
}

static const char *state_name(unsigned int v)
{
	return smc_state_name((uint8_t)v);
}

static const char *family_name(unsigned int v)
{
	return v == AF_INET6 ? "inet6" : "inet";
}

static const char *role_name(unsigned int v)
{
	return v ? "SERV" : "CLNT";
}

static const char *fallback_name(unsigned int v)
{
	return smc_fallback_name(v);
}

static const char *fallback_desc(unsigned int v)
{
	return smc_fallback_desc(v);
}

static void addr_string(char *buf, size_t len, const struct smc_sock *s,
			const struct in6_addr *a)
{
	if (!s->addr_known)
		snprintf(buf, len, "*");
	else if (!inet_text(s->family, a, buf))
		snprintf(buf, len, "?");
}

/* "a.b.c.d:port" or "[v6]:port"; without -W shortened to 23 characters with "..", the
 * way smc-tools does, but keeping the port and the brackets intact.
 */
static void out_endpoint(struct out *o, unsigned int col, const struct smc_sock *s,
			 const struct in6_addr *a, uint16_t port, bool wide)
{
	char addr[INET6_ADDRSTRLEN], portstr[DEC_DIGITS_MAX], text[INET6_ADDRSTRLEN + 16];
	char *end = portstr + sizeof(portstr), *digits = dec_digits(end, port), *p = text;
	bool v6 = s->family == AF_INET6 && s->addr_known;
	size_t room, alen, plen = (size_t)(end - digits);

	/* put together by hand: this runs for every row of a listing of any size */
	addr_string(addr, sizeof(addr), s, a);
	alen = strlen(addr);
	room = ADDR_WIDTH - 1 - plen - (v6 ? 2 : 0);
	if (v6)
		*p++ = '[';
	if (!wide && alen > room) {
		memcpy(p, addr, room - 2);
		p += room - 2;
		*p++ = '.';
		*p++ = '.';
	} else {
		memcpy(p, addr, alen);
		p += alen;
	}
	if (v6)
		*p++ = ']';
	*p++ = ':';
	memcpy(p, digits, plen);
	p[plen] = '\0';
	out_own_str(o, col, text);
}

/* text: the local or the peer endpoint, as the row's .off names its address */
static void show_endpoint(struct out *o, unsigned int col, const struct view_field *f,
			  const void *const *objs, bool record)
{
	const struct smc_sock *s = sock_of(objs);
	const struct view_sock_opts *vo = objs[OBJ_OPTS];
	bool local = f->off == offsetof(struct smc_sock, saddr);

	(void)record;
	out_endpoint(o, col, s, local ? &s->saddr : &s->daddr, local ? s->sport : s->dport,
		     vo->wide);
}

/* JSON: the address alone, when the kernel reported one */
static void show_address(struct out *o, unsigned int col, const struct view_field *f,
			 const void *const *objs, bool record)
{
	const struct smc_sock *s = sock_of(objs);
	char addr[INET6_ADDRSTRLEN];
	struct in6_addr a;

	(void)record;
	if (!s->addr_known)
		return;
	memcpy(&a, view_str(f, objs), sizeof(a));
	addr_string(addr, sizeof(addr), s, &a);
	out_own_str(o, col, addr);
}

/* @v as @width lower-case hex digits at @p (as "%0*x" for values that fit): the -d
 * columns of every row are put together by hand, without printf
 */
static char *hex_digits(char *p, uint32_t v, int width)
{
	for (int i = width - 1; i >= 0; i--, v >>= 4)
		p[i] = "0123456789abcdef"[v & 0xf];
	return p + width;
}

/* "AA:BB" of two values of @wa and @wb hex digits each */
static void out_hex_pair(struct out *o, unsigned int col, uint32_t a, int wa, uint32_t b,
			 int wb)
{
	char text[24], *p;

	p = hex_digits(text, a, wa);
	*p++ = ':';
	p = hex_digits(p, b, wb);
	*p = '\0';
	out_own_str(o, col, text);
}

/* SMCR, SMCD or TCP (a fallback, whose codes follow in text: show_codes()); a mode we
 * do not know is its number, in text with a "?"
 */
static void show_mode(struct out *o, unsigned int col, const struct view_field *f,
		      const void *const *objs, bool record)
{
	const struct smc_sock *s = sock_of(objs);
	const char *mode = smc_mode_name(s->mode);

	(void)f;
	(void)record;
	if (mode)
		out_own_str(o, col, mode);
	else if (out_is_json(o))
		out_fmt(o, col, "%#x", s->mode);
	else
		out_fmt(o, col, "%#x?", s->mode);
}

/* "0x03010000", "0x05000000/0x03030008": the codes end a fallback row, also with -d, as
 * in smc-tools (their names are in -e and JSON)
 */
static void show_codes(struct out *o, unsigned int col, const struct view_field *f,
		       const void *const *objs, bool record)
{
	const struct smc_sock *s = sock_of(objs);
	char text[24], *p = text;

	(void)f;
	(void)record;
	if (s->mode != SMC_DIAG_MODE_FALLBACK_TCP)
		return;
	*p++ = '0';
	*p++ = 'x';
	p = hex_digits(p, s->fallback_reason, 8);
	if (s->peer_diagnosis) {
		*p++ = '/';
		*p++ = '0';
		*p++ = 'x';
		p = hex_digits(p, s->peer_diagnosis, 8);
	}
	*p = '\0';
	out_own_str(o, col, text);
}

/* JSON: the mode where it says something (smc_sock_mode_known()) */
static bool mode_shown(const void *const *objs)
{
	return smc_sock_mode_known(sock_of(objs));
}

/* the reason of a fallback; a connection that did not fall back may carry one too */
static bool reason_shown(const void *const *objs)
{
	const struct smc_sock *s = sock_of(objs);

	return s->mode == SMC_DIAG_MODE_FALLBACK_TCP || s->fallback_reason;
}

/* the peer's diagnosis: 0 when it sent none */
static bool diagnosis_shown(const void *const *objs)
{
	return sock_of(objs)->peer_diagnosis != 0;
}

/* the causes and remedies (-e) of the code at @f */
static void show_advice(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record, bool remedies)
{
	const struct smc_fallback_entry *e = smc_fallback_lookup((uint32_t)view_uint(f, objs));

	(void)record;
	if (e)
		out_strv(o, col, remedies ? e->remedies : e->causes);
}

static void show_causes(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	show_advice(o, col, f, objs, record, false);
}

static void show_remedies(struct out *o, unsigned int col, const struct view_field *f,
			  const void *const *objs, bool record)
{
	show_advice(o, col, f, objs, record, true);
}

/* text "R-W": which directions are shut down */
static void show_shutd(struct out *o, unsigned int col, const struct view_field *f,
		       const void *const *objs, bool record)
{
	unsigned int v = (unsigned int)view_uint(f, objs);
	char shutd[4] = { v & 1 ? 'R' : '<', '-', v & 2 ? 'W' : '>' };

	(void)record;
	out_str(o, col, shutd);
}

/* text "wrap:count" of the cursor at @f */
static void show_cursor(struct out *o, unsigned int col, const struct view_field *f,
			const void *const *objs, bool record)
{
	struct smc_diag_cursor c;

	(void)record;
	memcpy(&c, view_str(f, objs), sizeof(c));
	out_hex_pair(o, col, c.wrap, 4, c.count, 8);
}

/* text "PP:CC" of the producer flags at @f and the connection flags after them */
static void show_flags(struct out *o, unsigned int col, const struct view_field *f,
		       const void *const *objs, bool record)
{
	const uint8_t *v = (const uint8_t *)view_str(f, objs);

	(void)record;
	out_hex_pair(o, col, v[0], 2, v[1], 2);
}

/* 128-bit GIDs (loopback-ism, virtual ISM; Linux 6.8+) are shown whole in tables: the
 * extension follows the base GID, as the two halves travel in CLC messages. JSON has
 * the extension as a member of its own.
 */
static void out_gid128(struct out *o, unsigned int col, uint64_t gid, uint64_t ext)
{
	if (ext && !out_is_json(o))
		out_fmt(o, col, "%016llx%016llx", (unsigned long long)gid,
			(unsigned long long)ext);
	else
		out_xid(o, col, gid);
}

/* the local or the peer GID, as the row's .off names its base half */
static void show_gid(struct out *o, unsigned int col, const struct view_field *f,
		     const void *const *objs, bool record)
{
	const struct smcd_diag_dmbinfo *d = &sock_of(objs)->dmbinfo;
	bool local = f->off == offsetof(struct smc_sock, dmbinfo.my_gid);

	(void)record;
	out_gid128(o, col, local ? d->my_gid : d->peer_gid,
		   local ? d->my_gid_ext : d->peer_gid_ext);
}

/* -P: which processes hold the socket (from /proc, read once per listing) */
static size_t owners_of(const void *const *objs, const struct sock_owner **first)
{
	const struct view_sock_opts *vo = objs[OBJ_OPTS];

	*first = NULL;
	return vo->owners ? sock_owners_of(vo->owners, sock_of(objs)->inode, first) : 0;
}

/* text: users:(("name",pid=N,fd=M),...) as ss -p writes it, on a line of its own after
 * the row; JSON: an array of {name, pid, fd}; nothing for a socket no process holds
 */
static void show_processes(struct out *o, unsigned int col, const struct view_field *f,
			   const void *const *objs, bool record)
{
	const struct sock_owner *w;
	size_t n = owners_of(objs, &w), room, len;
	char *text;

	(void)record;
	if (!n)
		return;
	if (out_is_json(o)) {
		out_list_begin(o, f->col.key);
		for (size_t i = 0; i < n; i++) {
			out_record_begin(o, NULL, 0);
			out_kv_str(o, "name", NULL, w[i].comm);
			out_kv_uint(o, "pid", NULL, w[i].pid);
			out_kv_uint(o, "fd", NULL, w[i].fd);
			out_record_end(o);
		}
		out_list_end(o);
		return;
	}
	/* each entry: ("", the name, ",pid=", 10 digits, ",fd=", 10 digits, ")," */
	room = sizeof("users:()") + n * (SOCK_OWNER_COMM + 32);
	text = malloc(room);
	if (!text)
		return;		/* a cell for people: without memory the line is left out */
	len = (size_t)snprintf(text, room, "users:(");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, room - len, "%s(\"%s\",pid=%u,fd=%u)",
					i ? "," : "", w[i].comm, w[i].pid, w[i].fd);
	snprintf(text + len, room - len, ")");
	/* out_str(): the names are the processes' own, escaped like any data */
	out_str(o, col, text);
	free(text);
}

/* ---- the view ------------------------------------------------------------------------ */

/*
 * smc-tools' columns, byte for byte (OUT_TABLE_FIXED): each header as smc-tools prints it,
 * blanks included, and each cell's width and trailing blanks from its printf formats
 * ("%-14s %05d %07llu %-23s %-23s %04x %4s ", with -d " %c-%c  %08x ..."). The
 * fallback codes follow "TCP " with no blank after them. A value text shows in one cell
 * and JSON as several members (a cursor, an address and its port) has a text row
 * (no key) and JSON rows (no header).
 */
#define DBG VIEW_SOCK_DEBUG
#define SMCR VIEW_SOCK_SMCR
#define SMCD VIEW_SOCK_SMCD
#define FIX(key, hdr, grp, width, zpad, gap)	OUT_FIXED(key, hdr, OUT_LEFT, grp, width, zpad, gap)
#define JSON(key)				OUT_JSON_ONLY(key, 0, 0)
#define DJSON(key)				OUT_JSON_ONLY(key, DBG, 0)

#define SOCK(fmt, m)		VIEW_FIELD(fmt, struct smc_sock, m)
#define HAS(bit)		VIEW_BITS(struct smc_sock, has, SMC_SOCK_HAS_##bit)
#define SHOW(fn)		.fmt = VIEW_CUSTOM, .show = (fn)
#define SHOW_AT(fn, m)		SOCK(VIEW_CUSTOM, m), .show = (fn)

#define CONN(m)			conninfo.m
#define CURSOR(hdr, m)								\
	{ .col = FIX(NULL, hdr, DBG, 13, 0, 1), SHOW_AT(show_cursor, CONN(m)),	\
	  HAS(CONNINFO), .stage = ST_DETAIL }
#define CURSOR_JSON(m)								\
	{ .col = DJSON(#m "_wrap"), SOCK(VIEW_UINT, CONN(m.wrap)), HAS(CONNINFO),	\
	  .stage = ST_DETAIL },							\
	{ .col = DJSON(#m "_count"), SOCK(VIEW_UINT, CONN(m.count)), HAS(CONNINFO),	\
	  .stage = ST_DETAIL }
#define CONN_ROW(col_, fmt, m)							\
	{ .col = col_, SOCK(fmt, CONN(m)), HAS(CONNINFO), .stage = ST_DETAIL }
#define LINK_ROW(col_, fmt, m)							\
	{ .col = col_, SOCK(fmt, lgrinfo.m), HAS(LGRINFO), .stage = ST_DETAIL }
#define DMB_ROW(col_, ...)							\
	{ .col = col_, HAS(DMBINFO), .stage = ST_DETAIL, __VA_ARGS__ }
#define REASON_ROWS(m, shown_, prefix)						\
	{ .col = JSON(prefix), SOCK(VIEW_UINT, m), HAS(FALLBACK), .shown = (shown_),	\
	  .stage = ST_MODE },							\
	{ .col = JSON(prefix "_name"), SOCK(VIEW_NAME_ONLY, m), .name = fallback_name,	\
	  .flags = VIEW_F_OWN, HAS(FALLBACK), .shown = (shown_), .stage = ST_MODE },	\
	{ .col = JSON(prefix "_text"), SOCK(VIEW_NAME_ONLY, m), .name = fallback_desc,	\
	  HAS(FALLBACK), .shown = (shown_), .stage = ST_MODE },			\
	{ .col = OUT_JSON_ONLY(prefix "_causes", VIEW_SOCK_EXPLAIN, 0),		\
	  SHOW_AT(show_causes, m), HAS(FALLBACK), .shown = (shown_), .stage = ST_MODE }, \
	{ .col = OUT_JSON_ONLY(prefix "_remedies", VIEW_SOCK_EXPLAIN, 0),		\
	  SHOW_AT(show_remedies, m), HAS(FALLBACK), .shown = (shown_), .stage = ST_MODE }

static const struct view_field sock_view[] = {
	{ .col = FIX("state", "State          ", 0, 14, 0, 1), SOCK(VIEW_NAME, state),
	  .name = state_name, .flags = VIEW_F_OWN },
	{ .col = JSON("state_code"), SOCK(VIEW_UINT, state) },
	{ .col = FIX("uid", "UID   ", 0, 5, 5, 1), SOCK(VIEW_UINT, uid) },
	{ .col = FIX("inode", "Inode   ", 0, 7, 7, 1), SOCK(VIEW_UINT, inode) },
	{ .col = JSON("family"), SOCK(VIEW_NAME_ONLY, family), .name = family_name,
	  .flags = VIEW_F_OWN },
	/* -P: in text on a line after the row, so every kind of row can have it */
	{ .col = { "processes", "", OUT_LEFT, VIEW_SOCK_PROCS, 0, 0, 0, OUT_COL_OWN_LINE },
	  SHOW(show_processes) },

	{ .col = FIX(NULL, "Local Address           ", 0, ADDR_WIDTH, 0, 1),
	  SHOW_AT(show_endpoint, saddr), .stage = ST_LOCAL },
	{ .col = JSON("local_address"), SHOW_AT(show_address, saddr), .stage = ST_LOCAL },
	{ .col = JSON("local_port"), SOCK(VIEW_UINT, sport), .stage = ST_LOCAL },

	{ .col = FIX(NULL, "Peer Address            ", 0, ADDR_WIDTH, 0, 1),
	  SHOW_AT(show_endpoint, daddr), .stage = ST_PEER },
	{ .col = JSON("peer_address"), SHOW_AT(show_address, daddr), .stage = ST_PEER },
	{ .col = JSON("peer_port"), SOCK(VIEW_UINT, dport), .stage = ST_PEER },
	{ .col = FIX("bound_ifindex", "Intf ", 0, 4, 4, 1), SOCK(VIEW_HEX, ifindex),
	  .stage = ST_PEER },

	{ .col = FIX(NULL, "Mode ", 0, 0, 0, 1), SHOW(show_mode), .stage = ST_MODE },
	{ .col = { NULL, "", OUT_LEFT, 0, 0, 0, 0, OUT_COL_SKIP_UNSET },
	  SHOW(show_codes), HAS(FALLBACK), .stage = ST_MODE },
	{ .col = JSON("mode"), SHOW(show_mode), .shown = mode_shown, .stage = ST_MODE },
	REASON_ROWS(fallback_reason, reason_shown, "fallback_reason"),
	REASON_ROWS(peer_diagnosis, diagnosis_shown, "peer_diagnosis"),

	/* -d */
	{ .col = OUT_FIXED(NULL, "Shutd ", OUT_RIGHT, DBG, 4, 0, 2),
	  SHOW_AT(show_shutd, shutdown), HAS(SHUTDOWN), .stage = ST_DETAIL },
	{ .col = DJSON("shutdown"), SOCK(VIEW_UINT, shutdown), HAS(SHUTDOWN),
	  .stage = ST_DETAIL },
	CONN_ROW(FIX("token", "Token    ", DBG, 8, 8, 1), VIEW_HEX, token),
	CONN_ROW(FIX("sndbuf_bytes", "Sndbuf   ", DBG, 8, 8, 1), VIEW_HEX, sndbuf_size),
	CONN_ROW(FIX("rmbe_bytes", "Rcvbuf   ", DBG, 8, 8, 1), VIEW_HEX, rmbe_size),
	CONN_ROW(FIX("peer_rmbe_bytes", "Peerbuf  ", DBG, 8, 8, 1), VIEW_HEX,
		 peer_rmbe_size),
	CURSOR("rxprod-Cursor ", rx_prod),
	CURSOR("rxcons-Cursor ", rx_cons),
	{ .col = FIX(NULL, "rxFlags ", DBG, 5, 0, 3), SHOW_AT(show_flags, CONN(rx_prod_flags)),
	  HAS(CONNINFO), .stage = ST_DETAIL },
	CURSOR("txprod-Cursor ", tx_prod),
	CURSOR("txcons-Cursor ", tx_cons),
	{ .col = FIX(NULL, "txFlags ", DBG, 5, 0, 3), SHOW_AT(show_flags, CONN(tx_prod_flags)),
	  HAS(CONNINFO), .stage = ST_DETAIL },
	CURSOR("txprep-Cursor ", tx_prep),
	CURSOR("txsent-Cursor ", tx_sent),
	CURSOR("txfin-Cursor  ", tx_fin),
	CURSOR_JSON(rx_prod),
	CURSOR_JSON(rx_cons),
	CURSOR_JSON(tx_prod),
	CURSOR_JSON(tx_cons),
	CURSOR_JSON(tx_prep),
	CURSOR_JSON(tx_sent),
	CURSOR_JSON(tx_fin),
	CONN_ROW(DJSON("rx_prod_flags"), VIEW_UINT, rx_prod_flags),
	CONN_ROW(DJSON("rx_conn_state_flags"), VIEW_UINT, rx_conn_state_flags),
	CONN_ROW(DJSON("tx_prod_flags"), VIEW_UINT, tx_prod_flags),
	CONN_ROW(DJSON("tx_conn_state_flags"), VIEW_UINT, tx_conn_state_flags),

	/* -R: the first link of the socket's link group */
	{ .col = FIX("role", "Role ", SMCR, 4, 0, 1), SOCK(VIEW_NAME_ONLY, lgrinfo.role),
	  .name = role_name, .flags = VIEW_F_OWN, HAS(LGRINFO), .stage = ST_DETAIL },
	LINK_ROW(FIX("ib_device", "IB-device       ", SMCR, 15, 0, 1), VIEW_STR, lnk[0].ibname),
	LINK_ROW(FIX("ib_port", "Port ", SMCR, 2, 2, 3), VIEW_HEX, lnk[0].ibport),
	LINK_ROW(FIX("link_id", "Linkid ", SMCR, 2, 2, 5), VIEW_HEX, lnk[0].link_id),
	LINK_ROW(FIX("gid", "GID                                      ", SMCR, 40, 0, 1),
		 VIEW_STR, lnk[0].gid),
	LINK_ROW(FIX("peer_gid", "Peer-GID", SMCR, 0, 0, 0), VIEW_STR, lnk[0].peer_gid),

	/* -D; JSON has each GID's extension after it */
	DMB_ROW(FIX("gid", "GID              ", SMCD, 16, 16, 1),
		SHOW_AT(show_gid, dmbinfo.my_gid)),
	DMB_ROW(OUT_JSON_ONLY("gid_ext", SMCD, 16), SOCK(VIEW_XID, dmbinfo.my_gid_ext),
		.flags = VIEW_F_NONZERO),
	DMB_ROW(FIX("dmb_token", "Token            ", SMCD, 16, 16, 1),
		SOCK(VIEW_XID, dmbinfo.token)),
	DMB_ROW(FIX("peer_gid", "Peer-GID         ", SMCD, 16, 16, 1),
		SHOW_AT(show_gid, dmbinfo.peer_gid)),
	DMB_ROW(OUT_JSON_ONLY("peer_gid_ext", SMCD, 16), SOCK(VIEW_XID, dmbinfo.peer_gid_ext),
		.flags = VIEW_F_NONZERO),
	DMB_ROW(FIX("peer_dmb_token", "Peer-Token       ", SMCD, 16, 16, 1),
		SOCK(VIEW_XID, dmbinfo.peer_token)),
	DMB_ROW(FIX("linkgroup_id", "Linkid", SMCD, 8, 8, 1), SOCK(VIEW_HEX, dmbinfo.linkid)),
};

static const struct out_table sock_table = VIEW_TABLE("sockets", sock_view, OUT_TABLE_FIXED);

void view_sock_begin(struct out *o, const struct view_sock_opts *vo)
{
	out_table_begin(o, &sock_table, vo->groups);
}

void view_sock_end(struct out *o)
{
	out_table_end(o);
}

void view_sock_row(struct out *o, const struct view_sock_opts *vo, const struct smc_sock *s)
{
	const void *const objs[] = { [OBJ_SOCK] = s, [OBJ_OPTS] = vo };

	out_row_begin(o);
	/* JSON always carries the whole socket */
	view_cells_upto(o, &sock_table, objs, out_is_json(o) ? VIEW_STAGE_ALL : text_stage(s));
	out_row_end(o);
}
