"""``ganeq figures --list``: one line per figure, the paper figure first."""

from verifiers import cli, reproduce
from verifiers.report.exhibits import FigureInfo, short

INFO = {
    "a_fig": FigureInfo("a_fig", "Mescheder et al. 2018, Figure 2", "Descent on the field (h = "
                        "0.1, eq. (3) of the paper). The second sentence.", "double"),
    "b": FigureInfo("b", "ganeq's own", "x" * 150, "single"),
}


def test_one_line_each(monkeypatch, capsys):
    monkeypatch.setattr(reproduce, "_figure_info", lambda: INFO)
    monkeypatch.setattr(reproduce, "_check_figure_names", lambda names: None)
    assert cli.main(["figures", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("a_fig  [Mescheder et al. 2018, Figure 2] Descent on the field "
                        "(h = 0.1, eq. (3) of the paper)")
    assert lines[1].startswith("b      [ganeq's own] xxx") and len(lines) == 2


def test_short_cuts_long_sentences():
    assert short("A b c. D e.") == "A b c"
    assert short("Eigenvalues of the Jacobian at the equilibrium (standard f, " + "y" * 90) == (
        "Eigenvalues of the Jacobian at the equilibrium …")
    assert len(short("word " * 60)) <= 102
