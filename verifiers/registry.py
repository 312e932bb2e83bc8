"""The registry of claims. A claim that is not registered does not exist.

Claims live in the modules of :mod:`verifiers.claims`; each module exposes a
``CLAIMS`` sequence, and may expose ``TABLES``, a mapping from a table name
(``ganeq table NAME``) to a function returning the table as Markdown. The
registry imports every such module once (sorted by name), so adding a module
is all it takes to register new claims.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from functools import cache

from verifiers import claims as _claims_pkg
from verifiers.certificate import Certificate
from verifiers.claim import Claim


@cache
def _modules() -> tuple:
    names = sorted(m.name for m in pkgutil.iter_modules(_claims_pkg.__path__))
    return tuple(
        importlib.import_module(f"{_claims_pkg.__name__}.{name}")
        for name in names
        if not name.startswith("_")
    )


@cache
def _load() -> dict[str, Claim]:
    found: dict[str, Claim] = {}
    for module in _modules():
        for claim in getattr(module, "CLAIMS", ()):
            if claim.id in found:
                raise RuntimeError(f"claim {claim.id!r} registered twice")
            found[claim.id] = claim
    return found


@cache
def tables() -> dict:
    """Every registered table: name -> function returning Markdown text."""
    found: dict = {}
    for module in _modules():
        found.update(getattr(module, "TABLES", {}))
    return found


class Registry:
    """Read-only view of every registered claim, in id order."""

    def __iter__(self) -> Iterator[Claim]:
        return iter(sorted(_load().values(), key=lambda c: c.id))

    def __len__(self) -> int:
        return len(_load())

    def __contains__(self, claim_id: str) -> bool:
        return claim_id in _load()

    def ids(self) -> list[str]:
        return [c.id for c in self]

    def get(self, claim_id: str) -> Claim:
        """The claim with this id; ``ValueError`` listing near names if unknown."""
        claims = _load()
        if claim_id not in claims:
            near = [i for i in claims if claim_id.split(".")[0] in i][:5]
            hint = f"; did you mean one of {', '.join(near)}" if near else "; see `ganeq list`"
            raise ValueError(f"claim={claim_id!r} is not registered{hint}")
        return claims[claim_id]


registry = Registry()


def check(claim_id: str, **params) -> Certificate:
    """Check one registered claim: ``check("mescheder2018.lemma3.2", sigma=0.3)``."""
    return registry.get(claim_id).check(**params)
