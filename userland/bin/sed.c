/*
 * sed: the stream editor.
 *   sed [-nEirs] [-e script] ... [-f file] ... [script] [file ...]
 * The script is compiled into an array of commands, then every input line
 * runs through it (one "cycle"): the line is read into the pattern space,
 * the commands whose addresses match run in order, and the pattern space
 * is printed at the end unless -n.
 *
 * Addresses: N (a line), $ (the last line), /re/ or \cREc (I: ignore
 * case), addr1,addr2 ranges, and ! after them to negate.  Commands:
 *   { } blocks, s/re/repl/[g p N I w file], y/src/dst/, p P d D n N
 *   = q [code] Q [code] a i c (text after "a\" newline or on the line)
 *   h H g G x z, b t T [label], :label, r file, w file, # comments.
 * Regular expressions are POSIX basic ones (extended with -E or -r)
 * compiled by regcomp(3); where the C library is not glibc, GNU's \< \>
 * (and \+ \? in basic ones) are first turned into what a BSD regcomp
 * knows.  "\n" in them and in replacements is a newline, & and \1..\9 in
 * a replacement are the match and its groups, an empty regex reuses the
 * last one used.
 * -i edits each file in place: the output goes to a temporary file in
 * the same directory that replaces the original only once it is
 * complete, so a failure loses nothing.  With -i or -s every file is a
 * stream of its own (line numbers and $ count per file).
 * Exit status: 0, 1 for a bad command line or script, 2 when an input
 * file could not be read, 4 for an output error, or q's code.
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STATUS_USAGE 1
#define STATUS_INPUT 2
#define STATUS_OUTPUT 4
#define GROUPS_MAX 10		/* the match and \1..\9 */
#define NBYTES 256
#define REGEX_ERROR_MAX 256
#define BLOCKS_MAX 64		/* nesting of { } */
#define OUTPUTS_MAX 32		/* distinct w files */
#define LIST_WIDTH 70		/* l wraps its lines before this column */
#define DEL 0x7f
#define TEMP_SUFFIX "/.sedXXXXXX"

struct buf {
	char *s;
	size_t len, cap;
};

enum addr_type {
	ADDR_NONE, ADDR_LINE, ADDR_LAST, ADDR_REGEX,
	ADDR_STEP,		/* first~step (GNU) */
	ADDR_PLUS,		/* addr1,+N (GNU): N more lines */
};

struct addr {
	enum addr_type type;
	long line, step;
	regex_t *re;		/* NULL for //: the last regex used */
};

struct output {
	const char *name;
	FILE *fp;
	int missing_newline;	/* the last line written had none */
};

struct cmd {
	struct addr a1, a2;
	int negate;
	int in_range;
	long range_end;		/* the last line of a +N range */
	char name;
	/* s */
	regex_t *re;
	char *repl;
	int global, occurrence, print;
	/* s///w, w, r: a file; a i c: text; b t T ':': a label */
	struct output *out;
	char *text;
	long jump;		/* b t T: target; {: the matching } */
	int exit_code;		/* q Q */
	unsigned char *map;	/* y */
};

struct appended {
	char *text;		/* text of a, or a file name for r */
	int is_file;
};

struct input {
	char **files;
	int nfiles, next_file;
	FILE *fp;
	struct buf ahead;	/* the next line, read ahead to know "$" */
	int have_ahead, ahead_newline;
};

static struct cmd *cmds;
static long ncmds, cmds_cap;
static struct output *outputs[OUTPUTS_MAX];
static int noutputs;
static int opt_quiet, opt_extended, opt_in_place, opt_separate;
static int exit_status;

/* The script being compiled, and where the parser is in it. */
static const char *script;
static size_t spos;

/* The state of the running script. */
static struct buf pattern, hold;
static struct appended *appends;
static size_t nappends, appends_cap;
static long line_number;
static int line_newline, replaced;
static regex_t *last_regex;
static struct output main_output = { "standard output", NULL, 0 };

static void
usage(void)
{
	fprintf(stderr, "usage: sed [-nEirs] [-e script] ... [-f file] ... [script] [file ...]\n");
	exit(STATUS_USAGE);
}

static void
die(const char *what, const char *why, int status)
{
	fprintf(stderr, "sed: %s: %s\n", what, why);
	exit(status);
}

static void
bad_script(const char *why)
{
	fprintf(stderr, "sed: script, char %zu: %s\n", spos, why);
	exit(STATUS_USAGE);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL)
		die("memory", strerror(errno), STATUS_OUTPUT);
	return p;
}

static void
buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	b->cap = (b->len + extra + 1) * 2;
	b->s = xrealloc(b->s, b->cap);
}

