"""Name-matching benchmark: Rollcall vs rapidfuzz and the OpenSanctions matcher.

Full run (100,000 people, >= 300,000 name variants):

    python -m bench.names

Reduced run for CI (well under 3 minutes on 2 cores):

    python -m bench.names --people 10000 --queries 500

See docs/names.md for what is measured and how the baselines are sampled.
"""
