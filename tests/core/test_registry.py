"""The whole registry: every claim well-formed, admissible on its defaults and
random instances, giving its expected verdict. (Refutation by a perturbed formula:
``tests/core/test_rules.py``.)"""

import dataclasses
import re
from pathlib import Path

import jax.numpy as jnp
import pytest
from hypothesis import HealthCheck, given, settings

from tests import golden
from tests.examples import examples
from verifiers import Verdict, check, registry

CLAIMS = list(registry)
IDS = [c.id for c in CLAIMS]
ID_PATTERN = re.compile(r"^(mescheder2018|farnia2020|hsieh2019|ganeq\.[a-z0-9_]+)\.[A-Za-z0-9_.]+$")
TESTS = Path(__file__).resolve().parents[1]


def test_registry_is_not_empty_and_ids_are_unique():
    assert len(IDS) == len(set(IDS)) > 0


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_claim_is_well_formed(claim):
    assert ID_PATTERN.match(claim.id), claim.id
    assert claim.reference and claim.statement.endswith(".")
    assert len({p.name for p in claim.params}) == len(claim.params)
    if claim.expected is Verdict.REFUTED:
        assert claim.erratum, "a claim expected to be refuted must say what the paper got wrong"
    claim.validate(claim.defaults())


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_defaults_and_random_instances_give_the_expected_verdict(claim):
    if claim.slow:
        pytest.skip("slow claim: checked by `make test-all` and `ganeq reproduce`")
    certs = golden.certificates(claim)
    for cert in certs:
        assert cert.verdict is claim.expected_for(cert.params), str(cert)
        assert cert.to_json()
    golden.assert_pinned(claim.id, certs)  # their numbers too (tests/golden)


@pytest.mark.parametrize("claim", CLAIMS, ids=IDS)
def test_strategy_draws_admissible_parameters(claim):
    @settings(max_examples=examples(10), suppress_health_check=list(HealthCheck), deadline=None)
    @given(claim.strategy())
    def admissible(params):
        claim.validate(params)

    admissible()


def _refuted_in_tests() -> set[str]:
    pattern = re.compile(r"refutes\(\s*[\"']([^\"']+)[\"']")
    found = set()
    for path in TESTS.rglob("test_*.py"):
        found.update(pattern.findall(path.read_text()))
    return found


def test_refutes_markers_name_registered_claims():
    unknown = sorted(_refuted_in_tests() - set(IDS))
    assert not unknown, f"refutes(...) names unregistered claims: {unknown}"


def test_unknown_claim_and_parameter_are_value_errors():
    with pytest.raises(ValueError, match="is not registered"):
        check("mescheder2018.lemma9.9")
    with pytest.raises(ValueError, match="has no parameter 'tau'"):
        check(IDS[0], tau=1.0)


def test_results_are_float64():
    assert jnp.zeros(2).dtype == jnp.float64
    assert jnp.asarray(1.0).dtype == jnp.float64
    cert = check("mescheder2018.lemma3.2", sigma=0.5)
    assert isinstance(cert.margin, float) and isinstance(cert.tolerance, float)


def test_a_failing_solver_gives_an_inconclusive_certificate_not_a_crash():
    def broken(**params):
        raise RuntimeError("HiGHS failed")

    claim = dataclasses.replace(registry.get("mescheder2018.lemma3.2"), checker=broken)
    cert = claim.check(sigma=0.5)
    assert cert.verdict is Verdict.INCONCLUSIVE and "HiGHS failed" in cert.witness["error"]
    with pytest.raises(ValueError, match="sigma"):
        claim.check(sigma=-1.0)
