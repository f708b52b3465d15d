// SPDX-License-Identifier: GPL-2.0
/* view_sock.c - smcss rows
 *
 * Text output keeps smc-tools' columns, cell formats and row endings (INIT rows stop
 * after the inode, LISTEN rows after the local address, CLOSED rows after the interface,
 * fallback rows after the mode), because scripts parse it. JSON carries every field.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "fallback_kb.h"
#include "inet_text.h"
#include "view_sock.h"

/* smc-tools prints addresses in a 23-character field and shortens longer ones */
#define ADDR_WIDTH 23

enum sock_col {
	C_STATE, C_STATE_CODE, C_UID, C_INODE, C_FAMILY,
	C_LOCAL, C_LADDR, C_LPORT, C_PEER, C_PADDR, C_PPORT, C_INTF,
	C_MODE_TEXT, C_FB_TEXT, C_MODE, C_FB, C_FB_NAME, C_FB_DESC, C_FB_CAUSES, C_FB_REMEDIES,
	C_PD, C_PD_NAME, C_PD_DESC, C_PD_CAUSES, C_PD_REMEDIES,
	/* -d */
	C_SHUTD, C_SHUTDOWN, C_TOKEN, C_SNDBUF, C_RMBE, C_PEER_RMBE,
	C_RX_PROD, C_RX_CONS, C_RX_FLAGS, C_TX_PROD, C_TX_CONS, C_TX_FLAGS,
	C_TX_PREP, C_TX_SENT, C_TX_FIN,
	C_RX_PROD_W, C_RX_PROD_C, C_RX_CONS_W, C_RX_CONS_C,
	C_TX_PROD_W, C_TX_PROD_C, C_TX_CONS_W, C_TX_CONS_C,
	C_TX_PREP_W, C_TX_PREP_C, C_TX_SENT_W, C_TX_SENT_C, C_TX_FIN_W, C_TX_FIN_C,
	C_RX_PROD_FL, C_RX_CONN_FL, C_TX_PROD_FL, C_TX_CONN_FL,
	/* -R */
	C_ROLE, C_IBDEV, C_IBPORT, C_LINKID, C_GID, C_PEER_GID,
	/* -D */
	C_D_GID, C_D_TOKEN, C_D_PEER_GID, C_D_PEER_TOKEN, C_D_LGR_ID, C_D_GID_EXT,
	C_D_PEER_GID_EXT,
	C_NCOLS
};

/*
 * smc-tools' columns, byte for byte (OUT_TABLE_FIXED): each header as smc-tools prints it,
 * blanks included, and each cell's width and trailing blanks from its printf formats
 * ("%-14s %05d %07llu %-23s %-23s %04x %4s ", with -d " %c-%c  %08x ..."). The
 * fallback codes follow "TCP " with no blank after them.
 */
#define DBG VIEW_SOCK_DEBUG
#define SMCR VIEW_SOCK_SMCR
#define SMCD VIEW_SOCK_SMCD
#define FIX(key, hdr, grp, width, zpad, gap)	OUT_FIXED(key, hdr, OUT_LEFT, grp, width, zpad, gap)
#define JSON(key)				OUT_JSON_ONLY(key, 0, 0)
#define DJSON(key)				OUT_JSON_ONLY(key, DBG, 0)
#define CURSOR(hdr)				FIX(NULL, hdr, DBG, 13, 0, 1)