static void
buf_add(struct buf *b, const char *s, size_t len)
{
	buf_reserve(b, len);
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

static void
buf_addc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

static void
buf_set(struct buf *b, const char *s, size_t len)
{
	b->len = 0;
	buf_add(b, s, len);
}

/* ---- compiling the script ---- */

static int
peek(void)
{
	return (unsigned char)script[spos];
}

static void
skip_spaces(void)
{
	while (script[spos] == ' ' || script[spos] == '\t')
		spos++;
}

#ifndef __GLIBC__
/* The end of the bracket expression that starts at p ('['), or NULL. */
static const char *
bracket_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	for (; *p != '\0'; p++) {
		if (*p == '[' && (p[1] == ':' || p[1] == '=' || p[1] == '.')) {
			const char *close = strchr(p + 2, p[1]);
			if (close == NULL || close[1] != ']')
				return NULL;
			p = close + 1;
		} else if (*p == ']') {
			return p;
		}
	}
	return NULL;
}

/*
 * GNU's regex escapes for a regcomp that lacks them (picolibc's, from
 * BSD): \< and \> are [[:<:]] and [[:>:]], and in a basic regex \+ and
 * \? are \{1,\} and \{0,1\}.  Bracket expressions are copied as they are.
 */
static char *
gnu_escapes(const char *pattern)
{
	struct buf b = { NULL, 0, 0 };

	buf_add(&b, "", 0);
	for (const char *p = pattern; *p != '\0'; p++) {
		const char *end;

		if (*p == '[' && (end = bracket_end(p)) != NULL) {
			buf_add(&b, p, end + 1 - p);
			p = end;
		} else if (p[0] == '\\' && p[1] == '<') {
			buf_add(&b, "[[:<:]]", 7);
			p++;
		} else if (p[0] == '\\' && p[1] == '>') {
			buf_add(&b, "[[:>:]]", 7);
			p++;
		} else if (!opt_extended && p[0] == '\\' && p[1] == '+') {
			buf_add(&b, "\\{1,\\}", 6);
			p++;
		} else if (!opt_extended && p[0] == '\\' && p[1] == '?') {
			buf_add(&b, "\\{0,1\\}", 7);
			p++;
		} else {
			if (p[0] == '\\' && p[1] != '\0')
				buf_addc(&b, *p++);
			buf_addc(&b, *p);
		}
	}
	return b.s;
}
#endif

static regex_t *
compile_regex(const char *pattern, int icase)
{
	regex_t *re = xrealloc(NULL, sizeof(*re));
	char msg[REGEX_ERROR_MAX];
	char *translated = NULL;
	int err;

#ifndef __GLIBC__
	pattern = translated = gnu_escapes(pattern);
#endif
	err = regcomp(re, pattern, (opt_extended ? REG_EXTENDED : 0) | (icase ? REG_ICASE : 0));
	free(translated);
	if (err != 0) {
		regerror(err, re, msg, sizeof(msg));
		bad_script(msg);
	}
	return re;
}

/*
 * The text up to an unescaped delim, which is consumed.  "\delim" is the
 * delimiter itself; "\n" and "\t" are a newline and a tab when
 * control_escapes (in a regex or a y string); other escapes stay for
 * regcomp or the replacement.  Only an escaped newline may be part of it.
 */
static char *
delimited(int delim, int control_escapes, const char *what)
{
	struct buf b = { NULL, 0, 0 };

	buf_add(&b, "", 0);
	for (;;) {
		int c = peek();

		if (c == '\0' || c == '\n')
			bad_script(what);
		spos++;
		if (c == delim)
			return b.s;
		if (c != '\\' || peek() == '\0') {
			buf_addc(&b, c);
			continue;
		}
		c = (unsigned char)script[spos++];
		if (c == delim) {
			buf_addc(&b, c);
		} else if (control_escapes && (c == 'n' || c == 't')) {
			buf_addc(&b, c == 'n' ? '\n' : '\t');
		} else {
			buf_addc(&b, '\\');
			buf_addc(&b, c);
		}
	}
}

static void
parse_regex_addr(struct addr *a, int delim)
{
	char *pattern = delimited(delim, 1, "unterminated address regex");
	int icase = 0;

	if (peek() == 'I') {
		icase = 1;
		spos++;
	}
	a->type = ADDR_REGEX;
	a->re = pattern[0] == '\0' ? NULL : compile_regex(pattern, icase);
	free(pattern);
}

static long
parse_number(void)
{
	char *end;
	long n = strtol(script + spos, &end, 10);

	spos = end - script;
	return n;
}

