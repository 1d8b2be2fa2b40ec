"""The words of one language that the extractor's finders read, kept apart from the machinery.

Each finder (countries, dates, numbers) matches with patterns built from a language module's lists,
so a Russian or Belarusian module can be added beside the English one without rewriting a finder.
"""
