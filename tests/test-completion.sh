#!/usr/bin/env bash
# test-completion.sh: the bash completion of rvault, by simulating what
# readline gives a completion function (COMP_WORDS, COMP_CWORD, COMP_LINE).
#   test-completion.sh RVAULT COMPLETION-FILE
# Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

rvault=$1
completion=$2
count=0
failed=0

. /usr/share/bash-completion/bash_completion
. "$completion"

# compopt only works inside a real completion: record what it is asked.
compopt()
{
    compopt_args="$*"
}

# complete WORD... : runs the completion function on the command line made of
# the words, the last one being the word under the cursor.
complete_words()
{
    COMP_WORDS=("$rvault" "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    compopt_args=""
    _rvault "$rvault" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}

check()
{
    local description=$1
    shift
    count=$((count + 1))
    if "$@"; then
        echo "ok $count - $description"
    else
        failed=$((failed + 1))
        echo "not ok $count - $description"
        echo "# got: ${COMPREPLY[*]-}"
    fi
}

has()
{
    local want
    for want in "$@"; do
        [[ " ${COMPREPLY[*]-} " == *" $want "* ]] || return 1
    done
}

none_like()
{
    local reply
    for reply in "${COMPREPLY[@]}"; do
        [[ $reply == $1 ]] && return 1
    done
    return 0
}

only()
{
    [[ "${COMPREPLY[*]-}" == "$*" ]]
}

check "completion is registered for rvault" \
    bash -c ". /usr/share/bash-completion/bash_completion; . '$completion'; complete -p rvault >/dev/null"

live_commands=$(LC_ALL=C "$rvault" --help |
    awk '/^Commands:/ { b = 1; next } b && !NF { exit } b { print $1 }')
check "rvault --help lists commands" test -n "$live_commands"
complete_words ""
check "every command of rvault --help completes" has $live_commands
check "no option is offered where a command goes" none_like "-*"

complete_words ex
check "ex completes to export" only export

complete_words re
check "re offers remove, recovery-codes, request and restore" \
    has remove recovery-codes request restore

complete_words --vault /tmp/v.rvault l
check "a command after --vault PATH" only list

complete_words --password-fd 3 verify
check "a command after --password-fd N" only verify-backup

complete_words --
check "global options" has --vault --password-fd --help --version

complete_words add --
check "add's options from its --help" has --issuer= --name= --type= --uri= --digits=

complete_words add --iss
check "add --iss completes to --issuer=" only --issuer=
check "an option taking a value completes without a space after =" \
    test "$compopt_args" = "-o nospace"

complete_words --vault x.rvault export --f
check "export --f completes to --format= and --file-password-fd=" has --format= --file-password-fd=

complete_words export --format ""
check "export formats" has encrypted uri-list aegis-json google-qr account-qr

complete_words import --format a
check "import formats" only auto aegis andotp

complete_words import --format=a
check "import --format=VALUE, split at =" only auto aegis andotp

complete_words add --type h
check "add --type values" only hotp

complete_words emergency-sheet --paper ""
check "emergency-sheet --paper sizes" only a4 letter

complete_words keyring ""
check "keyring subcommands" only enable disable status

complete_words request --provider git
check "request --provider lists the recovery profiles" only github gitlab

complete_words remove --
check "remove's long option" has --yes

complete_words recovery-codes acme --use ""
check "recovery-codes --use offers - (standard input), never a code" only -

complete_words recovery-codes --u
check "recovery-codes --use takes no =CODE" only --use

complete_words keyring disable --b
check "keyring disable offers --backup-folder=" only --backup-folder=

echo "1..$count"
[ "$failed" = 0 ]
