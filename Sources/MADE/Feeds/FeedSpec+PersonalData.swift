import Foundation

/// The schema checks that keep personal data out of the warehouse whatever a workspace's
/// schema says: a health feed refuses NHS numbers by their values, and a postcode is never
/// stored. A schema that breaks either is a configuration error, so it is fixed by whoever
/// wrote it rather than quietly changed.
extension FeedSpec {
  /// True for a feed from a health partner, which must arrive anonymised ("health" in any
  /// case or spacing, so that "Health" does not drop the guard).
  var isHealthFeed: Bool {
    partnerType.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "health"
  }

  func checkPersonalData() throws {
    if isHealthFeed, !refusedColumns.contains(where: { $0.valuesLike == .nhsNumber }) {
      throw ConfigurationError(
        "feed \(name) is a health feed: its refusedColumns must keep an entry with "
          + "\"valuesLike\": \"nhs-number\" (a health feed must arrive anonymised; without it "
          + "a column of NHS numbers, whatever its name, would be stored)")
    }
    if let field = fields.first(where: { $0.role == .postcode && $0.store != false }) {
      throw ConfigurationError(
        "feed \(name): '\(field.name)' is a postcode: it must have \"store\": false (a "
          + "postcode places the record in a ward and district and is never stored)")
    }
  }
}
