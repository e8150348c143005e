/*
 * prompt.c - PS1/PS2 escapes: \u user, \h host, \w working directory
 * (with ~ for $HOME), \W its last part, \$ '#' for root else '$', \n, \t
 * time HH:MM:SS, \\ a backslash.  The result is then expanded like a
 * double-quoted string (parameters, command and arithmetic expansion).
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sh.h"

static void put_user(struct str *b)
{
	struct passwd *pw = getpwuid(getuid());
	const char *u = pw ? pw->pw_name : var_get("USER");
	str_puts(b, u ? u : "?");
}

static void put_host(struct str *b)
{
	char host[256];
	if (gethostname(host, sizeof host) < 0)
		strcpy(host, "localhost");
	host[sizeof host - 1] = '\0';
	char *dot = strchr(host, '.');
	if (dot)
		*dot = '\0';
	str_puts(b, host);
}

static void put_cwd(struct str *b, int last_only)
{
	const char *pwd = var_get("PWD");
	const char *home = var_get("HOME");
	if (!pwd)
		pwd = "?";
	if (last_only) {
		const char *slash = strrchr(pwd, '/');
		if (home && strcmp(pwd, home) == 0)
			str_putc(b, '~');
		else
			str_puts(b, slash && slash[1] ? slash + 1 : pwd);
		return;
	}
	size_t hl = home ? strlen(home) : 0;
	if (hl > 1 && strncmp(pwd, home, hl) == 0 && (pwd[hl] == '/' || !pwd[hl])) {
		str_putc(b, '~');
		pwd += hl;
	}
	str_puts(b, pwd);
}

char *prompt_expand(const char *ps)
{
	struct str b = {0};
	str_puts(&b, "");
	for (const char *s = ps; *s; s++) {
		if (*s != '\\' || !s[1]) {
			str_putc(&b, *s);
			continue;
		}
		char tbuf[16];
		time_t now;
		switch (*++s) {
		case 'u': put_user(&b); break;
		case 'h': put_host(&b); break;
		case 'w': put_cwd(&b, 0); break;
		case 'W': put_cwd(&b, 1); break;
		case '$': str_putc(&b, geteuid() == 0 ? '#' : '$'); break;
		case 'n': str_putc(&b, '\n'); break;
		case 't':
			now = time(NULL);
			strftime(tbuf, sizeof tbuf, "%H:%M:%S", localtime(&now));
			str_puts(&b, tbuf);
			break;
		case '\\': str_putc(&b, '\\'); break;
		default:
			str_putc(&b, '\\');
			str_putc(&b, *s);
		}
	}
	char *escaped = str_take(&b);
	if (!strpbrk(escaped, "$`"))
		return escaped;
	/* Expansion errors must not loop the prompt: fall back to the text. */
	jmp_buf jb, *volatile prev = error_jmp;
	char *volatile result = NULL;
	error_jmp = &jb;
	if (!setjmp(jb))
		result = expand_heredoc(escaped);
	error_jmp = prev;
	if (!result)
		return escaped;
	free(escaped);
	return result;
}
