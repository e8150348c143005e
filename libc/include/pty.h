/* pty.h - pseudo-terminal pairs. */
#ifndef _PTY_H
#define _PTY_H

#include <sys/cdefs.h>
#include <termios.h>
#include <sys/ioctl.h>

__BEGIN_DECLS

int openpty(int *master, int *slave, char *name, const struct termios *t,
	    const struct winsize *ws);

__END_DECLS

#endif /* _PTY_H */
