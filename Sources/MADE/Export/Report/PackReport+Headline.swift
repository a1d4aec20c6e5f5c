extension PackReport.Report {
  /// The headline table: every indicator with a value for the area in the pack's period,
  /// beside the county's, with the comparison and the trend.
  func headline() -> [String] {
    var lines = [
      "<section class=\"headline\">",
      "<h2>Headline indicators</h2>",
    ]
    let indicators = pack.indicators.filter {
      row($0.id, pack.area, period: pack.period) != nil
    }
    guard !indicators.isEmpty else {
      return lines + [
        "<p>This pack has no indicator values for \(area) in "
          + "\(escape(pack.period)).</p>", "</section>",
      ]
    }
    lines += [
      "<table class=\"indicators\">",
      "<caption>Indicators for \(area), \(escape(pack.period)), compared with "
        + "\(county)</caption>",
      "<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\" class=\"num\">\(area)"
        + "</th><th scope=\"col\" class=\"num\">95% interval</th><th scope=\"col\" "
        + "class=\"num\">\(county)</th><th scope=\"col\">Compared with \(county)</th>"
        + "<th scope=\"col\">Trend</th></tr></thead>",
      "<tbody>",
    ]
    for indicator in indicators {
      guard let row = row(indicator.id, pack.area, period: pack.period) else { continue }
      let verdict = Verdict(row.comparison)
      let countyCell = countyRow(indicator, period: pack.period)?.value ?? .missing
      lines.append(
        "<tr><th scope=\"row\">\(escape(indicator.title))</th>"
          + "<td class=\"num\">\(shown(row.value) { withUnit($0, indicator) })</td>"
          + "<td class=\"num\">\(interval(row, indicator))</td>"
          + "<td class=\"num\">\(shown(countyCell) { number($0, indicator) })</td>"
          + "<td>\(verdict.badge)</td>"
          + "<td>\(trendLabel(row.trend))</td></tr>")
    }
    lines += ["</tbody>", "</table>"]
    lines += legend()
    lines.append("</section>")
    return lines
  }

  /// What each comparison colour means, with its words.
  func legend() -> [String] {
    ["<ul class=\"legend\" aria-label=\"Key to the comparison colours\">"]
      + Verdict.allCases.map { "<li>\($0.badge) \($0.meaning(county: county))</li>" }
      + [
        "<li><abbr class=\"c\" title=\"\(suppressedTitle)\">c</abbr> suppressed to protect "
          + "confidentiality; <span class=\"none\">–</span> no value</li>",
        "</ul>",
      ]
  }
}
