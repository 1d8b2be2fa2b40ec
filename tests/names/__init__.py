"""Tests of the name matcher, rollcall/names.

One file per module, named after it (test_parse.py tests parse.py, and so on); resources.py's
tables are read through the modules that use them. Besides those, a few files hold a class of
matching errors each, checked on whole names through `score()` and `NameIndex`:
test_lookalikes_and_typos.py, test_written_slips.py, test_given_name_slips.py,
test_diminutives_and_readings.py and test_yo_endings.py.
"""
