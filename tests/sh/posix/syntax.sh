# more syntax: nesting, IFS, here-documents, redirections, case
x=$(case a in a) echo in-case;; esac); echo $x
y=$(echo "$(echo "a  b")"); echo "$y"
echo "$(echo ')')" "$( (echo sub) )"
IFS=' ,'; v='a, b,,c ,d'; set -- $v; echo $# "$1|$2|$3|$4|$5"; IFS=' 	
'
v='  lead  trail  '; set -- $v; echo $#
printf '%s|' $(printf 'a\nb c\n'); echo
f() {
	cat <<EOF
in function $1
EOF
}
f arg
cat <<A; cat <<B
first
A
second
B
cat <<"EOF"
quoted $x `cmd` \$
EOF
cat << EOF
backslash-newline \
joined, tab	kept, \$dollar \\ back
EOF
exec 4<&0; echo moved 4>&-; exec 4<&-
{ echo to-stderr >&2; } 2>&1
echo abc > f1; cat f1 f1 > f2; wc -c < f2
echo new >| f1; cat f1
( set -C; echo clobber > f1 ) 2>/dev/null || echo noclobber-refused
cat < f1 > f3 && cat f3
echo line1 > rw; cat 0<>rw
: > empty; [ -s empty ] || echo empty-file
case x in *) echo star;; x) echo never;; esac
case "" in "") echo empty-case;; esac
case 'a|b' in 'a|b') echo pipe-char;; esac
case ab in a*b|c) echo alt;; esac
case 5 in [0-9]) echo digit;; esac
case Z in [!a-z]) echo not-lower;; esac
case ']' in []]) echo close-bracket;; esac
case '\' in \\) echo backslash;; esac
for i in 1 2 3; do case $i in 2) continue;; esac; echo c$i; done
i=0; while :; do i=$((i+1)); [ $i -gt 3 ] && break; done; echo w$i
echo $(( (1+2)*3 )) $(( 2*-3 )) $(( 17 & 5 | 8 ^ 3 )) $(( 1 ? 2 : 3 )) $(( 0 || 0 )) $(( 3 == 3 ))
a=5; echo $(( a > 3 && a < 10 )) $((a-=2)) $a $((a*=a)) $((a/=2)) $((a%=3))
n=3; echo $(( n << 2 >> 1 ))
echo ${#HOME} >/dev/null
s=hello; echo ${s#h} ${s#*l} ${s##*l} ${s%l*} ${s%%l*} ${s#nomatch}
p=/a/b/c.tar.gz; echo ${p##*/} ${p%/*} ${p#*.} ${p%%.*}
q='a*b'; echo ${q#'a*'} ${q#a\*}
echo "${u:-a b}" ${u:-"c d"} "${u-}" 
w="x y"; echo ${w:+"set $w"}
unset z; echo ${z:=dflt}; echo $z
echo $((${#s} + 1))
echo '$(not)' "\$(not)"
echo "a'b" 'a"b' a\"b
echo \\ "\\" '\\'
echo -n no-nl; echo
echo 'tab\there'
t=$(printf 'x\ty'); echo "$t"
set -- "a b" "c"; for a; do echo "<$a>"; done
count() { echo $#; }; count "$@" "$*" $@ $*
echo "${1+$1}" "${2:+two}"
g() { echo "g:$1"; }; h() { g "$@"; }; h "q r"
r() { return 42; }; r; echo $?
( exit 3 ) ; echo $?
{ false; } ; echo $?
! { true; }; echo $?
true | false | true; echo $?
sub=$(exit 9); echo $?
a=1 b=$a; echo $b
