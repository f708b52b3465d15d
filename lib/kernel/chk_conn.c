// SPDX-License-Identifier: GPL-2.0
/* chk_conn.c - smc_chk -C / -S: a probe connection over AF_SMC and its sock_diag entry */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "chk_conn.h"

#include "smc_socket.h"

void chk_addr_str(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN] = "?";

	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;

		inet_ntop(AF_INET6, &s6->sin6_addr, a, sizeof(a));
		snprintf(buf, len, "[%s]:%u", a, ntohs(s6->sin6_port));
	} else {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)ss;

		inet_ntop(AF_INET, &s4->sin_addr, a, sizeof(a));
		snprintf(buf, len, "%s:%u", a, ntohs(s4->sin_port));
	}
}

/* SO_SNDTIMEO bounds a blocking connect(), SO_RCVTIMEO the reads */
static int set_timeouts(int fd, unsigned int timeout_ms)
{
	struct timeval tv = { .tv_sec = timeout_ms / 1000,
			      .tv_usec = (suseconds_t)(timeout_ms % 1000) * 1000 };

	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return -errno;
	return 0;
}

struct diag_match {
	uint64_t	inode;
	struct smc_sock	*out;
};

static int diag_cb(const struct smc_sock *s, void *arg)
{
	struct diag_match *m = arg;

	if (s->inode != m->inode)
		return 0;
	*m->out = *s;
	return -ECANCELED;	/* found: stop the dump */
}

/* The socket's own entry, found by its inode. Return: 0, -ENOENT if not listed, -errno. */
static int diag_lookup(struct smc_nl *nl, int fd, struct chk_conn *c)
{
	struct stat st;
	struct diag_match m = { .out = &c->sock };
	int rc;

	if (fstat(fd, &st) < 0)
		return -errno;
	m.inode = st.st_ino;
	rc = smc_sock_dump(nl, SMC_SOCK_HAS_LGRINFO | SMC_SOCK_HAS_DMBINFO, diag_cb, &m);
	c->sock_known = rc == -ECANCELED;
	if (c->sock_known)
		return 0;
	/* smc_sock_dump() says -ENOENT for a missing smc_diag: keep that apart */
	return rc ? rc : -ESRCH;
}

int chk_resolve(const char *host, uint16_t port, bool passive, struct sockaddr_storage *ss,
		int *gai_err)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0) };
	struct addrinfo *res, *ai;
	char service[8];

	snprintf(service, sizeof(service), "%u", port);
	*gai_err = getaddrinfo(host, service, &hints, &res);
	if (*gai_err)
		return *gai_err == EAI_SYSTEM ? -errno : -EHOSTUNREACH;
	/* the first IPv4 or IPv6 address: SMC has no other families */
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET || ai->ai_family == AF_INET6) {
			memcpy(ss, ai->ai_addr, ai->ai_addrlen);
			break;
		}
	}
	freeaddrinfo(res);
	if (!ai) {
		*gai_err = EAI_ADDRFAMILY;
		return -EHOSTUNREACH;
	}
	return 0;
}

socklen_t chk_addr_len(const struct sockaddr_storage *ss)
{
	return ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) :
					   sizeof(struct sockaddr_in);
}

/* Resolve @host into c->peer and make an AF_SMC socket of its IP family.
 * Return: the socket, or -errno with c->stage saying which step failed.
 */
static int smc_socket_for(const char *host, uint16_t port, bool passive, struct chk_conn *c)
{
	int fd, rc;

	memset(c, 0, sizeof(*c));
	c->stage = CHK_STAGE_RESOLVE;
	rc = chk_resolve(host, port, passive, &c->peer, &c->gai_err);
	if (rc)
		return rc;
	c->stage = CHK_STAGE_SOCKET;
	fd = socket(AF_SMC, SOCK_STREAM | SOCK_CLOEXEC,
		    c->peer.ss_family == AF_INET6 ? SMCPROTO_SMC6 : SMCPROTO_SMC);
	return fd < 0 ? -errno : fd;
}

