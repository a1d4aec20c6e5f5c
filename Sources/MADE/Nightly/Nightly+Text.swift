import Foundation

extension Nightly {
  /// The one-screen summary, also the text report.
  public static func text(_ report: Report) -> String {
    func count(_ status: String) -> Int { report.files.filter { $0.status == status }.count }
    func list(_ pairs: [(String, String)]) -> String {
      pairs.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
    let loaded = report.files.filter { $0.status == "loaded" }
    let rejected = report.files.map(\.rowsRejected).reduce(0, +)
    let reasons = report.rejectsByReason.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") }
    let recounted = report.monthsRecounted.sorted { $0.key < $1.key }.map {
      ($0.key + ":", "\($0.value.count) months")
    }
    let overdue = report.overdueFeeds.sorted { $0.key < $1.key }.map {
      ($0.key, "(last \($0.value))")
    }
    let timings = report.timings.sorted { $0.key < $1.key }.map {
      ($0.key, String(format: "%.1f s", $0.value))
    }
    var files =
      "Files: \(report.files.count) (\(loaded.count) loaded, \(count("duplicate")) duplicate, "
    files += "\(count("quarantined")) quarantined, \(count(FileOutcome.Status.notLoaded.rawValue)) "
    files += "not loaded)"
    let empty = report.files.filter(\.everyRowRejected).count
    if empty > 0 { files += "; \(empty) with every row rejected (see below)" }
    if report.notSettled > 0 { files += "; \(report.notSettled) still being written, left" }
    var rows = "Rows: \(loaded.map(\.rowsLoaded).reduce(0, +)) loaded, \(rejected) rejected"
    if !reasons.isEmpty { rows += " (\(list(reasons)))" }
    let repeated = report.files.map(\.rowsRepeatedKey).reduce(0, +)
    if repeated > 0 {
      rows +=
        "; WARNING: \(repeated) loaded \(repeated == 1 ? "row repeats" : "rows repeat") the key "
        + "of an earlier row of its file (as published)"
    }
    var indicators =
      "Indicators: \(report.indicatorValuesWritten) of \(report.indicatorValuesTotal) values changed"
    if !recounted.isEmpty { indicators += " (\(list(recounted)))" }
    let unchanged =
      report.packsUnchanged > 0 ? ", \(report.packsUnchanged) unchanged (figures as written)" : ""
    var packs =
      report.packsWritten.isEmpty
      ? "none written (\(report.exportNote ?? "nothing changed"))\(unchanged)"
      : "\(report.packsWritten.count) written\(unchanged)"
    if !report.packsNotWritten.isEmpty {
      packs +=
        "; NOT WRITTEN: \(report.packsNotWritten.joined(separator: "; ")) (the next run tries again)"
    }
    var lines = [
      "MADE nightly run \(report.runID): \(report.startedAt) to \(report.finishedAt), "
        + "exit code \(report.exitCode)",
      files, rows, indicators, "Packs: \(packs)",
      "Interrupted earlier: "
        + (report.interruptedRuns.isEmpty
          ? "none" : report.interruptedRuns.joined(separator: ", ") + " (repaired by this run)"),
      "Overdue feeds: \(overdue.isEmpty ? "none" : list(overdue))",
      "Purged past retention: "
        + (report.recordsPurged.isEmpty
          ? "nothing"
          : list(report.recordsPurged.sorted { $0.key < $1.key }.map { ($0.key, "\($0.value)") })),
      "Timings: \(list(timings))",
    ]
    lines += report.strayFolders.map(\.warning)
    for left in report.leftForNextRun {
      lines.append(
        "  LEFT \(left.name): modified at \(left.modifiedAt), still being written perhaps; the "
          + "first run after \(left.takenAfter) takes it")
    }
    for file in report.files {
      var line = "  \(file.status.uppercased()) \(file.name)"
      if let feed = file.feed { line += " [\(feed)]" }
      line += ": \(file.rowsLoaded) of \(file.rowsRead) rows loaded"
      if file.rowsRepeatedKey > 0 {
        line += " (\(file.rowsRepeatedKey) with a repeated key, as published: key_occurrence > 1)"
      }
      if let reason = file.reason { line += "; \(reason): \(file.message ?? "")" }
      if file.everyRowRejected {
        line +=
          "; EVERY ROW WAS REJECTED: ask the partner to check the export "
          + "(`made rejects --file <file_id> --csv` is the list to send them)"
      }
      if file.filedAfterInterruption { line += " (an earlier run stopped before filing it)" }
      if let notFiled = file.notFiled { line += "; NOT FILED: \(notFiled)" }
      lines.append(line + " -> \(file.movedTo)")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
