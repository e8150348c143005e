/* The 16550 UART of the virt machine (drivers/uart.c): the console. */
#ifndef KERNEL_UART_H
#define KERNEL_UART_H

void uart_init(void);		/* map it and register it as the console */
void uart_enable_rx(void);	/* input interrupts, once the PLIC is up */

#endif
