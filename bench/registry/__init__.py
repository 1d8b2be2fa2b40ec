"""The registry benchmark: import, custody rebuild and stats at 10k–100k people.

Run it with `python -m bench.registry` (see `bench/registry/__main__.py` and docs/benchmarks.md).
"""
