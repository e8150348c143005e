/*
 * redir.c - redirections (XCU 2.7).  For builtins, functions and compound
 * commands run in the shell process itself, the descriptors they replace
 * are first copied above 10 (close-on-exec) so redir_restore can put them
 * back; a forked child applies redirections without saving.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

#define FD_HIGH 10		/* the shell's own descriptors live from here */
#define HEREDOC_INLINE 4096	/* bodies up to this size need no writer */

struct saved_fds {
	struct saved_fds *next;
	int fd;
	int saved;		/* copy of the old descriptor, -1 if it was closed */
};

int fd_move_high(int fd)
{
	int high = fcntl(fd, F_DUPFD_CLOEXEC, FD_HIGH);
	if (high < 0)
		return fd;
	close(fd);
	return high;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= w;
	}
	return 0;
}

/* A pipe whose read end yields the here-document body. */
static int heredoc_fd(struct redir *r)
{
	char *body = r->heredoc_quoted ? xstrdup(r->target ? r->target : "")
				       : expand_heredoc(r->target ? r->target : "");
	size_t len = strlen(body);
	int fds[2];
	if (pipe(fds) < 0) {
		sh_warn("pipe: %s", strerror(errno));
		free(body);
		return -1;
	}
	if (len <= HEREDOC_INLINE) {
		write_all(fds[1], body, len);
	} else {
		pid_t pid = fork();
		if (pid == 0) {
			close(fds[0]);
			_exit(write_all(fds[1], body, len) ? 1 : 0);
		}
		if (pid < 0)
			sh_warn("fork: %s", strerror(errno));
	}
	close(fds[1]);
	free(body);
	return fds[0];
}

static int open_target(struct redir *r, const char *name)
{
	int flags;
	switch (r->type) {
	case R_IN: flags = O_RDONLY; break;
	case R_APPEND: flags = O_WRONLY | O_CREAT | O_APPEND; break;
	case R_RDWR: flags = O_RDWR | O_CREAT; break;
	case R_OUT:
		if (opt.noclobber) {
			struct stat st;
			if (stat(name, &st) == 0 && S_ISREG(st.st_mode)) {
				errno = EEXIST;
				return -1;
			}
		}
		/* fall through */
	default: flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	}
	return open(name, flags, 0666);
}

static void save_fd(struct saved_fds **save, int fd)
{
	for (struct saved_fds *s = *save; s; s = s->next)
		if (s->fd == fd)
			return;
	struct saved_fds *s = xmalloc(sizeof *s);
	s->fd = fd;
	s->saved = fcntl(fd, F_DUPFD_CLOEXEC, FD_HIGH);
	s->next = *save;
	*save = s;
}

static int apply_one(struct redir *r, struct saved_fds **save)
{
	int newfd;
	if (r->type == R_HEREDOC) {
		newfd = heredoc_fd(r);
		if (newfd < 0)
			return -1;
	} else {
		char *name = expand_string(r->target, 0);
		if (r->type == R_DUPIN || r->type == R_DUPOUT) {
			if (save)
				save_fd(save, r->fd);
			if (strcmp(name, "-") == 0) {
				free(name);
				close(r->fd);
				return 0;
			}
			char *end;
			long n = strtol(name, &end, 10);
			if (!*name || *end || n < 0 || fcntl(n, F_GETFD) < 0) {
				sh_warn("%s: bad file descriptor", name);
				free(name);
				return -1;
			}
			free(name);
			if (n != r->fd && dup2(n, r->fd) < 0) {
				sh_warn("dup2: %s", strerror(errno));
				return -1;
			}
			return 0;
		}
		newfd = open_target(r, name);
		if (newfd < 0) {
			sh_warn("%s: %s", name, strerror(errno));
			free(name);
			return -1;
		}
		free(name);
	}
	if (save)
		save_fd(save, r->fd);
	if (newfd != r->fd) {
		if (dup2(newfd, r->fd) < 0) {
			sh_warn("dup2: %s", strerror(errno));
			close(newfd);
			return -1;
		}
		close(newfd);
	}
	return 0;
}

int redir_apply(struct redir *r, struct saved_fds **save)
{
	for (; r; r = r->next)
		if (apply_one(r, save) < 0)
			return -1;
	return 0;
}

void redir_restore(struct saved_fds *save)
{
	while (save) {
		struct saved_fds *next = save->next;
		if (save->saved >= 0) {
			dup2(save->saved, save->fd);
			close(save->saved);
		} else {
			close(save->fd);
		}
		free(save);
		save = next;
	}
}
