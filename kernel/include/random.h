/* Random bytes: the virtio entropy device when present (drivers/virtio_rng.c),
 * otherwise a generator seeded from the timer (lib/random.c). */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include "types.h"

ssize_t virtio_rng_read(void *buf, size_t len);
void get_random_bytes(void *buf, size_t len);

#endif
