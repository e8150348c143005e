# Userland programs.  Conventions:
#   userland/bin/NAME.c    one-file utility  -> /bin/NAME
#   userland/sbin/NAME.c   one-file utility  -> /sbin/NAME
#   userland/init/*.c      PID 1             -> /sbin/init
#   userland/sh/*.c        the shell         -> /bin/sh
# Every program also builds natively: build/host/bin/NAME.
# Files named *_test.c or fuzz_*.c are host tests, never linked into programs.

USER_SINGLE_BIN  := $(basename $(notdir $(wildcard userland/bin/*.c)))
USER_SINGLE_SBIN := $(basename $(notdir $(wildcard userland/sbin/*.c)))
prog_srcs = $(filter-out %_test.c userland/$(1)/fuzz_%.c,$(wildcard userland/$(1)/*.c))

ROOT_PROGS := $(USER_SINGLE_BIN:%=$(B)/root/bin/%) $(USER_SINGLE_SBIN:%=$(B)/root/sbin/%)
HOST_PROGS := $(USER_SINGLE_BIN:%=$(B)/host/bin/%) $(USER_SINGLE_SBIN:%=$(B)/host/bin/%)

# Multi-file programs: directory -> installed path.
define multi_prog
ROOT_PROGS += $(B)/root/$(2)
HOST_PROGS += $(B)/host/bin/$(notdir $(2))
$(B)/root/$(2): $(patsubst userland/%.c,$(B)/user/%.o,$(call prog_srcs,$(1))) $(LIBC_DEPS)
	@mkdir -p $$(dir $$@)
	$$(USER_CC) $$(USER_LDFLAGS) -o $$@ $$(filter-out $(B)/libc/crt0.o,$$(filter %.o,$$^)) $$(USER_LDLIBS)
$(B)/host/bin/$(notdir $(2)): $(call prog_srcs,$(1))
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(HOST_CFLAGS) -o $$@ $$^ $$(HOST_LDLIBS_$(1))
endef
ifneq ($(wildcard userland/init/*.c),)
$(eval $(call multi_prog,init,sbin/init))
endif
ifneq ($(wildcard userland/sh/*.c),)
$(eval $(call multi_prog,sh,bin/sh))
endif

$(B)/user/%.o: userland/%.c $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) -MMD -c -o $@ $<

$(B)/root/bin/%: $(B)/user/bin/%.o $(LIBC_DEPS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)
$(B)/root/sbin/%: $(B)/user/sbin/%.o $(LIBC_DEPS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $< $(USER_LDLIBS)

$(B)/host/bin/%: userland/bin/%.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<
$(B)/host/bin/%: userland/sbin/%.c
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) -o $@ $<

host: $(HOST_PROGS)
userland: $(ROOT_PROGS)
.PHONY: userland
