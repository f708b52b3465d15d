// SPDX-License-Identifier: GPL-2.0
/* smc_rnics - the RDMA and ISM devices of a host and their PCI functions, on any
 * architecture (smc-tools' smc_rnics lists s390 PCI functions only)
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "err.h"
#include "out.h"
#include "parse_num.h"
#include "rnics.h"
#include "tool.h"
#include "view_rnics.h"

/* The directory sysfs is read under instead of / (tests; see smc_rnics(8) TESTING) */
#define SYSROOT_ENV "SMC_UTILS_SYSROOT"

enum target_kind { TARGET_NONE, TARGET_FID, TARGET_PCI };

struct rnics_opts {
	bool		all;		/* -a */
	bool		ibdev;		/* -I */
	bool		raw;		/* -r */
	int		power;		/* -e 1, -d 0, -1 neither */
	const char	*power_arg;	/* the FID of -e/-d as given */
	uint32_t	power_fid;
	enum target_kind target;	/* the positional FID or PCI address */
	const char	*target_arg;
	uint32_t	target_fid;
	char		target_pci[RNIC_NAME_MAX + 1];
	struct tool_common_opts	common;		/* -j, -p */
};

static const char usage_text[] =
	"Usage: smc_rnics [OPTIONS] [FID | PCI-ADDRESS]\n"
	"       smc_rnics --enable FID | --disable FID\n"
	"List the RDMA and ISM devices of this host: PCI function, type, s390 FID and PCHID,\n"
	"PNET ID (from the hardware, or *from the PNET table), interfaces, port state.\n"
	"  -a, --all           also network PCI functions without an RDMA or ISM device,\n"
	"                      and s390 functions in standby (powered off)\n"
	"  -I, --IB-dev        show the RDMA device and its port (IB-Dev, IPrt) instead of\n"
	"                      the interface and the physical port (Net-Dev, PPrt)\n"
	"  -r, --rawids        PCI vendor:device ids, PFT and VFN as numbers\n"
	"  -e, --enable FID    power on the s390 PCI function FID (hex; needs root)\n"
	"  -d, --disable FID   power it off\n"
	"  -j, --json          JSON output\n"
	"  -p, --pretty        indented JSON output (implies -j)\n"
	"  -v, --version       show the version\n"
	"  -h, --help          show this help\n"
	"Exit status: 0 success, 1 runtime error, 2 usage error.";

