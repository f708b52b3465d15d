// SPDX-License-Identifier: GPL-2.0
/* sock_filter.c - compile and evaluate smcss filters
 *
 * Grammar (keywords are lower case; state and mode names are case-insensitive):
 *
 *   filter := { ("state" | "exclude" | "excl") STATE } [ or ]
 *   or     := and { ("or" | "||" | "|") and }
 *   and    := unary { [ "and" | "&&" | "&" ] unary }	(side by side means "and", as in ss)
 *   unary  := ("not" | "!") unary | "(" or ")" | term
 *   term   := ("src" | "dst") [ "=" | "==" | "!=" ] HOST
 *           | ("sport" | "dport") [ RELOP ] PORT
 *           | "mode" ("smcr" | "smcd" | "smc" | "tcp" | "fallback" | "none")
 *           | "fallback" CODE				(smc_fallback_parse())
 *           | "lgr" ID					(hexadecimal, as smcr/smcd show it)
 *   HOST   := "*" | ":"PORT | IPV4["/"BITS][":"PORT] | "["IPV6"]"["/"BITS][":"PORT]
 *           | IPV6["/"BITS]
 *   PORT   := [":"] (decimal | service name | "*")
 *   RELOP  := "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | eq | ne | lt | le | gt | ge
 *
 * "and" and "or" are n-ary nodes, so a long chain of terms does not nest; only
 * parentheses and "not" do, and they are limited to FILTER_MAX_NESTING, which bounds the
 * recursion of both the parser and the evaluation whatever the input.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "array.h"
#include "decode.h"
#include "fallback_kb.h"
#include "parse_num.h"
#include "sock_filter.h"

#define FILTER_MAX_NESTING	64
/* the longest word any term reads (an IPv6 address in brackets with prefix and port is
 * 53 characters); a longer one is no valid value
 */
#define FILTER_WORD_MAX		96

enum tok_kind { TOK_END, TOK_WORD, TOK_LPAREN, TOK_RPAREN, TOK_NOT, TOK_AND, TOK_OR, TOK_OP };

struct token {
	enum tok_kind	kind;
	size_t		pos;	/* 0-based in the joined text */
	size_t		len;
};

