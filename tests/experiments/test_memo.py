"""The disk memo of experiment results: a second run with the same code reads the first
run's results; a changed code digest, a corrupt file or the memo switched off trains again."""

import json

import pytest

import verifiers.experiments as experiments
from verifiers.experiments import Experiment, memo


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """A fake experiment whose ``run`` counts its calls; the memo in ``tmp_path``."""
    calls = []

    def train(size, seeds):
        calls.append((size, seeds))
        return {"w1": (0.5, float("nan")), "size": size, "per_seed": {1: 2.0}}

    fake = Experiment("fake", "paper", "title", train)
    monkeypatch.setattr(experiments, "get", lambda name: fake)
    monkeypatch.setattr(experiments, "_RESULTS", {})
    monkeypatch.setattr(experiments, "_RECALLED", {})
    monkeypatch.setenv(memo.ENV, str(tmp_path))
    return calls


def _forget_in_process(monkeypatch):
    monkeypatch.setattr(experiments, "_RESULTS", {})
    monkeypatch.setattr(experiments, "_RECALLED", {})


def test_second_process_reads_the_first_run(counted, monkeypatch, tmp_path):
    first = experiments.run("fake", "tiny", 2)
    assert experiments.recalled_from("fake", "tiny", 2) is None
    _forget_in_process(monkeypatch)
    second = experiments.run("fake", "tiny", 2)
    assert len(counted) == 1
    assert json.dumps(second) == json.dumps(first)
    assert experiments.recalled_from("fake", "tiny", 2).startswith(str(tmp_path))


def test_results_are_json_values_on_both_paths(counted, monkeypatch):
    """Tuples become lists and integer keys strings on the first run too, so a decision
    sees the same values whether the results were trained or read back."""
    first = experiments.run("fake", "tiny")
    assert first["w1"][0] == 0.5 and isinstance(first["w1"], list) and "1" in first["per_seed"]


@pytest.mark.parametrize("change", ["size", "seeds", "code"])
def test_any_change_of_the_key_trains_again(counted, monkeypatch, change):
    experiments.run("fake", "tiny", 2)
    _forget_in_process(monkeypatch)
    if change == "code":
        monkeypatch.setattr(memo, "code_digest", lambda: "another checkout")
    experiments.run("fake", "quick" if change == "size" else "tiny", 3 if change == "seeds" else 2)
    assert len(counted) == 2


def test_corrupt_file_is_ignored_and_replaced(counted, monkeypatch, tmp_path):
    experiments.run("fake", "tiny")
    (stored,) = tmp_path.glob("*.json")
    stored.write_text('{"w1": [0.5')
    _forget_in_process(monkeypatch)
    experiments.run("fake", "tiny")
    assert len(counted) == 2 and json.loads(stored.read_text())["size"] == "tiny"


@pytest.mark.parametrize("value", ["0", ""])
def test_switched_off_writes_nothing(counted, monkeypatch, tmp_path, value):
    monkeypatch.setenv(memo.ENV, value)
    experiments.run("fake", "tiny")
    _forget_in_process(monkeypatch)
    experiments.run("fake", "tiny")
    assert len(counted) == 2 and not list(tmp_path.iterdir())


def test_unwritable_directory_leaves_the_memo_off(counted, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(memo.ENV, str(blocker / "below"))
    assert experiments.run("fake", "tiny")["size"] == "tiny"
    assert blocker.read_text() == ""


def test_code_digest_covers_theory_and_verifiers():
    assert len(memo.code_digest()) == 64
    assert memo.ROOT.joinpath("theory", "training", "loop.py").is_file()
