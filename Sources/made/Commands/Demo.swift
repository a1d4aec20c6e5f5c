import ArgumentParser
import Foundation
import MADE

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Build a workspace from SampleData and run everything on it.",
    discussion: """
      Creates DIR (default: ./made-demo; an earlier demo there is replaced), loads the \
      synthetic Lancashire reference data, copies the sample partner deliveries into inbox/, \
      ingests them (some are quarantined or have rejected rows on purpose: see \
      SampleData/README.md) and computes the indicators.

      Example:
        made demo my-demo && sqlite3 my-demo/warehouse.sqlite .tables
      """)

  @Argument(help: "Where to build the demo workspace.")
  var directory: String = "made-demo"

  @Option(help: "The SampleData folder (default: found beside the repository).")
  var sampleData: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let sample = try MADE.Demo.locateSampleData(sampleData)
      let summary = try MADE.Demo.run(
        sampleData: sample, directory: URL(fileURLWithPath: directory),
        progress: TerminalProgress.ifTerminal(quiet: options.quiet),
        log: { if !options.quiet { print($0) } })
      print(outcomes: summary.outcomes, quiet: options.quiet)
      if !options.quiet {
        let loaded = summary.outcomes.filter { $0.status == .loaded }
        let quarantined = summary.outcomes.filter { $0.status == .quarantined }.count
        print(
          """

          Demo complete: \(loaded.count) files loaded (\(loaded.map(\.rowsLoaded).reduce(0, +)) rows), \
          \(quarantined) quarantined on purpose, \(summary.indicatorValues) indicator values, \
          \(summary.packs.count) packs in \(directory)/packs/.
          Read a report: unzip -p \(directory)/packs/\(summary.packs.first?.lastPathComponent ?? "") \
          report.html > report.html
          Explore: sqlite3 \(directory)/warehouse.sqlite \
          "SELECT indicator_id, geo_name, period, numerator, round(value, 2), comparison \
          FROM v_indicator_latest WHERE geo_type = 'csp' AND period_type = 'financial_year'"
          """)
      }
    }
  }
}
