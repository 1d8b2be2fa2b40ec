"""The audit trail: who changed which registry record, when, and from what."""
