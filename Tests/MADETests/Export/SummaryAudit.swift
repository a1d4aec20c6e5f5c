import Foundation
import Testing

@testable import MADE

/// Holds every sentence of a pack's summary (`PackSummary`) against the pack's rows: each
/// fact it states is worked out again here from the rows, and its names and numbers appear in
/// the sentence as the report formats them. Called on every demo pack by `EndToEndTests`.
enum SummaryAudit {
  /// `realHotspots`: the pack's hotspot values were computed by MADE (not written by hand
  /// for a test), so they must agree with its comparisons.
  static func check(_ pack: Pack, realHotspots: Bool = true) throws {
    let report = PackReport.Report(pack: pack)
    let summary = report.summary()
    let where_ = "\(pack.area.geoName) \(pack.period)"
    #expect((3...6).contains(summary.sentences.count), "\(where_)")
    let rows = pack.rows.filter { $0.periodType == pack.periodType }
    func row(_ id: String, _ area: Pack.Area, _ period: String) -> Pack.Row? {
      rows.first { $0.indicatorID == id && $0.area == area && $0.period == period }
    }
    let definitions = Dictionary(uniqueKeysWithValues: pack.indicators.map { ($0.id, $0) })
    func compared(_ area: Pack.Area, _ period: String) -> [Pack.Row] {
      rows.filter {
        $0.area == area && $0.period == period && definitions[$0.indicatorID]?.method != .count
          && $0.value.number != nil
          && PackReport.Report.Verdict($0.comparison) != .notCompared
      }
    }
    let hotspotID = PackReport.hotspotIndicatorID
    // The hotspot table's partner types are the published comparisons, and each child's
    // hotspot count is their number: the count reveals no withheld comparison.
    for child in pack.children where realHotspots {
      guard let value = row(hotspotID, child, pack.period)?.value.number else { continue }
      let partners = report.worsePartners(child).filter { $0 != "none" }
      #expect(Double(partners.count) == value, "\(child.geoName) \(pack.period): \(partners)")
    }
    for sentence in summary.sentences {
      let text = sentence.html
      func shows(_ value: Double, _ id: String) {
        #expect(text.contains(report.plainNumber(value, definitions[id]!)), "\(value) in \(text)")
      }
      for fact in sentence.facts {
        switch fact {
        case .comparison(let id, let area, let period, let verdict, let value, let county):
          let stored = try #require(row(id, area, period), "\(fact)")
          #expect(PackReport.Report.Verdict(stored.comparison).label == verdict, "\(fact)")
          #expect(stored.value.number == value, "\(fact)")
          #expect(
            county == (area == pack.county ? nil : row(id, pack.county, period)?.value.number))
          #expect(text.contains(HTMLText.escape(definitions[id]!.title)))
          shows(value, id)
          if let county { shows(county, id) }
        case .tally(let area, let period, let verdict, let count, let of):
          let all = compared(area, period)
          #expect(all.count == of, "\(fact)")
          #expect(
            all.filter { PackReport.Report.Verdict($0.comparison).label == verdict }.count == count,
            "\(fact)")
          #expect(text.contains("\(count)"), "\(text)")
        case .childrenWorse(let period, let count, let of):
          #expect(of == pack.children.count)
          #expect(
            pack.children.filter { child in
              compared(child, period).contains {
                PackReport.Report.Verdict($0.comparison) == .worse
              }
            }.count == count, "\(fact)")
          #expect(text.contains("\(count) of the \(of)") || (count == 0 && text.contains("None")))
        case .trend(let id, let area, let trend, let from, let fromValue, let to, let toValue):
          #expect(row(id, area, to)?.trend == trend && row(id, area, to)?.value.number == toValue)
          #expect(row(id, area, from)?.value.number == fromValue, "\(fact)")
          shows(fromValue, id)
          shows(toValue, id)
        case .noChange(let area, let period):
          let trends = rows.filter {
            $0.area == area && $0.period == period && definitions[$0.indicatorID]?.method != .count
          }.map(\.trend)
          #expect(trends.contains { $0 != Statistics.Trend.notCalculated.rawValue })
          #expect(
            !trends.contains {
              $0 == Statistics.Trend.increasing.rawValue
                || $0 == Statistics.Trend.decreasing.rawValue
            })
        case .noTrend(let area, let period, let periodsWithValues):
          #expect(
            rows.filter { $0.area == area && $0.period == period }.allSatisfy {
              $0.trend == Statistics.Trend.notCalculated.rawValue
            })
          #expect(
            Set(
              rows.filter { $0.area == area && $0.value.number != nil && $0.period <= period }
                .map(\.period)
            ).count == periodsWithValues)
        case .run(let id, let area, let periods, let values, let rising):
          #expect(periods.count == values.count && periods.count > PackReport.Report.summaryRun)
          #expect(periods.last == pack.period)
          for index in periods.indices {
            #expect(row(id, area, periods[index])?.value.number == values[index], "\(fact)")
            shows(values[index], id)
            guard index > 0 else { continue }
            #expect(
              Period.parse(periods[index], type: pack.periodType)?.previous.label
                == periods[index - 1])
            #expect(rising ? values[index] > values[index - 1] : values[index] < values[index - 1])
          }
        case .hotspots(let period, let count, let of, let minimum):
          let values = pack.children.compactMap { row(hotspotID, $0, period)?.value.number }
          #expect(values.count == of && values.filter { $0 >= Double(minimum) }.count == count)
        case .hotspot(let area, let period, let value):
          #expect(row(hotspotID, area, period)?.value.number == Double(value))
          #expect(text.contains("\(HTMLText.escape(area.geoName)) (\(value))"))
        case .withheld(let period, let count, let of):
          let inPeriod = rows.filter { $0.period == period }
          #expect(inPeriod.count == of && inPeriod.filter(\.suppressed).count == count)
        }
      }
    }
  }
}
