extension PackReport.Report {
  /// Indicators named in full in one sentence; the rest are counted ("and 2 more").
  static let summaryListed = 4
  /// A run of rises or falls is told from this many periods running.
  static let summaryRun = 3

  /// The summary section: the sentences of `summary()` as a list.
  func summarySection() -> [String] {
    ["<section class=\"summary\">", "<h2>Summary</h2>", "<ul>"]
      + summary().sentences.map { "<li>\($0.html)</li>" } + ["</ul>", "</section>"]
  }

  /// Three to six sentences from the pack's figures (`PackSummary`).
  func summary() -> PackSummary {
    let compared = compared(pack.area)
    var sentences = [isCountyPack ? childrenComparison() : areaComparison(compared)]
    if !isCountyPack, let better = areaBetter(compared) { sentences.append(better) }
    sentences.append(trendSentence())
    if let run = runSentence() { sentences.append(run) }
    if let hotspots = hotspotSentence() { sentences.append(hotspots) }
    sentences.append(withheldSentence())
    return PackSummary(sentences: Array(sentences.prefix(6)))
  }

  // MARK: - Comparisons

  /// The compared (not `not_compared`) indicators of an area in the pack's period.
  private func compared(_ area: Pack.Area) -> [(IndicatorDefinition, Pack.Row)] {
    pack.indicators.filter { $0.method != .count }.compactMap { indicator in
      guard let row = row(indicator.id, area, period: pack.period), row.value.number != nil,
        Verdict(row.comparison) != .notCompared
      else { return nil }
      return (indicator, row)
    }
  }

  /// "Robbery (2.4 per 1,000 against 1.9)", with its fact.
  private func named(_ indicator: IndicatorDefinition, _ row: Pack.Row) -> (
    String, PackSummary.Fact
  ) {
    let value = row.value.number ?? 0
    let county =
      row.area == pack.county
      ? nil
      : self.row(indicator.id, pack.county, period: pack.period)?
        .value.number
    let against = county.map { " against \(plainNumber($0, indicator))" } ?? ""
    return (
      "\(escape(indicator.title)) (\(plainNumber(value, indicator))\(against))",
      .comparison(
        indicatorID: indicator.id, area: row.area, period: pack.period,
        verdict: Verdict(row.comparison).label, value: value, county: county)
    )
  }

  /// "A, B, C, D and 2 more", and the facts of those named.
  private func list(_ rows: [(IndicatorDefinition, Pack.Row)]) -> (String, [PackSummary.Fact]) {
    let named = rows.prefix(Self.summaryListed).map { self.named($0.0, $0.1) }
    var names = named.map(\.0)
    if rows.count > names.count { names.append("\(rows.count - names.count) more") }
    let text =
      names.count > 1
      ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
    return (text, named.map(\.1))
  }

  /// `all`: the area's compared indicators.
  private func areaComparison(_ all: [(IndicatorDefinition, Pack.Row)]) -> PackSummary.Sentence {
    let worse = all.filter { Verdict($0.1.comparison) == .worse }
    let tally = PackSummary.Fact.tally(
      area: pack.area, period: pack.period, verdict: Verdict.worse.label, count: worse.count,
      of: all.count)
    guard !worse.isEmpty else {
      return .init(
        html: "\(area) is not significantly worse than \(county) on any of "
          + "\(theIndicatorsCompared(all.count)) for \(escape(pack.period)).", facts: [tally])
    }
    let (names, facts) = list(worse)
    return .init(
      html: "\(area) is significantly worse than \(county) on \(worse.count) of "
        + "\(theIndicatorsCompared(all.count)) for \(escape(pack.period)): \(names).",
      facts: [tally] + facts)
  }

  private func areaBetter(_ all: [(IndicatorDefinition, Pack.Row)]) -> PackSummary.Sentence? {
    let better = all.filter { Verdict($0.1.comparison) == .better }
    guard !better.isEmpty else { return nil }
    let (names, facts) = list(better)
    return .init(
      html: "It is significantly better on \(better.count): \(names).",
      facts: [
        .tally(
          area: pack.area, period: pack.period, verdict: Verdict.better.label,
          count: better.count, of: all.count)
      ] + facts)
  }

