#!/usr/bin/env python3
# check-man-page.py: keeps a manual page true to the program's live --help.
#
#   check-man-page.py --render PAGE
#       man -l renders PAGE without a warning.
#   check-man-page.py --program PROG --page PAGE [--commands]
#       every option PROG --help lists appears in the page's OPTIONS section;
#       with --commands, every command of PROG --help has a subsection
#       "PROG COMMAND" under COMMANDS listing each option of PROG COMMAND --help,
#       and the page has no subsection for a command that does not exist.
#
# Output is TAP. The page is read as man renders it (plain ASCII, no wrapping),
# so what is checked is what a reader sees.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import argparse
import os
import re
import subprocess
import sys

OPTION = re.compile(r'^\s+(?:(-[A-Za-z0-9]), )?(--[a-z0-9][a-z0-9-]*)')


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, description, detail=None):
        self.count += 1
        if not ok:
            self.failed += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', self.count, description))
        if not ok and detail:
            for line in detail.splitlines():
                print('# ' + line)

    def finish(self):
        print('1..%d' % self.count)
        return 1 if self.failed else 0


def run_help(program, *args):
    env = dict(os.environ, LC_ALL='C')
    result = subprocess.run([program, *args, '--help'], capture_output=True, text=True,
                            env=env, check=False)
    if result.returncode != 0:
        sys.exit('%s %s --help failed (%d): %s'
                 % (program, ' '.join(args), result.returncode, result.stderr))
    return result.stdout


def help_options(text):
    """The options a GOption-style (or hand-written) --help lists, skipping the
    "Help Options:" block (--help and --help-* are documented once)."""
    options = []
    in_help_block = False
    for line in text.splitlines():
        if re.match(r'^\S.*:$', line):
            in_help_block = line.startswith('Help Options')
            continue
        match = OPTION.match(line)
        if match and not in_help_block:
            options.extend(o for o in match.groups() if o)
    return options


def help_values(text):
    """The values of options whose help lists them, as "--format: auto
    (default), aegis, andotp, … or uri-list": {option: [values]}."""
    values = {}
    for line in text.splitlines():
        match = re.match(r'^\s+(?:-\w, )?(--[a-z][a-z-]*)=\S+\s+(\S.*\(default\),.* or .*)$',
                         line)
        if match:
            listed = match.group(2).replace('(default)', '').replace(' or ', ', ')
            values[match.group(1)] = [v.strip() for v in listed.split(',') if v.strip()]
    return values


def help_commands(text):
    commands = []
    in_block = False
    for line in text.splitlines():
        if line.startswith('Commands:'):
            in_block = True
        elif in_block and not line.strip():
            break
        elif in_block:
            commands.append(line.split()[0])
    return commands


def render(page, width='80', warnings=False):
    env = dict(os.environ, LC_ALL='C', MANWIDTH=width)
    env.pop('MAN_KEEP_FORMATTING', None)
    args = ['man'] + (['--warnings'] if warnings else []) + ['-l', page]
    result = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    return result.returncode, re.sub(r'.\x08', '', result.stdout), result.stderr


def sections(text):
    """Maps each section (column 0) and subsection (3 spaces) heading of the
    rendered page to its text."""
    found = {}
    current = None
    for line in text.splitlines():
        if re.match(r'^[A-Z][A-Z ]+$', line) or re.match(r'^   \S', line):
            current = line.strip()
            found[current] = ''
        elif current is not None:
            found[current] += line + '\n'
    return found


def mentions(text, option):
    return re.search(r'(?<![\w-])' + re.escape(option) + r'(?![\w-])', text) is not None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--render', metavar='PAGE')
    parser.add_argument('--program')
    parser.add_argument('--page')
    parser.add_argument('--commands', action='store_true')
    args = parser.parse_args()
    tap = Tap()

    if args.render:
        status, out, err = render(args.render, warnings=True)
        tap.check(status == 0 and out.strip(), 'man -l %s renders' % os.path.basename(args.render),
                  err)
        tap.check(not err.strip(), 'man --warnings -l %s prints no warning'
                  % os.path.basename(args.render), err)
        return tap.finish()

    name = os.path.basename(args.program)
    status, out, err = render(args.page, width='1000')
    if status != 0:
        sys.exit('man -l %s failed: %s' % (args.page, err))
    page = sections(out)
    top = run_help(args.program)

    options_text = page.get('OPTIONS', '') + page.get('SYNOPSIS', '')
    for option in help_options(top) + re.findall(r'\[(--[a-z][a-z-]*)', top):
        tap.check(mentions(options_text, option),
                  '%s %s is in the OPTIONS section' % (name, option))

    if args.commands:
        live = help_commands(top)
        tap.check(live, '%s --help lists commands' % name)
        documented = {}
        for heading, text in page.items():
            words = heading.split()
            if len(words) >= 2 and words[0] == name:
                documented[words[1]] = text
        for command in live:
            if command not in documented:
                tap.check(False, 'the page has a subsection "%s %s"' % (name, command),
                          'Add it under COMMANDS (see the comment at the top of %s).'
                          % os.path.basename(args.page))
                continue
            tap.check(True, 'the page has a subsection "%s %s"' % (name, command))
            command_help = run_help(args.program, command)
            for option in help_options(command_help):
                tap.check(mentions(documented[command], option),
                          '%s %s %s is in its subsection' % (name, command, option))
            for option, values in help_values(command_help).items():
                for value in values:
                    tap.check(mentions(documented[command], value),
                              '%s %s %s value "%s" is in its subsection'
                              % (name, command, option, value))
        for command in documented:
            tap.check(command in live, 'documented command "%s" exists' % command,
                      'Remove its subsection, or fix its name.')
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
