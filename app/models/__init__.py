"""Qt item models over the repositories and queries (no SQL here)."""
