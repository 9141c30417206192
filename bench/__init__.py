"""Load and scale benchmarks: ``python -m bench.run`` (``make bench``); see README.md."""
