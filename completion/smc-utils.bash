# bash completion for smc-utils: smcss, smcr, smcd, smc_pnet, smc_run, smc_chk, smc_metrics,
# smc_dbg, smc_rnics
# Installed once as "smcss" with a symlink for each other tool, so
# bash-completion's on-demand loader finds it under each command's name.
#
# Words are never listed here: objects and commands come from "<tool> help" and
# "<tool> OBJECT help", options from "--help", and values (user EIDs) from the tool's
# own JSON output, so completion cannot drift from the program.

# _smcu_section TOOL ARGS... SECTION: the first word of each indented line under
# "SECTION:" in the help output of TOOL ARGS...
_smcu_section()
{
	local section=${!#}
	local -a cmd=("${@:1:$#-1}")
	"${cmd[@]}" 2>/dev/null | awk -v s="$section:" '
		$0 == s { on = 1; next }
		/^[^ ]/ { on = 0 }
		on && /^  [^ -]/ { print $1 }'
}

# long and short options listed in the tool's help text
_smcu_options()
{
	"$@" 2>/dev/null | grep -oE '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u
}

# the namespace option in all its spellings (-netns and -net as ip writes them)
_smcu_is_netns_opt()
{
	[[ $1 == @(-n|--netns|--net|-netns|-net) ]]
}

_smcss()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	if _smcu_is_netns_opt "${COMP_WORDS[COMP_CWORD-1]}"; then
		COMPREPLY=($(compgen -W "$(ls /run/netns 2>/dev/null)" -- "$cur"))
		return
	fi
	local prev=${COMP_WORDS[COMP_CWORD-1]} words
	case $prev in
	# seconds, addresses, ports, link group ids: nothing to offer
	-i | --interval | src | dst | sport | dport | lgr) COMPREPLY=(); return ;;
	# the values of a filter term, from the lines of --help that list them
	state | exclude | excl | mode)
		[[ $prev == mode ]] && words=Modes: || words=States:
		words=$("${COMP_WORDS[0]}" --help 2>/dev/null | sed -n "s/^$words //p")
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return ;;
	fallback)
		words=$(smcr explain all 2>/dev/null | awk 'NR > 1 { print $1, $2 }')
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return ;;
	esac
	# options, and the terms a filter starts with (see FILTER in smcss --help)
	words=$(_smcu_options "${COMP_WORDS[0]}" --help)
	[[ $cur == -* ]] || words+=" $(_smcu_section "${COMP_WORDS[0]}" --help "Filter terms")"
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

_smcu_genl()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]}
	local i word object="" command="" nargs=0

	if _smcu_is_netns_opt "${COMP_WORDS[COMP_CWORD-1]}"; then
		COMPREPLY=($(compgen -W "$(ls /run/netns 2>/dev/null)" -- "$cur"))
		return
	fi
	# find the object and command words after the options ("--" is none of them)
	for ((i = 1; i < COMP_CWORD; i++)); do
		word=${COMP_WORDS[i]}
		if _smcu_is_netns_opt "$word"; then
			((i++))
			continue
		fi
		[[ $word == -- ]] && continue
		if [[ -z $object ]]; then
			[[ $word == -* ]] && continue
			object=$word
		elif [[ -z $command ]]; then
			command=$word
		else
			nargs=$((nargs + 1))
		fi
	done

	# options may come before the object or after it: a dash asks for them anywhere
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_smcu_options "$tool" help)" -- "$cur"))
		return
	fi
	if [[ -z $object ]]; then
		COMPREPLY=($(compgen -W "$(_smcu_section "$tool" help Objects) help" -- "$cur"))
		return
	fi
	if [[ $object == @(e|ex*) ]]; then
		# every argument is a code: the numbers and names "explain all" lists
		local words
		words=$("$tool" explain all 2>/dev/null | awk 'NR > 1 { print $1, $2 }')
		[[ -z $command ]] && words+=" all help"
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	if [[ -z $command ]]; then
		COMPREPLY=($(compgen -W "$(_smcu_section "$tool" "$object" help Commands) help" \
			-- "$cur"))
		return
	fi
	local prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	ibdev)
		COMPREPLY=($(compgen -W "$(ls /sys/class/infiniband 2>/dev/null)" -- "$cur"))
		return ;;
	netdev)
		COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur"))
		return ;;
	esac
	case $object in
	l | li* | linkgroup | d | de* | device)
		# filters; the device filters are SMC-R's
		local words="all"
		[[ $tool == smcr ]] && words="all ibdev netdev"
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		;;
	u | ue* | ueid)
		# values: the user EIDs a "del" could remove
		if [[ $command == del* && $nargs -eq 0 ]] && command -v jq >/dev/null; then
			COMPREPLY=($(compgen -W "$("$tool" -j ueid show 2>/dev/null | jq -r '.[].eid' 2>/dev/null)" \
				-- "$cur"))
		fi
		;;
	esac
}

