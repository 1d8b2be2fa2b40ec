"""Lists in and out of the registry: CSV and JSON Lines imports, exports, FollowTheMoney."""
