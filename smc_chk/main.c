// SPDX-License-Identifier: GPL-2.0
/* smc_chk - diagnose a host for SMC (host checks), or one connection (-C client, -S server) */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chk_conn.h"
#include "chk_optecho.h"
#include "cli.h"
#include "err.h"
#include "host_probe.h"
#include "out.h"
#include "parse_num.h"
#include "smc_chk.h"
#include "tool.h"
#include "view_chk.h"

/* Host checks found a problem / the connection fell back to TCP (see smc_chk(8)) */
#define EXIT_FOUND 3

/* an hour: longer is no connection test, and the milliseconds fit any int */
#define CHK_MAX_TIMEOUT_MS 3600000

enum chk_mode { MODE_HOST, MODE_CLIENT, MODE_SERVER, MODE_REPLAY };

struct chk_opts {
	enum chk_mode	mode;
	const char	*host;		/* -C, -R */
	const char	*bind;		/* -b */
	const char	*port_arg;	/* -p as given, for "only with" messages */
	uint16_t	port;
	unsigned int	timeout_ms;
	bool		timeout_set;
	bool		once;
	bool		quiet;
	struct tool_common_opts	common;		/* -j, --pretty, -n */
};

static const char usage_text[] =
	"Usage: smc_chk [OPTIONS]                    check this host for SMC\n"
	"       smc_chk -C HOST [-p PORT] [OPTIONS]  open an SMC connection, report its mode\n"
	"       smc_chk -S [-p PORT] [OPTIONS]       run the matching echo server\n"
	"       smc_chk -R HOST [-p PORT] [OPTIONS]  does HOST replay TCP option 254?\n"
	"  -C, --connect HOST  connect to HOST (IPv4, IPv6 or a name) over AF_SMC\n"
	"  -S, --server        accept AF_SMC connections, echo, report each one's mode\n"
	"  -R, --replay-check HOST  send HOST a SYN with TCP option 254 (not SMC's magic):\n"
	"                      does its SYN-ACK echo it? (needs CAP_NET_RAW)\n"
	"  -p, --port PORT     port to connect to or listen on (default 37373)\n"
	"  -b, --bind ADDR     server: listen on ADDR only (default: every IPv4 address)\n"
	"  -1, --once          server: exit after the first connection\n"
	"  -t, --timeout SEC   connect and echo timeout in seconds (default 5)\n"
	"  -q, --quiet         host checks: show only warnings and problems\n"
	"  -n, --netns NS      run in network namespace NS (name, path or PID)\n"
	"  -j, --json          JSON output\n"
	"      --pretty        indented JSON output (implies -j)\n"
	"  -v, --version       show the version\n"
	"  -h, --help          show this help\n"
	"Exit status: 0 no problem / SMC / not replayed, 3 a problem found / fell back to TCP\n"
	"/ replayed, 1 runtime error or no connection, 2 usage error.";

enum { OPT_PRETTY = 256 };

