import ArgumentParser
import Foundation
import MADE

/// Each reference kind and, under it, what it reads: lines short enough that `--help` never
/// wraps one mid-phrase.
private let kindList: String = ReferenceKind.allCases.map {
  "  \($0.rawValue)\n      \($0.summary)"
}.joined(separator: "\n")

struct Reference: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Load reference data.",
    subcommands: [Load.self])

  struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load one reference file in its published layout.",
      discussion: """
        KIND is one of:
        \(kindList)

        Columns are found by their coded names whatever the vintage (WD23CD or WD24CD, \
        LSOA11CD or LSOA21CD…). A lookup or postcode directory may be given as the .zip \
        ONS publishes: its CSV is found by name (Data/NSPL21_NOV_2024_UK.csv, \
        WD24_LAD24_UK_LU.csv, or the only CSV). Population may be the ONS .xlsx: the sheet \
        whose header names a ward code is read (or the one --sheet names). A load replaces the earlier load of the same kind (for \
        lsoa-wards, of the same LSOA vintage; for population, of the same year; for \
        boundaries, the boundaries of the same level, wards or districts).

        Boundaries are the ONS Open Geography Portal's GeoJSON download (or the .zip \
        holding it), in WGS84 or British National Grid, any vintage: load the ward \
        boundaries of the ward lookup's vintage, and the district boundaries for the \
        county pack's map. Only the area's wards or districts are kept (with \
        --neighbours, those touching them too), simplified together so neighbours share \
        their border, projected to British National Grid. A feature that cannot be \
        drawn (unclosed or self-crossing ring, a coordinate that is not a number) is \
        listed with its reason and the rest are loaded.

        Examples:
          made reference load wards WD24_LAD24_UK_LU.csv
          made reference load lsoa-wards LSOA21_WD24_LAD24_EW_LU.csv
          made reference load postcodes NSPL_NOV_2024_UK.csv
          made reference load population sapewardstablefinal2022.xlsx --year 2022
          made reference load population sapewardstablefinal2022.csv --year 2022
          made reference load offences offences.csv
          made reference load boundaries Wards_December_2024_Boundaries_UK_BGC.geojson
          made reference load boundaries LAD_DEC_2024_UK_BGC.zip --neighbours
        """)

    @Argument(
      help: "What the file is: \(ReferenceKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Argument(
      help:
        "The file: CSV, optionally .gz or in the .zip ONS publishes; population: also the ONS .xlsx; boundaries: GeoJSON or its .zip."
    )
    var file: String

    @Option(help: "The mid-year of a population estimate (population only).")
    var year: Int?

    @Option(
      help:
        "The sheet of a population workbook (.xlsx) to read (default: the one whose header names a ward code)."
    )
    var sheet: String?

    @Flag(
      help:
        "Also keep the wards or districts touching the area's, drawn grey for context (boundaries only)."
    )
    var neighbours = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
      if neighbours, kind != ReferenceKind.boundaries.rawValue {
        throw ValidationError("--neighbours is for boundaries only")
      }
      if sheet != nil, kind != ReferenceKind.population.rawValue {
        throw ValidationError("--sheet is for a population workbook only")
      }
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
          let referenceKind = ReferenceKind(rawValue: kind)!
          guard referenceKind == .boundaries else {
            let rows = try pipeline.loadReference(
              referenceKind, path: file, year: year, sheet: sheet)
            if !options.quiet { print("Loaded \(rows) rows of \(kind) from \(file)") }
            return
          }
          let load = try pipeline.loadBoundaries(path: file, neighbours: neighbours)
          for line in load.reportLines(file: file) {
            if line.isWarning {
              FileHandle.standardError.write(Data(("warning: " + line.text + "\n").utf8))
            } else if !options.quiet {
              print(line.text)
            }
          }
        }
      }
    }
  }
}
