# quoting and expansion
a="hello world"
echo $a "$a" '$a' \$a
set -- one "two three" four
echo $#
for x in "$@"; do echo "[$x]"; done
for x in $*; do echo "<$x>"; done
for x in "$*"; do echo "{$x}"; done
echo "${#a}" ${a#hello } ${a%o*} ${a%%o*} ${a##*o}
unset u
echo ${u-unset} ${u:-empty} ${u+set} "${u:+x}"
u=
echo ${u-unset} ${u:-empty} ${u+set}
echo ${v:=assigned} $v
echo $(echo sub) `echo back` "$(echo "nested $(echo deep)")"
echo $((1+2*3)) $((10/3)) $((10%3)) $((1<<4)) $((5>3 && 2>1)) $((x=5)) $((x*x)) $(( -3 + +2 ))
i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i
IFS=:; x="a:b::c"; set -- $x; echo $#; IFS=' 	
'
echo "$(printf '%s\n' a b c)"
x=$(printf 'trail\n\n\n'); echo "[$x]"
echo ~ | grep -q / && echo tilde
echo a{b,c}d
echo 'single "double"' "double 'single'" "back\\slash \$dollar \`tick\`"
y='*'; echo "$y"
empty=""; set -- $empty; echo $#
set -- "$empty"; echo $#
set -- ""$@""; echo $#
f() { echo "$#"; }; set --; f "$@"; f "$@" x; f "" "$@"
echo ${#}
readonly r=1; echo $r
echo "a\
b"
echo $(( 0x10 + 010 ))
