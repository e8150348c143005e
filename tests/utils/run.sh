#!/bin/sh
# run.sh BINDIR: checks the small utilities found in BINDIR (host builds
# in build/host/bin, or /bin and /sbin merged in the guest).  Every check
# prints "PASS name" or "FAIL name: why".  Plain POSIX sh, no external
# programs but the ones under test, so it can run under our own shell.

case $1 in
'') echo "usage: run.sh bindir" >&2; exit 2 ;;
/*) B=$1 ;;
*) B=$(pwd)/$1 ;;
esac

T=${TMPDIR:-/tmp}/utils-test.$$
"$B/rm" -rf "$T"
"$B/mkdir" -p "$T" || { echo "FAIL utils-setup: cannot create $T"; exit 0; }
cd "$T" || exit 0
umask 022
NL='
'
ENOENT="No such file or directory"

pass() { echo "PASS utils-$1"; }
fail() { echo "FAIL utils-$1: $2"; }

# same NAME EXPECTED ACTUAL
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

# status NAME EXPECTED-STATUS COMMAND...: output discarded
status() {
	name=$1 want=$2
	shift 2
	"$@" >/dev/null 2>&1
	got=$?
	same "$name" "$want" "$got"
}

# contains NAME NEEDLE HAYSTACK
contains() {
	case $3 in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "'$2' not in the output" ;;
	esac
}

# mode_of FILE: the mode string of ls -ld
mode_of() {
	set -- $("$B/ls" -ld "$1")
	echo "$1"
}

# name_of FILE: what ls -l shows after the date ("name" or "name -> target")
name_of() {
	set -- $("$B/ls" -l "$1")
	[ $# -ge 8 ] && shift 8
	echo "$*"
}

# usage_check PROG BAD-ARGS...: a bad command line gives usage and status
# 1 or 2 (125 for env, which keeps 1 and 2 for the command it runs)
usage_check() {
	prog=$1
	shift
	out=$("$B/$prog" "$@" 2>&1 >/dev/null)
	st=$?
	case "$st:$out" in
	[12]:*"usage: $prog"* | 125:*"usage: $prog"*) pass "$prog-usage" ;;
	*) fail "$prog-usage" "status $st, stderr '$out'" ;;
	esac
}

# --- true, false, echo, sync, sleep
status true 0 "$B/true"
status false 1 "$B/false"
same echo "a b c" "$("$B/echo" a b c)"
same echo-n "ab" "$("$B/echo" -n a; "$B/echo" -n b)"
same echo-e "a	b" "$("$B/echo" -e 'a\tb')"
status sync 0 "$B/sync"
status sleep-fraction 0 "$B/sleep" 0.05
status sleep-bad 1 "$B/sleep" 1x
usage_check sleep

# --- files: cat, touch, mkdir, rmdir, ln
"$B/echo" hello > f
same cat "hello" "$("$B/cat" f)"
same cat-concat "hello${NL}hello" "$("$B/cat" f - < f)"
same cat-missing "cat: nofile: $ENOENT" "$("$B/cat" nofile 2>&1)"
status cat-missing-status 1 "$B/cat" nofile
usage_check cat -z
"$B/touch" t1
[ -f t1 ] && pass touch-create || fail touch-create "t1 missing"
status touch-no-create 0 "$B/touch" -c t2
[ ! -e t2 ] && pass touch-c || fail touch-c "t2 created"
"$B/mkdir" -p p/q/r
[ -d p/q/r ] && pass mkdir-p || fail mkdir-p "p/q/r missing"
status mkdir-p-existing 0 "$B/mkdir" -p p/q
status mkdir-existing 1 "$B/mkdir" p
"$B/mkdir" -m 700 private
same mkdir-m "drwx------" "$(mode_of private)"
usage_check mkdir
status rmdir-nonempty 1 "$B/rmdir" p
"$B/rmdir" -p p/q/r
[ ! -e p ] && pass rmdir-p || fail rmdir-p "p still there"
"$B/ln" -s f sym
same ln-s "sym -> f" "$(name_of sym)"
"$B/ln" f hard
set -- $("$B/ls" -l f)
same ln-hard-links "2" "$2"
"$B/echo" other > g
status ln-exists 1 "$B/ln" -s g sym
"$B/ln" -sf g sym
same ln-sf "other" "$("$B/cat" sym)"
usage_check ln

# --- ls
"$B/mkdir" d
"$B/touch" d/b d/a d/c d/.hidden
same ls-sorted "a${NL}b${NL}c" "$("$B/ls" d)"
same ls-a ".${NL}..${NL}.hidden${NL}a${NL}b${NL}c" "$("$B/ls" -a d)"
same ls-d "d" "$("$B/ls" -d d)"
same ls-1-files "f${NL}g" "$("$B/ls" -1 g f)"
"$B/echo" 12345 > five
line=$("$B/ls" -l five)
set -- $line
same ls-l-mode "-rw-r--r--" "$1"
same ls-l-links "1" "$2"
same ls-l-user "$("$B/id" -un)" "$3"
same ls-l-group "$("$B/id" -gn)" "$4"
same ls-l-size "6" "$5"
same ls-l-name "five" "$9"
status ls-l-date 0 "$B/grep" -q -E '^-rw-r--r-- 1 [^ ]+ [^ ]+ 6 [A-Z][a-z][a-z] [ 1-3][0-9] [0-9][0-9]:[0-9][0-9] five$' <<EOF_LS
$line
EOF_LS
contains ls-l-total "total " "$("$B/ls" -l d)"
same ls-missing "ls: nofile: $ENOENT" "$("$B/ls" nofile 2>&1)"
status ls-missing-status 2 "$B/ls" nofile
usage_check ls -Z

# --- grep
"$B/echo" -e 'apple\nBanana\ncherry\nbanana split' > fruit
same grep-match "Banana" "$("$B/grep" Ban fruit)"
same grep-i "Banana${NL}banana split" "$("$B/grep" -i banana fruit)"
same grep-v "apple${NL}cherry" "$("$B/grep" -v -i banana fruit)"
same grep-c "2" "$("$B/grep" -c an fruit)"
same grep-n "3:cherry" "$("$B/grep" -n cherry fruit)"
same grep-l "fruit" "$("$B/grep" -l apple fruit f)"
same grep-H "f:hello" "$("$B/grep" hello fruit f)"
status grep-q 0 "$B/grep" -q cherry fruit
status grep-nomatch 1 "$B/grep" kiwi fruit
same grep-E "apple${NL}cherry" "$("$B/grep" -E '^(apple|cherry)$' fruit)"
same grep-bre-group "banana split" "$("$B/grep" '\(an\)\{2\}a ' fruit)"
same grep-bre-plus-literal "" "$("$B/grep" 'a+' fruit)"
status grep-bad-regex 2 "$B/grep" '[' fruit
status grep-missing 2 "$B/grep" x nofile
usage_check grep

# --- wc, head, tail
"$B/echo" -e 'one two\nthree\nfour five six' > words
same wc-l "3 words" "$("$B/wc" -l words)"
same wc-w "6 words" "$("$B/wc" -w words)"
same wc-c "28 words" "$("$B/wc" -c words)"
same wc-all "3 6 28 words" "$(set -- $("$B/wc" words); echo "$*")"
same wc-stdin "3" "$("$B/wc" -l < words)"
same wc-total "total" "$(set -- $("$B/wc" -l words words | "$B/tail" -n 1); echo "$2")"
usage_check wc -x
same head-n "one two${NL}three" "$("$B/head" -n 2 words)"
same head-default "one two${NL}three${NL}four five six" "$("$B/head" words)"
usage_check head -x
same tail-n "four five six" "$("$B/tail" -n 1 words)"
same tail-plus "three${NL}four five six" "$("$B/tail" -n +2 words)"
same tail-stdin "three${NL}four five six" "$("$B/tail" -n 2 < words)"
usage_check tail -x

# --- cp, mv, rm
"$B/mkdir" -p tree/sub/deep
"$B/echo" x > tree/top
"$B/echo" y > tree/sub/deep/leaf
"$B/ln" -s top tree/link
"$B/cp" f copy
same cp-file "hello" "$("$B/cat" copy)"
status cp-dir-needs-r 1 "$B/cp" tree tree2
"$B/cp" -r tree tree2
same cp-r-leaf "y" "$("$B/cat" tree2/sub/deep/leaf)"
same cp-r-symlink "tree2/link -> top" "$(name_of tree2/link)"
status cp-r-into-itself 1 "$B/cp" -r tree tree/sub/again
"$B/mkdir" into
"$B/cp" f g into
same cp-into-dir "f${NL}g" "$("$B/ls" into)"
"$B/chmod" 750 copy
"$B/cp" -p copy copy2
same cp-p-mode "-rwxr-x---" "$(mode_of copy2)"
same cp-missing "cp: nofile: $ENOENT" "$("$B/cp" nofile x 2>&1)"
usage_check cp f
"$B/mv" copy moved
[ -f moved ] && [ ! -e copy ] && pass mv-rename || fail mv-rename "moved/copy wrong"
"$B/mv" moved tree2
[ -f tree2/moved ] && pass mv-into-dir || fail mv-into-dir "tree2/moved missing"
"$B/mv" tree2 tree3
same mv-dir "y" "$("$B/cat" tree3/sub/deep/leaf)"
status mv-missing 1 "$B/mv" nofile x
usage_check mv f
"$B/rm" copy2
[ ! -e copy2 ] && pass rm-file || fail rm-file "copy2 still there"
status rm-dir-needs-r 1 "$B/rm" tree3
"$B/rm" -r tree3
[ ! -e tree3 ] && pass rm-r || fail rm-r "tree3 still there"
same rm-missing "rm: nofile: $ENOENT" "$("$B/rm" nofile 2>&1)"
status rm-f-missing 0 "$B/rm" -f nofile
usage_check rm

# --- chmod
"$B/touch" m
"$B/chmod" 644 m; same chmod-octal "-rw-r--r--" "$(mode_of m)"
"$B/chmod" u+x m; same chmod-u+x "-rwxr--r--" "$(mode_of m)"
"$B/chmod" go-r m; same chmod-go-r "-rwx------" "$(mode_of m)"
"$B/chmod" a=rx,u+w m; same chmod-list "-rwxr-xr-x" "$(mode_of m)"
"$B/chmod" g=u,o= m; same chmod-copy "-rwxrwx---" "$(mode_of m)"
"$B/chmod" +t,u+s m; same chmod-special "-rwsrwx--T" "$(mode_of m)"
"$B/chmod" 0 m; "$B/chmod" +w m; same chmod-umask "--w-------" "$(mode_of m)"
"$B/mkdir" -p cr/x; "$B/touch" cr/x/f
"$B/chmod" -R go-rx cr; same chmod-R "-rw-------" "$(mode_of cr/x/f)"
same chmod-X "drwxr-x---" "$("$B/chmod" 700 cr; "$B/chmod" g+X cr; "$B/chmod" g+r cr; mode_of cr)"
status chmod-bad-mode 1 "$B/chmod" u+q m
status chmod-missing 1 "$B/chmod" 644 nofile
usage_check chmod 644

# --- date
year=$("$B/date" +%Y)
case $year in
[12][0-9][0-9][0-9]) pass date-year ;;
*) fail date-year "got '$year'" ;;
esac
same date-epoch "1970-01-01 00:00:00" "$("$B/date" -u -d @0 '+%Y-%m-%d %H:%M:%S')"
same date-default "Thu Jan  1 00:00:00 UTC 1970" "$("$B/date" -u -d @0)"
usage_check date -x

# --- processes: ps, kill, env
ps_out=$("$B/ps")
contains ps-header "  PID TTY          TIME CMD" "$ps_out"
contains ps-self " ps" "$ps_out"
ef_line=$("$B/ps" -ef | "$B/grep" -E "^[^ ]+ +$$ ")
[ -n "$ef_line" ] && pass ps-ef-shell || fail ps-ef-shell "no line for pid $$"
aux_out=$("$B/ps" aux)
contains ps-aux-header "USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND" "$aux_out"
contains ps-aux-self "ps aux" "$aux_out"
usage_check ps -Z

# --- top in batch mode: the summary, the columns, -p and -n
top_out=$("$B/top" -b -n 1)
contains top-uptime-line "top - " "$top_out"
contains top-tasks-line "Tasks: " "$top_out"
contains top-cpu-line "%Cpu(s): " "$top_out"
contains top-mem-line "MiB Mem : " "$top_out"
contains top-header "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND" "$top_out"
same top-p-one-row 1 "$("$B/top" -b -n 1 -p $$ | "$B/grep" -c -E '^ +[0-9]+ ')"
top_row=$("$B/top" -b -n 1 -p $$ | "$B/grep" -E "^ +$$ ")
[ -n "$top_row" ] && pass top-p-shell || fail top-p-shell "no row for pid $$"
same top-n-screens 2 "$("$B/top" -b -n 2 -d 0.1 | "$B/grep" -c '^top - ')"
usage_check top -n 0
status kill-0 0 "$B/kill" -0 $$
same kill-l-number "KILL" "$("$B/kill" -l 9)"
same kill-l-status "TERM" "$("$B/kill" -l 143)"
same kill-l-name "15" "$("$B/kill" -l TERM)"
"$B/sleep" 30 &
victim=$!
"$B/kill" -s TERM $victim
wait $victim 2>/dev/null
same kill-s-term 143 $?
"$B/sleep" 30 &
victim=$!
"$B/kill" -9 $victim
wait $victim 2>/dev/null
same kill-9 137 $?
status kill-no-such 1 "$B/kill" 999999999
usage_check kill
same env-i "A=1${NL}B=2" "$("$B/env" -i A=1 B=2)"
same env-command "hello" "$("$B/env" -i "$B/cat" f)"
status env-missing 127 "$B/env" /nonexistent/command
usage_check env -Z

# --- system information
uname_a=$("$B/uname" -a)
contains uname-a "$("$B/uname" -s) $("$B/uname" -n) $("$B/uname" -r)" "$uname_a"
same uname-default "$("$B/uname" -s)" "$("$B/uname")"
usage_check uname -x
same hostname "$("$B/uname" -n)" "$("$B/hostname")"
usage_check hostname a b
"$B/mkdir" wd
same pwd "$T/wd" "$(cd wd && "$B/pwd")"
usage_check pwd -x
uid=$("$B/id" -u)
contains id "uid=$uid(" "$("$B/id")"
case $uid in
*[!0-9]* | '') fail id-u "got '$uid'" ;;
*) pass id-u ;;
esac
same whoami "$("$B/id" -un)" "$("$B/whoami")"
same tty-not-a-tty "not a tty" "$("$B/tty" < /dev/null)"
"$B/tty" -s < /dev/null; same tty-status-not-a-tty 1 $?
status tty-usage 2 "$B/tty" -x
usage_check id -x
same id-G-first "$("$B/id" -g)" "$(set -- $("$B/id" -G); echo "$1")"
same groups-self "$("$B/id" -Gn)" "$("$B/groups")"
same id-user-self "$("$B/id" -u)" "$("$B/id" -u "$("$B/id" -un)")"
status id-no-such-user 1 "$B/id" no-such-user-here

# --- chown, chgrp (as root: ids no account names show as numbers in ls -l)
echo x > owned
if [ "$uid" = 0 ]; then
	"$B/chown" 4242:4343 owned
	same chown-numbers "4242 4343" "$(set -- $("$B/ls" -l owned); echo "$3 $4")"
	"$B/chgrp" 0 owned
	same chgrp-number "4242 $("$B/id" -gn)" "$(set -- $("$B/ls" -l owned); echo "$3 $4")"
	"$B/chown" -R "$("$B/id" -un)" owned
	same chown-name "$("$B/id" -un)" "$(set -- $("$B/ls" -l owned); echo "$3")"
fi
same chown-missing "chown: cannot access 'nofile': $ENOENT" "$("$B/chown" 0 nofile 2>&1)"
usage_check chown 0
usage_check chgrp -x 0 owned

# --- who, last: the login records, when this system keeps them
if [ -f /var/run/utmp ]; then
	status who 0 "$B/who"
	contains who-q "# users=" "$("$B/who" -q)"
	contains w-header "USER     TTY" "$("$B/w")"
fi
if [ -f /var/log/wtmp ]; then
	contains last "wtmp begins " "$("$B/last")"
fi
usage_check who -x
usage_check last -x
usage_check useradd
usage_check userdel
contains stat-file "  File: five" "$("$B/stat" five)"
contains stat-size "Size: 6" "$("$B/stat" five)"
contains stat-access "Access: (0644/-rw-r--r--)" "$("$B/stat" five)"
same stat-missing "stat: nofile: $ENOENT" "$("$B/stat" nofile 2>&1)"
contains free "total" "$("$B/free")"
contains uptime " up " "$("$B/uptime")"
usage_check dmesg -x
usage_check sysctl
usage_check vmstat -x
same sysctl-missing "sysctl: cannot stat /proc/sys/x/y: $ENOENT" "$("$B/sysctl" x.y 2>&1)"
same sysctl-ostype "kernel.ostype = Linux" "$("$B/sysctl" kernel.ostype)"
contains vmstat-header " r  b   swpd   free   buff  cache" "$("$B/vmstat")"
usage_check lockstat -x
usage_check ksym -x
printf 'ffffffc080200000 T _start\nffffffc080200100 t helper\nffffffc080200180 D data\nffffffc080200200 T last\n' > map
same ksym-addr "ffffffc080200123 helper+0x23/0x100" "$("$B/ksym" -m map ffffffc080200123)"
same ksym-stream "    [<ffffffc080200004>] _start+0x4/0x100" "$(echo "    [<ffffffc080200004>]" | "$B/ksym" -m map)"
same ksym-outside "0x10 ?" "$("$B/ksym" -m map 0x10)"
cat > ls <<'EOF'
lock_stat version 0.4
----
                              class name    con-bounces    contentions
----

                                    zone:              1              2           0.10           0.50           0.60           0.30              3             40           0.10           1.00           2.00           0.05
                                    slab:              0              0           0.00           0.00           0.00           0.00              1             90           0.10           1.00           2.00           0.02
EOF
same lockstat-top "zone 2 40 0.50 0.60 1.00 0.05" "$("$B/lockstat" -f ls -n 1 2>/dev/null | sed -n 2p | tr -s ' ')"
usage_check clear x

# --- mount, umount (-f parses without mounting)
contains mount-list "type proc" "$("$B/mount")"
same mount-flags "mount: none on /mnt type tmpfs flags 0x3 data 'size=1m,mode=755'" \
	"$("$B/mount" -f -v -t tmpfs -o ro,nosuid,size=1m,mode=755 none /mnt)"
same mount-remount "mount: none on /x type none flags 0x21 data ''" \
	"$("$B/mount" -f -v -o remount,ro /x)"
contains mount-bind "flags 0x1000 " "$("$B/mount" -f -v -o bind /a /b)"
status mount-needs-type 1 "$B/mount" a b
usage_check mount a
same umount-missing "umount: /nonexistent: no mount point specified." \
	"$("$B/umount" /nonexistent 2>&1)"
status umount-missing-status 32 "$B/umount" /nonexistent
contains mount-bind-long "flags 0x1000 " "$("$B/mount" -f -v --bind /a /b)"
contains mount-rbind "flags 0x5000 " "$("$B/mount" -f -v --rbind /a /b)"
contains mount-move "flags 0x2000 " "$("$B/mount" -f -v --move /a /b)"
same mount-make-rshared "mount: none on /x type none flags 0x104000 data ''" \
	"$("$B/mount" -f -v --make-rshared /x)"
same mount-bind-then-private "flags 0x1000 /flags 0x40000 /" \
	"$("$B/mount" -f -v -B --make-private /a /b | sed 's/.*\(flags [^ ]* \).*/\1/' | tr '\n' /)"
