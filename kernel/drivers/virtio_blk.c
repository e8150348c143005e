/*
 * virtio block devices: /dev/vda, vdb, ...  A transfer is one request
 * (header, data, status) whose submitter sleeps until the interrupt handler
 * marks it done.  Data buffers are kernel direct-map addresses; a buffer
 * that crosses a page boundary is physically contiguous only if it came
 * from one kmalloc block, which is what the block cache hands us.
 */
#include "virtio.h"
#include "bcache.h"
#include "kmalloc.h"
#include "printk.h"
#include "vmstat.h"

#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_MAJOR	254

struct blk_req {
	struct {
		uint32_t type;
		uint32_t reserved;
		uint64_t sector;
	} hdr;
	uint8_t status;
	volatile bool done;
	struct waitqueue wq;
};

struct virtio_blk {
	struct virtio_dev *dev;
	struct virtq *vq;
	struct blockdev bdev;
	char name[8];
};

static int nblk;

static void blk_done(struct virtq *vq, void *cookie, uint32_t len)
{
	struct blk_req *req = cookie;
	/* Under the queue's lock: the waiter frees req as soon as it sees
	 * done, and its finish_wait waits for this unlock, after which req
	 * is not touched here.  (A plain wake_up after done = true read and
	 * locked req's queue after the waiter may have freed it.) */
	spin_lock(&req->wq.lock);
	req->done = true;
	wake_up_locked(&req->wq);
	spin_unlock(&req->wq.lock);
}

static int blk_transfer(struct blockdev *bdev, uint64_t sector, void *buf,
			size_t nbytes, bool write)
{
	struct virtio_blk *blk = bdev->priv;
	struct blk_req *req = kzalloc(sizeof(*req));
	if (!req)
		return -ENOMEM;
	if (sector + nbytes / SECTOR_SIZE > bdev->nsectors) {
		kfree(req);
		return -EIO;
	}
	req->hdr.type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
	req->hdr.sector = sector;
	req->status = 0xff;
	waitqueue_init(&req->wq);
	struct virtio_buf bufs[3] = {
		{ &req->hdr, sizeof(req->hdr), false },
		{ buf, nbytes, !write },
		{ &req->status, 1, true },
	};
	int err = virtq_submit(blk->vq, bufs, 3, req);
	count_vm_events(write ? PGPGOUT : PGPGIN, nbytes / 1024);
	if (!err) {
		wait_event(req->wq, req->done);
		err = req->status == VIRTIO_BLK_S_OK ? 0 : -EIO;
	}
	kfree(req);
	return err;
}

int virtio_blk_probe(struct virtio_dev *dev)
{
	struct virtio_blk *blk = kzalloc(sizeof(*blk));
	if (!blk)
		return -ENOMEM;
	int err = virtio_setup(dev, 0);
	if (err) {
		kfree(blk);
		return err;
	}
	blk->dev = dev;
	blk->vq = virtq_create(dev, 0, blk_done);
	if (!blk->vq) {
		kfree(blk);
		return -EIO;
	}
	uint64_t capacity = virtio_config_read32(dev, 0) |
			    (uint64_t)virtio_config_read32(dev, 4) << 32;
	blk->name[0] = 'v';
	blk->name[1] = 'd';
	blk->name[2] = 'a' + nblk;
	blk->bdev.dev = MKDEV(VIRTIO_BLK_MAJOR, 16 * nblk);
	blk->bdev.name = blk->name;
	blk->bdev.nsectors = capacity;
	blk->bdev.transfer = blk_transfer;
	blk->bdev.priv = blk;
	nblk++;
	virtio_driver_ok(dev);
	blockdev_register(&blk->bdev);
	printk("virtio-blk: %s, %lu MiB%s\n", blk->name, (unsigned long)(capacity >> 11),
	       dev->legacy ? " (legacy virtio-mmio)" : "");
	return 0;
}
