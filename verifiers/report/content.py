"""What ``REPORT.md`` / ``REPORT.html`` say: the verdict summary, one section per
paper (statement, verdict, relative margin, method of each claim), the errata
as "paper says / ganeq finds / evidence", the figures with captions naming the
paper figure they reproduce, the recomputed tables, and the provenance.

A claim registered *as printed* (its expected verdict is ``refuted`` somewhere,
an erratum explains why) reads "the printed statement is refuted (erratum)" when
it is refuted as expected: the finding is the erratum, not the printed statement.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from verifiers.certificate import Certificate, Verdict
from verifiers.report.claims import ClaimResult
from verifiers.report.document import (
    Block,
    Bullets,
    Heading,
    Image,
    Paragraph,
    Table,
    blocks_from_markdown,
    bold,
    code,
)
from verifiers.report.exhibits import Drawn, FigureInfo
from verifiers.report.margins import relative_margin

TITLE = "ganeq: the equilibrium theory of GANs, machine-checked"
PAPERS = {
    "mescheder2018": "Mescheder, Geiger & Nowozin 2018: Which Training Methods for GANs do "
                     "actually Converge?",
    "farnia2020": "Farnia & Ozdaglar 2020: Do GANs always have Nash equilibria?",
    "hsieh2019": "Hsieh, Liu & Cevher 2019: Finding Mixed Nash Equilibria of Generative "
                 "Adversarial Networks",
    "ganeq": "ganeq's own results (beyond the papers' statements)",
}


@dataclass(frozen=True)
class Run:
    """Everything one ``ganeq reproduce`` run produced."""

    results: list[ClaimResult]
    samples: int
    seed: int
    provenance: dict
    figures: list[tuple[FigureInfo, Drawn]] = field(default_factory=list)
    tables: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    """``"figure NAME"``/``"table NAME"`` -> the error that kept it out of the report."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Claim id -> why this run did not check it (``--quick`` skips the claims that train)."""

    @property
    def ok(self) -> int:
        return sum(r.ok for r in self.results)

    @property
    def undecided(self) -> int:
        return sum(r.undecided for r in self.results)


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def printed(result: ClaimResult) -> bool:
    """Is the claim a printed statement that the paper gets wrong (erratum, expected
    ``refuted`` on some instances)?"""
    return bool(result.claim.erratum) and "refuted" in result.claim.regions()


def verdict_text(result: ClaimResult, cert: Certificate) -> str:
    """The verdict as the report states it."""
    expected = result.claim.expected_for(cert.params)
    if cert.verdict is Verdict.INCONCLUSIVE:
        return "inconclusive (not decided here)"
    if cert.verdict != expected:
        return f"UNEXPECTED: {cert.verdict.value} (expected {expected.value})"
    if cert.verdict is Verdict.REFUTED and printed(result):
        return "the printed statement is refuted (erratum)"
    if cert.verdict is Verdict.INAPPLICABLE:
        return f"inapplicable: {cert.witness.get('unmet_hypothesis', 'a hypothesis fails')}"
    return cert.verdict.value


def _shown(params: dict) -> str:
    return ", ".join(f"{k} = {v}" for k, v in params.items()) or "no parameters"


def failure_blocks(run: Run) -> list[Block]:
    if not run.failures:
        return []
    return [Paragraph(f"{bold('Not in this report')} (the computation failed; the run exits "
                      "with code 1):"),
            Bullets(tuple(f"{what}: {code(error)}" for what, error in run.failures.items()))]


def skipped_blocks(run: Run) -> list[Block]:
    if not run.skipped:
        return []
    return [Paragraph(f"{bold('Not checked in this run')} ({plural(len(run.skipped), 'claim')}; "
                      "not counted above):"),
            Bullets(tuple(f"{code(i)}: {why}" for i, why in run.skipped.items()))]


def _instances(run: Run) -> str:
    if not run.samples:
        return f"on the defaults only (seed {run.seed})"
    return (f"on the defaults and on {plural(run.samples, 'random admissible instance')} each "
            f"(seed {run.seed})")


def summary(run: Run) -> list[Block]:
    verdicts = Counter(c.verdict.value for r in run.results for c in r.certificates)
    counts = ", ".join(f"{n} {v}" for v, n in sorted(verdicts.items()))
    rows = []
    for paper in dict.fromkeys(r.paper for r in run.results):
        mine = [r for r in run.results if r.paper == paper]
        rows.append((PAPERS.get(paper, paper), str(len(mine)), str(sum(r.ok for r in mine)),
                     str(sum(printed(r) for r in mine)), str(sum(r.undecided for r in mine))))
    return [
        Paragraph(
            f"For {run.ok} of {len(run.results)} claims no verdict contradicted the expected "
            f"one, {_instances(run)}; {plural(run.undecided, 'instance')} inconclusive (the "
            f"check could not decide; counted, not a contradiction). All verdicts: {counts}."),
        Paragraph(
            "A statement the paper prints wrongly is registered as printed, next to its "
            "corrected form; it is expected to be refuted where the printed statement fails, "
            "and such a verdict reads \"the printed statement is refuted (erratum)\": the "
            "finding is the erratum (see Errata), not the printed statement."),
        Table(("paper", "claims", "no contradicting verdict", "printed statements with an "
               "erratum", "inconclusive instances"), tuple(rows)),
        Paragraph(
            "Relative margin: the defaults' margin divided by a scale, so that claims in "
            "different units share one column (> 0: holds with room, < 0: refuted by that much, "
            "near 0: a close call). The scale is the one the check states (witness entry "
            f"{code('scale')}); else, for an equality, its error bound (+1: exact agreement); "
            "for a bound, the largest of the tolerance and the two sides compared; else the "
            "margin is read as a sign, max(tolerance, |margin|) (±1 when decided). Each value "
            "names its scale."),
    ]