  /// A county pack: how many districts are worse on something, and which on the most.
  private func childrenComparison() -> PackSummary.Sentence {
    let children = pack.children.map { child in
      (child, compared(child).filter { Verdict($0.1.comparison) == .worse })
    }
    let worse = children.filter { !$0.1.isEmpty }
    let kind = plural(childrenType ?? .lad)
    let fact = PackSummary.Fact.childrenWorse(
      period: pack.period, count: worse.count, of: children.count)
    guard
      let most = worse.max(by: {
        ($0.1.count, $1.0.geoName) < ($1.1.count, $0.0.geoName)
      })
    else {
      return .init(
        html: "None of the \(children.count) \(kind) is significantly worse than \(county) on "
          + "any indicator in \(escape(pack.period)).", facts: [fact])
    }
    let (names, facts) = list(most.1)
    return .init(
      html: "\(worse.count) of the \(children.count) \(kind) \(worse.count == 1 ? "is" : "are") "
        + "significantly worse than "
        + "\(county) on at least one indicator in \(escape(pack.period)); "
        + "\(escape(most.0.geoName)) on the most, \(most.1.count): \(names).",
      facts: [
        fact,
        .tally(
          area: most.0, period: pack.period, verdict: Verdict.worse.label,
          count: most.1.count, of: compared(most.0).count),
      ] + facts)
  }

  // MARK: - Change over time

  /// The area's significant trends, or why there are none.
  private func trendSentence() -> PackSummary.Sentence {
    let periods = periodPlural(pack.periodType)
    var moving: [(String, PackSummary.Fact)] = []
    var anyCalculated = false
    for indicator in pack.indicators where indicator.method != .count {
      guard let row = row(indicator.id, pack.area, period: pack.period) else { continue }
      anyCalculated = anyCalculated || row.trend != Statistics.Trend.notCalculated.rawValue
      guard
        row.trend == Statistics.Trend.increasing.rawValue
          || row.trend == Statistics.Trend.decreasing.rawValue,
        let first = history(indicator.id, pack.area).suffix(Statistics.trendPeriods).first,
        let from = first.value.number, let to = row.value.number
      else { continue }
      let word = row.trend == Statistics.Trend.increasing.rawValue ? "increasing" : "decreasing"
      moving.append(
        (
          "\(escape(indicator.title)) is \(word) (\(plainNumber(from, indicator)) in "
            + "\(escape(first.period)), \(plainNumber(to, indicator)) in \(escape(row.period)))",
          .trend(
            indicatorID: indicator.id, area: pack.area, trend: row.trend, from: first.period,
            fromValue: from, to: row.period, toValue: to)
        ))
    }
    if !moving.isEmpty {
      let shown = moving.prefix(Self.summaryListed)
      let more = moving.count > shown.count ? "; and \(moving.count - shown.count) more" : ""
      return .init(
        html: "Over the last \(Statistics.trendPeriods) \(periods) for \(area): "
          + shown.map(\.0).joined(separator: "; ") + more + ".",
        facts: shown.map(\.1))
    }
    if anyCalculated {
      return .init(
        html: "No indicator for \(area) changed significantly over the last "
          + "\(Statistics.trendPeriods) \(periods).",
        facts: [.noChange(area: pack.area, period: pack.period)])
    }
    let withValues = Set(
      pack.rows.filter {
        $0.periodType == pack.periodType && $0.area == pack.area && $0.value.number != nil
          && $0.period <= pack.period
      }.map(\.period)
    ).count
    let why =
      withValues < Statistics.trendPeriods
      ? "a trend needs values for \(Statistics.trendPeriods) \(periods) in a row, and \(area) "
        + "has values for \(withValues)"
      : "each indicator has a withheld value, or one without an interval, among its last "
        + "\(Statistics.trendPeriods) \(periods)"
    return .init(
      html: "No trend is calculated for \(area): \(why).",
      facts: [.noTrend(area: pack.area, period: pack.period, periodsWithValues: withValues)])
  }

