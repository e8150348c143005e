/* External interrupts through the PLIC (drivers/plic.c). */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

typedef void (*irq_handler_t)(void *arg);

void plic_init(void);
void plic_init_hart(void);
int irq_register(unsigned int irq, irq_handler_t handler, void *arg);
void plic_handle(void);

#endif
