// swift-tools-version: 6.0
// Coverage-guided fuzzing of every reader family with libFuzzer. Build and
// run with Scripts/fuzz.sh; the targets are chosen with IONICS_FUZZ_TARGET.
import PackageDescription

let package = Package(
  name: "IonicsFuzz",
  platforms: [.macOS(.v15)],
  dependencies: [.package(name: "ionics", path: "..")],
  targets: [
    .executableTarget(
      name: "IonicsFuzz",
      dependencies: [
        .product(name: "Workflows", package: "ionics"),
        .product(name: "IonicsCore", package: "ionics"),
        .product(name: "Impedance", package: "ionics"),
        .product(name: "Cycling", package: "ionics"),
        .product(name: "Crystal", package: "ionics"),
        .product(name: "Diffraction", package: "ionics"),
        .product(name: "Thermal", package: "ionics"),
        .product(name: "Conductivity", package: "ionics"),
        .product(name: "Spectroscopy", package: "ionics"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
