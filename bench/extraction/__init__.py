"""Article-extraction benchmark: how many of the facts a person would take from an article
(`rollcall.extraction/1`: events, their dates, holding countries, release kinds, counts, people,
destinations, links and citizenships, and attributed estimates) `rollcall.extraction.extract` finds,
on hand-written synthetic articles with hand-made gold, and how fast.

    python -m bench.extraction                  # the dev set: P/R/F1 per fact kind, and speed
    python -m bench.extraction --set all        # dev and heldout (what scripts/test runs, ~5 s)
    python -m bench.extraction --verbose        # also each dev article's misses and false positives

The extractor is developed on `dev/` only; `heldout/` measures whether it generalises and is not
read while writing it (`--verbose` on it needs `--show-heldout`). Targets: F1 >= 0.90 on dev,
>= 20 articles of 1,000 words per second on one core. How facts are matched and counted:
bench/extraction/score.py; the sets: bench/extraction/README.md; docs/benchmarks.md.
"""
