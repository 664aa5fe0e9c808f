"""Benchmarks: throughput and accuracy against outside yardsticks (print ratios, not asserts)."""
