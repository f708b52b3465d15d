# tests/helpers/tree.bash - a copy of the project's sources, for tests that build it
# elsewhere (the work tree's own build is what the other suites run)

# copy_tree DIR: what git tracks and the new files it does not ignore, or without git
# the whole tree but build/
copy_tree() {
	mkdir -p "$1"
	if git -C "$TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$TOP" ls-files -z --cached --others --exclude-standard |
			(cd "$TOP" && xargs -0 cp --parents -t "$1")
	else
		(cd "$TOP" && tar --exclude=./build -cf - .) | tar -C "$1" -xf -
	fi
}
