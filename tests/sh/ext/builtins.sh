# Behaviour beyond what dash shares: pipefail, local, job specs in scripts,
# type/command output, alias, trap listing, kill -l, umask -S, ulimit.
set -o pipefail
false | true; echo pipefail=$?
set +o pipefail
false | true; echo nopipefail=$?
f() { local a=inner b; a=changed; b=2; echo "$a $b"; }
a=outer; f; echo "a=$a b=${b-unset}"
sleep 0 & wait %1; echo wait-job=$?
(exit 4) & wait %%; echo wait-current=$?
sleep 0 & jobs >/dev/null; wait; echo jobs-ok
type cd; type true; type if; type f; type sh >/dev/null && echo sh-found
type nosuch_cmd_q; echo type=$?
alias greet='echo hello'
eval 'greet world'
alias greet
unalias greet; alias
trap 'echo bye' EXIT; trap 'echo usr' USR1; trap
trap - USR1; trap -p
kill -l 9 143
umask 022; umask -S; umask u=rwx,g=rx,o=; umask
ulimit -n 64; ulimit -n
printf '%5.2s|%-4d|%04x|%c|%%\n' abc 7 255 xyz
printf '%b' 'esc\n'
echo "$(( 7 > 3 ? 1 : 0 ))"
x=10; echo $((x++)) $x $((++x)) $((x--)) $x
cd /; cd /usr; cd -; pwd
set -- a b; echo $#; set -o | grep -c . >/dev/null && echo options-listed
echo ${#@} ${#*}
getopts_test() { OPTIND=1; while getopts :ab: o "$@"; do echo "$o:${OPTARG-}"; done; }
getopts_test -a -x -b
command -v echo; command -V cd
read -r line <<EOF
  spaced   line  
EOF
echo "[$line]"
IFS= read -r raw <<EOF
  spaced   line  
EOF
echo "[$raw]"
