/*
 * virtio over MMIO, version 2 (modern) or 1 (legacy), split virtqueues
 * (drivers/virtio.c).
 * A device driver negotiates features, sets up its queues and submits
 * descriptor chains; completions are reported through a callback from the
 * interrupt handler.  vq->lock guards the free descriptor list and rings.
 */
#ifndef KERNEL_VIRTIO_H
#define KERNEL_VIRTIO_H

#include "types.h"
#include "lock.h"
#include "boot.h"

#define VIRTIO_ID_NET		1
#define VIRTIO_ID_BLOCK		2
#define VIRTIO_ID_CONSOLE	3
#define VIRTIO_ID_RNG		4

#define VIRTQ_DESC_F_NEXT	1
#define VIRTQ_DESC_F_WRITE	2

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct virtio_dev;

struct virtq {
	struct virtio_dev *dev;
	unsigned int index, size;
	struct virtq_desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[size] */
	volatile uint16_t *used;	/* flags, idx, then used elements */
	uint16_t free_head, nfree, last_used;
	void **cookies;			/* per head descriptor */
	struct spinlock lock;
	struct waitqueue free_wq;	/* waiting for descriptors */
	void (*done)(struct virtq *vq, void *cookie, uint32_t len);
};

struct virtio_dev {
	volatile uint32_t *regs;
	struct mmio_dev *mmio;
	uint32_t device_id;
	bool legacy;			/* version 1 register layout */
	uint64_t features;		/* what virtio_setup negotiated */
	void *priv;			/* its driver's */
	struct virtq *queues[2];
	unsigned int nqueues;
	char name[12];			/* "virtio0", ...: in /proc/interrupts */
};

struct virtio_buf {
	void *addr;	/* kernel address (direct map) */
	uint32_t len;
	bool device_writes;
};

/* Probe every virtio-mmio slot and hand each device to its driver. */
void virtio_init(void);
int virtio_setup(struct virtio_dev *dev, uint64_t features);
struct virtq *virtq_create(struct virtio_dev *dev, unsigned int index,
			   void (*done)(struct virtq *, void *, uint32_t));
void virtio_driver_ok(struct virtio_dev *dev);
/* Queue a chain of bufs; sleeps while no descriptors are free. */
int virtq_submit(struct virtq *vq, const struct virtio_buf *bufs, unsigned int n,
		 void *cookie);
/* The same from any context: -ENOSPC instead of sleeping. */
int virtq_try_submit(struct virtq *vq, const struct virtio_buf *bufs, unsigned int n,
		     void *cookie);
uint32_t virtio_config_read32(struct virtio_dev *dev, unsigned int off);

int virtio_blk_probe(struct virtio_dev *dev);
int virtio_rng_probe(struct virtio_dev *dev);
int virtio_console_probe(struct virtio_dev *dev);
int virtio_net_probe(struct virtio_dev *dev);

#endif
