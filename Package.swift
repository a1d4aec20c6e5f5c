// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "MADE",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "made", targets: ["made"]),
    .library(name: "MADE", targets: ["MADE"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CSQLite", path: "Sources/CSQLite",
      providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(
      name: "CMadeZlib", path: "Sources/CMadeZlib",
      providers: [.apt(["zlib1g-dev"])]),
    .target(
      name: "MADE",
      dependencies: [
        "CSQLite", "CMadeZlib",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      // The pages' stylesheets are CSS files, embedded like the schemas (`PackageResources`).
      resources: [
        .embedInCode("Schemas"), .embedInCode("Export/Report/report.css"),
        .embedInCode("Docs/data-dictionary.css"),
      ],
      swiftSettings: [
        // The ingest hot path mutates batch buffers held by classes; dynamic exclusivity
        // checks on each access cost ~5% of ingest time in release builds (perf, 200k rows).
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),
    .executableTarget(
      name: "made",
      dependencies: [
        "MADE",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .testTarget(
      name: "MADETests",
      // `made` too: the exit-code and crash tests run the built executable.
      dependencies: [
        "MADE", "made", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]
    ),
  ],
  swiftLanguageModes: [.v6]
)
