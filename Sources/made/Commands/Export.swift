import ArgumentParser
import Foundation
import MADE

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write indicator packs for partners.",
    discussion: """
      Writes one zip per area and period, made-pack-<area code>-<period>.zip (a financial \
      year's / becomes -), into packs/ or --out. By default: every district (LAD), every \
      partnership (CSP) and the county, for the latest quarter and the latest financial year.

      A pack holds datapackage.json (a Frictionless Data Package), indicators.csv (the \
      area, its wards - or, for the county, its districts - and the county benchmark, for the \
      period and the earlier ones of its kind), indicator_metadata.csv, report.html \
      (self-contained, charts inline, prints to A4) and README.txt.

      Small numbers are withheld as 'c' before anything is written: police, youth justice and \
      school counts from 1 to [export] suppression_threshold (default 4), plus the cells that \
      would give one away by subtraction; A&E counts from 1 to 7, others rounded to the \
      nearest 5. The same warehouse always gives byte-identical zips.

      Examples:
        made export
        made export --area E07000123 --period 2024/25
        made export --area "Blackburn with Darwen"
        made export --area county --period latest --out packs-for-review
      """)

  @OptionGroup var options: GlobalOptions

  @Option(
    help:
      "A district or partnership, by code or name (Preston, \"Blackburn with Darwen\"), county, or all (the default)."
  )
  var area: String?

  @Option(help: "A period label (2024/25, 2025-Q1, 2025-03) or latest (the default).")
  var period: String?

  @Option(help: "Folder for the zips (default: the workspace's packs/).")
  var out: String?

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      try options.withLockedWorkspace("export") { workspace in
        do {
          let written = try Pipeline(workspace: workspace).export(
            area: area, period: period, to: out.map { URL(fileURLWithPath: $0) })
          if !options.quiet {
            for url in written { print("Wrote \(url.path)") }
          }
        } catch let error as Exporter.RequestError {
          throw UsageError("made export: \(error.description)")
        }
      }
    }
  }
}
