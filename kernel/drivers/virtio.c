/*
 * virtio-mmio transport and split virtqueues.  Both register layouts are
 * spoken: version 2 (modern: 64 feature bits, FEATURES_OK, a queue given by
 * three 64-bit addresses) and version 1 (legacy, qemu's default: 32 feature
 * bits, no FEATURES_OK, a queue given as one page frame number whose used
 * ring sits at the next QueueAlign boundary after the avail ring).
 * dev->legacy says which; nothing else differs for a driver.
 */
#include "virtio.h"
#include "irq.h"
#include "mm.h"
#include "kmalloc.h"
#include "string.h"
#include "printk.h"
#include "kstack.h"

#define VIRTIO_MAGIC		0x74726976
#define REG_MAGIC		0x000
#define REG_VERSION		0x004
#define REG_DEVICE_ID		0x008
#define REG_DEVICE_FEATURES	0x010
#define REG_DEVICE_FEATURES_SEL	0x014
#define REG_DRIVER_FEATURES	0x020
#define REG_DRIVER_FEATURES_SEL	0x024
#define REG_LEGACY_GUEST_PAGE_SIZE 0x028
#define REG_QUEUE_SEL		0x030
#define REG_QUEUE_NUM_MAX	0x034
#define REG_QUEUE_NUM		0x038
#define REG_LEGACY_QUEUE_ALIGN	0x03c
#define REG_LEGACY_QUEUE_PFN	0x040
#define REG_QUEUE_READY		0x044
#define REG_QUEUE_NOTIFY	0x050
#define REG_INTERRUPT_STATUS	0x060
#define REG_INTERRUPT_ACK	0x064
#define REG_STATUS		0x070
#define REG_QUEUE_DESC_LOW	0x080
#define REG_QUEUE_DESC_HIGH	0x084
#define REG_QUEUE_DRIVER_LOW	0x090
#define REG_QUEUE_DRIVER_HIGH	0x094
#define REG_QUEUE_DEVICE_LOW	0x0a0
#define REG_QUEUE_DEVICE_HIGH	0x0a4
#define REG_CONFIG		0x100

#define STATUS_ACKNOWLEDGE	1
#define STATUS_DRIVER		2
#define STATUS_DRIVER_OK	4
#define STATUS_FEATURES_OK	8
#define STATUS_FAILED		128
#define VIRTIO_F_VERSION_1	32
#define QUEUE_SIZE		64
#define VIRTIO_MMIO_LEGACY	1
#define VIRTIO_MMIO_MODERN	2
/*
 * One page holds a queue: descriptors (16 * QUEUE_SIZE = 1 KiB), then the
 * avail ring, and the used ring at USED_OFFSET.  A legacy device finds the
 * used ring by rounding the end of the avail ring up to QueueAlign, so the
 * driver tells it USED_OFFSET as the alignment.
 */
#define USED_OFFSET		2048
#define LEGACY_PAGE_SHIFT	PAGE_SHIFT	/* the GuestPageSize we announce */

static struct virtio_dev devices[MAX_VIRTIO];

static inline uint32_t rd(struct virtio_dev *d, unsigned int off)
{
	return d->regs[off / 4];
}

static inline void wr(struct virtio_dev *d, unsigned int off, uint32_t v)
{
	d->regs[off / 4] = v;
}

uint32_t virtio_config_read32(struct virtio_dev *dev, unsigned int off)
{
	return rd(dev, REG_CONFIG + off);
}

/* Legacy negotiation: the low 32 bits only, and no FEATURES_OK handshake. */
static int legacy_setup(struct virtio_dev *dev, uint64_t features)
{
	wr(dev, REG_DEVICE_FEATURES_SEL, 0);
	features &= rd(dev, REG_DEVICE_FEATURES);
	wr(dev, REG_DRIVER_FEATURES_SEL, 0);
	wr(dev, REG_DRIVER_FEATURES, (uint32_t)features);
	wr(dev, REG_LEGACY_GUEST_PAGE_SIZE, 1u << LEGACY_PAGE_SHIFT);
	dev->features = (uint32_t)features;
	return 0;
}

