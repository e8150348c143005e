/*
 * diff: compare two files line by line.
 *   diff [-q] [-u | -U n] file1 file2
 * The shortest edit script comes from Myers' O(ND) algorithm in its
 * linear-space form: find the middle snake of the furthest-reaching
 * forward and backward paths, then solve the two halves on either side
 * of it.  Lines are numbered by content first (a hash table), so the
 * algorithm compares integers.  The output is the normal format
 * ("2c2", "< old", "---", "> new") or, with -u / -U n, the unified one
 * with n lines of context (3 by default); the timestamps in its "---" and
 * "+++" headers are the files' modification times.  A last line without
 * a newline is reported with "\ No newline at end of file"; a file with a
 * NUL byte is binary and only said to differ.  "-" is standard input.
 * Exit status: 0 same, 1 different, 2 trouble.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define STATUS_SAME 0
#define STATUS_DIFFER 1
#define STATUS_TROUBLE 2
#define DEFAULT_CONTEXT 3
#define READ_CHUNK 65536
#define TIME_MAX 64
#define NO_NEWLINE "\\ No newline at end of file\n"
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

struct line {
	const char *text;
	size_t len;		/* with its '\n', if it has one */
};

struct file {
	const char *name;
	struct stat st;
	char *data;
	size_t size;
	struct line *lines;
	long n;
	int *ids;		/* equal lines, in either file, share an id */
	char *changed;		/* lines[i] is deleted (or inserted) */
};

/* One block of change: lines [a0, a1) of file 1 became [b0, b1) of 2. */
struct change {
	long a0, a1, b0, b1;
};

static struct file files[2];
static struct change *changes;
static long nchanges, changes_cap;

static void
usage(void)
{
	fprintf(stderr, "usage: diff [-q] [-u | -U n] file1 file2\n");
	exit(STATUS_TROUBLE);
}

static void
die(const char *what)
{
	fprintf(stderr, "diff: %s: %s\n", what, strerror(errno));
	exit(STATUS_TROUBLE);
}

static void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size != 0 ? size : 1);
	if (p == NULL)
		die("memory");
	return p;
}

static void
read_data(struct file *f)
{
	int is_stdin = strcmp(f->name, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(f->name, "r");
	size_t cap = 0, n;

	if (fp == NULL)
		die(f->name);
	if (fstat(fileno(fp), &f->st) < 0) {
		/* A pipe that cannot be stat'ed was made just now. */
		if (!is_stdin)
			die(f->name);
		memset(&f->st, 0, sizeof(f->st));
		clock_gettime(CLOCK_REALTIME, &f->st.st_mtim);
	}
	if (S_ISDIR(f->st.st_mode)) {
		errno = EISDIR;
		die(f->name);
	}
	do {
		if (f->size + READ_CHUNK > cap) {
			cap = 2 * cap + READ_CHUNK;
			f->data = xrealloc(f->data, cap);
		}
		n = fread(f->data + f->size, 1, READ_CHUNK, fp);
		f->size += n;
	} while (n > 0);
	if (ferror(fp))
		die(f->name);
	if (!is_stdin)
		fclose(fp);
}

/* "diff file dir" compares file with dir/file, as GNU diff does. */
static void
name_in_directory(const char **name, const char *other)
{
	struct stat st, other_st;
	const char *base = strrchr(other, '/');
	char *path;

	if (strcmp(*name, "-") == 0 || strcmp(other, "-") == 0 ||
	    stat(*name, &st) < 0 || !S_ISDIR(st.st_mode) ||
	    stat(other, &other_st) < 0 || S_ISDIR(other_st.st_mode))
		return;
	base = base != NULL ? base + 1 : other;
	path = xrealloc(NULL, strlen(*name) + strlen(base) + 2);
	sprintf(path, "%s/%s", *name, base);
	*name = path;
}

static void
split_lines(struct file *f)
{
	const char *p = f->data, *end = f->data + f->size;
	long cap = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		const char *next = nl != NULL ? nl + 1 : end;

		if (f->n == cap) {
			cap = cap ? 2 * cap : 256;
			f->lines = xrealloc(f->lines, cap * sizeof(*f->lines));
		}
		f->lines[f->n++] = (struct line){ p, next - p };
		p = next;
	}
	f->ids = xrealloc(NULL, (f->n + 1) * sizeof(*f->ids));
	f->changed = calloc(f->n + 1, 1);
	if (f->changed == NULL)
		die("memory");
}

