import Foundation
import Testing

@testable import MADE

/// Reads every `v_*` view of a warehouse as an analyst would and checks that none shows what
/// a pack withholds (docs/methods.md § "Small-number suppression before export"): a withheld
/// cell's counts, value and limits, a comparison resting on a withheld cell, or a trend,
/// previous value or change reading one. The withheld flags are worked out here again from
/// `suppressed`, not taken from the warehouse. Called on the demo warehouse by
/// `EndToEndTests`.
struct ViewDisclosureAudit {
  let warehouse: Warehouse

  /// The views checked below; a new view must get its rule here before it passes.
  static let views: Set<String> = [
    "v_indicator_values", "v_indicator_latest", "v_hotspots", "v_ward_profile",
    "v_school_places",
  ]

  /// The period types packs publish, and the views show.
  static let published = "period_type IN ('quarter', 'financial_year')"

  /// What was found, so that a caller can tell the checks were not vacuous.
  struct Seen {
    var withheld = 0
    var comparisonsWithheldByTheCounty = 0
    var trendsWithheldByAnEarlierPeriod = 0
    var withheldInValues = 0
    var withheldInLatest = 0
    var withheldHarmInHotspots = 0
  }

  func count(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
    try warehouse.scalar(sql, arguments)?.int ?? -1
  }

