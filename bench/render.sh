#!/usr/bin/env bash
# Renders a generated site of 500 machines over 100 sets and prints machines/second.
# Usage: bench/render.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -o -pl zentoo-maven-plugin test-compile
java -cp zentoo-maven-plugin/target/classes:zentoo-maven-plugin/target/test-classes \
  org.zentoo.render.RenderBenchmark "${1:-5}"
