/* The kernel's ChaCha20 block function (kernel/lib/chacha.c) against the
 * test vector of RFC 7539, section 2.3.2, and the all-zero key's first
 * block (RFC 7539's appendix A.1, test vector 1). */
#include <stdio.h>
#include <string.h>
#include "chacha.h"
#include "../../check.h"

static void block_of(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
		     uint8_t out[CHACHA_BLOCK_SIZE])
{
	uint32_t state[16];

	chacha_init_state(state, key);
	state[12] = counter;
	state[13] = nonce[0];
	state[14] = nonce[1];
	state[15] = nonce[2];
	chacha20_block(state, out);
}

int main(void)
{
	static const uint8_t rfc_2_3_2[CHACHA_BLOCK_SIZE] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	static const uint8_t zero_key_block0[16] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90, 0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
	};
	uint32_t key[8], zero[8] = { 0 };
	const uint32_t nonce[3] = { 0x09000000, 0x4a000000, 0 }, no_nonce[3] = { 0 };
	uint8_t out[CHACHA_BLOCK_SIZE];

	for (int i = 0; i < 8; i++)	/* the bytes 00 01 02 ... 1f, little-endian words */
		key[i] = (uint32_t)(4 * i) | (uint32_t)(4 * i + 1) << 8 |
			 (uint32_t)(4 * i + 2) << 16 | (uint32_t)(4 * i + 3) << 24;
	block_of(key, 1, nonce, out);
	check("chacha20-rfc7539-2.3.2", memcmp(out, rfc_2_3_2, sizeof(out)) == 0,
	      "first bytes %02x %02x %02x %02x", out[0], out[1], out[2], out[3]);
	block_of(zero, 0, no_nonce, out);
	check("chacha20-rfc7539-a.1-zero-key", memcmp(out, zero_key_block0, sizeof(zero_key_block0)) == 0,
	      "first bytes %02x %02x %02x %02x", out[0], out[1], out[2], out[3]);
	return 0;
}
