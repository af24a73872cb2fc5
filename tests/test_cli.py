"""The CLI is a thin, fast layer: --help imports nothing heavy, and every command is listed."""
import subprocess
import sys

from interviewer.cli import COMMANDS, main

HEAVY = ("numpy", "faster_whisper", "ctranslate2", "onnxruntime", "av", "sounddevice", "piper", "pyttsx3", "rich", "yaml")


def test_help_imports_no_heavy_module():
    for argv in ([], ["analyse", "--help"], ["practice", "--help"], ["questions", "--help"]):
        code = ("import sys\nfrom interviewer.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
                "print('HEAVY:' + ','.join(m for m in %r if m in sys.modules))") % (argv, HEAVY)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip().splitlines()[-1] == "HEAVY:", argv


def test_every_command_is_listed_and_has_its_own_help(capsys):
    assert main([]) == 0
    listed = capsys.readouterr().out
    for name in COMMANDS:
        assert name in listed
        try:
            main([name, "--help"])
        except SystemExit as e:
            assert e.code == 0
        assert f"usage: interviewer {name}" in capsys.readouterr().out
