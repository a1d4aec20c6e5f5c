/// Small-number suppression (docs/methods.md), decided once for every cell of `indicator_values`
/// so that every pack withholds the same cells and no combination of packs gives one away.
///
/// - Primary: a count (`records`, the events behind the value; for harm, the offences) from 1
///   to the threshold is withheld: 7 under `nhs`, `[export] suppression_threshold` (default
///   4) under `primary_secondary`. For a proportion, so is a cell whose non-events
///   (denominator − count) are that few.
/// - Complementary, under both policies: every sum relation — a district and its wards, a
///   partnership and its districts, a partnership and its wards, the county and its
///   districts, the county and its partnerships, and in time a quarter and its months, a
///   financial year and its quarters or months, a rolling year and its months — may not have
///   exactly one withheld member (the total counts as a member: a withheld total with every
///   part shown is as exposed as a withheld part). When one has, the smallest non-zero shown
///   part is withheld too, or the total when no part can be; repeated until nothing changes.
///   NHS counts get this as well: their rates come from unrounded counts, so rounding alone
///   would not protect a withheld one.
/// - Zero is a true zero and is shown.
enum Disclosure {
  static let nhsLimit = 7

  /// Decides `suppressed` for all rows of one indicator.
  static func apply(
    to values: inout [Aggregator.Value], definition: IndicatorDefinition, areas: AreaGeography,
    threshold: Int
  ) {
    for index in values.indices { values[index].suppressed = false }
    let limit: Int
    switch definition.suppression {
    case .nhs: limit = nhsLimit
    case .primarySecondary: limit = threshold
    case .none: return
    }
    for (index, value) in values.enumerated() {
      guard let records = value.records else { continue }
      var small = (1...limit).contains(records)
      if definition.method == .proportion, let denominator = value.denominator {
        small = small || (1...limit).contains(Int(denominator) - records)
      }
      values[index].suppressed = small
    }
    protect(&values, relations: relations(values, areas: areas))
  }

  /// A total and the parts it is the sum of.
  struct Relation {
    var total: Int
    var parts: [Int]
  }

  static func relations(_ values: [Aggregator.Value], areas: AreaGeography) -> [Relation] {
    var at: [String: Int] = [:]
    for (index, value) in values.enumerated() {
      at[
        "\(value.periodType.rawValue)|\(value.period)|\(value.geoType.rawValue)|\(value.geoCode)"] =
        index
    }
    var slots = Set<String>()
    var places = Set<String>()
    for value in values {
      slots.insert("\(value.periodType.rawValue)|\(value.period)")
      places.insert("\(value.geoType.rawValue)|\(value.geoCode)")
    }
    var relations: [Relation] = []
    func add(_ total: String, _ parts: [String]) {
      guard let total = at[total] else { return }
      let found = parts.compactMap { at[$0] }
      // Only exact sums: every part must have a row.
      if found.count == parts.count, !found.isEmpty {
        relations.append(Relation(total: total, parts: found))
      }
    }
    let unpartnered = areas.ladCodes.filter { areas.partnershipOfLAD[$0] == nil }
    for slot in slots.sorted() {
      func key(_ type: GeoType, _ code: String) -> String { "\(slot)|\(type.rawValue)|\(code)" }
      for lad in areas.ladCodes {
        add(key(.lad, lad), (areas.wardsOfLAD[lad] ?? []).map { key(.ward, $0) })
      }
      for partnership in areas.partnerships {
        add(key(.csp, partnership.code), partnership.ladCodes.map { key(.lad, $0) })
        add(
          key(.csp, partnership.code),
          partnership.ladCodes.flatMap { areas.wardsOfLAD[$0] ?? [] }.map { key(.ward, $0) })
      }
      add(key(.county, "county"), areas.ladCodes.map { key(.lad, $0) })
      if !areas.partnerships.isEmpty {
        add(
          key(.county, "county"),
          areas.partnerships.map { key(.csp, $0.code) } + unpartnered.map { key(.lad, $0) })
      }
    }
    for place in places.sorted() {
      for slot in slots.sorted() {
        let parts = slot.split(separator: "|", maxSplits: 1).map(String.init)
        guard let type = PeriodType(rawValue: parts[0]),
          let period = Period.parse(parts[1], type: type)
        else { continue }
        let months = period.months.map { "month|\($0.text)|\(place)" }
        switch type {
        case .month:
          continue
        case .quarter, .rolling12m:
          add("\(slot)|\(place)", months)
        case .financialYear:
          add("\(slot)|\(place)", months)
          let quarters = stride(from: 0, to: 12, by: 3).map {
            "quarter|\(Period.containing(period.months[$0], type: .quarter)[0].label)|\(place)"
          }
          add("\(slot)|\(place)", quarters)
        }
      }
    }
    return relations
  }

  /// Withholds more cells until no relation has exactly one withheld member.
  static func protect(_ values: inout [Aggregator.Value], relations: [Relation]) {
    var changed = true
    while changed {
      changed = false
      for relation in relations {
        let members = [relation.total] + relation.parts
        guard members.filter({ values[$0].suppressed }).count == 1 else { continue }
        let candidate = relation.parts.filter {
          !values[$0].suppressed && (values[$0].records ?? 0) > 0
        }.min {
          (values[$0].records ?? 0, values[$0].period, values[$0].geoCode)
            < (values[$1].records ?? 0, values[$1].period, values[$1].geoCode)
        }
        if let candidate {
          values[candidate].suppressed = true
          changed = true
        } else if !values[relation.total].suppressed {
          values[relation.total].suppressed = true
          changed = true
        }
      }
    }
  }
}
