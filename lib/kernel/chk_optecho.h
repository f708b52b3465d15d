/* SPDX-License-Identifier: GPL-2.0 */
/* chk_optecho.h - does a server (or a middlebox before it) echo unknown TCP options?
 *
 * SMC announces itself with TCP option 254 (experimental, RFC 6994) carrying its magic
 * in the SYN; a peer that answers with the option in its SYN-ACK speaks SMC. Some
 * servers and middleboxes echo options they do not know: an SMC client then takes a
 * plain TCP server for an SMC peer, starts the CLC handshake, and its connections hang
 * or fail while ping and plain TCP work. The probe sends one SYN whose option 254 holds a
 * marker that is not SMC's magic (a real SMC server ignores it), reads the SYN-ACK, and
 * resets the half-open connection. Nothing here prints.
 */
#ifndef SMC_CHK_OPTECHO_H
#define SMC_CHK_OPTECHO_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

enum chk_echo_stage {
	CHK_ECHO_STAGE_RESOLVE,		/* getaddrinfo() failed: gai_err */
	CHK_ECHO_STAGE_SOCKET,		/* the raw socket (-EPERM: no CAP_NET_RAW) */
	CHK_ECHO_STAGE_SEND,		/* the route, the source port, the SYN */
	CHK_ECHO_STAGE_DONE,		/* .result holds the answer */
};

enum chk_echo_result {
	CHK_ECHO_NOT_REPLAYED,		/* a SYN-ACK without our option */
	CHK_ECHO_REPLAYED,		/* a SYN-ACK with our option 254 and marker */
	CHK_ECHO_REFUSED,		/* a RST: nothing listens on the port */
	CHK_ECHO_NO_ANSWER,		/* nothing within the timeout */
};

/* the option the probe sends: kind 254, length 6, this marker (not SMC's E2D4C3D9) */
#define CHK_ECHO_MARKER 0x736d6375u	/* "smcu" */

struct chk_echo {
	enum chk_echo_stage	stage;
	int			gai_err;
	struct sockaddr_storage	local, peer;
	enum chk_echo_result	result;
	uint8_t			options[40];	/* the SYN-ACK's TCP options, as sent */
	unsigned int		options_len;
	bool			other_254;	/* option 254 in the SYN-ACK, but not ours */
};

/**
 * chk_option_echo() - probe @host:@port with a SYN carrying option 254
 * @timeout_ms: how long to wait for the SYN-ACK or RST
 *
 * Needs CAP_NET_RAW. Return: 0 with @e->result set, or -errno with @e->stage telling
 * what failed.
 */
int chk_option_echo(const char *host, uint16_t port, unsigned int timeout_ms,
		    struct chk_echo *e);

#endif
