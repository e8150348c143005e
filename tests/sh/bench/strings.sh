# String and parameter expansion in a loop.
i=0
s=
path=/usr/local/lib/libexample.so.1.2.3
while [ $i -lt 20000 ]; do
	base=${path##*/}
	dir=${path%/*}
	ext=${base#*.}
	s="$dir:$base:$ext:${#path}"
	case $s in
	*libexample*) n=${s%%:*} ;;
	esac
	i=$((i + 1))
done
echo "$s $n"
