/* SPDX-License-Identifier: GPL-2.0 */
/* host_probe.h - yes/no questions about the host's kernel, recorded and replayed
 *
 * Some kernel differences show only outside netlink: the DIBS layer under which Linux 7.x
 * runs SMC-D is a sysfs class, and rdma_rxe's sockets per network namespace are a
 * function of the module. A recording keeps each answer as a named fact (nltrace.h), so
 * that a replay tells what the recorded host would.
 */
#ifndef SMC_HOST_PROBE_H
#define SMC_HOST_PROBE_H

#include "kernel_support.h"
#include "nl.h"

/**
 * smc_host_path_exists() - does @path exist (stat(), following symbolic links)?
 * @nl: the handle whose recording or replay holds the answer; NULL: just look
 *
 * Return: 1 or 0; -ENODATA when a replay holds no answer for @path, -EBADMSG when the
 * one it holds is malformed, another -errno when stat() failed otherwise.
 */
int smc_host_path_exists(struct smc_nl *nl, const char *path);

/**
 * smc_host_kernel_has_symbol() - does the running kernel (or a loaded module) have the
 * function or variable @symbol? (/proc/kallsyms, whose names anyone may read)
 *
 * Return: 1 or 0, or -errno as smc_host_path_exists().
 */
int smc_host_kernel_has_symbol(struct smc_nl *nl, const char *symbol);

/* Since the DIBS layer (Linux 7.x), SMC-D devices are DIBS devices: the class is there */
#define SMC_DIBS_CLASS_PATH "/sys/class/dibs"

/**
 * smc_loopback_words() - how to name SMC-D's loopback device on this host
 * @dibs: smc_host_path_exists(nl, SMC_DIBS_CLASS_PATH)
 *
 * "the DIBS device lo" with the DIBS layer, "loopback-ism" without, both when unknown.
 */
const char *smc_loopback_words(int dibs);

/* rdma_rxe keeps a UDP socket per network namespace (rxe_ns.c, in 7.x kernels) where it
 * has this function; before, its one socket and its route lookups are the initial
 * namespace's. Ask smc_host_kernel_has_symbol() while an rxe device exists (the module
 * is loaded then).
 */
#define SMC_RXE_NETNS_SYMBOL "rxe_ns_pernet_sk4"

/**
 * smc_host_kernel_support() - what the host's files say about its kernel, for an error message
 *
 * A recording keeps them as a fact; a replay takes them from there, never from the
 * machine it runs on (without the fact @h is zeroed: the long-standing "not loaded").
 */
void smc_host_kernel_support(struct smc_nl *nl, struct ks_host *h);

#endif