same mount-bind-remount-ro "mount: none on /x type none flags 0x1021 data ''" \
	"$("$B/mount" -f -v -o bind,remount,ro /x)"
status mount-make-two-args 1 "$B/mount" --make-private /a /b
usage_check umount

# --- the forms people type: head -5, tail -3, -c, ls -la / -lah, ps -fe
"$B/echo" -e '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12' > twelve
same head-obsolete "1${NL}2${NL}3${NL}4${NL}5" "$("$B/head" -5 twelve)"
same head-n-attached "1${NL}2" "$("$B/head" -n2 twelve)"
same head-c "1${NL}2" "$("$B/head" -c 3 twelve)"
same head-c-stdin "1${NL}x" "$("$B/head" -c 2 < twelve; "$B/echo" x)"
same tail-obsolete "10${NL}11${NL}12" "$("$B/tail" -3 twelve)"
same tail-c "12" "$("$B/tail" -c 3 twelve)"
same tail-c-plus "${NL}12" "$("$B/tail" -c +24 twelve)"
same tail-c-stdin "2" "$("$B/tail" -c 2 < twelve)"
same tail-n-attached "12" "$("$B/tail" -n1 twelve)"
status head-bad-count 1 "$B/head" -n x twelve
same head-bad-count-message "head: invalid number of lines: 'x'" "$("$B/head" -n x twelve 2>&1)"
status tail-bad-count 1 "$B/tail" -c 1x twelve
usage_check head -q
usage_check tail -q
"$B/mkdir" la
"$B/touch" la/.dot la/plain
set -- $("$B/ls" -la la | "$B/grep" ' \.dot$')
same ls-la-hidden "-rw-r--r-- .dot" "$1 $9"
same ls-la-dots "2" "$("$B/ls" -la la | "$B/grep" -c -E ' \.\.?$')"
# 2000 bytes: ls -lh shows 2.0K (GNU rounds up to one decimal)
"$B/echo" -n 0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789 > hundred
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do "$B/cat" hundred; done > k2
set -- $("$B/ls" -lah k2)
same ls-lah-size "2.0K" "$5"
set -- $("$B/ls" -lh hundred)
same ls-lh-small "100" "$5"
contains ls-lah-total "total " "$("$B/ls" -lah la)"
"$B/cp" -p "$B/echo" old
"$B/touch" new
same ls-t "new${NL}old" "$("$B/ls" -t old new)"
same ls-ltr "old new" "$(set -- $("$B/ls" -ltr old new | { while read -r _ _ _ _ _ _ _ _ n; do echo "$n"; done; }); echo "$*")"
same ls-S "k2${NL}hundred" "$("$B/ls" -S hundred k2)"
same ls-Sr "hundred${NL}k2" "$("$B/ls" -Sr hundred k2)"
"$B/mkdir" -p lr/sub
"$B/touch" lr/f lr/sub/g
same ls-R "lr:${NL}f${NL}sub${NL}${NL}lr/sub:${NL}g" "$("$B/ls" -R lr)"
# hundred has no final newline: the next header starts its line (as GNU)
same tail-files "==> hundred <==${NL}$("$B/cat" hundred)${NL}==> f <==${NL}hello" "$("$B/tail" -n 1 hundred f)"
status tail-missing 1 "$B/tail" nofile
usage_check tail -f f g
contains ps-fe "UID        PID  PPID  C STIME TTY          TIME CMD" "$("$B/ps" -fe)"
contains ps-e-f "UID        PID  PPID" "$("$B/ps" -e -f)"
"$B/chmod" 4755 k2
contains stat-setuid "Access: (4755/-rwsr-xr-x)" "$("$B/stat" k2)"
"$B/chmod" 1644 k2
same ls-sticky "-rw-r--r-T" "$(mode_of k2)"

