/// The multi-agency hotspot: how many partner types are significantly worse than the county
/// in each area, from the other indicators' values.
extension Aggregator {
  /// What the multi-agency hotspot needs from the other indicators: which partner types have
  /// county values in each period, and which are significantly worse in each area.
  struct HotspotInputs {
    struct Slot: Hashable {
      var periodType: PeriodType
      var period: String
    }
    var partnersWithValues: [Slot: Set<String>] = [:]
    var worse: [Slot: [String: Set<String>]] = [:]

    mutating func add(_ values: [Value], partnerType: String) {
      // Only published comparisons count: a withheld cell, or one compared with a withheld
      // county value, may not be revealed through the hotspot (docs/methods.md
      // § "Multi-agency hotspot").
      for row in values where !row.suppressed {
        let slot = Slot(periodType: row.periodType, period: row.period)
        if row.geoType == .county, row.value != nil {
          partnersWithValues[slot, default: []].insert(partnerType)
        }
        if !row.comparisonWithheld, row.comparison == Statistics.Comparison.worse.rawValue {
          worse[slot, default: [:]]["\(row.geoType.rawValue):\(row.geoCode)", default: []]
            .insert(partnerType)
        }
      }
    }
  }

  /// For each area and period in which every partner type has values: how many partner types
  /// have at least one indicator significantly worse than the county at 95%.
  func hotspot(
    _ indicator: IndicatorDefinition, from inputs: HotspotInputs, areas: AreaGeography
  ) -> [Value] {
    let required = Set(IndicatorDefinition.hotspotPartnerTypes)
    var result: [Value] = []
    let slots = inputs.partnersWithValues.filter { required.isSubset(of: $0.value) }.keys
      .filter { indicator.periods.contains($0.periodType) }
      .sorted { ($0.periodType.rawValue, $0.period) < ($1.periodType.rawValue, $1.period) }
    var codes: [(GeoType, String)] = []
    if indicator.geographies.contains(.ward) { codes += areas.wards.map { (.ward, $0.wardCode) } }
    if indicator.geographies.contains(.lad) { codes += areas.ladCodes.map { (.lad, $0) } }
    if indicator.geographies.contains(.csp) { codes += areas.partnerships.map { (.csp, $0.code) } }
    for slot in slots {
      for (geoType, code) in codes {
        let count =
          inputs.worse[slot]?["\(geoType.rawValue):\(code)"]?.intersection(required).count ?? 0
        result.append(
          Value(
            indicatorID: indicator.id, geoType: geoType, geoCode: code,
            periodType: slot.periodType, period: slot.period, records: nil,
            numerator: Double(count), value: Double(count), method: "Count",
            comparison: Statistics.Comparison.notCompared.rawValue,
            comparisonTwoLevel: Statistics.Comparison.notCompared.rawValue,
            trend: Statistics.Trend.notCalculated.rawValue))
      }
    }
    Self.addChangesAndTrends(&result)
    return result
  }
}
