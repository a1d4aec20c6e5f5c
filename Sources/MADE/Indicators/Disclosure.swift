/// Small-number suppression (METHODS.md), decided once for every cell of `indicator_values`
/// so that every pack withholds the same cells and no two packs together give one away.
///
/// - `nhs`: a count from 1 to 7 is withheld (packs round the others to the nearest 5).
/// - `primary_secondary`: a count from 1 to the threshold is withheld; then, for every
///   published total (a district over its wards, a partnership over its districts and over its
///   wards, the county over its districts), if exactly one child is withheld, the smallest non-zero published
///   child is withheld too, or the total itself when there is none; repeated until nothing
///   changes. Zero is a true zero and is shown.
///
/// The count is `records`: the events behind the value (for harm, the offences).
enum Disclosure {
  static let nhsLimit = 7

  static func apply(
    to values: inout [Aggregator.Value], catalog: IndicatorCatalog, areas: AreaGeography,
    threshold: Int
  ) {
    let policy = Dictionary(
      uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0.suppression) })
    var groups: [String: [Int]] = [:]
    for (index, value) in values.enumerated() {
      values[index].suppressed = false
      guard let records = value.records else { continue }
      switch policy[value.indicatorID] {
      case .nhs:
        values[index].suppressed = (1...nhsLimit).contains(records)
      case .primarySecondary:
        values[index].suppressed = (1...threshold).contains(records)
        groups["\(value.indicatorID)|\(value.periodType.rawValue)|\(value.period)", default: []]
          .append(index)
      case .some(.none), nil:
        break
      }
    }
    for indices in groups.values {
      protect(&values, indices, areas: areas)
    }
  }

  /// Complementary suppression within one indicator and period.
  private static func protect(
    _ values: inout [Aggregator.Value], _ indices: [Int], areas: AreaGeography
  ) {
    var at: [String: Int] = [:]
    for index in indices {
      at["\(values[index].geoType.rawValue):\(values[index].geoCode)"] = index
    }
    var totals: [(total: Int, children: [Int])] = []
    for lad in areas.ladCodes {
      if let total = at["lad:\(lad)"] {
        totals.append((total, (areas.wardsOfLAD[lad] ?? []).compactMap { at["ward:\($0)"] }))
      }
    }
    for partnership in areas.partnerships {
      if let total = at["csp:\(partnership.code)"] {
        totals.append((total, partnership.ladCodes.compactMap { at["lad:\($0)"] }))
        // A partnership pack lists its wards, so it is a total over them as well.
        let wards = partnership.ladCodes.flatMap { areas.wardsOfLAD[$0] ?? [] }
        totals.append((total, wards.compactMap { at["ward:\($0)"] }))
      }
    }
    if let county = at["county:county"] {
      totals.append((county, areas.ladCodes.compactMap { at["lad:\($0)"] }))
    }
    var changed = true
    while changed {
      changed = false
      for (total, children) in totals where !values[total].suppressed {
        let withheld = children.filter { values[$0].suppressed }
        guard withheld.count == 1 else { continue }
        let candidate = children.filter { !values[$0].suppressed && (values[$0].records ?? 0) > 0 }
          .min {
            (values[$0].records ?? 0, values[$0].geoCode) < (
              values[$1].records ?? 0, values[$1].geoCode
            )
          }
        values[candidate ?? total].suppressed = true
        changed = true
      }
    }
  }
}
