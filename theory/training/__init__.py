"""Training small GANs in JAX: networks (:mod:`.models`), data sets (:mod:`.data`),
objectives and regularisers (:mod:`.objectives`), optax optimisers
(:mod:`.optim`) and the batched training loop (:mod:`.loop`: a grid of seeds and
hyper-parameters compiled and run as one vmapped program)."""