enum relop { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

enum node_kind { N_AND, N_OR, N_NOT, N_HOST, N_PORT, N_MODE, N_FALLBACK, N_LGR };

enum {					/* what a socket's mode says, one bit each for "mode" */
	MODE_SMCR	= 1u << 0,
	MODE_SMCD	= 1u << 1,
	MODE_TCP	= 1u << 2,	/* fell back */
	MODE_NONE	= 1u << 3,	/* listening or not yet connected: the mode says nothing */
};

struct host_cond {
	bool		remote;
	int		family;		/* AF_INET, AF_INET6; 0: any address */
	uint8_t		addr[16];
	unsigned int	bits;		/* prefix length */
	int		port;		/* -1: any */
};

struct node {
	enum node_kind	kind;
	union {
		struct { size_t first, n; } kids;	/* AND, OR: in .kids[]; NOT: one */
		struct host_cond host;
		struct { bool remote; enum relop op; uint16_t port; } port;
		unsigned int	modes;
		uint32_t	code;
		uint32_t	lgr;
	} u;
};

struct sock_filter {
	struct node	*nodes;
	size_t		n_nodes;
	size_t		*kids;		/* children of AND/OR/NOT nodes, by node index */
	size_t		n_kids;
	bool		has_expr;
	size_t		root;
	bool		states_set;
	uint8_t		states[32];	/* bit per state value */
	bool		needs_links;
};

struct parser {
	struct sock_filter	*f;
	char			*text;		/* the words joined by blanks */
	size_t			text_len;
	struct token		*toks;
	size_t			n_toks;
	size_t			at;		/* the next token */
	int			depth;
	struct sock_filter_error *err;
	int			rc;		/* the first error: -EINVAL or -ENOMEM */
};

/* --- errors ------------------------------------------------------------------------- */

static int fail(struct parser *p, const struct token *t, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record "expected ..., found X" at token @t; the first error wins. */
static int fail(struct parser *p, const struct token *t, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	if (p->rc)
		return p->rc;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	p->err->column = t->pos + 1;
	if (t->kind == TOK_END)
		snprintf(p->err->msg, sizeof(p->err->msg), "expected %s, found the end", what);
	else
		snprintf(p->err->msg, sizeof(p->err->msg), "expected %s, found \"%.*s%s\"", what,
			 (int)(t->len > 40 ? 40 : t->len), p->text + t->pos,
			 t->len > 40 ? "..." : "");
	p->rc = -EINVAL;
	return p->rc;
}

static int out_of_memory(struct parser *p)
{
	if (!p->rc) {
		p->err->column = 0;
		snprintf(p->err->msg, sizeof(p->err->msg), "out of memory");
		p->rc = -ENOMEM;
	}
	return p->rc;
}

/* --- tokens ------------------------------------------------------------------------- */

static bool is_word_char(char c)
{
	return c && !isspace((unsigned char)c) && !strchr("()!&|=<>", c);
}

static int tokenize(struct parser *p)
{
	const char *s = p->text;
	size_t i = 0;

	for (;;) {
		struct token *t;

		while (isspace((unsigned char)s[i]))
			i++;
		t = array_push(&p->toks, &p->n_toks, sizeof(*t));
		if (!t)
			return out_of_memory(p);
		t->pos = i;
		t->len = 1;
		switch (s[i]) {
		case '\0':
			t->kind = TOK_END;
			t->len = 0;
			return 0;
		case '(': t->kind = TOK_LPAREN; break;
		case ')': t->kind = TOK_RPAREN; break;
		case '&': t->kind = TOK_AND; t->len = s[i + 1] == '&' ? 2 : 1; break;
		case '|': t->kind = TOK_OR; t->len = s[i + 1] == '|' ? 2 : 1; break;
		case '!':
			t->kind = s[i + 1] == '=' ? TOK_OP : TOK_NOT;
			t->len = s[i + 1] == '=' ? 2 : 1;
			break;
		case '=': case '<': case '>':
			t->kind = TOK_OP;
			t->len = s[i + 1] == '=' ? 2 : 1;
			break;
		default:
			t->kind = TOK_WORD;
			t->len = 0;
			while (is_word_char(s[i + t->len]))
				t->len++;
		}
		i += t->len;
	}
}

static const struct token *peek(const struct parser *p)
{
	return &p->toks[p->at];
}

static const struct token *next(struct parser *p)
{
	const struct token *t = &p->toks[p->at];

	if (t->kind != TOK_END)
		p->at++;
	return t;
}

static bool word_is(const struct parser *p, const struct token *t, const char *w)
{
	return t->kind == TOK_WORD && t->len == strlen(w) && !memcmp(p->text + t->pos, w, t->len);
}

/* Copy word @t into @buf (FILTER_WORD_MAX + 1). Return: false if it is too long. */
static bool word_text(const struct parser *p, const struct token *t, char *buf)
{
	if (t->kind != TOK_WORD || t->len > FILTER_WORD_MAX)
		return false;
	memcpy(buf, p->text + t->pos, t->len);
	buf[t->len] = '\0';
	return true;
}

/* --- nodes -------------------------------------------------------------------------- */

/* Return: the new node's index, or (size_t)-1 with the error recorded */
static size_t new_node(struct parser *p, enum node_kind kind)
{
	struct node *n = array_push(&p->f->nodes, &p->f->n_nodes, sizeof(*n));

	if (!n) {
		out_of_memory(p);
		return (size_t)-1;
	}
	n->kind = kind;
	return p->f->n_nodes - 1;
}

/* A node over the @n children in @kids (an AND or OR of one is that child). */
static size_t new_parent(struct parser *p, enum node_kind kind, const size_t *kids, size_t n)
{
	size_t first = p->f->n_kids, idx;

	if (n == 1 && kind != N_NOT)
		return kids[0];
	for (size_t i = 0; i < n; i++) {
		size_t *k = array_push(&p->f->kids, &p->f->n_kids, sizeof(*k));

		if (!k) {
			out_of_memory(p);
			return (size_t)-1;
		}
		*k = kids[i];
	}
	idx = new_node(p, kind);
	if (idx != (size_t)-1) {
		p->f->nodes[idx].u.kids.first = first;
		p->f->nodes[idx].u.kids.n = n;
	}
	return idx;
}

/* --- values ------------------------------------------------------------------------- */

/* PORT: decimal, a service name from the services database, or "*" (@any allowed) */
static bool parse_port(const char *text, bool any_ok, int *port)
{
	uint64_t v;

	if (*text == ':')
		text++;
	if (any_ok && !strcmp(text, "*")) {
		*port = -1;
		return true;
	}
	if (!parse_dec(text, 65535, &v)) {
		*port = (int)v;
		return true;
	}
	if (*text && strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "0123456789-_.") == strlen(text) && !isdigit((unsigned char)*text)) {
		const struct servent *se = getservbyname(text, "tcp");

		if (se) {
			*port = ntohs((uint16_t)se->s_port);
			return true;
		}
	}
	return false;
}

/* "/BITS" at the end of @addr (cut off), checked against the family's length */
static bool parse_prefix(char *addr, unsigned int max_bits, unsigned int *bits)
{
	char *slash = strchr(addr, '/');
	uint64_t v;

	*bits = max_bits;
	if (!slash)
		return true;
	*slash = '\0';
	if (parse_dec(slash + 1, max_bits, &v))
		return false;
	*bits = (unsigned int)v;
	return true;
}

static bool parse_host(char *text, struct host_cond *h)
{
	char *port = NULL, *addr = text;

	h->family = 0;
	h->port = -1;
	if (!strcmp(text, "*"))
		return true;
	if (text[0] == ':' && text[1] != ':')		/* ":PORT": any address */
		return parse_port(text, true, &h->port);
	if (*text == '[') {				/* "[IPV6]..." */
		char *close = strchr(text, ']');

		if (!close)
			return false;
		*close = '\0';
		addr = text + 1;
		if (close[1] == '/') {			/* "[::1]/64:80" or "[::1]/64" */
			char *colon = strchr(close + 2, ':');

			if (colon) {
				*colon = '\0';
				port = colon + 1;
			}
			memmove(close, close + 1, strlen(close + 1) + 1);
		} else if (close[1] == ':') {
			port = close + 2;
		} else if (close[1]) {
			return false;
		}
		h->family = AF_INET6;
	} else if (strchr(text, ':') == strrchr(text, ':')) {
		char *colon = strchr(text, ':');	/* IPv4, perhaps with ":PORT" */

		if (colon) {
			*colon = '\0';
			port = colon + 1;
		}
		h->family = AF_INET;
	} else {
		h->family = AF_INET6;			/* a bare IPv6 address has no port */
	}
	if (port && !parse_port(port, true, &h->port))
		return false;
	if (!parse_prefix(addr, h->family == AF_INET ? 32 : 128, &h->bits))
		return false;
	if (h->family == AF_INET && !strcmp(addr, "*")) {	/* "*:PORT" */
		h->family = 0;
		return true;
	}
	return inet_pton(h->family, addr, h->addr) == 1;
}

static bool parse_relop(const struct parser *p, const struct token *t, enum relop *op)
{
	static const struct { const char *text; enum relop op; } ops[] = {
		{ "=", OP_EQ }, { "==", OP_EQ }, { "eq", OP_EQ }, { "!=", OP_NE }, { "ne", OP_NE },
		{ "neq", OP_NE }, { "<", OP_LT }, { "lt", OP_LT }, { "<=", OP_LE }, { "le", OP_LE },
		{ ">", OP_GT }, { "gt", OP_GT }, { ">=", OP_GE }, { "ge", OP_GE },
	};

	if (t->kind != TOK_OP && t->kind != TOK_WORD)
		return false;
	for (size_t i = 0; i < ARRAY_LEN(ops); i++)
		if (t->len == strlen(ops[i].text) && !memcmp(p->text + t->pos, ops[i].text, t->len)) {
			*op = ops[i].op;
			return true;
		}
	return false;
}

/* --- states ------------------------------------------------------------------------- */

static void state_set(uint8_t *states, unsigned int v, bool on)
{
	if (on)
		states[v / 8] |= (uint8_t)(1u << (v % 8));
	else
		states[v / 8] &= (uint8_t)~(1u << (v % 8));
}

static bool state_has(const uint8_t *states, unsigned int v)
{
	return states[v / 8] & (1u << (v % 8));
}

/* ss's names for SMC's states */
static const struct { const char *name; uint8_t state; } state_aliases[] = {
	{ "established", SMC_SOCK_STATE_ACTIVE },
	{ "listening", SMC_SOCK_STATE_LISTEN },
};

static const char *const state_groups[] = { "all", "connected", "synchronized", "closing" };

/*
 * A state name, one of ss's names for the same thing, or a group, as the set of states
 * it stands for. Groups take every value, those a newer kernel may add included.
 * Return: false if @name is none of them.
 */
static bool state_names(const char *name, uint8_t *set)
{
	bool all = !strcasecmp(name, "all");
	/* ss's "connected" is everything but listening and closed; INIT is SMC's not yet
	 * connected (smcss without options shows it neither); "closing" leaves out ACTIVE
	 */
	bool connected = !strcasecmp(name, "connected") || !strcasecmp(name, "synchronized");
	bool closing = !strcasecmp(name, "closing");
	bool found = all || connected || closing;

	memset(set, 0, 32);
	for (unsigned int v = 0; v < 256; v++) {
		const char *n = smc_state_name((uint8_t)v);
		bool is_conn = v != SMC_SOCK_STATE_INIT && v != SMC_SOCK_STATE_LISTEN &&
			       v != SMC_SOCK_STATE_CLOSED;

		if (all || (connected && is_conn) ||
		    (closing && is_conn && v != SMC_SOCK_STATE_ACTIVE) ||
		    (n && !strcasecmp(name, n))) {
			state_set(set, v, true);
			found = true;
		}
	}
	for (size_t i = 0; i < ARRAY_LEN(state_aliases); i++)
		if (!strcasecmp(name, state_aliases[i].name)) {
			state_set(set, state_aliases[i].state, true);
			found = true;
		}
	return found;
}

static int parse_states(struct parser *p)
{
	struct sock_filter *f = p->f;

	for (;;) {
		const struct token *kw = peek(p), *t;
		bool include = word_is(p, kw, "state");
		char name[FILTER_WORD_MAX + 1];
		uint8_t set[32];

		if (!include && !word_is(p, kw, "exclude") && !word_is(p, kw, "excl"))
			return 0;
		next(p);
		t = next(p);
		if (!word_text(p, t, name) || !state_names(name, set))
			return fail(p, t, "a state (ACTIVE, LISTEN, INIT, CLOSED, ... or all, "
				    "connected, closing)");
		/* as ss: the first "state" starts from none, the first "exclude" from all */
		if (!f->states_set)
			memset(f->states, include ? 0x00 : 0xff, sizeof(f->states));
		f->states_set = true;
		for (unsigned int v = 0; v < 256; v++)
			if (state_has(set, v))
				state_set(f->states, v, include);
	}
}

/* --- expressions -------------------------------------------------------------------- */

static size_t parse_or(struct parser *p);

#define TERM_NAMES "a filter term (src, dst, sport, dport, mode, fallback, lgr, not, \"(\")"

static size_t parse_host_term(struct parser *p, bool remote)
{
	const struct token *t = peek(p);
	bool negate = false;
	char text[FILTER_WORD_MAX + 1];
	struct host_cond h = { .remote = remote };
	size_t idx;

	if (t->kind == TOK_OP) {
		enum relop op;

		if (!parse_relop(p, t, &op) || (op != OP_EQ && op != OP_NE)) {
			fail(p, t, "an address, \"=\" or \"!=\"");
			return (size_t)-1;
		}
		negate = op == OP_NE;
		next(p);
	}
	t = next(p);
	if (!word_text(p, t, text) || !parse_host(text, &h)) {
		fail(p, t, "an address[/prefix][:port] (numeric), \":port\" or \"*\"");
		return (size_t)-1;
	}
	idx = new_node(p, N_HOST);
	if (idx == (size_t)-1)
		return idx;
	p->f->nodes[idx].u.host = h;
	return negate ? new_parent(p, N_NOT, &idx, 1) : idx;
}

static size_t parse_port_term(struct parser *p, bool remote)
{
	const struct token *t = peek(p);
	enum relop op = OP_EQ;
	char text[FILTER_WORD_MAX + 1];
	int port;
	size_t idx;

	if (parse_relop(p, t, &op))
		next(p);
	else if (t->kind == TOK_OP) {
		fail(p, t, "a comparison (=, !=, <, <=, >, >=) or a port");
		return (size_t)-1;
	}
	t = next(p);
	if (!word_text(p, t, text) || !parse_port(text, false, &port)) {
		fail(p, t, "a port (number or service name)");
		return (size_t)-1;
	}
	idx = new_node(p, N_PORT);
	if (idx != (size_t)-1) {
		p->f->nodes[idx].u.port.remote = remote;
		p->f->nodes[idx].u.port.op = op;
		p->f->nodes[idx].u.port.port = (uint16_t)port;
	}
	return idx;
}

static const struct { const char *name; unsigned int modes; } mode_names[] = {
	{ "smcr", MODE_SMCR }, { "smcd", MODE_SMCD }, { "smc", MODE_SMCR | MODE_SMCD },
	{ "tcp", MODE_TCP }, { "fallback", MODE_TCP }, { "none", MODE_NONE },
};

static size_t parse_mode_term(struct parser *p)
{
	const struct token *t = next(p);
	char text[FILTER_WORD_MAX + 1];

	if (word_text(p, t, text))
		for (size_t i = 0; i < ARRAY_LEN(mode_names); i++)
			if (!strcasecmp(text, mode_names[i].name)) {
				size_t idx = new_node(p, N_MODE);

				if (idx != (size_t)-1)
					p->f->nodes[idx].u.modes = mode_names[i].modes;
				return idx;
			}
	fail(p, t, "a mode (smcr, smcd, smc, tcp, none)");
	return (size_t)-1;
}

static size_t parse_fallback_term(struct parser *p)
{
	const struct token *t = next(p);
	char text[FILTER_WORD_MAX + 1];
	uint32_t code;
	size_t idx;

	if (!word_text(p, t, text) || smc_fallback_parse(text, &code)) {
		fail(p, t, "a fallback code (0x03030000) or name (NOSMCDEV)");
		return (size_t)-1;
	}
	idx = new_node(p, N_FALLBACK);
	if (idx != (size_t)-1)
		p->f->nodes[idx].u.code = code;
	return idx;
}

static size_t parse_lgr_term(struct parser *p)
{
	const struct token *t = next(p);
	char text[FILTER_WORD_MAX + 1];
	uint64_t id;
	size_t idx;

	if (!word_text(p, t, text) || parse_hex(text, UINT32_MAX, &id)) {
		fail(p, t, "a link group id (hexadecimal, as smcr/smcd linkgroup show it)");
		return (size_t)-1;
	}
	idx = new_node(p, N_LGR);
	if (idx != (size_t)-1)
		p->f->nodes[idx].u.lgr = (uint32_t)id;
	p->f->needs_links = true;
	return idx;
}

static size_t parse_unary(struct parser *p)
{
	const struct token *t = peek(p);
	size_t idx;

	if (p->depth > FILTER_MAX_NESTING) {
		fail(p, t, "at most %d nested parentheses or \"not\"", FILTER_MAX_NESTING);
		return (size_t)-1;
	}
	if (t->kind == TOK_NOT || word_is(p, t, "not")) {
		next(p);
		p->depth++;
		idx = parse_unary(p);
		p->depth--;
		return idx == (size_t)-1 ? idx : new_parent(p, N_NOT, &idx, 1);
	}
	if (t->kind == TOK_LPAREN) {
		next(p);
		p->depth++;
		idx = parse_or(p);
		p->depth--;
		if (idx == (size_t)-1)
			return idx;
		if (peek(p)->kind != TOK_RPAREN) {
			fail(p, peek(p), "\")\" or \"or\"");
			return (size_t)-1;
		}
		next(p);
		return idx;
	}
	next(p);
	if (word_is(p, t, "src") || word_is(p, t, "dst"))
		return parse_host_term(p, word_is(p, t, "dst"));
	if (word_is(p, t, "sport") || word_is(p, t, "dport"))
		return parse_port_term(p, word_is(p, t, "dport"));
	if (word_is(p, t, "mode"))
		return parse_mode_term(p);
	if (word_is(p, t, "fallback"))
		return parse_fallback_term(p);
	if (word_is(p, t, "lgr"))
		return parse_lgr_term(p);
	if (word_is(p, t, "state") || word_is(p, t, "exclude") || word_is(p, t, "excl"))
		fail(p, t, TERM_NAMES " (state filters come first, as in ss)");
	else
		fail(p, t, TERM_NAMES);
	return (size_t)-1;
}

static bool starts_term(const struct parser *p, const struct token *t)
{
	return t->kind == TOK_WORD ? !word_is(p, t, "or") && !word_is(p, t, "and")
				   : t->kind == TOK_NOT || t->kind == TOK_LPAREN;
}

/* One level of "and" or "or": @sub parses an operand; @is_op says whether a token joins */
static size_t parse_chain(struct parser *p, enum node_kind kind)
{
	size_t *kids = NULL, n = 0, idx = (size_t)-1;

	for (;;) {
		size_t kid = kind == N_OR ? parse_chain(p, N_AND) : parse_unary(p);
		size_t *slot;
		const struct token *t;

		if (kid == (size_t)-1)
			goto out;
		slot = array_push(&kids, &n, sizeof(*slot));
		if (!slot) {
			out_of_memory(p);
			goto out;
		}
		*slot = kid;
		t = peek(p);
		if (kind == N_OR ? t->kind == TOK_OR || word_is(p, t, "or")
				 : t->kind == TOK_AND || word_is(p, t, "and")) {
			next(p);
		} else if (kind == N_OR || !starts_term(p, t)) {
			break;
		}
	}
	idx = new_parent(p, kind, kids, n);
out:
	free(kids);
	return idx;
}

static size_t parse_or(struct parser *p)
{
	return parse_chain(p, N_OR);
}

/* --- public ------------------------------------------------------------------------- */

const char *sock_filter_state_word(size_t i)
{
	for (unsigned int v = 0; v < 256; v++) {
		const char *n = smc_state_name((uint8_t)v);

		if (n && !i--)
			return n;
	}
	if (i < ARRAY_LEN(state_groups))
		return state_groups[i];
	i -= ARRAY_LEN(state_groups);
	return i < ARRAY_LEN(state_aliases) ? state_aliases[i].name : NULL;
}

const char *sock_filter_mode_word(size_t i)
{
	return i < ARRAY_LEN(mode_names) ? mode_names[i].name : NULL;
}

int sock_filter_parse(char *const words[], size_t n, struct sock_filter **fp,
		      struct sock_filter_error *err)
{
	struct parser p = { .err = err };
	size_t len = 0;

