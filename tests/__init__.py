"""Test suite (a package, so tests/importers does not shadow the importers package)."""
