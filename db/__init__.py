"""The tracker's data and domain layer: pure Python, never imports Qt."""
