"""Writes of the communities app, one module per part: areas (and membership),
discussions, workspace (shared files and project spaces)."""
