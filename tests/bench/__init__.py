"""Benchmark scripts (not collected by pytest): python -m tests.bench <name>."""