	*fp = NULL;
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	p.f = calloc(1, sizeof(*p.f));
	p.text = malloc(len);
	if (!p.f || !p.text) {
		out_of_memory(&p);
		goto out;
	}
	for (size_t i = 0, at = 0; i < n; i++) {
		size_t l = strlen(words[i]);

		memcpy(p.text + at, words[i], l);
		at += l;
		p.text[at++] = i + 1 < n ? ' ' : '\0';
	}
	p.text_len = len - 1;
	if (tokenize(&p) || parse_states(&p))
		goto out;
	if (peek(&p)->kind != TOK_END) {
		p.f->root = parse_or(&p);
		p.f->has_expr = true;
		if (!p.rc && peek(&p)->kind != TOK_END)
			fail(&p, peek(&p), "\"and\", \"or\" or the end");
	}
out:
	free(p.text);
	free(p.toks);
	if (p.rc) {
		sock_filter_free(p.f);
		return p.rc;
	}
	*fp = p.f;
	return 0;
}

void sock_filter_free(struct sock_filter *f)
{
	if (!f)
		return;
	free(f->nodes);
	free(f->kids);
	free(f);
}

bool sock_filter_selects_states(const struct sock_filter *f)
{
	return f && f->states_set;
}

bool sock_filter_needs_links(const struct sock_filter *f)
{
	return f && f->needs_links;
}

unsigned int sock_filter_wants(const struct sock_filter *f)
{
	return sock_filter_needs_links(f) ? SMC_SOCK_HAS_DMBINFO : 0;
}

static bool prefix_equal(const uint8_t *a, const uint8_t *b, unsigned int bits)
{
	unsigned int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (uint8_t)(0xff00u >> rest));
}

