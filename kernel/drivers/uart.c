/*
 * The 16550 UART of the qemu virt machine: the console.  Output is written
 * directly (qemu's transmitter is always ready; we still check LSR) and
 * registered as the console printk and the console tty write through.
 * Input arrives by interrupt and is handed to the tty layer
 * (tty_console_receive).
 */
#include "uart.h"
#include "printk.h"
#include "boot.h"
#include "irq.h"
#include "riscv.h"
#include "tty.h"

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1
#define UART_FCR	2
#define UART_LCR	3
#define UART_LSR	5
#define IER_RX		0x01
#define LSR_DR		0x01
#define LSR_THRE	0x20

static volatile uint8_t *uart;

static inline uint8_t uart_rd(int reg) { return uart[reg]; }
static inline void uart_wr(int reg, uint8_t v) { uart[reg] = v; }

static void uart_putc(char c)
{
	while (!(uart_rd(UART_LSR) & LSR_THRE))
		;
	uart_wr(UART_THR, c);
}

/* Raw bytes: printk and the tty layer do their own newline translation. */
static void uart_console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		uart_putc(s[i]);
}

static struct console uart_console = {
	.name = "ttyS0",
	.write = uart_console_write,
};

static void uart_interrupt(void *arg)
{
	while (uart_rd(UART_LSR) & LSR_DR)
		tty_console_receive(uart_rd(UART_RBR));
}

void uart_init(void)
{
	if (!boot_info.uart.base)
		return;
	uart = phys_to_virt(boot_info.uart.base);
	uart_wr(UART_FCR, 0x07);	/* enable and clear FIFOs */
	register_console(&uart_console);
}

void uart_enable_rx(void)
{
	if (!uart)
		return;
	irq_register(boot_info.uart.irq, uart_interrupt, NULL, "ttyS0");
	uart_wr(UART_IER, IER_RX);
}
