"""Claims of mescheder2018, one module per section."""