static const struct out_col sock_cols[C_NCOLS] = {
	[C_STATE]	= FIX("state", "State          ", 0, 14, 0, 1),
	[C_STATE_CODE]	= JSON("state_code"),
	[C_UID]		= FIX("uid", "UID   ", 0, 5, 5, 1),
	[C_INODE]	= FIX("inode", "Inode   ", 0, 7, 7, 1),
	[C_FAMILY]	= JSON("family"),
	[C_LOCAL]	= FIX(NULL, "Local Address           ", 0, ADDR_WIDTH, 0, 1),
	[C_LADDR]	= JSON("local_address"),
	[C_LPORT]	= JSON("local_port"),
	[C_PEER]	= FIX(NULL, "Peer Address            ", 0, ADDR_WIDTH, 0, 1),
	[C_PADDR]	= JSON("peer_address"),
	[C_PPORT]	= JSON("peer_port"),
	[C_INTF]	= FIX("bound_ifindex", "Intf ", 0, 4, 4, 1),
	[C_MODE_TEXT]	= FIX(NULL, "Mode ", 0, 0, 0, 1),
	[C_FB_TEXT]	= { NULL, "", OUT_LEFT, 0, 0, 0, 0, OUT_COL_SKIP_UNSET },
	[C_MODE]	= JSON("mode"),
	[C_FB]		= JSON("fallback_reason"),
	[C_FB_NAME]	= JSON("fallback_reason_name"),
	[C_FB_DESC]	= JSON("fallback_reason_text"),
	[C_FB_CAUSES]	= OUT_JSON_ONLY("fallback_reason_causes", VIEW_SOCK_EXPLAIN, 0),
	[C_FB_REMEDIES]	= OUT_JSON_ONLY("fallback_reason_remedies", VIEW_SOCK_EXPLAIN, 0),
	[C_PD]		= JSON("peer_diagnosis"),
	[C_PD_NAME]	= JSON("peer_diagnosis_name"),
	[C_PD_DESC]	= JSON("peer_diagnosis_text"),
	[C_PD_CAUSES]	= OUT_JSON_ONLY("peer_diagnosis_causes", VIEW_SOCK_EXPLAIN, 0),
	[C_PD_REMEDIES]	= OUT_JSON_ONLY("peer_diagnosis_remedies", VIEW_SOCK_EXPLAIN, 0),

	[C_SHUTD]	= OUT_FIXED(NULL, "Shutd ", OUT_RIGHT, DBG, 4, 0, 2),
	[C_SHUTDOWN]	= DJSON("shutdown"),
	[C_TOKEN]	= FIX("token", "Token    ", DBG, 8, 8, 1),
	[C_SNDBUF]	= FIX("sndbuf_bytes", "Sndbuf   ", DBG, 8, 8, 1),
	[C_RMBE]	= FIX("rmbe_bytes", "Rcvbuf   ", DBG, 8, 8, 1),
	[C_PEER_RMBE]	= FIX("peer_rmbe_bytes", "Peerbuf  ", DBG, 8, 8, 1),
	[C_RX_PROD]	= CURSOR("rxprod-Cursor "),
	[C_RX_CONS]	= CURSOR("rxcons-Cursor "),
	[C_RX_FLAGS]	= FIX(NULL, "rxFlags ", DBG, 5, 0, 3),
	[C_TX_PROD]	= CURSOR("txprod-Cursor "),
	[C_TX_CONS]	= CURSOR("txcons-Cursor "),
	[C_TX_FLAGS]	= FIX(NULL, "txFlags ", DBG, 5, 0, 3),
	[C_TX_PREP]	= CURSOR("txprep-Cursor "),
	[C_TX_SENT]	= CURSOR("txsent-Cursor "),
	[C_TX_FIN]	= CURSOR("txfin-Cursor  "),
	[C_RX_PROD_W]	= DJSON("rx_prod_wrap"),
	[C_RX_PROD_C]	= DJSON("rx_prod_count"),
	[C_RX_CONS_W]	= DJSON("rx_cons_wrap"),
	[C_RX_CONS_C]	= DJSON("rx_cons_count"),
	[C_TX_PROD_W]	= DJSON("tx_prod_wrap"),
	[C_TX_PROD_C]	= DJSON("tx_prod_count"),
	[C_TX_CONS_W]	= DJSON("tx_cons_wrap"),
	[C_TX_CONS_C]	= DJSON("tx_cons_count"),
	[C_TX_PREP_W]	= DJSON("tx_prep_wrap"),
	[C_TX_PREP_C]	= DJSON("tx_prep_count"),
	[C_TX_SENT_W]	= DJSON("tx_sent_wrap"),
	[C_TX_SENT_C]	= DJSON("tx_sent_count"),
	[C_TX_FIN_W]	= DJSON("tx_fin_wrap"),
	[C_TX_FIN_C]	= DJSON("tx_fin_count"),
	[C_RX_PROD_FL]	= DJSON("rx_prod_flags"),
	[C_RX_CONN_FL]	= DJSON("rx_conn_state_flags"),
	[C_TX_PROD_FL]	= DJSON("tx_prod_flags"),
	[C_TX_CONN_FL]	= DJSON("tx_conn_state_flags"),

	[C_ROLE]	= FIX("role", "Role ", SMCR, 4, 0, 1),
	[C_IBDEV]	= FIX("ib_device", "IB-device       ", SMCR, 15, 0, 1),
	[C_IBPORT]	= FIX("ib_port", "Port ", SMCR, 2, 2, 3),
	[C_LINKID]	= FIX("link_id", "Linkid ", SMCR, 2, 2, 5),
	[C_GID]		= FIX("gid", "GID                                      ", SMCR, 40, 0, 1),
	[C_PEER_GID]	= FIX("peer_gid", "Peer-GID", SMCR, 0, 0, 0),

	[C_D_GID]	= FIX("gid", "GID              ", SMCD, 16, 16, 1),
	[C_D_TOKEN]	= FIX("dmb_token", "Token            ", SMCD, 16, 16, 1),
	[C_D_PEER_GID]	= FIX("peer_gid", "Peer-GID         ", SMCD, 16, 16, 1),
	[C_D_PEER_TOKEN] = FIX("peer_dmb_token", "Peer-Token       ", SMCD, 16, 16, 1),
	[C_D_LGR_ID]	= FIX("linkgroup_id", "Linkid", SMCD, 8, 8, 1),
	[C_D_GID_EXT]	= OUT_JSON_ONLY("gid_ext", SMCD, 16),
	[C_D_PEER_GID_EXT] = OUT_JSON_ONLY("peer_gid_ext", SMCD, 16),
};

