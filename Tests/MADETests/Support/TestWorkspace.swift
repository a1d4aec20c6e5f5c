import Foundation

@testable import MADE

/// A workspace in a temporary folder with the small reference fixtures loaded (two area
/// districts, Preston E07000123 and Chorley E07000118, and Wigan E08000010 outside).
final class TestWorkspace {
  let root: URL
  let workspace: Workspace
  private(set) var pipeline: Pipeline

  init(loadReference: Bool = true, config: Config? = nil, root: URL? = nil) throws {
    self.root =
      root
      ?? FileManager.default.temporaryDirectory
      .appendingPathComponent("made-test-\(UUID().uuidString)")
    workspace = Workspace(root: self.root)
    try workspace.create(config: config ?? .default, feeds: try FeedCatalog().names)
    pipeline = try Pipeline(workspace: workspace)
    if loadReference {
      for (kind, file, year) in [
        (ReferenceKind.wards, "wards.csv", nil), (.lsoaWards, "lsoa11-wards.csv", nil),
        (.lsoaWards, "lsoa-wards.csv", nil), (.postcodes, "postcodes.csv", nil),
        (.population, "population.csv", 2022), (.offences, "offences.csv", nil),
        (.methodRules, "method-rules.csv", nil), (.schools, "gias-schools.csv", nil),
        (.exclusionReasons, "exclusion-reasons.csv", nil),
      ] as [(ReferenceKind, String, Int?)] {
        _ = try pipeline.loadReference(
          kind, path: Fixtures.url("reference/\(file)").path, year: year)
      }
    }
  }

  deinit {
    try? FileManager.default.removeItem(at: root)
  }

  /// Ingests one fixture file (by path relative to Fixtures/, or an absolute path).
  @discardableResult
  func ingest(_ fixture: String, feed: String? = "police-uk") throws -> FileOutcome {
    let path = fixture.hasPrefix("/") ? fixture : Fixtures.url(fixture).path
    let outcomes = try pipeline.ingest(paths: [path], feed: feed)
    return outcomes[0]
  }

  func warehouse() throws -> Warehouse { try workspace.openWarehouse() }

  /// The integer result of a query.
  func count(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
    try warehouse().scalar(sql, arguments)?.int ?? -1
  }

  func strings(_ sql: String) throws -> [String] {
    try warehouse().query(sql).map { $0.map { $0.string ?? "NULL" }.joined(separator: "|") }
  }

  func rejectLines(_ outcome: FileOutcome) throws -> [String] {
    try warehouse().rejectLines(fileID: outcome.fileID!)
  }

  /// A file in the workspace's temporary folder.
  func temporaryFile(_ name: String, contents: Data) throws -> String {
    let url = root.appendingPathComponent("tmp-\(name)")
    try contents.write(to: url)
    return url.path
  }
}

/// Every byte of a warehouse as it lies on disk: the database, its WAL and shared-memory
/// files (for tests that prove a value is stored nowhere).
func warehouseBytes(_ warehouse: URL) -> Data {
  var bytes = Data()
  for suffix in ["", "-wal", "-shm"] {
    if let data = FileManager.default.contents(atPath: warehouse.path + suffix) {
      bytes.append(data)
    }
  }
  return bytes
}

/// The data.police.uk header and a row like the fixtures' (for generated files).
enum PoliceUKRows {
  static let header =
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    + "Crime type,Last outcome category,Context"

  static func row(
    _ number: Int, location: String = "On or near High Street", month: String = "2025-01",
    lsoa: String = "E01900001", crimeType: String = "Violence and sexual offences"
  ) -> String {
    let id = String(format: "%064x", number)
    let point = lsoa.isEmpty ? "," : "-2.700000,53.760000"
    return
      "\(id),\(month),Lancashire Constabulary,Lancashire Constabulary,\(point),"
      + "\(location),\(lsoa),,\(crimeType),Under investigation,"
  }
}

/// Runs the built `made` with `arguments`; returns its exit status and what it printed.
/// `through` names a command (and its arguments) that runs `made`, such as `setpriv`.
func runMade(_ arguments: [String], through wrapper: [String] = []) throws -> (
  status: Int32, out: String, err: String
) {
  let process = Process()
  if wrapper.isEmpty {
    process.executableURL = CrashSafetyTests.madeExecutable
    process.arguments = arguments
  } else {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = wrapper + [CrashSafetyTests.madeExecutable.path] + arguments
  }
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  // Read both to the end before waiting, so that a full pipe cannot block the child.
  let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output, errors)
}

/// A minimal feed schema keyed by its period field `D` (a required date), with one more field
/// given as its JSON object: for tests of what a schema may say.
func feedSpec(withField field: String) throws -> FeedSpec {
  let json = """
    {"name": "x", "title": "x", "partnerType": "x", "table": "x", "periodField": "D",
     "primaryKey": ["D"],
     "fields": [
       {"name": "D", "column": "d", "type": "date", "constraints": {"required": true}},
       \(field)]}
    """
  return try JSONDecoder().decode(FeedSpec.self, from: Data(json.utf8))
}
