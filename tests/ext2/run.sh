#!/bin/sh
# run.sh DRIVER WORKDIR: for 4096- and 1024-byte blocks, make an image,
# write and verify it through the driver, and after each phase let e2fsck
# and debugfs judge it.  Prints PASS/FAIL lines; exits 0 when it ran.
drv=$1 dir=$2
mkdir -p "$dir"
for bs in 4096 1024; do
	tag=ext2-b$bs
	img=$dir/b$bs.img
	rm -f "$img"
	if ! mke2fs -q -F -t ext2 -r 1 -b $bs "$img" 64M >/dev/null 2>&1; then
		echo "FAIL $tag-mke2fs: mke2fs failed"
		continue
	fi
	for phase in write verify; do
		"$drv" "$img" "$tag-$phase" $phase 2>"$dir/b$bs-$phase.err" ||
			{ echo "FAIL $tag-$phase-driver: exit status $?"; sed 's/^/  /' "$dir/b$bs-$phase.err" | head -20; }
		if e2fsck -fn "$img" >"$dir/b$bs-$phase.fsck" 2>&1; then
			echo "PASS $tag-$phase-e2fsck"
		else
			echo "FAIL $tag-$phase-e2fsck: not clean"
			sed 's/^/  /' "$dir/b$bs-$phase.fsck" | head -20
		fi
	done
	# From outside: what debugfs sees must match what we wrote.
	out=$(debugfs -R 'cat /hello2' "$img" 2>/dev/null)
	[ "$out" = "hello, world" ] && echo "PASS $tag-debugfs-cat" ||
		echo "FAIL $tag-debugfs-cat: got '$out'"
	ls=$(debugfs -R 'ls -l /' "$img" 2>/dev/null)
	case $ls in
	*"hello2"*"short"*"long"*"p1"*"p2"*"tty"*) echo "PASS $tag-debugfs-ls" ;;
	*) echo "FAIL $tag-debugfs-ls: listing lacks a name"; echo "$ls" | sed 's/^/  /' ;;
	esac
	link=$(debugfs -R 'stat /short' "$img" 2>/dev/null | grep -c 'Fast link dest: "hello2"')
	[ "$link" = 1 ] && echo "PASS $tag-debugfs-fast-symlink" ||
		echo "FAIL $tag-debugfs-fast-symlink: not a fast link to hello2"
	ea=$(debugfs -R 'ea_list /xa' "$img" 2>/dev/null | tr -s ' \n' ' ')
	case $ea in
	*'user.color (5) = "green"'*'trusted.t (1) = "x"'*'security.s (3) = "sec"'*)
		echo "PASS $tag-debugfs-ea-list" ;;
	*) echo "FAIL $tag-debugfs-ea-list: got '$ea'" ;;
	esac
	ea=$(debugfs -R 'ea_list /xshared' "$img" 2>/dev/null | tr -s ' \n' ' ')
	case $ea in
	*'user.color (4) = "cyan"'*) echo "PASS $tag-debugfs-ea-shared" ;;
	*) echo "FAIL $tag-debugfs-ea-shared: got '$ea'" ;;
	esac
	state=$(dumpe2fs -h "$img" 2>/dev/null | sed -n 's/^Filesystem state: *//p')
	[ "$state" = clean ] && echo "PASS $tag-state-clean" ||
		echo "FAIL $tag-state-clean: state is '$state'"
done

# An image packed by mke2fs -d, as the root image is.
tag=ext2-populated
stage=$dir/stage
rm -rf "$stage" && mkdir -p "$stage/big"
printf 'made by mke2fs -d\n' > "$stage/data.txt"
ln -s data.txt "$stage/link"
i=0
while [ $i -lt 600 ]; do : > "$stage/big/$(printf 'f%04d' $i)"; i=$((i + 1)); done
img=$dir/populated.img
rm -f "$img"
mke2fs -q -F -t ext2 -r 1 -b 4096 -d "$stage" "$img" 16M >/dev/null 2>&1 ||
	echo "FAIL $tag-mke2fs: mke2fs -d failed"
# e2fsck -D turns the big directory into a hashed (htree) one, which we
# must read as a plain list and turn back into one when we change it.
e2fsck -fyD "$img" >/dev/null 2>&1
debugfs -R 'stat /big' "$img" 2>/dev/null | grep -q 'Flags: 0x1000' &&
	echo "PASS $tag-htree-made" || echo "FAIL $tag-htree-made: e2fsck -D did not index /big"
"$drv" "$img" "$tag" populated 2>"$dir/populated.err" ||
	{ echo "FAIL $tag-driver: exit status $?"; sed 's/^/  /' "$dir/populated.err" | head -20; }
if e2fsck -fn "$img" >"$dir/populated.fsck" 2>&1; then
	echo "PASS $tag-e2fsck"
else
	echo "FAIL $tag-e2fsck: not clean"
	sed 's/^/  /' "$dir/populated.fsck" | head -20
fi

# Corrupted images: every operation fails cleanly or works.
img=$dir/fuzz.img
rm -f "$img"
mke2fs -q -F -t ext2 -r 1 -b 1024 -N 1024 -d "$stage" "$img" 2M >/dev/null 2>&1 ||
	echo "FAIL ext2-fuzz-mke2fs: mke2fs -d failed"
"$drv" "$img" ext2 fuzz 2>"$dir/fuzz.err" ||
	{ echo "FAIL ext2-fuzz-driver: exit status $?"; sed 's/^/  /' "$dir/fuzz.err" | head -30; }
exit 0
