import Foundation

/// One export run (`made export`, and nightly's last stage when values changed): packs from
/// the indicator values, written into a folder, recorded as a run and in the audit log.
struct PackExport {
  let pipeline: Pipeline

  /// See `Pipeline.export`.
  func run(area: String?, period: String?, to folder: URL?) throws -> [URL] {
    let warehouse = try pipeline.openWarehouse()
    return try warehouse.recordingRun(command: "export") { _ in
      let version = try warehouse.packsVersion(settings: pipeline.packSettings)
      let packs = try Exporter(
        warehouse: warehouse, catalog: try IndicatorCatalog.builtIn(),
        feeds: try pipeline.catalog(), config: pipeline.config
      ).packs(area: area, period: period)
      var written: [URL] = []
      for pack in packs {
        written.append(try PackWriter.write(pack, to: folder ?? pipeline.workspace.packs))
        CrashPoint.packWritten.reach()
      }
      CrashPoint.packsWritten.reach()
      // A complete export into packs/: nightly need not write it again until values change.
      if area == nil, period == nil, folder == nil { try warehouse.recordPacks(version: version) }
      try warehouse.audit(
        action: "export",
        detail: written.map(\.lastPathComponent).joined(separator: ", "), rows: written.count)
      return written
    }
  }
}
