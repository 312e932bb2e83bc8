"""The command-line contract under arbitrary argv: no traceback, exit code 0, 1 or 2,
and every exit-2 message is one line naming the option, parameter or argument at fault.

``ganeq`` runs in-process (``verifiers.cli.main``). The expensive parts (drawing
figures, whole reproduce runs, hunting, long sample streams) are replaced by stubs,
so what is fuzzed is the parsing and validation in front of them.
"""

import contextlib
import io
import itertools
import re
import sys
import types

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verifiers import cli, report, reproduce
from verifiers.certificate import Verdict
from verifiers.report.exhibits import Exhibits, FigureInfo

CLAIM = "mescheder2018.lemma3.2"
PARAMS = ("sigma", "f", "a", "f1", "f2")
OPTIONS = ("--param", "--samples", "--seed", "--range", "--json", "--out", "--budget", "--only",
           "--no-figures", "--quick", "--help", "--samp", "--frobnicate", "-x", "--")
COMMANDS = ("list", "describe", "check", "hunt", "reproduce", "figures", "table")
ARGUMENT_WORDS = ("claim", "command", "figure", "table", "name", "NAME")


def _nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


numbers = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.integers(1, 5000).map(lambda k: "9" * k),
    st.integers(1, 5000).map(lambda k: "-" + "9" * k),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["1e400", "-1e400", "nan", "inf", "-inf", "1e-320", "0x10", "1_000", "",
                     " 3 "]),
)
garbage = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\udcff", "\x00", "é", "σ=0.5", "💥", "\u202e", "\n", "a\nb", "%s", "%(x)"]),
)
matrices = st.one_of(
    st.integers(1, 5000).map(_nested),
    st.sampled_from(["[[1, 2], [3, 4]]", "[[1e400]]", "[", "[[1, [2]]]", "{}", '"x"', "[]"]),
)
values = st.one_of(numbers, garbage, matrices)
pairs = st.builds(lambda n, v: f"{n}={v}", st.sampled_from(PARAMS + ("tau", "")), values)
ranges = st.builds(lambda n, a, b: f"{n}={a}:{b}", st.sampled_from(PARAMS + ("tau",)), numbers,
                   numbers)
tokens = st.one_of(st.sampled_from(OPTIONS), st.sampled_from((CLAIM, "no.such", "*", "fig")),
                   values, pairs, ranges)
argvs = st.builds(lambda head, rest: [head, *rest],
                  st.one_of(st.sampled_from(COMMANDS), garbage), st.lists(tokens, max_size=7))


class _Finding:
    def __init__(self, params, certificate):
        self.params, self.certificate, self.expected = params, certificate, Verdict.HOLDS
        self.unexpected = certificate.verdict != Verdict.HOLDS


class _HuntResult:
    counts = {"unexpected": 0}

    def summary_line(self) -> str:
        return "hunted"

    def to_dict(self) -> dict:
        return {"unexpected": []}


def _fake_hunt(claim, budget=200, seed=0, ranges=None, on_check=None):
    cert = claim.check()
    on_check(_Finding(cert.params, cert))
    return _HuntResult()


@pytest.fixture(scope="module")
def stubs(tmp_path_factory):
    """Everything behind the validation that costs time, replaced for the module;
    files that get written (``hunt --out``) land in a temporary working folder."""
    mp = pytest.MonkeyPatch()
    mp.chdir(tmp_path_factory.mktemp("cwd"))
    figures = types.SimpleNamespace(all_figures=lambda: {"fig": None})
    mp.setattr(reproduce, "_figure_module", lambda: figures)
    mp.setattr(reproduce, "_draw_figures", lambda names, out, seed, quick: list(names))
    mp.setattr(reproduce, "_figure_info",
               lambda: {"fig": FigureInfo("fig", "ganeq's own", "A figure.", None)})
    mp.setattr(reproduce, "_start_exhibits", lambda *a: Exhibits(None))
    mp.setattr(reproduce, "tables", lambda: {"mescheder2018": lambda: "| table |"})
    mp.setattr(cli, "_instances", lambda *a: itertools.islice(_real_instances(*a), 3))
    mp.setattr(report, "publish", lambda out, writer, carry_over=False: None)
    mp.setattr(report, "run_claims", lambda claims, samples, seed, progress=True, helper=None: [])
    mp.setitem(sys.modules, "verifiers.hunt", types.SimpleNamespace(hunt=_fake_hunt))
    yield
    mp.undo()


_real_instances = cli._instances


def _culprits(argv: list[str]) -> set[str]:
    """What an error message may name: an option given, a NAME of NAME=VALUE, an argument
    (by its name or by the word given for it)."""
    names = {t.split("=")[0] for t in argv if t.startswith("-")}
    names |= {t for t in argv if t.strip() and "\n" not in t} | {repr(t)[:40] for t in argv}
    names |= {t.split("=")[0] for t in argv if "=" in t and t.split("=")[0]}
    names |= {n for n in PARAMS if any(n in t for t in argv)}
    return {n for n in names if n} | set(ARGUMENT_WORDS) | {"--out", "--only"}


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@given(argv=argvs)
def test_any_argv_keeps_the_contract(stubs, argv):
    code, out, err = _run(argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in out + err and "internal error" not in err, (argv, err)
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("ganeq: error: "), (argv, err)
        assert any(c in err for c in _culprits(argv)), (argv, err)


@pytest.mark.parametrize("argv, named", [
    (["check", CLAIM, "--seed", "-1"], "--seed"),
    (["check", CLAIM, "--samples", "1e400"], "--samples"),
    (["check", CLAIM, "--seed", "9" * 400], "--seed"),
    (["check", CLAIM, "--samples", "9" * 5000], "--samples"),
    (["check", CLAIM, "--param", "sigma=" + "9" * 400], "sigma"),
    (["check", CLAIM, "--param", "f=" + _nested(100000)], "f="),
    (["check", CLAIM, "--param", "σ=1"], "σ"),
    (["check", "mescheder2018.lemmaA.5", "--param", "P=[" + "9" * 5000 + "]"], "P="),
    (["check", CLAIM, "--param", "sigma=\udcff"], "sigma"),
    (["check", CLAIM, "--range", "sigma=0.1:\x00"], "--range sigma"),
    (["reproduce", "--out", "a\x00b"], "--out"),
    (["figures", "--out", "a\x00b"], "--out"),
    (["hunt", CLAIM, "--out", "a\x00b"], "--out"),
    (["hunt", CLAIM, "--seed", "x"], "--seed"),
    (["list", "--bogus"], "--bogus"),
    ([], "command"),
])
def test_named_errors(stubs, argv, named):
    code, out, err = _run(argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and named in err, err
    assert re.fullmatch(r"ganeq: error: [^\n]+\n", err)
