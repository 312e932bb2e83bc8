"""``python -m verifiers.claims --write-index``: regenerate ``verifiers/claims/index.json``,
the claim index read by ``ganeq list`` and ``ganeq describe`` (see :mod:`verifiers.registry`)."""

import sys

from verifiers.registry import main

if __name__ == "__main__":
    sys.exit(main())
