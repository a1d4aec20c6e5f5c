import Testing

@testable import MADE

/// Primary and complementary suppression (docs/methods.md), on a district of four wards, a
/// one-district partnership and the county.
@Suite struct DisclosureTests {
  let areas = AreaGeography(
    name: "Test",
    wards: ["W1", "W2", "W3", "W4"].map { .init(wardCode: $0, wardName: $0, ladCode: "L1") }
      + [.init(wardCode: "W5", wardName: "W5", ladCode: "L2")],
    ladCodes: ["L1", "L2"], ladNames: ["L1": "L1", "L2": "L2"],
    wardsOfLAD: ["L1": ["W1", "W2", "W3", "W4"], "L2": ["W5"]],
    partnerships: [Config.Partnership(code: "P2", name: "P2", ladCodes: ["L2"])],
    partnershipOfLAD: ["L2": "P2"])

  func values(_ indicator: String, wards: [Int], l2: Int) -> [Aggregator.Value] {
    func row(_ type: GeoType, _ code: String, _ records: Int) -> Aggregator.Value {
      Aggregator.Value(
        indicatorID: indicator, geoType: type, geoCode: code, periodType: .month,
        period: "2025-01", records: records, comparison: "", comparisonTwoLevel: "", trend: "")
    }
    let l1 = wards.reduce(0, +)
    return zip(["W1", "W2", "W3", "W4"], wards).map { row(.ward, $0, $1) } + [
      row(.ward, "W5", l2), row(.lad, "L1", l1), row(.lad, "L2", l2), row(.csp, "P2", l2),
      row(.county, "county", l1 + l2),
    ]
  }

  func definition(_ indicator: String) throws -> IndicatorDefinition {
    try #require(try IndicatorCatalog.builtIn().indicators.first { $0.id == indicator })
  }

  func withheld(_ indicator: String, wards: [Int], l2: Int) throws -> [String] {
    var rows = values(indicator, wards: wards, l2: l2)
    Disclosure.apply(
      to: &rows, definition: try definition(indicator), areas: areas, threshold: 4)
    return rows.filter(\.suppressed).map(\.geoCode)
  }

  @Test func withholdsTheSmallestOtherChildWhenOneWouldBeRecoverable() throws {
    // W2 = 3 is primary; L1 = 43 would give it away, so the smallest non-zero other (W3 = 10).
    #expect(try withheld("sv_offences", wards: [30, 3, 10, 0], l2: 50) == ["W2", "W3"])
  }

  @Test func leavesTwoWithheldChildrenAloneAndShowsZeros() throws {
    #expect(try withheld("sv_offences", wards: [30, 3, 2, 0], l2: 50) == ["W2", "W3"])
    #expect(try withheld("sv_offences", wards: [0, 0, 0, 0], l2: 0) == [])
  }

  @Test func cascadesFromTheCountyDownToTheWardsOfTheDistrictItWithholds() throws {
    // L2 = 2 (one ward, W5; partnership P2 = L2) is withheld with them; the county over L1
    // and L2 then withholds L1, and L1 over its wards the smallest one, W2.
    #expect(
      try withheld("sv_offences", wards: [30, 5, 10, 6], l2: 2) == ["W2", "W5", "L1", "L2", "P2"])
  }

  @Test func protectsAWithheldTotalWhosePartsAreAllShown() {
    // A quarter withheld in a financial year whose other quarters are shown: the smallest
    // other quarter goes too, so the year minus the shown ones does not give it away.
    var rows = ["2024-Q2": 3, "2024-Q3": 12, "2024-Q4": 10, "2025-Q1": 15].map { label, count in
      Aggregator.Value(
        indicatorID: "sv_offences", geoType: .county, geoCode: "county", periodType: .quarter,
        period: label, records: count, comparison: "", comparisonTwoLevel: "", trend: "")
    }
    rows.append(
      Aggregator.Value(
        indicatorID: "sv_offences", geoType: .county, geoCode: "county",
        periodType: .financialYear, period: "2024/25", records: 40, comparison: "",
        comparisonTwoLevel: "", trend: ""))
    rows[rows.firstIndex { $0.period == "2024-Q2" }!].suppressed = true
    Disclosure.protect(&rows, relations: Disclosure.relations(rows, areas: areas))
    #expect(rows.filter(\.suppressed).map(\.period).sorted() == ["2024-Q2", "2024-Q4"])
  }

  @Test func followsTheNHSRuleForAEIndicatorsWithComplementarySuppression() throws {
    // 1-7 withheld; their rates come from exact counts, so a lone withheld ward is protected
    // by a second one as well.
    #expect(try withheld("ae_assault", wards: [30, 7, 8, 0], l2: 50) == ["W2", "W3"])
  }

  @Test func withholdsAProportionWhoseNonEventsAreFew() throws {
    var rows = [
      Aggregator.Value(
        indicatorID: "school_persistent_absence", geoType: .county, geoCode: "county",
        periodType: .month, period: "2024-09", records: 40, denominator: 42, comparison: "",
        comparisonTwoLevel: "", trend: "")
    ]
    Disclosure.apply(
      to: &rows, definition: try definition("school_persistent_absence"), areas: areas,
      threshold: 4)
    #expect(rows[0].suppressed)  // 2 pupils not persistently absent
  }

  @Test func neverWithholdsTheHotspotCount() throws {
    #expect(try withheld("multi_agency_hotspot", wards: [1, 2, 3, 0], l2: 1) == [])
  }
}
