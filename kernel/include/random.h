/* Random bytes (lib/random.c): from the entropy source a driver registered
 * (drivers/virtio_rng.c registers the virtio entropy device), otherwise
 * from a generator seeded from the timer. */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include "types.h"

/* read fills a kernel buffer: bytes filled, or -errno; it may sleep. */
struct entropy_source {
	const char *name;
	ssize_t (*read)(void *buf, size_t len);
};
void register_entropy_source(struct entropy_source *src);
void get_random_bytes(void *buf, size_t len);
/* A word for a stack canary: from the generator, which never sleeps (any
 * context, spinlocks held); the time CSR and what the entropy source has
 * given so far went into it.  Not for secrets handed to user space. */
unsigned long get_random_canary(void);

#endif
