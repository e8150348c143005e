# execve refuses a file without a known format (ENOEXEC).  A text file is
# then run as a shell script; a binary one (an ELF header, or a NUL byte
# in the first line, as bash checks) is an error with status 126.
printf 'echo hi\0\n' > nul-first-line
printf '\177ELF\2\1\1\0\0\0' > elf-header
printf '\177ELFecho x\n' > elf-text
printf 'echo text-ok\nexit 0\n\0' > nul-later
printf 'echo plain-script "$@"\n' > plain
chmod +x nul-first-line elf-header elf-text nul-later plain
for f in nul-first-line elf-header elf-text nul-later plain; do
	./$f arg; echo "$f -> $?"
done
PATH=.:$PATH nul-first-line; echo "path -> $?"
(exec ./elf-header); echo "exec -> $?"
