/// The area as MADE publishes it: wards, districts and partnerships with names.
struct AreaGeography {
  struct Ward {
    var wardCode: String
    var wardName: String
    var ladCode: String
  }

  var name: String
  /// The area's wards, by district then code.
  var wards: [Ward]
  /// The area's districts (in `ref_lads` with `in_area = 1`), by code.
  var ladCodes: [String]
  var ladNames: [String: String]
  var wardsOfLAD: [String: [String]]
  /// The partnerships of made.toml, limited to districts the warehouse knows.
  var partnerships: [Config.Partnership]
  var partnershipOfLAD: [String: String]
}

/// `ref_areas` and `ref_csps`: the wards, districts and partnerships packs publish.
extension Warehouse {
  /// The area's wards, districts and partnerships.
  func areaGeography(config: Config) throws -> AreaGeography {
    let wards = try connection.rows(
      """
      SELECT w.ward_code, w.ward_name, w.lad_code FROM ref_wards w JOIN ref_lads l USING (lad_code)
      WHERE l.in_area = 1 ORDER BY w.lad_code, w.ward_code
      """
    ).map {
      AreaGeography.Ward(
        wardCode: try $0.text("ward_code"), wardName: try $0.text("ward_name"),
        ladCode: try $0.text("lad_code"))
    }
    var ladNames: [String: String] = [:]
    for row in try connection.rows("SELECT lad_code, lad_name FROM ref_lads WHERE in_area = 1") {
      let code = try row.text("lad_code")
      ladNames[code] = try row.optionalText("lad_name") ?? code
    }
    var wardsOfLAD: [String: [String]] = [:]
    for ward in wards { wardsOfLAD[ward.ladCode, default: []].append(ward.wardCode) }
    var partnerships: [Config.Partnership] = []
    var partnershipOfLAD: [String: String] = [:]
    for partnership in config.partnerships {
      var known = partnership
      known.ladCodes = partnership.ladCodes.filter { ladNames[$0] != nil }
      guard !known.ladCodes.isEmpty else { continue }
      partnerships.append(known)
      for lad in known.ladCodes { partnershipOfLAD[lad] = partnership.code }
    }
    return AreaGeography(
      name: config.area.name, wards: wards, ladCodes: ladNames.keys.sorted(), ladNames: ladNames,
      wardsOfLAD: wardsOfLAD, partnerships: partnerships, partnershipOfLAD: partnershipOfLAD)
  }

  func writeAreas(_ areas: AreaGeography) throws {
    try connection.execute("DELETE FROM ref_areas; DELETE FROM ref_csps;")
    let area = try connection.prepare(
      "INSERT INTO ref_areas (geo_type, geo_code, geo_name, lad_code, csp_code) VALUES (?, ?, ?, ?, ?)"
    )
    func add(_ type: GeoType, _ code: String, _ name: String, _ lad: String?, _ csp: String?)
      throws
    {
      try area.bind([.text(type.rawValue), .text(code), .text(name), SQLValue(lad), SQLValue(csp)])
      try area.run()
    }
    for ward in areas.wards {
      try add(
        .ward, ward.wardCode, ward.wardName, ward.ladCode, areas.partnershipOfLAD[ward.ladCode])
    }
    for lad in areas.ladCodes {
      try add(.lad, lad, areas.ladNames[lad] ?? lad, lad, areas.partnershipOfLAD[lad])
    }
    let csp = try connection.prepare(
      "INSERT INTO ref_csps (csp_code, csp_name, lad_code) VALUES (?, ?, ?)")
    for partnership in areas.partnerships {
      try add(.csp, partnership.code, partnership.name, nil, partnership.code)
      for lad in partnership.ladCodes {
        try csp.bind([.text(partnership.code), .text(partnership.name), .text(lad)])
        try csp.run()
      }
    }
    try add(.county, "county", areas.name, nil, nil)
  }
}
