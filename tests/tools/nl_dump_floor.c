// SPDX-License-Identifier: GPL-2.0
/* nl_dump_floor - the least a program can do to read what a listing shows: the floor
 * `make bench` measures smcss, smcr and smcd against
 *
 *   nl_dump_floor sock [-d]           the smc_diag dump of smcss -a (-d: smcss -a -d's
 *                                     extensions)
 *   nl_dump_floor genl CMD            a dump of SMC_GEN_NETLINK command CMD (a number:
 *                                     lib/uapi/linux/smc.h), after looking up the family
 *
 * It sends the same request as the tools, reads every reply into one buffer of the
 * tools' size, counts the messages and prints the count: no parsing, no output. Exit 1
 * on any failure, with a line on stderr.
 */
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "uapi/linux/smc.h"
#include "uapi/linux/smc_diag.h"

#ifndef AF_SMC
#define AF_SMC 43
#endif

static char buf[64 * 1024];	/* the tools' first receive buffer (lib/transport/nl.c) */

static void die(const char *what)
{
	fprintf(stderr, "nl_dump_floor: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int open_netlink(int proto)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto), size = 1 << 20;
	struct timeval patience = { .tv_sec = 10 };	/* never hang a benchmark */

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof(patience));
	return fd;
}

static void send_request(int fd, const void *req, size_t len)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	if (sendto(fd, req, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) != (ssize_t)len)
		die("send");
}

/* Read replies until NLMSG_DONE or an error message; count the others. @last keeps a
 * copy of the last message (for the family lookup).
 */
static long read_dump(int fd, void *last, size_t last_size)
{
	long count = 0;

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("recv");
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return count;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				if (!e->error)
					return count;
				errno = -e->error;
				die("the kernel refused the request");
			}
			if (last && h->nlmsg_len <= last_size)
				memcpy(last, h, h->nlmsg_len);
			count++;
		}
	}
}

static long sock_floor(int with_details)
{
	struct {
		struct nlmsghdr h;
		struct smc_diag_req r;
	} req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
		.r = { .diag_family = AF_SMC },
	};
	int fd = open_netlink(NETLINK_SOCK_DIAG);

	if (with_details)
		req.r.diag_ext = 1u << (SMC_DIAG_CONNINFO - 1) | 1u << (SMC_DIAG_LGRINFO - 1) |
				 1u << (SMC_DIAG_DMBINFO - 1);
	send_request(fd, &req, sizeof(req));
	return read_dump(fd, NULL, 0);
}

static unsigned short genl_family(int fd)
{
	_Alignas(struct nlmsghdr) char req[NLMSG_LENGTH(GENL_HDRLEN + NLA_HDRLEN +
							 NLA_ALIGN(sizeof(SMC_GENL_FAMILY_NAME)))];
	struct nlmsghdr *rh = (struct nlmsghdr *)req;
	struct genlmsghdr *g = NLMSG_DATA(rh);
	struct nlattr *name = (struct nlattr *)((char *)g + GENL_HDRLEN);
	static char reply[8192];
	struct nlmsghdr *h = (struct nlmsghdr *)reply;
	int rem;

	memset(req, 0, sizeof(req));
	rh->nlmsg_len = sizeof(req);
	rh->nlmsg_type = GENL_ID_CTRL;
	rh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;	/* the ACK ends the reply */
	rh->nlmsg_seq = 1;
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	name->nla_type = CTRL_ATTR_FAMILY_NAME;
	name->nla_len = NLA_HDRLEN + sizeof(SMC_GENL_FAMILY_NAME);
	memcpy((char *)name + NLA_HDRLEN, SMC_GENL_FAMILY_NAME, sizeof(SMC_GENL_FAMILY_NAME));
	send_request(fd, req, sizeof(req));
	memset(reply, 0, sizeof(reply));
	if (read_dump(fd, reply, sizeof(reply)) != 1)
		return 0;
	rem = (int)h->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	for (struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
	     rem >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= rem;
	     rem -= NLA_ALIGN(a->nla_len), a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
		if (a->nla_type == CTRL_ATTR_FAMILY_ID)
			return *(unsigned short *)((char *)a + NLA_HDRLEN);
	return 0;
}

static long genl_floor(int cmd)
{
	int fd = open_netlink(NETLINK_GENERIC);
	struct {
		struct nlmsghdr h;
		struct genlmsghdr g;
	} req = {
		.h = { .nlmsg_len = sizeof(req), .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP,
		       .nlmsg_seq = 2 },
		.g = { .cmd = (unsigned char)cmd, .version = SMC_GENL_FAMILY_VERSION },
	};

	req.h.nlmsg_type = genl_family(fd);
	if (!req.h.nlmsg_type) {
		errno = ENOENT;
		die("no SMC_GEN_NETLINK family (is the smc module loaded?)");
	}
	send_request(fd, &req, sizeof(req));
	return read_dump(fd, NULL, 0);
}

int main(int argc, char **argv)
{
	long n;

	if (argc >= 2 && !strcmp(argv[1], "sock") &&
	    (argc == 2 || (argc == 3 && !strcmp(argv[2], "-d"))))
		n = sock_floor(argc == 3);
	else if (argc == 3 && !strcmp(argv[1], "genl"))
		n = genl_floor(atoi(argv[2]));
	else {
		fputs("usage: nl_dump_floor sock [-d] | genl CMD\n", stderr);
		return 2;
	}
	printf("%ld\n", n);
	return 0;
}
