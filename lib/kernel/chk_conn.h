/* SPDX-License-Identifier: GPL-2.0 */
/* chk_conn.h - smc_chk's live test: one AF_SMC connection (client) or an AF_SMC echo
 * server, each socket looked up in sock_diag to learn its mode or fallback reason
 */
#ifndef SMC_CHK_CONN_H
#define SMC_CHK_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "nl.h"
#include "sockdiag.h"

#define CHK_DEFAULT_PORT	37373
#define CHK_PROBE		"smc_chk probe\n"

enum chk_stage {
	CHK_STAGE_RESOLVE,	/* getaddrinfo() failed: see gai_err */
	CHK_STAGE_SOCKET,	/* no AF_SMC socket */
	CHK_STAGE_CONNECT,	/* connect() / listen() / accept() failed */
	CHK_STAGE_ECHO,		/* the probe was not echoed back */
	CHK_STAGE_DIAG,		/* the socket is not in sock_diag */
	CHK_STAGE_DONE,
};

struct chk_conn {
	enum chk_stage		stage;		/* how far it got */
	int			gai_err;	/* CHK_STAGE_RESOLVE: the getaddrinfo() code */
	struct sockaddr_storage	local, peer;
	struct smc_sock		sock;		/* valid if sock_known */
	bool			sock_known;	/* the socket was found in sock_diag */
};

/**
 * chk_connect() - connect to @host:@port over AF_SMC, send a probe, read its echo, and
 * read the socket's own sock_diag entry (mode, fallback reason, link or DMB)
 * @host: an IPv4/IPv6 literal or a name getaddrinfo() resolves
 * @timeout_ms: for connect and for the echo
 *
 * Return: 0 (c->stage is CHK_STAGE_DONE), or -errno with c->stage saying what failed.
 */
int chk_connect(struct smc_nl *nl, const char *host, uint16_t port, unsigned int timeout_ms,
		struct chk_conn *c);

/**
 * chk_listen() - an AF_SMC listener on @addr (NULL: every IPv4 address) port @port
 *
 * Return: the listening socket, or -errno (c->stage and c->gai_err say what failed;
 * c->local holds the bound address on success).
 */
int chk_listen(const char *addr, uint16_t port, struct chk_conn *c);

/**
 * chk_serve_one() - accept one client on @lfd, look its socket up, echo until the client
 * closes (or @timeout_ms of silence)
 *
 * Return: 0 (c describes the connection), or -errno with c->stage.
 */
int chk_serve_one(struct smc_nl *nl, int lfd, unsigned int timeout_ms, struct chk_conn *c);

/**
 * chk_resolve() - the first IPv4 or IPv6 address of @host:@port into @ss
 * @passive: for bind(): a NULL @host is any address
 *
 * Return: 0, or -errno with *@gai_err the getaddrinfo() error (EAI_SYSTEM: see -errno).
 */
int chk_resolve(const char *host, uint16_t port, bool passive, struct sockaddr_storage *ss,
		int *gai_err);
/* The length of the sockaddr @ss holds (IPv4 or IPv6) */
socklen_t chk_addr_len(const struct sockaddr_storage *ss);

/* "127.0.0.1:37373" or "[::1]:37373" */
void chk_addr_str(const struct sockaddr_storage *ss, char *buf, size_t len);

#endif
