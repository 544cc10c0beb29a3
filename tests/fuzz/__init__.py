"""Fuzz tests of typed input (a package so tests/ui can share its strategies)."""
