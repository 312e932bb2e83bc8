"""The ganeq command line: outputs, exit codes, one-line errors, atomic reports."""

import json
from pathlib import Path

import pytest

from verifiers import cli
from verifiers.registry import registry
from verifiers.report import write_outputs


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
    (["check", "mescheder2018.lemma3.2", "--samples", "-1"], "--samples=-1"),
    (["table", "nosuchtable"], "does not exist"),
    (["figures", "nosuchfigure"], "does not exist"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_check_with_samples_prints_every_certificate(capsys):
    code, out, _ = run(capsys, "check", "mescheder2018.lemma3.2", "--samples", "3", "--seed", "1")
    assert code == 0 and out.count("holds") == 4


def test_reproduce_writes_report_and_json(tmp_path, capsys, monkeypatch):
    claim = registry.get("mescheder2018.lemma3.2")
    monkeypatch.setattr(cli, "registry", [claim])
    monkeypatch.setattr(cli, "_draw_figures", lambda names, out, seed, quick: [])
    code, out, _ = run(capsys, "reproduce", "--out", str(tmp_path / "r"), "--samples", "2")
    assert code == 0 and "mescheder2018.lemma3.2" in out
    data = json.loads((tmp_path / "r" / "results.json").read_text())
    assert [len(c["certificates"]) for c in data["claims"]] == [3]
    assert "1 of 1 claims" in (tmp_path / "r" / "REPORT.md").read_text()


def test_failed_run_leaves_nothing_half_written(tmp_path):
    out = tmp_path / "results"

    def writer(tmp: Path) -> None:
        (tmp / "REPORT.md").write_text("partial")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        write_outputs(out, writer)
    assert not out.exists() and list(tmp_path.iterdir()) == []
