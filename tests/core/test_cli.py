"""The ganeq command line: outputs, exit codes, one-line errors, atomic reports."""

import argparse
import json
from pathlib import Path

import pytest

from verifiers import cli, reproduce
from verifiers.registry import registry
from verifiers.report import MARK, publish


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_plain_and_json(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0 and "mescheder2018.lemma3.2" in out
    code, out, _ = run(capsys, "list", "--json")
    ids = [c["id"] for c in json.loads(out)]
    assert code == 0 and ids == registry.ids()


def test_check_lemma32_acceptance(capsys):
    """Issue #2: sigma = 0.5 gives eigenvalues -0.0625 ± 0.4961i for the standard f."""
    code, out, _ = run(capsys, "check", "mescheder2018.lemma3.2", "--param", "sigma=0.5", "--json")
    cert = json.loads(out)
    assert code == 0 and cert["verdict"] == "holds"
    eig = sorted(cert["witness"]["eigenvalues"], key=lambda z: z[1])
    assert eig[0] == pytest.approx([-0.0625, -0.4960783708246], abs=1e-12)
    assert eig[1] == pytest.approx([-0.0625, 0.4960783708246], abs=1e-12)


@pytest.mark.parametrize("argv, fragment", [
    (["check", "mescheder2018.lemma3.2", "--param", "sigma=nan"], "sigma=nan"),
    (["check", "mescheder2018.lemma3.2", "--param", "sigma=-1"], "sigma=-1"),
    (["check", "mescheder2018.lemma3.2", "--param", "tau=1"], "no parameter 'tau'"),
    (["check", "mescheder2018.lemma3.2", "--param", "sigma"], "NAME=VALUE"),
    (["check", "no.such.claim"], "not registered"),
    (["describe", "no.such.claim"], "not registered"),
    (["check", "mescheder2018.lemma3.2", "--samples", "-1"], "--samples"),
    (["check", "mescheder2018.lemma3.2", "--samples", "1e400"], "--samples"),
    (["check", "mescheder2018.lemma3.2", "--seed", "-1"], "--seed"),
    (["check", "mescheder2018.lemma3.2", "--seed", "9" * 400], "--seed"),
    (["check", "mescheder2018.lemma3.2", "--param", "sigma=" + "9" * 400], "sigma="),
    (["check", "mescheder2018.lemma3.2", "--range", "sigma=-1:2"], "--range sigma"),
    (["check", "mescheder2018.lemma3.2", "--range", "sigma=2:1"], "--range sigma"),
    (["check", "mescheder2018.lemma3.2", "--range", "f=0:1"], "--range 'f'"),
    (["check", "mescheder2018.lemma3.2", "--range", "sigma"], "--range 'sigma'"),
    (["check", "mescheder2018.lemma3.2", "--frobnicate"], "--frobnicate"),
    (["reproduce", "--only", "nosuch.*", "--out", "/tmp/ganeq-test-never-written"], "--only"),
    (["hunt", "mescheder2018.lemma3.2", "--budget", "0"], "--budget"),
    (["table", "nosuchtable"], "does not exist"),
    (["figures", "nosuchfigure"], "does not exist"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_check_with_samples_streams_every_certificate_and_a_summary(capsys):
    code, out, _ = run(capsys, "check", "mescheder2018.lemma3.2", "--samples", "3", "--seed", "1")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5 and all("holds" in line for line in lines)
    assert lines[-1].startswith("checked 4: 4 holds; 0 unexpected; smallest |margin|")


def test_check_samples_json_lines_and_range(capsys):
    code, out, _ = run(capsys, "check", "mescheder2018.lemma3.2", "--samples", "4", "--json",
                       "--range", "sigma=0.25:0.5", "--param", "f=standard")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 6 and rows[-1]["summary"]["checked"] == 5
    assert all(0.25 <= r["params"]["sigma"] <= 0.5 for r in rows[:-1])
    assert {r["expected"] for r in rows[:-1]} == {"holds"}


def test_huge_sample_count_streams_lazily(capsys, monkeypatch):
    """``--samples 10**8`` starts at once: instances are drawn one at a time."""
    claim = registry.get("mescheder2018.lemma3.2")
    checked = []

    def stop_after_three(**params):
        checked.append(params)
        if len(checked) == 3:
            raise KeyboardInterrupt
        return claim.check(**params)

    monkeypatch.setattr(cli.registry, "get", lambda _: _with_check(claim, stop_after_three))
    code, out, err = run(capsys, "check", claim.id, "--samples", str(10**8))
    assert code == 130 and out.count("holds") == 2 and err == "ganeq: interrupted\n"


def _with_check(claim, check):
    class Patched:
        def __getattr__(self, name):
            return check if name == "check" else getattr(claim, name)

    return Patched()


@pytest.mark.parametrize("verdict, code", [("inconclusive", 0), ("refuted", 1)])
def test_samples_count_inconclusive_but_fail_on_a_contradiction(capsys, monkeypatch, verdict,
                                                                code):
    """``check --samples`` on a claim without a batched margin follows the hunt's rule:
    an ``inconclusive`` is counted, a decisive contradicting verdict fails."""
    import dataclasses

    from verifiers.certificate import Verdict

    claim = registry.get("mescheder2018.lemma3.2")

    def forced(**params):
        return dataclasses.replace(claim.check(**params), verdict=Verdict(verdict))

    monkeypatch.setattr(cli.registry, "get", lambda _: _with_check(claim, forced))
    got, out, _ = run(capsys, "check", claim.id, "--samples", "2", "--seed", "1")
    summary = out.splitlines()[-1]
    assert got == code and f"checked 3: 3 {verdict}" in summary
    assert (f"{3 * (verdict == 'refuted')} unexpected") in summary


def test_describe_names_everything(capsys):
    code, out, _ = run(capsys, "describe", "mescheder2018.lemma3.2")
    claim = registry.get("mescheder2018.lemma3.2")
    assert code == 0 and claim.statement in out and claim.reference in out
    for p in claim.params:
        assert p.range_text() in out and p.doc in out
    assert claim.regions() in out
    code, out, _ = run(capsys, "describe", "mescheder2018.lemma3.2", "--json")
    d = json.loads(out)
    assert d["expected"] == claim.regions() and d["erratum"] == claim.erratum
    assert [p["name"] for p in d["params"]] == [p.name for p in claim.params]
    assert d["params"][0]["range"] == claim.params[0].range_text()


def test_reproduce_writes_report_and_json(tmp_path, capsys):
    code, out, _ = run(capsys, "reproduce", "--out", str(tmp_path / "r"), "--samples", "2",
                       "--only", "mescheder2018.lemma3.2", "--no-figures")
    assert code == 0 and "1/1 claims" in out and "REPORT.html" in out
    data = json.loads((tmp_path / "r" / "results.json").read_text())
    assert [len(c["certificates"]) for c in data["claims"]] == [3]
    assert "1 of 1 claims" in (tmp_path / "r" / "REPORT.md").read_text()


@pytest.mark.parametrize("make, fragment", [
    (lambda d: (d / "out").write_text("x"), "is a file"),
    (lambda d: ((d / "out").mkdir(), (d / "out" / "thesis.tex").write_text("x")), "thesis.tex"),
])
def test_out_is_checked_before_any_work(tmp_path, capsys, monkeypatch, make, fragment):
    make(tmp_path)
    monkeypatch.setattr(cli, "_compute_setup", lambda: pytest.fail("work started"))
    code, out, err = run(capsys, "reproduce", "--out", str(tmp_path / "out"))
    assert code == 2 and out == "" and "--out" in err and fragment in err


def test_out_must_not_contain_the_working_folder(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "reproduce", "--out", ".")
    assert code == 2 and "--out" in err and "working folder" in err


def test_failed_run_leaves_the_old_folder(tmp_path):
    out = tmp_path / "results"
    publish(out, lambda tmp: (tmp / "REPORT.md").write_text("old"))

    def writer(tmp: Path) -> None:
        (tmp / "REPORT.md").write_text("partial")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        publish(out, writer)
    assert (out / "REPORT.md").read_text() == "old" and (out / MARK).exists()
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_publish_replaces_the_whole_folder(tmp_path):
    out = tmp_path / "results"
    publish(out, lambda tmp: (tmp / "a").write_text("1"))
    publish(out, lambda tmp: (tmp / "b").write_text("2"))
    assert sorted(p.name for p in out.iterdir()) == sorted(["b", MARK])
    publish(out, lambda tmp: (tmp / "c").write_text("3"), carry_over=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(["b", "c", MARK])
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_hunt_summary_and_json_file(tmp_path, capsys):
    target = tmp_path / "sub" / "hunt.json"
    code, out, _ = run(capsys, "hunt", "mescheder2018.lemma3.2", "--budget", "4",
                       "--range", "sigma=0.25:0.5", "--out", str(target))
    result = json.loads(target.read_text())
    assert code == 0 and out.splitlines()[-1].startswith("mescheder2018.lemma3.2: checked 4")
    assert result["claim"] == "mescheder2018.lemma3.2" and result["unexpected"] == []
    assert [p.name for p in target.parent.iterdir()] == ["hunt.json"]


def test_hunt_out_is_checked_before_any_work(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "_compute_setup", lambda: pytest.fail("work started"))
    code, out, err = run(capsys, "hunt", "mescheder2018.lemma3.2", "--out", str(tmp_path))
    assert code == 2 and out == "" and "--out" in err and "is a folder" in err


def test_figures_keep_the_other_figures(tmp_path, capsys, monkeypatch):
    """``ganeq figures NAME`` replaces the folder by one with NAME redrawn and the rest kept."""
    def draw(names, out, seed, quick, formats):
        for name in names:
            (out / f"{name}.png").write_text(f"seed {seed}")
        return names

    monkeypatch.setattr(reproduce, "_check_figure_names", lambda names: None)
    monkeypatch.setattr(reproduce, "_draw_figures", draw)
    out = tmp_path / "figs"
    assert run(capsys, "figures", "a", "b", "--out", str(out))[0] == 0
    assert run(capsys, "figures", "b", "--seed", "3", "--out", str(out))[0] == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(["a.png", "b.png", MARK])
    assert (out / "a.png").read_text() == "seed 0" and (out / "b.png").read_text() == "seed 3"


def test_figures_format_writes_that_format_only_and_drops_a_stale_one(tmp_path, capsys):
    """``--format png`` saves PNG only and removes the PDF an earlier run left for the same
    figure (another figure's PDF stays); the formats agree with the figures package."""
    import figures

    assert reproduce.FIGURE_FORMATS == figures.FORMATS
    out = tmp_path / "figs"
    name = "mescheder2018_gamma_sweep"
    assert run(capsys, "figures", name, "--quick", "--out", str(out))[0] == 0
    (out / "other.pdf").write_text("kept")
    code, text, _ = run(capsys, "figures", name, "--quick", "--format", "png", "--out", str(out))
    assert code == 0 and text.strip().endswith("(PNG)")
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{name}.png", "other.pdf", MARK])


def test_output_on_an_ascii_terminal(monkeypatch):
    """Statements use σ, λ …; a terminal without them gets escapes, not an error."""
    import io

    stdout = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", stdout)
    assert cli.main(["describe", "mescheder2018.lemma3.2"]) == 0
    stdout.seek(0)
    assert "\\u03c3" in stdout.read()


def test_samples_skip_undefined_combinations(capsys, monkeypatch):
    """A draw the claim rejects (objects undefined) is redrawn, not an error."""
    import dataclasses

    claim = registry.get("mescheder2018.lemma3.2")

    def requires(values):
        if values["a"] > 1.5:
            raise ValueError("a: undefined above 1.5 here")

    picky = dataclasses.replace(claim, requires=requires)
    monkeypatch.setattr(cli.registry, "get", lambda _: picky)
    code, out, _ = run(capsys, "check", claim.id, "--samples", "5", "--json",
                       "--param", "sigma=0.3", "--range", "a=1:2")
    rows = [json.loads(line) for line in out.splitlines()[:-1]]
    assert code == 0 and len(rows) == 6 and all(1 <= r["params"]["a"] <= 1.5 for r in rows[1:])
    code, _, err = run(capsys, "check", claim.id, "--samples", "1", "--range", "a=2:3")
    assert code == 2 and "--param/--range" in err


def test_full_disk_is_one_line(capsys, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cli, "_emit", full)
    code, _, err = run(capsys, "describe", "mescheder2018.lemma3.2")
    assert code == 1 and err == "ganeq: error: No space left on device\n"


def test_help_imports_no_jax_sympy_scipy():
    import subprocess
    import sys

    script = ("import sys; from verifiers.cli import main; main(['--help']); "
              "print(sorted({'jax', 'sympy', 'scipy', 'matplotlib'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"


def test_publish_through_a_symlink_keeps_the_link(tmp_path):
    real, link = tmp_path / "disk" / "results", tmp_path / "results"
    publish(real, lambda tmp: (tmp / "a").write_text("1"))
    link.symlink_to(real)
    publish(link, lambda tmp: (tmp / "b").write_text("2"))
    assert link.is_symlink() and sorted(p.name for p in link.iterdir()) == sorted(["b", MARK])
    assert sorted(p.name for p in real.parent.iterdir()) == ["results"]


def test_an_interrupt_inside_a_gc_callback_is_raised_at_the_next_line(monkeypatch):
    """SIGINT handled while a garbage-collector callback runs (JAX has one) would be printed
    as "Exception ignored" and lost, and ``check --samples 10**8`` would go on (seen once in
    a fresh clone). There it is only remembered, and the next streamed line raises it;
    outside such a callback it is raised at once."""
    import gc
    import signal
    import sys

    monkeypatch.setattr(cli, "_INTERRUPTED", type(cli._INTERRUPTED)())
    escaped = []

    def callback(phase, info):
        try:
            cli._on_sigint(signal.SIGINT, sys._getframe())
        except KeyboardInterrupt:
            escaped.append(phase)

    gc.callbacks.append(callback)
    try:
        gc.collect()
    finally:
        gc.callbacks.remove(callback)
    assert not escaped and cli._INTERRUPTED.is_set()
    with pytest.raises(KeyboardInterrupt):
        cli._emit("#2 …")
    with pytest.raises(KeyboardInterrupt):
        cli._on_sigint(signal.SIGINT, sys._getframe())


def _actions(parser: argparse.ArgumentParser, path: tuple = ("ganeq",)):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _actions(sub, (*path, name))
        elif not isinstance(action, argparse._HelpAction):
            yield " ".join(path), action


def test_every_option_and_argument_has_help():
    actions = list(_actions(cli._parser()))
    assert len(actions) > 40  # every command's options were walked
    undocumented = [f"{cmd} {a.option_strings or a.dest}" for cmd, a in actions if not a.help]
    assert undocumented == []
