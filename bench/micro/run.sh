#!/usr/bin/env bash
# BenchmarkDotNet micro-benchmarks of single pieces of the hot path (CPU and bytes allocated per operation).
#   bench/micro/run.sh                      every benchmark, short job (about 3 minutes)
#   bench/micro/run.sh --filter '*Chunk*'   some; any BenchmarkDotNet argument works (--job default for precise figures)
# Results: bench/micro/BenchmarkDotNet.Artifacts/results/ (not checked in). Allocations are exact; times move with
# the machine's load (say how loaded it was, `uptime`, with any figure).
set -euo pipefail
cd "$(dirname "$0")"
args=("$@"); [[ ${#args[@]} -gt 0 ]] || args=(--filter '*')
exec dotnet run -c Release -- --job short --inProcess "${args[@]}"
