/* SPDX-License-Identifier: GPL-2.0 */
/* view_chk.h - smc_chk's output: host findings, and the outcome of a probe connection */
#ifndef SMC_VIEW_CHK_H
#define SMC_VIEW_CHK_H

#include <stdbool.h>

#include "chk_conn.h"
#include "out.h"
#include "smc_chk.h"

/**
 * view_chk_findings() - one line per finding, status word first, the fix indented below
 * @quiet: leave out ok findings (the summary still counts them)
 *
 * JSON: {"findings": [{"id", "status", "message", "fix"}...], "summary": {...}}
 */
void view_chk_findings(struct out *o, const struct chk_findings *fs, bool quiet);

/**
 * view_chk_conn() - what became of a connection: SMC-R / SMC-D with details, or the TCP
 * fallback with its reason, meaning, causes and remedies
 * @role: "client" or "server"; servers print one record per accepted connection
 */
void view_chk_conn(struct out *o, const struct chk_conn *c, const char *role);

struct chk_echo;
/* The answer of smc_chk -R: whether the SYN-ACK replayed our option 254, and what it
 * carried
 */
void view_chk_echo(struct out *o, const struct chk_echo *e);

#endif