static uint64_t
hash_line(const struct line *l)
{
	uint64_t h = FNV_OFFSET;

	for (size_t i = 0; i < l->len; i++)
		h = (h ^ (unsigned char)l->text[i]) * FNV_PRIME;
	return h;
}

/* Give equal lines equal ids: an open-addressing table of first lines. */
struct id_slot {
	const struct line *line;	/* NULL: free */
	int id;
};

static void
number_lines(void)
{
	size_t size = 1, mask;
	struct id_slot *table;
	int next_id = 0;

	while (size < 2 * (size_t)(files[0].n + files[1].n) + 1)
		size *= 2;
	mask = size - 1;
	table = calloc(size, sizeof(*table));
	if (table == NULL)
		die("memory");
	for (int f = 0; f < 2; f++) {
		for (long i = 0; i < files[f].n; i++) {
			const struct line *l = &files[f].lines[i];
			size_t slot = hash_line(l) & mask;

			while (table[slot].line != NULL && (table[slot].line->len != l->len ||
			    memcmp(table[slot].line->text, l->text, l->len) != 0))
				slot = (slot + 1) & mask;
			if (table[slot].line == NULL)
				table[slot] = (struct id_slot){ l, next_id++ };
			files[f].ids[i] = table[slot].id;
		}
	}
	free(table);
}

/* ---- Myers' algorithm ---- */

struct snake {
	long x0, y0, x1, y1;	/* a diagonal run from (x0,y0) to (x1,y1) */
};

/* Work arrays of the forward and backward furthest reaches, by diagonal. */
static long *vf, *vb;

/*
 * The middle snake of a[0..n) against b[0..m), both non-empty and with
 * no common first or last line.  vf[k] is how far x gets on diagonal
 * k = x - y after d edits from the start; vb[k] the same from the end
 * (on the reversed sequences).  When the two paths overlap, the snake
 * where they meet splits an optimal path in two halves.
 */
static void
middle_snake(const int *a, long n, const int *b, long m, struct snake *s)
{
	long max = (n + m + 1) / 2, delta = n - m, off = max + 1;
	int odd = delta & 1;

	vf[off + 1] = 0;
	vb[off + 1] = 0;
	for (long d = 0; d <= max; d++) {
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && vf[off + k - 1] < vf[off + k + 1])) ?
			    vf[off + k + 1] : vf[off + k - 1] + 1;
			long y = x - k, x0 = x, y0 = y, c = delta - k;

			while (x < n && y < m && a[x] == b[y])
				x++, y++;
			vf[off + k] = x;
			if (odd && c >= -(d - 1) && c <= d - 1 && x + vb[off + c] >= n) {
				*s = (struct snake){ x0, y0, x, y };
				return;
			}
		}
		for (long k = -d; k <= d; k += 2) {
			long x = (k == -d || (k != d && vb[off + k - 1] < vb[off + k + 1])) ?
			    vb[off + k + 1] : vb[off + k - 1] + 1;
			long y = x - k, x0 = x, y0 = y, c = delta - k;

			while (x < n && y < m && a[n - 1 - x] == b[m - 1 - y])
				x++, y++;
			vb[off + k] = x;
			if (!odd && c >= -d && c <= d && x + vf[off + c] >= n) {
				*s = (struct snake){ n - x, m - y, n - x0, m - y0 };
				return;
			}
		}
	}
	*s = (struct snake){ 0, 0, 0, 0 };	/* not reached: d = max meets */
}

