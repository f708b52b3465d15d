// SPDX-License-Identifier: GPL-2.0
/* chk_optecho.c - the TCP option 254 replay probe (see chk_optecho.h) */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "chk_conn.h"
#include "chk_optecho.h"

#define TCPOPT_EXP 254

static uint16_t addr_port(const struct sockaddr_storage *a)
{
	return ntohs(a->ss_family == AF_INET ? ((const struct sockaddr_in *)a)->sin_port :
					       ((const struct sockaddr_in6 *)a)->sin6_port);
}

/* the one's complement sum of @len bytes, folded later */
static uint32_t sum16(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *p = data;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)(p[len - 1] << 8);
	return sum;
}

/* IPv4 TCP checksum over the pseudo header (IPv6: the kernel, IPV6_CHECKSUM) */
static uint16_t tcp4_checksum(const struct sockaddr_in *src, const struct sockaddr_in *dst,
			      const uint8_t *seg, size_t len)
{
	uint32_t sum = 0;

	sum = sum16(&src->sin_addr, 4, sum);
	sum = sum16(&dst->sin_addr, 4, sum);
	sum += IPPROTO_TCP + (uint32_t)len;
	sum = sum16(seg, len, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

/* A TCP segment with @flags from the probe's port; the SYN carries MSS and option 254. */
static size_t build_segment(uint8_t *seg, const struct chk_echo *e, uint32_t seq,
			    uint8_t flags)
{
	struct tcphdr *th = (struct tcphdr *)seg;
	size_t len = sizeof(*th);

	memset(seg, 0, 60);
	th->th_sport = htons(addr_port(&e->local));
	th->th_dport = htons(addr_port(&e->peer));
	th->th_seq = htonl(seq);
	th->th_flags = flags;
	th->th_win = htons(65535);
	if (flags & TH_SYN) {
		uint32_t marker = htonl(CHK_ECHO_MARKER);

		seg[len++] = TCPOPT_MAXSEG;
		seg[len++] = 4;
		seg[len++] = 1460 >> 8;
		seg[len++] = 1460 & 0xff;
		seg[len++] = TCPOPT_EXP;
		seg[len++] = 6;
		memcpy(seg + len, &marker, 4);
		len += 4;
		seg[len++] = TCPOPT_NOP;
		seg[len++] = TCPOPT_NOP;
	}
	th->th_off = (uint8_t)(len / 4);
	if (e->peer.ss_family == AF_INET)
		th->th_sum = tcp4_checksum((const struct sockaddr_in *)&e->local,
					   (const struct sockaddr_in *)&e->peer, seg, len);
	return len;
}

/* The route's source address for the peer, and a port of our own that nothing else
 * takes while the probe runs (@port_fd keeps it).
 */
static int pick_source(struct chk_echo *e, int *port_fd)
{
	socklen_t len = sizeof(e->local);
	int fd = socket(e->peer.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (connect(fd, (struct sockaddr *)&e->peer, chk_addr_len(&e->peer)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&e->local, &len) < 0)
		rc = -errno;
	close(fd);
	if (rc)
		return rc;
	*port_fd = socket(e->peer.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (*port_fd < 0)
		return -errno;
	if (e->local.ss_family == AF_INET)
		((struct sockaddr_in *)&e->local)->sin_port = 0;
	else
		((struct sockaddr_in6 *)&e->local)->sin6_port = 0;
	len = sizeof(e->local);
	if (bind(*port_fd, (struct sockaddr *)&e->local, chk_addr_len(&e->local)) < 0 ||
	    getsockname(*port_fd, (struct sockaddr *)&e->local, &len) < 0)
		return -errno;
	return 0;
}

static bool same_addr(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family)
		return false;
	if (a->ss_family == AF_INET)
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	return !memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
		       &((const struct sockaddr_in6 *)b)->sin6_addr, sizeof(struct in6_addr));
}

/* Look at the options of a SYN-ACK: copied into @e, our option found or not */
static void read_options(struct chk_echo *e, const uint8_t *opt, size_t len)
{
	e->options_len = (unsigned int)(len < sizeof(e->options) ? len : sizeof(e->options));
	memcpy(e->options, opt, e->options_len);
	e->result = CHK_ECHO_NOT_REPLAYED;
	for (size_t i = 0; i < len;) {
		size_t olen;

		if (opt[i] == TCPOPT_EOL)
			break;
		if (opt[i] == TCPOPT_NOP) {
			i++;
			continue;
		}
		if (i + 1 >= len || opt[i + 1] < 2 || i + opt[i + 1] > len)
			break;		/* malformed: what was read so far counts */
		olen = opt[i + 1];
		if (opt[i] == TCPOPT_EXP) {
			uint32_t marker;

			if (olen == 6 && (memcpy(&marker, opt + i + 2, 4), ntohl(marker) ==
					  CHK_ECHO_MARKER))
				e->result = CHK_ECHO_REPLAYED;
			else
				e->other_254 = true;
		}
		i += olen;
	}
}

/* Is @pkt (from @from) the answer to our SYN? Return: true when @e->result is set. */
static bool take_answer(struct chk_echo *e, const uint8_t *pkt, size_t len,
			const struct sockaddr_storage *from, uint32_t isn)
{
	const struct tcphdr *th;
	size_t off = 0, hlen;

	if (!same_addr(from, &e->peer))
		return false;
	if (e->peer.ss_family == AF_INET) {	/* an IPv4 raw socket gets the IP header */
		if (len < 20 || (pkt[0] >> 4) != 4)
			return false;
		off = (size_t)(pkt[0] & 0x0f) * 4;
	}
	if (len < off + sizeof(*th))
		return false;
	th = (const struct tcphdr *)(pkt + off);
	hlen = (size_t)th->th_off * 4;
	if (ntohs(th->th_sport) != addr_port(&e->peer) ||
	    ntohs(th->th_dport) != addr_port(&e->local) || hlen < sizeof(*th) ||
	    len < off + hlen)
		return false;
	if ((th->th_flags & TH_RST) && (!(th->th_flags & TH_ACK) || ntohl(th->th_ack) == isn + 1)) {
		e->result = CHK_ECHO_REFUSED;
		return true;
	}
	if ((th->th_flags & (TH_SYN | TH_ACK)) != (TH_SYN | TH_ACK) || ntohl(th->th_ack) != isn + 1)
		return false;
	read_options(e, pkt + off + sizeof(*th), hlen - sizeof(*th));
	return true;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

int chk_option_echo(const char *host, uint16_t port, unsigned int timeout_ms,
		    struct chk_echo *e)
{
	uint8_t seg[60], buf[2048];
	struct sockaddr_storage dst;
	struct timespec t0;
	int rfd = -1, port_fd = -1, rc;
	uint32_t isn;
	size_t len;

	memset(e, 0, sizeof(*e));
	e->stage = CHK_ECHO_STAGE_RESOLVE;
	rc = chk_resolve(host, port, false, &e->peer, &e->gai_err);
	if (rc)
		return rc;
	e->stage = CHK_ECHO_STAGE_SOCKET;
	rfd = socket(e->peer.ss_family, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_TCP);
	if (rfd < 0)
		return -errno;
	if (e->peer.ss_family == AF_INET6) {
		int off = 16;	/* the kernel fills in and checks the TCP checksum */

		if (setsockopt(rfd, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off)) < 0) {
			rc = -errno;
			goto out;
		}
	}
	e->stage = CHK_ECHO_STAGE_SEND;
	rc = pick_source(e, &port_fd);
	if (rc)
		goto out;
	if (getrandom(&isn, sizeof(isn), 0) != sizeof(isn))
		isn = (uint32_t)time(NULL) * 2654435761u;
	/* a raw socket's destination has no port (an IPv6 one refuses one) */
	dst = e->peer;
	if (dst.ss_family == AF_INET)
		((struct sockaddr_in *)&dst)->sin_port = 0;
	else
		((struct sockaddr_in6 *)&dst)->sin6_port = 0;
	len = build_segment(seg, e, isn, TH_SYN);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (sendto(rfd, seg, len, 0, (struct sockaddr *)&dst, chk_addr_len(&dst)) < 0) {
		rc = -errno;
		goto out;
	}
	e->stage = CHK_ECHO_STAGE_DONE;
	e->result = CHK_ECHO_NO_ANSWER;
	/* every TCP packet of the host reaches a raw socket: bounded by the deadline */
	for (;;) {
		struct pollfd pfd = { .fd = rfd, .events = POLLIN };
		long left = (long)timeout_ms - ms_since(&t0);
		struct sockaddr_storage from;
		socklen_t flen = sizeof(from);
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, (int)left) <= 0)
			break;
		n = recvfrom(rfd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &flen);
		if (n > 0 && take_answer(e, buf, (size_t)n, &from, isn))
			break;
	}
	if (e->result == CHK_ECHO_REPLAYED || e->result == CHK_ECHO_NOT_REPLAYED) {
		/* end the half-open connection on the server at once */
		len = build_segment(seg, e, isn + 1, TH_RST);
		sendto(rfd, seg, len, 0, (struct sockaddr *)&dst, chk_addr_len(&dst));
	}
	rc = 0;
out:
	if (port_fd >= 0)
		close(port_fd);
	close(rfd);
	return rc;
}
