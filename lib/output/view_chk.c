// SPDX-License-Identifier: GPL-2.0
/* view_chk.c - smc_chk findings and probe connections -> out */
#include <inttypes.h>
#include <string.h>

#include "decode.h"
#include "fallback_kb.h"
#include "chk_optecho.h"
#include "view_chk.h"

void view_chk_findings(struct out *o, const struct chk_findings *fs, bool quiet)
{
	size_t id_width = 0;

	for (size_t i = 0; i < fs->n; i++)
		if (!(quiet && fs->v[i].status == CHK_OK) && strlen(fs->v[i].id) > id_width)
			id_width = strlen(fs->v[i].id);
	out_record_begin(o, NULL, 0);
	out_list_begin(o, "findings");
	for (size_t i = 0; i < fs->n; i++) {
		const struct chk_finding *x = &fs->v[i];

		if (quiet && x->status == CHK_OK)
			continue;
		/* text: aligned lines; JSON: one object per finding */
		out_note(o, "%-8s %-*s %s", chk_status_name(x->status), (int)id_width, x->id,
			 x->message);
		if (x->fix)
			out_note(o, "%-8s %-*s fix: %s", "", (int)id_width, "", x->fix);
		out_record_begin(o, NULL, 0);
		out_kv_str(o, "id", NULL, x->id);
		out_kv_str(o, "status", NULL, chk_status_name(x->status));
		out_kv_str(o, "message", NULL, x->message);
		out_kv_str(o, "fix", NULL, x->fix);
		out_record_end(o);
	}
	out_list_end(o);
	out_note(o, "%zu ok, %zu warning%s, %zu problem%s", fs->count[CHK_OK],
		 fs->count[CHK_WARNING], fs->count[CHK_WARNING] == 1 ? "" : "s",
		 fs->count[CHK_PROBLEM], fs->count[CHK_PROBLEM] == 1 ? "" : "s");
	out_record_begin(o, "summary", 0);
	out_kv_uint(o, "ok", NULL, fs->count[CHK_OK]);
	out_kv_uint(o, "warning", NULL, fs->count[CHK_WARNING]);
	out_kv_uint(o, "problem", NULL, fs->count[CHK_PROBLEM]);
	out_record_end(o);
	out_record_end(o);
}

#define LABEL_WIDTH 12

/* One code: "Fallback:" or "Peer reason:" lines, with the knowledge base's entry */
static void out_code(struct out *o, const char *key, const char *label, uint32_t code)
{
	const struct smc_fallback_entry *e = smc_fallback_lookup(code);
	char k[48];

	out_kv_fmt(o, NULL, label, "0x%08" PRIx32 " %s", code, e ? e->name : "(unknown code)");
	out_kv_uint(o, key, NULL, code);
	if (!e)
		return;
	snprintf(k, sizeof(k), "%s_name", key);
	out_kv_str(o, k, NULL, e->name);
	snprintf(k, sizeof(k), "%s_text", key);
	out_kv_str(o, k, "Meaning:", e->meaning);
}

static void out_fallback(struct out *o, const struct smc_sock *s)
{
	/* with PEERDECL the peer's own code is the one that explains the fallback */
	uint32_t why = s->fallback_reason;
	const struct smc_fallback_entry *e;

	out_code(o, "fallback_reason", "Fallback:", s->fallback_reason);
	if (s->peer_diagnosis) {
		out_code(o, "peer_diagnosis", "Peer code:", s->peer_diagnosis);
		why = s->peer_diagnosis;
	}
	e = smc_fallback_lookup(why);
	if (e) {
		out_kv_strv(o, "causes", "Causes:", e->causes);
		out_kv_strv(o, "remedies", "What to do:", e->remedies);
	}
}

static void out_gid128(struct out *o, const char *key, const char *label, uint64_t gid,
		       uint64_t ext, bool has_ext)
{
	if (has_ext && ext)
		out_kv_fmt(o, key, label, "%016" PRIx64 "%016" PRIx64, gid, ext);
	else
		out_kv_fmt(o, key, label, "%016" PRIx64, gid);
}

