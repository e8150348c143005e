/* Random bytes (lib/random.c): a ChaCha20 generator keyed from the entropy
 * source a driver registered (drivers/virtio_rng.c registers the virtio
 * entropy device) and reseeded from it every minute; without one, keyed
 * from the timer. */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include "types.h"

/* read fills a kernel buffer: bytes filled, or -errno; it may sleep. */
struct entropy_source {
	const char *name;
	ssize_t (*read)(void *buf, size_t len);
};
void register_entropy_source(struct entropy_source *src);
/* May sleep: when a reseed is due, it reads the source. */
void get_random_bytes(void *buf, size_t len);
/* A word for a stack canary: from the same generator without a reseed, so
 * it never sleeps (any context, spinlocks held). */
unsigned long get_random_canary(void);

#endif
