/* SPDX-License-Identifier: GPL-2.0 */
/* stats_baseline.h - the baseline file behind "smcr|smcd stats reset" */
#ifndef SMC_STATS_BASELINE_H
#define SMC_STATS_BASELINE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "smc_stats.h"

/* ---- the baseline file ------------------------------------------------------------- */

#define SMC_STATS_BOOT_ID_LEN 36	/* /proc/sys/kernel/random/boot_id without '\n' */

struct smc_stats_baseline {
	struct smc_stats_snap	snap;
	int64_t			time;		/* of the reset, seconds since the epoch */
	char			boot_id[SMC_STATS_BOOT_ID_LEN + 1];	/* "" if unknown */
	uint64_t		netns_cookie;	/* 0 if unknown */
};

/* Where a baseline file is wrong: line number (0: the file as a whole) and why */
struct smc_stats_file_err {
	unsigned int	line;
	char		why[96];
};

/* Write @b in the versioned key=value format. Return: 0 or -EIO. */
int smc_stats_baseline_write(FILE *fp, const struct smc_stats_baseline *b);
/* Read what smc_stats_baseline_write() wrote; strict (every counter once, nothing else).
 * Return: 0, -EINVAL with @err filled if the text is not a valid baseline, -EIO.
 */
int smc_stats_baseline_read(FILE *fp, struct smc_stats_baseline *b,
			    struct smc_stats_file_err *err);

/* Who we are: boot id and network namespace cookie, as kept in a baseline. */
void smc_stats_identity(struct smc_stats_baseline *b);

/**
 * struct smc_stats_store - the open, locked baseline directory of this user
 * @path: the baseline file (for messages), or the directory that failed
 * @why: when opening failed with -EPERM: what is wrong with @path
 */
struct smc_stats_store {
	int		dirfd;
	char		name[48];
	char		path[PATH_MAX];
	char		why[96];
};

/**
 * smc_stats_store_open() - find, check and lock this user's baseline directory
 * @create: make the directory if it is missing (for reset)
 *
 * The directory is $XDG_RUNTIME_DIR/smc-utils, else /run/user/UID/smc-utils (when those
 * base directories belong to the user), else /tmp/smc-utils-UID. It must be a real
 * directory (no symlink) owned by the user with no group/other access. The file in it is
 * named after the network namespace: stats-net<inode of /proc/self/ns/net>.
 * Return: 0 (locked, st->path names the file); -ENOENT if it does not exist and !@create;
 * -EPERM if it is unsafe (st->path and st->why say why); another -errno (st->path set).
 */
int smc_stats_store_open(struct smc_stats_store *st, bool create);
/**
 * smc_stats_store_load() - read the baseline
 * Return: 0; -ENOENT if there is none; -ELOOP if the name is a symbolic link (not
 * followed); -EINVAL if the file is not a valid baseline (@err says why); -errno.
 */
int smc_stats_store_load(struct smc_stats_store *st, struct smc_stats_baseline *b,
			 struct smc_stats_file_err *err);
/* Replace the baseline atomically (temporary file, then rename). Return: 0 or -errno. */
int smc_stats_store_save(struct smc_stats_store *st, const struct smc_stats_baseline *b);
/* Remove the baseline. Return: 0 (also if there was none) or -errno. */
int smc_stats_store_drop(struct smc_stats_store *st);
/* Unlock and close; safe on a store that failed to open. */
void smc_stats_store_close(struct smc_stats_store *st);

#endif
