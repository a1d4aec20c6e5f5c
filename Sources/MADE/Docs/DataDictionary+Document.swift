/// The dictionary as a document of headings, paragraphs, lists and tables, built once and
/// rendered alike as Markdown and HTML.
extension DataDictionary {
  /// A run of text: plain, a name or code, or (in HTML) a link within the page.
  indirect enum Span: Equatable {
    case plain(String)
    case code(String)
    case link([Span], anchor: String)
  }

  enum Block {
    case heading(level: Int, text: [Span], anchor: String)
    case paragraph([Span])
    case list([[Span]])
    case table(header: [String], rows: [[[Span]]])
  }

  /// Text in which `backticks` mark code.
  static func prose(_ text: String) -> [Span] {
    var spans: [Span] = []
    for (index, part) in text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
    where !part.isEmpty {
      spans.append(index % 2 == 1 ? .code(String(part)) : .plain(String(part)))
    }
    return spans
  }

  static func described(_ text: String) -> [Span] {
    text.isEmpty ? [.plain("(not documented)")] : prose(text)
  }

  /// The dictionary as blocks, rendered alike to Markdown and HTML.
  var document: [Block] {
    var blocks: [Block] = [
      .heading(level: 1, text: [.plain("MADE warehouse data dictionary")], anchor: "top"),
      .paragraph(
        Self.prose(
          "Schema version \(schemaVersion), MADE \(MADEVersion.string). Every table and view "
            + "of the warehouse with its grain and columns, every indicator of the catalogue, "
            + "and the coded values of `indicator_values`. Written by `made docs` from the "
            + "migrations, the feed schemas (`Schemas/feeds/`), "
            + "`Schemas/warehouse-columns.json` and the indicator catalogue "
            + "(`Schemas/indicators.json`): change those, not this file.")),
      .heading(level: 2, text: [.plain("Contents")], anchor: "contents"),
    ]
    var contents: [[Span]] = []
    for section in Section.allCases {
      let names = tables.filter { $0.section == section }.map(\.name)
      guard !names.isEmpty else { continue }
      let links = names.map { Span.link([.code($0)], anchor: "table-\($0)") }
      contents.append(
        [.link([.plain(section.title)], anchor: "section-\(section.rawValue)"), .plain(": ")]
          + Self.commaSeparated(links))
    }
    contents.append([.link([.plain("Indicator catalogue")], anchor: "catalogue")])
    contents.append([
      .link([.plain("Coded values of "), .code("indicator_values")], anchor: "coded-values")
    ])
    blocks.append(.list(contents))

    for section in Section.allCases {
      let members = tables.filter { $0.section == section }
      guard !members.isEmpty else { continue }
      blocks.append(
        .heading(level: 2, text: [.plain(section.title)], anchor: "section-\(section.rawValue)"))
      blocks.append(.paragraph(Self.prose(section.summary)))
      for table in members {
        blocks.append(
          .heading(
            level: 3, text: [.code(table.name), .plain(" (\(table.kind.rawValue))")],
            anchor: "table-\(table.name)"))
        blocks.append(.paragraph(Self.described(table.description)))
        blocks.append(
          .table(
            header: ["column", "type", "not null", "key", "description"],
            rows: table.columns.map { column in
              [
                [.code(column.name)], [.plain(column.type)],
                [.plain(column.isNotNull ? "yes" : "")], key(of: column, in: table),
                Self.described(column.description),
              ]
            }))
      }
    }

    blocks.append(.heading(level: 2, text: [.plain("Indicator catalogue")], anchor: "catalogue"))
    blocks.append(
      .paragraph(
        Self.prose(
          "\(indicators.count) indicators, in catalogue order (`indicators.sort_order`). "
            + "Each is published in `indicator_values` for the geographies and period types "
            + "listed; every level is compared with the county."
            + (indicators.contains { $0.id == "sv_offences" }
              ? " \"The serious-violence rate\" is `sv_offences`: serious-violence offences "
                + "per 1,000 residents (a rate, in `v_ward_profile` too); `sv_harm` weights the "
                + "same offences by harm, and `v_hotspots.sv_harm_offences` is the count "
                + "behind it." : ""))))
    for indicator in indicators {
      blocks.append(
        .heading(
          level: 3, text: [.code(indicator.id), .plain(": " + indicator.title)],
          anchor: "indicator-\(indicator.id)"))
      blocks.append(.paragraph(Self.prose(indicator.definition)))
      blocks.append(.table(header: ["property", "value"], rows: properties(of: indicator)))
    }

    blocks.append(
      .heading(
        level: 2, text: [.plain("Coded values of "), .code("indicator_values")],
        anchor: "coded-values"))
    blocks.append(
      .paragraph(
        Self.prose(
          "The same columns appear in `v_indicator_latest`; `v_ward_profile` and `v_hotspots` "
            + "show `period_type` too. `indicator_values` holds every figure, withheld ones "
            + "included (`suppressed` = 1), for analysis only: never publish from it. The "
            + "`v_*` views show what a pack shows: withheld figures, and comparisons and "
            + "trends that rest on them, are blank there.")))
    for vocabulary in vocabularies {
      blocks.append(
        .heading(
          level: 3, text: [.code(vocabulary.column)], anchor: "values-\(vocabulary.column)"))
      blocks.append(.paragraph(Self.prose(vocabulary.description)))
      blocks.append(
        .table(
          header: ["value", "meaning"],
          rows: vocabulary.terms.map { [[.code($0.value)], Self.described($0.meaning)] }))
    }
    return blocks
  }

