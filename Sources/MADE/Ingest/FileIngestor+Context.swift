import Foundation

/// The lookups a feed needs, and whether the workspace holds them: a feed the workspace is not
/// ready for (no key, a reference table empty) stops here, before anything is recorded.
extension FileIngestor {
  /// The lookups for a feed, built once per run (reference data does not change during one).
  func normaliseContext(for feed: FeedSpec) throws -> NormaliseContext {
    if let cached = contexts.byFeed[feed.name] { return cached }
    let context = try buildContext(for: feed)
    contexts.byFeed[feed.name] = context
    return context
  }

  private func buildContext(for feed: FeedSpec) throws -> NormaliseContext {
    var pseudonymiser: Pseudonymiser?
    if feed.hasIdentifiers {
      guard let key else {
        if let keyProblem {
          throw WorkspaceNotReady(
            "feed \(feed.name) needs the pseudonymisation key: \(keyProblem)")
        }
        throw WorkspaceNotReady(
          "feed \(feed.name) has identifiers to pseudonymise but the workspace has no key "
            + "(secrets/made.key). Restore it from your backup; or, for a new workspace, run "
            + "`made init` on it to create one (a new key does not link with pseudonyms "
            + "already loaded).")
      }
      pseudonymiser = Pseudonymiser(keyBytes: key)
    }
    var references: [String: Set<CodeKey>] = [:]
    for name in Set(feed.fields.compactMap(\.reference)) {
      let codes = try warehouse.referenceCodes(name)
      guard !codes.isEmpty else {
        throw WorkspaceNotReady(
          "feed \(feed.name) checks codes against the \(name) reference table, which is empty: "
            + "load it first with `made reference load \(name) FILE`")
      }
      references[name] = codes
    }
    var classifiers: [String: MethodClassifier] = [:]
    for name in Set(feed.fields.compactMap { $0.classify?.rules }) {
      let rules = try warehouse.classificationRules(name)
      guard !rules.isEmpty else {
        throw WorkspaceNotReady(
          "feed \(feed.name) classifies free text with the \(name) rules, which are not loaded: "
            + "load them first with `made reference load \(name) FILE`")
      }
      classifiers[name] = MethodClassifier(rules: rules)
    }
    let counts = try warehouse.referenceCounts()
    if !feed.geography.isEmpty, counts["ref_lsoa_wards"] == 0, counts["ref_postcodes"] == 0 {
      throw WorkspaceNotReady(
        "feed \(feed.name) places records by \(feed.geography.map(\.method).joined(separator: "/"))"
          + " but no geography is loaded: run `made reference load lsoa-wards FILE` and "
          + "`made reference load postcodes FILE` first")
    }
    let area = Set(config.area.ladCodes)
    let geography = try warehouse.geographyIndex(
      areaLADs: area, postcodesInMemoryLimit: postcodesInMemoryLimit)
    return NormaliseContext(
      geography: geography, referenceCodes: references, pseudonymiser: pseudonymiser,
      postcodeLookup: geography.holdsEveryPostcode
        ? nil : try PostcodeLookup(warehousePath: warehouse.path, areaLADs: area),
      classifiers: classifiers)
  }
}
