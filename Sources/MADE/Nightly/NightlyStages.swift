import Foundation

/// What nightly's stages did (`Pipeline.nightlyStages`), for the run report.
struct NightlyStages {
  var outcomes: [FileOutcome]
  var purged: [Warehouse.PurgeResult]
  var summary: Aggregator.Summary
  var packs: [URL]
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
  /// Nightly's export: packs are written when values or pack settings changed since `packs/`
  /// was written in full, or an export stopped halfway, or someone emptied `packs/`. Returns
  /// the packs written, and why there are none when the export had nothing complete to
  /// publish yet.
  func exportWhenStale(timings: StageTimings) throws -> (packs: [URL], note: String?) {
    let packsMissing =
      !((try? FileManager.default.contentsOfDirectory(
        atPath: workspace.packs.path))?.contains { $0.hasSuffix(".zip") } ?? false)
    guard try !workspace.openWarehouse().packsAreCurrent(settings: packSettings) || packsMissing
    else {
      return ([], nil)
    }
    do {
      return (try timings.time("export") { try export(aggregateFirst: false) }, nil)
    } catch let error as Exporter.RequestError {
      return ([], error.description)  // nothing complete to publish yet
    }
  }
}