static const struct out_table sock_table = {
	.name = "sockets", .cols = sock_cols, .ncols = C_NCOLS, .flags = OUT_TABLE_FIXED,
};

void view_sock_begin(struct out *o, const struct view_sock_opts *vo)
{
	out_table_begin(o, &sock_table, vo->groups);
}

void view_sock_end(struct out *o)
{
	out_table_end(o);
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
	char addr[INET6_ADDRSTRLEN], portstr[8], text[INET6_ADDRSTRLEN + 16], *p = text;
	bool v6 = s->family == AF_INET6 && s->addr_known;
	size_t room, alen, plen = 0;

	if (!out_wants(o, col))
		return;
	/* put together by hand: this runs for every row of a listing of any size */
	addr_string(addr, sizeof(addr), s, a);
	do
		portstr[sizeof(portstr) - 1 - ++plen] = (char)('0' + port % 10);
	while ((port /= 10));
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
	memcpy(p, portstr + sizeof(portstr) - 1 - plen, plen);
	p[plen] = '\0';
	out_own_str(o, col, text);
}

/* a code, its name and meaning, and (-e, JSON) its causes and remedies: the columns
 * follow each other in that order from @code_col
 */
static void out_reason(struct out *o, unsigned int code_col, uint32_t code)
{
	const struct smc_fallback_entry *e;

	out_uint(o, code_col, code);
	if (!out_wants(o, code_col + 1))	/* text: the codes alone (out_mode_text()) */
		return;
	e = smc_fallback_lookup(code);
	/* the names are C identifiers; the descriptions are prose, checked as data */
	if (smc_fallback_name(code))
		out_own_str(o, code_col + 1, smc_fallback_name(code));
	out_str(o, code_col + 2, smc_fallback_desc(code));
	if (e) {
		out_strv(o, code_col + 3, e->causes);
		out_strv(o, code_col + 4, e->remedies);
	}
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

	if (!out_wants(o, col))
		return;
	p = hex_digits(text, a, wa);
	*p++ = ':';
	p = hex_digits(p, b, wb);
	*p = '\0';
	out_own_str(o, col, text);
}

/* "TCP 0x03010000", "TCP 0x05000000/0x03030008": the codes end the row, also with -d, as
 * in smc-tools (their names are in -e and JSON)
 */