# --- signal names: one table for kill, the shell and libc
rtmin=$("$B/kill" -l RTMIN)
rtmax=$("$B/kill" -l RTMAX)
same kill-l-rtmax "64" "$rtmax"
same kill-l-rtmin-plus "RTMIN+1" "$("$B/kill" -l $((rtmin + 1)))"
same kill-l-rtmax-minus "RTMAX-1" "$("$B/kill" -l $((rtmax - 1)))"
same kill-l-rt-name "$((rtmin + 3))" "$("$B/kill" -l SIGRTMIN+3)"
same kill-l-poll "POLL" "$("$B/kill" -l 29)"
same kill-l-io-alias "29" "$("$B/kill" -l io)"
same kill-l-stkflt "STKFLT" "$("$B/kill" -l 16)"
contains kill-l-all "${NL}RTMAX-1${NL}" "$("$B/kill" -l)"
status kill-l-bad 1 "$B/kill" -l NOSUCH
"$B/sleep" 30 &
victim=$!
"$B/kill" -s RTMIN+2 $victim
wait $victim 2>/dev/null
same kill-rt-signal $((128 + rtmin + 2)) $?
if [ -x "$B/sh" ]; then
	same sh-kill-l-rt "RTMIN+1" "$("$B/sh" -c "kill -l $((rtmin + 1))")"
	same sh-kill-l-name "$((rtmax - 2))" "$("$B/sh" -c 'kill -l RTMAX-2')"
	contains sh-kill-l-all "POLL PWR SYS" "$("$B/sh" -c 'kill -l')"
