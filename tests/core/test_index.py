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
    catalogue,
    describe,
    description,
    index,
    index_text,
    registry,
)


def test_index_file_is_up_to_date():
    assert INDEX_FILE.read_text(encoding="utf-8") == index_text(), (
        f"{INDEX_FILE.name} is out of date with the claims: regenerate it with `{WRITE_INDEX}`")


def test_declared_ids_are_those_the_decorators_register():
    """The quick freshness test (a regular expression) sees what the parser sees."""
    assert _declared_ids() == set(index())


def test_the_index_file_is_read():
    assert _indexed() is not None
    assert [d["id"] for d in catalogue()] == registry.ids()


@pytest.fixture
def stale_index(tmp_path, monkeypatch):
    """An index file that lacks a claim the source declares."""
    stale = tmp_path / "index.json"
    stale.write_text(json.dumps(json.loads(INDEX_FILE.read_text(encoding="utf-8"))[1:]))
    monkeypatch.setattr(sys.modules["verifiers.registry"], "INDEX_FILE", stale)
    _indexed.cache_clear()
    yield stale
    _indexed.cache_clear()


def test_a_stale_or_broken_index_gives_way_to_the_claims(stale_index):
    assert _indexed() is None
    first = registry.ids()[0]
    assert describe(first) == description(registry.get(first))
    stale_index.write_text("<<<<<<< merge conflict")
    _indexed.cache_clear()
    assert _indexed() is None
    assert describe(first)["id"] == first


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


def test_list_and_describe_import_no_claims_module_jax_or_sympy():
    script = (
        "import sys; from verifiers.cli import main; "
        "main(['list']); main(['list', '--json']); main(['describe', 'mescheder2018.lemma3.2']); "
        "heavy = {'jax', 'sympy', 'scipy', 'matplotlib', 'hypothesis', 'mpmath', 'theory'}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy "
        "or m.startswith('verifiers.claims.')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines()[-1] == "[]"
