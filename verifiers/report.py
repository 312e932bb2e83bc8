"""``ganeq reproduce``: every claim on its defaults plus random admissible
instances, every figure, ``REPORT.md`` and ``results.json``.

Outputs are published by :func:`publish`: everything is written into a
temporary folder next to the target, which then replaces the target in one
rename (an atomic exchange where the system has one). A run killed at any
moment leaves the previous complete folder or the new complete one, never a
mix; the temporary folders of killed runs are removed by the next run.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from verifiers.certificate import Certificate, Verdict
from verifiers.claim import Claim


@dataclass(frozen=True)
class ClaimResult:
    """A claim's certificates: on its defaults, then on random instances."""

    claim: Claim
    certificates: tuple[Certificate, ...]

    @property
    def matched(self) -> int:
        return sum(c.verdict == self.claim.expected_for(c.params) for c in self.certificates)

    @property
    def undecided(self) -> int:
        """Instances the check could not decide (``inconclusive``): reported, not a failure."""
        return sum(c.verdict is Verdict.INCONCLUSIVE for c in self.certificates)

    @property
    def ok(self) -> bool:
        """No decisive verdict contradicts the expected one (the rule of ``ganeq hunt``)."""
        return self.matched + self.undecided == len(self.certificates)


def instances(claim: Claim, samples: int, rng: np.random.Generator) -> Iterator[dict]:
    """The defaults followed by ``samples`` random admissible parameter sets, drawn lazily."""
    yield claim.defaults()
    for _ in range(samples):
        yield claim.sample(rng)


def run_claims(
    claims: Iterable[Claim], samples: int, seed: int, progress: bool = True
) -> list[ClaimResult]:
    """Check every claim on its instances, with a progress bar over all checks."""
    rng = np.random.default_rng(seed)
    claims = list(claims)
    bar = tqdm(
        total=len(claims) * (samples + 1),
        desc="checking claims",
        unit="check",
        disable=not progress,
        leave=False,
    )
    results = []
    for claim in claims:
        bar.set_postfix_str(claim.id)
        certs = []
        for p in instances(claim, samples, rng):
            certs.append(claim.check(**p))
            bar.update()
        results.append(ClaimResult(claim, tuple(certs)))
    bar.close()
    return results