fi

# --- mv across file systems uses cp's copier: a directory on another device
other_fs() {
	here=$(set -- $("$B/stat" . | "$B/grep" Device:); echo "$2")
	for d in /dev/shm /run /var/tmp /root "$HOME"; do
		[ -d "$d" ] && [ -w "$d" ] || continue
		there=$(set -- $("$B/stat" "$d" | "$B/grep" Device:); echo "$2")
		[ "$here" != "$there" ] && { echo "$d"; return; }
	done
}
xdir=$(other_fs)
if [ -n "$xdir" ]; then
	"$B/mkdir" -p xmv/sub
	"$B/echo" moved > xmv/sub/f
	"$B/chmod" 751 xmv/sub
	"$B/ln" -s sub/f xmv/link
	"$B/mv" xmv "$xdir/utils-xmv.$$"
	same mv-exdev-data "moved" "$("$B/cat" "$xdir/utils-xmv.$$/sub/f")"
	same mv-exdev-mode "drwxr-x--x" "$(mode_of "$xdir/utils-xmv.$$/sub")"
	same mv-exdev-link "$xdir/utils-xmv.$$/link -> sub/f" "$(name_of "$xdir/utils-xmv.$$/link")"
	[ ! -e xmv ] && pass mv-exdev-source-gone || fail mv-exdev-source-gone "xmv still there"
	"$B/rm" -rf "$xdir/utils-xmv.$$"
