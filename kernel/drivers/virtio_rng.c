/*
 * virtio entropy device: fills buffers with random bytes for getrandom(2)
 * and /dev/random.  One request at a time, guarded by rng_lock.
 */
#include "virtio.h"
#include "kmalloc.h"
#include "random.h"
#include "string.h"
#include "printk.h"

static struct virtq *rng_vq;
static struct mutex rng_lock;
static struct waitqueue rng_wq = WAITQUEUE_INIT(rng_wq);
static volatile uint32_t rng_got;
static volatile bool rng_done;

static void rng_complete(struct virtq *vq, void *cookie, uint32_t len)
{
	rng_got = len;
	rng_done = true;
	wake_up(&rng_wq);
}

/* Fill a kernel buffer from the device: bytes filled, or -errno. */
static ssize_t virtio_rng_read(void *buf, size_t len)
{
	if (!rng_vq)
		return -ENODEV;
	char *tmp = kmalloc(len);
	if (!tmp)
		return -ENOMEM;
	mutex_lock(&rng_lock);
	rng_done = false;
	struct virtio_buf b = { tmp, len, true };
	ssize_t ret = virtq_submit(rng_vq, &b, 1, NULL);
	if (!ret) {
		wait_event(rng_wq, rng_done);
		ret = rng_got;
		memcpy(buf, tmp, ret);
	}
	mutex_unlock(&rng_lock);
	kfree(tmp);
	return ret;
}

static struct entropy_source virtio_rng_source = {
	.name = "virtio-rng",
	.read = virtio_rng_read,
};

int virtio_rng_probe(struct virtio_dev *dev)
{
	int err = virtio_setup(dev, 0);
	if (err)
		return err;
	mutex_init(&rng_lock, "rng");
	rng_vq = virtq_create(dev, 0, rng_complete);
	if (!rng_vq)
		return -EIO;
	virtio_driver_ok(dev);
	printk("virtio-rng: entropy source%s\n", dev->legacy ? " (legacy virtio-mmio)" : "");
	register_entropy_source(&virtio_rng_source);
	return 0;
}
