"""GANs whose data and generator live on lower-dimensional manifolds (Mescheder et al. 2018,
Section 4.2 and supplements D, E), with exact expectations.

* :mod:`~theory.manifold_gan.families`: model families (data on a line, a segment, a circle
  or a point of R²; location, rotation-scale and over-parameterised linear generators;
  tanh-MLP, quadratic- and affine-feature discriminators) with a constructed equilibrium
  (θ*, ψ*) and charts of the reparameterisation manifolds M_G, M_D (eq. (12));
* :mod:`~theory.manifold_gan.fields`: the objective (eq. (107)), the penalties R1, R2
  (eqs. (114)–(115)) and R3 (eq. (139)), the fields v, ṽ (eqs. (106), (116)) and the
  closed forms of Lemmas D.1–D.4 and E.1;
* :mod:`~theory.manifold_gan.spectra`: tangent and normal spaces of M_G × M_D, the Jacobian
  restricted to the normal space, the SimGD/AltGD update Jacobians (Lemmas A.4, A.5) and
  simulated iterates with the residual distance to M_G × M_D.

Every expectation is a finite weighted sum over atoms (Dirac data, or Gauss–Legendre nodes,
exact for the polynomial integrands of the feature families), so every quantity is computed
exactly up to float64 rounding, by JAX automatic differentiation.
"""
