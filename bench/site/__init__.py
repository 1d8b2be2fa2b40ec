"""The public site under load: synthetic registry, `rollcall serve`, many concurrent clients."""
