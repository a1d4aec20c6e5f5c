extension PackReport.Report {
  /// The multi-agency hotspot table: the children with the most partner types worse than the
  /// county.
  func hotspot() -> [String] {
    var lines = [
      "<section class=\"hotspot\">",
      "<h2>Multi-agency hotspot</h2>",
    ]
    guard let indicator = pack.indicators.first(where: { $0.id == PackReport.hotspotIndicatorID })
    else {
      return lines + [
        "<p>This pack does not include the multi-agency hotspot indicator.</p>", "</section>",
      ]
    }
    let childrenName = plural(childrenType ?? .ward)
    lines.append("<p>\(escape(indicator.definition))</p>")
    let values = hotspotValues(indicator)
    guard !values.isEmpty else {
      return lines + [
        "<p>No \(escape(childrenName)) have a hotspot value for \(escape(pack.period))."
          + "</p>", "</section>",
      ]
    }
    let minimum = Double(PackReport.hotspotMinimum)
    let hotspots = values.filter { $0.1 >= minimum }
    let listed =
      hotspots.count >= PackReport.hotspotListed
      ? hotspots : Array(values.prefix(PackReport.hotspotListed))
    let caption =
      hotspots.count >= PackReport.hotspotListed
      ? "\(capitalised(childrenName)) of \(pack.area.geoName) with \(PackReport.hotspotMinimum) or more "
        + "partner types worse than \(pack.county.geoName), \(pack.period)"
      : "The \(listed.count) \(childrenName) of \(pack.area.geoName) with the most partner "
        + "types worse than \(pack.county.geoName), \(pack.period)"
    lines += hotspotMap(indicator)
    lines += [
      "<p>\(hotspots.count) of \(values.count) \(escape(childrenName)) "
        + "\(hotspots.count == 1 ? "is a hotspot" : "are hotspots") in "
        + "\(escape(pack.period)): \(PackReport.hotspotMinimum) or more partner types worse than "
        + "\(county).</p>",
      "<table class=\"hotspots\">",
      "<caption>\(escape(caption))</caption>",
      "<thead><tr><th scope=\"col\">\(escape(capitalised(singular(childrenType ?? .ward))))"
        + "</th><th scope=\"col\" class=\"num\">Partner types worse than \(county) (of "
        + "\(IndicatorDefinition.hotspotPartnerTypes.count))</th>"
        + "<th scope=\"col\">Worse on the data of</th>"
        + "<th scope=\"col\">Hotspot</th></tr></thead>",
      "<tbody>",
    ]
    for (child, value) in listed {
      lines.append(
        "<tr><th scope=\"row\">\(escape(child.geoName))</th><td class=\"num\">"
          + "\(NumberFormat.decimal(value, places: 0))</td><td>"
          + "\(escape(worsePartners(child).joined(separator: ", ")))</td><td>"
          + "\(value >= minimum ? "Yes" : "No")</td></tr>")
    }
    lines += ["</tbody>", "</table>", "</section>"]
    return lines
  }

  /// The children with a hotspot value in the pack's period and that value, the highest
  /// first, then by name: the table's order and the summary's.
  func hotspotValues(_ indicator: IndicatorDefinition) -> [(Pack.Area, Double)] {
    pack.children.compactMap { child in
      row(indicator.id, child, period: pack.period)?.value.number.map { (child, $0) }
    }.sorted { a, b in
      a.1 != b.1 ? a.1 > b.1 : (a.0.geoName, a.0.geoCode) < (b.0.geoName, b.0.geoCode)
    }
  }

  /// The partner types with an indicator significantly worse than the county for an area in
  /// the pack's period, in the hotspot's order ("police, youth justice"); "none" when none.
  func worsePartners(_ area: Pack.Area) -> [String] {
    let worse = Set(
      pack.indicators.filter {
        row($0.id, area, period: pack.period).map { Verdict($0.comparison) == .worse } ?? false
      }.map(\.partnerType))
    let partners = IndicatorDefinition.hotspotPartnerTypes.filter { worse.contains($0) }
    return partners.isEmpty
      ? ["none"] : partners.map { $0.replacingOccurrences(of: "-", with: " ") }
  }
}