static const struct option long_opts[] = {
	{ "all",	no_argument,	   NULL, 'a' },
	{ "IB-dev",	no_argument,	   NULL, 'I' },
	{ "rawids",	no_argument,	   NULL, 'r' },
	{ "enable",	required_argument, NULL, 'e' },
	{ "disable",	required_argument, NULL, 'd' },
	{ "json",	no_argument,	   NULL, 'j' },
	{ "pretty",	no_argument,	   NULL, 'p' },
	{ "version",	no_argument,	   NULL, 'v' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* An s390 FID: up to 8 hex digits, "0x" optional */
static bool parse_fid(const char *s, uint32_t *fid)
{
	uint64_t v;

	if (parse_hex(s, UINT32_MAX, &v))
		return false;
	*fid = (uint32_t)v;
	return true;
}

/*
 * A PCI address as sysfs writes it, DOMAIN:BUS:DEVICE.FUNCTION; the domain may be left
 * out (0000, as lspci shows it) and hex digits may be upper case.
 */
static bool parse_pci(const char *s, char out[RNIC_NAME_MAX + 1])
{
	size_t colons = 0, len = strlen(s), i;
	char buf[32];	/* the longest: 8 digits of domain, 16 characters in all */

	for (i = 0; i < len; i++)
		colons += s[i] == ':';
	if (colons < 1 || colons > 2 || len > 16)
		return false;
	snprintf(buf, sizeof(buf), "%s%s", colons == 1 ? "0000:" : "", s);
	for (i = 0; buf[i]; i++) {
		char c = (char)tolower((unsigned char)buf[i]);

		if (!isxdigit((unsigned char)c) && c != ':' && c != '.')
			return false;
		buf[i] = c;
	}
	/* the shape: hex domain of 1-8 digits, ':', 2 digits, ':', 2 digits, '.', 0-7 */
	{
		const char *dot = strrchr(buf, '.'), *c2 = strrchr(buf, ':');
		const char *c1 = memchr(buf, ':', (size_t)(c2 - buf));

		if (!dot || !c1 || c1 == buf || c1 - buf > 8 || c2 - c1 != 3 || dot - c2 != 3 ||
		    dot[1] < '0' || dot[1] > '7' || dot[2] || strchr(c1 + 1, '.') != dot)
			return false;
	}
	memcpy(out, buf, strlen(buf) + 1);
	return true;
}

static enum parse_result set_power(struct rnics_opts *o, int on, const char *arg)
{
	if (o->power >= 0) {
		pr_err("--enable and --disable cannot be combined, nor given twice");
		return PARSE_USAGE_ERROR;
	}
	if (!parse_fid(arg, &o->power_fid)) {
		pr_err("invalid FID \"%s\" (up to 8 hex digits, 0x optional)", arg);
		return PARSE_USAGE_ERROR;
	}
	o->power = on;
	o->power_arg = arg;
	return PARSE_RUN;
}

/* Options that would be ignored are refused */
static bool check_opts(const struct rnics_opts *o)
{
	const char *what = o->power ? "--enable" : "--disable";

	if (o->power < 0)
		return true;
	if (o->target != TARGET_NONE) {
		pr_err("%s takes its FID as its value, not \"%s\" too", what, o->target_arg);
		return false;
	}
	if (o->all || o->ibdev || o->raw || o->common.json) {
		pr_err("%s cannot be combined with %s", what, o->all ? "--all" :
		       o->ibdev ? "--IB-dev" : o->raw ? "--rawids" : "--json or --pretty");
		return false;
	}
	return true;
}

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct rnics_opts *o = opts;
	enum parse_result pr;
	int c;

	o->power = -1;
	while ((c = cli_getopt(argc, argv, ":aIre:d:jpvh", long_opts,
			       "smc_rnics --help")) != -1) {
		switch (c) {
		case 'a': o->all = true; break;
		case 'I': o->ibdev = true; break;
		case 'r': o->raw = true; break;
		case 'e':
		case 'd':
			pr = set_power(o, c == 'e', optarg);
			if (pr != PARSE_RUN)
				return pr;
			break;
		default:
			pr = tool_common_opt(c, 'p', &o->common, "smc_rnics", help_out, usage_text);
			if (pr != PARSE_RUN)
				return pr == PARSE_NOT_COMMON ? PARSE_USAGE_ERROR : pr;
		}
	}
	if (optind < argc) {
		o->target_arg = argv[optind++];
		if (parse_fid(o->target_arg, &o->target_fid)) {
			o->target = TARGET_FID;
		} else if (parse_pci(o->target_arg, o->target_pci)) {
			o->target = TARGET_PCI;
		} else {
			pr_err("invalid FID or PCI address \"%s\" (a hex FID such as 0x1a, or an "
			       "address such as 0000:3b:00.0)", o->target_arg);
			return PARSE_USAGE_ERROR;
		}
	}
	if (optind < argc) {
		pr_err("unexpected argument \"%s\" (one FID or PCI address at most)",
		       argv[optind]);
		return PARSE_USAGE_ERROR;
	}
	return check_opts(o) ? PARSE_RUN : PARSE_USAGE_ERROR;
}

static const char *sysroot(void)
{
	const char *root = getenv(SYSROOT_ENV);

	return root ? root : "";
}

static int power_run(const struct rnics_opts *o)
{
	const char *verb = o->power ? "enable" : "disable";
	int rc = rnics_power(sysroot(), o->power_fid, o->power);

	if (rc >= 0)	/* done, or it was so already */
		return EXIT_OK;
	if (rc == -ENOENT)
		pr_err("cannot %s FID %x: there is no PCI slot %08x with power control here "
		       "(sysfs bus/pci/slots/%08x/power: s390 only)", verb, o->power_fid,
		       o->power_fid, o->power_fid);
	else if (rc == -EPROTO)
		pr_err("cannot %s FID %x: its slot's power file holds neither 0 nor 1", verb,
		       o->power_fid);
	else if (rc == -EACCES || rc == -EPERM)
		pr_err("cannot %s FID %x: %s (needs root)", verb, o->power_fid, strerror(-rc));
	else
		pr_err("cannot %s FID %x: %s", verb, o->power_fid, strerror(-rc));
	return EXIT_RUNTIME;
}

static bool wanted(const struct rnics_opts *o, const struct rnic *r)
{
	switch (o->target) {
	case TARGET_FID:	return r->fid.has && r->fid.v == o->target_fid;
	case TARGET_PCI:	return !strcmp(r->pci_id, o->target_pci);
	case TARGET_NONE:	break;
	}
	return true;
}

/*
 * SMC's answers only add to the list (ISM devices, PNET IDs from the table): a kernel
 * without SMC, or an SMC without the request, leaves them out without a word, as it has
 * nothing to add. Anything else is said once, and the list is shown without that part.
 */
static void warn_smc(int rc, const char *what)
{
	if (rc && rc != -ENOENT && rc != -EOPNOTSUPP && rc != -ENOMSG && rc != -ENODATA)
		pr_warn("cannot read %s from SMC: %s; the list goes without", what, strerror(-rc));
}

static int list_run(const struct rnics_opts *o)
{
	struct out_opts oo = tool_out_opts(&o->common);
	struct rnic_list l = { 0 };
	struct smc_nl *nl = NULL;
	struct out *out = NULL;
	unsigned int active;
	size_t shown = 0;
	int rc;

	if (smc_nl_open(&nl) || out_new(&out, &oo)) {
		pr_err("%s", strerror(ENOMEM));
		smc_nl_close(nl);
		out_free(out);
		return EXIT_RUNTIME;
	}
	rc = rnics_load(sysroot(), nl, o->all, &l);
	smc_nl_close(nl);
	if (rc) {
		if (rc == -ENOMEM)
			pr_err("out of memory");
		else
			pr_err("cannot read sysfs under \"%s\": %s", sysroot(), strerror(-rc));
		out_free(out);
		return EXIT_RUNTIME;
	}
	warn_smc(l.ism_rc, "the ISM devices");
	warn_smc(l.pnet_rc, "the PNET table");
	for (size_t i = 0; i < l.n; i++)
		shown += wanted(o, &l.v[i]);
	if (o->target != TARGET_NONE && !shown) {
		pr_err("no %s has %s %s", o->all ? "PCI function" : "RDMA or ISM device",
		       o->target == TARGET_FID ? "FID" : "PCI address", o->target_arg);
		rnics_free(&l);
		out_free(out);
		return EXIT_RUNTIME;
	}
	active = out_is_json(out) ? RNICS_G_ALL :
		 (o->ibdev ? RNICS_G_IB : RNICS_G_NET) | (o->raw ? RNICS_G_RAW : RNICS_G_NAMES);
	out_table_begin(out, &view_rnics_table, active);
	for (size_t i = 0; i < l.n && !out_error(out); i++)
		if (wanted(o, &l.v[i]))
			view_rnics_row(out, &l.v[i]);
	out_table_end(out);
	rnics_free(&l);
	return tool_finish_output(out, EXIT_OK);
}

int main(int argc, char **argv)
{
	struct rnics_opts opts = { 0 };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	if (rc >= 0)
		return rc;
	return opts.power >= 0 ? power_run(&opts) : list_run(&opts);
}
