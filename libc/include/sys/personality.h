/* sys/personality.h - personality(2); the flags (ADDR_NO_RANDOMIZE,
 * PER_LINUX...) are the kernel's own, from linux/personality.h. */
#ifndef _SYS_PERSONALITY_H
#define _SYS_PERSONALITY_H

#include <sys/cdefs.h>
#include <linux/personality.h>

__BEGIN_DECLS

/* Set the execution domain and flags (0xffffffff only asks): the old ones. */
int personality(unsigned long persona);

__END_DECLS

#endif /* _SYS_PERSONALITY_H */