static int
parse_addr(struct addr *a, int second)
{
	int c = peek();

	a->type = ADDR_NONE;
	if (c >= '0' && c <= '9') {
		a->type = ADDR_LINE;
		a->line = parse_number();
		if (peek() == '~' && !second) {
			spos++;
			a->type = ADDR_STEP;
			a->step = parse_number();
		}
	} else if (c == '+' && second && script[spos + 1] >= '0' && script[spos + 1] <= '9') {
		spos++;
		a->type = ADDR_PLUS;
		a->line = parse_number();
	} else if (c == '$') {
		a->type = ADDR_LAST;
		spos++;
	} else if (c == '/') {
		spos++;
		parse_regex_addr(a, '/');
	} else if (c == '\\' && script[spos + 1] != '\0' && script[spos + 1] != '\n') {
		spos++;
		parse_regex_addr(a, (unsigned char)script[spos++]);
	}
	return a->type != ADDR_NONE;
}

/* The rest of the line, for labels and file names. */
static char *
rest_of_line(int stop_at_semicolon)
{
	size_t start, end;
	char *s;

	skip_spaces();
	start = spos;
	while (script[spos] != '\0' && script[spos] != '\n' &&
	    !(stop_at_semicolon && (script[spos] == ';' || script[spos] == '}')))
		spos++;
	end = spos;
	while (end > start && (script[end - 1] == ' ' || script[end - 1] == '\t'))
		end--;
	s = xrealloc(NULL, end - start + 1);
	memcpy(s, script + start, end - start);
	s[end - start] = '\0';
	return s;
}

/*
 * Text of a, i, c: after "a\" and a newline, or on the same line (GNU).
 * Lines ending in a backslash continue; a backslash before any other
 * character is dropped.  The stored text ends with a newline.
 */
static char *
parse_text(void)
{
	struct buf b = { NULL, 0, 0 };

	skip_spaces();
	if (peek() == '\\') {
		spos++;
		if (peek() == '\n')
			spos++;
	}
	buf_add(&b, "", 0);
	while (peek() != '\0' && peek() != '\n') {
		int c = (unsigned char)script[spos++];

		if (c == '\\' && peek() != '\0')
			c = (unsigned char)script[spos++];
		buf_addc(&b, c);
	}
	buf_add(&b, "\n", 1);
	return b.s;
}

static struct output *
open_output(const char *name)
{
	struct output *out;

	if (strcmp(name, "/dev/stdout") == 0)
		return &main_output;
	for (int i = 0; i < noutputs; i++)
		if (strcmp(outputs[i]->name, name) == 0)
			return outputs[i];
	if (noutputs == (int)(sizeof(outputs) / sizeof(outputs[0])))
		die(name, "too many output files", STATUS_USAGE);
	out = xrealloc(NULL, sizeof(*out));
	out->name = name;
	out->missing_newline = 0;
	out->fp = fopen(name, "w");
	if (out->fp == NULL)
		die(name, strerror(errno), STATUS_OUTPUT);
	outputs[noutputs++] = out;
	return out;
}

/* The highest \N in a replacement, which regcomp's groups must cover. */
static int
max_reference(const char *repl)
{
	int max = 0;

	for (; *repl != '\0'; repl++) {
		if (*repl != '\\' || repl[1] == '\0')
			continue;
		repl++;
		if (*repl >= '1' && *repl <= '9' && *repl - '0' > max)
			max = *repl - '0';
	}
	return max;
}

static void
parse_s_flags(struct cmd *c, int *icase)
{
	for (;;) {
		int f = peek();

		if (f == 'g') {
			c->global = 1;
		} else if (f == 'p') {
			c->print = 1;
		} else if (f == 'I' || f == 'i') {
			*icase = 1;
		} else if (f >= '1' && f <= '9') {
			char *end;
			c->occurrence = (int)strtol(script + spos, &end, 10);
			spos = end - script - 1;
		} else if (f == 'w') {
			spos++;
			c->out = open_output(rest_of_line(0));
			return;
		} else {
			return;
		}
		spos++;
	}
}

static void
parse_s(struct cmd *c)
{
	int delim = peek(), icase = 0;
	char *pattern;

	if (delim == '\0' || delim == '\n' || delim == '\\')
		bad_script("unterminated `s' command");
	spos++;
	pattern = delimited(delim, 1, "unterminated `s' command");
	c->repl = delimited(delim, 0, "unterminated `s' command");
	c->occurrence = 1;
	parse_s_flags(c, &icase);
	c->re = pattern[0] == '\0' ? NULL : compile_regex(pattern, icase);
	free(pattern);
	if (c->re != NULL && (size_t)max_reference(c->repl) > c->re->re_nsub)
		bad_script("invalid reference on `s' command's RHS");
}

