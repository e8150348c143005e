# Userland programs.  Conventions:
#   userland/bin/NAME.c    one-file utility  -> /bin/NAME
#   userland/sbin/NAME.c   one-file utility  -> /sbin/NAME
#   userland/init/*.c      PID 1             -> /sbin/init
#   userland/sh/*.c        the shell         -> /bin/sh
#   userland/isolate/*.c   containers        -> /bin/isolate
#   userland/ip/*.c        iproute2's ip     -> /bin/ip
#   userland/lib/*.c       routines several programs share (copying, signal
#                          names, mode strings and expressions, sizes), one
#                          idea per file, *_test.c their host tests;
#                          archived as libuser.a for each build and linked
#                          into every program, which takes what it calls
# Every program also builds natively: build/host/bin/NAME.
# Files named *_test.c or fuzz_*.c are host tests, never linked into programs.

USER_SINGLE_BIN  := $(basename $(notdir $(wildcard userland/bin/*.c)))
# chown.c is also chgrp: it reads its name from argv[0].
USER_SINGLE_BIN  += chgrp
USER_SINGLE_SBIN := $(basename $(notdir $(wildcard userland/sbin/*.c)))
# poweroff.c is also reboot: it reads its name from argv[0].
USER_SINGLE_SBIN += reboot
prog_srcs = $(filter-out %_test.c userland/$(1)/fuzz_%.c,$(wildcard userland/$(1)/*.c))

ROOT_PROGS := $(USER_SINGLE_BIN:%=$(B)/root/bin/%) $(USER_SINGLE_SBIN:%=$(B)/root/sbin/%)
HOST_PROGS := $(USER_SINGLE_BIN:%=$(B)/host/bin/%) $(USER_SINGLE_SBIN:%=$(B)/host/bin/%)
# The kernel's symbol table goes into every image beside the programs.
ROOT_PROGS += $(B)/root/boot/System.map

USERLIB_SRCS    := $(filter-out %_test.c,$(wildcard userland/lib/*.c))
USERLIB_HEADERS := $(wildcard userland/lib/*.h)
USERLIB         := $(B)/user/lib/libuser.a
HOST_USERLIB    := $(B)/host/lib/libuser.a
USERLIB_CFLAGS  := -Iuserland/lib
# Native builds look for system files under $USERLAND_ROOT when it is set
# (userland/lib/accounts.h: sys_path), so tests can give a scratch /etc.
HOST_USERLIB_DEFS := -DUSERLAND_ROOT_ENV='"USERLAND_ROOT"'

$(USERLIB): $(patsubst userland/%.c,$(B)/user/%.o,$(USERLIB_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@
	$(USER_AR) rcs $@ $^
$(HOST_USERLIB): $(patsubst userland/lib/%.c,$(B)/host/lib/%.o,$(USERLIB_SRCS))
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^
$(B)/host/lib/%.o: userland/lib/%.c $(USERLIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(USERLIB_CFLAGS) $(HOST_USERLIB_DEFS) -c -o $@ $<

# Multi-file programs: directory -> installed path.
define multi_prog
ROOT_PROGS += $(B)/root/$(2)
HOST_PROGS += $(B)/host/bin/$(notdir $(2))
$(B)/root/$(2): $(patsubst userland/%.c,$(B)/user/%.o,$(call prog_srcs,$(1))) $(USERLIB) $(LIBC_DEPS)
	@mkdir -p $$(dir $$@)
	$$(USER_CC) $$(USER_LDFLAGS) -o $$@ $$(filter-out $(B)/libc/crt0.o,$$(filter %.o,$$^)) $(USERLIB) $$(USER_LDLIBS)
$(B)/host/bin/$(notdir $(2)): $(call prog_srcs,$(1)) $(HOST_USERLIB) $(USERLIB_HEADERS)
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(HOST_CFLAGS) $(USERLIB_CFLAGS) $$(HOST_CFLAGS_$(1)) -o $$@ $$(filter %.c,$$^) $(HOST_USERLIB) $$(HOST_LDLIBS_$(1))
endef
# isolate uses libc's <cgroup.h> layer, plain POSIX: natively it compiles
# that file too, finding the header (only it) in libc/include.
HOST_CFLAGS_isolate := -iquote libc/include
$(B)/host/bin/isolate: libc/src/cgroup.c libc/include/cgroup.h
ifneq ($(wildcard userland/init/*.c),)
$(eval $(call multi_prog,init,sbin/init))
endif
ifneq ($(wildcard userland/sh/*.c),)
$(eval $(call multi_prog,sh,bin/sh))
endif
ifneq ($(wildcard userland/isolate/*.c),)
$(eval $(call multi_prog,isolate,bin/isolate))
endif
# userland/ip: iproute2's ip over rtnetlink -> /bin/ip (where Debian keeps it)
ifneq ($(wildcard userland/ip/*.c),)
$(eval $(call multi_prog,ip,bin/ip))
endif

# userland/login: login, su and passwd, each its own NAME.c over the code
# they share (every other file of the folder) -> /bin/NAME.  su and passwd
# are set-user-ID root in the image (mkimage keeps the modes of build/root).
LOGIN_PROGS       := login su passwd
LOGIN_SETUID      := su passwd
LOGIN_SHARED_SRCS := $(filter-out $(LOGIN_PROGS:%=userland/login/%.c),$(call prog_srcs,login))
LOGIN_HEADERS     := $(wildcard userland/login/*.h)
HOST_LDLIBS_login := -lcrypt

define login_prog
ROOT_PROGS += $(B)/root/bin/$(1)
HOST_PROGS += $(B)/host/bin/$(1)
$(B)/root/bin/$(1): $(B)/user/login/$(1).o $(LOGIN_SHARED_SRCS:userland/%.c=$(B)/user/%.o) $(USERLIB) $(LIBC_DEPS)
	@mkdir -p $$(dir $$@)
	$$(USER_CC) $$(USER_LDFLAGS) -o $$@ $$(filter-out $(B)/libc/crt0.o,$$(filter %.o,$$^)) $(USERLIB) $$(USER_LDLIBS)
	$(if $(filter $(1),$(LOGIN_SETUID)),chmod 4755 $$@)
$(B)/host/bin/$(1): userland/login/$(1).c $(LOGIN_SHARED_SRCS) $(LOGIN_HEADERS) $(HOST_USERLIB)
	@mkdir -p $$(dir $$@)
	$$(HOSTCC) $$(HOST_CFLAGS) $(USERLIB_CFLAGS) -iquote libc/include -o $$@ $$(filter %.c,$$^) $(HOST_USERLIB) $(HOST_LDLIBS_login)
$(B)/host/bin/$(1): libc/src/cgroup.c libc/include/cgroup.h
endef
ifneq ($(wildcard userland/login/*.c),)
$(foreach p,$(LOGIN_PROGS),$(eval $(call login_prog,$(p))))
endif

$(B)/user/%.o: userland/%.c $(LIBC_HEADERS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_CFLAGS) $(USERLIB_CFLAGS) -MMD -c -o $@ $<

$(B)/root/bin/%: $(B)/user/bin/%.o $(USERLIB) $(LIBC_DEPS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $< $(USERLIB) $(USER_LDLIBS)
$(B)/root/sbin/%: $(B)/user/sbin/%.o $(USERLIB) $(LIBC_DEPS)
	@mkdir -p $(dir $@)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $< $(USERLIB) $(USER_LDLIBS)

$(B)/host/bin/%: userland/bin/%.c $(HOST_USERLIB) $(USERLIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(USERLIB_CFLAGS) -o $@ $< $(HOST_USERLIB)
$(B)/host/bin/%: userland/sbin/%.c $(HOST_USERLIB) $(USERLIB_HEADERS)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOST_CFLAGS) $(USERLIB_CFLAGS) -o $@ $< $(HOST_USERLIB)

# The second names of one-file programs (see USER_SINGLE_SBIN).
$(B)/root/sbin/reboot: $(B)/root/sbin/poweroff
	cp $< $@
$(B)/host/bin/reboot: $(B)/host/bin/poweroff
	cp $< $@
$(B)/root/bin/chgrp: $(B)/root/bin/chown
	cp $< $@
$(B)/host/bin/chgrp: $(B)/host/bin/chown
	cp $< $@

host: $(HOST_PROGS)
userland: $(ROOT_PROGS)
.PHONY: userland
