// SPDX-License-Identifier: GPL-2.0
/* netns.c - setns() into a named, pathed or PID's network namespace */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "netns.h"

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

int netns_enter(const char *spec)
{
	char path[256];
	int fd, rc = 0;

	if (!spec[0])
		return -EINVAL;
	if (spec[0] == '/')
		snprintf(path, sizeof(path), "%s", spec);
	else if (strspn(spec, "0123456789") == strlen(spec))
		snprintf(path, sizeof(path), "/proc/%s/ns/net", spec);
	else if (strchr(spec, '/') || !strcmp(spec, ".") || !strcmp(spec, ".."))
		return -EINVAL;
	else
		snprintf(path, sizeof(path), "/run/netns/%s", spec);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (setns(fd, CLONE_NEWNET) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

int netns_cookie(uint64_t *cookie)
{
	socklen_t len = sizeof(*cookie);
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int rc = 0;

	if (fd < 0)
		return -errno;
	if (getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, cookie, &len) < 0)
		rc = -errno;
	close(fd);
	return rc;
}
