"""Assertions on a claim's verdict shared by the topic tests."""

from verifiers.certificate import Certificate, Verdict
from verifiers.registry import registry


def assert_right_or_inconclusive(claim_id: str, **params) -> Certificate:
    """Check ``claim_id`` at ``params``: the verdict is the claim's expected verdict there (for
    the validated parameters) or ``inconclusive``, never another decisive one, and the
    certificate serialises. Returns the certificate."""
    claim = registry.get(claim_id)
    cert = claim.check(**params)
    assert cert.verdict in (claim.expected_for(cert.params), Verdict.INCONCLUSIVE), str(cert)
    assert cert.to_json()
    return cert
