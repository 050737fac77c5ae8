"""`moodplayer completion bash|zsh`: scripts made from the parser, checked in the real shells."""

import re
import shutil
import subprocess

import pytest

from moodplayer.cli import build_parser, main
from moodplayer.cli.parser_tree import commands, optionals


def script(shell, capsys):
    assert main(["completion", shell]) == 0
    return capsys.readouterr().out


def complete(bash_script, tmp_path, *words):
    """COMPREPLY for the command line ``words`` (the last one is being typed)."""
    path = tmp_path / "moodplayer.bash"
    path.write_text(bash_script)
    words_q = " ".join(f"'{w}'" for w in words)
    code = (f"source {path}; COMP_WORDS=({words_q}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); "
            f"_moodplayer; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    out = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=30,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    return [w for w in out.stdout.splitlines() if w]


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is not installed")
def test_bash_completes_commands_options_and_choices(tmp_path, capsys):
    text = script("bash", capsys)
    assert complete(text, tmp_path, "moodplayer", "an") == ["analyze"]
    assert complete(text, tmp_path, "moodplayer", "-v", "--model", "m", "qu") == ["queue"]
    assert complete(text, tmp_path, "moodplayer", "analyze", "--ad") == ["--adapter"]
    assert complete(text, tmp_path, "moodplayer", "queue", "x.jpg", "--kind", "") == \
        ["music", "video", "any", "mixed"]
    assert complete(text, tmp_path, "moodplayer", "--device", "c") == ["cpu", "cuda"]
    assert complete(text, tmp_path, "moodplayer", "playlists", "") == \
        ["list", "show", "export", "import", "rename", "delete"]
    assert complete(text, tmp_path, "moodplayer", "completion", "z") == ["zsh"]
    (tmp_path / "beach.jpg").write_bytes(b"")
    assert complete(text, tmp_path, "moodplayer", "analyze", "--adapter", "be") == ["beach.jpg"]


def test_every_command_and_option_is_in_both_scripts(capsys):
    bash, zsh = script("bash", capsys), script("zsh", capsys)
    for name, (_, parser) in commands(build_parser()).items():
        offered = re.search(rf"\n        {name}\)\n.*?_mp_words \"([^\"]*)\"; return ;;", bash,
                            re.S).group(1).split()
        zsh_line = re.search(rf"\n {{16}}{name}\) _arguments (.*) ;;\n", zsh).group(1)
        for action in optionals(parser):
            for option in action.option_strings:
                assert option in offered, (name, option)
                assert re.search(rf"'\*?{re.escape(option)}=?\[", zsh_line), (name, option)


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed")
def test_the_zsh_script_parses_and_defines_its_function(tmp_path, capsys):
    path = tmp_path / "_moodplayer"
    path.write_text(script("zsh", capsys))
    assert subprocess.run(["zsh", "-n", str(path)], capture_output=True).returncode == 0
    probe = (f"autoload -U compinit && compinit -u -d {tmp_path}/zcompdump; "
             f"source {path} 2>/dev/null; whence -w _moodplayer")
    out = subprocess.run(["zsh", "-f", "-c", probe], capture_output=True, text=True, timeout=30)
    assert "_moodplayer: function" in out.stdout, out.stderr