  /// The longest run of rises (or falls) ending in the pack's period, when it is long
  /// enough to tell.
  private func runSentence() -> PackSummary.Sentence? {
    var best: (IndicatorDefinition, [Pack.Row], Bool)?
    for indicator in pack.indicators where indicator.method != .count {
      let rows = history(indicator.id, pack.area)
      guard rows.last?.period == pack.period else { continue }
      for rising in [true, false] {
        var run = [rows[rows.count - 1]]
        for row in rows.dropLast().reversed() {
          guard let value = row.value.number, let next = run[0].value.number,
            Period.parse(run[0].period, type: pack.periodType)?.previous.label == row.period,
            rising ? value < next : value > next
          else { break }
          run.insert(row, at: 0)
        }
        if run.count - 1 >= Self.summaryRun, run.count > (best?.1.count ?? 0) {
          best = (indicator, run, rising)
        }
      }
    }
    guard let (indicator, run, rising) = best else { return nil }
    let values = run.compactMap(\.value.number)
    return .init(
      html: "\(escape(indicator.title)) \(rising ? "rose" : "fell") for the "
        + "\(ordinal(run.count - 1)) \(singularPeriod(pack.periodType)) running in \(area): "
        + zip(run, values).map { "\(plainNumber($1, indicator)) in \(escape($0.period))" }
        .joined(separator: ", ") + ".",
      facts: [
        .run(
          indicatorID: indicator.id, area: pack.area, periods: run.map(\.period),
          values: values, rising: rising)
      ])
  }

  // MARK: - Hotspots and withheld figures

  private func hotspotSentence() -> PackSummary.Sentence? {
    guard let indicator = pack.indicators.first(where: { $0.id == PackReport.hotspotIndicatorID })
    else { return nil }
    let values = hotspotValues(indicator).map { ($0.0, Int($0.1)) }
    guard !values.isEmpty else { return nil }
    let minimum = PackReport.hotspotMinimum
    let hot = values.filter { $0.1 >= minimum }
    let kind = plural(childrenType ?? .ward)
    let fact = PackSummary.Fact.hotspots(
      period: pack.period, count: hot.count, of: values.count, minimum: minimum)
    guard !hot.isEmpty else {
      return .init(
        html: "None of the \(values.count) \(kind) is worse than \(county) on the data of "
          + "\(minimum) or more partner types in \(escape(pack.period)).", facts: [fact])
    }
    let shown = hot.prefix(5)
    let more = hot.count > shown.count ? " and \(hot.count - shown.count) more" : ""
    return .init(
      html: "\(hot.count) of the \(values.count) \(kind) \(hot.count == 1 ? "is" : "are") worse "
        + "than \(county) on the data "
        + "of \(minimum) or more partner types in \(escape(pack.period)): "
        + shown.map { "\(escape($0.0.geoName)) (\($0.1))" }.joined(separator: ", ") + more
        + ".",
      facts: [fact]
        + shown.map { .hotspot(area: $0.0, period: pack.period, value: $0.1) })
  }

  private func withheldSentence() -> PackSummary.Sentence {
    let rows = pack.rows.filter { $0.periodType == pack.periodType && $0.period == pack.period }
    let withheld = rows.filter(\.suppressed).count
    let fact = PackSummary.Fact.withheld(period: pack.period, count: withheld, of: rows.count)
    guard withheld > 0 else {
      return .init(
        html: "No figure for \(escape(pack.period)) in this pack is withheld.", facts: [fact])
    }
    return .init(
      html: "\(withheld) of the \(rows.count) figures for \(escape(pack.period)) in this pack "
        + "are withheld to protect confidentiality (shown as <abbr class=\"c\" title=\""
        + "\(suppressedTitle)\">c</abbr>): small numbers, and figures from which a small "
        + "number could be worked out.",
      facts: [fact])
  }

  // MARK: - Words

  /// A value and its unit as plain text: "12.3 per 1,000", "45.6%".
  func plainNumber(_ value: Double, _ indicator: IndicatorDefinition) -> String {
    let text = number(value, indicator)
    let unit = IndicatorUnit(indicator)
    return unit.kind == .percentage ? text + "%" : "\(text) \(escape(unit.short))"
  }

  /// "the 12 indicators compared", "the 1 indicator compared".
  func theIndicatorsCompared(_ count: Int) -> String {
    "the \(count) indicator\(count == 1 ? "" : "s") compared"
  }

  /// "third", "7th", "22nd".
  func ordinal(_ number: Int) -> String {
    let words = [2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"]
    if let word = words[number] { return word }
    let suffix: String
    switch (number % 10, (11...13).contains(number % 100)) {
    case (1, false): suffix = "st"
    case (2, false): suffix = "nd"
    case (3, false): suffix = "rd"
    default: suffix = "th"
    }
    return "\(number)\(suffix)"
  }
}