fi

# --- which
"$B/mkdir" p1 p2 p3
for d in p1 p2 p3; do "$B/echo" '#!/bin/sh' > $d/tool; done
"$B/chmod" 755 p1/tool p2/tool
same which-first "$T/p1/tool" "$(PATH="$T/p3:$T/p1:$T/p2" "$B/which" tool)"
same which-a "$T/p1/tool${NL}$T/p2/tool" "$(PATH="$T/p3:$T/p1:$T/p2" "$B/which" -a tool)"
same which-slash "p1/tool" "$("$B/which" p1/tool)"
status which-missing 1 env PATH="$T/p3" "$B/which" tool
status which-some-missing 1 env PATH="$T/p1" "$B/which" tool nosuchtool
usage_check which
usage_check which -x tool

# --- df
df_out=$("$B/df")
same df-header "Filesystem 1K-blocks Used Available Use% Mounted on" \
	"$(set -- $("$B/df" | "$B/head" -n 1); echo "$*")"
same df-h-header "Filesystem Size Used Avail Use% Mounted on" \
	"$(set -- $("$B/df" -h | "$B/head" -n 1); echo "$*")"
set -- $("$B/df" -k . | "$B/tail" -n 1)
if [ $# -ge 6 ] && [ $(($3 + $4)) -le $2 ]; then pass df-k-used-avail
else fail df-k-used-avail "'$*'"; fi
case $5 in
*%) pass df-k-percent ;;
*) fail df-k-percent "'$5'" ;;
esac
same df-one-line "2" "$("$B/df" . | "$B/wc" -l)"
contains df-root " /$NL" "$df_out$NL"
same df-missing "df: nofile: $ENOENT" "$("$B/df" nofile 2>&1)"
status df-missing-status 1 "$B/df" nofile
usage_check df -x

