/*
 * sort: sort lines of text.
 *   sort [-bcfnrsu] [-k pos1[,pos2]] ... [-t sep] [-o file] [file ...]
 * Lines compare as bytes (the C locale).  -k selects keys: F[.C][bfnr],
 * fields and characters counted from 1, an end character of 0 (or none)
 * meaning the end of the field.  Without -t a field is a run of non-blanks
 * with the blanks before it; with -t fields are split at each separator.
 * A key with its own letters ignores the global -bfnr.  Lines whose keys
 * are all equal are compared whole as a last resort (honouring -r) unless
 * -s or -u; -u prints the first of each run of equal keys.  The sort is a
 * merge sort, so it is stable.  All input is read before -o opens its
 * file, so "sort -o f f" works.  -c only checks that the input is sorted
 * (strictly, with -u) and reports the first line out of order.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEYS_MAX 32
#define NUMBER_MAX 128		/* digits of one numeric key converted */
#define STATUS_TROUBLE 2

enum key_flag {
	KEY_BLANK_START = 1 << 0,	/* b on the start position */
	KEY_BLANK_END = 1 << 1,		/* b on the end position */
	KEY_FOLD = 1 << 2,
	KEY_NUMERIC = 1 << 3,
	KEY_REVERSE = 1 << 4,
};

struct key {
	size_t start_field, start_char;	/* 1-based */
	size_t end_field, end_char;	/* end_field 0: to the end of line */
	int flags;
};

struct line {
	const char *text;
	size_t len;
};

static struct key keys[KEYS_MAX];
static int nkeys;
static int global_flags, opt_unique, opt_stable, opt_check;
static int separator = -1;	/* -t; -1 for blank-separated fields */

static void
usage(void)
{
	fprintf(stderr, "usage: sort [-bcfnrsu] [-k pos1[,pos2]] ... [-t sep] [-o file] [file ...]\n");
	exit(STATUS_TROUBLE);
}

static void
die_errno(const char *what)
{
	fprintf(stderr, "sort: %s: %s\n", what, strerror(errno));
	exit(STATUS_TROUBLE);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (p == NULL)
		die_errno("memory");
	return p;
}

/* Key letters after a position; start says which b flag they mean. */
static int
parse_key_flags(const char **s, int start)
{
	int flags = 0;

	for (;; (*s)++) {
		switch (**s) {
		case 'b': flags |= start ? KEY_BLANK_START : KEY_BLANK_END; break;
		case 'f': flags |= KEY_FOLD; break;
		case 'n': flags |= KEY_NUMERIC; break;
		case 'r': flags |= KEY_REVERSE; break;
		default: return flags;
		}
	}
}

static size_t
parse_count(const char **s, const char *spec)
{
	char *end;
	unsigned long n = strtoul(*s, &end, 10);

	if (end == *s || **s == '-' || **s == '+') {
		fprintf(stderr, "sort: %s: invalid key position\n", spec);
		exit(STATUS_TROUBLE);
	}
	*s = end;
	return n;
}

static void
parse_key(const char *spec)
{
	struct key *k = &keys[nkeys];
	const char *s = spec;

	if (nkeys == KEYS_MAX) {
		fprintf(stderr, "sort: too many keys\n");
		exit(STATUS_TROUBLE);
	}
	k->start_field = parse_count(&s, spec);
	k->start_char = 1;
	if (*s == '.')
		s++, k->start_char = parse_count(&s, spec);
	k->flags = parse_key_flags(&s, 1);
	k->end_field = k->end_char = 0;
	if (*s == ',') {
		s++;
		k->end_field = parse_count(&s, spec);
		if (*s == '.')
			s++, k->end_char = parse_count(&s, spec);
		k->flags |= parse_key_flags(&s, 0);
		if (k->end_field == 0)
			goto bad;
	}
	if (*s != '\0' || k->start_field == 0 || k->start_char == 0)
		goto bad;
	nkeys++;
	return;
bad:
	fprintf(stderr, "sort: %s: invalid key\n", spec);
	exit(STATUS_TROUBLE);
}

static const char *
skip_blanks(const char *p, const char *end)
{
	while (p < end && isblank((unsigned char)*p))
		p++;
	return p;
}

