# The word of ${v-w} ${v:-w} ${v+w} ${v:+w} ${v=w} ${v?w}: quote removal
# inside and outside double quotes (XCU 2.6.2).  In double quotes a single
# quote in such a word is an ordinary character, nested double quotes only
# nest, and a backslash also escapes '}'; in the word of a pattern operator
# (# ## % %%) single quotes still quote.
p() { printf '<%s>' "$@"; echo; }
x=
y=val
unset u
p "${x:-"a b"}" "${u-"p q"}" "${y:+"a  b"}" "${y:+a"b c"d}"
p "${y:+'q'}" "${x:-'lit'}" "${x:-'$y'}" "${x:-a'b}" "${x:-'}'}"
p "${x:-\"y\"}" "${x:-\$y}" "${x:-a\b}" "${x:-\a\\b}" "${x:-\}}" "${u:-a\"b}"
p "${x:-"}"}" "${x:-"$y"}" "${x:-"'a'"}" "${x:-'"a"'}" "${x:-"\}"}" "${x:-"a\"b"}"
p "${x:-"*"}" "${x:-*}" "${x:-""}" "${x:-''}"
p ${x:-"a   b"} ${y:+'q  r'} ${x:-\"y\"} ${x:-""} ${x:-''} ${x:-} end
p "${u:-`echo 'x y'`}" "${u:-$(echo "in ner")}"
p "${u-${y:+"n  est"}}" "${u-"${y:+'n  est'}"}" ${u-"${y:+'a'}"} "${u-${y#'v'}}"
set -- 1 2
p "${y:+"$@"}" ${y:+"$@"} "${y:+$@}" "${1+'a'}" "${#:+'z'}" "${##}"
# = assigns the word after the same quote removal
unset v; p "${v:="q  w"}" "$v"
unset v; p "${v:='sq'}" "$v"
unset v; p ${v:='sq'} "$v"
unset v; p ${v:="a  b"} "$v"
unset v; p "${v:=\"dq\"}" "$v"
# ? prints the word as its message
(: "${u?"msg  here"}") 2>&1 | sed 's/.*: //'
# patterns: quotes make characters literal even inside double quotes
y=aXb
p "${y#'a'}" "${y#"a"}" "${y%'b'}" "${y#\a}" ${y#'a'}
z='a*b'
p "${z#'a*'}" "${z#"a*"}" "${z#a\*}" "${z#a*}"
y='}a'
p "${y#'}'}" "${y#"}"}" "${y#\}}" "${y##'}'}"
y="a'b"
p "${y%\'b}" "${u:-'}"
# here-documents: the word's double quotes are removed, single quotes stay
cat <<E
${u:-"h d"} ${u:-'h s'} ${u:-\}} ${u:-\"} "${u:-a}" ${u:-"\$y"}
E
