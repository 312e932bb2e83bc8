"""``ganeq experiment``: the listing, bad input (exit 2, one line), and a run on a
stubbed experiment writing results.json and its figure (no training here)."""

import json

import pytest

from verifiers import experiments
from verifiers.cli import main
from verifiers.experiments import Experiment, commands
from verifiers.outcomes import Outcome


def test_list_names_the_mescheder_experiment(capsys):
    assert main(["experiment", "--list"]) == 0
    assert "mescheder2018_fig5" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["experiment"], "give NAME or --list"),
    (["experiment", "nope"], "does not exist"),
    (["experiment", "mescheder2018_fig5", "--seeds", "1"], "--seeds"),
    (["experiment", "mescheder2018_fig5", "--quick", "--size", "full"], "--size"),
])
def test_bad_input_is_exit_2_with_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_run_writes_results_and_figure(tmp_path, monkeypatch, capsys):
    import matplotlib.pyplot as plt

    def decide(results):
        return Outcome(margin=1.0, tolerance=0.0, statement="stub", verdict=None)

    stub = Experiment(name="stub", paper="mescheder2018", title="stub",
                      run=lambda size, seeds: {"size": size, "seeds": seeds},
                      figure=lambda results: plt.figure(),
                      claims={"mescheder2018.fig5.r1_equals_r2": decide})
    monkeypatch.setitem(experiments.experiments(), "stub", stub)
    assert main(["experiment", "stub", "--quick", "--seeds", "3", "--out",
                 str(tmp_path / "o")]) == 0
    saved = json.loads((tmp_path / "o" / "results.json").read_text())
    assert saved["size"] == "quick" and saved["seeds"] == 3
    assert saved["claims"][0]["verdict"] == "holds"
    assert (tmp_path / "o" / "stub.png").exists()
    assert "holds" in capsys.readouterr().out
    assert commands.DEFAULT_OUT.name == "experiments"
    assert main(["experiment", "stub", "--size", "tiny", "--out", str(tmp_path / "t")]) == 0
    assert json.loads((tmp_path / "t" / "results.json").read_text())["size"] == "tiny"


def test_an_experiment_may_save_one_figure_per_setting(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    stub = Experiment(name="stub", paper="mescheder2018", title="stub",
                      run=lambda size, seeds: {"size": size},
                      figure=lambda results: {"a_plain": plt.figure(), "b_proximal": plt.figure()})
    monkeypatch.setitem(experiments.experiments(), "stub", stub)
    assert main(["experiment", "stub", "--quick", "--out", str(tmp_path / "o")]) == 0
    assert sorted(p.name for p in (tmp_path / "o").glob("*.png")) == [
        "stub_a_plain.png", "stub_b_proximal.png"]
