"""Forms of the communities app, one module per part."""
