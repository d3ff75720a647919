"""Benchmark suite: `python -m benchmarks [--quick]`. See benchmarks/README.md."""