# --- du: sizes from st_blocks, 1 KiB units rounded up
blocks_of() {
	"$B/stat" "$1" | "$B/grep" Blocks: | { read -r _ _ _ b _; echo "$b"; }
}
"$B/mkdir" -p dut/sub
"$B/cat" k2 k2 k2 k2 > dut/sub/f8k
"$B/cat" dut/sub/f8k > dut/g8k
same du-a-file "$((($(blocks_of dut/g8k) + 1) / 2))	dut/g8k" "$("$B/du" -a dut | "$B/grep" g8k)"
expect=$((($(blocks_of dut) + $(blocks_of dut/sub) + $(blocks_of dut/sub/f8k) + $(blocks_of dut/g8k) + 1) / 2))
same du-s "$expect	dut" "$("$B/du" -s dut)"
same du-dirs "dut/sub${NL}dut" "$("$B/du" dut | { while read -r n p; do echo "$p"; done; })"
same du-a-count "4" "$("$B/du" -a dut | "$B/wc" -l)"
same du-c-total "total" "$(set -- $("$B/du" -c -s dut | "$B/tail" -n 1); echo "$2")"
"$B/ln" dut/g8k dut/hard
same du-hard-link-once "$expect	dut" "$("$B/du" -s dut)"
same du-k "$("$B/du" -s dut)" "$("$B/du" -sk dut)"
# Between 1 KiB and 1 MiB the -h form ends in K; a file system that
# reports no blocks (the guest's tmpfs) gives 0.
case $expect:$("$B/du" -sh dut) in
0:"0	dut" | *:[0-9]*K"	dut") pass du-h ;;
*) fail du-h "$expect KiB, '$("$B/du" -sh dut)'" ;;
esac
same du-missing "du: nofile: $ENOENT" "$("$B/du" nofile 2>&1)"
status du-missing-status 1 "$B/du" nofile
usage_check du -x
usage_check du -as