/* y strings: "\\" is a backslash, "\n" a newline, "\delim" the delimiter. */
static void
parse_y(struct cmd *c)
{
	int delim = peek();
	char *src, *dst;
	size_t n;

	if (delim == '\0' || delim == '\n' || delim == '\\')
		bad_script("unterminated `y' command");
	spos++;
	src = delimited(delim, 1, "unterminated `y' command");
	dst = delimited(delim, 1, "unterminated `y' command");
	for (char **s = (char *[]){ src, dst, NULL }; *s != NULL; s++) {
		char *r = *s, *w = *s;
		for (; *r != '\0'; r++)
			*w++ = (r[0] == '\\' && r[1] == '\\') ? *++r : *r;
		*w = '\0';
	}
	n = strlen(src);
	if (n != strlen(dst))
		bad_script("strings for `y' command are different lengths");
	c->map = xrealloc(NULL, NBYTES);
	for (int i = 0; i < NBYTES; i++)
		c->map[i] = (unsigned char)i;
	for (size_t i = 0; i < n; i++)
		c->map[(unsigned char)src[i]] = (unsigned char)dst[i];
	free(src);
	free(dst);
}

static int
parse_exit_code(void)
{
	char *end;
	long code;

	skip_spaces();
	code = strtol(script + spos, &end, 10);
	spos = end - script;
	return (int)code;
}

/* The arguments of command c->name, which has just been read. */
static void
parse_arguments(struct cmd *c)
{
	switch (c->name) {
	case 's': parse_s(c); break;
	case 'y': parse_y(c); break;
	case 'a': case 'i': case 'c': c->text = parse_text(); break;
	case 'b': case 't': case 'T': c->text = rest_of_line(1); break;
	case ':':
		c->text = rest_of_line(1);
		if (c->text[0] == '\0')
			bad_script("\":\" lacks a label");
		break;
	case 'r': c->text = rest_of_line(0); break;
	case 'w': c->out = open_output(rest_of_line(0)); break;
	case 'q': case 'Q': c->exit_code = parse_exit_code(); break;
	case '{': case 'l': case '}': case '=': case 'd': case 'D': case 'g': case 'G':
	case 'h': case 'H': case 'n': case 'N': case 'p': case 'P': case 'x':
	case 'z':
		break;
	default:
		bad_script("unknown command");
	}
}

static struct cmd *
new_cmd(void)
{
	if (ncmds == cmds_cap) {
		cmds_cap = cmds_cap ? 2 * cmds_cap : 32;
		cmds = xrealloc(cmds, cmds_cap * sizeof(*cmds));
	}
	memset(&cmds[ncmds], 0, sizeof(cmds[0]));
	return &cmds[ncmds++];
}

/* After a command: blanks, then the end, a newline, ';', '}' or '#'. */
static void
end_of_command(void)
{
	skip_spaces();
	if (peek() == ';' || peek() == '\n')
		spos++;
	else if (peek() != '\0' && peek() != '}' && peek() != '#')
		bad_script("extra characters after command");
}

static void
parse_command(long *blocks, int *nblocks, long blocks_max)
{
	struct cmd *c = new_cmd();

	if (parse_addr(&c->a1, 0) && peek() == ',') {
		spos++;
		if (!parse_addr(&c->a2, 1))
			bad_script("unexpected `,'");
	}
	skip_spaces();
	while (peek() == '!') {
		c->negate = 1;
		spos++;
		skip_spaces();
	}
	if (peek() == '\0' || peek() == '\n' || peek() == ';')
		bad_script("missing command");
	c->name = (char)script[spos++];
	if (c->name == '}' && (c->a1.type != ADDR_NONE || c->negate))
		bad_script("} doesn't want any addresses");
	if (c->name == ':' && c->a1.type != ADDR_NONE)
		bad_script(": doesn't want any addresses");
	parse_arguments(c);
	if (c->name == '{') {
		if (*nblocks == blocks_max)
			bad_script("blocks nested too deeply");
		blocks[(*nblocks)++] = ncmds - 1;
		return;
	}
	if (c->name == '}') {
		if (*nblocks == 0)
			bad_script("unexpected `}'");
		cmds[blocks[--(*nblocks)]].jump = ncmds - 1;
	}
	end_of_command();
}


static void
resolve_labels(void)
{
	for (long i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];

		if (c->name != 'b' && c->name != 't' && c->name != 'T')
			continue;
		c->jump = ncmds;
		if (c->text[0] == '\0')
			continue;
		for (long j = 0; j < ncmds && c->jump == ncmds; j++)
			if (cmds[j].name == ':' && strcmp(cmds[j].text, c->text) == 0)
				c->jump = j;
		if (c->jump == ncmds) {
			fprintf(stderr, "sed: can't find label for jump to `%s'\n", c->text);
			exit(STATUS_USAGE);
		}
	}
}

