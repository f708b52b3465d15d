// SPDX-License-Identifier: GPL-2.0
/* smcss - list SMC sockets (AF_SMC sock_diag), compatible with smc-tools' smcss */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "err.h"
#include "netns.h"
#include "out.h"
#include "sockdiag.h"
#include "tool.h"
#include "version.h"
#include "view_sock.h"

struct smcss_opts {
	bool		all;
	bool		listening;
	bool		debug;
	bool		smcd;
	bool		smcr;
	bool		wide;
	bool		json;
	bool		pretty;
	const char	*netns;
};

static const char usage_text[] =
	"Usage: smcss [OPTIONS]\n"
	"List SMC sockets. Without options: connected sockets (not LISTEN or INIT).\n"
	"  -a, --all         show all sockets, listening and initializing ones too\n"
	"  -l, --listening   show only listening sockets\n"
	"  -d, --debug       show buffers and cursors, and fallback reason names\n"
	"  -D, --smcd        show only SMC-D sockets, with their DMB and GIDs\n"
	"  -R, --smcr        show only SMC-R sockets, with their RDMA link\n"
	"  -W, --wide        do not shorten addresses\n"
	"  -n, --netns NS    list the sockets of network namespace NS (name, path, PID)\n"
	"  -j, --json        JSON output (every field)\n"
	"  -p, --pretty      indented JSON output (implies -j)\n"
	"  -v, --version     show the version\n"
	"  -h, --help        show this help";

static const struct option long_opts[] = {
	{ "all",	no_argument, NULL, 'a' },
	{ "listening",	no_argument, NULL, 'l' },
	{ "debug",	no_argument, NULL, 'd' },
	{ "smcd",	no_argument, NULL, 'D' },
	{ "smcr",	no_argument, NULL, 'R' },
	{ "wide",	no_argument, NULL, 'W' },
	{ "netns",	required_argument, NULL, 'n' },
	{ "net",	required_argument, NULL, 'n' },
	{ "json",	no_argument, NULL, 'j' },
	{ "pretty",	no_argument, NULL, 'p' },
	{ "version",	no_argument, NULL, 'v' },
	{ "help",	no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct smcss_opts *o = opts;
	int c;

	opterr = 0;	/* our own one-line messages instead of getopt's */
	while ((c = getopt_long(argc, argv, ":aldDRWn:jpvh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'a': o->all = true; break;
		case 'l': o->listening = true; break;
		case 'd': o->debug = true; break;
		case 'D': o->smcd = true; break;
		case 'R': o->smcr = true; break;
		case 'W': o->wide = true; break;
		case 'n': o->netns = optarg; break;
		case ':':
			pr_err("option '%s' needs a value (try: smcss --help)", argv[optind - 1]);
			return PARSE_USAGE_ERROR;
		case 'j': o->json = true; break;
		case 'p': o->pretty = o->json = true; break;
		case 'v':
			out_note(help_out, "smcss (smc-utils) %s", SMC_UTILS_VERSION);
			return PARSE_DONE;
		case 'h':
			out_note(help_out, "%s", usage_text);
			return PARSE_DONE;
		default:
			pr_bad_option(argv[optind - 1], optopt, "smcss --help");
			return PARSE_USAGE_ERROR;
		}
	}
	if (optind < argc) {
		pr_err("unexpected argument '%s' (try: smcss --help)", argv[optind]);
		return PARSE_USAGE_ERROR;
	}
	/* the same combinations smc-tools refuses, for the same reasons */
	if (o->smcd && o->smcr) {
		pr_err("--smcd and --smcr cannot be combined");
		return PARSE_USAGE_ERROR;
	}
	if (o->listening && (o->all || o->debug || o->smcd || o->smcr)) {
		pr_err("--listening cannot be combined with --%s",
		       o->all ? "all" : o->debug ? "debug" : o->smcd ? "smcd" : "smcr");
		return PARSE_USAGE_ERROR;
	}
	return PARSE_RUN;
}

static bool sock_selected(const struct smcss_opts *o, const struct smc_sock *s)
{
	if (o->listening)
		return s->state == SMC_SOCK_STATE_LISTEN;
	if (!o->all && (s->state == SMC_SOCK_STATE_LISTEN || s->state == SMC_SOCK_STATE_INIT))
		return false;
	/* as in smc-tools: the kernel reports mode SMCR for every socket that is neither
	 * SMC-D nor a fallback, unconnected ones included
	 */
	if (o->smcr && s->mode != SMC_DIAG_MODE_SMCR)
		return false;
	if (o->smcd && s->mode != SMC_DIAG_MODE_SMCD)
		return false;
	return true;
}

struct sock_walk {
	const struct smcss_opts		*opts;
	const struct view_sock_opts	*view;
	struct out			*out;
};

static int sock_row(const struct smc_sock *s, void *arg)
{
	struct sock_walk *w = arg;

	if (sock_selected(w->opts, s))
		view_sock_row(w->out, w->view, s);
	return 0;
}

static void report_dump_error(const struct smc_nl *nl, int rc)
{
	if (rc == -ENOENT)
		pr_err("SMC socket diagnostics unavailable: the smc_diag module is not loaded "
		       "(try: modprobe smc_diag)");
	else if (rc == -EINVAL && !smc_nl_status(nl)->extack[0])
		pr_err("this kernel does not support SMC sockets (AF_SMC); "
		       "it needs CONFIG_SMC and CONFIG_SMC_DIAG");
	else
		pr_err_nl(nl, rc, "cannot list SMC sockets");
}

static int smcss_run(const struct smcss_opts *o)
{
	struct out_opts oo = { .json = o->json, .pretty = o->pretty };
	struct view_sock_opts vo = { .wide = o->wide };
	struct smc_nl *nl = NULL;
	struct out *out = NULL;
	struct sock_walk w;
	unsigned int want = 0;
	int rc;

	if (o->debug) {
		vo.groups |= VIEW_SOCK_DEBUG | VIEW_SOCK_NAMES;
		want |= SMC_SOCK_HAS_CONNINFO;
	}
	if (o->smcr) {
		vo.groups |= VIEW_SOCK_SMCR;
		want |= SMC_SOCK_HAS_LGRINFO;
	}
	if (o->smcd) {
		vo.groups |= VIEW_SOCK_SMCD;
		want |= SMC_SOCK_HAS_DMBINFO;
	}
	/* the kernel lists the sockets of the namespace the netlink socket lives in */
	if (o->netns) {
		rc = netns_enter(o->netns);
		if (rc) {
			pr_err_netns(o->netns, rc);
			return rc == -EINVAL ? EXIT_USAGE : EXIT_RUNTIME;
		}
	}
	rc = smc_nl_open(&nl);
	if (!rc)
		rc = out_new(&out, &oo);
	if (rc) {
		pr_err("%s", strerror(-rc));
		smc_nl_close(nl);
		return EXIT_RUNTIME;
	}
	w = (struct sock_walk){ .opts = o, .view = &vo, .out = out };
	view_sock_begin(out, &vo);
	rc = smc_sock_dump(nl, want, sock_row, &w);
	if (rc)
		out_table_abort(out);
	else
		view_sock_end(out);
	if (rc)
		report_dump_error(nl, rc);
	else if (smc_nl_status(nl)->dump_intr)
		pr_warn("the socket list changed while it was read; it may be inconsistent");
	smc_nl_close(nl);
	return tool_finish_output(out, rc ? EXIT_RUNTIME : EXIT_OK);
}

int main(int argc, char **argv)
{
	struct smcss_opts opts = { 0 };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	return rc >= 0 ? rc : smcss_run(&opts);
}