# --- find
"$B/mkdir" -p ft/a/b ft/c
"$B/touch" ft/a/x.txt ft/a/b/Y.TXT ft/c/z
"$B/echo" hello > ft/c/big
"$B/ln" -s a ft/l
"$B/chmod" 4755 ft/c/z
same find-all "ft${NL}ft/a${NL}ft/a/b${NL}ft/a/b/Y.TXT${NL}ft/a/x.txt${NL}ft/c${NL}ft/c/big${NL}ft/c/z${NL}ft/l" "$("$B/find" ft)"
same find-name "ft/a/x.txt" "$("$B/find" ft -name '*.txt')"
same find-iname "ft/a/b/Y.TXT${NL}ft/a/x.txt" "$("$B/find" ft -iname '*.txt')"
same find-type-d "ft${NL}ft/a${NL}ft/a/b${NL}ft/c" "$("$B/find" ft -type d)"
same find-type-l "ft/l" "$("$B/find" ft -type l)"
same find-type-list "ft/c/big${NL}ft/l" "$("$B/find" ft -type f,l ! -empty)"
same find-maxdepth "ft${NL}ft/a${NL}ft/c${NL}ft/l" "$("$B/find" ft -maxdepth 1)"
same find-mindepth "ft/a/b/Y.TXT" "$("$B/find" ft -mindepth 3)"
same find-empty "ft/a/b/Y.TXT${NL}ft/a/x.txt${NL}ft/c/z" "$("$B/find" ft -empty)"
same find-size-c "ft/c/big" "$("$B/find" ft -size 6c)"
same find-size-plus "ft/c/big" "$("$B/find" ft -type f -size +0)"
same find-perm-exact "ft/c/z" "$("$B/find" ft -perm 4755)"
same find-perm-all "ft/c/z" "$("$B/find" ft -type f -perm -u+x)"
same find-perm-any "ft/c/z" "$("$B/find" ft -type f -perm /4000)"
same find-user "9" "$("$B/find" ft -user "$("$B/id" -un)" | "$B/wc" -l)"
same find-user-uid "9" "$("$B/find" ft -user "$("$B/id" -u)" | "$B/wc" -l)"
same find-group "9" "$("$B/find" ft -group "$("$B/id" -gn)" | "$B/wc" -l)"
same find-mtime-today "9" "$("$B/find" ft -mtime 0 | "$B/wc" -l)"
same find-mtime-older "" "$("$B/find" ft -mtime +0)"
same find-mtime-old-file "$B/echo" "$("$B/find" "$B/echo" -mtime -100000)"
same find-newer "ft/c/big" "$("$B/find" ft/c/big -newer "$B/echo")"
same find-not-newer "" "$("$B/find" ft/c/big -newer ft/c/big)"
same find-or-parens "ft/a/x.txt${NL}ft/c/z" "$("$B/find" ft \( -name x.txt -o -name z \) -print)"
same find-and-not "ft/a/x.txt" "$("$B/find" ft -type f -a ! -name '*T' -a ! -path 'ft/c/*')"
same find-prune "ft${NL}ft/a${NL}ft/l" "$("$B/find" ft -name c -prune -o -print | "$B/grep" -v '^ft/a/')"
same find-exec "[ft/c/big] [ft/c/z] " "$("$B/find" ft/c -type f -exec "$B/echo" -n '[{}] ' \;)"
same find-exec-plus "ft/c/big ft/c/z" "$("$B/find" ft/c -type f -exec "$B/echo" {} +)"
same find-exec-false "" "$("$B/find" ft/c -type f -exec "$B/false" \; -print)"
same find-print0-xargs "ft/c ft/c/big ft/c/z" "$("$B/find" ft/c -print0 | "$B/xargs" -0 "$B/echo")"
"$B/cp" -r ft fdel
"$B/find" fdel -name '*.txt' -delete
same find-delete "fdel/a/b/Y.TXT" "$("$B/find" fdel/a -type f)"
"$B/find" fdel -delete
[ ! -e fdel ] && pass find-delete-tree || fail find-delete-tree "fdel still there"
same find-missing "find: nofile: $ENOENT" "$("$B/find" nofile 2>&1)"
status find-missing-status 1 "$B/find" nofile
same find-bad-predicate "find: unknown predicate '-bogus'" "$("$B/find" ft -bogus 2>&1)"
status find-bad-predicate-status 1 "$B/find" ft -bogus
same find-missing-arg "find: missing argument to '-name'" "$("$B/find" ft -name 2>&1)"
status find-missing-paren 1 "$B/find" ft \( -name a
status find-exec-unterminated 1 "$B/find" ft -exec "$B/echo"
status find-bad-type 1 "$B/find" ft -type q
usage_check find --help

# --- xargs
"$B/echo" '#!/bin/sh' > exit255
"$B/echo" 'exit 255' >> exit255
"$B/echo" '#!/bin/sh' > suicide
"$B/echo" 'kill -9 $$' >> suicide
"$B/chmod" 755 exit255 suicide
"$B/touch" noexec
same xargs-default "a b c" "$("$B/echo" -e 'a\nb  c' | "$B/xargs")"
same xargs-n "a b${NL}c" "$("$B/echo" a b c | "$B/xargs" -n 2 "$B/echo")"
same xargs-quotes "a b|c d|e f" "$("$B/echo" "'a b' \"c d\" e\\ f" | "$B/xargs" -n 1 "$B/echo" | { IFS=; r=; while read -r l; do r="$r${r:+|}$l"; done; echo "$r"; })"
same xargs-I "<one two> <three> " "$("$B/echo" -e 'one two\n  three' | "$B/xargs" -I @ "$B/echo" -n '<@> ')"
same xargs-d "x y z" "$("$B/echo" -n 'x,y,z' | "$B/xargs" -d , "$B/echo")"
same xargs-0 "a b${NL}c" "$("$B/echo" -n -e 'a b\0c' | "$B/xargs" -0 -n 1 "$B/echo")"
same xargs-empty-runs "ran" "$("$B/xargs" "$B/echo" ran < /dev/null)"
same xargs-r "" "$("$B/xargs" -r "$B/echo" ran < /dev/null)"
same xargs-t "$B/echo a" "$("$B/echo" a | "$B/xargs" -t "$B/echo" 2>&1 >/dev/null)"
same xargs-P1 "1${NL}2" "$("$B/echo" 1 2 | "$B/xargs" -P 1 -n 1 "$B/echo")"
# Several at once: each writes its own file, so the order does not matter.
"$B/mkdir" par
(cd par && "$B/echo" a b c d | "$B/xargs" -P 0 -n 1 "$B/touch")
same xargs-P0 "a${NL}b${NL}c${NL}d" "$("$B/ls" par)"
status xargs-P-bad 1 "$B/xargs" -P -1 "$B/true"
status xargs-ok 0 "$B/xargs" "$B/true" < twelve
status xargs-123 123 "$B/xargs" "$B/false" < twelve
status xargs-124 124 "$B/xargs" ./exit255 < twelve
status xargs-125 125 "$B/xargs" ./suicide < twelve
status xargs-126 126 "$B/xargs" ./noexec < twelve
status xargs-127 127 "$B/xargs" ./nosuchcommand < twelve
contains xargs-127-message "xargs: ./nosuchcommand: $ENOENT" "$("$B/xargs" ./nosuchcommand < twelve 2>&1)"
status xargs-unmatched-quote 1 sh -c "\"\$1\" -e \"a 'b\" | \"\$2\" \"\$3\"" - "$B/echo" "$B/xargs" "$B/echo"
usage_check xargs -n 0
usage_check xargs -Z

