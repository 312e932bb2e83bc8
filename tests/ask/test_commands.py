"""The ganeq nash | pe | lambda-max | map dirac handlers: the README's commands run, JSON
contracts hold, bad input is one line and exit code 2."""

import json
import shlex
from pathlib import Path

import pytest

from verifiers.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_commands() -> list[list[str]]:
    """The ``ganeq`` lines of the README's "Your own question" section (``--out`` dropped)."""
    text = README.read_text().split("## Your own question", 1)[1].split("\n## ", 1)[0]
    argvs = [shlex.split(line)[1:] for line in text.splitlines() if line.startswith("ganeq ")]
    return [a[: a.index("--out")] if "--out" in a else a for a in argvs]


README_COMMANDS = _readme_commands()


@pytest.mark.parametrize("argv", README_COMMANDS, ids=[" ".join(a[:2]) for a in README_COMMANDS])
def test_readme_commands_run(argv, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    if "--json" in argv:
        w = json.loads(out)["witness"]
        if argv[0] == "lambda-max":
            assert w["lambda_max"] == pytest.approx(0.5)
        else:
            assert {"gap", "discriminator_gain", "generator_gain", "discriminator_best",
                    "generator_best"} <= set(w)
    else:
        assert out.strip()


def test_map_writes_png_and_json(tmp_path, capsys):
    argv = ["map", "dirac", "--variant", "instance_noise", "--f", "t - t**3/3 - t**2/3",
            "--x", "sigma=0.2:2.5:10", "--y", "h=0.05:2:10", "--out", str(tmp_path), "--json"]
    assert main(argv) == 0
    printed = json.loads(capsys.readouterr().out)
    saved = json.loads((tmp_path / "map.json").read_text())
    assert saved["verdict"] == printed["verdict"]
    assert set(saved) >= {"x", "y", "verdict", "margin", "boundary"}
    assert saved["x"] == {"name": "sigma", "values": pytest.approx(
        [0.2 + k * 2.3 / 9 for k in range(10)])}
    assert (tmp_path / "map.png").stat().st_size > 1000


@pytest.mark.parametrize("argv, needle", [
    (["nash", "wgan3d", "--generator", "{}"], "game="),
    (["nash", "wgan1d", "--param", "sigma=-1", "--generator", '{"w": 1}'], "sigma="),
    (["nash", "wgan1d", "--param", "sigma", "--generator", '{"w": 1}'], "--param"),
    (["nash", "wgan1d", "--generator", "{w: 1}"], "--generator"),
    (["nash", "wgan1d"], "--generator"),
    (["nash", "wgan1d", "--generator", '{"w": 2}'], "generator.W"),
    (["nash", "wgan1d", "--generator", '{"w": 1}', "--critic", '{"abs": {"sign": 3}}'],
     "critic.abs.sign"),
    (["pe", "w2gan", "--generator", '{"w": 1}', "--lam", "-2"], "lam="),
    (["pe", "w2gan", "--generator", '{"w": 1}'], "--lam"),
    (["map", "dirac", "--variant", "gan", "--x", "gamma=0:1:3"], "gamma"),
    (["map", "dirac", "--x", "h=0.1:1"], "--x"),
    (["map", "table1", "--x", "h=0.1:1:3"], "map"),
])
def test_bad_input_is_one_line_and_exit_2(argv, needle, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and needle in err
