/*
 * ChaCha20's block function (RFC 7539, section 2.3), the core of the
 * kernel's random generator (lib/random.c).  Pure: no state, no locks;
 * built on the host too, where tests/kernel/host/chacha_test.c checks it
 * against RFC 7539's vector.
 */
#ifndef KERNEL_CHACHA_H
#define KERNEL_CHACHA_H

#include <stdint.h>

#define CHACHA_BLOCK_SIZE	64
#define CHACHA_KEY_WORDS	8

/* The input state: words 0-3 the constants ("expand 32-byte k"), 4-11
 * the key, 12-15 the block counter and the nonce. */
void chacha_init_state(uint32_t state[16], const uint32_t key[CHACHA_KEY_WORDS]);

/* 20 rounds over in, added to in, serialized little-endian into out. */
void chacha20_block(const uint32_t in[16], uint8_t out[CHACHA_BLOCK_SIZE]);

#endif