/* Send the probe and read the same number of bytes back. Return: 0 or -errno. */
static int probe_echo(int fd)
{
	char back[sizeof(CHK_PROBE)];
	size_t have = 0, len = sizeof(CHK_PROBE) - 1;

	if (write(fd, CHK_PROBE, len) != (ssize_t)len)
		return errno ? -errno : -EIO;
	while (have < len) {
		ssize_t n = read(fd, back + have, len - have);

		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		if (n == 0)
			return -ECONNRESET;
		have += (size_t)n;
	}
	return memcmp(back, CHK_PROBE, len) ? -EBADMSG : 0;
}

int chk_connect(struct smc_nl *nl, const char *host, uint16_t port, unsigned int timeout_ms,
		struct chk_conn *c)
{
	socklen_t len = sizeof(c->local);
	int fd, rc;

	fd = smc_socket_for(host, port, false, c);
	if (fd < 0)
		return fd;
	rc = set_timeouts(fd, timeout_ms);
	if (rc)
		goto out;
	c->stage = CHK_STAGE_CONNECT;
	if (connect(fd, (const struct sockaddr *)&c->peer, chk_addr_len(&c->peer)) < 0) {
		/* a blocking connect cut short by SO_SNDTIMEO */
		rc = errno == EINPROGRESS || errno == EAGAIN ? -ETIMEDOUT : -errno;
		goto out;
	}
	getsockname(fd, (struct sockaddr *)&c->local, &len);
	c->stage = CHK_STAGE_ECHO;
	rc = probe_echo(fd);
	if (rc)
		goto out;
	c->stage = CHK_STAGE_DIAG;
	rc = diag_lookup(nl, fd, c);
	if (!rc)
		c->stage = CHK_STAGE_DONE;
out:
	close(fd);
	return rc;
}

int chk_listen(const char *addr, uint16_t port, struct chk_conn *c)
{
	socklen_t len = sizeof(c->local);
	int fd, one = 1;

	fd = smc_socket_for(addr ? addr : "0.0.0.0", port, true, c);
	if (fd < 0)
		return fd;
	c->stage = CHK_STAGE_CONNECT;
	/* a server restarted right after a test must not wait for TIME_WAIT */
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (const struct sockaddr *)&c->peer, chk_addr_len(&c->peer)) < 0 ||
	    listen(fd, 16) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	getsockname(fd, (struct sockaddr *)&c->local, &len);
	memset(&c->peer, 0, sizeof(c->peer));
	c->stage = CHK_STAGE_DONE;
	return fd;
}

int chk_serve_one(struct smc_nl *nl, int lfd, unsigned int timeout_ms, struct chk_conn *c)
{
	socklen_t plen = sizeof(c->peer), llen = sizeof(c->local);
	char buf[4096];
	int fd, rc, diag_rc;

	memset(c, 0, sizeof(*c));
	c->stage = CHK_STAGE_CONNECT;
	fd = accept4(lfd, (struct sockaddr *)&c->peer, &plen, SOCK_CLOEXEC);
	if (fd < 0)
		return -errno;
	getsockname(fd, (struct sockaddr *)&c->local, &llen);
	rc = set_timeouts(fd, timeout_ms);
	if (rc)
		goto out;
	/* while the connection is open; echo even if this fails, the client waits for it */
	diag_rc = diag_lookup(nl, fd, c);
	c->stage = CHK_STAGE_ECHO;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n == 0)
			break;
		if (n < 0 || write(fd, buf, (size_t)n) != n) {
			rc = errno == EAGAIN ? -ETIMEDOUT : -errno;
			goto out;
		}
	}
	c->stage = diag_rc ? CHK_STAGE_DIAG : CHK_STAGE_DONE;
	rc = diag_rc;
out:
	close(fd);
	return rc;
}