static void out_details(struct out *o, const struct smc_sock *s)
{
	if (s->mode == SMC_DIAG_MODE_SMCR && (s->has & SMC_SOCK_HAS_LGRINFO)) {
		const struct smc_diag_linkinfo *l = &s->lgrinfo.lnk[0];

		out_kv_fmt(o, NULL, "RDMA:", "%s port %u", (const char *)l->ibname, l->ibport);
		out_kv_str(o, "ib_device", NULL, (const char *)l->ibname);
		out_kv_uint(o, "ib_port", NULL, l->ibport);
		out_kv_str(o, "gid", "GID:", (const char *)l->gid);
		out_kv_str(o, "peer_gid", "Peer GID:", (const char *)l->peer_gid);
	} else if (s->mode == SMC_DIAG_MODE_SMCD && (s->has & SMC_SOCK_HAS_DMBINFO)) {
		const struct smcd_diag_dmbinfo *d = &s->dmbinfo;
		bool ext = s->has & SMC_SOCK_HAS_GID_EXT;

		out_gid128(o, "gid", "GID:", d->my_gid, d->my_gid_ext, ext);
		out_gid128(o, "peer_gid", "Peer GID:", d->peer_gid, d->peer_gid_ext, ext);
	}
}

void view_chk_conn(struct out *o, const struct chk_conn *c, const char *role)
{
	const struct smc_sock *s = &c->sock;
	const char *mode = s->mode == SMC_DIAG_MODE_SMCR ? "SMC-R" :
			   s->mode == SMC_DIAG_MODE_SMCD ? "SMC-D" : "TCP";
	char local[64], peer[64];

	chk_addr_str(&c->local, local, sizeof(local));
	chk_addr_str(&c->peer, peer, sizeof(peer));
	out_separator(o);
	out_record_begin(o, NULL, LABEL_WIDTH);
	out_kv_str(o, "role", NULL, role);
	out_kv_str(o, "local", "Local:", local);
	out_kv_str(o, "peer", "Peer:", peer);
	out_kv_str(o, "mode", NULL, smc_mode_name(s->mode));
	out_kv_str(o, NULL, "Mode:", s->mode == SMC_DIAG_MODE_FALLBACK_TCP ?
		   "TCP (fell back from SMC)" : mode);
	if (s->mode == SMC_DIAG_MODE_FALLBACK_TCP)
		out_fallback(o, s);
	else
		out_details(o, s);
	out_record_end(o);
}

void view_chk_echo(struct out *o, const struct chk_echo *e)
{
	bool replayed = e->result == CHK_ECHO_REPLAYED;
	char peer[64], local[64], opts[3 * sizeof(e->options) + 1] = "";

	chk_addr_str(&e->peer, peer, sizeof(peer));
	chk_addr_str(&e->local, local, sizeof(local));
	for (unsigned int i = 0; i < e->options_len; i++)
		snprintf(opts + 2 * i, sizeof(opts) - 2 * i, "%02x", e->options[i]);
	out_separator(o);
	out_record_begin(o, NULL, LABEL_WIDTH);
	out_kv_str(o, "peer", "Peer:", peer);
	out_kv_str(o, "local", "Local:", local);
	out_kv_str(o, "synack_options", NULL, opts);
	out_kv_fmt(o, NULL, "SYN-ACK:", "options %s", opts[0] ? opts : "none");
	out_kv_bool(o, "replayed", NULL, replayed);
	out_kv_bool(o, "other_option_254", NULL, e->other_254);
	out_kv_str(o, NULL, "Option 254:", replayed ?
		   "REPLAYED: the peer (or a middlebox) echoes unknown TCP options; an SMC "
		   "client takes it for an SMC peer, and its connections hang or fail while "
		   "ping and TCP work: fix or bypass what echoes, or keep SMC off this path "
		   "(smc_run only for other peers)" :
		   e->other_254 ? "not replayed (the SYN-ACK carries an option 254 of its own)" :
		   "not replayed");
	out_record_end(o);
}
