import ArgumentParser
import Foundation
import MADE

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a workspace.",
    discussion: """
      Creates DIR (default: the current directory) with made.toml (commented settings: the \
      VRN's districts, limits), inbox/<feed>/ for each feed, archive/, quarantine/, packs/, \
      a new pseudonymisation key in secrets/made.key (mode 0600; back it up: without it new \
      deliveries cannot be linked to earlier ones) and a migrated warehouse.sqlite (mode 0600). \
      Running it again on an existing workspace keeps its config and key.

      Example:
        made init /srv/made
      """)

  @Argument(help: "The folder to create (default: --workspace, $MADE_WORKSPACE or .).")
  var directory: String?

  @OptionGroup var options: GlobalOptions

  func run() throws {
    let logger = options.setUpLogging()
    try runReportingErrors {
      let workspace =
        directory.map { Workspace(root: URL(fileURLWithPath: $0)) } ?? options.resolvedWorkspace
      try workspace.create(feeds: try FeedCatalog().names)
      logger.info("Workspace ready at \(workspace.root.path)")
      if !options.quiet {
        print(
          """
          Workspace ready: \(workspace.root.path)
          Next: load reference data, e.g.
            made reference load wards Ward_to_LAD_Lookup.csv --workspace \(workspace.root.path)
          then put partner files in inbox/<feed>/ and run `made ingest`.
          """)
      }
    }
  }
}