  @discardableResult
  func checkAll() throws -> Seen {
    var seen = Seen()
    let views = try warehouse.query(
      "SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE 'v!_%' ESCAPE '!'"
    ).map { $0[0].string! }
    #expect(Set(views) == Self.views, "a view without a disclosure rule in ViewDisclosureAudit")
    seen.withheld = try count(
      "SELECT count(*) FROM indicator_values WHERE suppressed = 1 AND \(Self.published)")
    // Only the periods packs publish: a rolling year differenced against the one before it
    // gives a month that small-number protection never saw.
    for view in Self.views.subtracting(["v_school_places"]) {
      #expect(
        try count("SELECT count(*) FROM \(view) WHERE NOT (\(Self.published))") == 0, "\(view)")
    }
    try checkFlags(&seen)
    seen.withheldInValues = try checkPublished("v_indicator_values")
    seen.withheldInLatest = try checkPublished("v_indicator_latest")
    try checkHotspots(&seen)
    try checkWardProfile()
    return seen
  }

  /// `comparison_withheld` and `trend_withheld` as docs/methods.md defines them.
  func checkFlags(_ seen: inout Seen) throws {
    #expect(
      try count(
        """
        SELECT count(*) FROM indicator_values v
        LEFT JOIN indicator_values c ON c.indicator_id = v.indicator_id
          AND c.geo_type = 'county' AND c.period_type = v.period_type AND c.period = v.period
        WHERE v.comparison_withheld
          <> (v.suppressed = 1 OR coalesce(c.suppressed, 0) = 1)
        """) == 0)
    seen.comparisonsWithheldByTheCounty = try count(
      "SELECT count(*) FROM indicator_values WHERE comparison_withheld = 1 AND suppressed = 0")
    let rows = try warehouse.query(
      """
      SELECT indicator_id, geo_type, geo_code, period_type, period, suppressed, trend_withheld
      FROM indicator_values
      """)
    var withheld = Set<String>()
    for row in rows where row[5].int == 1 {
      withheld.insert((0..<5).map { row[$0].string! }.joined(separator: "|"))
    }
    for row in rows {
      let type = try #require(PeriodType(rawValue: row[3].string!))
      var period = try #require(Period.parse(row[4].string!, type: type))
      var reads = row[5].int == 1
      for _ in 1..<Statistics.trendPeriods {
        period = period.previous
        let key = [row[0].string!, row[1].string!, row[2].string!, type.rawValue, period.label]
        reads = reads || withheld.contains(key.joined(separator: "|"))
      }
      #expect((row[6].int == 1) == reads, "\((0..<5).map { row[$0].string! })")
      if reads, row[5].int == 0 { seen.trendsWithheldByAnEarlierPeriod += 1 }
    }
  }

  /// A view of `indicator_values`' columns as a pack shows them; returns its withheld rows.
  func checkPublished(_ view: String) throws -> Int {
    let join = """
      FROM \(view) l
      JOIN indicator_values v ON v.indicator_id = l.indicator_id AND v.geo_type = l.geo_type
        AND v.geo_code = l.geo_code AND v.period_type = l.period_type AND v.period = l.period
      JOIN indicators i ON i.indicator_id = l.indicator_id
      """
    let withheld = try count("SELECT count(*) \(join) WHERE v.suppressed = 1")
    #expect(try count("SELECT count(*) \(join) WHERE l.suppressed <> v.suppressed") == 0)
    // Nothing withheld readable.
    #expect(
      try count(
        """
        SELECT count(*) \(join) WHERE v.suppressed = 1 AND (l.records IS NOT NULL
          OR l.numerator IS NOT NULL OR l.value IS NOT NULL OR l.lower_95 IS NOT NULL
          OR l.upper_95 IS NOT NULL OR l.lower_998 IS NOT NULL OR l.upper_998 IS NOT NULL
          OR (i.method = 'proportion' AND l.denominator IS NOT NULL))
        """) == 0)
    #expect(
      try count(
        """
        SELECT count(*) \(join) WHERE v.comparison_withheld = 1 AND (l.comparison IS NOT NULL
          OR l.comparison_two_level IS NOT NULL OR l.benchmark_value IS NOT NULL)
        """) == 0)
    #expect(
      try count(
        """
        SELECT count(*) \(join) WHERE v.trend_withheld = 1 AND (l.trend IS NOT NULL
          OR l.previous_value IS NOT NULL OR l.change IS NOT NULL)
        """) == 0)
    // What may be shown is shown, as a pack shows it: NHS counts rounded to 5.
    #expect(
      try count(
        """
        SELECT count(*) \(join) WHERE v.suppressed = 0 AND (l.value IS NOT v.value
          OR l.lower_95 IS NOT v.lower_95 OR l.upper_95 IS NOT v.upper_95
          OR l.denominator IS NOT v.denominator
          OR (i.suppression <> 'nhs'
            AND (l.records IS NOT v.records OR l.numerator IS NOT v.numerator))
          OR (i.suppression = 'nhs' AND v.records IS NOT NULL AND (l.records IS NULL
            OR l.records % 5 <> 0 OR abs(l.records - v.records) > 2 OR l.numerator IS NULL
            OR l.numerator % 5 <> 0 OR abs(l.numerator - v.numerator) > 2)))
        """) == 0)
    #expect(
      try count(
        "SELECT count(*) \(join) WHERE v.comparison_withheld = 0 AND l.comparison IS NOT v.comparison"
      ) == 0)
    #expect(
      try count("SELECT count(*) \(join) WHERE v.trend_withheld = 0 AND l.trend IS NOT v.trend")
        == 0)
    return withheld
  }

  func checkHotspots(_ seen: inout Seen) throws {
    let join = """
      FROM v_hotspots h
      LEFT JOIN indicator_values harm ON harm.indicator_id = 'sv_harm' AND harm.geo_type = 'ward'
        AND harm.geo_code = h.ward_code AND harm.period_type = h.period_type
        AND harm.period = h.period
      """
    seen.withheldHarmInHotspots = try count(
      "SELECT count(*) \(join) WHERE harm.suppressed = 1")
    #expect(
      try count(
        """
        SELECT count(*) \(join) WHERE h.sv_harm_suppressed IS NOT coalesce(harm.suppressed, 0)
          OR (harm.suppressed = 1 AND (h.sv_harm IS NOT NULL OR h.sv_harm_offences IS NOT NULL))
          OR (harm.suppressed = 0 AND (h.sv_harm IS NOT harm.value
            OR h.sv_harm_offences IS NOT harm.records))
        """) == 0)
    #expect(
      try count("SELECT count(*) FROM v_hotspots WHERE typeof(partner_types_worse) <> 'integer'")
        == 0)
  }

  /// Each ward-level indicator's four columns against its rows.
  func checkWardProfile() throws {
    let indicators = try warehouse.query(
      "SELECT indicator_id FROM indicators WHERE geographies LIKE '%ward%'"
    ).map { $0[0].string! }
    #expect(!indicators.isEmpty)
    for id in indicators {
      #expect(
        try count(
          """
          SELECT count(*) FROM v_ward_profile p
          JOIN indicator_values v ON v.indicator_id = ? AND v.geo_type = 'ward'
            AND v.geo_code = p.ward_code AND v.period_type = p.period_type
            AND v.period = p.period
          WHERE p.\(id)_suppressed IS NOT v.suppressed
            OR (v.suppressed = 1 AND (p.\(id) IS NOT NULL OR p.\(id)_lower_95 IS NOT NULL
              OR p.\(id)_upper_95 IS NOT NULL))
            OR (v.suppressed = 0 AND (p.\(id) IS NOT v.value OR p.\(id)_lower_95 IS NOT v.lower_95
              OR p.\(id)_upper_95 IS NOT v.upper_95))
          """, [.text(id)]) == 0, "\(id)")
    }
  }
}
