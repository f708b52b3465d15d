// SPDX-License-Identifier: GPL-2.0
/* netns.c - setns() into a named, pathed or PID's network namespace */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
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

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* setns() into @path unless it is @home; run @fn there; come back to @home_fd. */
static int visit(const char *path, const char *name, const struct stat *home, int home_fd,
		 int (*fn)(const char *name, void *arg), void *arg)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return 0;	/* gone meanwhile, or a stale mount point */
	if (fstat(fd, &st) < 0 || same_file(&st, home)) {
		close(fd);
		return 0;
	}
	rc = setns(fd, CLONE_NEWNET) < 0 ? -errno : 0;
	close(fd);
	if (rc)
		return rc;
	rc = fn(name, arg);
	/* coming back cannot fail for a namespace we were in a moment ago; if it did, the
	 * caller would go on in the wrong one: stop everything instead
	 */
	if (setns(home_fd, CLONE_NEWNET) < 0)
		abort();
	return rc;
}

int netns_each_other(int (*fn)(const char *name, void *arg), void *arg)
{
	struct stat home;
	struct dirent *e;
	DIR *dir;
	int home_fd, rc;

	home_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home_fd < 0)
		return -errno;
	if (fstat(home_fd, &home) < 0) {
		rc = -errno;
		close(home_fd);
		return rc;
	}
	rc = visit("/proc/1/ns/net", "initial", &home, home_fd, fn, arg);
	dir = rc ? NULL : opendir("/run/netns");
	while (dir && !rc && (e = readdir(dir))) {
		char path[sizeof("/run/netns/") + sizeof(e->d_name)];

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/run/netns/%s", e->d_name);
		rc = visit(path, e->d_name, &home, home_fd, fn, arg);
	}
	if (dir)
		closedir(dir);
	close(home_fd);
	return rc;
}
