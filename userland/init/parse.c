/*
 * init's pure helpers: parsing /etc/hostname and /etc/inittab, checking
 * the kernel's arguments, and the respawn policy.  No system calls here.
 */
#include <ctype.h>
#include <string.h>

#include "init.h"

int
hostname_parse(const char *text, char *out, size_t size)
{
	while (*text) {
		const char *line = text, *end = strchr(text, '\n');
		if (end == NULL)
			end = text + strlen(text);
		text = *end ? end + 1 : end;

		while (line < end && isspace((unsigned char)*line))
			line++;
		while (end > line && isspace((unsigned char)end[-1]))
			end--;
		if (line == end || *line == '#')
			continue;
		if ((size_t)(end - line) >= size)
			return -1;
		memcpy(out, line, end - line);
		out[end - line] = '\0';
		return 0;
	}
	return -1;
}

int
init_args_check(int argc, char *argv[])
{
	static const char *const known[] = {
		"single", "S", "s", "1", "2", "3", "4", "5", "emergency", "auto",
	};

	for (int i = 1; i < argc; i++) {
		size_t k;
		for (k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (strcmp(argv[i], known[k]) == 0)
				break;
		if (k == sizeof(known) / sizeof(known[0]))
			return i;
	}
	return 0;
}

/*
 * The clock counts whole seconds, so a run that lasted under a second may
 * still span one tick: RESPAWN_FAST_SECONDS itself counts as quick.
 */
unsigned
respawn_delay(struct respawn *r, time_t ended)
{
	if (ended - r->started <= RESPAWN_FAST_SECONDS)
		r->fast_exits++;
	else
		r->fast_exits = 0;
	return r->fast_exits >= RESPAWN_FAST_LIMIT ? RESPAWN_DELAY : 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Split one line into words in place, up to a comment (a word that
 * starts with #).  Returns the number of words, or -1 when there are
 * more than max.
 */
static int
split_words(char *p, char *words[], int max)
{
	int n = 0;

	for (;;) {
		while (is_blank(*p))
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return -1;
		words[n++] = p;
		while (*p != '\0' && !is_blank(*p))
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* Why the words of a line cannot be an entry, or NULL when they can. */
static const char *
entry_problem(char *words[], int nwords, const struct inittab_entry *entries,
    int n, int max)
{
	if (nwords < 0)
		return "too many arguments";
	if (nwords == 1)
		return "no program after the terminal";
	if (words[0][0] != '/')
		return "the terminal is not an absolute path";
	if (words[1][0] != '/')
		return "the program is not an absolute path";
	for (int i = 0; i < n; i++)
		if (strcmp(entries[i].tty, words[0]) == 0)
			return "the terminal already has a program";
	if (n >= max)
		return "too many entries";
	return NULL;
}

int
inittab_parse(char *text, struct inittab_entry *entries, int max,
    inittab_complain_fn *complain, void *ctx)
{
	char *words[1 + INITTAB_MAX_ARGS], *next;
	int n = 0, lineno = 0;

	for (char *line = text; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		int nwords = split_words(line, words, 1 + INITTAB_MAX_ARGS);
		if (nwords == 0)
			continue;
		const char *why = entry_problem(words, nwords, entries, n, max);
		if (why != NULL) {
			complain(ctx, lineno, why);
			continue;
		}
		struct inittab_entry *e = &entries[n++];
		e->tty = words[0];
		e->line = lineno;
		for (int i = 1; i < nwords; i++)
			e->argv[i - 1] = words[i];
		e->argv[nwords - 1] = NULL;
	}
	return n;
}
