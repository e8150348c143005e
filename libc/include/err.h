/* err.h - BSD error reporting: "prog: message: strerror(errno)". */
#ifndef _ERR_H
#define _ERR_H

#include <sys/cdefs.h>
#include <stdarg.h>

__BEGIN_DECLS

void err(int status, const char *fmt, ...)
	__attribute__((__noreturn__, __format__(__printf__, 2, 3)));
void errx(int status, const char *fmt, ...)
	__attribute__((__noreturn__, __format__(__printf__, 2, 3)));
void verr(int status, const char *fmt, va_list ap)
	__attribute__((__noreturn__));
void verrx(int status, const char *fmt, va_list ap)
	__attribute__((__noreturn__));
void warn(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((__format__(__printf__, 1, 2)));
void vwarn(const char *fmt, va_list ap);
void vwarnx(const char *fmt, va_list ap);

__END_DECLS

#endif /* _ERR_H */
