import Foundation

/// What nightly's stages did (`Pipeline.nightlyStages`), for the run report.
struct NightlyStages {
  var outcomes: [FileOutcome]
  var purged: [Warehouse.PurgeResult]
  var summary: Aggregator.Summary
  var packs: [URL]
  /// Packs left as they were because their figures had not changed.
  var packsUnchanged: Int
  /// Why packs whose figures changed could not be written.
  var packsNotWritten: [String]
  /// Why no packs were written although values changed (nothing complete yet), if so.
  var exportNote: String?
}

/// Seconds spent in each stage of a nightly run, by stage name.
final class StageTimings {
  private(set) var seconds: [String: Double] = [:]

  func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
    let start = Date()
    defer { seconds[stage] = Date().timeIntervalSince(start) }
    return try body()
  }
}

extension Pipeline {
  /// Nightly's export: packs are built when values or pack settings changed since `packs/`
  /// was written in full, or an export stopped halfway, or someone emptied `packs/` or
  /// removed or altered a pack it wrote; of those, only packs whose figures changed (or whose
  /// file is missing or altered) are written. Returns the packs written, how many were left
  /// as they were, and why there are none when the export had nothing complete to publish
  /// yet.
  func exportWhenStale(timings: StageTimings) throws -> (
    packs: [URL], unchanged: Int, notWritten: [String], note: String?
  ) {
    let warehouse = try workspace.openWarehouse()
    let recorded = try warehouse.packFiles()
    let packsMissing =
      !((try? FileManager.default.contentsOfDirectory(
        atPath: workspace.packs.path))?.contains { $0.hasSuffix(".zip") } ?? false)
      || !PackFileCheck.problems(with: recorded, in: workspace.packs).isEmpty
    guard try !warehouse.packsAreCurrent(settings: packSettings) || packsMissing else {
      return ([], 0, [], nil)
    }
    do {
      let outcome = try timings.time("export") {
        try PackExport(pipeline: self).run(area: nil, period: nil, to: nil, onlyChanged: true)
      }
      return (outcome.written, outcome.unchanged.count, outcome.notWritten, nil)
    } catch let error as Exporter.RequestError {
      return ([], 0, [], error.description)  // nothing complete to publish yet
    }
  }
}
