"""Name-matching benchmark: Rollcall vs rapidfuzz and the OpenSanctions matcher.

Two labelled-synthetic populations side by side: look-alike (no namesakes; synthetic.py)
and crowded (common surnames shared by hundreds, namesakes; crowded.py).

Full run (100,000 people and >= 300,000 name variants in each population):

    python -m bench.names

Reduced run for CI (well under 3 minutes on 2 cores):

    python -m bench.names --people 10000 --queries 500

See docs/names.md for what is measured and how the baselines are sampled.
"""