static bool host_match(const struct host_cond *h, const struct smc_sock *s)
{
	const struct in6_addr *a = h->remote ? &s->daddr : &s->saddr;
	uint16_t port = h->remote ? s->dport : s->sport;

	if (h->port >= 0 && port != h->port)
		return false;
	if (!h->family)
		return true;
	if (!s->addr_known)
		return false;
	if (h->family == s->family)
		return prefix_equal(h->addr, a->s6_addr, h->bits);
	/* an IPv4 address also matches its IPv4-mapped form on an IPv6 socket */
	return h->family == AF_INET && s->family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(a) &&
	       prefix_equal(h->addr, a->s6_addr + 12, h->bits);
}

static bool port_match(uint16_t have, enum relop op, uint16_t want)
{
	switch (op) {
	case OP_EQ: return have == want;
	case OP_NE: return have != want;
	case OP_LT: return have < want;
	case OP_LE: return have <= want;
	case OP_GT: return have > want;
	case OP_GE: return have >= want;
	}
	return false;
}

static unsigned int sock_mode(const struct smc_sock *s)
{
	switch (smc_sock_mode_class(s)) {
	case SMC_SOCK_MODE_SMCR: return MODE_SMCR;
	case SMC_SOCK_MODE_SMCD: return MODE_SMCD;
	case SMC_SOCK_MODE_TCP: return MODE_TCP;
	case SMC_SOCK_MODE_NONE: return MODE_NONE;
	default: return 0;	/* a mode of a newer kernel: none of the names */
	}
}

