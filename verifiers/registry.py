"""The registry of claims. A claim that is not registered does not exist.

Claims are check functions decorated with :func:`verifiers.claim.claim` in the
modules under :mod:`verifiers.claims` (one package per paper, one module per
section). The registry is an *index* from claim id to module, read from the
modules' source (their decorators) without importing them, so ``ganeq list``
and ``ganeq --help`` stay fast; a module is imported when one of its claims is
asked for. A module may expose ``TABLES``, a mapping from a table name
(``ganeq table NAME``) to a function returning the table as Markdown.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from verifiers.certificate import Certificate
from verifiers.claim import Claim

CLAIMS_DIR = Path(__file__).resolve().parent / "claims"
PACKAGE = "verifiers.claims"


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
    importlib.import_module("theory._config")
    mod = importlib.import_module(module)
    return {obj.claim.id: obj.claim for obj in vars(mod).values()
            if callable(obj) and isinstance(getattr(obj, "claim", None), Claim)}


def _load(claim_id: str) -> Claim:
    return _claims_of(index()[claim_id].module)[claim_id]


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
        return (_load(i) for i in index())

    def __len__(self) -> int:
        return len(index())

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in index()

    def ids(self) -> list[str]:
        return list(index())

    def get(self, claim_id: str) -> Claim:
        """The claim with this id; ``ValueError`` listing near names if unknown."""
        if claim_id not in index():
            paper = str(claim_id).split(".")[0]
            near = [i for i in index() if paper and i.startswith(paper)][:5]
            hint = f"; did you mean one of {', '.join(near)}" if near else "; see `ganeq list`"
            raise ValueError(f"claim={claim_id!r} is not registered{hint}")
        return _load(claim_id)


registry = Registry()


def check(claim_id: str, **params) -> Certificate:
    """Check one registered claim: ``check("mescheder2018.lemma3.2", sigma=0.3)``."""
    return registry.get(claim_id).check(**params)
