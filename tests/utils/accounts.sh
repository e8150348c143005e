#!/bin/sh
# accounts.sh BINDIR MKUTMP: checks the programs that read or change the
# account files and the login records (id, groups, whoami, ls -l, chown,
# chgrp, useradd, userdel, who, w, last).  Native builds only: they look
# for /etc, /var, /home, /dev and /proc under $USERLAND_ROOT, here a
# scratch tree, and MKUTMP (tests/utils/mkutmp.c) writes login records
# with glibc.  Each check prints "PASS name" or "FAIL name: why".

case $1 in
/*) B=$1 ;;
'') echo "usage: accounts.sh bindir mkutmp" >&2; exit 2 ;;
*) B=$(pwd)/$1 ;;
esac
case $2 in
/*) MKUTMP=$2 ;;
*) MKUTMP=$(pwd)/$2 ;;
esac
R=${TMPDIR:-/tmp}/accounts-test.$$
rm -rf "$R"
mkdir -p "$R/etc/skel/.config" "$R/home" "$R/var/run" "$R/var/log" "$R/dev" \
	"$R/proc/4321" "$R/proc/4400" || { echo "FAIL utils-accounts-setup: $R"; exit 0; }
export USERLAND_ROOT="$R" TZ=UTC
NL='
'
# 2025-12-06 12:00:00 UTC, a Saturday
T0=1765022400

pass() { echo "PASS utils-accounts-$1"; }
fail() { echo "FAIL utils-accounts-$1: $2"; }
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}
contains() {
	case $3 in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "'$2' not in '$3'" ;;
	esac
}
# status NAME WANT COMMAND...: the exit status, output discarded
status() {
	name=$1 want=$2
	shift 2
	"$@" >/dev/null 2>&1
	same "$name" "$want" "$?"
}
# owner_of FILE: "user group" as our ls -ld shows them
owner_of() {
	set -- $("$B/ls" -ld "$1")
	echo "$3 $4"
}
line_of() {
	grep "^$1:" "$R/etc/$2"
}

cat > "$R/etc/passwd" <<'END'
root:x:0:0:root:/root:/bin/sh
alice:x:1000:1000:Alice:/home/alice:/bin/sh
bob:x:1001:1001::/home/bob:/bin/sh
END
cat > "$R/etc/group" <<'END'
root:x:0:
users:x:100:alice,bob
alice:x:1000:
bob:x:1001:
END
printf 'root::20000:0:99999:7:::\nalice:!:20000:0:99999:7:::\nbob:!:20000:0:99999:7:::\n' > "$R/etc/shadow"
chmod 600 "$R/etc/shadow"
echo 'PS1="$ "' > "$R/etc/skel/.profile"
echo 'x' > "$R/etc/skel/.config/app"

# --- id, groups, whoami
same id-user "uid=1000(alice) gid=1000(alice) groups=1000(alice),100(users)" "$("$B/id" alice)"
same id-number "uid=1001(bob) gid=1001(bob) groups=1001(bob),100(users)" "$("$B/id" 1001)"
same id-u "1000" "$("$B/id" -u alice)"
same id-un "alice" "$("$B/id" -un alice)"
same id-gn "bob" "$("$B/id" -gn bob)"
same id-G "1000 100" "$("$B/id" -G alice)"
same id-Gn "alice users" "$("$B/id" -Gn alice)"
same id-Gnr "alice users" "$("$B/id" -Gnr alice)"
same id-missing "id: 'carol': no such user" "$("$B/id" carol 2>&1)"
status id-missing-status 1 "$B/id" carol
status id-n-alone 1 "$B/id" -n
status id-u-and-g 1 "$B/id" -u -g
if [ "$(id -u)" = 0 ]; then
	same id-self-root "root" "$("$B/id" -un)"
	same whoami-root "root" "$("$B/whoami")"
	contains id-self "uid=0(root) gid=0(root) groups=0(root)" "$("$B/id")"
fi
same groups-users "alice : alice users${NL}bob : bob users" "$("$B/groups" alice bob)"
same groups-missing "groups: 'carol': no such user" "$("$B/groups" carol 2>&1)"

# --- ls -l names, chown, chgrp
cd "$R" || exit 0
echo data > f
mkdir -p tree/sub
echo x > tree/sub/file
ln -s f link
if [ "$(id -u)" = 0 ]; then
	"$B/chown" alice:users f
	same chown-user-group "alice users" "$(owner_of f)"
	"$B/chown" 4242 f
	same chown-number "4242 users" "$(owner_of f)"
	"$B/chown" :alice f
	same chown-group-only "4242 alice" "$(owner_of f)"
	"$B/chown" bob: f
	same chown-login-group "bob bob" "$(owner_of f)"
	"$B/chgrp" users f
	same chgrp "bob users" "$(owner_of f)"
	"$B/chgrp" 4343 f
	same chgrp-number "bob 4343" "$(owner_of f)"
	"$B/chown" -R alice:alice tree
	same chown-R "alice alice" "$(owner_of tree/sub/file)"
	"$B/chown" -R bob link
	same chown-R-link-itself "bob 4343" "$(owner_of f)"
	"$B/chown" alice link
	same chown-follows-operand "alice 4343" "$(owner_of f)"
fi
same chown-bad-user "chown: invalid user: 'carol'" "$("$B/chown" carol f 2>&1)"
same chown-bad-group "chown: invalid group: 'alice:staff'" "$("$B/chown" alice:staff f 2>&1)"
same chgrp-bad-group "chgrp: invalid group: 'staff'" "$("$B/chgrp" staff f 2>&1)"
same chown-missing "chown: cannot access 'nofile': No such file or directory" "$("$B/chown" alice nofile 2>&1)"
status chown-missing-status 1 "$B/chown" alice nofile
status chown-usage 1 "$B/chown" alice
status chgrp-usage 1 "$B/chgrp" -x users f

# --- useradd, userdel (they refuse anyone but root)
if [ "$(id -u)" = 0 ]; then
	status useradd 0 "$B/useradd" -m -G users,bob carol
	same useradd-passwd "carol:x:1002:1002::/home/carol:/bin/sh" "$(line_of carol passwd)"
	same useradd-group "carol:x:1002:" "$(line_of carol group)"
	same useradd-member "users:x:100:alice,bob,carol" "$(line_of users group)"
	same useradd-member-empty "bob:x:1001:carol" "$(line_of bob group)"
	contains useradd-shadow "carol:!:" "$(line_of carol shadow)"
	same useradd-shadow-mode "-rw-------" "$(set -- $("$B/ls" -l etc/shadow); echo "$1")"
	same useradd-home "drwx------ carol carol" "$(set -- $("$B/ls" -ld home/carol); echo "$1 $3 $4")"
	same useradd-skel "carol carol" "$(owner_of home/carol/.config/app)"
	same useradd-skel-text 'PS1="$ "' "$(cat home/carol/.profile)"
	same useradd-id "uid=1002(carol) gid=1002(carol) groups=1002(carol),100(users),1001(bob)" "$("$B/id" carol)"
	status useradd-exists 9 "$B/useradd" carol
	same useradd-exists-message "useradd: user 'carol' already exists" "$("$B/useradd" carol 2>&1)"
	status useradd-bad-name 3 "$B/useradd" Dave
	status useradd-long-name 3 "$B/useradd" abcdefghijklmnopqrstuvwxyz0123456
	status useradd-no-group 6 "$B/useradd" -g staff dave
	status useradd-uid-used 4 "$B/useradd" -u 1000 dave
	status useradd-group-exists 9 "$B/useradd" users
	status useradd-options 0 "$B/useradd" -u 2000 -g users -s /bin/false -d /srv/dave dave
	same useradd-options-line "dave:x:2000:100::/srv/dave:/bin/false" "$(line_of dave passwd)"
	same useradd-no-own-group "" "$(line_of dave group)"
	status useradd-next-uid 0 "$B/useradd" erin
	same useradd-next-uid-line "erin:x:2001:2001::/home/erin:/bin/sh" "$(line_of erin passwd)"
	status userdel 0 "$B/userdel" -r carol
	same userdel-passwd "" "$(line_of carol passwd)"
	same userdel-shadow "" "$(line_of carol shadow)"
	same userdel-group "" "$(line_of carol group)"
	same userdel-member "users:x:100:alice,bob" "$(line_of users group)"
	same userdel-member-last "bob:x:1001:" "$(line_of bob group)"
	status userdel-home 1 [ -e home/carol ]
	status userdel-missing 6 "$B/userdel" carol
	status userdel-keeps-home 0 "$B/userdel" erin
	same userdel-shared-group "users:x:100:alice,bob" "$(line_of users group)"
	status userdel-usage 2 "$B/userdel"
else
	status useradd-not-root 1 "$B/useradd" carol
fi

# --- who, w, last from records written by glibc
U=$R/var/run/utmp W=$R/var/log/wtmp
"$MKUTMP" "$U" 7 tty1 alice - $T0 4321
"$MKUTMP" "$U" 8 tty2 - - $((T0 + 30))
"$MKUTMP" "$U" 7 pts/0 bob 10.0.0.2 $((T0 + 600)) 999999
same who "alice    tty1         2025-12-06 12:00${NL}bob      pts/0        2025-12-06 12:10 (10.0.0.2)" "$("$B/who")"
same who-q "alice bob${NL}# users=2" "$("$B/who" -q)"
same who-file "$("$B/who")" "$("$B/who" "$U")"
same who-missing "who: nofile: No such file or directory" "$("$B/who" nofile 2>&1)"

echo "3723.51 100.00" > proc/uptime
echo "4321 (sh) S 1 4321 4321 34817 4400 4194560 0 0" > proc/4321/stat
printf 'vi\0notes.txt\0' > proc/4400/cmdline
printf -- '-sh\0' > proc/4321/cmdline
: > dev/tty1
touch -a -d "@$(($(date +%s) - 187))" dev/tty1
out=$("$B/w")
contains w-header "up  1:02,  2 users" "$out"
case $out in
*"load average"*) fail w-no-load "a load average without /proc/loadavg" ;;
*) pass w-no-load ;;
esac
contains w-titles "${NL}USER     TTY      LOGIN@    IDLE WHAT${NL}" "$out"
contains w-foreground "${NL}alice    tty1     06Dec25   3:0" "$out"
contains w-what " vi notes.txt${NL}" "$out"
contains w-no-process "${NL}bob      pts/0    06Dec25      ? -" "$out"
echo "0.50 0.25 0.12 1/20 300" > proc/loadavg
contains w-load "2 users,  load average: 0.50, 0.25, 0.12" "$("$B/w")"
same w-h-user "1" "$("$B/w" -h bob | wc -l)"

"$MKUTMP" "$W" 2 '~' reboot - $((T0 - 7200))
"$MKUTMP" "$W" 7 tty3 carol - $((T0 - 3600))
"$MKUTMP" "$W" 2 '~' reboot - $T0
"$MKUTMP" "$W" 7 tty1 alice - $((T0 + 60))
"$MKUTMP" "$W" 8 tty1 - - $((T0 + 60 + 31 * 60))
"$MKUTMP" "$W" 7 pts/0 bob 10.0.0.2 $((T0 + 3600))
same last "bob      pts/0        10.0.0.2         Sat Dec  6 13:00   still logged in
alice    tty1                          Sat Dec  6 12:01 - 12:32  (00:31)
reboot   system boot                   Sat Dec  6 12:00   still running
carol    tty3                          Sat Dec  6 11:00 - crash
reboot   system boot                   Sat Dec  6 10:00

wtmp begins Sat Dec  6 10:00:00 2025" "$("$B/last")"
same last-user "alice    tty1                          Sat Dec  6 12:01 - 12:32  (00:31)

wtmp begins Sat Dec  6 10:00:00 2025" "$("$B/last" alice)"
: > empty
touch -m -d @$T0 empty
same last-empty "
empty begins Sat Dec  6 12:00:00 2025" "$("$B/last" -f empty)"
same last-missing "last: cannot open nofile: No such file or directory" "$("$B/last" -f nofile 2>&1)"

cd /
rm -rf "$R"
exit 0