def claim_row(result: ClaimResult) -> tuple[str, ...]:
    d = result.certificates[0]
    rel = relative_margin(d)
    others = result.certificates[1:]
    matched = sum(c.verdict == result.claim.expected_for(c.params) for c in others)
    undecided = sum(c.verdict is Verdict.INCONCLUSIVE for c in others)
    instances = f"{matched}/{len(others)} as expected" + (
        f", {undecided} inconclusive" if undecided else "")
    scale = f" (scale {rel.scale:.3g}: {rel.source})" if rel.scale is not None else ""
    return (f"{code(result.claim.id)} {result.claim.reference}", result.claim.statement,
            verdict_text(result, d), instances, rel.text() + scale, d.method)


def paper_sections(run: Run) -> list[Block]:
    blocks: list[Block] = []
    header = ("claim", "statement", "verdict on the defaults", "random instances",
              "relative margin (defaults)", "method")
    for paper in dict.fromkeys(r.paper for r in run.results):
        mine = [r for r in run.results if r.paper == paper]
        blocks += [Heading(2, PAPERS.get(paper, paper)),
                   Table(header, tuple(claim_row(r) for r in mine))]
    return blocks


def evidence(result: ClaimResult) -> str:
    """The certificates behind an erratum, in one sentence."""
    d = result.certificates[0]
    tally = Counter(c.verdict.value for c in result.certificates)
    counts = ", ".join(f"{n} {v}" for v, n in sorted(tally.items()))
    where = (f"; derivation {code('docs/derivations/' + result.claim.derivation)}"
             if result.claim.derivation else "")
    return (f"on the defaults ({_shown(d.params)}): {d.verdict.value}, relative margin "
            f"{relative_margin(d).text()}, {d.method}; over {len(result.certificates)} "
            f"instances: {counts}{where}.")


def errata(run: Run) -> list[Block]:
    found = [r for r in run.results if r.claim.erratum]
    if not found:
        return []
    blocks: list[Block] = [
        Heading(2, "Errata: paper says / ganeq finds / evidence"),
        Paragraph("Where the printed text of a paper is wrong. For a claim registered as "
                  "printed, \"paper says\" is the printed statement; otherwise the claim is "
                  "the corrected statement and the misprint is named under \"ganeq finds\"."),
    ]
    for r in found:
        says = (f"“{r.claim.statement}”" if printed(r) else
                f"{r.claim.reference} as printed (the misprint is named below); ganeq checks "
                f"the corrected statement “{r.claim.statement}”")
        blocks += [Heading(3, f"{r.claim.id} ({r.claim.reference})"),
                   Bullets((f"{bold('Paper says:')} {says}",
                            f"{bold('ganeq finds:')} {r.claim.erratum}",
                            f"{bold('Evidence:')} {evidence(r)}"))]
    return blocks


def figure_caption(number: int, info: FigureInfo) -> str:
    what = ("ganeq's own figure" if info.paper_figure == "ganeq's own"
            else f"reproduces {info.paper_figure}")
    return f"{bold(f'Figure {number}')} ({what}; {code(info.name)}). {info.caption}"


def figure_blocks(run: Run) -> list[Block]:
    if not run.figures:
        return []
    blocks: list[Block] = [Heading(2, "Figures")]
    for number, (info, drawn) in enumerate(run.figures, 1):
        blocks.append(Image(f"figures/{info.name}.png", drawn.files["png"], info.name,
                            figure_caption(number, info)))
    return blocks


def table_blocks(run: Run) -> list[Block]:
    if not run.tables:
        return []
    blocks: list[Block] = [Heading(2, "Tables")]
    for name, text in run.tables.items():
        parts = blocks_from_markdown(text)
        if parts and isinstance(parts[0], Paragraph):  # the table's title line
            parts[0] = Heading(3, parts[0].text)
        blocks += parts + [Paragraph(f"Recompute with {code(f'ganeq table {name}')}.")]
    return blocks


def provenance_blocks(p: dict) -> list[Block]:
    git = p.get("git") or {}
    commit = (f"{git['commit']}{' (with uncommitted changes)' if git.get('dirty') else ''}"
              if git else "not a git checkout")
    packages = ", ".join(f"{k} {v}" for k, v in p["packages"].items() if v)
    m = p["machine"]
    devices = ", ".join(m["jax_devices"] or []) or "JAX not used"
    return [Heading(2, "Provenance"), Bullets((
        f"ganeq {p['ganeq']}, commit {code(commit)}",
        f"command: {code(' '.join(p['command']))}; seed {p['seed']}, "
        f"{plural(p['samples'], 'random instance')} per claim",
        memo_line(p),
        f"started {p['started']} (UTC), run time {p['seconds']} s",
        f"Python: {p['python']}; packages: {packages}",
        f"machine: {m['system']}; {m['cpu']}; {m['cpus']} CPUs; JAX devices: {devices}",
    ))]


def memo_line(p: dict) -> str:
    """What the run read from the memo (:mod:`verifiers.memo`): the claims never are."""
    if not p.get("memo"):
        return "memo: off (every figure, table and experiment computed in this run)"
    recalled = p.get("recalled", [])
    read = (f"read from it, as an earlier run with the same code and libraries left them: "
            f"{', '.join(recalled)}" if recalled else "nothing read from it")
    return f"memo: {code(p['memo'])}; {read} (claims are always checked afresh)"


def report_blocks(run: Run) -> list[Block]:
    """The whole report, in reading order."""
    return [Heading(1, TITLE), *summary(run), *failure_blocks(run), *skipped_blocks(run),
            *paper_sections(run), *errata(run), *figure_blocks(run), *table_blocks(run),
            *provenance_blocks(run.provenance)]
