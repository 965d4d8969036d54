// swift-tools-version:6.0
// Ionics: the computational side of solid-state ion-conductor research.
import PackageDescription

let package = Package(
  name: "ionics",
  products: [
    .executable(name: "ionics", targets: ["ionics"]),
    .library(name: "IonicsCore", targets: ["IonicsCore"]),
    .library(name: "IonicsNumerics", targets: ["IonicsNumerics"]),
    .library(name: "Impedance", targets: ["Impedance"]),
    .library(name: "Plots", targets: ["Plots"]),
    .library(name: "Conductivity", targets: ["Conductivity"]),
    .library(name: "Crystal", targets: ["Crystal"]),
    .library(name: "Diffraction", targets: ["Diffraction"]),
    .library(name: "Spectroscopy", targets: ["Spectroscopy"]),
    .library(name: "Cycling", targets: ["Cycling"]),
    .library(name: "Report", targets: ["Report"]),
    .library(name: "Migration", targets: ["Migration"]),
    .library(name: "Thermal", targets: ["Thermal"]),
    .library(name: "Workflows", targets: ["Workflows"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.0"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    // Only for `swift package generate-documentation`; nothing links it.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
  ],
  targets: [
    .target(
      name: "IonicsCore",
      dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    // Named IonicsNumerics (not Numerics as in DESIGN.md) because swift-numerics
    // already declares a target called Numerics and SwiftPM needs unique names.
    .target(
      name: "IonicsNumerics",
      dependencies: [
        "IonicsCore",
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .target(name: "Crystal", dependencies: ["IonicsCore"]),
    .target(
      name: "Diffraction",
      dependencies: [
        "Crystal", "IonicsCore", "IonicsNumerics",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(
      name: "Cycling",
      dependencies: [
        "IonicsCore", "IonicsNumerics", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .target(
      name: "Conductivity",
      dependencies: [
        "IonicsCore", "IonicsNumerics", "Impedance",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    .target(
      name: "Impedance",
      dependencies: [
        "IonicsCore",
        "IonicsNumerics",
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .target(name: "Plots", dependencies: ["IonicsCore"]),
    .target(name: "Thermal", dependencies: ["IonicsCore", "IonicsNumerics"]),
    .target(name: "Spectroscopy", dependencies: ["IonicsCore", "IonicsNumerics"]),
    .target(
      name: "Migration",
      dependencies: [
        "Crystal", "IonicsCore", "IonicsNumerics",
        .product(name: "HeapModule", package: "swift-collections"),
      ]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .target(
      name: "Report",
      dependencies: ["Conductivity", "Impedance", "IonicsCore", "Plots"]
    ),
    .target(
      name: "Workflows",
      dependencies: [
        "IonicsCore", "IonicsNumerics", "Impedance", "Conductivity", "Crystal", "Diffraction",
        "Cycling", "Migration", "Plots", "Report", "Thermal", "Spectroscopy",
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]
    ),
    .executableTarget(
      name: "ionics",
      dependencies: [
        "Workflows",
        "IonicsCore",
        "IonicsNumerics",
        "Impedance",
        "Conductivity",
        "Crystal",
        "Diffraction",
        "Cycling",
        "Migration",
        "Plots",
        "Report",
        "Thermal",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "ThermalTests",
      dependencies: ["Thermal", "IonicsCore", "IonicsNumerics", "TestSupport"]),
    .testTarget(
      name: "IonicsCoreTests",
      dependencies: [
        "TestSupport",
        "IonicsCore",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "IonicsNumericsTests",
      dependencies: [
        "IonicsNumerics",
        .product(name: "ComplexModule", package: "swift-numerics"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "ConductivityTests",
      dependencies: [
        "TestSupport",
        "Conductivity", "IonicsCore", "IonicsNumerics", "Impedance",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "CyclingTests",
      dependencies: [
        "TestSupport", "Cycling", "IonicsCore",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .testTarget(
      name: "DiffractionTests",
      dependencies: [
        "TestSupport", "Diffraction", "Crystal", "IonicsCore",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    .testTarget(
      name: "CrystalTests",
      dependencies: [
        "TestSupport",
        "Crystal", "IonicsCore",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      // Read through #filePath, not bundled.
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "ImpedanceTests",
      dependencies: [
        "TestSupport",
        "Impedance",
        "IonicsCore",
        "IonicsNumerics",
        .product(name: "ComplexModule", package: "swift-numerics"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .testTarget(name: "PlotsTests", dependencies: ["Plots"]),
    .testTarget(
      name: "MigrationTests",
      dependencies: ["Migration", "IonicsCore", "Crystal", "Plots", "TestSupport"]),
    .testTarget(
      name: "ReportTests",
      dependencies: ["Report", "Conductivity", "Impedance", "IonicsCore", "Plots"]
    ),
    .testTarget(name: "SpectroscopyTests", dependencies: ["Spectroscopy", "IonicsCore", "TestSupport"]),
    .testTarget(
      name: "WorkflowsTests",
      dependencies: [
        "Workflows", "IonicsCore", "TestSupport", "Report", "Plots", "Conductivity", "Cycling", "Thermal",
        "Impedance", "Crystal", "Diffraction",
      ],
      // Read through #filePath, not bundled.
      exclude: ["DataTree"]),
    .testTarget(
      name: "ionicsTests", dependencies: ["ionics", "TestSupport"],
      // Read through #filePath, not bundled.
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