  private func key(of column: Column, in table: Table) -> [Span] {
    var spans: [Span] = []
    if let position = column.primaryKeyPosition {
      let parts = table.columns.filter { $0.primaryKeyPosition != nil }.count
      spans.append(.plain(parts > 1 ? "PK \(position)" : "PK"))
    }
    if let target = column.references {
      let table = target.prefix { $0 != "." }
      spans += [
        .plain(spans.isEmpty ? "→ " : ", → "), .link([.code(target)], anchor: "table-\(table)"),
      ]
    }
    return spans
  }

  /// Spans joined by ", ".
  static func commaSeparated(_ items: [Span]) -> [Span] {
    items.enumerated().flatMap { index, item in (index == 0 ? [] : [.plain(", ")]) + [item] }
  }

  private func properties(of indicator: IndicatorDefinition) -> [[[Span]]] {
    func list(_ values: [String]) -> [Span] { Self.commaSeparated(values.map { .code($0) }) }
    var rows: [[[Span]]] = [
      [[.plain("partner type")], [.code(indicator.partnerType)]],
      [[.plain("source feeds")], list(indicator.sourceFeeds)],
      [
        [.plain("method")],
        [.code(indicator.method.rawValue), .plain(": " + Self.meaning(indicator.method))],
      ],
      [[.plain("value")], Self.prose(IndicatorUnit(indicator).definition)],
      [
        [.plain("polarity")],
        [.code(indicator.polarity.rawValue), .plain(": " + Self.meaning(indicator.polarity))],
      ],
      [
        [.plain("suppression")],
        [
          .code(indicator.suppression.rawValue),
          .plain(": " + Self.meaning(indicator.suppression)),
        ],
      ],
    ]
    if let numerator = indicator.numerator {
      rows.append([[.plain("numerator")], Self.prose(numerator.description)])
      rows.append([[.plain("numerator table")], [.code(numerator.table)]])
      if let filter = numerator.filter {
        rows.append([[.plain("numerator filter")], [.code(filter)]])
      }
      if let sum = numerator.sum { rows.append([[.plain("numerator sum")], [.code(sum)]]) }
      if let school = numerator.placeBySchool {
        rows.append([
          [.plain("placed by")],
          [.plain("the school in "), .code(school), .plain(" (its postcode in GIAS)")],
        ])
      }
    }
    if let denominator = indicator.denominator {
      rows.append([[.plain("denominator")], Self.prose(denominator.description)])
      if let from = denominator.ageFrom, let to = denominator.ageTo {
        let ages = to >= 90 ? (from == 0 ? "all ages" : "\(from) and over") : "\(from) to \(to)"
        rows.append([[.plain("denominator ages")], [.plain(ages)]])
      }
      if let filter = denominator.recordsFilter {
        rows.append([[.plain("denominator filter")], [.code(filter)]])
      }
    }
    rows.append([[.plain("geographies")], list(indicator.geographies.map(\.rawValue))])
    rows.append([[.plain("period types")], list(indicator.periods.map(\.rawValue))])
    return rows
  }
}
