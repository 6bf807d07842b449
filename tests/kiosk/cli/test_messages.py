"""Every CLI error starts with `kiosk:` and names what is at fault (issue 18 item 3).

Each bad input goes through the real command (`kiosk.cli.main`, and a few as a separate
process), and the whole line it prints is checked: the flag, or the file with the line and
column of invalid JSON. A static check keeps new error paths of kiosk/cli on the same form.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import EXIT_BUG, main

REPO = Path(__file__).resolve().parents[3]
IDENTITY = str(REPO / "kiosk/forms/examples/identity.json")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1,\n "b": }\n', encoding="utf-8")
    array = tmp_path / "array.json"
    array.write_text("[1, 2]\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("not a certificate\n", encoding="utf-8")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"name": "\xe9"}')
    portrait = tmp_path / "person.json"
    portrait.write_text('{"portrait": "missing.jpg"}', encoding="utf-8")
    toml = tmp_path / "kiosk.toml"
    toml.write_text("[kiosk]\nidle_timeout_s 60\n", encoding="utf-8")
    return {"bad": str(bad), "array": str(array), "plain": str(plain), "latin": str(latin),
            "dir": str(tmp_path), "missing": str(tmp_path / "missing.json"),
            "person": str(portrait), "toml": str(toml)}


#: (argv with {placeholders}, exit status, the whole error line)
CASES = [
    (["forms", "fill", "1", "--identity", "{bad}"], 1,
     "kiosk: error: --identity {bad}: invalid JSON at line 2, column 7: Expecting value"),
    (["forms", "fill", "1", "--identity", "{missing}"], 1,
     "kiosk: error: --identity {missing}: no such file"),
    (["forms", "fill", "1", "--identity", "{dir}"], 1,
     "kiosk: error: --identity {dir}: is a folder; give a JSON file"),
    (["forms", "fill", "1", "--identity", "{latin}"], 1,
     "kiosk: error: --identity {latin}: not UTF-8 text (byte 10)"),
    (["forms", "fill", "1", "--identity", IDENTITY, "--date", "2026-13-01"], 1,
     "kiosk: error: --date '2026-13-01' is not a date (month must be in 1..12): give "
     "YYYY-MM-DD, e.g. 2026-06-01"),
    (["forms", "fill", "1", "--identity", IDENTITY, "--extra", "{array}"], 1,
     "kiosk: error: --extra {array}: must hold one JSON object"),
    (["forms", "fill", "1", "--identity", IDENTITY, "--second-identity", "{bad}"], 1,
     "kiosk: error: --second-identity {bad}: invalid JSON at line 2, column 7: "
     "Expecting value"),
    (["trust", "list", "--trust-dir", "{plain}"], 1,
     "kiosk: error: the trust store path {plain} is a file, not a folder: point --trust-dir "
     "($KIOSK_TRUST_DIR, or [trust] dir) at a folder"),
    (["trust", "verify", "{dir}", "--at", "2026-13-01"], 2,
     "kiosk: error: --at '2026-13-01' is not an ISO 8601 date (e.g. 2026-06-01)"),
    (["chip", "--person", "{bad}"], 2,
     "kiosk: error: --person {bad}: invalid JSON at line 2, column 7: Expecting value"),
    (["chip", "--person", "{array}"], 2,
     "kiosk: error: --person {array}: must hold one JSON object"),
    (["chip", "--person", "{person}"], 2,
     "kiosk: error: --person {person}: its portrait {dir}/missing.jpg: No such file or "
     "directory"),
    (["chip", "--can", "12"], 2, "kiosk: error: --can '12': the CAN is exactly 6 digits"),
    (["chip", "--tamper", "X"], 2, "kiosk: error: --tamper 'X': give a data group such as DG2"),
    (["chip", "--fault", "nope"], 2,
     "kiosk: error: --fault: unknown fault 'nope'; use drop-after:N, drop-every:N, "
     "corrupt-mac:N, plain-6700-ext or hostile:MODE"),
    (["chip", "--max-le", "0"], 2, "kiosk: error: --max-le: max Le must be 1..65536"),
    (["chip", "--hide", "DGx"], 2,
     "kiosk: error: --hide: 'DGx' is not a data group (DG1..DG16)"),
    (["chip", "--link-kbps", "-3"], 2,
     "kiosk: error: --link-kbps: the link speed must be positive (kbit/s)"),
    (["read", "--can", "12"], 2, "kiosk: error: --can: the CAN must be exactly 6 digits"),
    (["read", "--doc", "X"], 2, "kiosk: error: --doc needs --birth and --expiry (YYMMDD)"),
    (["read", "--doc", "X", "--birth", "99", "--expiry", "1"], 2,
     "kiosk: error: --doc/--birth/--expiry: dates must be 6 digits, YYMMDD"),
    (["diag", "card", "--can", "12"], 2,
     "kiosk: error: --can: the access key is not valid: the CAN must be exactly 6 digits"),
    (["face", "calibrate", "{dir}", "--target-fmr", "2"], 2,
     "kiosk: error: --target-fmr must be between 0 and 1"),
    (["config", "show", "--config", "{toml}"], 1,
     "kiosk: error: {toml}: not a valid TOML file: Expected '=' after a key in a key/value "
     "pair (at line 2, column 16)"),
]


@pytest.mark.parametrize(("argv", "code", "line"), CASES,
                         ids=[" ".join(c[0][:2]) + f"-{i}" for i, c in enumerate(CASES)])
def test_each_bad_input_names_the_flag_or_the_file(files, capsys, argv, code, line):
    assert main([a.format(**files) for a in argv]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == line.format(**files)


def test_argparse_errors_have_the_same_form(capsys):
    with pytest.raises(SystemExit) as info:
        main(["read", "--can", "123456", "--wait", "soon"])
    assert info.value.code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == "kiosk: error: read: argument --wait: 'soon' is not a number of seconds"
    with pytest.raises(SystemExit):
        main(["trust", "import-ml", "x"])
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == ("kiosk: error: trust import-ml: the following arguments are required: "
                    "--root")


def test_face_errors_carry_the_prefix(files, capsys):
    assert main(["face", "verify", "{missing}".format(**files), files["dir"]]) == 2
    assert capsys.readouterr().err == (
        f"kiosk: error (face_error): cannot read portrait file {files['missing']}: No such "
        "file or directory. Check the path.\n")


def test_face_errors_in_words_on_stderr_or_as_a_document_with_json(capsys):
    """One form for every face command (kiosk.cli.output.fail_typed)."""
    import json

    for command in (["face", "fetch", "nope"],
                    ["face", "calibrate", "--set", "nope", "--target-fmr", "0.01"]):
        assert main(command) == 2
        out, err = capsys.readouterr()
        assert (out, err) == ("", "kiosk: error (calibration_error): unknown face set 'nope'. "
                                  "Known sets: face_recognition-1.3.0, tests.\n")
        assert main([*command, "--json"]) == 2
        out, err = capsys.readouterr()
        assert err == "" and json.loads(out) == {
            "kind": "face.error", "version": 1, "code": "calibration_error",
            "message": "unknown face set 'nope'.",
            "advice": "Known sets: face_recognition-1.3.0, tests."}
    assert main(["face", "calibrate", "--target-fmr", "2", "x"]) == 2
    assert capsys.readouterr().err == "kiosk: error: --target-fmr must be between 0 and 1\n"


def test_a_bug_ends_in_one_line_that_says_so(monkeypatch, capsys):
    from kiosk.cli import cmd_forms_list

    def boom(_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cmd_forms_list, "run", boom)
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)
    assert main(["forms", "list"]) == EXIT_BUG
    assert capsys.readouterr().err == (
        "kiosk: error: `kiosk forms list` stopped on an unexpected RuntimeError: boom. This is "
        "a bug: please report it with the command line (KIOSK_DEBUG=1 shows the traceback)\n")
    monkeypatch.setenv("KIOSK_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["forms", "list"])


def test_the_real_process_prints_the_same_line(files):
    done = subprocess.run([sys.executable, "-m", "kiosk", "forms", "fill", "1", "--identity",
                           IDENTITY, "--date", "2026-13-01"], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert done.returncode == 1
    assert done.stderr == ("kiosk: error: --date '2026-13-01' is not a date (month must be in "
                           "1..12): give YYYY-MM-DD, e.g. 2026-06-01\n")


#: stderr lines in kiosk/cli that are progress for a person watching, not errors.
PROGRESS = re.compile(r'f?"(bench: |  trying |  \{phase\} )')


def test_every_error_path_in_the_cli_goes_through_fail_or_says_kiosk():
    """A new `print(..., file=sys.stderr)` or `sys.stderr.write(...)` must be an error in the
    common form (or a progress line): grep the CLI for every place that writes to stderr."""
    offenders = []
    for path in sorted((REPO / "kiosk/cli").glob("*.py")):
        if path.name == "output.py":
            continue  # fail() itself
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"(sys\.stderr\.write\(|print\()([^;]*?)\)\s*$", text, re.M):
            call = m.group(0)
            if m.group(1) == "print(" and "file=sys.stderr" not in call:
                continue
            if "kiosk:" in call or "kiosk: error" in call or PROGRESS.search(call):
                continue
            offenders.append(f"{path.name}: {call.strip()}")
    assert offenders == []
