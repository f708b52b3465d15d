// SPDX-License-Identifier: GPL-2.0
/* test_fallback_kb.c - the fallback code knowledge base: complete, sorted, every entry
 * explained; parsing of the three ways to write a code; classes; unknown codes
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>

#include "array.h"
#include "decode.h"
#include "fallback_kb.h"
#include "tap.h"

/* SMC_CLC_DECL_* of net/smc/smc_clc.h in Linux 6.12 (unchanged through 6.18): a code
 * dropped from the table by mistake fails here even where no kernel source is at hand.
 */
static const struct { uint32_t code; const char *name; bool unused; } upstream[] = {
	{ 0x01010000, "MEM", false },		{ 0x02010000, "TIMEOUT_CL", false },
	{ 0x02020000, "TIMEOUT_AL", true },	{ 0x03000000, "CNFERR", false },
	{ 0x03010000, "PEERNOSMC", false },	{ 0x03020000, "IPSEC", false },
	{ 0x03030000, "NOSMCDEV", false },	{ 0x03030001, "NOSMCDDEV", false },
	{ 0x03030002, "NOSMCRDEV", false },	{ 0x03030003, "NOISM2SUPP", false },
	{ 0x03030004, "NOV2EXT", false },	{ 0x03030005, "NOV2DEXT", false },
	{ 0x03030006, "NOSEID", true },		{ 0x03030007, "NOSMCD2DEV", false },
	{ 0x03030008, "NOUEID", false },	{ 0x03030009, "RELEASEERR", false },
	{ 0x0303000a, "MAXCONNERR", false },	{ 0x0303000b, "MAXLINKERR", false },
	{ 0x03040000, "MODEUNSUPP", false },	{ 0x03050000, "RMBE_EC", false },
	{ 0x03060000, "OPTUNSUPP", false },	{ 0x03070000, "DIFFPREFIX", false },
	{ 0x03080000, "GETVLANERR", false },	{ 0x03090000, "ISMVLANERR", false },
	{ 0x030a0000, "NOACTLINK", false },	{ 0x030b0000, "NOSRVLINK", false },
	{ 0x030c0000, "VERSMISMAT", true },	{ 0x030d0000, "MAX_DMB", false },
	{ 0x030e0000, "NOROUTE", false },	{ 0x030f0000, "NOINDIRECT", false },
	{ 0x04000000, "SYNCERR", false },	{ 0x05000000, "PEERDECL", false },
	{ 0x09990000, "INTERR", false },	{ 0x09990001, "ERR_RTOK", false },
	{ 0x09990002, "ERR_RDYLNK", false },	{ 0x09990003, "ERR_REGBUF", false },
};


static size_t count_lines(const char *const *v)
{
	size_t n = 0;

	while (v && v[n])
		n++;
	return n;
}

static bool nonempty_lines(const char *const *v)
{
	if (!count_lines(v))
		return false;
	for (; *v; v++)
		if (!(*v)[0])
			return false;
	return true;
}

static void check_table(void)
{
	size_t n, vendors = 0;
	const struct smc_fallback_entry *t = smc_fallback_entries(&n);
	bool sorted = true, complete = true, found = true, names_unique = true, names_plain = true;

	for (size_t i = 0; i < n; i++) {
		const struct smc_fallback_entry *e = &t[i];

		/* views write the names unchecked (out_own_str()): upper case, digits, '_' */
		if (e->name && strspn(e->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
			       strlen(e->name))
			names_plain = false;

		if (i && t[i - 1].code >= e->code)
			sorted = false;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(t[j].name, e->name))
				names_unique = false;
		if (!e->name || !e->name[0] || !e->meaning || !e->meaning[0] ||
		    e->meaning[strlen(e->meaning) - 1] == '.' || !nonempty_lines(e->causes) ||
		    !nonempty_lines(e->remedies)) {
			printf("#   0x%08x %s is not fully described\n", e->code,
			       e->name ? e->name : "(no name)");
			complete = false;
		}
		if (smc_fallback_lookup(e->code) != e)
			found = false;
		if (e->vendor)
			vendors++;
		if (e->vendor && e->unused)
			complete = false;	/* "unused" is about Linux, vendors' codes are used */
	}
	ok(sorted, "table sorted by code, no duplicate codes");
	ok(names_unique, "no duplicate names");
	ok(names_plain, "names are upper case, digits and '_' only (shown unescaped)");
	ok(complete, "every entry has a name, a meaning without period, causes and remedies");
	ok(found, "lookup finds every entry");
	ok(n == ARRAY_LEN(upstream) + vendors, "%zu Linux codes and %zu vendor codes (got %zu)",
	   ARRAY_LEN(upstream), vendors, n);
	ok(vendors >= 3, "vendor codes 0x03010001, 0x0303000c, 0x09990004 are there (%zu)",
	   vendors);
}

static void check_upstream(void)
{
	int missing = 0, flags = 0;

	for (size_t i = 0; i < ARRAY_LEN(upstream); i++) {
		const struct smc_fallback_entry *e = smc_fallback_lookup(upstream[i].code);

		if (!e || strcmp(e->name, upstream[i].name)) {
			printf("#   SMC_CLC_DECL_%s 0x%08x is missing\n", upstream[i].name,
			       upstream[i].code);
			missing++;
		} else if (e->vendor || e->unused != upstream[i].unused) {
			printf("#   %s: vendor/unused flags wrong\n", e->name);
			flags++;
		}
	}
	ok(!missing, "all %zu SMC_CLC_DECL_* codes are in the table", ARRAY_LEN(upstream));
	ok(!flags, "Linux codes are not vendor codes; TIMEOUT_AL, NOSEID, VERSMISMAT unused");
}