# --- more: copies through when stdout is not a terminal
same more-pipe "hello" "$("$B/more" f)"
same more-stdin "hello" "$("$B/more" < f)"
same more-headers "::::::::::::::${NL}f${NL}::::::::::::::${NL}hello${NL}::::::::::::::${NL}g${NL}::::::::::::::${NL}other" "$("$B/more" f g)"
same more-missing "more: nofile: $ENOENT" "$("$B/more" nofile 2>&1)"
status more-missing-status 1 "$B/more" nofile
usage_check more -x

# --- poweroff, reboot, init: only their refusals can run here
usage_check poweroff -x
usage_check reboot -x
usage_check poweroff extra
if [ -x "$B/init" ] && [ $$ != 1 ]; then
	usage_check init
fi

# --- isolate, unshare, nsenter: where the kernel makes namespaces (Linux)
# they run; where it does not yet (our guest: clone with CLONE_NEW* gives
# EINVAL, unshare and setns ENOSYS) each must fail cleanly, naming its step
# and object, with a non-zero status (tests/isolate tests them on Linux).
# clean_failure NAME STEP-PREFIX COMMAND...
clean_failure() {
	name=$1 step=$2
	shift 2
	out=$("$@" 2>&1 >/dev/null)
	st=$?
	case "$st:$out" in
	0:*) pass "$name-runs" ;;
	*:"$step"*": Invalid argument"* | *:"$step"*": Function not implemented"* | \
	*:"$step"*": Operation not permitted"* | *:"$step"*": $ENOENT"*)
		pass "$name-fails-cleanly" ;;
	*) fail "$name-fails-cleanly" "status $st, stderr '$out'" ;;
	esac
}
if [ -x "$B/isolate" ]; then
	clean_failure isolate "isolate: clone: CLONE_NEWUSER|" "$B/isolate" "$B/true"
	clean_failure isolate-share-user "isolate: " "$B/isolate" --share user "$B/true"
	usage_check isolate --bogus
fi
clean_failure unshare "unshare: unshare: CLONE_NEW" "$B/unshare" -u "$B/true"
clean_failure unshare-user "unshare: unshare: CLONE_NEWUSER" "$B/unshare" -Ur "$B/true"
usage_check unshare --bogus
# nsenter into our own namespaces: nothing to join where /proc/PID/ns
# exists (it runs), an open that fails where it does not.
clean_failure nsenter "nsenter: " "$B/nsenter" -t $$ -u "$B/true"
usage_check nsenter
usage_check lsns -x

# --- ipcs, ipcmk, ipcrm: in an IPC namespace of their own (with a user
# namespace when not root), so the objects are theirs alone, the ids
# start at 0 and the limits are Linux's defaults; skipped where no
# namespace can be made.
if [ "$("$B/id" -u)" = 0 ]; then ipcns="-i"; else ipcns="-r -i"; fi
if "$B/unshare" $ipcns "$B/true" 2>/dev/null; then
	ipc_out=$(B="$B" "$B/unshare" $ipcns /bin/sh -c '
		"$B/ipcs"; echo "status $?"
		"$B/ipcmk" -Q; "$B/ipcmk" -M 4096 -p 600; "$B/ipcmk" -S 3 -p 640
		"$B/ipcs" -q; "$B/ipcs" -m -s
		"$B/ipcrm" -q 0; echo "status $?"
		"$B/ipcrm" -q 0 -Q 0 -s abc -M 0x1234 2>&1; echo "status $?"
		"$B/ipcrm" -a; echo "status $?"
		"$B/ipcs" -a
		"$B/ipcs" -l' 2>&1)
	empty_msg="------ Message Queues --------
key        msqid      owner      perms      used-bytes   messages    
"
	empty_shm="------ Shared Memory Segments --------
key        shmid      owner      perms      bytes      nattch     status      
"
	empty_sem="------ Semaphore Arrays --------
key        semid      owner      perms      nsems     
"
	# The keys are random: each "0x" and eight hex digits becomes "KEY".
	got=$(echo "$ipc_out" | "$B/sed" 's/^0x[0-9a-f]\{8\} /KEY        /')
	row_msg="KEY        0          root       644        0            0           "
	row_shm="KEY        0          root       600        4096       0                       "
	row_sem="KEY        0          root       640        3         "
	want="
${empty_msg}
${empty_shm}
${empty_sem}
status 0
Message queue id: 0
Shared memory id: 0
Semaphore id: 0

${empty_msg}${row_msg}


${empty_shm}${row_shm}

${empty_sem}${row_sem}

status 0
ipcrm: invalid id (0)
ipcrm: illegal key (0)
ipcrm: failed to parse argument: 'abc'
ipcrm: invalid key (0x1234)
status 1
status 0

${empty_msg}
${empty_shm}
${empty_sem}

------ Messages Limits --------
max queues system wide = 32000
max size of message (bytes) = 8192
default max size of queue (bytes) = 16384

------ Shared Memory Limits --------
max number of segments = 4096
max seg size (kbytes) = 18014398509465599
max total shared memory (kbytes) = 18446744073709551612
min seg size (bytes) = 1

------ Semaphore Limits --------
max number of arrays = 32000
max semaphores per array = 32000
max semaphores system wide = 1024000000
max ops per semop call = 500
semaphore max value = 32767"
	same ipcs-ipcmk-ipcrm "$want" "$got"
fi
usage_check ipcs -z
usage_check ipcrm -x
usage_check ipcmk

cd /
"$B/rm" -rf "$T"
exit 0
