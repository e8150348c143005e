/*
 * get_random_bytes: from the registered entropy source (virtio-rng) when
 * it answers, else from a xorshift generator seeded with the time CSR.  The
 * fallback is not cryptographic; it keeps getrandom(2) working on machines
 * without virtio-rng.  seed_lock guards the generator state; the source is
 * registered once, at boot.
 */
#include "random.h"
#include "spinlock.h"
#include "riscv.h"
#include "string.h"

static struct spinlock seed_lock = SPINLOCK_INIT("random");
static uint64_t state;
static struct entropy_source *entropy;

void register_entropy_source(struct entropy_source *src)
{
	entropy = src;
}

static uint64_t next(void)
{
	if (!state)
		state = rdtime() * 0x9e3779b97f4a7c15ull | 1;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

void get_random_bytes(void *buf, size_t len)
{
	char *p = buf;
	struct entropy_source *src = READ_ONCE(entropy);
	ssize_t got = src ? src->read(p, len) : 0;
	if (got < 0)
		got = 0;
	p += got;
	len -= got;
	spin_lock(&seed_lock);
	while (len) {
		uint64_t v = next();
		size_t n = MIN(len, sizeof(v));
		memcpy(p, &v, n);
		p += n;
		len -= n;
	}
	spin_unlock(&seed_lock);
}