/* Mark the lines of a[0..n) and b[0..m) that a shortest edit script changes. */
static void
compare_seq(const int *a, char *ac, long n, const int *b, char *bc, long m)
{
	struct snake s;

	while (n > 0 && m > 0 && a[0] == b[0])
		a++, ac++, b++, bc++, n--, m--;
	while (n > 0 && m > 0 && a[n - 1] == b[m - 1])
		n--, m--;
	if (n == 0 || m == 0) {
		memset(ac, 1, n);
		memset(bc, 1, m);
		return;
	}
	middle_snake(a, n, b, m, &s);
	compare_seq(a, ac, s.x0, b, bc, s.y0);
	compare_seq(a + s.x1, ac + s.x1, n - s.x1, b + s.y1, bc + s.y1, m - s.y1);
}

/*
 * Where a run of changed lines sits among equal lines is a free choice
 * ("x a" deleted from "x a x a" is the first or the second pair).  Slide
 * every run as far down as equal lines allow, merging it with the runs
 * it reaches, so that the output reads as a person would write it (and,
 * mostly, as GNU diff prints it).
 */
static void
slide_runs(struct file *f)
{
	long start = 0, end;

	for (;;) {
		while (start < f->n && !f->changed[start])
			start++;
		if (start == f->n)
			return;
		end = start;
		while (end < f->n && f->changed[end])
			end++;
		while (end < f->n && f->ids[start] == f->ids[end]) {
			f->changed[start++] = 0;
			f->changed[end++] = 1;
			while (end < f->n && f->changed[end])
				end++;
		}
		start = end;
	}
}

static void
add_change(long a0, long a1, long b0, long b1)
{
	if (nchanges == changes_cap) {
		changes_cap = changes_cap ? 2 * changes_cap : 64;
		changes = xrealloc(changes, changes_cap * sizeof(*changes));
	}
	changes[nchanges++] = (struct change){ a0, a1, b0, b1 };
}

/* Turn the changed marks into blocks of change. */
static void
collect_changes(void)
{
	const struct file *a = &files[0], *b = &files[1];
	long i = 0, j = 0;

	for (;;) {
		long i0, j0;

		while (i < a->n && j < b->n && !a->changed[i] && !b->changed[j])
			i++, j++;
		if (i >= a->n && j >= b->n)
			return;
		i0 = i;
		j0 = j;
		while (i < a->n && a->changed[i])
			i++;
		while (j < b->n && b->changed[j])
			j++;
		add_change(i0, i, j0, j);
	}
}

static void
diff_lines(void)
{
	long size = files[0].n + files[1].n + 3;

	vf = xrealloc(NULL, size * sizeof(*vf));
	vb = xrealloc(NULL, size * sizeof(*vb));
	compare_seq(files[0].ids, files[0].changed, files[0].n,
	    files[1].ids, files[1].changed, files[1].n);
	slide_runs(&files[0]);
	slide_runs(&files[1]);
	collect_changes();
	free(vf);
	free(vb);
}

/* ---- output ---- */

static void
print_line(const char *prefix, const struct line *l)
{
	fputs(prefix, stdout);
	fwrite(l->text, 1, l->len, stdout);
	if (l->len == 0 || l->text[l->len - 1] != '\n') {
		putchar('\n');
		fputs(NO_NEWLINE, stdout);
	}
}

/* Normal format: "N" or "N,M" as ed(1) numbers lines. */
static void
print_range(long first, long last)
{
	if (last - first == 1)
		printf("%ld", first + 1);
	else
		printf("%ld,%ld", first + 1, last);
}

static void
print_normal(void)
{
	for (long c = 0; c < nchanges; c++) {
		const struct change *ch = &changes[c];

		if (ch->a0 == ch->a1) {
			printf("%lda", ch->a0);
			print_range(ch->b0, ch->b1);
		} else if (ch->b0 == ch->b1) {
			print_range(ch->a0, ch->a1);
			printf("d%ld", ch->b0);
		} else {
			print_range(ch->a0, ch->a1);
			putchar('c');
			print_range(ch->b0, ch->b1);
		}
		putchar('\n');
		for (long i = ch->a0; i < ch->a1; i++)
			print_line("< ", &files[0].lines[i]);
		if (ch->a0 < ch->a1 && ch->b0 < ch->b1)
			puts("---");
		for (long j = ch->b0; j < ch->b1; j++)
			print_line("> ", &files[1].lines[j]);
	}
}