/* The end of the field that starts at p. */
static const char *
field_end(const char *p, const char *end)
{
	if (separator >= 0) {
		const char *sep = memchr(p, separator, end - p);
		return sep != NULL ? sep : end;
	}
	p = skip_blanks(p, end);
	while (p < end && !isblank((unsigned char)*p))
		p++;
	return p;
}

/* The start of field number (1-based) in [p, end). */
static const char *
field_start(const char *p, const char *end, size_t field)
{
	while (--field > 0 && p < end) {
		p = field_end(p, end);
		if (separator >= 0 && p < end)
			p++;
	}
	return p;
}

static const char *
advance(const char *p, const char *end, size_t n)
{
	return (size_t)(end - p) < n ? end : p + n;
}

static void
key_span(const struct key *k, const struct line *l, const char **ks, const char **ke)
{
	const char *end = l->text + l->len, *p;

	p = field_start(l->text, end, k->start_field);
	if (k->flags & KEY_BLANK_START)
		p = skip_blanks(p, end);
	*ks = advance(p, end, k->start_char - 1);
	if (k->end_field == 0) {
		*ke = end;
	} else {
		p = field_start(l->text, end, k->end_field);
		if (k->end_char == 0) {
			p = field_end(p, end);
		} else {
			if (k->flags & KEY_BLANK_END)
				p = skip_blanks(p, end);
			p = advance(p, end, k->end_char);
		}
		*ke = p;
	}
	if (*ke < *ks)
		*ke = *ks;
}

/* A numeric key's value: blanks, an optional '-', digits, a '.' and digits. */
static double
key_number(const char *p, const char *end)
{
	char buf[NUMBER_MAX];
	size_t n = 0;
	int seen_point = 0;

	p = skip_blanks(p, end);
	if (p < end && *p == '-')
		buf[n++] = *p++;
	for (; p < end && n < sizeof(buf) - 1; p++) {
		if (*p == '.' && !seen_point)
			seen_point = 1;
		else if (!isdigit((unsigned char)*p))
			break;
		buf[n++] = *p;
	}
	buf[n] = '\0';
	return strtod(buf, NULL);
}

static int
compare_text(const char *a, size_t alen, const char *b, size_t blen, int fold)
{
	size_t n = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++) {
		int ca = (unsigned char)a[i], cb = (unsigned char)b[i];

		if (fold) {
			ca = toupper(ca);
			cb = toupper(cb);
		}
		if (ca != cb)
			return ca - cb;
	}
	return alen < blen ? -1 : alen > blen;
}

static int
compare_key(const struct key *k, const struct line *a, const struct line *b)
{
	const char *as, *ae, *bs, *be;
	int r;

	key_span(k, a, &as, &ae);
	key_span(k, b, &bs, &be);
	if (k->flags & KEY_NUMERIC) {
		double x = key_number(as, ae), y = key_number(bs, be);
		r = x < y ? -1 : x > y;
	} else {
		r = compare_text(as, ae - as, bs, be - bs, k->flags & KEY_FOLD);
	}
	return k->flags & KEY_REVERSE ? -r : r;
}

/* Keys first; then, unless -s or -u, the whole lines. */
static int
compare_lines(const struct line *a, const struct line *b, int last_resort)
{
	int r;

	for (int i = 0; i < nkeys; i++)
		if ((r = compare_key(&keys[i], a, b)) != 0)
			return r;
	if (!last_resort || opt_stable || opt_unique)
		return 0;
	r = compare_text(a->text, a->len, b->text, b->len, 0);
	return global_flags & KEY_REVERSE ? -r : r;
}