static void
compile_script(const char *text)
{
	long blocks[BLOCKS_MAX];
	int nblocks = 0;

	script = text;
	spos = 0;
	for (;;) {
		while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == ';')
			spos++;
		if (peek() == '#') {
			while (peek() != '\0' && peek() != '\n')
				spos++;
			continue;
		}
		if (peek() == '\0')
			break;
		parse_command(blocks, &nblocks, BLOCKS_MAX);
	}
	if (nblocks > 0)
		bad_script("unmatched `{'");
	resolve_labels();
}

/* ---- input ---- */

static FILE *
open_next_file(struct input *in)
{
	while (in->next_file < in->nfiles) {
		const char *name = in->files[in->next_file++];
		FILE *fp = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");

		if (fp != NULL)
			return fp;
		fprintf(stderr, "sed: can't read %s: %s\n", name, strerror(errno));
		exit_status = STATUS_INPUT;
	}
	return NULL;
}

/* Read the next line into in->ahead, opening files as they run out. */
static void
fill_ahead(struct input *in)
{
	static char *line;
	static size_t cap;
	ssize_t len;

	while (!in->have_ahead) {
		if (in->fp == NULL && (in->fp = open_next_file(in)) == NULL)
			return;
		len = getline(&line, &cap, in->fp);
		if (len < 0) {
			if (ferror(in->fp)) {
				fprintf(stderr, "sed: read error: %s\n", strerror(errno));
				exit_status = STATUS_INPUT;
			}
			if (in->fp != stdin)
				fclose(in->fp);
			in->fp = NULL;
			continue;
		}
		in->ahead_newline = len > 0 && line[len - 1] == '\n';
		buf_set(&in->ahead, line, len - in->ahead_newline);
		in->have_ahead = 1;
	}
}

static int
next_line(struct input *in, struct buf *into, int append)
{
	fill_ahead(in);
	if (!in->have_ahead)
		return 0;
	if (append) {
		buf_add(into, "\n", 1);
		buf_add(into, in->ahead.s, in->ahead.len);
	} else {
		buf_set(into, in->ahead.s, in->ahead.len);
	}
	line_newline = in->ahead_newline;
	in->have_ahead = 0;
	line_number++;
	return 1;
}

static int
is_last_line(struct input *in)
{
	fill_ahead(in);
	return !in->have_ahead;
}

/* ---- output ---- */

static void
write_line(struct output *out, const char *s, size_t len, int newline)
{
	FILE *fp = out->fp;

	if (out->missing_newline)
		putc('\n', fp);
	fwrite(s, 1, len, fp);
	if (newline)
		putc('\n', fp);
	out->missing_newline = !newline;
	if (ferror(fp))
		die(out->name, strerror(errno), STATUS_OUTPUT);
}

static void
queue_append(char *text, int is_file)
{
	if (nappends == appends_cap) {
		appends_cap = appends_cap ? 2 * appends_cap : 8;
		appends = xrealloc(appends, appends_cap * sizeof(*appends));
	}
	appends[nappends++] = (struct appended){ text, is_file };
}

static void
copy_file(const char *name, FILE *to)
{
	FILE *fp = fopen(name, "r");
	int c;

	if (fp == NULL)
		return;		/* r of a missing file is silently nothing */
	while ((c = getc(fp)) != EOF)
		putc(c, to);
	fclose(fp);
}

static void
flush_appends(void)
{
	for (size_t i = 0; i < nappends; i++) {
		if (main_output.missing_newline) {
			putc('\n', main_output.fp);
			main_output.missing_newline = 0;
		}
		if (appends[i].is_file)
			copy_file(appends[i].text, main_output.fp);
		else
			fputs(appends[i].text, main_output.fp);
	}
	nappends = 0;
}

/* ---- running the script ---- */

static int
regex_search(regex_t *re, const char *s, size_t start, size_t len, regmatch_t *m, int notbol)
{
	if (re == NULL)
		re = last_regex;
	if (re == NULL) {
		fprintf(stderr, "sed: no previous regular expression\n");
		exit(STATUS_USAGE);
	}
	last_regex = re;
	m[0].rm_so = start;
	m[0].rm_eo = len;
	return regexec(re, s, GROUPS_MAX, m, REG_STARTEND | (notbol ? REG_NOTBOL : 0)) == 0;
}

static int
match_addr(const struct addr *a, struct input *in)
{
	regmatch_t m[GROUPS_MAX];

	switch (a->type) {
	case ADDR_LINE: return line_number == a->line;
	case ADDR_STEP:
		if (a->step <= 0)
			return line_number == a->line;
		return line_number >= a->line && (line_number - a->line) % a->step == 0;
	case ADDR_LAST: return is_last_line(in);
	case ADDR_REGEX: return regex_search(a->re, pattern.s, 0, pattern.len, m, 0);
	default: return 1;
	}
}

