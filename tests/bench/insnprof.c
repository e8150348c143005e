/*
 * insnprof.so - a qemu TCG plugin that counts the guest instructions
 * executed, by the address each translation block starts at.  With
 * tests/bench/insnprof (which boots a command in a loop, twice, and
 * subtracts) it says how many instructions one run of the command spends
 * in each kernel and user function: exact where /proc/profile samples.
 *
 *   qemu-system-riscv64 ... -plugin build/host/insnprof.so,arg=out=FILE
 *
 * At exit FILE gets one line per block that ran: "ADDRESS COUNT" (hex,
 * decimal).  The plugin interface is qemu's stable C one (version 1,
 * qemu 7.2 and later); the few declarations it uses are written out here,
 * as no Debian package ships qemu-plugin.h.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb,
				    void *userdata);

#define EXPORT __attribute__((visibility("default")))
EXPORT int qemu_plugin_version = 1;

/*
 * One counter per (start address, length): a block translated again
 * (after a TLB flush, or with another length) adds to the same counter
 * when it is the same block.  Open addressing in a fixed table; the
 * inline add of each block's length to its counter is the only work at
 * run time.
 */
#define TABLE_BITS 22
struct block {
	uint64_t pc;
	uint64_t n;		/* instructions in the block; 0: slot free */
	uint64_t count;		/* instructions executed in it */
};
static struct block *table;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static char out_path[4096] = "insnprof.out";

static struct block *slot(uint64_t pc, uint64_t n)
{
	uint64_t h = ((pc ^ (n << 48)) * 0x9E3779B97F4A7C15ull) >> (64 - TABLE_BITS);
	for (;;) {
		struct block *b = &table[h & ((1u << TABLE_BITS) - 1)];
		if (!b->n || (b->pc == pc && b->n == n)) {
			b->pc = pc;
			b->n = n;
			return b;
		}
		h++;
	}
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	uint64_t n = qemu_plugin_tb_n_insns(tb);
	pthread_mutex_lock(&table_lock);
	struct block *b = slot(qemu_plugin_tb_vaddr(tb), n);
	pthread_mutex_unlock(&table_lock);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->count, n);
}

static void finished(qemu_plugin_id_t id, void *data)
{
	(void)id;
	(void)data;
	FILE *f = fopen(out_path, "w");
	if (!f) {
		perror(out_path);
		return;
	}
	for (size_t i = 0; i < (1u << TABLE_BITS); i++)
		if (table[i].count)
			fprintf(f, "%llx %llu\n", (unsigned long long)table[i].pc,
				(unsigned long long)table[i].count);
	fclose(f);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "out=", 4) == 0 && strlen(argv[i] + 4) < sizeof(out_path)) {
			strcpy(out_path, argv[i] + 4);
		} else {
			fprintf(stderr, "insnprof: unknown argument %s (out=FILE)\n", argv[i]);
			return -1;
		}
	}
	table = calloc(1u << TABLE_BITS, sizeof(*table));
	if (!table)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, finished, NULL);
	return 0;
}
