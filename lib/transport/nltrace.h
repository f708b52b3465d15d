/* SPDX-License-Identifier: GPL-2.0 */
/* nltrace.h - record every netlink exchange with the kernel to a file, or answer every
 * request from such a file with no kernel at all (the transport's record/replay).
 *
 * Environment (read once per transport handle, in smc_nl_open()):
 *   SMC_UTILS_RECORD=FILE  append each request and the kernel's replies to FILE
 *   SMC_UTILS_REPLAY=FILE  answer each request from FILE; no netlink socket is opened
 *   SMC_UTILS_CUE=TEXT     recording: mark the records with TEXT; replaying: answer only
 *                          from records marked so (one file holds a sequence of
 *                          commands whose identical requests get different answers)
 *
 * File layout (native byte order, as netlink itself):
 *   "SMCUTRC1"                          8-byte magic, once at the start
 *   then records, each:
 *     u16 type        NLTRACE_REQUEST, _REPLY, _ERROR, _FACT or _NOTE
 *     u16 key         netlink protocol (NETLINK_*) of a request, reply or error;
 *                     the fact's id for a fact; 0 for a note
 *     u16 netns_len   bytes of the namespace label
 *     u16 cue_len     bytes of the cue
 *     u32 data_len    bytes of data
 *     u32 stream      the netlink port id of the socket (0 if none could be opened)
 *     cue, label, data, then zero bytes up to a multiple of 4
 *   A request holds the bytes sent (one or more netlink messages). Its replies are the
 *   reply and error records after it with the same protocol and stream, up to the next
 *   request of that stream: a tool may read two sockets at once, so records of other
 *   streams can come between. A reply is one datagram received; an error record holds
 *   the s32 -errno the transport failed with instead (opening the socket, sending,
 *   receiving). The label is the -n argument the tool ran with, empty for the namespace
 *   it started in.
 *
 * Replay: a request is answered by the first recorded request, not answered yet, with
 * the same protocol, label and bytes (sequence numbers and port ids aside); once all
 * such are answered, by the last of them again. When its replies run out before the
 * kernel's final message, the kernel is taken to have gone silent (-ETIMEDOUT).
 */
#ifndef SMC_NLTRACE_H
#define SMC_NLTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NLTRACE_MAGIC		"SMCUTRC1"
#define NLTRACE_MAGIC_LEN	8
#define NLTRACE_ENV_RECORD	"SMC_UTILS_RECORD"
#define NLTRACE_ENV_REPLAY	"SMC_UTILS_REPLAY"
#define NLTRACE_ENV_CUE		"SMC_UTILS_CUE"

enum nltrace_type {
	NLTRACE_REQUEST = 1,
	NLTRACE_REPLY	= 2,
	NLTRACE_ERROR	= 3,
	NLTRACE_FACT	= 4,
	NLTRACE_NOTE	= 5,
};

/* Facts: what the transport learns from the kernel other than by netlink messages */
enum nltrace_fact {
	NLTRACE_FACT_NETNS_COOKIE = 1,	/* u64, SO_NETNS_COOKIE of the handle's namespace */
	NLTRACE_FACT_KERNEL_SUPPORT = 2, /* what the host's files say of SMC (kernel_support.h) */
	/* named facts (the data starts with the name and a NUL): */
	NLTRACE_FACT_IBV_DEVICE = 3,	/* libibverbs' view of the RDMA device named (smc_ibv.h) */
	NLTRACE_FACT_CHK_HOST = 4,	/* what smc_chk reads outside netlink (smc_chk.h); name "" */
	NLTRACE_FACT_PATH = 5,		/* s32 1, 0 or -errno: does the path named exist */
	NLTRACE_FACT_KSYM = 6,		/* s32 1, 0 or -errno: has the kernel the symbol named */
};

/* One record as found in a file; pointers into the loaded bytes */
struct nltrace_rec {
	uint16_t	type;
	uint16_t	key;
	uint32_t	stream;
	const char	*cue;
	size_t		cue_len;
	const char	*netns;
	size_t		netns_len;
	const uint8_t	*data;
	size_t		data_len;
};

/**
 * nltrace_next() - the record at *@off of the file image @buf of @len bytes
 *
 * Advances *@off past it. Return: 1 with @rec filled, 0 at the end, -EBADMSG if the
 * record is cut short. The caller checks the magic (nltrace_magic_ok()) first.
 */
int nltrace_next(const uint8_t *buf, size_t len, size_t *off, struct nltrace_rec *rec);
bool nltrace_magic_ok(const uint8_t *buf, size_t len);

struct nltrace;

/**
 * nltrace_from_env() - the trace the environment asks for
 *
 * Return: 0 with *@tp set, or NULL if neither variable is set; -EINVAL if both are.
 * Files are opened at first use, so their errors come with the first request.
 */
int nltrace_from_env(struct nltrace **tp);
/* A second handle of the same tool: same file, same namespace label. */
int nltrace_clone(const struct nltrace *t, struct nltrace **tp);
void nltrace_free(struct nltrace *t);
bool nltrace_replaying(const struct nltrace *t);
/* Label the handle's namespace (the -n argument); NULL for the starting one.
 * Return: 0; replaying, -ENOENT if the file has no request made in that namespace.
 */
int nltrace_set_netns(struct nltrace *t, const char *label);
/* Why the last call failed beyond its errno, e.g. "replay file F: bad magic"; "" if no. */
const char *nltrace_reason(const struct nltrace *t);

/**
 * nltrace_request() - a request of netlink @proto is being sent
 *
 * @stream: the sending socket's port id (replaying: ignored)
 *
 * Recording: writes it. Replaying: finds its answer; the replies then come from
 * nltrace_reply(). Return: 0 or -errno (-ENOMSG: the file has no such request).
 */
int nltrace_request(struct nltrace *t, uint16_t proto, uint32_t stream, const void *msg,
		    size_t len);
/**
 * nltrace_reply() - replaying: the next datagram for the current request
 *
 * Return: 0 with *@buf and *@len set (valid until the trace is freed); the recorded
 * -errno of a failure; -ETIMEDOUT when the recorded replies have run out.
 */
int nltrace_reply(struct nltrace *t, const void **buf, size_t *len);
/* Recording: a datagram received, or the -errno the transport failed with. */
int nltrace_record_reply(struct nltrace *t, uint16_t proto, uint32_t stream, const void *buf,
			 size_t len);
int nltrace_record_error(struct nltrace *t, uint16_t proto, uint32_t stream, int err);

/* Facts: recorded as learnt; replayed by id and label (-ENOENT if not in the file). */
int nltrace_record_fact(struct nltrace *t, uint16_t id, const void *val, size_t len);
int nltrace_replay_fact(struct nltrace *t, uint16_t id, void *val, size_t len);
/* Named facts, of any length: one per name. Replay: *@val points into the loaded file
 * (valid until the trace is freed); -ENOENT if the file has none of that id and name.
 */
int nltrace_record_named_fact(struct nltrace *t, uint16_t id, const char *name,
			      const void *val, size_t len);
int nltrace_replay_named_fact(struct nltrace *t, uint16_t id, const char *name,
			      const void **val, size_t *len);

#endif