static void out_mode_text(struct out *o, const struct smc_sock *s)
{
	const char *mode = smc_mode_name(s->mode);

	if (s->mode != SMC_DIAG_MODE_FALLBACK_TCP) {
		if (mode)
			out_own_str(o, C_MODE_TEXT, mode);
		else
			out_fmt(o, C_MODE_TEXT, "%#x?", s->mode);
		return;
	}
	out_own_str(o, C_MODE_TEXT, "TCP");
	if (!(s->has & SMC_SOCK_HAS_FALLBACK) || !out_wants(o, C_FB_TEXT))
		return;
	{
		char text[24], *p = text;

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
		out_own_str(o, C_FB_TEXT, text);
	}
}

static void out_cursor(struct out *o, unsigned int text_col, unsigned int json_col,
		       const struct smc_diag_cursor *c)
{
	out_hex_pair(o, text_col, c->wrap, 4, c->count, 8);
	out_uint(o, json_col, c->wrap);
	out_uint(o, json_col + 1, c->count);
}

static void out_debug(struct out *o, const struct smc_sock *s)
{
	const struct smc_diag_conninfo *ci = &s->conninfo;

	if (s->has & SMC_SOCK_HAS_SHUTDOWN) {
		char shutd[4] = { s->shutdown & 1 ? 'R' : '<', '-', s->shutdown & 2 ? 'W' : '>' };

		out_str(o, C_SHUTD, shutd);
		out_uint(o, C_SHUTDOWN, s->shutdown);
	}
	if (!(s->has & SMC_SOCK_HAS_CONNINFO))
		return;
	out_xint(o, C_TOKEN, ci->token);
	out_xint(o, C_SNDBUF, ci->sndbuf_size);
	out_xint(o, C_RMBE, ci->rmbe_size);
	out_xint(o, C_PEER_RMBE, ci->peer_rmbe_size);
	out_cursor(o, C_RX_PROD, C_RX_PROD_W, &ci->rx_prod);
	out_cursor(o, C_RX_CONS, C_RX_CONS_W, &ci->rx_cons);
	out_hex_pair(o, C_RX_FLAGS, ci->rx_prod_flags, 2, ci->rx_conn_state_flags, 2);
	out_cursor(o, C_TX_PROD, C_TX_PROD_W, &ci->tx_prod);
	out_cursor(o, C_TX_CONS, C_TX_CONS_W, &ci->tx_cons);
	out_hex_pair(o, C_TX_FLAGS, ci->tx_prod_flags, 2, ci->tx_conn_state_flags, 2);
	out_cursor(o, C_TX_PREP, C_TX_PREP_W, &ci->tx_prep);
	out_cursor(o, C_TX_SENT, C_TX_SENT_W, &ci->tx_sent);
	out_cursor(o, C_TX_FIN, C_TX_FIN_W, &ci->tx_fin);
	out_uint(o, C_RX_PROD_FL, ci->rx_prod_flags);
	out_uint(o, C_RX_CONN_FL, ci->rx_conn_state_flags);
	out_uint(o, C_TX_PROD_FL, ci->tx_prod_flags);
	out_uint(o, C_TX_CONN_FL, ci->tx_conn_state_flags);
}

static void out_smcr(struct out *o, const struct smc_sock *s)
{
	const struct smc_diag_linkinfo *l = &s->lgrinfo.lnk[0];

	if (!(s->has & SMC_SOCK_HAS_LGRINFO))
		return;
	out_str(o, C_ROLE, s->lgrinfo.role ? "SERV" : "CLNT");
	out_str(o, C_IBDEV, (const char *)l->ibname);
	out_xint(o, C_IBPORT, l->ibport);
	out_xint(o, C_LINKID, l->link_id);
	out_str(o, C_GID, (const char *)l->gid);
	out_str(o, C_PEER_GID, (const char *)l->peer_gid);
}

/* 128-bit GIDs (loopback-ism, virtual ISM; Linux 6.8+) are shown whole in tables: the
 * extension follows the base GID, as the two halves travel in CLC messages.
 */
