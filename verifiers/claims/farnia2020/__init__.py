"""Claims of farnia2020, one module per section."""
