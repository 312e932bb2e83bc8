"""The Dirac-GAN of Mescheder, Geiger & Nowozin (2018), Definition 2.1:
p_θ = δ_θ, p_D = δ_0, D_ψ(x) = ψ x, objective L(θ, ψ) = f(ψθ) + f(0) (eq. (1)).

Modules, one per concern:

* :mod:`~theory.dirac.activations`: the f's (standard, wgan, scaled) and
  :func:`f_derivatives`;
* :mod:`~theory.dirac.objectives`: the objective of every variant;
* :mod:`~theory.dirac.fields`: the gradient vector fields (:func:`make_field`);
* :mod:`~theory.dirac.symbolic`: sympy fields and Jacobians for a generic f;
* :mod:`~theory.dirac.jacobians`: ``jacobian_symbolic`` / ``jacobian_autodiff``;
* :mod:`~theory.dirac.equilibrium`: closed-form Jacobians, eigenvalues and
  critical values at the equilibrium;
* :mod:`~theory.dirac.operators`: SimGD / AltGD update Jacobians and
  learning-rate thresholds (Lemmas 2.4, 2.5, A.4, A.5);
* :mod:`~theory.dirac.matrices`: the Appendix A.3 eigenvalue bounds.
"""

from theory import _config  # noqa: F401
from theory.dirac.activations import f_derivatives
from theory.dirac.fields import METHODS, make_field

__all__ = ["METHODS", "make_field", "f_derivatives"]