_smc_pnet()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local i cmd=""

	case $prev in
	-I | --interface)
		COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur"))
		return ;;
	-D | --ibdevice)
		# RDMA devices, and SMC-D's software device: the DIBS devices where the kernel
		# has that layer (7.x: loopback is "lo"), else loopback-ism (6.9 on)
		local smcd_devs=loopback-ism
		[ -d /sys/class/dibs ] && smcd_devs=$(ls /sys/class/dibs 2>/dev/null)
		COMPREPLY=($(compgen -W "$(ls /sys/class/infiniband 2>/dev/null) $smcd_devs" -- "$cur"))
		return ;;
	-P | --ibport)
		COMPREPLY=($(compgen -W "1 2" -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_smcu_options "$tool" --help)" -- "$cur"))
		return
	fi
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-a | --add) cmd=add ;;
		-d | --delete | -s | --show) cmd=existing ;;
		esac
	done
	# deleting or showing: the PNET IDs that exist
	if [[ $cmd == existing ]] && command -v jq >/dev/null; then
		COMPREPLY=($(compgen -W "$("$tool" -j 2>/dev/null | jq -r '.[].pnetid' 2>/dev/null | sort -u)" \
			-- "$cur"))
	fi
}

# smc_chk: options from --help; namespaces for -n, local addresses for --bind
_smc_chk()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}

	case $prev in
	-n | --netns | --net | -netns | -net)
		COMPREPLY=($(compgen -W "$(ls /run/netns 2>/dev/null)" -- "$cur"))
		return ;;
	-b | --bind)
		COMPREPLY=($(compgen -W "$(ip -o address show 2>/dev/null |
			awk '{ sub("/.*", "", $4); print $4 }')" -- "$cur"))
		return ;;
	-C | --connect | -R | --replay-check)
		COMPREPLY=($(compgen -A hostname -- "$cur"))
		return ;;
	-p | --port | -t | --timeout)
		return ;;	# a number: nothing to offer
	esac
	COMPREPLY=($(compgen -W "$(_smcu_options "$tool" --help)" -- "$cur"))
}

# smc_metrics and smc_dbg: options from --help, a file after -o, namespaces after -n
_smcu_output_tool()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}

	if _smcu_is_netns_opt "$prev"; then
		COMPREPLY=($(compgen -W "$(ls /run/netns 2>/dev/null)" -- "$cur"))
		return
	fi
	if [[ $prev == @(-o|--output) ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -W "$(_smcu_options "$tool" --help)" -- "$cur"))
}

# smc_rnics: options from --help; for -e the FIDs of functions powered off, for -d those
# powered on, and as the argument the FIDs and PCI addresses it lists (all from its JSON)
_smc_rnics()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local filter

	case $prev in
	-e | --enable) filter='select(.power == false) | .pci_fid' ;;
	-d | --disable) filter='select(.power == true) | .pci_fid' ;;
	*)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$(_smcu_options "$tool" --help)" -- "$cur"))
			return
		fi
		filter='.pci_id // empty, (.pci_fid // empty | tostring)' ;;
	esac
	command -v jq >/dev/null || return
	# FIDs are hexadecimal on the command line; JSON has them as numbers
	COMPREPLY=($(compgen -W "$("$tool" -a -j 2>/dev/null | jq -r ".[] | $filter" 2>/dev/null |
		while read -r w; do
			if [[ $w == *:* ]]; then printf '%s\n' "$w"; else printf '%x\n' "$w"; fi
		done | sort -u)" -- "$cur"))
}

# smc_run: its own options, then PROGRAM (a command name) and PROGRAM's own completion
_smc_run()
{
	local tool=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local i

	case $prev in
	-f | --family)
		# the MODE words of the --family line: "MODE   auto, smc or inet: ..."
		COMPREPLY=($(compgen -W "$("$tool" --help 2>/dev/null |
			sed -n 's/^ *-f, --family MODE *\([a-z, ]*\) or \([a-z]*\):.*/\1 \2/p' |
			tr -d ',')" -- "$cur"))
		return ;;
	-r | --rcvbuf | -t | --sndbuf)
		return ;;	# a size: nothing to offer
	-D | --debug-file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac
	# PROGRAM is the first word that is neither an option nor an option's value
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-f | --family | -r | --rcvbuf | -t | --sndbuf | -D | --debug-file) ((i++)) ;;
		--) ((i++)); break ;;
		-*) ;;
		*) break ;;
		esac
	done
	if ((i < COMP_CWORD)); then
		# PROGRAM's arguments: whatever its own completion offers (bash-completion)
		if declare -F _comp_command_offset >/dev/null; then
			_comp_command_offset "$i"
		elif declare -F _command_offset >/dev/null; then
			_command_offset "$i"
		else
			COMPREPLY=($(compgen -f -- "$cur"))
		fi
	elif [[ $cur == -* && ${COMP_WORDS[i-1]} != -- ]]; then
		COMPREPLY=($(compgen -W "$(_smcu_options "$tool" --help)" -- "$cur"))
	else
		COMPREPLY=($(compgen -c -- "$cur"))
	fi
}

complete -F _smcss smcss
complete -F _smc_pnet smc_pnet
complete -F _smcu_genl smcr smcd
complete -F _smc_run smc_run
complete -F _smc_chk smc_chk
complete -F _smcu_output_tool smc_metrics smc_dbg
complete -F _smc_rnics smc_rnics
