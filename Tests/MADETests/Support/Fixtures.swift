import Foundation

/// Files under `Tests/MADETests/Fixtures/`, copied into the test bundle.
enum Fixtures {
  /// The URL of a fixture, e.g. `Fixtures.url("csv/bom-and-crlf.csv")`.
  static func url(_ relativePath: String) -> URL {
    guard let root = Bundle.module.resourceURL?.appendingPathComponent("Fixtures") else {
      fatalError("the test bundle has no Fixtures folder")
    }
    return root.appendingPathComponent(relativePath)
  }
}
