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
/// - Nothing derived from a withheld cell is shown either (`markDerived`): no comparison with
///   a withheld county value, no trend, previous value or change through a withheld period.
enum Disclosure {
  static let nhsLimit = 7

  /// Decides `suppressed` for all rows of one indicator.
  static func apply(
    to values: inout [Aggregator.Value], definition: IndicatorDefinition, areas: AreaGeography,
    threshold: Int
  ) {
    for index in values.indices { values[index].suppressed = false }
    let limit: Int?
    switch definition.suppression {
    case .nhs: limit = nhsLimit
    case .primarySecondary: limit = threshold
    case .none: limit = nil
    }
    if let limit {
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
    markDerived(&values)
  }

  /// Marks the comparisons that rest on a withheld cell (this one or the county's value of
  /// the same period) and the trends, previous values and changes that read one (this one
  /// or an earlier period of the same area among those the trend is computed over).
  static func markDerived(_ values: inout [Aggregator.Value]) {
    let withheld = values.map(\.suppressed)
    let grid = ValueGrid(values)
    let county = grid.place(.county, "county")
    let earlier = grid.earlierSlots(Statistics.trendPeriods - 1)
    for position in values.indices {
      let (slot, place) = grid.coordinates[position]
      let own = withheld[position]
      values[position].comparisonWithheld =
        own || (grid.row(slot, county).map { withheld[$0] } ?? false)
      values[position].trendWithheld =
        own || (earlier[slot] ?? []).contains { grid.row($0, place).map { withheld[$0] } ?? false }
    }
  }

  /// A total and the parts it is the sum of.
  struct Relation {
    var total: Int
    var parts: [Int]
  }

  static func relations(_ values: [Aggregator.Value], areas: AreaGeography) -> [Relation] {
    let grid = ValueGrid(values)
    var relations: [Relation] = []
    /// Only exact sums: the total and every part must have a row.
    func add(_ total: Int?, _ parts: [Int?]) {
      guard let total, !parts.isEmpty else { return }
      var found: [Int] = []
      found.reserveCapacity(parts.count)
      for part in parts {
        guard let part else { return }
        found.append(part)
      }
      relations.append(Relation(total: total, parts: found))
    }
    // Places as positions, once.
    let lads = areas.ladCodes.map { grid.place(.lad, $0) }
    let wardsOfLAD = areas.ladCodes.map { lad in
      (areas.wardsOfLAD[lad] ?? []).map { grid.place(.ward, $0) }
    }
    let partnerships = areas.partnerships.map { partnership in
      (
        total: grid.place(.csp, partnership.code),
        lads: partnership.ladCodes.map { grid.place(.lad, $0) },
        wards: partnership.ladCodes.flatMap { areas.wardsOfLAD[$0] ?? [] }.map {
          grid.place(.ward, $0)
        }
      )
    }
    let county = grid.place(.county, "county")
    let countyParts =
      areas.partnerships.map { grid.place(.csp, $0.code) }
      + areas.ladCodes.filter { areas.partnershipOfLAD[$0] == nil }.map { grid.place(.lad, $0) }
    for slot in grid.slots.indices {
      for (lad, wards) in zip(lads, wardsOfLAD) {
        add(grid.row(slot, lad), wards.map { grid.row(slot, $0) })
      }
      for partnership in partnerships {
        add(grid.row(slot, partnership.total), partnership.lads.map { grid.row(slot, $0) })
        add(grid.row(slot, partnership.total), partnership.wards.map { grid.row(slot, $0) })
      }
      add(grid.row(slot, county), lads.map { grid.row(slot, $0) })
      if !areas.partnerships.isEmpty {
        add(grid.row(slot, county), countyParts.map { grid.row(slot, $0) })
      }
    }
    // In time: each period's months (and a financial year's quarters), as slots, once.
    let inTime: [[[Int?]]] = grid.slots.map { slot in
      guard slot.type != .month, let period = Period.parse(slot.label, type: slot.type) else {
        return []
      }
      let months = period.months.map { grid.slot(.month, $0.text) }
      guard slot.type == .financialYear else { return [months] }
      let quarters = stride(from: 0, to: 12, by: 3).map {
        grid.slot(.quarter, Period.containing(period.months[$0], type: .quarter)[0].label)
      }
      return [months, quarters]
    }
    for place in grid.places.indices {
      for slot in grid.slots.indices {
        for parts in inTime[slot] {
          add(grid.row(slot, place), parts.map { grid.row($0, place) })
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
