"""The Dirac-GAN of Mescheder, Geiger & Nowozin (2018), Definition 2.1:
p_θ = δ_θ, p_D = δ_0, D_ψ(x) = ψ x, objective L(θ, ψ) = f(ψθ) + f(0) (eq. (1))."""