static void
print_header(const char *mark, const struct file *f)
{
	char when[TIME_MAX], zone[TIME_MAX];
	struct tm *tm = localtime(&f->st.st_mtim.tv_sec);

	if (tm == NULL || strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", tm) == 0 ||
	    strftime(zone, sizeof(zone), "%z", tm) == 0) {
		printf("%s %s\n", mark, f->name);
		return;
	}
	printf("%s %s\t%s.%09ld %s\n", mark, f->name, when, (long)f->st.st_mtim.tv_nsec, zone);
}

/* Unified format: "first,count", where an empty range names the line before. */
static void
print_unified_range(long first, long count)
{
	if (count == 1)
		printf("%ld", first + 1);
	else
		printf("%ld,%ld", count == 0 ? first : first + 1, count);
}

/* One hunk: changes [first, last] with context lines around them. */
static void
print_hunk(long first, long last, long context)
{
	const struct change *f = &changes[first], *l = &changes[last];
	long a_start = f->a0 > context ? f->a0 - context : 0;
	long b_start = f->b0 - (f->a0 - a_start);
	long a_end = l->a1 + context < files[0].n ? l->a1 + context : files[0].n;
	long b_end = l->b1 + (a_end - l->a1), pos = a_start;

	printf("@@ -");
	print_unified_range(a_start, a_end - a_start);
	printf(" +");
	print_unified_range(b_start, b_end - b_start);
	printf(" @@\n");
	for (long c = first; c <= last; c++) {
		const struct change *ch = &changes[c];

		for (; pos < ch->a0; pos++)
			print_line(" ", &files[0].lines[pos]);
		for (long i = ch->a0; i < ch->a1; i++)
			print_line("-", &files[0].lines[i]);
		for (long j = ch->b0; j < ch->b1; j++)
			print_line("+", &files[1].lines[j]);
		pos = ch->a1;
	}
	for (; pos < a_end; pos++)
		print_line(" ", &files[0].lines[pos]);
}

static void
print_unified(long context)
{
	print_header("---", &files[0]);
	print_header("+++", &files[1]);
	for (long first = 0, last; first < nchanges; first = last + 1) {
		last = first;
		while (last + 1 < nchanges && changes[last + 1].a0 - changes[last].a1 <= 2 * context)
			last++;
		print_hunk(first, last, context);
	}
}

static int
is_binary(const struct file *f)
{
	return memchr(f->data, '\0', f->size) != NULL;
}

static long
parse_context(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || n < 0) {
		fprintf(stderr, "diff: invalid context length '%s'\n", s);
		exit(STATUS_TROUBLE);
	}
	return n;
}

int
main(int argc, char *argv[])
{
	long context = -1;	/* -1: normal format */
	int brief = 0, c;

	while ((c = getopt(argc, argv, "quU:")) != -1) {
		switch (c) {
		case 'q': brief = 1; break;
		case 'u': context = DEFAULT_CONTEXT; break;
		case 'U': context = parse_context(optarg); break;
		default: usage();
		}
	}
	if (argc - optind != 2)
		usage();
	files[0].name = argv[optind];
	files[1].name = argv[optind + 1];
	name_in_directory(&files[0].name, files[1].name);
	name_in_directory(&files[1].name, files[0].name);
	for (int i = 0; i < 2; i++)
		read_data(&files[i]);
	if (files[0].size == files[1].size &&
	    memcmp(files[0].data, files[1].data, files[0].size) == 0)
		return STATUS_SAME;
	if (brief || is_binary(&files[0]) || is_binary(&files[1])) {
		printf("%s %s and %s differ\n", brief ? "Files" : "Binary files",
		    files[0].name, files[1].name);
		return fflush(stdout) != 0 ? STATUS_TROUBLE : STATUS_DIFFER;
	}
	for (int i = 0; i < 2; i++)
		split_lines(&files[i]);
	number_lines();
	diff_lines();
	if (context < 0)
		print_normal();
	else
		print_unified(context);
	return fflush(stdout) != 0 ? STATUS_TROUBLE : STATUS_DIFFER;
}
