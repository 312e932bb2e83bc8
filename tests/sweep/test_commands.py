"""``ganeq check --samples`` through the batched screen, and ``ganeq map CLAIM``."""

import json

import numpy as np
import pytest

from verifiers import cli
from verifiers.sweep import engine, run
from verifiers.sweep.spec import REFUTED

PRINTED = "mescheder2018.lemma2.5.printed"


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_samples_off_a_terminal_print_only_the_summary(capsys):
    code, out, err = _run(capsys, "check", PRINTED, "--samples", "60", "--param", "f=wgan")
    assert code == 0 and out.count("\n") == 1
    assert out.startswith("checked 61: 61 holds; 0 unexpected; smallest |margin|")
    assert "full checks, 0 screen disagreements" in out


@pytest.mark.slow
def test_samples_verbose_and_json_print_every_instance(capsys):
    code, out, _ = _run(capsys, "check", PRINTED, "--samples", "40", "--verbose", "--seed", "2")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 42 and "(screened: margin" in out
    code, out, _ = _run(capsys, "check", PRINTED, "--samples", "40", "--json", "--seed", "2")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 42 and rows[-1]["summary"]["checked"] == 41
    certified = [r for r in rows[:-1] if r["method"] != "batched screen"]
    assert 0 < len(certified) < 41 and all(r["verdict"] == r["expected"] for r in rows[:-1])


def test_a_screen_contradicted_by_the_full_check_is_reported(capsys, monkeypatch):
    """A wrong screen (every instance screened refuted) is caught by the full checks."""
    real = engine.screen

    def wrong(batched, instances, chunk=None):
        margin, tol, code = real(batched, instances, chunk)
        return -np.abs(margin) - 1.0, tol, np.full_like(code, REFUTED)

    monkeypatch.setattr(run.engine, "screen", wrong)
    code, out, _ = _run(capsys, "check", PRINTED, "--samples", "20", "--param", "f=wgan")
    assert code == 1 and "SCREEN DISAGREES: screened refuted" in out
    assert "21 screen disagreements" in out.splitlines()[-1]


def test_map_finds_the_printed_lemma_2_5_boundary_at_alpha_minus_2(capsys, tmp_path):
    """α = h f'(0) = −h: the printed statement fails for h > 2; the boundary is within one
    grid step of h = 2."""
    code, out, _ = _run(capsys, "map", PRINTED, "--x", "h=0.5:4:36", "--param", "f=taylor",
                        "--param", "f1=-1", "--json", "--out", str(tmp_path))
    m = json.loads(out)
    assert code == 0 and set(m) == {"x", "y", "verdict", "margin", "boundary"}
    assert m["y"] is None and len(m["verdict"]) == 1 and len(m["verdict"][0]) == 36
    step = m["x"]["values"][1] - m["x"]["values"][0]
    assert len(m["boundary"]) == 1 and abs(m["boundary"][0][0] - 2.0) <= step
    assert m["boundary"][0][1] is None
    assert json.loads((tmp_path / "map.json").read_text())["verdict"] == m["verdict"]
    assert (tmp_path / "map.png").read_bytes()[:4] == b"\x89PNG"


def test_two_dimensional_map_json_shape(capsys):
    code, out, _ = _run(capsys, "map", PRINTED, "--x", "h=0.5:4:5", "--y", "f1=-3:3:4",
                        "--param", "f=taylor", "--json")
    m = json.loads(out)
    assert code == 0 and m["x"]["name"] == "h" and m["y"] == {"name": "f1",
                                                               "values": [-3, -1, 1, 3]}
    assert np.shape(m["verdict"]) == np.shape(m["margin"]) == (4, 5)
    assert all(len(p) == 2 and p[1] is not None for p in m["boundary"])
    assert {v for row in m["verdict"] for v in row} == {"holds", "refuted"}


@pytest.mark.parametrize(("argv", "fragment"), [
    (["--x", "h=0.5:4:1"], "N='1' must be an integer in [2, 10**6]"),
    (["--x", "h=-1:4:5"], "outside the admissible range: a finite number in (0.0, 1000.0]"),
    (["--x", "h=0.5:4000:5"], "admissible range"),
    (["--x", "nope=0:1:3"], "has no real or integer parameter 'nope'"),
    (["--x", "h=4:1:3"], "must be below"),
    (["--x", "h=0.5:4"], "NAME=LO:HI:N"),
    (["--x", "h=1:2:3", "--y", "h=1:2:3"], "--y h"),
    (["--x", "f1=-1:1:3", "--log-x"], "log axis"),
    (["--x", "h=1:2:3", "--param", "h=1"], "--param h"),
    ([], "--x is required"),
])
def test_bad_map_arguments_are_one_line_exit_2(capsys, argv, fragment):
    code, out, err = _run(capsys, "map", PRINTED, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and fragment in err


def test_map_of_an_unknown_target(capsys):
    code, _, err = _run(capsys, "map", "nope.claim", "--x", "h=1:2:3")
    assert code == 2 and "neither dirac nor a registered claim" in err
