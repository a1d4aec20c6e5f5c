import Foundation
import Testing
import ZIPFoundation

@testable import MADE

/// Opens written packs and checks what a partner would receive: the files, their order,
/// and that no small number is published (docs/methods.md § "Small-number suppression").
struct PackAudit {
  /// The files of a pack zip, in their order.
  static func entries(_ zip: URL) throws -> [(name: String, bytes: Data)] {
    let archive = try Archive(url: zip, accessMode: .read)
    return try archive.map { entry in
      var bytes = Data()
      _ = try archive.extract(entry) { bytes.append($0) }
      return (entry.path, bytes)
    }
  }

  /// indicators.csv as dictionaries (the pack writer quotes only fields with a comma, quote
  /// or newline; titles have none of those but commas, handled here).
  static func rows(_ csv: String) -> [[String: String]] {
    var lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let header = split(lines.removeFirst())
    return lines.map { Dictionary(uniqueKeysWithValues: zip(header, split($0))) }
  }

  static func split(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(line)[...]
    while let character = characters.popFirst() {
      if quoted {
        if character == "\"" {
          if characters.first == "\"" {
            field.append("\"")
            characters = characters.dropFirst()
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    fields.append(field)
    return fields
  }

  /// Every pack: the listed files in order; no published count in 1…threshold for
  /// primary_secondary indicators, none in 1…7 and all multiples of 5 for NHS ones; every
  /// published total has no withheld child or at least two; withheld rows show only `c`.
  static func check(
    _ zips: [URL], catalog: IndicatorCatalog, threshold: Int = 4, expectWithheld: Bool = true
  ) throws {
    let policy = Dictionary(uniqueKeysWithValues: catalog.indicators.map { ($0.id, $0) })
    var withheld = 0
    for zip in zips {
      let files = try entries(zip)
      #expect(
        files.map(\.name) == [
          "datapackage.json", "indicators.csv", "indicator_metadata.csv", "report.html",
          "README.txt",
        ], "\(zip.lastPathComponent)")
      let rows = Self.rows(String(decoding: files[1].bytes, as: UTF8.self))
      #expect(!rows.isEmpty)
      var byPeriod: [String: [[String: String]]] = [:]
      for row in rows {
        let definition = try #require(policy[row["indicator_id"]!])
        let numerator = row["numerator"]!
        if row["suppressed"] == "true" {
          withheld += 1
          for column in ["numerator", "value", "lower_95", "upper_95", "lower_998", "upper_998"] {
            #expect(row[column] == "c", "\(zip.lastPathComponent) \(row)")
          }
        } else if let count = Double(numerator) {
          switch definition.suppression {
          case .primarySecondary where definition.method != .harm:
            #expect(!(1...Double(threshold)).contains(count), "\(zip.lastPathComponent) \(row)")
          case .nhs:
            #expect(!(1...7).contains(count), "\(zip.lastPathComponent) \(row)")
            #expect(count.truncatingRemainder(dividingBy: 5) == 0, "\(row)")
          default:
            break
          }
        }
        byPeriod["\(row["indicator_id"]!)|\(row["period"]!)", default: []].append(row)
      }
      // The pack's total (its area, or the county for a county pack) over the children it
      // lists: none withheld, or at least two.
      let code = zip.lastPathComponent.dropFirst("made-pack-".count).split(separator: "-")[0]
      for (slot, group) in byPeriod
      where policy[String(slot.split(separator: "|")[0])]?.suppression == .primarySecondary {
        guard let total = group.first(where: { $0["geo_code"] == String(code) }),
          total["suppressed"] == "false"
        else { continue }
        let childType = total["geo_type"] == "county" ? "lad" : "ward"
        let children = group.filter { $0["geo_type"] == childType }
        let hidden = children.filter { $0["suppressed"] == "true" }.count
        #expect(hidden == 0 || hidden >= 2, "\(zip.lastPathComponent) \(slot): \(hidden) withheld")
      }
    }
    if expectWithheld {
      #expect(withheld > 0, "the demo has small numbers; packs must withhold some")
    }
  }
}
