/*
 * The virtio console: /dev/hvc0, a second terminal beside the UART, with
 * the same line discipline (tty/tty.c).  Only port 0 is spoken (we do not
 * ask for VIRTIO_CONSOLE_F_MULTIPORT), so the device has one receive queue
 * (0) and one transmit queue (1) and no control queues.  The UART stays
 * the kernel's console for printk.
 *
 * Input: RX_BUFS buffers wait on the receive queue from probe time on.
 * The interrupt hands the bytes of each filled buffer to the tty layer and
 * posts the buffer again, so the device always has somewhere to write.
 *
 * Output: the tty layer calls hvc_write() with tty->lock held, sometimes
 * from the interrupt (echo), so it must not sleep.  Bytes go into a ring
 * of one page (any stretch of it is physically contiguous, as the device
 * needs), and one stretch of the ring at most is on the transmit queue.
 * The transmit interrupt frees that stretch, sends the next and wakes the
 * writers, who wait for room through the tty's write_room.  qemu's
 * virtconsole completes every buffer even when nobody is attached, so
 * output never stalls for good; but it also drops what the host side
 * cannot take at once.  Many tiny writes (a program writing a line at a
 * time) fill a host socket's buffer long before its bytes do, so bytes
 * written to an idle device wait TX_COALESCE_NS (or until the ring is
 * half full) and leave together.
 *
 * hvc->tx_lock guards the ring's head, tail, tx_busy and kick_pending;
 * it nests inside tty->lock and outside the virtqueue's lock and the
 * timer list's.
 */
#include "virtio.h"
#include "tty.h"
#include "chrdev.h"
#include "fs.h"
#include "mm.h"
#include "timer.h"
#include "printk.h"

#define VIRTIO_CONSOLE_RX_QUEUE	0	/* port 0's receiveq */
#define VIRTIO_CONSOLE_TX_QUEUE	1	/* port 0's transmitq */
#define RX_BUFS			4
#define RX_BUF_SIZE		(PAGE_SIZE / RX_BUFS)
#define TX_RING			PAGE_SIZE
#define TX_COALESCE_NS		2000000ull	/* 2 ms: too short to see */
#define TX_SEND_NOW		(TX_RING / 2)

struct hvc {
	struct tty tty;
	struct virtio_dev *dev;
	struct virtq *rx, *tx;
	char *rx_page;			/* RX_BUFS buffers of RX_BUF_SIZE */
	char *tx_ring;			/* output waiting: [tail, head) */
	unsigned int head, tail;
	unsigned int tx_busy;		/* bytes from tail the device holds */
	bool kick_pending;		/* kick_timer will send what waits */
	struct ktimer kick_timer;
	struct spinlock tx_lock;
};

/* One virtio console is driven; a second is refused at probe. */
static struct hvc hvc0 = {
	.tty = {
		.lock = SPINLOCK_INIT("hvc"),
		.read_wq = WAITQUEUE_INIT(hvc0.tty.read_wq),
		.write_wq = WAITQUEUE_INIT(hvc0.tty.write_wq),
		.winsize = { 24, 80, 0, 0 },
	},
	.tx_lock = SPINLOCK_INIT("hvc-tx"),
};

static int rx_post(struct hvc *hvc, char *buf)
{
	struct virtio_buf b = { buf, RX_BUF_SIZE, true };
	return virtq_submit(hvc->rx, &b, 1, buf);
}

/*
 * A receive buffer came back filled: its bytes are typed input.  Posting
 * it again cannot sleep: its descriptor was freed just before this call
 * and nothing else takes descriptors of the receive queue.
 */
static void rx_done(struct virtq *vq, void *cookie, uint32_t len)
{
	char *buf = cookie;
	for (uint32_t i = 0; i < len && i < RX_BUF_SIZE; i++)
		tty_receive(&hvc0.tty, buf[i]);
	rx_post(&hvc0, buf);
}

/*
 * Hand the next stretch of the ring to the device (tx_lock held).  With
 * one stretch out at a time the transmit queue always has a free
 * descriptor here, so virtq_submit does not sleep.
 */
static void tx_start(struct hvc *hvc)
{
	if (hvc->tx_busy || hvc->head == hvc->tail)
		return;
	unsigned int off = hvc->tail % TX_RING;
	unsigned int n = MIN(hvc->head - hvc->tail, TX_RING - off);
	struct virtio_buf b = { hvc->tx_ring + off, n, false };
	if (virtq_submit(hvc->tx, &b, 1, hvc) == 0)
		hvc->tx_busy = n;
}

