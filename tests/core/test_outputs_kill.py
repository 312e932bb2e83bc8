"""``ganeq`` as a process: killed while publishing, interrupted, writing into a closed pipe.

A ``ganeq reproduce`` child is stopped at a chosen stage of publishing its report
(hooks installed by the child script below print ``PAUSED`` and wait) and killed with
SIGKILL there. The output folder is then the previous complete report or the new
complete one, never a mix; the next run removes what the killed one left behind.
"""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from verifiers import cli, report
from verifiers.report import MARK

CLAIM = "mescheder2018.lemma3.2"
OLD_SEED, NEW_SEED = 1, 2
STAGES = ("mid-write", "after-replace", "between-renames")

CHILD = textwrap.dedent("""
    import os, sys, time
    from verifiers import cli, report

    stage = os.environ["GANEQ_TEST_STAGE"]

    def pause(name):
        if name == stage:
            print("PAUSED", flush=True)
            time.sleep(600)

    results_json, replace, rename = report.results_json, report._replace, os.rename

    def paused_results_json(*args):
        pause("mid-write")  # REPORT.md is written, results.json not yet
        return results_json(*args)

    def paused_replace(new, out):
        replace(new, out)
        pause("after-replace")

    def paused_rename(src, dst):
        rename(src, dst)
        if str(dst).endswith(".old"):
            pause("between-renames")  # the old folder is aside, the new not yet in

    report.results_json, report._replace = paused_results_json, paused_replace
    if stage == "between-renames":
        report._exchange = lambda a, b: False
        os.rename = paused_rename
    sys.exit(cli.main(sys.argv[1:]))
""")


def _reproduce_args(out: Path, seed: int) -> list[str]:
    return ["reproduce", "--out", str(out), "--only", CLAIM, "--no-figures", "--samples", "0",
            "--seed", str(seed)]


def _state(out: Path) -> str:
    """``old`` or ``new`` for a complete report of that run, else what is wrong."""
    if not out.is_dir():
        return "missing"
    names = sorted(p.name for p in out.iterdir())
    if names != sorted(["REPORT.html", "REPORT.md", "results.json", MARK]):
        return f"incomplete {names}"
    seed = json.loads((out / "results.json").read_text())["seed"]
    if f"(seed {seed})" not in (out / "REPORT.md").read_text():
        return "mixed"
    return {OLD_SEED: "old", NEW_SEED: "new"}[seed]


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".ganeq-"))


def _start(stage: str, out: Path) -> subprocess.Popen:
    env = {**os.environ, "GANEQ_TEST_STAGE": stage}
    return subprocess.Popen([sys.executable, "-c", CHILD, *_reproduce_args(out, NEW_SEED)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)


@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    """One child per stage (run side by side), each SIGKILLed at its stage:
    stage -> its output folder, next to a complete report from an earlier run."""
    outs = {}
    for stage in STAGES:
        out = tmp_path_factory.mktemp(stage.replace("-", "_")) / "results"
        assert cli.main(_reproduce_args(out, OLD_SEED)) == 0 and _state(out) == "old"
        outs[stage] = out
    children = {stage: _start(stage, out) for stage, out in outs.items()}
    try:
        for stage, child in children.items():
            assert child.stdout.readline().strip() == "PAUSED", stage
            child.send_signal(signal.SIGKILL)
            assert child.wait(60) == -signal.SIGKILL
    finally:
        for child in children.values():
            child.kill()
            child.wait()
            child.stdout.close()
    return outs


@pytest.mark.parametrize("stage, expected", [("mid-write", "old"), ("after-replace", "new")])
def test_killed_run_leaves_a_complete_report(killed, stage, expected):
    out = killed[stage]
    assert _state(out) == expected
    assert _leftovers(out.parent), "the killed run's temporary folder is still there"
    report.remove_stale(out)
    assert _state(out) == expected and _leftovers(out.parent) == []


def test_killed_between_renames_puts_the_old_report_back(killed):
    """Without an atomic exchange the old folder is renamed aside first; a run
    killed right then leaves no report, and the next run puts the old one back."""
    out = killed["between-renames"]
    assert _state(out) == "missing"
    report.remove_stale(out)
    assert _state(out) == "old" and _leftovers(out.parent) == []


def test_next_run_publishes_and_cleans_up(killed, capsys):
    out = killed["mid-write"]
    assert cli.main(_reproduce_args(out, NEW_SEED)) == 0
    capsys.readouterr()
    assert _state(out) == "new" and _leftovers(out.parent) == []


def _ganeq(*argv: str) -> list[str]:
    return [sys.executable, "-m", "verifiers.cli", *argv]


def test_ctrl_c_exits_130_with_one_line():
    child = subprocess.Popen(_ganeq("check", CLAIM, "--samples", str(10**8)),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().startswith("#1 ")
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 130
    assert err.splitlines()[-1:] == ["ganeq: interrupted"] and "Traceback" not in err


def test_closed_pipe_is_not_an_error():
    """``ganeq check ... --samples 100000000 | head -1``: exit 0, nothing on stderr."""
    argv = _ganeq("check", CLAIM, "--samples", str(10**8))
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = child.stdout.readline()
    child.stdout.close()
    try:
        err = child.stderr.read().decode()
        code = child.wait(60)
    finally:
        child.kill()
        child.wait()
    assert first and code == 0 and err == ""
