import ArgumentParser
import Foundation
import MADE

struct Backup: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Copy the warehouse, the key and the settings into a new folder.",
    discussion: """
      Writes DIR (new or empty, mode 0700) with a consistent copy of warehouse.sqlite \
      (SQLite's online backup: taken while nightly and readers run, it holds the last \
      committed state), secrets/made.key (without it pseudonyms cannot be made again), \
      made.toml, the workspace's feed schemas and the packs, and backup.json with each \
      file's SHA-256. The key and the warehouse stay mode 0600: keep the backup as \
      private as the workspace.

      Not copied: inbox/, archive/ and quarantine/ (the partners' original files); back \
      them up with the file system if your retention policy needs them.

      Examples:
        made backup /backups/made-$(date +%F)
        made restore /backups/made-2026-12-01 /srv/made-restored
      """)

  @Argument(help: "The new (or empty) folder to write the backup into.")
  var directory: String

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let target = URL(fileURLWithPath: directory)
      let manifest = try WorkspaceBackup.backUp(options.resolvedWorkspace, to: target)
      if !options.quiet {
        print(
          "Backed up \(options.resolvedWorkspace.root.path) to \(target.path): "
            + "\(manifest.files.count) files, SHA-256 of each in backup.json")
      }
    }
  }
}

struct Restore: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Make a new workspace from a backup.",
    discussion: """
      Checks every file of BACKUP against its SHA-256 in backup.json (a backup that changed \
      is refused, nothing restored), then writes a workspace at DIR (new or empty): the \
      warehouse, key, settings, feed schemas and packs, and empty inbox/, archive/ and \
      quarantine/ folders. A backup from an earlier MADE is migrated. Run `made verify` on \
      it, then point MADE_WORKSPACE (or the service) at it.

      Example:
        made restore /backups/made-2026-12-01 /srv/made-restored
        made verify --workspace /srv/made-restored
      """)

  @Argument(help: "The backup folder (made by `made backup`).")
  var backup: String

  @Argument(help: "The new (or empty) folder for the restored workspace.")
  var directory: String

  @OptionGroup var options: GlobalOptions

  func run() throws {
    _ = options.setUpLogging()
    try runReportingErrors {
      let target = URL(fileURLWithPath: directory)
      let manifest = try WorkspaceBackup.restore(
        from: URL(fileURLWithPath: backup), to: target, feeds: try FeedCatalog().names)
      if !options.quiet {
        print(
          "Restored the backup of \(manifest.createdAt) (made \(manifest.madeVersion)) to "
            + "\(target.path). Check it: made verify --workspace \(target.path)")
      }
    }
  }
}