static void
merge_sort(struct line *lines, struct line *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	merge_sort(lines, tmp, mid);
	merge_sort(lines + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = compare_lines(&lines[j], &lines[i], 1) < 0 ? lines[j++] : lines[i++];
	while (i < mid)
		tmp[k++] = lines[i++];
	while (j < n)
		tmp[k++] = lines[j++];
	memcpy(lines, tmp, n * sizeof(*lines));
}

struct input {
	struct line *lines;
	size_t n, cap;
};

static int
read_lines(struct input *in, FILE *fp, const char *name)
{
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&text, &cap, fp)) >= 0) {
		if (len > 0 && text[len - 1] == '\n')
			len--;
		if (in->n == in->cap) {
			in->cap = in->cap ? 2 * in->cap : 64;
			in->lines = xrealloc(in->lines, in->cap * sizeof(*in->lines));
		}
		in->lines[in->n++] = (struct line){ text, len };
		text = NULL;
		cap = 0;
	}
	free(text);
	if (ferror(fp)) {
		fprintf(stderr, "sort: %s: %s\n", name, strerror(errno));
		return -1;
	}
	return 0;
}

static int
read_inputs(struct input *in, int nfiles, char **files)
{
	if (nfiles == 0)
		return read_lines(in, stdin, "standard input");
	for (int i = 0; i < nfiles; i++) {
		int is_stdin = strcmp(files[i], "-") == 0;
		FILE *fp = is_stdin ? stdin : fopen(files[i], "r");
		int r;

		if (fp == NULL) {
			fprintf(stderr, "sort: %s: %s\n", files[i], strerror(errno));
			return -1;
		}
		r = read_lines(in, fp, files[i]);
		if (!is_stdin)
			fclose(fp);
		if (r < 0)
			return -1;
	}
	return 0;
}

static void
write_lines(const struct input *in, const char *output)
{
	FILE *out = stdout;

	if (output != NULL && (out = fopen(output, "w")) == NULL)
		die_errno(output);
	for (size_t i = 0; i < in->n; i++) {
		if (opt_unique && i > 0 && compare_lines(&in->lines[i - 1], &in->lines[i], 0) == 0)
			continue;
		fwrite(in->lines[i].text, 1, in->lines[i].len, out);
		putc('\n', out);
	}
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
		die_errno(output != NULL ? output : "standard output");
}

/* -c: status 1 and a message at the first line out of order. */
static int
check_sorted(const struct input *in, const char *name)
{
	for (size_t i = 1; i < in->n; i++) {
		int r = compare_lines(&in->lines[i - 1], &in->lines[i], 1);

		if (r > 0 || (opt_unique && r == 0)) {
			fprintf(stderr, "sort: %s:%zu: disorder: %.*s\n", name, i + 1,
			    (int)in->lines[i].len, in->lines[i].text);
			return 1;
		}
	}
	return 0;
}

/* Keys without letters of their own take the global ones. */
static void
apply_global_flags(void)
{
	if (nkeys == 0) {
		keys[nkeys++] = (struct key){ 1, 1, 0, 0, global_flags };
		return;
	}
	for (int i = 0; i < nkeys; i++)
		if (keys[i].flags == 0)
			keys[i].flags = global_flags;
}

int
main(int argc, char *argv[])
{
	struct input in = { NULL, 0, 0 };
	const char *output = NULL;
	struct line *tmp;
	int c;

	while ((c = getopt(argc, argv, "bcfk:no:rst:u")) != -1) {
		switch (c) {
		case 'b': global_flags |= KEY_BLANK_START | KEY_BLANK_END; break;
		case 'c': opt_check = 1; break;
		case 'f': global_flags |= KEY_FOLD; break;
		case 'k': parse_key(optarg); break;
		case 'n': global_flags |= KEY_NUMERIC; break;
		case 'o': output = optarg; break;
		case 'r': global_flags |= KEY_REVERSE; break;
		case 's': opt_stable = 1; break;
		case 't':
			if (strlen(optarg) != 1) {
				fprintf(stderr, "sort: %s: the separator must be one character\n", optarg);
				exit(STATUS_TROUBLE);
			}
			separator = (unsigned char)optarg[0];
			break;
		case 'u': opt_unique = 1; break;
		default: usage();
		}
	}
	apply_global_flags();
	if (read_inputs(&in, argc - optind, argv + optind) < 0)
		return STATUS_TROUBLE;
	if (opt_check)
		return check_sorted(&in, optind < argc ? argv[optind] : "-");
	tmp = xrealloc(NULL, (in.n + 1) * sizeof(*tmp));
	merge_sort(in.lines, tmp, in.n);
	write_lines(&in, output);
	return 0;
}
