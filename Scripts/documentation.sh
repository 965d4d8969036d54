#!/usr/bin/env bash
# Builds the DocC documentation of every library module into
# .build/plugins/Swift-DocC/outputs/MODULE.doccarchive (swift-docc-plugin);
# exits non-zero when a catalogue does not build. Open one with
#   swift package --disable-sandbox preview-documentation --target Impedance
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(IonicsCore IonicsNumerics Impedance Conductivity Crystal Diffraction Cycling Migration
  Thermal Spectroscopy Plots Report Workflows)
args=()
for m in "${modules[@]}"; do args+=(--target "$m"); done
swift package --disable-sandbox generate-documentation "${args[@]}" "$@"
