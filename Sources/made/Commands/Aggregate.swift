import ArgumentParser
import Foundation
import MADE

struct Aggregate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Bring the indicator tables up to date with the records.",
    discussion: """
      Computes indicator_values for every indicator of the catalogue (Schemas/indicators.json) \
      by ward, district (lad), community safety partnership (csp, from made.toml) and county, \
      for every complete month, quarter, financial year (April-March, 2024/25) and rolling 12 \
      months (labelled by its last month). Rates carry 95% and 99.8% limits (exact Poisson \
      below 10 events, Byar's from 10), proportions Wilson limits; every area is compared \
      with the county, with the change from the previous period and a five-period trend.

      Only months that new deliveries touched are counted again, and only the indicators of \
      the tables counted again are computed again; a changed reference table (other than \
      population) or catalogue counts everything again. Only rows that changed are \
      rewritten.

      Example:
        made aggregate
        sqlite3 warehouse.sqlite "SELECT * FROM v_indicator_latest WHERE geo_type = 'lad' LIMIT 5"
      """)

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      try options.withLockedWorkspace("aggregate") { workspace in
        let summary = try Pipeline(workspace: workspace).aggregate()
        if !summary.wardsWithoutPopulation.isEmpty {
          let some = summary.wardsWithoutPopulation.prefix(5).joined(separator: ", ")
          FileHandle.standardError.write(
            Data(
              ("made: warning: \(summary.wardsWithoutPopulation.count) wards of the area have no "
                + "population estimate (\(some)…): their rates are blank and district and county "
                + "rates are too high. Load the estimates for the ward vintage in use: "
                + "`made reference load population FILE --year YYYY`.\n").utf8))
        }
        if !options.quiet {
          let scanned = summary.monthsScanned.sorted { $0.key < $1.key }.map {
            "\($0.key): \($0.value.isEmpty ? "unchanged" : "\($0.value.count) months")"
          }
          print(
            "Counted \(summary.rescannedEverything ? "every month" : "changed months") "
              + "(\(scanned.joined(separator: ", "))).")
          print(
            "\(summary.valuesTotal) indicator values: \(summary.valuesWritten) written, "
              + "\(summary.valuesDeleted) removed, the rest unchanged.")
        }
      }
    }
  }
}
