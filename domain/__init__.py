"""Keyhold's business rules: pure Python, no I/O (see docs/architecture.md)."""