/* two kernel strings in fixed arrays, which need not be terminated */
static bool fixed_str_equal(const void *a, size_t a_size, const char *b, size_t b_size)
{
	size_t la = strnlen(a, a_size), lb = strnlen(b, b_size);

	return la == lb && !memcmp(a, b, la);
}

static bool lgr_match(uint32_t lgr, const struct smc_sock *s,
		      const struct sock_filter_links *links)
{
	const struct smc_diag_linkinfo *l = &s->lgrinfo.lnk[0];

	if (s->mode == SMC_DIAG_MODE_SMCD)
		return (s->has & SMC_SOCK_HAS_DMBINFO) && s->dmbinfo.linkid == lgr;
	if (s->mode != SMC_DIAG_MODE_SMCR || !(s->has & SMC_SOCK_HAS_LGRINFO) || !links)
		return false;
	for (size_t i = 0; i < links->n; i++) {
		const struct sock_filter_link *k = &links->v[i];

		if (k->lgr_id == lgr && k->link_id == l->link_id && k->ib_port == l->ibport &&
		    fixed_str_equal(l->ibname, sizeof(l->ibname), k->ib_dev, sizeof(k->ib_dev)) &&
		    fixed_str_equal(l->gid, sizeof(l->gid), k->gid, sizeof(k->gid)) &&
		    fixed_str_equal(l->peer_gid, sizeof(l->peer_gid), k->peer_gid,
				    sizeof(k->peer_gid)))
			return true;
	}
	return false;
}

