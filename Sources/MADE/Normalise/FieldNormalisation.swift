/// How one field's values are normalised before they are compared, looked up or stored
/// (`TextNormalisation`), resolved from the schema.
enum FieldNormalisation: Equatable, Sendable {
  /// `role: identifier`: canonical code form (upper case) before HMAC.
  case identifier
  /// `role: postcode`: canonical code form, then the compact postcode (`Postcode`).
  case postcode
  /// A code stored in canonical form, letters in the given case.
  case code(TextNormalisation.Case)
  /// Free text: stored trimmed, compared by its text key.
  case text
  /// Stored and compared as delivered (trimmed).
  case exact

  /// True when values are compared in canonical code form (`made_code` in SQL).
  var isCode: Bool {
    switch self {
    case .identifier, .postcode, .code: return true
    case .text, .exact: return false
    }
  }
}

extension FeedSpec {
  /// How `field` is normalised: by its role; else as its schema's `"normalise"` says; else
  /// inferred, in this order —
  /// - `"keyIgnoresCase": true` is `text`;
  /// - a field with a `reference` table, or one that places records by LSOA or school, is a
  ///   `code` (reference codes, GSS and URN codes are case-free);
  /// - a string field without an `enum` that is in the natural key or `replaceByPeriod` is
  ///   `text`, so that a resend's spelling never adds a second record;
  /// - anything else is `exact`.
  func normalisation(of field: FieldSpec) -> FieldNormalisation {
    switch field.role {
    case .identifier: return .identifier
    case .postcode: return .postcode
    case .dateOfBirth: return .exact
    case nil: break
    }
    switch field.normalise {
    case .code: return .code(.upper)
    case .lowercaseCode: return .code(.lower)
    case .text: return .text
    case .exact: return .exact
    case nil: break
    }
    if field.keyIgnoresCase == true { return .text }
    let placesByCode = geography.contains {
      $0.field == field.name
        && ($0.method == GeoMethod.lsoa.rawValue
          || $0.method == GeoMethod.school.rawValue)
    }
    if field.type == .string, field.reference != nil || placesByCode { return .code(.upper) }
    let compared = primaryKey.contains(field.name) || (replaceByPeriod ?? []).contains(field.name)
    if field.type == .string, compared, (field.constraints?.enum ?? []).isEmpty { return .text }
    return .exact
  }
}
