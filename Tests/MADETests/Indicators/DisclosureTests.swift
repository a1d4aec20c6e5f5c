import Testing

@testable import MADE

/// Primary and complementary suppression (METHODS.md), on a district of four wards, a
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

  func withheld(_ indicator: String, wards: [Int], l2: Int) throws -> [String] {
    var rows = values(indicator, wards: wards, l2: l2)
    Disclosure.apply(
      to: &rows, catalog: try IndicatorCatalog.builtIn(), areas: areas, threshold: 4)
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

  @Test func withholdsTheTotalWhenNoOtherChildCanBeAndCascadesUpwards() throws {
    // L2 = 2 has one ward (W5): the district is primary, so the partnership P2 (= L2) must go,
    // and the county over L1 and L2 then withholds L1 as well.
    #expect(try withheld("sv_offences", wards: [30, 5, 10, 6], l2: 2) == ["W5", "L1", "L2", "P2"])
  }

  @Test func followsTheNHSRuleForAEIndicators() throws {
    // 1-7 withheld, no complementary suppression (rounding protects the rest).
    #expect(try withheld("ae_assault", wards: [30, 7, 8, 0], l2: 50) == ["W2"])
  }

  @Test func neverWithholdsTheHotspotCount() throws {
    #expect(try withheld("multi_agency_hotspot", wards: [1, 2, 3, 0], l2: 1) == [])
  }
}