static const struct option long_opts[] = {
	{ "connect",	required_argument, NULL, 'C' },
	{ "server",	no_argument,	   NULL, 'S' },
	{ "replay-check", required_argument, NULL, 'R' },
	{ "port",	required_argument, NULL, 'p' },
	{ "bind",	required_argument, NULL, 'b' },
	{ "once",	no_argument,	   NULL, '1' },
	{ "timeout",	required_argument, NULL, 't' },
	{ "quiet",	no_argument,	   NULL, 'q' },
	{ "netns",	required_argument, NULL, 'n' },
	{ "net",	required_argument, NULL, 'n' },
	{ "json",	no_argument,	   NULL, 'j' },
	{ "pretty",	no_argument,	   NULL, OPT_PRETTY },
	{ "version",	no_argument,	   NULL, 'v' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static bool parse_port(const char *s, uint16_t *port)
{
	uint64_t v;

	if (parse_dec(s, 65535, &v) || v < 1) {
		pr_err("invalid port \"%s\" (1-65535)", s);
		return false;
	}
	*port = (uint16_t)v;
	return true;
}

/* Decimal seconds with at most 3 decimals: the timeout is kept in milliseconds. */
static bool parse_timeout(const char *s, unsigned int *ms)
{
	uint64_t v;

	if (parse_dec_scaled(s, 3, CHK_MAX_TIMEOUT_MS, &v) || v < 1) {
		pr_err("invalid timeout \"%s\" (seconds, 0.001-3600, at most 3 decimals)", s);
		return false;
	}
	*ms = (unsigned int)v;
	return true;
}

static bool set_mode(struct chk_opts *o, enum chk_mode m)
{
	static const char *const name[] = { [MODE_CLIENT] = "--connect",
		[MODE_SERVER] = "--server", [MODE_REPLAY] = "--replay-check" };

	if (o->mode != MODE_HOST && o->mode != m) {
		/* in the order of the help, whichever came first */
		pr_err("%s and %s cannot be combined", name[o->mode < m ? o->mode : m],
		       name[o->mode < m ? m : o->mode]);
		return false;
	}
	o->mode = m;
	return true;
}

/* Options that only make sense in one mode. Usage errors only. */
static bool check_opts(const struct chk_opts *o)
{
	if (o->mode == MODE_HOST && (o->port_arg || o->timeout_set)) {
		pr_err("%s only goes with --connect, --server or --replay-check",
		       o->port_arg ? "--port" : "--timeout");
		return false;
	}
	if (o->mode != MODE_SERVER && (o->bind || o->once)) {
		pr_err("%s only goes with --server", o->bind ? "--bind" : "--once");
		return false;
	}
	if (o->mode != MODE_HOST && o->quiet) {
		pr_err("--quiet only goes with the host checks (no --connect, --server or "
		       "--replay-check)");
		return false;
	}
	return true;
}

static enum parse_result parse_opts(int argc, char **argv, void *opts, struct out *help_out)
{
	struct chk_opts *o = opts;
	int c;

	while ((c = cli_getopt(argc, argv, ":C:SR:p:b:1t:qn:jvh", long_opts,
			       "smc_chk --help")) != -1) {
		switch (c) {
		case 'C':
			if (!set_mode(o, MODE_CLIENT))
				return PARSE_USAGE_ERROR;
			if (!optarg[0]) {
				pr_err("--connect needs a host (try: smc_chk --help)");
				return PARSE_USAGE_ERROR;
			}
			o->host = optarg;
			break;
		case 'S':
			if (!set_mode(o, MODE_SERVER))
				return PARSE_USAGE_ERROR;
			break;
		case 'R':
			if (!set_mode(o, MODE_REPLAY))
				return PARSE_USAGE_ERROR;
			if (!optarg[0]) {
				pr_err("--replay-check needs a host (try: smc_chk --help)");
				return PARSE_USAGE_ERROR;
			}
			o->host = optarg;
			break;
		case 'p':
			o->port_arg = optarg;
			if (!parse_port(optarg, &o->port))
				return PARSE_USAGE_ERROR;
			break;
		case 'b':
			if (!optarg[0]) {
				pr_err("--bind needs an address (try: smc_chk --help)");
				return PARSE_USAGE_ERROR;
			}
			o->bind = optarg;
			break;
		case '1': o->once = true; break;
		case 't':
			if (!parse_timeout(optarg, &o->timeout_ms))
				return PARSE_USAGE_ERROR;
			o->timeout_set = true;
			break;
		case 'q': o->quiet = true; break;
		default: {
			enum parse_result pr = tool_common_opt(c, OPT_PRETTY, &o->common,
							       "smc_chk", help_out, usage_text);

			if (pr != PARSE_RUN)
				return pr == PARSE_NOT_COMMON ? PARSE_USAGE_ERROR : pr;
		}
		}
	}
	if (optind < argc) {
		pr_err("unexpected argument \"%s\" (try: smc_chk --help)", argv[optind]);
		return PARSE_USAGE_ERROR;
	}
	return check_opts(o) ? PARSE_RUN : PARSE_USAGE_ERROR;
}

static int run_host(struct smc_nl *nl, struct out *out, const struct chk_opts *o)
{
	struct chk_findings fs;
	struct chk_facts f;
	int rc = chk_gather(nl, &f);

	if (!rc)
		rc = chk_judge(&f, &fs);
	else
		memset(&fs, 0, sizeof(fs));
	if (rc) {
		if (rc == -ENODATA && smc_nl_replaying(nl))
			pr_err("the replay file holds no smc_chk host reads (recorded before they "
			       "were kept, or by another tool): record it again with smc_chk");
		else if (rc == -EBADMSG && smc_nl_replaying(nl))
			pr_err("the replay file's smc_chk host reads are malformed");
		else
			pr_err("%s", strerror(-rc));
		rc = EXIT_RUNTIME;
	} else {
		view_chk_findings(out, &fs, o->quiet);
		rc = fs.count[CHK_PROBLEM] ? EXIT_FOUND : EXIT_OK;
	}
	chk_findings_free(&fs);
	chk_facts_free(&f);
	return rc;
}

/* Why @f is missing, from the host's files (not under a replay), as one line's end */
static void explain_missing(struct smc_nl *nl, enum ks_feature f, struct ks_text *t)
{
	struct ks_host host;

	smc_host_kernel_support(nl, &host);
	ks_explain(&host, f, t);
}

/* One line for a connection that did not get far enough to have a mode. */
static void report_conn_error(struct smc_nl *nl, const struct chk_conn *c, int rc,
			      const char *host, const struct chk_opts *o)
{
	struct ks_text t;
	char where[80];

	if (c->stage == CHK_STAGE_RESOLVE) {
		pr_err("cannot resolve \"%s\": %s", host,
		       c->gai_err == EAI_SYSTEM ? strerror(-rc) : gai_strerror(c->gai_err));
		return;
	}
	if (c->stage == CHK_STAGE_SOCKET) {
		if (rc == -EAFNOSUPPORT) {
			explain_missing(nl, KS_SMC, &t);
			pr_err("cannot create an AF_SMC socket: %s", t.line);
		} else {
			pr_err("cannot create an AF_SMC socket: %s", strerror(-rc));
		}
		return;
	}
	chk_addr_str(&c->peer, where, sizeof(where));
	switch (c->stage) {
	case CHK_STAGE_CONNECT:
		if (rc == -ETIMEDOUT)
			pr_err("cannot connect to %s: no answer within %.3g s", where,
			       o->timeout_ms / 1000.0);
		else if (rc == -ECONNREFUSED)
			pr_err("cannot connect to %s: connection refused (start a server there: "
			       "smc_chk -S -p %u)", where, o->port);
		else
			pr_err("cannot connect to %s: %s", where, strerror(-rc));
		break;
	case CHK_STAGE_ECHO:
		pr_err("connected to %s, but the probe did not come back: %s (the server must "
		       "echo what it reads, as smc_chk -S does)", where, strerror(-rc));
		break;
	default:
		if (rc == -ENOENT) {
			explain_missing(nl, KS_SMC_DIAG, &t);
			pr_err("connected to %s, but its mode is unknown: %s", where, t.line);
		} else {
			pr_err("connected to %s, but its socket diagnostics failed: %s", where,
			       strerror(rc == -ESRCH ? ENOENT : -rc));
		}
		break;
	}
}

static int conn_status(const struct chk_conn *c)
{
	return c->sock.mode == SMC_DIAG_MODE_FALLBACK_TCP ? EXIT_FOUND : EXIT_OK;
}

static int run_client(struct smc_nl *nl, struct out *out, const struct chk_opts *o)
{
	struct chk_conn c;
	int rc = chk_connect(nl, o->host, o->port, o->timeout_ms, &c);

	if (rc) {
		report_conn_error(nl, &c, rc, o->host, o);
		return EXIT_RUNTIME;
	}
	view_chk_conn(out, &c, "client");
	return conn_status(&c);
}

/* -R: one line for a probe that got no answer at all */
static int run_replay_check(struct smc_nl *nl, struct out *out, const struct chk_opts *o)
{
	char where[80];
	struct chk_echo e;
	int rc;

	/* a replay of recorded kernel replies holds no packets of another host */
	if (smc_nl_replaying(nl)) {
		pr_err("--replay-check sends packets: a replay of recorded kernel replies "
		       "cannot answer it");
		return EXIT_USAGE;
	}
	rc = chk_option_echo(o->host, o->port, o->timeout_ms, &e);
	if (rc) {
		if (e.stage == CHK_ECHO_STAGE_RESOLVE)
			pr_err("cannot resolve \"%s\": %s", o->host,
			       e.gai_err == EAI_SYSTEM ? strerror(-rc) : gai_strerror(e.gai_err));
		else if (e.stage == CHK_ECHO_STAGE_SOCKET && (rc == -EPERM || rc == -EACCES))
			pr_err("--replay-check needs a raw socket, which needs CAP_NET_RAW (run it "
			       "as root)");
		else
			pr_err("cannot send the probe: %s", strerror(-rc));
		return EXIT_RUNTIME;
	}
	chk_addr_str(&e.peer, where, sizeof(where));
	if (e.result == CHK_ECHO_NO_ANSWER) {
		pr_err("no answer from %s within %.3g s (a firewall that drops the SYN, or no "
		       "route)", where, o->timeout_ms / 1000.0);
		return EXIT_RUNTIME;
	}
	if (e.result == CHK_ECHO_REFUSED) {
		pr_err("%s refused the connection: nothing listens there (try: -p PORT of a "
		       "service)", where);
		return EXIT_RUNTIME;
	}
	view_chk_echo(out, &e);
	return e.result == CHK_ECHO_REPLAYED ? EXIT_FOUND : EXIT_OK;
}

/* SIGINT/SIGTERM end the server's accept() with EINTR: it then closes its output
 * properly (a JSON array stays valid). The handler itself needs to do nothing.
 */
static void on_stop_signal(int sig)
{
	(void)sig;
}

static int run_server(struct smc_nl *nl, struct out *out, const struct chk_opts *o)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };	/* no SA_RESTART */
	char where[80];
	struct chk_conn c;
	int lfd, rc = EXIT_OK;

	lfd = chk_listen(o->bind, o->port, &c);
	if (lfd < 0) {
		if (c.stage == CHK_STAGE_CONNECT)
			pr_err("cannot listen on %s port %u: %s", o->bind ? o->bind : "0.0.0.0",
			       o->port, strerror(-lfd));
		else
			report_conn_error(nl, &c, lfd, o->bind ? o->bind : "0.0.0.0", o);
		return EXIT_RUNTIME;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* the lines must reach a pipe or file while the server runs */
	setvbuf(stdout, NULL, _IOLBF, 0);
	chk_addr_str(&c.local, where, sizeof(where));
	out_note(out, "listening on %s", where);
	out_list_begin(out, NULL);
	for (;;) {
		int r = chk_serve_one(nl, lfd, o->timeout_ms, &c);

		if (r == -EINTR && c.stage == CHK_STAGE_CONNECT)
			break;	/* stopped by a signal */
		if (r && c.stage == CHK_STAGE_CONNECT) {
			pr_err("cannot accept a connection: %s", strerror(-r));
			rc = EXIT_RUNTIME;
			break;
		}
		if (r && !c.sock_known) {
			report_conn_error(nl, &c, r, "", o);
			rc = EXIT_RUNTIME;
		} else {
			/* a client that went quiet still had its mode: show it */
			view_chk_conn(out, &c, "server");
			rc = conn_status(&c);
			if (r) {
				chk_addr_str(&c.peer, where, sizeof(where));
				pr_warn("%s: echo ended: %s", where, strerror(-r));
			}
		}
		/* nobody reads our reports any more (or they cannot be written): stop */
		if (o->once || out_error(out))
			break;
		rc = EXIT_OK;	/* a long-running server's status is only about itself */
	}
	out_list_end(out);
	close(lfd);
	return rc;
}

static int chk_run(struct chk_opts *o)
{
	struct out_opts oo = tool_out_opts(&o->common);
	struct smc_nl *nl = NULL;
	struct out *out = NULL;
	int rc;

	if (!o->port)
		o->port = CHK_DEFAULT_PORT;
	if (!o->timeout_ms)
		o->timeout_ms = 5000;
	rc = tool_open(o->common.netns, &oo, &nl, &out);
	if (rc)
		return rc;
	switch (o->mode) {
	case MODE_CLIENT:	rc = run_client(nl, out, o); break;
	case MODE_SERVER:	rc = run_server(nl, out, o); break;
	case MODE_REPLAY:	rc = run_replay_check(nl, out, o); break;
	default:		rc = run_host(nl, out, o); break;
	}
	smc_nl_close(nl);
	/* EXIT_FOUND is a verdict, not a failure: a failed write must still show */
	if (rc == EXIT_FOUND) {
		int orc = tool_finish_output(out, EXIT_OK);

		return orc ? orc : EXIT_FOUND;
	}
	return tool_finish_output(out, rc);
}

int main(int argc, char **argv)
{
	struct chk_opts opts = { 0 };
	int rc = tool_parse(argc, argv, parse_opts, &opts);

	return rc >= 0 ? rc : chk_run(&opts);
}
