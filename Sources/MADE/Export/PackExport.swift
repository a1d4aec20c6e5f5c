import Foundation

/// One export run (`made export`, and nightly's last stage when values changed): packs from
/// the indicator values, written into a folder, recorded as a run and in the audit log.
///
/// Packs written into the workspace's `packs/` are recorded in `pack_files` with a digest of
/// their figures (`Pack.figuresDigest`) and of their bytes. Nightly asks for `onlyChanged`:
/// a pack whose figures are as recorded, and whose file is still the bytes written, is left
/// as it is, so that one new month does not rewrite every pack (issue 14: the 42 demo packs
/// took 2.0 s of a 3.2 s nightly).
struct PackExport {
  let pipeline: Pipeline

  /// What an export wrote, and what it left because nothing in it had changed.
  struct Outcome {
    var written: [URL] = []
    var unchanged: [String] = []
    /// Why packs could not be written (nightly only: something in `packs/` in the way).
    var notWritten: [String] = []
  }

  /// See `Pipeline.export`.
  func run(area: String?, period: String?, to folder: URL?, onlyChanged: Bool = false) throws
    -> Outcome
  {
    let warehouse = try pipeline.openWarehouse()
    return try warehouse.recordingRun(command: "export") { runID in
      let version = try warehouse.packsVersion(settings: pipeline.packSettings)
      let packs = try Exporter(
        warehouse: warehouse, catalog: try IndicatorCatalog.builtIn(),
        feeds: try pipeline.catalog(), config: pipeline.config
      ).packs(area: area, period: period)
      let intoPacks = folder == nil
      let target = folder ?? pipeline.workspace.packs
      let recorded = intoPacks ? try warehouse.packFiles() : [:]
      var outcome = Outcome()
      for pack in packs {
        let name = PackWriter.fileName(pack)
        let figures = pack.figuresDigest
        if onlyChanged, let before = recorded[name], before.figuresSHA256 == figures,
          PackFileCheck.problem(with: before, in: target) == nil
        {
          outcome.unchanged.append(name)
          continue
        }
        let zip = try PackWriter.zip(pack)
        do {
          outcome.written.append(try PackWriter.write(zip, named: name, to: target))
        } catch let error as ConfigurationError where onlyChanged {
          // A folder where the pack belongs: nightly writes the other packs and reports this
          // one, rather than leave every pack after it unwritten.
          outcome.notWritten.append(error.description)
          continue
        }
        if intoPacks {
          try warehouse.recordPackFile(
            .init(fileName: name, figuresSHA256: figures, bytesSHA256: HexDigest.sha256(zip)),
            runID: runID)
        }
        CrashPoint.packWritten.reach()
      }
      CrashPoint.packsWritten.reach()
      // A complete export into packs/: nightly need not write it again until values change.
      if area == nil, period == nil, folder == nil, outcome.notWritten.isEmpty {
        try warehouse.forgetPackFiles(except: Set(packs.map(PackWriter.fileName)))
        try warehouse.recordPacks(version: version)
      }
      try warehouse.audit(
        action: "export",
        detail: outcome.written.map(\.lastPathComponent).joined(separator: ", ")
          + (outcome.unchanged.isEmpty ? "" : "; \(outcome.unchanged.count) unchanged"),
        rows: outcome.written.count)
      return outcome
    }
  }
}