/* Cross-check against the kernel source the bench builds smc.ko from, when it is there. */
static void check_against_kernel(const char *clc_h)
{
	FILE *f = fopen(clc_h, "r");
	char line[256];
	int seen = 0, missing = 0;

	if (!f) {
		printf("ok %d - # SKIP no kernel source at %s\n", ++tap_count, clc_h);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char name[64];
		unsigned int code;
		const struct smc_fallback_entry *e;

		if (sscanf(line, "#define SMC_CLC_DECL_%63s %x", name, &code) != 2)
			continue;
		seen++;
		e = smc_fallback_lookup(code);
		if (!e || strcmp(e->name, name) || e->vendor) {
			printf("#   kernel has SMC_CLC_DECL_%s 0x%08x, table has %s\n", name, code,
			       e ? e->name : "nothing");
			missing++;
		}
	}
	fclose(f);
	ok(seen > 0 && missing == 0, "every SMC_CLC_DECL_* of %s is in the table (%d)", clc_h,
	   seen);
}

static void check_parse(void)
{
	static const char *const junk[] = {
		"0x123", "0x0303000g", "", "NOSUCH", "0x", "0x030300000", "3030000", "030300000",
		"0x 3030000", "-0x3030000", "SMC_CLC_DECL_", "NOSMCDEV ", "0X0303000",
		/* decimal-looking: 50528256 is 0x03030000 in decimal, as JSON shows codes */
		"50528256", "12345678", "0x0x030300", "+3030000", " 3030000", "0x+3030000",
		"0x-3030000", NULL,
	};
	uint32_t code = 0;
	bool rejected = true;

	ok(!smc_fallback_parse("0x03030000", &code) && code == 0x03030000, "0x03030000");
	ok(!smc_fallback_parse("0X0303000A", &code) && code == 0x0303000a, "0X0303000A");
	ok(!smc_fallback_parse("03030008", &code) && code == 0x03030008, "03030008");
	ok(!smc_fallback_parse("nosmcdev", &code) && code == 0x03030000, "nosmcdev");
	ok(!smc_fallback_parse("SMC_CLC_DECL_PEERDECL", &code) && code == 0x05000000,
	   "SMC_CLC_DECL_PEERDECL");
	ok(!smc_fallback_parse("smc_clc_decl_err_regbuf", &code) && code == 0x09990003,
	   "names and prefix in any case");
	ok(!smc_fallback_parse("CREDITSERR", &code) && code == 0x09990004, "vendor name");
	ok(!smc_fallback_parse("0x7f000001", &code) && code == 0x7f000001,
	   "a well-formed unknown code is accepted");
	ok(!smc_fallback_parse("7f000001", &code) && code == 0x7f000001,
	   "8 digits with a letter cannot be decimal: accepted without 0x");
	ok(!smc_fallback_parse("0x50528256", &code) && code == 0x50528256,
	   "8 decimal-looking digits are hexadecimal with 0x");
	for (size_t i = 0; junk[i]; i++) {
		code = 42;
		if (smc_fallback_parse(junk[i], &code) != -EINVAL || code != 42) {
			printf("#   accepted \"%s\"\n", junk[i]);
			rejected = false;
		}
	}
	ok(rejected, "junk is rejected with -EINVAL and leaves the code alone");
}

static void check_classes(void)
{
	size_t n;
	const struct smc_fallback_entry *t = smc_fallback_entries(&n);
	bool all_known = true;

	for (size_t i = 0; i < n; i++)
		if (!strcmp(smc_fallback_class(t[i].code), "unknown class"))
			all_known = false;
	ok(all_known, "every code in the table has a known class");
	is_str(smc_fallback_class(0x03030000), "configuration", "class by high byte");
	is_str(smc_fallback_class(0x03ffffff), "configuration", "low bytes do not matter");
	is_str(smc_fallback_class(0x01010000), "resources", "0x01 resources");
	is_str(smc_fallback_class(0x05000000), "peer decline", "0x05 peer decline");
	is_str(smc_fallback_class(0x09990004), "internal", "0x09 internal");
	is_str(smc_fallback_class(0x7f000000), "unknown class", "unknown high byte");
	is_str(smc_fallback_class(0), "unknown class", "code 0");
	ok(smc_fallback_lookup(0x03030010) == NULL, "unknown code: no entry");
	ok(smc_fallback_lookup(0) == NULL, "code 0: no entry");
	is_str(smc_fb_origin_name(SMC_FB_LOCAL), "local", "origin local");
	is_str(smc_fb_origin_name(SMC_FB_PEER), "peer", "origin peer");
	is_str(smc_fb_origin_name(SMC_FB_EITHER), "either", "origin either");
	ok(smc_fallback_lookup(0x05000000)->origin == SMC_FB_PEER, "PEERDECL is the peer's");
	ok(smc_fallback_lookup(0x03060000)->origin == SMC_FB_LOCAL, "OPTUNSUPP stays local");
	is_str(smc_fallback_name(0x03030008), "NOUEID", "decode.h names come from the table");
}

int main(int argc, char **argv)
{
	check_table();
	check_upstream();
	check_parse();
	check_classes();
	check_against_kernel(argc > 1 ? argv[1] : "build/bench/6.12/smc-lo/src/net/smc/smc_clc.h");
	return tap_done();
}
