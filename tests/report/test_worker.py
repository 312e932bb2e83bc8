"""The spawn worker: figures drawn there have the same bytes as drawn here, claims it helps
with have the same certificates, a whole quick report shows every figure, and no worker
outlives its parent (slow: they draw real figures)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from figures import all_figures, save
from verifiers import cli
from verifiers.registry import registry
from verifiers.report.check_html import figure_count, problems
from verifiers.report.claims import run_claims
from verifiers.report.exhibits import QUICK_FORMATS, start

pytestmark = pytest.mark.slow
FIGURE = "mescheder2018_fig2"


def test_worker_draws_the_same_bytes(tmp_path):
    drawn, tables, failures, recalled = start([FIGURE], [], seed=0, quick=True).collect()
    here = save(all_figures()[FIGURE].draw(seed=0, quick=True), tmp_path, FIGURE,
                QUICK_FORMATS)
    assert tables == failures == {} and recalled == [] and [d.name for d in drawn] == [FIGURE]
    assert drawn[0].files == {p.suffix[1:]: p.read_bytes() for p in here}


def test_worker_helps_with_the_claims_and_changes_no_certificate():
    claims = [registry.get(i) for i in ("mescheder2018.lemma3.2", "farnia2020.eq7.printed",
                                        "hsieh2019.lifting", "mescheder2018.lemmaA.4")]
    alone = run_claims(claims, 1, 3, progress=False)
    with start([FIGURE], [], seed=0, quick=True, units=len(claims)) as worker:
        helped = run_claims(claims, 1, 3, progress=False, helper=worker)
        # its progress bars would overwrite ours: the worker's Python stderr is discarded
        assert worker.pool.submit(eval, "__import__('sys').stderr.name").result() == os.devnull
        worker.help()
        drawn, _, failures, _ = worker.collect()
        flags = list(worker.taken)
    assert [[c.to_dict() | {"seconds": 0} for c in r.certificates] for r in helped] == \
        [[c.to_dict() | {"seconds": 0} for c in r.certificates] for r in alone]
    assert set(flags) <= {1, 2} and len(flags) == 5  # the figure, then 4 units: all taken
    assert [d.name for d in drawn] == [FIGURE] and failures == {}


def test_quick_report_shows_every_figure(tmp_path):
    out = tmp_path / "results"
    argv = ["reproduce", "--quick", "--samples", "0", "--only", "mescheder2018.lemma3.2",
            "--out", str(out), "--gallery", str(tmp_path / "docs")]
    assert cli.main(argv) == 0
    assert problems(out / "REPORT.html") == []
    assert figure_count(out / "REPORT.html") == len(all_figures())
    gallery = (tmp_path / "docs" / "gallery.md").read_text(encoding="utf-8")
    for name in all_figures():
        assert (tmp_path / "docs" / "gallery" / f"{name}.png").is_file()
        assert f"gallery/{name}.png" in gallery
    assert "Table 1" in (out / "REPORT.md").read_text(encoding="utf-8")


CHILD = textwrap.dedent("""
    import time
    from verifiers.report.exhibits import start

    exhibits = start(["mescheder2018_fig3"], [], seed=0, quick=False)
    while not exhibits.pool._processes:
        time.sleep(0.1)
    print(*exhibits.pool._processes, flush=True)
    with exhibits:
        time.sleep(600)
""")


def _gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_no_worker_outlives_its_parent(how):
    """Killed (the watchdog ends the worker) or interrupted (``close`` terminates it)."""
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    try:
        worker = int(child.stdout.readline())
        child.send_signal(how)
        child.wait(30)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    assert _gone(worker)
