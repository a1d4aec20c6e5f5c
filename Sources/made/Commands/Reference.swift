import ArgumentParser
import Foundation
import MADE

struct Reference: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Load reference data.",
    subcommands: [Load.self])

  struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load one reference file in its published layout.",
      discussion: """
        KIND is one of:
        \(ReferenceKind.allCases.map { "  \($0.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

        Columns are found by their coded names whatever the vintage (WD23CD or WD24CD, \
        LSOA11CD or LSOA21CD…). A load replaces the earlier load of the same kind (for \
        lsoa-wards, of the same LSOA vintage; for population, of the same year).

        Examples:
          made reference load wards WD24_LAD24_UK_LU.csv
          made reference load lsoa-wards LSOA21_WD24_LAD24_EW_LU.csv
          made reference load postcodes NSPL_NOV_2024_UK.csv
          made reference load population sapewardstablefinal2022.csv --year 2022
          made reference load offences offences.csv
        """)

    @Argument(
      help: "What the file is: \(ReferenceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Argument(help: "The file (CSV, optionally .gz).")
    var file: String

    @Option(help: "The mid-year of a population estimate (population only).")
    var year: Int?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
      guard ReferenceKind(rawValue: kind) != nil else {
        throw ValidationError(
          "unknown reference kind '\(kind)'; use one of: "
            + ReferenceKind.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }

    func run() throws {
      _ = options.setUpLogging()
      try runReportingErrors {
        try options.withLockedWorkspace("reference load") { workspace in
          var pipeline = try Pipeline(workspace: workspace)
          pipeline.progress = TerminalProgress.ifTerminal(quiet: options.quiet)
          let rows = try pipeline.loadReference(
            ReferenceKind(rawValue: kind)!, path: file, year: year)
          if !options.quiet { print("Loaded \(rows) rows of \(kind) from \(file)") }
        }
      }
    }
  }
}