static void out_gid128(struct out *o, unsigned int col, unsigned int ext_col, uint64_t gid,
		       uint64_t ext)
{
	if (ext && !out_is_json(o))
		out_fmt(o, col, "%016llx%016llx", (unsigned long long)gid,
			(unsigned long long)ext);
	else
		out_xid(o, col, gid);
	if (ext)
		out_xid(o, ext_col, ext);
}

static void out_smcd(struct out *o, const struct smc_sock *s)
{
	const struct smcd_diag_dmbinfo *d = &s->dmbinfo;

	if (!(s->has & SMC_SOCK_HAS_DMBINFO))
		return;
	out_gid128(o, C_D_GID, C_D_GID_EXT, d->my_gid, d->my_gid_ext);
	out_xid(o, C_D_TOKEN, d->token);
	out_gid128(o, C_D_PEER_GID, C_D_PEER_GID_EXT, d->peer_gid, d->peer_gid_ext);
	out_xid(o, C_D_PEER_TOKEN, d->peer_token);
	out_xint(o, C_D_LGR_ID, d->linkid);
}

void view_sock_row(struct out *o, const struct view_sock_opts *vo, const struct smc_sock *s)
{
	const char *state = smc_state_name(s->state);
	bool json = out_is_json(o);
	char addr[INET6_ADDRSTRLEN];

	out_row_begin(o);
	if (state)
		out_own_str(o, C_STATE, state);
	else
		out_fmt(o, C_STATE, "%#x?", s->state);
	out_uint(o, C_STATE_CODE, s->state);
	out_uint(o, C_UID, s->uid);
	out_uint(o, C_INODE, s->inode);
	out_own_str(o, C_FAMILY, s->family == AF_INET6 ? "inet6" : "inet");

	/* tables end INIT rows here; JSON always carries the whole socket */
	if (json || s->state != SMC_SOCK_STATE_INIT) {
		out_endpoint(o, C_LOCAL, s, &s->saddr, s->sport, vo->wide);
		if (s->addr_known && out_wants(o, C_LADDR)) {
			addr_string(addr, sizeof(addr), s, &s->saddr);
			out_own_str(o, C_LADDR, addr);
		}
		out_uint(o, C_LPORT, s->sport);
	}
	if (json || (s->state != SMC_SOCK_STATE_INIT && s->state != SMC_SOCK_STATE_LISTEN)) {
		out_endpoint(o, C_PEER, s, &s->daddr, s->dport, vo->wide);
		if (s->addr_known && out_wants(o, C_PADDR)) {
			addr_string(addr, sizeof(addr), s, &s->daddr);
			out_own_str(o, C_PADDR, addr);
		}
		out_uint(o, C_PPORT, s->dport);
		out_xint(o, C_INTF, s->ifindex);
	}
	if (json || (s->state != SMC_SOCK_STATE_INIT && s->state != SMC_SOCK_STATE_LISTEN &&
		     s->state != SMC_SOCK_STATE_CLOSED)) {
		const char *mode = smc_mode_name(s->mode);
		/* the kernel reports SMCR for every socket that is neither SMC-D nor a
		 * fallback; for unconnected and listening ones that says nothing
		 */
		bool unconnected = s->state == SMC_SOCK_STATE_INIT ||
				   s->state == SMC_SOCK_STATE_LISTEN;

		out_mode_text(o, s);
		if (!unconnected || s->mode == SMC_DIAG_MODE_FALLBACK_TCP) {
			if (mode)
				out_own_str(o, C_MODE, mode);
			else
				out_fmt(o, C_MODE, "%#x", s->mode);
		}
		if (s->has & SMC_SOCK_HAS_FALLBACK &&
		    (s->mode == SMC_DIAG_MODE_FALLBACK_TCP || s->fallback_reason))
			out_reason(o, C_FB, s->fallback_reason);
		if (s->has & SMC_SOCK_HAS_FALLBACK && s->peer_diagnosis)
			out_reason(o, C_PD, s->peer_diagnosis);
		/* smc-tools prints no details for fallback rows: the row ends with its codes */
		if (json || s->mode != SMC_DIAG_MODE_FALLBACK_TCP) {
			out_debug(o, s);
			out_smcr(o, s);
			out_smcd(o, s);
		}
	}
	out_row_end(o);
}