int virtio_setup(struct virtio_dev *dev, uint64_t features)
{
	wr(dev, REG_STATUS, 0);
	wr(dev, REG_STATUS, STATUS_ACKNOWLEDGE);
	wr(dev, REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
	if (dev->legacy)
		return legacy_setup(dev, features);
	wr(dev, REG_DEVICE_FEATURES_SEL, 1);
	uint64_t offered = (uint64_t)rd(dev, REG_DEVICE_FEATURES) << 32;
	wr(dev, REG_DEVICE_FEATURES_SEL, 0);
	offered |= rd(dev, REG_DEVICE_FEATURES);
	features = (features | (1ull << VIRTIO_F_VERSION_1)) & offered;
	wr(dev, REG_DRIVER_FEATURES_SEL, 0);
	wr(dev, REG_DRIVER_FEATURES, (uint32_t)features);
	wr(dev, REG_DRIVER_FEATURES_SEL, 1);
	wr(dev, REG_DRIVER_FEATURES, (uint32_t)(features >> 32));
	wr(dev, REG_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_FEATURES_OK);
	if (!(rd(dev, REG_STATUS) & STATUS_FEATURES_OK)) {
		wr(dev, REG_STATUS, STATUS_FAILED);
		return -EIO;
	}
	dev->features = features;
	return 0;
}

void virtio_driver_ok(struct virtio_dev *dev)
{
	wr(dev, REG_STATUS, rd(dev, REG_STATUS) | STATUS_DRIVER_OK);
}

static void split_address(struct virtio_dev *d, unsigned int low, void *va)
{
	paddr_t pa = virt_to_phys(va);
	wr(d, low, (uint32_t)pa);
	wr(d, low + 4, (uint32_t)(pa >> 32));
}

/* Tell the device where the rings of the selected queue are, and enable it. */
static void queue_publish(struct virtio_dev *dev, struct virtq *vq)
{
	wr(dev, REG_QUEUE_NUM, vq->size);
	if (dev->legacy) {
		wr(dev, REG_LEGACY_QUEUE_ALIGN, USED_OFFSET);
		wr(dev, REG_LEGACY_QUEUE_PFN, (uint32_t)(virt_to_phys(vq->desc) >> LEGACY_PAGE_SHIFT));
		return;
	}
	split_address(dev, REG_QUEUE_DESC_LOW, vq->desc);
	split_address(dev, REG_QUEUE_DRIVER_LOW, (void *)vq->avail);
	split_address(dev, REG_QUEUE_DEVICE_LOW, (void *)vq->used);
	wr(dev, REG_QUEUE_READY, 1);
}

struct virtq *virtq_create(struct virtio_dev *dev, unsigned int index,
			   void (*done)(struct virtq *, void *, uint32_t))
{
	wr(dev, REG_QUEUE_SEL, index);
	unsigned int max = rd(dev, REG_QUEUE_NUM_MAX);
	if (max == 0 || dev->nqueues >= ARRAY_SIZE(dev->queues))
		return NULL;
	struct virtq *vq = kzalloc(sizeof(*vq));
	void *ring = get_zeroed_page();	/* desc 1 KiB + avail + used fit in 4 KiB */
	void **cookies = kzalloc(QUEUE_SIZE * sizeof(void *));
	if (!vq || !ring || !cookies) {
		kfree(vq);
		free_page(ring);
		kfree(cookies);
		return NULL;
	}
	vq->dev = dev;
	vq->index = index;
	vq->size = MIN(max, QUEUE_SIZE);
	vq->desc = ring;
	vq->avail = (uint16_t *)(vq->desc + vq->size);	/* where a legacy device looks */
	vq->used = (uint16_t *)((char *)ring + USED_OFFSET);
	vq->cookies = cookies;
	vq->done = done;
	spin_init(&vq->lock, "virtq");
	waitqueue_init(&vq->free_wq);
	for (unsigned int i = 0; i < vq->size; i++)
		vq->desc[i].next = i + 1;
	vq->nfree = vq->size;
	queue_publish(dev, vq);
	dev->queues[dev->nqueues++] = vq;
	return vq;
}

static int submit(struct virtq *vq, const struct virtio_buf *bufs, unsigned int n,
		  void *cookie, bool wait)
{
	if (n == 0 || n > vq->size)
		return -EINVAL;
	for (;;) {
		spin_lock(&vq->lock);
		if (vq->nfree >= n)
			break;
		spin_unlock(&vq->lock);
		if (!wait)
			return -ENOSPC;
		wait_event(vq->free_wq, READ_ONCE(vq->nfree) >= n);
	}
	uint16_t head = vq->free_head, d = head;
	for (unsigned int i = 0; i < n; i++) {
		struct virtq_desc *desc = &vq->desc[d];
		/* Kernel stacks are not in the direct map: no DMA there. */
		BUG_ON((unsigned long)bufs[i].addr >= KSTACK_AREA &&
		       (unsigned long)bufs[i].addr < KSTACK_AREA_END);
		desc->addr = virt_to_phys(bufs[i].addr);
		desc->len = bufs[i].len;
		desc->flags = (bufs[i].device_writes ? VIRTQ_DESC_F_WRITE : 0) |
			      (i + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		if (i + 1 < n)
			d = desc->next;
	}
	vq->free_head = vq->desc[d].next;
	vq->nfree -= n;
	vq->cookies[head] = cookie;
	uint16_t idx = vq->avail[1];
	vq->avail[2 + idx % vq->size] = head;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	vq->avail[1] = idx + 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	wr(vq->dev, REG_QUEUE_NOTIFY, vq->index);
	spin_unlock(&vq->lock);
	return 0;
}

int virtq_submit(struct virtq *vq, const struct virtio_buf *bufs, unsigned int n,
		 void *cookie)
{
	return submit(vq, bufs, n, cookie, true);
}

int virtq_try_submit(struct virtq *vq, const struct virtio_buf *bufs, unsigned int n,
		     void *cookie)
{
	return submit(vq, bufs, n, cookie, false);
}

/* Reclaim completed chains and report them. */
static void virtq_drain(struct virtq *vq)
{
	spin_lock(&vq->lock);
	volatile struct virtq_used_elem *elems = (void *)(vq->used + 2);
	while (vq->last_used != vq->used[1]) {
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		struct virtq_used_elem e = elems[vq->last_used % vq->size];
		vq->last_used++;
		void *cookie = vq->cookies[e.id];
		vq->cookies[e.id] = NULL;	/* no stale pointer (kmemleak scans it) */
		unsigned int d = e.id, n = 1;
		while (vq->desc[d].flags & VIRTQ_DESC_F_NEXT) {
			d = vq->desc[d].next;
			n++;
		}
		vq->desc[d].next = vq->free_head;
		vq->free_head = e.id;
		vq->nfree += n;
		spin_unlock(&vq->lock);
		vq->done(vq, cookie, e.len);
		spin_lock(&vq->lock);
	}
	spin_unlock(&vq->lock);
	wake_up(&vq->free_wq);
}

static void virtio_interrupt(void *arg)
{
	struct virtio_dev *dev = arg;
	uint32_t status = rd(dev, REG_INTERRUPT_STATUS);
	wr(dev, REG_INTERRUPT_ACK, status);
	for (unsigned int i = 0; i < dev->nqueues; i++)
		virtq_drain(dev->queues[i]);
}

void virtio_init(void)
{
	int nprobed = 0;
	for (int i = 0; i < boot_info.nvirtio; i++) {
		struct virtio_dev *dev = &devices[i];
		dev->mmio = &boot_info.virtio[i];
		dev->regs = phys_to_virt(dev->mmio->base);
		uint32_t version = rd(dev, REG_VERSION);
		if (rd(dev, REG_MAGIC) != VIRTIO_MAGIC ||
		    (version != VIRTIO_MMIO_LEGACY && version != VIRTIO_MMIO_MODERN))
			continue;
		dev->legacy = version == VIRTIO_MMIO_LEGACY;
		dev->device_id = rd(dev, REG_DEVICE_ID);
		int err = 0;
		switch (dev->device_id) {
		case VIRTIO_ID_BLOCK:
			err = virtio_blk_probe(dev);
			break;
		case VIRTIO_ID_RNG:
			err = virtio_rng_probe(dev);
			break;
		case VIRTIO_ID_CONSOLE:
			err = virtio_console_probe(dev);
			break;
		case VIRTIO_ID_NET:
			err = virtio_net_probe(dev);
			break;
		default:
			continue;
		}
		if (err) {
			printk("virtio: device %u at %p: error %d\n", dev->device_id,
			       (void *)dev->mmio->base, err);
			continue;
		}
		snprintf(dev->name, sizeof(dev->name), "virtio%d", nprobed++);
		irq_register(dev->mmio->irq, virtio_interrupt, dev, dev->name);
	}
}
