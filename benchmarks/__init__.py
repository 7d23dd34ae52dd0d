"""Benchmarks: ``python -m benchmarks`` (``make bench``) runs every module."""