def summary_table(results: list[ClaimResult]) -> str:
    """Markdown table: one row per claim with expected and observed verdicts."""
    rows = [
        "| claim | reference | expected | on defaults | random instances matching "
        "| margin (defaults) | method |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        d = r.certificates[0]
        expected = r.claim.expected_for(d.params)
        rows.append(
            f"| `{r.claim.id}` | {r.claim.reference} | {expected.value} | "
            f"{'✓ ' if d.verdict == expected else '✗ '}{d.verdict.value} | "
            f"{r.matched - (d.verdict == expected)}/{len(r.certificates) - 1} | "
            f"{d.margin:.3g} | {d.method} |"
        )
    return "\n".join(rows)


def report_markdown(results: list[ClaimResult], figures: list[str], samples: int, seed: int) -> str:
    """The body of ``REPORT.md``."""
    ok = sum(r.ok for r in results)
    errata = [r for r in results if r.claim.erratum]
    lines = [
        "# ganeq reproduce",
        "",
        f"For {ok} of {len(results)} claims no verdict contradicted the expected one, on the "
        f"defaults and on {samples} random admissible instances each (seed {seed}); "
        f"{sum(r.undecided for r in results)} instances were `inconclusive` (the check could "
        "not decide; counted in the table, not a contradiction).",
        "A claim registered as printed where the paper is wrong is expected `refuted` in the "
        "region where the printed statement fails.",
        "",
        summary_table(results),
        "",
        "## Statements checked",
        "",
    ]
    lines += [
        f"- `{r.claim.id}` ({r.claim.reference}): {r.claim.statement} — {r.certificates[0]}"
        for r in results
    ]
    if errata:
        lines += ["", "## Errata (printed statement vs verified form)", ""]
        lines += [f"- `{r.claim.id}`: {r.claim.erratum}" for r in errata]
    lines += ["", "## Figures", ""] + [
        f"- `figures/{name}.png`, `figures/{name}.pdf`" for name in figures
    ]
    return "\n".join(lines) + "\n"


def results_json(results: list[ClaimResult], samples: int, seed: int) -> str:
    """``results.json``: every certificate, grouped by claim."""
    payload = {
        "samples": samples,
        "seed": seed,
        "claims": [
            {
                "id": r.claim.id,
                "reference": r.claim.reference,
                "statement": r.claim.statement,
                "expected": r.claim.regions(),
                "erratum": r.claim.erratum,
                "ok": r.ok,
                "certificates": [c.to_dict() for c in r.certificates],
            }
            for r in results
        ],
    }
    return json.dumps(payload, indent=1, allow_nan=False)


MARK = ".ganeq-output"
"""File in every folder :func:`publish` writes: only such folders are ever replaced."""


def check_out(out: Path, option: str, legacy: Callable[[str], bool]) -> None:
    """``ValueError`` naming ``option`` unless ``out`` can be published: not a file,
    not the working folder or above it, empty or written by ganeq (a :data:`MARK`
    inside, or only entries ``legacy`` recognises), its nearest existing ancestor
    a writable folder."""
    try:
        _check_out(out, option, legacy)
    except OSError as exc:
        raise ValueError(f"{option} {str(out)!r}: {exc.strerror or exc}") from None


def _check_out(out: Path, option: str, legacy: Callable[[str], bool]) -> None:
    where = out.absolute()
    if where.exists() and not where.is_dir():
        raise ValueError(f"{option} {str(out)!r} is a file, not a folder")
    if where == where.parent or Path.cwd().resolve().is_relative_to(where.resolve()):
        raise ValueError(f"{option} {str(out)!r} contains the working folder")
    if where.is_dir() and not (where / MARK).exists():
        foreign = [e.name for e in where.iterdir() if not legacy(e.name)]
        if foreign:
            raise ValueError(
                f"{option} {str(out)!r} holds {foreign[0]!r}, which ganeq did not write; "
                "choose a new or empty folder"
            )
    ancestor = where.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir() or not os.access(ancestor, os.W_OK | os.X_OK):
        raise ValueError(f"{option} {str(out)!r}: cannot write into {str(ancestor)!r}")


def publish(out: Path, writer: Callable[[Path], None], carry_over: bool = False) -> None:
    """Run ``writer`` on a fresh folder next to ``out`` (a copy of ``out``'s files
    first if ``carry_over``), then put it in place of ``out`` in one rename."""
    out = out.resolve()  # a symlinked folder: its target is replaced, the link stays
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    tmp = Path(tempfile.mkdtemp(prefix=f"{_temp_prefix(out)}{os.getpid()}.", dir=out.parent))
    try:
        _make_readable(tmp)
        if carry_over and out.is_dir():
            shutil.copytree(out, tmp, dirs_exist_ok=True)
        writer(tmp)
        (tmp / MARK).write_text("written by ganeq; replaced as a whole by the next run\n")
        _replace(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def remove_stale(out: Path) -> None:
    """Remove the temporary folders of killed runs publishing ``out`` (their
    process is gone); a previous ``out`` left aside is first put back."""
    prefix = _temp_prefix(out)
    for path in sorted(out.parent.glob(prefix + "*")):
        if _running(path.name[len(prefix):].split(".")[0]):
            continue
        if path.name.endswith(".old") and not out.exists():
            os.rename(path, out)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _temp_prefix(out: Path) -> str:
    return f".ganeq-{out.name}."


def _running(pid: str) -> bool:
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _make_readable(folder: Path) -> None:
    """``mkdtemp`` makes a private folder; a published one gets the usual mode."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)


def _replace(new: Path, out: Path) -> None:
    """Put folder ``new`` in place of ``out``; the previous ``out`` ends up at ``new``.

    Where the system can exchange two names atomically (Linux ``renameat2``), there is
    no moment without ``out``; elsewhere the old folder is renamed aside first (put
    back by :func:`remove_stale` if the run is killed in between)."""
    if not out.exists():
        os.rename(new, out)
    elif not _exchange(new, out):
        aside = new.with_name(new.name + ".old")
        os.rename(out, aside)
        os.rename(new, out)
        os.rename(aside, new)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with ``renameat2(RENAME_EXCHANGE)``; False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
