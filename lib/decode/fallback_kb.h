/* SPDX-License-Identifier: GPL-2.0 */
/* fallback_kb.h - the knowledge base of SMC fallback / decline codes
 *
 * One table, one entry per code: the kernel's SMC_CLC_DECL_* codes (all of them, checked by
 * the unit tests against the kernel source) plus codes other SMC stacks are known to send.
 * Each entry says what the code means, which side decides it, why it typically happens and
 * what the operator can do. Every tool that names or explains a code reads it from here.
 */
#ifndef SMC_FALLBACK_KB_H
#define SMC_FALLBACK_KB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Which host decides a code. A code shown as the *peer's* part of "LOCAL/PEER" was always
 * decided by the peer, whatever this says; this field is about where it is first set.
 * Whether the client, the server or both can decide an EITHER code is in its causes.
 */
enum smc_fb_origin {
	SMC_FB_LOCAL,	/* set by the host that falls back, never sent in a CLC DECLINE, so a
			 * peer never reports it (OPTUNSUPP: the socket never tried SMC) */
	SMC_FB_PEER,	/* recorded because the peer declined; its own code says why (PEERDECL) */
	SMC_FB_EITHER,	/* decided by the host that detects it and sent in a DECLINE, so the
			 * other host shows it as the peer's code */
};

struct smc_fallback_entry {
	uint32_t		code;
	const char		*name;		/* SMC_CLC_DECL_ without the prefix: "PEERNOSMC" */
	const char		*meaning;	/* one line, no trailing period */
	enum smc_fb_origin	origin;
	bool			vendor;		/* not in Linux: seen from other stacks/vendors */
	bool			unused;		/* defined, but Linux never sets it (reserved) */
	const char *const	*causes;	/* NULL-terminated; one sentence each */
	const char *const	*remedies;	/* NULL-terminated; steps, commands in `backquotes` */
};

/* The entry for @code, or NULL for a code nobody has described. */
const struct smc_fallback_entry *smc_fallback_lookup(uint32_t code);

/* The whole table, sorted by code (unit tests, "explain all", completion). */
const struct smc_fallback_entry *smc_fallback_entries(size_t *n);

/**
 * smc_fallback_parse() - read a code the way operators write it
 * @text: "0x03030000", "03030000", "NOSMCDEV" or "SMC_CLC_DECL_NOSMCDEV" (names are
 *	  case-insensitive). Numbers are hexadecimal, exactly 8 digits with or without "0x";
 *	  without it, 8 decimal digits must start with 0: "50528256" is refused, as it may
 *	  be the decimal number JSON output gives for 0x03030000.
 *
 * A well-formed number that is not in the table is accepted (the caller shows it raw).
 * Return: 0 and *@code set, or -EINVAL.
 */
int smc_fallback_parse(const char *text, uint32_t *code);

/* The group a code belongs to by its high byte, e.g. "configuration" for 0x03xxxxxx;
 * never NULL ("unknown class" for a byte nobody uses).
 */
const char *smc_fallback_class(uint32_t code);

const char *smc_fb_origin_name(enum smc_fb_origin origin);	/* "local", "peer", "either" */

#endif
