/// `made verify`: "views show only what packs may".
///
/// Analysts copy figures from the `v_*` views into slides and reports (migration 14). A view
/// edited or replaced by hand, or flags that no longer match `suppressed`, would let a
/// withheld figure out with nobody checking it. This check rereads the views the way a
/// careless analyst would.
extension Verification {
  func viewsFinding() throws -> Finding {
    let connection = warehouse.connection
    var problems: [String] = []
    func count(_ sql: String) throws -> Int { try connection.integer(sql) }
    let views = Set(
      try connection.rows("SELECT name FROM sqlite_master WHERE type = 'view'").map {
        try $0.text("name")
      })
    for view in ["v_indicator_values", "v_indicator_latest", "v_hotspots"]
    where !views.contains(view) {
      problems.append("\(view) is missing")
    }
    guard problems.isEmpty else {
      return Finding(
        check: "views show only what packs may", problems: problems, none: "",
        consequence: "run `made init` on the workspace to migrate it again")
    }
    let flags = try count(
      """
      SELECT count(*) FROM indicator_values v
      LEFT JOIN indicator_values c ON c.indicator_id = v.indicator_id
        AND c.geo_type = 'county' AND c.period_type = v.period_type AND c.period = v.period
      WHERE v.comparison_withheld <> (v.suppressed = 1 OR coalesce(c.suppressed, 0) = 1)
        OR (v.suppressed = 1 AND v.trend_withheld = 0)
      """)
    if flags > 0 {
      problems.append("\(flags) rows whose withheld flags do not follow `suppressed`")
    }
    var shown: [String] = []
    for view in ["v_indicator_values", "v_indicator_latest", "v_hotspots"]
      + (views.contains("v_ward_profile") ? ["v_ward_profile"] : [])
    {
      let other = try count(
        "SELECT count(*) FROM \(view) WHERE period_type NOT IN \(Warehouse.publishedPeriodTypes)")
      if other > 0 { shown.append("\(view) shows \(other) rows of months or rolling years") }
    }
    let join = """
      FROM v_indicator_values p JOIN indicator_values v ON v.indicator_id = p.indicator_id
        AND v.geo_type = p.geo_type AND v.geo_code = p.geo_code
        AND v.period_type = p.period_type AND v.period = p.period
      """
    let withheld = try count(
      """
      SELECT count(*) \(join) WHERE v.suppressed = 1 AND (p.records IS NOT NULL
        OR p.numerator IS NOT NULL OR p.value IS NOT NULL OR p.lower_95 IS NOT NULL
        OR p.upper_95 IS NOT NULL OR p.lower_998 IS NOT NULL OR p.upper_998 IS NOT NULL)
      """)
    if withheld > 0 { shown.append("v_indicator_values shows \(withheld) withheld figures") }
    let derived = try count(
      """
      SELECT count(*) \(join) WHERE (v.comparison_withheld = 1 AND p.comparison IS NOT NULL)
        OR (v.trend_withheld = 1 AND (p.trend IS NOT NULL OR p.change IS NOT NULL))
      """)
    if derived > 0 {
      shown.append("v_indicator_values shows \(derived) comparisons or trends of withheld cells")
    }
    let harm = try count(
      """
      SELECT count(*) FROM v_hotspots h JOIN indicator_values v ON v.indicator_id = 'sv_harm'
        AND v.geo_type = 'ward' AND v.geo_code = h.ward_code AND v.period_type = h.period_type
        AND v.period = h.period
      WHERE v.suppressed = 1 AND (h.sv_harm IS NOT NULL OR h.sv_harm_offences IS NOT NULL)
      """)
    if harm > 0 { shown.append("v_hotspots shows \(harm) withheld harm figures") }
    problems += shown
    return Finding(
      check: "views show only what packs may", problems: problems,
      none: "no withheld figure, and nothing resting on one, is readable through the views",
      consequence: shown.isEmpty
        ? "run `made aggregate` to set the flags again"
        : "a view was changed by hand: create it again from "
          + "Schemas/migrations/migration-14.sql (v_ward_profile: `made aggregate` does), or "
          + "restore the warehouse from its backup")
  }
}