/* Whether c's address selects this line; keeps the state of ranges. */
static int
selected(struct cmd *c, struct input *in)
{
	int match;

	if (c->a2.type == ADDR_NONE) {
		match = match_addr(&c->a1, in);
	} else if (!c->in_range) {
		match = match_addr(&c->a1, in);
		c->range_end = c->a2.type == ADDR_PLUS ? line_number + c->a2.line : c->a2.line;
		if (match)
			c->in_range = !(c->a2.type == ADDR_LINE && c->a2.line <= line_number) &&
			    !(c->a2.type == ADDR_PLUS && c->a2.line == 0) &&
			    !(c->a2.type == ADDR_LAST && is_last_line(in));
	} else {
		match = 1;
		if (c->a2.type == ADDR_LINE || c->a2.type == ADDR_PLUS ?
		    line_number >= c->range_end : match_addr(&c->a2, in))
			c->in_range = 0;
	}
	return match != c->negate;
}

static void
add_replacement(struct buf *out, const char *repl, const char *s, const regmatch_t *m)
{
	for (; *repl != '\0'; repl++) {
		int c = (unsigned char)*repl, group = -1;

		if (c == '&') {
			group = 0;
		} else if (c == '\\' && repl[1] != '\0') {
			c = (unsigned char)*++repl;
			if (c >= '0' && c <= '9')
				group = c - '0';
			else if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = '\t';
		}
		if (group < 0)
			buf_addc(out, c);
		else if (m[group].rm_so >= 0)
			buf_add(out, s + m[group].rm_so, m[group].rm_eo - m[group].rm_so);
	}
}

static int
substitute(struct cmd *c)
{
	static struct buf out;
	regmatch_t m[GROUPS_MAX];
	size_t pos = 0;
	long last_end = -1;
	int count = 0, done = 0;

	out.len = 0;
	buf_add(&out, "", 0);
	while (pos <= pattern.len && regex_search(c->re, pattern.s, pos, pattern.len, m, pos > 0)) {
		size_t so = m[0].rm_so, eo = m[0].rm_eo;
		int empty_after_match = so == eo && (long)so == last_end;

		if (!empty_after_match && ++count >= c->occurrence) {
			buf_add(&out, pattern.s + pos, so - pos);
			add_replacement(&out, c->repl, pattern.s, m);
			done = 1;
		} else {
			buf_add(&out, pattern.s + pos, eo - pos);
		}
		pos = eo;
		last_end = eo;
		if (so == eo) {		/* step over one byte after an empty match */
			if (pos < pattern.len)
				buf_add(&out, pattern.s + pos, 1);
			pos++;
		}
		if (done && !c->global)
			break;
	}
	if (!done)
		return 0;
	if (pos < pattern.len)
		buf_add(&out, pattern.s + pos, pattern.len - pos);
	buf_set(&pattern, out.s, out.len);
	return 1;
}

static void
exchange(struct buf *a, struct buf *b)
{
	struct buf t = *a;
	*a = *b;
	*b = t;
}

enum flow { FLOW_NEXT, FLOW_END_CYCLE, FLOW_DELETE, FLOW_RESTART, FLOW_QUIT, FLOW_QUIT_SILENT };

static void
print_pattern_first_line(struct output *out)
{
	char *nl = memchr(pattern.s, '\n', pattern.len);

	write_line(out, pattern.s, nl != NULL ? (size_t)(nl - pattern.s) : pattern.len,
	    nl != NULL || line_newline);
}

/* l: the pattern space with escapes, wrapped, '$' at the end. */
static void
list_pattern(FILE *fp)
{
	static const char controls[] = "\\\\\aa\bb\ff\nn\rr\tt\vv";
	size_t width = 0;

	for (size_t i = 0; i < pattern.len; i++) {
		unsigned char c = (unsigned char)pattern.s[i];
		const char *e = memchr(controls, c, sizeof(controls) - 1);
		char repr[sizeof("\\ooo")];

		if (e != NULL && (e - controls) % 2 == 0)
			snprintf(repr, sizeof(repr), "\\%c", e[1]);
		else if (c < ' ' || c >= DEL)
			snprintf(repr, sizeof(repr), "\\%03o", c);
		else
			snprintf(repr, sizeof(repr), "%c", c);
		if (width + strlen(repr) > LIST_WIDTH - 1) {
			fputs("\\\n", fp);
			width = 0;
		}
		fputs(repr, fp);
		width += strlen(repr);
	}
	fputs("$\n", fp);
}

