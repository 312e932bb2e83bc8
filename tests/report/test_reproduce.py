"""``ganeq reproduce`` end to end on two cheap claims (no figures): provenance,
the same results for the same seed apart from timings, what the report says."""

import json
import re

import pytest

from verifiers import cli
from verifiers.report.check_html import problems
from verifiers.report.provenance import PACKAGES
from verifiers.report.results import without_run_fields

CLAIMS = ("mescheder2018.lemma3.2", "farnia2020.eq7.printed")
FILES = ("results.json", "REPORT.md", "REPORT.html")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Two runs with seed 5 into the same folder: (folder, [files of run 1, of run 2])."""
    out = tmp_path_factory.mktemp("reproduce") / "results"
    argv = ["reproduce", "--out", str(out), "--samples", "1", "--seed", "5", "--no-figures"]
    for claim in CLAIMS:
        argv += ["--only", claim]
    texts = []
    for _ in range(2):
        assert cli.main(argv) == 0
        texts.append({name: (out / name).read_text(encoding="utf-8") for name in FILES})
    return out, texts


def test_provenance_fields_present(runs):
    _, texts = runs
    p = json.loads(texts[0]["results.json"])["provenance"]
    assert {"ganeq", "git", "python", "packages", "machine", "command", "seed", "samples",
            "memo", "recalled", "started", "seconds"} <= set(p)
    assert p["memo"] is None and p["recalled"] == []  # the tests run with the memo off
    assert p["git"] is None or (re.fullmatch("[0-9a-f]{40}", p["git"]["commit"])
                                and isinstance(p["git"]["dirty"], bool))
    assert set(p["packages"]) == {name.lower() for name in PACKAGES}
    assert all(p["packages"][k] for k in ("numpy", "jax", "scipy", "matplotlib"))
    assert p["machine"]["cpus"] >= 1 and p["machine"]["cpu"] and p["machine"]["jax_devices"]
    assert p["seed"] == 5 and p["samples"] == 1 and p["seconds"] > 0
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", p["started"])
    assert "## Provenance" in texts[0]["REPORT.md"] and p["started"] in texts[0]["REPORT.md"]


def test_same_seed_same_results_apart_from_timings(runs):
    first, second = (json.loads(t["results.json"]) for t in runs[1])
    assert without_run_fields(first) == without_run_fields(second)
    assert [c["id"] for c in first["claims"]] == sorted(CLAIMS)

    def untimed(md):
        return [line for line in md.splitlines() if "run time" not in line]

    assert untimed(runs[1][0]["REPORT.md"]) == untimed(runs[1][1]["REPORT.md"])


def test_fresh_turns_the_memo_off_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("GANEQ_MEMO", str(tmp_path / "memo"))
    out = tmp_path / "results"
    assert cli.main(["reproduce", "--out", str(out), "--samples", "0", "--no-figures",
                     "--only", CLAIMS[0], "--fresh"]) == 0
    p = json.loads((out / "results.json").read_text())["provenance"]
    assert p["memo"] is None and "--fresh" in p["command"]
    assert "- memo: off (every figure, table and experiment computed in this run)" in \
        (out / "REPORT.md").read_text()


def test_report_reads_errata_as_findings(runs):
    md = runs[1][0]["REPORT.md"]
    row = next(line for line in md.splitlines() if line.startswith("| `farnia2020.eq7.printed`"))
    assert "the printed statement is refuted (erratum)" in row
    assert "**Paper says:**" in md and "**ganeq finds:**" in md and "**Evidence:**" in md
    assert "docs/derivations/farnia2020.md#eq-7-as-printed" in md
    lemma = next(line for line in md.splitlines() if line.startswith("| `mescheder2018.lemma3.2`"))
    assert re.search(r"\| [+-][0-9.e+-]+ \(scale ", lemma), "a relative margin with its scale"


def test_report_html_stands_alone(runs):
    out, _ = runs
    assert problems(out / "REPORT.html") == []
    html = (out / "REPORT.html").read_text(encoding="utf-8")
    assert "the printed statement is refuted (erratum)" in html and "<table>" in html


def test_quick_skips_the_claims_that_train(tmp_path, capsys):
    out = tmp_path / "quick"
    argv = ["reproduce", "--quick", "--no-figures", "--out", str(out),
            "--only", "mescheder2018.lemma3.2", "--only", "mescheder2018.fig5.*"]
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    skipped = ["mescheder2018.fig5.flat_discriminator", "mescheder2018.fig5.penalties_best",
               "mescheder2018.fig5.r1_equals_r2"]
    assert [c["id"] for c in data["claims"]] == ["mescheder2018.lemma3.2"]
    assert sorted(data["skipped"]) == skipped and data["samples"] == 0
    assert "not run: 3 claims that train GANs" in printed
    md = (out / "REPORT.md").read_text(encoding="utf-8")
    assert "no verdict contradicted the expected one, on the defaults only (seed 0);" in md
    assert "**Not checked in this run** (3 claims; not counted above):" in md
    assert all(f"- `{i}`: trains GANs" in md for i in skipped)


def test_quick_with_only_training_claims_is_a_usage_error(tmp_path, capsys):
    argv = ["reproduce", "--quick", "--out", str(tmp_path / "q"),
            "--only", "hsieh2019.section5_1.*"]
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert "--quick skips" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "q").exists()
