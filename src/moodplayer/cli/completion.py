"""``moodplayer completion bash|zsh``: a shell completion script made from the parser.

Generated, not written by hand, so a new command or option completes the
day it is added. What completes: commands, each command's options, the
choices of options and positionals that have them, files for options and
arguments that take a FILE/DIR/PATH, and the global options before the
command. Install with e.g.
``moodplayer completion bash > ~/.local/share/bash-completion/completions/moodplayer``.
"""

from __future__ import annotations

import argparse
import re
import sys

from .common import EXIT_OK, epilog
from .parser_tree import choices_of, commands, nested, optionals, positionals


def register(sub) -> None:
    p = sub.add_parser(
        "completion", help="print a shell completion script (bash or zsh)",
        description="Print a completion script for your shell on stdout.",
        epilog=epilog(
            "moodplayer completion bash > ~/.local/share/bash-completion/completions/moodplayer",
            "moodplayer completion zsh > ~/.zfunc/_moodplayer   # with fpath+=(~/.zfunc)",
            "source <(moodplayer completion bash)   # this shell only"))
    p.add_argument("shell", choices=["bash", "zsh"], help="the shell to complete for")
    p.set_defaults(run=cmd_completion)


def cmd_completion(args) -> int:
    from .main import build_parser

    parser = build_parser()
    sys.stdout.write(bash_script(parser) if args.shell == "bash" else zsh_script(parser))
    return EXIT_OK


def takes_value(action) -> bool:
    return action.nargs != 0


def value_kind(action) -> str:
    """'choices', 'dir', 'file' or 'text': what a value of ``action`` completes to."""
    if choices_of(action):
        return "choices"
    name = str(action.metavar or action.dest).upper()
    if "DIR" in name:
        return "dir"
    return "file" if any(k in name for k in ("FILE", "PATH")) else "text"


# -- bash --------------------------------------------------------------------------------
def bash_script(parser: argparse.ArgumentParser) -> str:
    cmds = commands(parser)
    top = optionals(parser)
    lines = ["# bash completion for moodplayer (made by: moodplayer completion bash)",
             "_moodplayer() {",
             '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
             '    local cmd="" i w npos=0',
             "    for ((i = 1; i < COMP_CWORD; i++)); do",
             '        w="${COMP_WORDS[i]}"',
             f"        case \"$w\" in {_bash_alts(_all_value_options(parser))}) ((i++)); continue ;; "
             "-*) continue ;; esac",
             '        if [[ -z $cmd ]]; then cmd="$w"; else ((npos++)); fi',
             "    done",
             '    case "$cmd" in',
             f"        '') {_bash_values(top, indent=12)}",
             f"            _mp_words \"{' '.join(cmds)} {_words(top)}\"; return ;;"]
    for name, (_, p) in cmds.items():
        lines.append(f"        {name})")
        lines.append(f"            {_bash_values(optionals(p), indent=12)}")
        pos = nested(p) or next((choices_of(a) for a in positionals(p) if choices_of(a)), [])
        if pos:
            lines.append(f"            if [[ $npos == 0 && $cur != -* ]]; then "
                         f"_mp_words \"{' '.join(pos)}\"; return; fi")
        lines.append(f"            [[ $cur == -* ]] && _mp_words \"{_words(optionals(p))}\"; return ;;")
    lines += ["    esac", "}",
              '_mp_words() { COMPREPLY=($(compgen -W "$1" -- "$cur")); }',
              "complete -o default -F _moodplayer moodplayer", ""]
    return "\n".join(lines)


def _all_value_options(parser) -> list:
    """Options that take a value, in any command: their value is not a positional argument."""
    found = [s for p in [parser] + [p for _, p in commands(parser).values()]
             for a in optionals(p) if takes_value(a) for s in a.option_strings]
    return list(dict.fromkeys(found))


def _bash_alts(words) -> str:
    return "|".join(words) or "--no-such-option"


def _words(actions) -> str:
    return " ".join(s for a in actions for s in a.option_strings if s.startswith("--")) + \
        " " + " ".join(s for a in actions for s in a.option_strings if not s.startswith("--"))


def _bash_values(actions, indent: int) -> str:
    """A case on the previous word: complete an option's value, not the next option."""
    arms = []
    for a in actions:
        if not takes_value(a):
            continue
        kind = value_kind(a)
        if kind == "choices":
            action = f"COMPREPLY=($(compgen -W \"{' '.join(choices_of(a))}\" -- \"$cur\"))"
        elif kind == "dir":
            action = "COMPREPLY=($(compgen -d -- \"$cur\"))"
        elif kind == "file":
            action = "COMPREPLY=($(compgen -f -- \"$cur\"))"
        else:
            action = "COMPREPLY=()"
        arms.append(f"{'|'.join(a.option_strings)}) {action}; return ;;")
    pad = " " * (indent + 4)
    return "case \"$prev\" in\n" + "".join(f"{pad}{arm}\n" for arm in arms) + \
        " " * indent + "esac"


# -- zsh ---------------------------------------------------------------------------------
def _zsh_text(text: str) -> str:
    """Help text safe inside '...[...]' of an _arguments spec."""
    text = " ".join(str(text or "").split())
    return re.sub(r"[\[\]]", lambda m: "(" if m.group() == "[" else ")", text).replace("'", "’")


def _zsh_value(a) -> str:
    kind = value_kind(a)
    meta = _zsh_text(a.metavar or a.dest).replace(":", " ")
    if kind == "choices":
        return f":{meta}:({' '.join(choices_of(a))})"
    return {"dir": f":{meta}:_files -/", "file": f":{meta}:_files", "text": f":{meta}: "}[kind]


def _zsh_specs(p) -> list:
    specs = []
    for a in optionals(p):
        value = _zsh_value(a) if takes_value(a) else ""
        many = "*" if isinstance(a, (argparse._AppendAction, argparse._CountAction)) else ""
        for s in a.option_strings:
            eq = "=" if value and s.startswith("--") else ""
            specs.append(f"'{many}{s}{eq}[{_zsh_text(a.help)}]{value}'")
    if nested(p):
        specs.append(f"'1:command:({' '.join(nested(p))})'")
    for a in positionals(p):
        rest = _zsh_value(a)
        specs.append(f"'*{rest}'" if a.nargs in ("+", "*") else f"'{rest}'")
    return specs


def zsh_script(parser: argparse.ArgumentParser) -> str:
    cmds = commands(parser)
    described = " ".join(f"'{name}:{_zsh_text(h).replace(':', chr(92) + ':')}'"
                         for name, (h, _) in cmds.items())
    lines = ["#compdef moodplayer", "# zsh completion for moodplayer "
             "(made by: moodplayer completion zsh)", "_moodplayer() {",
             "    local curcontext=\"$curcontext\" state line",
             f"    local -a cmds=({described})",
             "    _arguments -C \\", *(f"        {s} \\" for s in _zsh_specs_top(parser)),
             "        '1: :->command' '*:: :->args'",
             "    case $state in",
             "        command) _describe -t commands 'moodplayer command' cmds ;;",
             "        args)", "            case $words[1] in"]
    for name, (_, p) in cmds.items():
        lines.append(f"                {name}) _arguments {' '.join(_zsh_specs(p))} ;;")
    lines += ["            esac ;;", "    esac", "}", "", '_moodplayer "$@"', ""]
    return "\n".join(lines)


def _zsh_specs_top(parser) -> list:
    return [s for s in _zsh_specs(parser) if not s.startswith("'1:") and not s.startswith("'*:")
            and not s.startswith("':")]