/* Commands that read input or end the cycle. */
static enum flow
run_flow_cmd(struct cmd *c, struct input *in, int *exit_code)
{
	char *nl;

	switch (c->name) {
	case 'd':
		return FLOW_DELETE;
	case 'D':
		if ((nl = memchr(pattern.s, '\n', pattern.len)) == NULL)
			return FLOW_DELETE;
		pattern.len -= nl + 1 - pattern.s;
		memmove(pattern.s, nl + 1, pattern.len + 1);
		return FLOW_RESTART;
	case 'n':
		if (is_last_line(in))
			return FLOW_QUIT;
		if (!opt_quiet)
			write_line(&main_output, pattern.s, pattern.len, line_newline);
		flush_appends();
		next_line(in, &pattern, 0);
		replaced = 0;
		return FLOW_NEXT;
	case 'N':
		if (is_last_line(in))
			return FLOW_QUIT;
		flush_appends();
		next_line(in, &pattern, 1);
		return FLOW_NEXT;
	case 'q':
		*exit_code = c->exit_code;
		return FLOW_QUIT;
	case 'Q':
		*exit_code = c->exit_code;
		return FLOW_QUIT_SILENT;
	case 'c':
		if (c->a2.type == ADDR_NONE || c->negate || !c->in_range)
			fputs(c->text, main_output.fp);
		return FLOW_DELETE;
	}
	return FLOW_NEXT;
}

/* Commands that work on the buffers; returns the next command's index. */
static long
run_simple_cmd(struct cmd *c, long pc)
{
	switch (c->name) {
	case 's':
		if (substitute(c)) {
			replaced = 1;
			if (c->print)
				write_line(&main_output, pattern.s, pattern.len, line_newline);
			if (c->out != NULL)
				write_line(c->out, pattern.s, pattern.len, 1);
		}
		break;
	case 'y':
		for (size_t i = 0; i < pattern.len; i++)
			pattern.s[i] = (char)c->map[(unsigned char)pattern.s[i]];
		break;
	case 'p': write_line(&main_output, pattern.s, pattern.len, line_newline); break;
	case 'P': print_pattern_first_line(&main_output); break;
	case 'l': list_pattern(main_output.fp); break;
	case 'w': write_line(c->out, pattern.s, pattern.len, 1); break;
	case '=': fprintf(main_output.fp, "%ld\n", line_number); break;
	case 'a': queue_append(c->text, 0); break;
	case 'r': queue_append(c->text, 1); break;
	case 'i': fputs(c->text, main_output.fp); break;
	case 'h': buf_set(&hold, pattern.s, pattern.len); break;
	case 'H': buf_add(&hold, "\n", 1); buf_add(&hold, pattern.s, pattern.len); break;
	case 'g': buf_set(&pattern, hold.s, hold.len); break;
	case 'G': buf_add(&pattern, "\n", 1); buf_add(&pattern, hold.s, hold.len); break;
	case 'x': exchange(&pattern, &hold); break;
	case 'z': buf_set(&pattern, "", 0); break;
	case 'b': return c->jump;
	case 't':
	case 'T':
		if (replaced == (c->name == 't')) {
			replaced = 0;
			return c->jump;
		}
		replaced = 0;
		break;
	}
	return pc + 1;
}

static int
is_flow_cmd(char name)
{
	return strchr("dDnNqQc", name) != NULL;
}

/* One cycle over the pattern space; returns how the cycle ended. */
static enum flow
run_cycle(struct input *in, int *exit_code)
{
	long pc = 0;

	while (pc < ncmds) {
		struct cmd *c = &cmds[pc];
		enum flow flow;

		if (c->name == '}' || c->name == ':') {
			pc++;
			continue;
		}
		if (!selected(c, in)) {
			pc = c->name == '{' ? c->jump + 1 : pc + 1;
			continue;
		}
		if (c->name == '{') {
			pc++;
			continue;
		}
		if (!is_flow_cmd(c->name)) {
			pc = run_simple_cmd(c, pc);
			continue;
		}
		flow = run_flow_cmd(c, in, exit_code);
		if (flow != FLOW_NEXT)
			return flow;
		pc++;
	}
	return FLOW_END_CYCLE;
}

/* Run the script over one stream; returns 1 if a q ended everything. */
static int
run_stream(struct input *in, int *exit_code)
{
	enum flow flow = FLOW_END_CYCLE;

	line_number = 0;
	for (int i = 0; i < ncmds; i++)
		cmds[i].in_range = 0;
	for (;;) {
		if (flow != FLOW_RESTART) {
			if (!next_line(in, &pattern, 0))
				return 0;
			replaced = 0;
		}
		flow = run_cycle(in, exit_code);
		if (flow == FLOW_QUIT_SILENT)
			return 1;
		if (flow != FLOW_DELETE && !opt_quiet && flow != FLOW_RESTART)
			write_line(&main_output, pattern.s, pattern.len, line_newline);
		flush_appends();
		if (flow == FLOW_QUIT)
			return 1;
	}
}

/* ---- main ---- */

static void
add_script(struct buf *b, const char *text, size_t len)
{
	if (b->len > 0)
		buf_add(b, "\n", 1);
	buf_add(b, text, len);
}

