"""The README's "Your own question" Python block runs as printed and says what it claims."""

from pathlib import Path

import matplotlib
import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_python() -> str:
    """The ```python block of the README's "Your own question" section."""
    section = README.read_text().split("## Your own question", 1)[1].split("\n## ", 1)[0]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_readme_python_block_runs(tmp_path, capsys):
    source = _readme_python()
    assert '"/tmp/my_map"' in source, "the test redirects the README's map folder"
    matplotlib.use("Agg")
    exec(compile(source.replace('"/tmp/my_map"', repr(str(tmp_path))), "README", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert "is refuted" in lines[0], "a shifted critic is not a best response"
    assert float(lines[1]) > 0, "the W2GAN pair is not the W2-optimal one: a positive gap"
    assert lines[2] == "refuted", "the Jeffreys f-GAN pair is not a Nash equilibrium"
    assert float(lines[4]) == pytest.approx(0.5), "sigma/(4 eta (sigma - 1)) at sigma=2, eta=1"
    assert lines[5] == "holds", "lam = 0.3 <= lambda_max = 0.5"
    assert (tmp_path / "map.png").stat().st_size > 1000
    assert (tmp_path / "map.json").exists()
