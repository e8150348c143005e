/*
 * history.c - the command history: a list of the last HISTSIZE commands,
 * `!` expansion, the history builtin, and $HISTFILE (default
 * ~/.sh_history, mode 0600).  Each command is appended to the file as soon
 * as it is entered, so history survives a shell that never exits cleanly
 * (a reboot); the file is trimmed when it is loaded.  In the file a
 * command's newlines are written as "\n" and backslashes as "\\".
 */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

#define HISTSIZE_DEFAULT 500

static char **entries;
static int count, cap;
static int base = 1;		/* the number of entries[0] */
static int enabled;

static int histsize(void)
{
	const char *s = var_get("HISTSIZE");
	int n = s ? atoi(s) : HISTSIZE_DEFAULT;
	return n > 0 ? n : HISTSIZE_DEFAULT;
}

static char *histfile(void)
{
	const char *f = var_get("HISTFILE");
	if (f)
		return *f ? xstrdup(f) : NULL;
	const char *home = var_get("HOME");
	if (!home) {
		/* init=/bin/sh starts without HOME: use the user's entry. */
		struct passwd *pw = getpwuid(getuid());
		if (!pw || !pw->pw_dir)
			return NULL;
		home = pw->pw_dir;
	}
	char *path = xmalloc(strlen(home) + 16);
	sprintf(path, "%s/.sh_history", home);
	return path;
}

static void push(const char *line)
{
	int max = histsize();
	if (count >= max) {
		int drop = count - max + 1;
		for (int i = 0; i < drop; i++)
			free(entries[i]);
		memmove(entries, entries + drop, (count - drop) * sizeof *entries);
		count -= drop;
		base += drop;
	}
	if (count == cap) {
		cap = cap ? cap * 2 : 64;
		entries = xrealloc(entries, cap * sizeof *entries);
	}
	entries[count++] = xstrdup(line);
}

static char *encode(const char *line)
{
	struct str b = {0};
	for (; *line; line++) {
		if (*line == '\n')
			str_puts(&b, "\\n");
		else if (*line == '\\')
			str_puts(&b, "\\\\");
		else
			str_putc(&b, *line);
	}
	str_putc(&b, '\n');
	return str_take(&b);
}

static void decode(char *s)
{
	char *d = s;
	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == '\\')) {
			*d++ = s[1] == 'n' ? '\n' : '\\';
			s++;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

static void write_all_entries(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	for (int i = 0; i < count; i++) {
		char *e = encode(entries[i]);
		if (write(fd, e, strlen(e)) < 0) {
			free(e);
			break;
		}
		free(e);
	}
	close(fd);
}

void history_init(void)
{
	enabled = 1;
	char *path = histfile();
	if (!path)
		return;
	FILE *f = fopen(path, "r");
	int lines = 0;
	if (f) {
		char *line = NULL;
		size_t n = 0;
		ssize_t len;
		while ((len = getline(&line, &n, f)) > 0) {
			if (line[len - 1] == '\n')
				line[len - 1] = '\0';
			decode(line);
			if (*line)
				push(line);
			lines++;
		}
		free(line);
		fclose(f);
	}
	if (lines > count)
		write_all_entries(path);
	free(path);
}

void history_add(const char *line)
{
	if (!enabled || line[0] == ' ' || line[0] == '\0')
		return;
	if (count > 0 && strcmp(entries[count - 1], line) == 0)
		return;
	push(line);
	char *path = histfile();
	if (!path)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0) {
		fchmod(fd, 0600);
		char *e = encode(line);
		if (write(fd, e, strlen(e)) < 0)
			sh_warn("%s: %s", path, strerror(errno));
		free(e);
		close(fd);
	}
	free(path);
}

int history_count(void)
{
	return count;
}

const char *history_get(int i)
{
	return i >= 0 && i < count ? entries[i] : NULL;
}

int history_base(void)
{
	return base;
}

/* The event a `!` designator names, or NULL. */
static const char *find_event(const char *s, size_t *used)
{
	if (s[0] == '!') {
		*used = 1;
		return count ? entries[count - 1] : NULL;
	}
	if ((s[0] == '-' && s[1] >= '0' && s[1] <= '9') || (s[0] >= '0' && s[0] <= '9')) {
		char *end;
		long n = strtol(s, &end, 10);
		*used = end - s;
		long idx = n < 0 ? count + n : n - base;
		return idx >= 0 && idx < count ? entries[idx] : NULL;
	}
	size_t n = 0;
	while (s[n] && !strchr(" \t\n;&|()<>\"'", s[n]))
		n++;
	*used = n;
	for (int i = count - 1; i >= 0; i--)
		if (strncmp(entries[i], s, n) == 0)
			return entries[i];
	return NULL;
}

int history_expand(const char *line, char **out)
{
	if (!enabled || !strchr(line, '!'))
		return 0;
	struct str b = {0};
	int changed = 0, squote = 0;
	for (const char *s = line; *s; s++) {
		if (*s == '\'' )
			squote = !squote;
		if (*s == '\\' && s[1] == '!') {
			/* The backslash stays; the shell removes it later. */
			str_putn(&b, s, 2);
			s++;
			continue;
		}
		if (*s != '!' || squote || !s[1] || strchr(" \t\n=(\"", s[1]) ||
		    (s > line && s[-1] == '$')) {
			str_putc(&b, *s);
			continue;
		}
		size_t used;
		const char *ev = find_event(s + 1, &used);
		if (!ev) {
			int n = (int)strcspn(s, " \t\n");
			fprintf(stderr, "sh: %.*s: event not found\n", n, s);
			free(b.s);
			return -1;
		}
		str_puts(&b, ev);
		s += used;
		changed = 1;
	}
	if (!changed) {
		free(b.s);
		return 0;
	}
	*out = str_take(&b);
	return 1;
}

int bi_history(int argc, char **argv)
{
	int first = 0;
	if (argc > 1 && strcmp(argv[1], "-c") == 0) {
		for (int i = 0; i < count; i++)
			free(entries[i]);
		base += count;
		count = 0;
		char *path = histfile();
		if (path) {
			write_all_entries(path);
			free(path);
		}
		return 0;
	}
	if (argc > 1) {
		char *end;
		long n = strtol(argv[1], &end, 10);
		if (*end || n < 0) {
			fprintf(stderr, "usage: history [-c] [n]\n");
			return 2;
		}
		first = count - n > 0 ? count - (int)n : 0;
	}
	for (int i = first; i < count; i++)
		printf("%5d  %s\n", base + i, entries[i]);
	return 0;
}