static void
add_script_file(struct buf *b, const char *name)
{
	FILE *fp = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
	struct buf text = { NULL, 0, 0 };
	char chunk[BUFSIZ];
	size_t n;

	if (fp == NULL)
		die(name, strerror(errno), STATUS_USAGE);
	buf_add(&text, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_add(&text, chunk, n);
	if (ferror(fp))
		die(name, strerror(errno), STATUS_USAGE);
	if (fp != stdin)
		fclose(fp);
	if (text.len > 0 && text.s[text.len - 1] == '\n')
		text.len--;
	add_script(b, text.s, text.len);
	free(text.s);
}

/* A temporary file next to path, for -i. */
static FILE *
open_temp(const char *path, char **temp_name)
{
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash != NULL ? (size_t)(slash - path) : 1;
	char *name = xrealloc(NULL, dir_len + sizeof(TEMP_SUFFIX));
	FILE *fp;
	int fd;

	memcpy(name, slash != NULL ? path : ".", dir_len);
	strcpy(name + dir_len, TEMP_SUFFIX);
	fd = mkstemp(name);
	if (fd < 0 || (fp = fdopen(fd, "w")) == NULL)
		die(name, strerror(errno), STATUS_OUTPUT);
	*temp_name = name;
	return fp;
}

/* Edit one file in place; returns 1 if a q ended everything. */
static int
edit_in_place(const char *path, int *exit_code)
{
	struct input in = { NULL, 0, 0, NULL, { NULL, 0, 0 }, 0, 0 };
	struct stat st;
	char *temp;
	int quit;

	in.fp = fopen(path, "r");
	if (in.fp == NULL) {
		fprintf(stderr, "sed: can't read %s: %s\n", path, strerror(errno));
		exit_status = STATUS_INPUT;
		return 0;
	}
	if (fstat(fileno(in.fp), &st) < 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "sed: couldn't edit %s: not a regular file\n", path);
		fclose(in.fp);
		exit_status = STATUS_OUTPUT;
		return 0;
	}
	main_output.fp = open_temp(path, &temp);
	main_output.name = temp;
	main_output.missing_newline = 0;
	quit = run_stream(&in, exit_code);
	if (in.fp != NULL)
		fclose(in.fp);
	if (fchmod(fileno(main_output.fp), st.st_mode & ~S_IFMT) < 0 ||
	    fclose(main_output.fp) != 0 || rename(temp, path) < 0) {
		fprintf(stderr, "sed: %s: %s\n", path, strerror(errno));
		unlink(temp);
		exit(STATUS_OUTPUT);
	}
	free(temp);
	free(in.ahead.s);
	return quit;
}

static int
run_files(char **files, int nfiles)
{
	static char *standard_input[] = { "-" };
	int exit_code = 0;

	if (nfiles == 0) {
		files = standard_input;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		struct input in = { files, nfiles, 0, NULL, { NULL, 0, 0 }, 0, 0 };
		int quit;

		if (opt_in_place) {
			quit = edit_in_place(files[i], &exit_code);
		} else if (opt_separate) {
			in.files = files + i;
			in.nfiles = 1;
			quit = run_stream(&in, &exit_code);
		} else {
			run_stream(&in, &exit_code);
			break;
		}
		free(in.ahead.s);
		if (quit)
			break;
	}
	return exit_code;
}

int
main(int argc, char *argv[])
{
	struct buf text = { NULL, 0, 0 };
	int have_script = 0, exit_code, c;

	buf_add(&text, "", 0);
	buf_add(&pattern, "", 0);
	buf_add(&hold, "", 0);
	while ((c = getopt(argc, argv, "nEre:f:is")) != -1) {
		switch (c) {
		case 'n': opt_quiet = 1; break;
		case 'E': case 'r': opt_extended = 1; break;
		case 'e': add_script(&text, optarg, strlen(optarg)); have_script = 1; break;
		case 'f': add_script_file(&text, optarg); have_script = 1; break;
		case 'i': opt_in_place = 1; break;
		case 's': opt_separate = 1; break;
		default: usage();
		}
	}
	if (!have_script) {
		if (optind == argc)
			usage();
		add_script(&text, argv[optind], strlen(argv[optind]));
		optind++;
	}
	main_output.fp = stdout;
	compile_script(text.s);
	if (opt_in_place && optind == argc)
		die("-i", "no input files", STATUS_USAGE);
	exit_code = run_files(argv + optind, argc - optind);
	for (int i = 0; i < noutputs; i++)
		if (fclose(outputs[i]->fp) != 0)
			die(outputs[i]->name, strerror(errno), STATUS_OUTPUT);
	if (fflush(stdout) != 0)
		die("standard output", strerror(errno), STATUS_OUTPUT);
	return exit_code != 0 ? exit_code : exit_status;
}
