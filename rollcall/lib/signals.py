"""Signals sent by registry writers that bypass the models' own save and delete signals."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the writing transaction by bulk paths (raw INSERTs, bulk updates, the custody
# rebuild) that Django's post_save/post_delete never see, so that whatever derives from the
# registry (the cached figures: rollcall/stats/freshness.py) learns of the change in the same
# transaction as the change itself. No arguments besides the sender.
registry_written = Signal()
