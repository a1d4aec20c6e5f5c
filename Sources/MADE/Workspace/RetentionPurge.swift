import Foundation

/// One purge run (`made purge`, and nightly's second stage): records past their feed's
/// retention window deleted from the warehouse, then the archived deliveries that held them.
struct RetentionPurge {
  let pipeline: Pipeline

  /// See `Pipeline.purge`.
  func run(now: Date, dryRun: Bool) throws -> [Warehouse.PurgeResult] {
    let warehouse = try pipeline.openWarehouse()
    return try warehouse.recordingRun(command: "purge") { runID in
      let cutoffs = try self.cutoffs(now: now)
      let results = try warehouse.purge(cutoffs: cutoffs, runID: runID, dryRun: dryRun)
      if !dryRun {
        CrashPoint.purgeCommitted.reach()
        try removeArchivedMonths(before: cutoffs)
      }
      return results
    }
  }

  /// For each feed with a retention window, the first month it keeps: `[feeds.<name>]
  /// retention_months`, else the schema's `retentionMonths`, counted back from `now`'s month.
  private func cutoffs(now: Date) throws -> [(feed: String, beforeMonth: String)] {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month], from: now)
    let current = Month(year: parts.year ?? 1970, month: parts.month ?? 1)
    var cutoffs: [(feed: String, beforeMonth: String)] = []
    for spec in try pipeline.catalog().feeds.values.sorted(by: { $0.name < $1.name }) {
      guard
        let months = pipeline.config.feeds[spec.name]?.retentionMonths ?? spec.retentionMonths
      else {
        continue
      }
      cutoffs.append((spec.name, current.adding(-months).text))
    }
    return cutoffs
  }

  /// Raw deliveries hold what the records no longer do (dates of birth, UPNs): an archive
  /// month folder older than the window goes with them.
  private func removeArchivedMonths(before cutoffs: [(feed: String, beforeMonth: String)]) throws {
    let manager = FileManager.default
    for (feed, beforeMonth) in cutoffs {
      let feedFolder = pipeline.workspace.archive.appendingPathComponent(feed)
      for year in (try? manager.contentsOfDirectory(atPath: feedFolder.path)) ?? [] {
        for month
          in (try? manager.contentsOfDirectory(
            atPath: feedFolder.appendingPathComponent(year).path)) ?? []
        where Month("\(year)-\(month)").map({ $0.text < beforeMonth }) == true {
          try manager.removeItem(
            at: feedFolder.appendingPathComponent(year).appendingPathComponent(month))
        }
      }
    }
  }
}
