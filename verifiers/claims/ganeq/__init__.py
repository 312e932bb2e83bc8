"""Claims of ganeq, one module per section."""
