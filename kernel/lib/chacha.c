/*
 * lib/chacha.c - ChaCha20's block function (the contract is chacha.h).
 * Eight quarter rounds make a double round: four on the columns of the
 * 4x4 state, four on its diagonals; ten double rounds are ChaCha20.
 */
#include "chacha.h"

#define ROTL32(v, n)	((uint32_t)((v) << (n)) | ((v) >> (32 - (n))))

#define QUARTER(a, b, c, d) do {				\
	a += b; d ^= a; d = ROTL32(d, 16);			\
	c += d; b ^= c; b = ROTL32(b, 12);			\
	a += b; d ^= a; d = ROTL32(d, 8);			\
	c += d; b ^= c; b = ROTL32(b, 7);			\
} while (0)

void chacha_init_state(uint32_t state[16], const uint32_t key[CHACHA_KEY_WORDS])
{
	state[0] = 0x61707865;		/* "expa" */
	state[1] = 0x3320646e;		/* "nd 3" */
	state[2] = 0x79622d32;		/* "2-by" */
	state[3] = 0x6b206574;		/* "te k" */
	for (int i = 0; i < CHACHA_KEY_WORDS; i++)
		state[4 + i] = key[i];
	for (int i = 12; i < 16; i++)
		state[i] = 0;
}

void chacha20_block(const uint32_t in[16], uint8_t out[CHACHA_BLOCK_SIZE])
{
	uint32_t x[16];

	for (int i = 0; i < 16; i++)
		x[i] = in[i];
	for (int i = 0; i < 10; i++) {
		QUARTER(x[0], x[4], x[8], x[12]);
		QUARTER(x[1], x[5], x[9], x[13]);
		QUARTER(x[2], x[6], x[10], x[14]);
		QUARTER(x[3], x[7], x[11], x[15]);
		QUARTER(x[0], x[5], x[10], x[15]);
		QUARTER(x[1], x[6], x[11], x[12]);
		QUARTER(x[2], x[7], x[8], x[13]);
		QUARTER(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++) {
		uint32_t v = x[i] + in[i];
		out[4 * i] = (uint8_t)v;
		out[4 * i + 1] = (uint8_t)(v >> 8);
		out[4 * i + 2] = (uint8_t)(v >> 16);
		out[4 * i + 3] = (uint8_t)(v >> 24);
	}
}
