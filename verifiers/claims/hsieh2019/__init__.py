"""Claims of hsieh2019, one module per section."""