static uint64_t tx_kick(struct ktimer *t)
{
	struct hvc *hvc = container_of(t, struct hvc, kick_timer);
	spin_lock(&hvc->tx_lock);
	hvc->kick_pending = false;
	tx_start(hvc);
	spin_unlock(&hvc->tx_lock);
	return 0;
}

static void tx_done(struct virtq *vq, void *cookie, uint32_t len)
{
	struct hvc *hvc = cookie;
	spin_lock(&hvc->tx_lock);
	hvc->tail += hvc->tx_busy;
	hvc->tx_busy = 0;
	tx_start(hvc);
	spin_unlock(&hvc->tx_lock);
	wake_up(&hvc->tty.write_wq);
}

/* The tty's device write (tty->lock held): what finds the ring full is
 * dropped, as a UART drops what overflows its FIFO. */
static void hvc_write(struct tty *tty, const char *s, size_t n)
{
	struct hvc *hvc = container_of(tty, struct hvc, tty);
	spin_lock(&hvc->tx_lock);
	for (size_t i = 0; i < n && hvc->head - hvc->tail < TX_RING; i++)
		hvc->tx_ring[hvc->head++ % TX_RING] = s[i];
	if (hvc->head - hvc->tail >= TX_SEND_NOW) {
		tx_start(hvc);
	} else if (!hvc->tx_busy && !hvc->kick_pending) {
		/* Armed once, never pushed back: a steady writer still gets
		 * its bytes out every TX_COALESCE_NS. */
		hvc->kick_pending = true;
		ktimer_arm(&hvc->kick_timer, timer_now_ns() + TX_COALESCE_NS);
	}
	spin_unlock(&hvc->tx_lock);
}

static size_t hvc_write_room(struct tty *tty)
{
	struct hvc *hvc = container_of(tty, struct hvc, tty);
	return TX_RING - (READ_ONCE(hvc->head) - READ_ONCE(hvc->tail));
}

/* As the console: opening never makes it the controlling terminal; a
 * session leader asks with TIOCSCTTY. */
static int hvc_open(struct inode *in, struct file *f)
{
	f->private = &hvc0.tty;
	return 0;
}

static const struct file_operations hvc_fops = {
	.open = hvc_open, .read = tty_read, .write = tty_write, .ioctl = tty_ioctl,
	.poll = tty_poll,
};

static int hvc_queues(struct hvc *hvc, struct virtio_dev *dev)
{
	int err = -ENOMEM;
	hvc->rx_page = get_zeroed_page();
	hvc->tx_ring = get_zeroed_page();
	if (!hvc->rx_page || !hvc->tx_ring)
		goto fail;
	err = -EIO;
	hvc->rx = virtq_create(dev, VIRTIO_CONSOLE_RX_QUEUE, rx_done);
	hvc->tx = virtq_create(dev, VIRTIO_CONSOLE_TX_QUEUE, tx_done);
	if (!hvc->rx || !hvc->tx)
		goto fail;
	return 0;
fail:
	free_page(hvc->tx_ring);
	free_page(hvc->rx_page);
	return err;
}

int virtio_console_probe(struct virtio_dev *dev)
{
	struct hvc *hvc = &hvc0;
	if (hvc->dev)
		return -EBUSY;
	int err = virtio_setup(dev, 0);
	if (err)
		return err;
	err = hvc_queues(hvc, dev);
	if (err)
		return err;
	hvc->dev = dev;
	tty_defaults(&hvc->tty);
	hvc->tty.write = hvc_write;
	hvc->tty.write_room = hvc_write_room;
	hvc->tty.dev = MKDEV(HVC_MAJOR, 0);
	hvc->kick_timer.fn = tx_kick;
	/* The device may not be told of buffers before DRIVER_OK. */
	virtio_driver_ok(dev);
	for (int i = 0; i < RX_BUFS; i++)
		rx_post(hvc, hvc->rx_page + i * RX_BUF_SIZE);
	register_chrdev(HVC_MAJOR, 0, &hvc_fops);
	printk("virtio-console: hvc0%s\n", dev->legacy ? " (legacy virtio-mmio)" : "");
	return 0;
}
