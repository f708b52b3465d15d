/* SPDX-License-Identifier: GPL-2.0 */
/* smc_eid.h - user-defined Enterprise IDs (UEID table, SMC_NETLINK_*_UEID, Linux 5.16+) */
#ifndef SMC_EID_H
#define SMC_EID_H

#include <stddef.h>

#include <linux/smc.h>

#include "nl.h"

/* Size of the kernel's UEID table: smc_clc_ueid_add() refuses the next one with -ERANGE
 * once SMC_MAX_UEID (UAPI, 4) are defined. (smc-tools and some notes say 8, after the
 * unused SMC_CLC_MAX_UEID; the bench's 6.12 kernel takes 4.)
 */
#define SMC_UEID_TABLE_SIZE SMC_MAX_UEID

enum smc_eid_invalid {
	SMC_EID_OK = 0,
	SMC_EID_EMPTY,
	SMC_EID_TOO_LONG,
	SMC_EID_FIRST_NOT_ALNUM,
	SMC_EID_DOUBLE_DOT,
	SMC_EID_BAD_CHAR,
};

/**
 * smc_eid_validate() - check a user EID the way the kernel will
 * @bad: set to the offending character for SMC_EID_BAD_CHAR
 *
 * Rules (smc_clc_ueid_add() in net/smc/smc_clc.c): 1..32 characters from A-Z 0-9 . -,
 * starting with a letter or digit, no "..".
 */
enum smc_eid_invalid smc_eid_validate(const char *eid, char *bad);
/* One-line text for a validation result, for error messages. */
const char *smc_eid_invalid_text(enum smc_eid_invalid why);

typedef int (*smc_eid_cb)(const char *eid, void *arg);

/* Decode one DUMP_UEID message into @eid (@size >= SMC_MAX_EID_LEN + 1, trailing blanks
 * removed). Return: 0; -ENODATA if it carries no entry; -EPROTO if malformed.
 */
int smc_ueid_parse(struct nlmsghdr *msg, char *eid, size_t size);
/* Stream the UEID table (trailing blanks removed). Return: 0 or -errno. */
int smc_ueid_dump(struct smc_nl *nl, smc_eid_cb cb, void *arg);
/* Return: 0 or -errno (-EEXIST, -ERANGE when full, -EINVAL, -EPERM ...). */
int smc_ueid_add(struct smc_nl *nl, const char *eid);
/**
 * smc_ueid_del() - remove a UEID
 *
 * Return: 0; 1 when the kernel re-enabled the system EID because the last UEID went
 * (it answers -EAGAIN for that on s390, where a system EID exists); -ENOENT if the
 * UEID is not defined; another -errno on failure.
 */
int smc_ueid_del(struct smc_nl *nl, const char *eid);
int smc_ueid_flush(struct smc_nl *nl);

#endif
