"""The claim index (``verifiers/claims/index.json``) that ``ganeq list`` and ``ganeq
describe`` read: up to date with the claims, holding the ids the source declares,
replaced by the claims themselves where it is stale, and read without importing
any claims module (issue #10, start-up)."""

import json
import subprocess
import sys

import pytest

from verifiers import cli
from verifiers.registry import (
    INDEX_FILE,
    WRITE_INDEX,
    _declared_ids,
    _indexed,
    _modules,
    catalogue,
    describe,
    description,
    index,
    index_text,
    is_slow,
    registry,
)


def test_index_file_is_up_to_date():
    assert INDEX_FILE.read_text(encoding="utf-8") == index_text(), (
        f"{INDEX_FILE.name} is out of date with the claims: regenerate it with `{WRITE_INDEX}`")


def test_declared_ids_are_those_the_decorators_register():
    """The quick freshness test (a regular expression) sees what the parser sees."""
    assert _declared_ids() == set(index())


def test_the_index_file_is_read_and_names_each_claims_module():
    assert _indexed() is not None
    assert [d["id"] for d in catalogue()] == registry.ids() == list(index())
    assert _modules() == {claim_id: entry.module for claim_id, entry in index().items()}


ROWS = json.loads(INDEX_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def index_file(tmp_path, monkeypatch):
    """Write this text as the index file, or none (the caches emptied before and after)."""
    path = tmp_path / "index.json"
    monkeypatch.setattr(sys.modules["verifiers.registry"], "INDEX_FILE", path)

    def write(text: str | None) -> None:
        if text is not None:
            path.write_text(text, encoding="utf-8")
        _indexed.cache_clear()
        _modules.cache_clear()

    yield write
    _indexed.cache_clear()
    _modules.cache_clear()


@pytest.mark.parametrize("text", [
    None,  # no index file (a package installed without it)
    json.dumps(ROWS[1:]),  # a claim added since it was written
    json.dumps([{k: v for k, v in row.items() if k != "module"} for row in ROWS]),  # old format
    "<<<<<<< merge conflict",
])
def test_a_stale_or_broken_index_gives_way_to_the_claims(index_file, text):
    index_file(text)
    assert _indexed() is None and registry.ids() == list(index())
    first = registry.ids()[0]
    assert describe(first) == description(registry.get(first))


def test_a_claim_moved_to_another_module_is_still_found(index_file):
    rows = [dict(row) for row in ROWS]
    rows[0]["module"] = rows[-1]["module"]
    index_file(json.dumps(rows))
    assert _indexed() is not None
    assert registry.get(rows[0]["id"]).id == rows[0]["id"]


def test_is_slow_reads_the_index_and_agrees_with_the_claims(index_file):
    """``is_slow`` (what ``reproduce --quick`` skips) is each claim's ``slow``, read from the
    index without importing a claims module, and from the claim where the index is stale."""
    slow = {claim.id: claim.slow for claim in registry}
    assert any(slow.values()) and not all(slow.values())
    assert {claim_id: is_slow(claim_id) for claim_id in slow} == slow
    index_file(json.dumps([{k: v for k, v in row.items() if k != "slow"} for row in ROWS]))
    assert {claim_id: is_slow(claim_id) for claim_id in slow} == slow


def test_an_unknown_claim_is_a_value_error():
    with pytest.raises(ValueError, match="'no.such.claim' is not registered; see `ganeq list`"):
        describe("no.such.claim")


@pytest.mark.parametrize("claim_id", ["mescheder2018.lemma3.2", "farnia2020.theorem1.w2gan"])
def test_describe_shows_the_claim_itself(claim_id, capsys):
    claim = registry.get(claim_id)
    assert cli.main(["describe", claim_id]) == 0
    out = capsys.readouterr().out
    assert f"{claim.id}  ({claim.reference})" in out and claim.statement in out
    assert claim.regions() in out and all(p.range_text() in out for p in claim.params)


def test_help_list_and_describe_import_no_claims_module_numpy_jax_or_sympy():
    script = (
        "import sys; from verifiers.cli import main; "
        "main(['list']); main(['list', '--json']); main(['describe', 'mescheder2018.lemma3.2']); "
        "main(['--help']); from verifiers.registry import is_slow; is_slow('farnia2020.t0'); "
        "heavy = {'numpy', 'jax', 'sympy', 'scipy', 'matplotlib', "
        "'hypothesis', 'mpmath', 'theory'}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy "
        "or m.startswith('verifiers.claims.')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"
