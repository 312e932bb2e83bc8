"""Issue #4 acceptance through the command line (in-process ``ganeq`` main)."""

import json

import numpy as np
import pytest

from verifiers import cli


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_threshold_acceptance(capsys):
    code, out, _ = run(capsys, "check", "ganeq.proximal.threshold", "--param", "sigma=2",
                       "--param", "eta=0.5", "--json")
    cert = json.loads(out)
    assert code == 0 and cert["verdict"] == "holds"
    assert abs(cert["witness"]["lam_max_closed_form"] - 1.0) <= 1e-12
    assert abs(cert["witness"]["lam_max_bisection"] - 1.0) <= 1e-6


def test_theorem2_holds_and_slides_refuted_with_witness(capsys):
    code, out, _ = run(capsys, "check", "farnia2020.theorem2", "--param", "sigma=3", "--param",
                       "eta=1", "--json")
    assert code == 0 and json.loads(out)["verdict"] == "holds"
    code, out, _ = run(capsys, "check", "ganeq.proximal.slides_constant", "--json")
    cert = json.loads(out)
    assert code == 0 and cert["verdict"] == "refuted"
    assert cert["witness"]["witness_gap"] < 0
    assert np.linalg.norm(cert["witness"]["witness_generator"]["u"]) > 0


@pytest.mark.parametrize("argv, fragment", [
    (["check", "ganeq.proximal.threshold", "--param", "eta=-1"], "eta=-1"),
    (["check", "ganeq.proximal.threshold", "--param", "sigma=0.5"], "sigma=0.5"),
    (["check", "farnia2020.definition1", "--param", "lam=-0.1"], "lam=-0.1"),
])
def test_bad_input_exits_2_with_one_line(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err
