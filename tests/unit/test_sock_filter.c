// SPDX-License-Identifier: GPL-2.0
/* test_sock_filter.c - smcss filters: what each term selects, how and/or/not combine,
 * and the column and wording of every kind of malformed expression
 *
 * The sockets here are decoded structs built in place (what smc_sock_parse() fills), not
 * kernel replies: the filter never sees a message.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sock_filter.h"
#include "tap.h"

static struct smc_sock sock4(uint8_t state, uint8_t mode, const char *src, uint16_t sport,
			     const char *dst, uint16_t dport)
{
	struct smc_sock s = { .family = AF_INET, .addr_known = true, .state = state,
			      .mode = mode, .sport = sport, .dport = dport,
			      .has = SMC_SOCK_HAS_FALLBACK };

	inet_pton(AF_INET, src, &s.saddr);
	inet_pton(AF_INET, dst, &s.daddr);
	return s;
}

static struct smc_sock sock6(uint8_t state, uint8_t mode, const char *src, uint16_t sport,
			     const char *dst, uint16_t dport)
{
	struct smc_sock s = sock4(state, mode, "0.0.0.0", sport, "0.0.0.0", dport);

	s.family = AF_INET6;
	inet_pton(AF_INET6, src, &s.saddr);
	inet_pton(AF_INET6, dst, &s.daddr);
	return s;
}

/* split @text at blanks, as a shell would for an unquoted filter */
static int parse(const char *text, struct sock_filter **f, struct sock_filter_error *err)
{
	char *copy = strdup(text), *words[256], *save = NULL;
	size_t n = 0;
	int rc;

	for (char *w = strtok_r(copy, " ", &save); w && n < 256; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	rc = sock_filter_parse(words, n, f, err);
	free(copy);
	return rc;
}

static bool matches(const char *text, const struct smc_sock *s,
		    const struct sock_filter_links *links)
{
	struct sock_filter *f;
	struct sock_filter_error err;
	bool m;

	if (parse(text, &f, &err)) {
		printf("# unexpected error at %zu: %s\n", err.column, err.msg);
		return false;
	}
	m = sock_filter_match(f, s, links);
	sock_filter_free(f);
	return m;
}

static void terms(void)
{
	struct smc_sock smcd = sock4(1, SMC_DIAG_MODE_SMCD, "10.1.2.3", 40000, "10.9.8.7", 443);
	struct smc_sock fb = sock4(1, SMC_DIAG_MODE_FALLBACK_TCP, "192.168.1.1", 22,
				   "192.168.1.2", 50000);
	struct smc_sock listen = sock4(SMC_SOCK_STATE_LISTEN, SMC_DIAG_MODE_SMCR, "0.0.0.0",
				       7000, "0.0.0.0", 0);
	struct smc_sock v6 = sock6(1, SMC_DIAG_MODE_SMCR, "fd00::1", 7000, "::ffff:10.0.0.5",
				   123);

	fb.fallback_reason = 0x05000000;
	fb.peer_diagnosis = 0x03030008;

	ok(matches("src 10.1.2.3", &smcd, NULL), "src: an address");
	ok(matches("src 10.0.0.0/8", &smcd, NULL) && !matches("src 10.0.0.0/16", &smcd, NULL),
	   "src: a prefix");
	ok(matches("src 10.1.2.3:40000", &smcd, NULL) && !matches("src 10.1.2.3:1", &smcd, NULL),
	   "src: address and port");
	ok(matches("dst :443", &smcd, NULL) && matches("dst *:https", &smcd, NULL) &&
	   matches("dst *", &smcd, NULL), "dst: port only, by service name, anything");
	ok(matches("dst != 10.9.8.7", &fb, NULL) && !matches("dst != 10.9.8.7", &smcd, NULL),
	   "dst !=");
	ok(matches("dst 10.0.0.5", &v6, NULL) && matches("dst 10.0.0.0/24:123", &v6, NULL),
	   "an IPv4 address matches its mapped form on an IPv6 socket");
	ok(matches("src fd00::/8", &v6, NULL) && matches("src [fd00::1]:7000", &v6, NULL) &&
	   matches("src [fd00::]/16:7000", &v6, NULL) && !matches("src fd01::/16", &v6, NULL),
	   "IPv6: bare, bracketed with port, prefix and port");
	ok(!matches("src 10.1.2.3", &v6, NULL), "an IPv4 address never matches a native IPv6 one");

	ok(matches("sport = :22", &fb, NULL) && matches("sport eq 22", &fb, NULL) &&
	   matches("sport 22", &fb, NULL) && matches("sport ssh", &fb, NULL),
	   "sport: = :22, eq 22, bare, service name");
	ok(matches("dport > 49999", &fb, NULL) && matches("dport >= 50000", &fb, NULL) &&
	   !matches("dport gt 50000", &fb, NULL) && matches("dport < 50001", &fb, NULL) &&
	   matches("dport le 50000", &fb, NULL) && matches("dport != 1", &fb, NULL) &&
	   matches("dport ne 1", &fb, NULL), "dport: every comparison");

	ok(matches("mode smcd", &smcd, NULL) && matches("mode SMC", &smcd, NULL) &&
	   !matches("mode smcr", &smcd, NULL), "mode smcd / smc");
	ok(matches("mode tcp", &fb, NULL) && matches("mode fallback", &fb, NULL), "mode tcp");
	ok(matches("mode none", &listen, NULL) && !matches("mode smcr", &listen, NULL),
	   "a listening socket's reported SMCR says nothing: mode none, not smcr");
	ok(matches("fallback 0x05000000", &fb, NULL) && matches("fallback NOUEID", &fb, NULL) &&
	   matches("fallback smc_clc_decl_noueid", &fb, NULL) &&
	   !matches("fallback NOSMCDEV", &fb, NULL), "fallback: local or peer code, by name");

	ok(matches("mode smcd and dport 443", &smcd, NULL) &&
	   matches("mode smcd dport 443", &smcd, NULL) &&
	   matches("mode smcd && dport 443", &smcd, NULL) &&
	   !matches("mode smcd & dport 444", &smcd, NULL), "and, && and & and side by side");
	ok(matches("mode smcr or dport 443", &smcd, NULL) &&
	   matches("mode smcr || dport 443", &smcd, NULL) &&
	   !matches("mode smcr | dport 444", &smcd, NULL), "or, ||, |");
	ok(matches("not mode smcr", &smcd, NULL) && matches("! mode smcr", &smcd, NULL) &&
	   matches("!(mode smcr)", &smcd, NULL), "not and !");
	ok(matches("mode smcd or mode smcr and dport 1", &smcd, NULL) &&
	   !matches("( mode smcd or mode smcr ) and dport 1", &smcd, NULL),
	   "and binds tighter than or; parentheses group");
	ok(matches("not not not not mode smcd", &smcd, NULL), "not of not");
}

static void states(void)
{
	struct smc_sock s = sock4(SMC_SOCK_STATE_LISTEN, SMC_DIAG_MODE_SMCR, "0.0.0.0", 1,
				  "0.0.0.0", 0);
	struct sock_filter *f;
	struct sock_filter_error err;

	ok(parse("mode smcd", &f, &err) == 0 && !sock_filter_selects_states(f),
	   "an expression without states leaves the selection to the options");
	sock_filter_free(f);
	ok(matches("state listening", &s, NULL) && matches("state LISTEN", &s, NULL) &&
	   matches("state all", &s, NULL) && !matches("state connected", &s, NULL) &&
	   !matches("exclude listen", &s, NULL) && matches("exclude active", &s, NULL),
	   "state names, ss names, groups, exclude");
	ok(matches("state active state listen", &s, NULL), "state adds to the set");
	s.state = 22;	/* APPCLOSEWAIT1 */
	ok(matches("state closing", &s, NULL) && matches("state connected", &s, NULL) &&
	   matches("state appclosewait1", &s, NULL) && !matches("state established", &s, NULL),
	   "closing and connected groups");
	s.state = 99;	/* a state of a newer kernel */
	ok(matches("state all", &s, NULL) && matches("state connected", &s, NULL),
	   "groups take states this release does not know");
	ok(parse("state listen mode smcr", &f, &err) == 0 && sock_filter_selects_states(f) &&
	   !sock_filter_match(f, &s, NULL), "a state filter then an expression");
	sock_filter_free(f);
}

static void lgr(void)
{
	struct smc_sock d = sock4(1, SMC_DIAG_MODE_SMCD, "10.0.0.1", 1, "10.0.0.2", 2);
	struct smc_sock r = sock4(1, SMC_DIAG_MODE_SMCR, "10.0.0.1", 1, "10.0.0.2", 2);
	struct sock_filter_link link = { .lgr_id = 0x4d000600, .link_id = 1, .ib_port = 1,
					 .ib_dev = "rxe0", .gid = "fe80::1",
					 .peer_gid = "fe80::2" };
	struct sock_filter_links links = { &link, 1 };
	struct sock_filter *f;
	struct sock_filter_error err;

	d.has |= SMC_SOCK_HAS_DMBINFO;
	d.dmbinfo.linkid = 0x4d000600;
	ok(matches("lgr 4d000600", &d, NULL) && matches("lgr 0x4D000600", &d, NULL) &&
	   !matches("lgr 1", &d, NULL), "lgr: an SMC-D socket's link group id");
	ok(parse("lgr 1", &f, &err) == 0 && sock_filter_needs_links(f) &&
	   sock_filter_wants(f) == SMC_SOCK_HAS_DMBINFO,
	   "lgr asks for the link details of the dump and the SMC-R links");
	sock_filter_free(f);

	r.has |= SMC_SOCK_HAS_LGRINFO;
	r.lgrinfo.lnk[0].link_id = 1;
	r.lgrinfo.lnk[0].ibport = 1;
	memcpy(r.lgrinfo.lnk[0].ibname, "rxe0", 5);
	memcpy(r.lgrinfo.lnk[0].gid, "fe80::1", 8);
	memcpy(r.lgrinfo.lnk[0].peer_gid, "fe80::2", 8);
	ok(matches("lgr 4d000600", &r, &links) && !matches("lgr 4d000601", &r, &links),
	   "lgr: an SMC-R socket's link group, found by its link");
	ok(!matches("lgr 4d000600", &r, NULL), "without the links, no SMC-R socket matches");
	memset(r.lgrinfo.lnk[0].gid, 'x', sizeof(r.lgrinfo.lnk[0].gid));	/* no NUL */
	ok(!matches("lgr 4d000600", &r, &links), "an unterminated GID is read within its size");
}

struct bad {
	const char	*text;
	size_t		column;
	const char	*msg;
};

static void errors(void)
{
	static const struct bad bad[] = {
		{ "bogus", 1, "expected a filter term (src, dst, sport, dport, mode, fallback, "
			      "lgr, not, \"(\"), found \"bogus\"" },
		{ "sport", 6, "expected a port (number or service name), found the end" },
		{ "sport = :x", 9, "expected a port (number or service name), found \":x\"" },
		{ "sport < < 1", 9, "expected a port (number or service name), found \"<\"" },
		{ "src 1.2.3", 5, NULL },
		{ "src 10.0.0.1/33", 5, NULL },
		{ "src [::1", 5, NULL },
		{ "src [::1]x", 5, NULL },
		{ "src host.example", 5, NULL },
		{ "dst < 1.2.3.4", 5, "expected an address, \"=\" or \"!=\", found \"<\"" },
		{ "dport 65536", 7, NULL },
		{ "mode foo", 6, "expected a mode (smcr, smcd, smc, tcp, none), found \"foo\"" },
		{ "fallback 123", 10, NULL },
		{ "lgr 100000000", 5, NULL },
		{ "( mode smcd", 12, "expected \")\" or \"or\", found the end" },
		{ "mode smcd )", 11, "expected \"and\", \"or\" or the end, found \")\"" },
		{ "mode smcd or", 13, NULL },
		{ "state bogus", 7, NULL },
		{ "state", 6, NULL },
		{ "mode smcd state listen", 11, NULL },
		{ "!", 2, NULL },
		{ "mode smcd = 1", 11, NULL },
	};
	struct sock_filter *f;
	struct sock_filter_error err;
	char deep[1024] = "";

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = parse(bad[i].text, &f, &err);

		ok(rc == -EINVAL && !f && err.column == bad[i].column &&
		   (!bad[i].msg || !strcmp(err.msg, bad[i].msg)),
		   "'%s': column %zu, %s", bad[i].text, err.column, err.msg);
	}
	for (int i = 0; i < 65; i++)
		strcat(deep, "( ");
	strcat(deep, "mode smcd");
	ok(parse(deep, &f, &err) == -EINVAL && strstr(err.msg, "at most 64 nested"),
	   "nesting is bounded: %s", err.msg);
	memset(deep, 0, sizeof(deep));
	for (int i = 0; i < 64; i++)
		strcat(deep, "! ");
	strcat(deep, "mode smcd");
	ok(parse(deep, &f, &err) == 0, "64 levels are fine");
	sock_filter_free(f);
	{
		char *empty[] = { "" };

		ok(sock_filter_parse(empty, 1, &f, &err) == 0 && sock_filter_match(f, NULL, NULL),
		   "an empty word is a filter that takes everything");
		sock_filter_free(f);
	}
	ok(sock_filter_parse(NULL, 0, &f, &err) == 0 && !f && sock_filter_match(NULL, NULL, NULL),
	   "no words: no filter, everything matches");
}

/* a chain of terms is one node: no recursion grows with its length */
static void long_chain(void)
{
	size_t n = 20000;
	char **words = calloc(n * 3, sizeof(*words));
	struct smc_sock s = sock4(1, SMC_DIAG_MODE_SMCD, "10.0.0.1", 1, "10.0.0.2", 2);
	struct sock_filter *f;
	struct sock_filter_error err;

	for (size_t i = 0; i < n; i++) {
		words[3 * i] = "dport";
		words[3 * i + 1] = "1";
		words[3 * i + 2] = "or";
	}
	ok(sock_filter_parse(words, 3 * n, &f, &err) == -EINVAL &&
	   !strcmp(err.msg, "expected a filter term (src, dst, sport, dport, mode, fallback, "
			    "lgr, not, \"(\"), found the end"),
	   "a chain of 20,000 terms ending in 'or' fails at its end");
	ok(sock_filter_parse(words, 3 * n - 1, &f, &err) == 0 && !sock_filter_match(f, &s, NULL),
	   "20,000 terms joined by or");
	sock_filter_free(f);
	free(words);
}

int main(void)
{
	terms();
	states();
	lgr();
	errors();
	long_chain();
	return tap_done();
}
