import Foundation

/// `made demo`: a workspace built from SampleData, then everything that exists run on it.
public struct Demo {
  /// The reference files of SampleData and how to load them.
  static let referenceFiles: [(kind: ReferenceKind, file: String, year: Int?)] = [
    (.wards, "wards.csv", nil),
    (.lsoaWards, "lsoa11-wards.csv", nil),
    (.lsoaWards, "lsoa-wards.csv", nil),
    (.postcodes, "postcodes.csv", nil),
    (.population, "population.csv", 2022),
    (.offences, "offences.csv", nil),
    (.methodRules, "method-rules.csv", nil),
    (.exclusionReasons, "exclusion-reasons.csv", nil),
    (.schools, "schools.csv", nil),
    (.boundaries, "ward-boundaries.geojson", nil),
    (.boundaries, "district-boundaries.geojson", nil),
  ]

  static let marker = ".made-demo"

  /// Finds SampleData: the given path, else `./SampleData`, else beside the executable's
  /// package (`.build/<config>/made` → `SampleData`).
  public static func locateSampleData(_ given: String?) throws -> URL {
    let manager = FileManager.default
    var candidates: [URL] = []
    if let given { candidates.append(URL(fileURLWithPath: given)) }
    candidates.append(
      URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent("SampleData"))
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<5 {
      candidates.append(folder.appendingPathComponent("SampleData"))
      folder = folder.deletingLastPathComponent()
    }
    for candidate in candidates
    where manager.fileExists(atPath: candidate.appendingPathComponent("reference").path) {
      return candidate
    }
    throw UsageError(
      "cannot find SampleData (looked in \(candidates.map(\.path).joined(separator: ", "))); "
        + "run from the repository or pass --sample-data PATH")
  }

  public struct Summary {
    public var references: [(String, Int)] = []
    public var outcomes: [FileOutcome] = []
    public var indicatorValues = 0
    /// The indicator packs written to `packs/`.
    public var packs: [URL] = []
  }

  /// Builds the workspace at `directory` (replacing an earlier demo there) and runs it.
  public static func run(
    sampleData: URL, directory: URL, progress: (any ProgressReporter)?,
    log: (String) -> Void
  ) throws -> Summary {
    let manager = FileManager.default
    if manager.fileExists(atPath: directory.path) {
      let contents = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
      guard contents.isEmpty || contents.contains(marker) else {
        throw UsageError(
          "\(directory.path) exists and is not an earlier demo; choose another folder: "
            + "made demo DIR")
      }
      try manager.removeItem(at: directory)
    }
    let workspace = Workspace(root: directory)
    let catalog = try FeedCatalog()
    try workspace.create(feeds: catalog.names)
    try "made demo workspace: safe to delete\n".write(
      to: directory.appendingPathComponent(marker), atomically: true, encoding: .utf8)
    log("Created workspace \(directory.path)")

    // Partner deliveries into the inbox, as a nightly transfer would leave them.
    let sampleInbox = sampleData.appendingPathComponent("inbox")
    for feed in (try? manager.contentsOfDirectory(atPath: sampleInbox.path))?.sorted() ?? [] {
      let from = sampleInbox.appendingPathComponent(feed)
      let to = workspace.inbox.appendingPathComponent(feed)
      try manager.createDirectory(at: to, withIntermediateDirectories: true)
      for name in try manager.contentsOfDirectory(atPath: from.path).sorted() {
        try manager.copyItem(
          at: from.appendingPathComponent(name), to: to.appendingPathComponent(name))
      }
    }

    var pipeline = try Pipeline(workspace: workspace)
    pipeline.progress = progress
    var summary = Summary()
    for reference in referenceFiles {
      let path = sampleData.appendingPathComponent("reference").appendingPathComponent(
        reference.file)
      // The demo's maps show the neighbouring wards and districts for context.
      let rows =
        reference.kind == .boundaries
        ? try pipeline.loadBoundaries(path: path.path, neighbours: true).stored
        : try pipeline.loadReference(reference.kind, path: path.path, year: reference.year)
      summary.references.append(("\(reference.kind.rawValue) \(reference.file)", rows))
      log("Loaded reference \(reference.kind.rawValue) from \(reference.file): \(rows) rows")
    }
    summary.outcomes = try pipeline.ingest(paths: [], feed: nil)
    summary.indicatorValues = try pipeline.aggregate().valuesTotal
    summary.packs = try pipeline.export()
    return summary
  }
}
