"""The disk memo (:mod:`verifiers.memo`) of experiment results and of the report's figures
and tables: a second run with the same code reads the first run's results; a changed key,
a corrupt file or the memo switched off computes again."""

import base64
import json
import os
import sys

import pytest

import verifiers.experiments as experiments
from verifiers import memo
from verifiers.experiments import Experiment
from verifiers.report import exhibits


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


def test_code_digest_covers_every_file_of_the_three_packages(monkeypatch, tmp_path):
    """Not only ``.py`` files: the figures' style sheet changes the pictures."""
    assert len(memo.code_digest()) == 64
    assert memo.ROOT.joinpath("theory", "training", "loop.py").is_file()
    assert memo.ROOT.joinpath("figures", "ganeq.mplstyle").is_file()
    for package in memo.CODE:
        (tmp_path / package).mkdir()
        (tmp_path / package / "a.py").write_text("x = 1")
    (tmp_path / "figures" / "style.mplstyle").write_text("font.size: 8")
    monkeypatch.setattr(memo, "ROOT", tmp_path)
    memo.code_digest.cache_clear()
    try:
        before = memo.code_digest()
        (tmp_path / "figures" / "style.mplstyle").write_text("font.size: 9")
        memo.code_digest.cache_clear()
        assert memo.code_digest() != before
    finally:
        memo.code_digest.cache_clear()


@pytest.fixture
def drawn(monkeypatch, tmp_path):
    """Figures and tables whose drawing is counted (``calls``); the memo in ``tmp_path``."""
    calls = []

    def draw(name, seed, quick, formats):
        calls.append((name, seed, quick))
        return {ext: f"{name} {seed} {ext}".encode() for ext in formats}

    monkeypatch.setattr(exhibits, "_draw", draw)
    monkeypatch.setattr(sys.modules["verifiers.registry"], "tables",
                        lambda: {"t": lambda: calls.append("t") or "| a |"})
    monkeypatch.setenv(memo.ENV, str(tmp_path))
    return calls


def test_a_figure_is_drawn_once_and_then_read_back_byte_for_byte(drawn):
    first = exhibits.draw_figure("fig", 3, quick=False)
    second = exhibits.draw_figure("fig", 3, quick=False)
    assert (first.recalled, second.recalled) == (False, True)
    assert second.files == first.files == {"png": b"fig 3 png", "pdf": b"fig 3 pdf"}
    assert drawn == [("fig", 3, False)]


@pytest.mark.parametrize("other", [("fig", 4, False), ("fig", 3, True), ("gif", 3, False)])
def test_another_seed_size_or_figure_is_drawn(drawn, other):
    exhibits.draw_figure("fig", 3, quick=False)
    assert not exhibits.draw_figure(*other).recalled
    assert drawn == [("fig", 3, False), other]


def test_a_changed_code_matplotlibrc_or_instruction_set_draws_again(drawn, monkeypatch):
    exhibits.draw_figure("fig", 3, quick=True)
    monkeypatch.setattr(exhibits, "_matplotlibrc", lambda: "lines.linewidth: 3")
    assert not exhibits.draw_figure("fig", 3, quick=True).recalled
    monkeypatch.setattr(memo, "code_digest", lambda: "another checkout")
    assert not exhibits.draw_figure("fig", 3, quick=True).recalled
    monkeypatch.setattr(memo, "_cpu_flags", lambda: "fpu sse2")
    assert not exhibits.draw_figure("fig", 3, quick=True).recalled
    assert len(drawn) == 4


def test_experiment_results_of_this_process_draw_again(drawn, monkeypatch):
    """An experiment figure draws this process's results when it has them (else its
    stored data): they are part of the key."""
    exhibits.draw_figure("fig", 3, quick=True)
    monkeypatch.setattr(experiments, "_RESULTS", {("fake", "tiny", 2): {"w1": [0.5]}})
    assert not exhibits.draw_figure("fig", 3, quick=True).recalled
    assert exhibits.draw_figure("fig", 3, quick=True).recalled and len(drawn) == 2


@pytest.mark.parametrize("stored", [{"files": {"png": "not base64!"}}, {"files": {}},
                                    {"files": ["png"]}, {"markdown": "x"}])
def test_a_memo_entry_that_is_not_a_figure_is_drawn_again(drawn, tmp_path, stored):
    exhibits.draw_figure("fig", 3, quick=True)
    (entry,) = tmp_path.glob("*.json")
    entry.write_text(json.dumps(stored))
    again = exhibits.draw_figure("fig", 3, quick=True)
    assert not again.recalled and again.files == {"png": b"fig 3 png"} and len(drawn) == 2


def test_a_table_is_computed_once_and_then_read_back(drawn, tmp_path):
    first, second = exhibits.compute_table("t"), exhibits.compute_table("t")
    assert (first.recalled, second.recalled) == (False, True)
    assert first.markdown == second.markdown == "| a |" and drawn == ["t"]
    (entry,) = tmp_path.glob("*.json")
    entry.write_text(json.dumps({"markdown": 1}))
    assert not exhibits.compute_table("t").recalled and drawn == ["t", "t"]


def test_switched_off_draws_every_time(drawn, monkeypatch, tmp_path):
    memo.switch_off()
    exhibits.draw_figure("fig", 3, quick=True)
    assert not exhibits.draw_figure("fig", 3, quick=True).recalled
    assert len(drawn) == 2 and not list(tmp_path.iterdir())



def _seeds(folder) -> dict:
    """The seed of each stored (fake) figure, by file."""
    return {p: int(base64.b64decode(json.loads(p.read_text())["files"]["png"]).split()[1])
            for p in folder.glob("*.json")}


def test_the_folder_keeps_the_most_recently_used_entries_under_its_limit(drawn, monkeypatch,
                                                                       tmp_path):
    for seed in range(3):
        exhibits.draw_figure("fig", seed, quick=True)
    for path, seed in _seeds(tmp_path).items():  # seed 0 the oldest
        os.utime(path, (1000.0 + seed, 1000.0 + seed))
    assert exhibits.draw_figure("fig", 0, quick=True).recalled  # read now: the newest
    sizes = {p.stat().st_size for p in tmp_path.glob("*.json")}
    monkeypatch.setattr(memo, "MAX_BYTES", 3 * max(sizes))
    exhibits.draw_figure("fig", 3, quick=True)  # a fourth entry: the least recent goes
    assert sorted(_seeds(tmp_path).values()) == [0, 2, 3]
