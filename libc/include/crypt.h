/* crypt.h - password hashing ("$6$" SHA-512 crypt). */
#ifndef _CRYPT_H
#define _CRYPT_H

#include <sys/cdefs.h>

__BEGIN_DECLS

char *crypt(const char *key, const char *salt);

__END_DECLS

#endif /* _CRYPT_H */
