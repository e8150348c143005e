#!/bin/sh
# fcaps.sh [BINDIR [DIR]]: setcap, getcap and capsh --print (from BINDIR,
# default /sbin) on files in DIR (default /scratch, which keeps extended
# attributes).  The expected texts are what libcap 2.66's tools print for
# the same commands (recorded on a Linux host).  Runs as root.
B=${1:-/sbin}
D=${2:-/scratch}/fcaps-tools.$$
PATH=/bin:/sbin:$PATH

pass() { echo "PASS fcaps-tools-$1"; }
fail() { echo "FAIL fcaps-tools-$1: $2"; }
same() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

rm -rf "$D"
mkdir -p "$D" && cd "$D" || { fail setup "cannot make $D"; exit 0; }
: > f

# set TEXT: setcap TEXT f, then what getcap prints
set_get() {
	"$B/setcap" "$1" f && "$B/getcap" f
}
same plus-ep "f cap_net_raw=ep" "$(set_get cap_net_raw+ep)"
same two-eip "f cap_chown,cap_net_raw=eip" "$(set_get cap_net_raw,cap_chown=eip)"
same all-ep "f =ep" "$(set_get =ep)"
same all-p "f =p" "$(set_get all=p)"
same mixed "f cap_chown=ip cap_kill+p" "$(set_get 'cap_chown,cap_kill+p cap_chown+i')"
same all-but-one "f =eip cap_kill-eip" "$(set_get 'all=eip cap_kill-eip')"
"$B/setcap" -n 1000 cap_net_raw+ep f
same rootid "f cap_net_raw=ep [rootid=1000]" "$("$B/getcap" -n f)"
same rootid-hidden "f cap_net_raw=ep" "$("$B/getcap" f)"
"$B/setcap" -r f
same removed "" "$("$B/getcap" f)"
"$B/setcap" -r f 2>/dev/null
same remove-none-fails 1 $?
"$B/setcap" 'cap_chown+ep cap_kill+p' f 2>/dev/null
same effective-must-cover 1 $?
"$B/setcap" cap_bogus+p f 2>/dev/null
same bad-name 1 $?
"$B/setcap" f 2>/dev/null
same usage 1 $?
"$B/getcap" "$D/none" 2>/dev/null
same getcap-missing-fails 1 $?
: > g
"$B/setcap" cap_kill+p f cap_chown+ep g
same two-files "f cap_kill=p
g cap_chown=ep" "$("$B/getcap" f g)"

out=$("$B/capsh" --print)
case $out in
"Current: "*"
Bounding set =cap_chown,cap_dac_override,"*"
Ambient set =
Securebits: 00/0x0/1'b0 (no-new-privs=0)
 secure-noroot: no (unlocked)
 secure-no-suid-fixup: no (unlocked)
 secure-keep-caps: no (unlocked)
 secure-no-ambient-raise: no (unlocked)
uid=0(root) euid=0(root)"*) pass capsh-print ;;
*) fail capsh-print "got: $out" ;;
esac
"$B/capsh" 2>/dev/null
same capsh-usage 1 $?

cd /
rm -rf "$D"
exit 0