static bool eval(const struct sock_filter *f, size_t idx, const struct smc_sock *s,
		 const struct sock_filter_links *links)
{
	const struct node *n = &f->nodes[idx];

	switch (n->kind) {
	case N_AND:
		for (size_t i = 0; i < n->u.kids.n; i++)
			if (!eval(f, f->kids[n->u.kids.first + i], s, links))
				return false;
		return true;
	case N_OR:
		for (size_t i = 0; i < n->u.kids.n; i++)
			if (eval(f, f->kids[n->u.kids.first + i], s, links))
				return true;
		return false;
	case N_NOT:
		return !eval(f, f->kids[n->u.kids.first], s, links);
	case N_HOST:
		return host_match(&n->u.host, s);
	case N_PORT:
		return port_match(n->u.port.remote ? s->dport : s->sport, n->u.port.op,
				  n->u.port.port);
	case N_MODE:
		return sock_mode(s) & n->u.modes;
	case N_FALLBACK:
		return (s->has & SMC_SOCK_HAS_FALLBACK) &&
		       (s->fallback_reason == n->u.code || s->peer_diagnosis == n->u.code);
	case N_LGR:
		return lgr_match(n->u.lgr, s, links);
	}
	return false;
}

bool sock_filter_match(const struct sock_filter *f, const struct smc_sock *s,
		       const struct sock_filter_links *links)
{
	if (!f)
		return true;
	if (f->states_set && !state_has(f->states, s->state))
		return false;
	return !f->has_expr || eval(f, f->root, s, links);
}
