"""Reads of the communities app, one module per part, filtered by visibility."""
