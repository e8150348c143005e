# Fixed files for the cases (sourced by the case scripts in the guest and
# by run-debian on the host before the oracle runs): fixed contents,
# modes and times, so listings come out the same on both sides.
FIXED_TIME='2024-01-02 03:04:05'

mkfiles() {
	printf 'hello\n' > a
	printf 'one two\nthree four\nfive six\n' > b
	printf 'pear,3\napple,10\nfig,1\nplum,2\n' > c
	chmod 644 a
	chmod 640 b
	chmod 600 c
	ln -s a l
	touch -d "$FIXED_TIME" a b c
	touch -h -d "$FIXED_TIME" l
}

mktree() {
	mkdir -p d/x/y d/z
	printf 1 > d/x/one
	printf 22 > d/x/y/two
	printf 333 > d/z/three
	printf 4444 > d/four
	chmod 644 d/x/one d/x/y/two d/z/three d/four
	chmod 755 d d/x d/x/y d/z
	touch -d "$FIXED_TIME" d/x/one d/x/y/two d/z/three d/four d/x/y d/x d/z d
}
