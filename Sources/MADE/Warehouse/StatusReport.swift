import Foundation

/// `made status`: what is loaded, what came last from each feed, what was quarantined.
public struct StatusReport: CustomStringConvertible {
  public struct FeedLine {
    public var feed: String
    public var filesLoaded: Int
    public var lastDelivery: String?
    public var records: Int
    public var rejects: Int
    /// Rows loaded that repeat a key of an earlier row of their file: a warning, not a reject
    /// (`files.rows_repeated_key`).
    public var rowsRepeatedKey: Int
  }

  public var areaName: String
  public var references: [String: Int]
  public var feeds: [FeedLine]
  public var quarantined: [(name: String, reason: String, at: String)]
  /// Latest deliveries that carried columns the schema does not name (not stored).
  public var droppedColumns: [(name: String, columns: String)]
  /// Latest loaded deliveries with a note (`files.message`), such as rows left unplaced
  /// although they gave a location.
  public var loadedNotes: [(name: String, note: String)]
  /// Rejected rows by feed and reason code.
  public var rejectsByReason: [(feed: String, reason: String, rows: Int)]
  public var lastRuns: [(command: String, status: String, at: String)]
  /// Feeds with an expected cadence (`[feeds.<name>] expect_every_days`) and no delivery
  /// (loaded or duplicate) within it: when they last delivered, if ever.
  public var overdue: [OverdueFeed]
  public typealias OverdueFeed = (feed: String, lastDelivery: String?, expectEveryDays: Int)
  /// Deliveries committed from the inbox whose move to archive/ or quarantine/ a stopped run
  /// did not finish (`files.inbox_path` still set): the next ingest or nightly finishes it.
  public var unfiled: [String]
  /// Stored boundaries by level and vintage (`made reference load boundaries`).
  public var boundaries: [(level: String, vintage: String, count: Int)]
  /// The area's wards with counted records and no boundary: the maps cannot draw them.
  public var wardsWithoutBoundary: [(code: String, name: String)]
  /// Folders in the inbox that no feed reads (`StrayInboxFolder`): what they hold is not taken.
  public var strayFolders: [StrayInboxFolder] = []

  init(warehouse: Warehouse, config: Config, now: Date = Date()) throws {
    areaName = config.area.name
    overdue = try Self.overdueFeeds(warehouse: warehouse, config: config, now: now)
    references = try warehouse.referenceCounts()
    feeds = try warehouse.feedLines()
    quarantined = try warehouse.latestFiles(.quarantined, with: .reason).map {
      ($0.name, $0.detail, $0.receivedAt)
    }
    droppedColumns = try warehouse.latestFiles(.loaded, with: .ignoredColumns).map {
      ($0.name, $0.detail)
    }
    loadedNotes = try warehouse.latestFiles(.loaded, with: .message).map { ($0.name, $0.detail) }
    rejectsByReason = try warehouse.rejectCountsByFeed()
    unfiled = try warehouse.unfinishedFilings().map(\.inboxPath)
    lastRuns = try warehouse.lastRuns()
    boundaries = try warehouse.boundaryCounts()
    wardsWithoutBoundary = try warehouse.wardsWithoutBoundary()
  }

  /// Feeds with an expected cadence and no delivery (loaded or duplicate) within it.
  static func overdueFeeds(warehouse: Warehouse, config: Config, now: Date) throws
    -> [OverdueFeed]
  {
    var overdue: [OverdueFeed] = []
    for (feed, settings) in config.feeds.sorted(by: { $0.key < $1.key }) {
      guard let days = settings.expectEveryDays else { continue }
      let last = try warehouse.lastDelivery(feed: feed)
      let lastDate = last.flatMap { ISO8601DateFormatter().date(from: $0) }
      if lastDate.map({ now.timeIntervalSince($0) > Double(days) * 86_400 }) ?? true {
        overdue.append((feed, last, days))
      }
    }
    return overdue
  }

  public var description: String {
    var lines = ["Workspace area: \(areaName)", "", "Reference data:"]
    // Names in a column as wide as the longest, so none is cut (`school-suspensions`).
    func column(_ name: String, _ names: [String], least: Int = 16) -> String {
      name.padding(
        toLength: max(least, names.map(\.count).max() ?? 0), withPad: " ", startingAt: 0)
    }
    let tables = Array(references.keys) + ["boundaries"]
    for (table, count) in references.sorted(by: { $0.key < $1.key }) {
      lines.append("  \(column(table, tables)) \(count) rows")
    }
    lines.append(
      boundaries.isEmpty
        ? "  \(column("boundaries", tables)) none: packs have no maps (made reference load "
          + "boundaries FILE)"
        : "  \(column("boundaries", tables)) "
          + boundaries.map { line in
            let what = line.level == "lad" ? "district" : line.level
            return "\(line.count) \(what)\(line.count == 1 ? "" : "s") (\(line.vintage))"
          }.joined(separator: ", "))
    lines.append("")
    lines.append("Feeds:")
    if feeds.isEmpty { lines.append("  nothing loaded yet (run `made ingest`)") }
    for feed in feeds {
      lines.append(
        "  \(column(feed.feed, feeds.map(\.feed))) "
          + "\(feed.filesLoaded) files, \(feed.records) records, \(feed.rejects) rejected rows, "
          + "last delivery \(feed.lastDelivery ?? "never")")
    }
    func section(_ title: String, _ items: [String]) {
      guard !items.isEmpty else { return }
      lines += ["", title] + items.map { "  " + $0 }
    }
    let feedNames = feeds.map(\.feed) + rejectsByReason.map(\.feed) + overdue.map(\.feed)
    func padded(_ name: String) -> String { column(name, feedNames, least: 20) }
    section(
      "WARNING: wards with records but no boundary, not drawn on the packs' maps (load the "
        + "ward boundaries of the ward lookup's vintage):",
      wardsWithoutBoundary.map { "\($0.code) \($0.name)" })
    section(
      "Rejected rows by reason (`made ingest` says which file; table rejects):",
      rejectsByReason.map { "\(padded($0.feed)) \($0.reason): \($0.rows)" })
    section(
      "WARNING: rows that repeat a key of an earlier row of their file, loaded as published "
        + "(key_occurrence > 1; not rejects; `made rejects` lists the files):",
      feeds.filter { $0.rowsRepeatedKey > 0 }.map {
        "\(padded($0.feed)) repeated-key: \($0.rowsRepeatedKey)"
      })
    section(
      "Columns not in the schema, not stored (latest deliveries):",
      droppedColumns.map { "\($0.name): \($0.columns)" })
    section(
      "Notes on loaded files (latest deliveries; `files.message`):",
      loadedNotes.map { "\($0.name): \($0.note)" })
    section(
      "Quarantined files (latest first; see quarantine/ and `files.message`):",
      quarantined.map { "\($0.at)  \($0.name): \($0.reason)" })
    if overdue.isEmpty {
      lines += ["", "Overdue feeds: none"]
    }
    section(
      "Overdue feeds (no delivery within [feeds.<name>] expect_every_days):",
      overdue.map {
        "\(padded($0.feed)) last delivery \($0.lastDelivery ?? "never"), expected every "
          + "\($0.expectEveryDays) days"
      })
    section(
      "Committed but not yet filed (a run stopped before moving them; the next `made nightly` "
        + "or `made ingest` without file names files them):", unfiled)
    section(
      "Inbox folders no feed reads (their files are not taken):", strayFolders.map(\.warning))
    lines.append("")
    lines.append("Last runs:")
    for run in lastRuns { lines.append("  \(run.at)  \(run.command): \(run.status)") }
    return lines.joined(separator: "\n")
  }
}
