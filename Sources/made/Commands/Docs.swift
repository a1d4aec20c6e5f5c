import ArgumentParser
import Foundation
import MADE

struct Docs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write the warehouse's data dictionary (Markdown, HTML and Datasette metadata).",
    discussion: """
      Writes \(DataDictionary.markdownFileName), \(DataDictionary.htmlFileName) (one \
      self-contained page) and \(DataDictionary.datasetteMetadataFileName) (Datasette's \
      metadata) into DIR (default: <workspace>/docs): every table and view of the \
      warehouse with its grain and columns, the record tables of every feed (a workspace's \
      own schemas in schemas/feeds/ included), every indicator of the catalogue, and the coded \
      values of indicator_values.

      To browse the warehouse already documented:
        datasette warehouse.sqlite --metadata docs/metadata.json

      The dictionary is built in a temporary warehouse, so it needs no data; with --out it \
      needs no workspace either.

      Examples:
        made docs --workspace /srv/made
        made docs --out docs
      """)

  @Option(
    help: ArgumentHelp(
      "The folder to write to (default: <workspace>/docs).", valueName: "dir"))
  var out: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let workspace = options.resolvedWorkspace
      let isWorkspace = FileManager.default.fileExists(atPath: workspace.configURL.path)
      guard isWorkspace || out != nil else {
        throw UsageError(
          "\(workspace.root.path) is not a MADE workspace (no made.toml): pass --out DIR to "
            + "write the dictionary of the built-in feeds, or --workspace DIR")
      }
      let feeds = try FeedCatalog(overrideDirectory: isWorkspace ? workspace.schemaOverrides : nil)
      let dictionary = try DataDictionary.build(
        feeds: feeds, indicators: try IndicatorCatalog.builtIn())
      let directory =
        out.map { URL(fileURLWithPath: $0) } ?? workspace.root.appendingPathComponent("docs")
      // The workspace's VRN and licence title the Datasette metadata.
      let config = isWorkspace ? try workspace.loadConfig() : nil
      let written = try dictionary.write(
        to: directory, title: config.map { "\($0.area.name): MADE warehouse" } ?? "MADE warehouse",
        licence: config?.export.licence)
      if !dictionary.undocumented.isEmpty {
        FileHandle.standardError.write(
          Data(
            ("made: warning: no description for "
              + dictionary.undocumented.joined(separator: ", ")
              + ". Add one to the feed schema's field (or Schemas/warehouse-columns.json).\n")
              .utf8))
      }
      if !options.quiet {
        for url in written { print("Wrote \(url.path)") }
      }
    }
  }
}
