import Foundation

/// What a feed's normalisation needs from outside the file: lookups and the key.
struct NormaliseContext: Sendable {
  var geography: GeographyIndex
  /// Reference code sets by name (`offences`), codes upper-case.
  var referenceCodes: [String: Set<CodeKey>]
  var pseudonymiser: Pseudonymiser?
  /// For postcodes not held in memory (see `GeographyIndex.holdsEveryPostcode`).
  var postcodeLookup: PostcodeLookup?
  /// Free-text classifiers by rules name (`method-rules`).
  var classifiers: [String: MethodClassifier] = [:]
  /// When the files are delivered: no date may lie far beyond it (`PlausibleDates`).
  var deliveredAt = Date()
}
