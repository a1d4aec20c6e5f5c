import Foundation
import Testing

@testable import MADE

/// `made docs` writes Datasette's `metadata.json`: served by Datasette itself (the Python
/// package, installed by `scripts/install-test-tools`), the warehouse's pages show the
/// dictionary's descriptions. Without Datasette the test is reported as skipped; CI
/// (`MADE_REQUIRE_TEST_TOOLS=1`) requires it.
@Suite struct DatasetteMetadataTests {
  static var datasette: URL {
    TestTool.executable("datasette")
  }
  static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: datasette.path) }
  static var isRequired: Bool {
    ProcessInfo.processInfo.environment["MADE_REQUIRE_TEST_TOOLS"] == "1"
  }

  /// The page Datasette serves at `path` (`datasette --get`, no server started).
  func page(_ path: String, warehouse: URL, metadata: URL) throws -> String {
    let (status, text) = try TestTool.run(
      Self.datasette, [warehouse.path, "--metadata", metadata.path, "--get", path])
    #expect(status == 0, "\(text)")
    return text
  }

  @Test func theMetadataDescribesEveryTableViewAndColumnTheDictionaryDoes() throws {
    let dictionary = try DataDictionary.build(
      feeds: try FeedCatalog(), indicators: try IndicatorCatalog.builtIn())
    let json = try #require(
      try JSONSerialization.jsonObject(
        with: try dictionary.datasetteMetadata(title: "Lancashire VRN", licence: "OGL-UK-3.0"))
        as? [String: Any])
    #expect(
      json["title"] as? String == "Lancashire VRN" && json["license"] as? String == "OGL-UK-3.0")
    let databases = try #require(json["databases"] as? [String: [String: Any]])
    let tables = try #require(databases["warehouse"]?["tables"] as? [String: [String: Any]])
    #expect(Set(tables.keys) == Set(dictionary.tables.map(\.name)))
    for table in dictionary.tables {
      let described = try #require(tables[table.name])
      #expect((described["description"] as? String)?.hasSuffix(table.description) == true)
      let columns = described["columns"] as? [String: String] ?? [:]
      #expect(Set(columns.keys) == Set(table.columns.map(\.name)), "\(table.name)")
    }
    // No licence set: none claimed.
    let unlicensed =
      try JSONSerialization.jsonObject(
        with: try dictionary.datasetteMetadata(title: "x", licence: nil)) as? [String: Any]
    #expect(unlicensed?["license"] == nil)
  }

  @Test(
    .enabled(
      if: isInstalled || isRequired, "datasette is not installed: run scripts/install-test-tools"))
  func datasetteShowsTheDescriptions() throws {
    let test = try AggregatorPeriodTests().loaded()
    _ = try test.pipeline.aggregate()
    let docs = test.root.appendingPathComponent("docs")
    let dictionary = try DataDictionary.build(
      feeds: try FeedCatalog(), indicators: try IndicatorCatalog.builtIn())
    let written = try dictionary.write(to: docs, title: "Test VRN", licence: nil)
    let metadata = try #require(
      written.first { $0.lastPathComponent == DataDictionary.datasetteMetadataFileName })
    let warehouse = test.root.appendingPathComponent("warehouse.sqlite")
    // A view's description and a column's, as Datasette shows them.
    let hotspots = try page("/warehouse/v_hotspots", warehouse: warehouse, metadata: metadata)
    #expect(
      hotspots.contains(
        "One row per ward and quarter or financial year: the multi-agency hotspot count"))
    #expect(hotspots.contains("The count of serious-violence offences behind"))
    let values = try page("/warehouse/indicator_values", warehouse: warehouse, metadata: metadata)
    #expect(values.contains("never publish them from here"))
    let index = try page("/", warehouse: warehouse, metadata: metadata)
    #expect(index.contains("Test VRN") && index.contains("for analysis only"))
  }
}
