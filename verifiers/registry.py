"""The registry of claims. A claim that is not registered does not exist.

Claims are check functions decorated with :func:`verifiers.claim.claim` in the
modules under :mod:`verifiers.claims` (one package per paper, one module per
section). :func:`index` reads them from the modules' source (their decorators)
without importing them; a module is imported when one of its claims is asked
for. A module may expose ``TABLES``, a mapping from a table name (``ganeq table
NAME``) to a function returning the table as Markdown.

What ``ganeq list`` and ``ganeq describe`` print (parameters, ranges, defaults,
expected-verdict regions …) needs the claims themselves, whose modules import
JAX and sympy. It is therefore kept, generated, in ``verifiers/claims/index.json``
(:data:`INDEX_FILE`, with each claim's module) and read from there with the
standard library alone; regenerate it with ``python -m verifiers.claims
--write-index`` after changing a claim (``tests/core/test_index.py`` fails while
it is out of date). Where the file is missing or does not list exactly the
claims the source declares, the registry parses the source and the descriptions
are built from the claims (slower, same output).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from verifiers.certificate import Certificate
    from verifiers.claim import Claim

CLAIMS_DIR = Path(__file__).resolve().parent / "claims"
PACKAGE = "verifiers.claims"
INDEX_FILE = CLAIMS_DIR / "index.json"
WRITE_INDEX = "python -m verifiers.claims --write-index"
_DECLARED = re.compile(r"^[ \t]*@claim\(\s*[\"']([^\"'\\]+)[\"']", re.MULTILINE)
"""The id a ``@claim(...)`` decorator declares (first argument, a string literal)."""


@dataclass(frozen=True)
class Entry:
    """One claim as the index knows it: id, reference, statement and its module."""

    id: str
    reference: str
    statement: str
    module: str


def _literal(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


def _declarations(tree: ast.Module, module: str) -> Iterator[Entry]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for dec in node.decorator_list:
            if isinstance(dec, ast.Call) and getattr(dec.func, "id", "") == "claim" and dec.args:
                kw = {k.arg: _literal(k.value) for k in dec.keywords}
                yield Entry(_literal(dec.args[0]), kw.get("reference", ""),
                            kw.get("statement", ""), module)


def _module_name(path: Path) -> str:
    parts = path.relative_to(CLAIMS_DIR).with_suffix("").parts
    return ".".join((PACKAGE, *parts))


@cache
def index() -> dict[str, Entry]:
    """Claim id -> :class:`Entry`, read from the source of every claims module."""
    found: dict[str, Entry] = {}
    for path in sorted(CLAIMS_DIR.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if "@claim(" not in source:
            continue
        for entry in _declarations(ast.parse(source), _module_name(path)):
            if entry.id in found:
                raise RuntimeError(f"claim {entry.id!r} registered twice")
            found[entry.id] = entry
    return dict(sorted(found.items()))


@cache
def _claims_of(module: str) -> dict[str, Claim]:
    from verifiers.claim import Claim

    importlib.import_module("theory._config")
    mod = importlib.import_module(module)
    return {obj.claim.id: obj.claim for obj in vars(mod).values()
            if callable(obj) and isinstance(getattr(obj, "claim", None), Claim)}


@cache
def _modules() -> dict[str, str]:
    """Claim id -> module, in id order: from :data:`INDEX_FILE` while it is up to date
    (milliseconds), else from :func:`index` (parses every claims module)."""
    indexed = _indexed()
    if indexed is not None:
        return {claim_id: row["module"] for claim_id, row in indexed.items()}
    return {claim_id: entry.module for claim_id, entry in index().items()}


def _load(claim_id: str) -> Claim:
    claims = _claims_of(_modules()[claim_id])
    if claim_id not in claims:  # moved to another module since the index file was written
        claims = _claims_of(index()[claim_id].module)
    return claims[claim_id]


@cache
def tables() -> dict:
    """Every registered table: name -> function returning Markdown text."""
    found: dict = {}
    importlib.import_module("theory._config")
    for path in sorted(CLAIMS_DIR.rglob("*.py")):
        if "TABLES" in path.read_text(encoding="utf-8"):  # a table module need hold no claim
            found.update(getattr(importlib.import_module(_module_name(path)), "TABLES", {}))
    return found


class Registry:
    """Read-only view of every registered claim, in id order; iterating imports
    every claims module, :meth:`get` only the one needed."""

    def __iter__(self) -> Iterator[Claim]:
        return (_load(i) for i in _modules())

    def __len__(self) -> int:
        return len(_modules())

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in _modules()

    def ids(self) -> list[str]:
        return list(_modules())

    def get(self, claim_id: str) -> Claim:
        """The claim with this id; ``ValueError`` listing near names if unknown."""
        if claim_id not in _modules():
            paper = str(claim_id).split(".")[0]
            near = [i for i in _modules() if paper and i.startswith(paper)][:5]
            hint = f"; did you mean one of {', '.join(near)}" if near else "; see `ganeq list`"
            raise ValueError(f"claim={claim_id!r} is not registered{hint}")
        return _load(claim_id)


registry = Registry()


def check(claim_id: str, **params) -> Certificate:
    """Check one registered claim: ``check("mescheder2018.lemma3.2", sigma=0.3)``."""
    return registry.get(claim_id).check(**params)


def description(claim: Claim) -> dict[str, Any]:
    """What ``ganeq describe`` shows of ``claim``, as JSON values (a default that is not
    one is kept as its ``str``); the hypotheses are those its ``requires`` states. A claim
    without ``requires`` decides its hypotheses inside its check, which names the one that
    fails; its expected-verdict regions say where that is."""
    hypotheses = " ".join((getattr(claim.requires, "__doc__", None) or "").split())
    shown = {
        "id": claim.id,
        "reference": claim.reference,
        "statement": claim.statement,
        "params": [
            {"name": p.name, "meaning": p.doc, "range": p.range_text(), "default": p.default,
             "thresholds": list(getattr(p, "thresholds", ()))}
            for p in claim.params
        ],
        "hypotheses": hypotheses or ("decided by the check, which names any that fails "
                                     "(`inapplicable`); the expected-verdict regions say where"),
        "expected": claim.regions(),
        "erratum": claim.erratum,
        "derivation": claim.derivation and f"docs/derivations/{claim.derivation}",
    }
    return json.loads(json.dumps(shown, default=str, ensure_ascii=False))


def _declared_ids() -> set[str]:
    """The ids the claims modules declare, found by a regular expression (milliseconds,
    where parsing the modules takes a few hundred)."""
    return {claim_id for path in CLAIMS_DIR.rglob("*.py")
            for claim_id in _DECLARED.findall(path.read_text(encoding="utf-8"))}


@cache
def _indexed() -> dict[str, dict] | None:
    """The rows of :data:`INDEX_FILE` (a claim's :func:`description`, its ``module`` and
    ``slow``) by id; ``None`` where the file is missing, unreadable, or does not list exactly the
    claims the source declares."""
    try:
        rows = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
        found = {row["id"]: row for row in rows if row["module"]}  # KeyError: older format
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return found if set(found) == _declared_ids() else None


def _described(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in ("module", "slow")}


def is_slow(claim_id: str) -> bool:
    """Whether the claim trains networks (:attr:`Claim.slow`), read from :data:`INDEX_FILE`
    while it is up to date (no claims module imported), else from the claim."""
    row = (_indexed() or {}).get(claim_id, {})
    return bool(row["slow"]) if "slow" in row else registry.get(claim_id).slow


def catalogue() -> list[dict[str, Any]]:
    """The :func:`description` of every claim, in id order, from :data:`INDEX_FILE` (no
    claims module imported), else from the claims."""
    indexed = _indexed()
    if indexed is None:
        return [description(c) for c in registry]
    return [_described(row) for row in indexed.values()]


def describe(claim_id: str) -> dict[str, Any]:
    """The :func:`description` of one claim; ``ValueError`` if it is not registered."""
    indexed = _indexed()
    if indexed is not None and claim_id in indexed:
        return _described(indexed[claim_id])
    return description(registry.get(claim_id))


def index_text() -> str:
    """The text :data:`INDEX_FILE` should hold, made from the claims (imports every
    claims module): each claim's :func:`description`, the module declaring it and whether
    it is ``slow``."""
    rows = [{**description(claim := _claims_of(entry.module)[claim_id]), "module": entry.module,
             "slow": claim.slow} for claim_id, entry in index().items()]
    return json.dumps(rows, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m verifiers.claims --write-index``: regenerate :data:`INDEX_FILE`."""
    parser = argparse.ArgumentParser(prog="python -m verifiers.claims",
                                     description="Regenerate the claim index read by "
                                                 "`ganeq list` and `ganeq describe`.")
    parser.add_argument("--write-index", action="store_true", required=True,
                        help=f"write {INDEX_FILE.relative_to(CLAIMS_DIR.parents[1])}")
    parser.parse_args(argv)
    tmp = INDEX_FILE.with_suffix(".json.tmp")  # built in full, then renamed: never half-written
    tmp.write_text(index_text(), encoding="utf-8")
    tmp.replace(INDEX_FILE)
    print(f"{INDEX_FILE.relative_to(CLAIMS_DIR.parents[1])}: {len(index())} claims")
    return 0
