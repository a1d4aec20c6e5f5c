import Foundation
import ZIPFoundation

/// Writes a pack as `made-pack-<area code>-<period>.zip`: `datapackage.json`, `indicators.csv`,
/// `indicator_metadata.csv`, `report.html` and `README.txt`, in that order, with fixed
/// timestamps and permissions, so the same warehouse gives the same bytes.
///
/// Related specification: Frictionless Data Package and Table Schema v1
/// <https://specs.frictionlessdata.io/data-package/>.
public enum PackWriter {
  /// The zip's file name: `/` in a financial year becomes `-` (`2024-25`).
  public static func fileName(_ pack: Pack) -> String {
    "made-pack-\(pack.area.geoCode)-\(pack.period.replacingOccurrences(of: "/", with: "-")).zip"
  }

  /// The files of the pack, in the zip's order.
  static func files(_ pack: Pack) throws -> [(name: String, bytes: Data)] {
    [
      ("datapackage.json", try dataPackage(pack)),
      ("indicators.csv", Data(indicatorsCSV(pack).utf8)),
      ("indicator_metadata.csv", Data(metadataCSV(pack).utf8)),
      ("report.html", Data(PackReport.html(pack).utf8)),
      ("README.txt", Data(readme(pack).utf8)),
    ]
  }

  /// Writes the zip into `folder` (whole or not at all) and returns its location.
  public static func write(_ pack: Pack, to folder: URL) throws -> URL {
    try write(zip(pack), named: fileName(pack), to: folder)
  }

  /// Writes zip bytes made by `zip(_:)` into `folder` as `name` (whole or not at all).
  static func write(_ zip: Data, named name: String, to folder: URL) throws -> URL {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let target = folder.appendingPathComponent(name)
    try zip.replace(target)
    return target
  }

  /// The pack's zip, assembled in memory.
  static func zip(_ pack: Pack) throws -> Data {
    let archive = try Archive(data: Data(), accessMode: .create)
    let stamp = Self.timestamp(pack.created)
    for (name, bytes) in try files(pack) {
      try archive.addEntry(
        with: name, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
        permissions: 0o644, compressionMethod: .deflate
      ) { position, size in
        bytes.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    guard let zip = archive.data else {
      throw ConfigurationError("could not assemble \(fileName(pack)) in memory")
    }
    return zip
  }

  /// The data's last-load time as the entries' modification time (zip keeps local time to two
  /// seconds; UTC is used so that the bytes do not depend on the machine's time zone).
  static func timestamp(_ iso: String) -> Date {
    let formatter = ISO8601DateFormatter()
    let date = formatter.date(from: iso) ?? Date(timeIntervalSince1970: 315_532_800)
    // ZIPFoundation writes the local wall-clock time of the date it is given: find the date
    // whose local time reads as `date` does in UTC (the offset is taken at the shifted date
    // too, so a change of summer time in between does not move it).
    var shifted = date.addingTimeInterval(-TimeInterval(TimeZone.current.secondsFromGMT(for: date)))
    shifted = date.addingTimeInterval(-TimeInterval(TimeZone.current.secondsFromGMT(for: shifted)))
    return shifted
  }

  // MARK: - CSV

  static let indicatorColumns = [
    "indicator_id", "indicator_title", "geo_type", "geo_code", "geo_name", "period_type",
    "period", "numerator", "denominator", "value", "lower_95", "upper_95", "lower_998",
    "upper_998", "comparison", "trend", "suppressed",
  ]

  static func indicatorsCSV(_ pack: Pack) -> String {
    var lines = [indicatorColumns.joined(separator: ",")]
    for row in pack.rows {
      let fields: [String] = [
        text(row.indicatorID), text(row.indicatorTitle), text(row.area.geoType.rawValue),
        text(row.area.geoCode), text(row.area.geoName), text(row.periodType.rawValue),
        text(row.period), number(row.numerator), number(row.denominator), number(row.value),
        number(row.lower95), number(row.upper95), number(row.lower998), number(row.upper998),
        text(row.comparison), text(row.trend), row.suppressed ? "true" : "false",
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  static let metadataColumns = [
    "indicator_id", "title", "definition", "partner_type", "source_feeds", "method", "multiplier",
    "polarity", "suppression", "numerator", "denominator", "geographies", "periods",
  ]

  static func metadataCSV(_ pack: Pack) -> String {
    var lines = [metadataColumns.joined(separator: ",")]
    for indicator in pack.indicators {
      let fields: [String] = [
        text(indicator.id), text(indicator.title), text(indicator.definition),
        text(indicator.partnerType), text(indicator.sourceFeeds.joined(separator: " ")),
        text(indicator.method.rawValue), indicator.multiplier.map(format) ?? "",
        text(indicator.polarity.rawValue), text(indicator.suppression.rawValue),
        text(indicator.numerator?.description ?? "partner types worse than the county"),
        text(indicator.denominator?.description ?? ""),
        text(indicator.geographies.map(\.rawValue).joined(separator: " ")),
        text(indicator.periods.map(\.rawValue).joined(separator: " ")),
      ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A text cell: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` so that a
  /// spreadsheet shows it rather than runs it; quoted when it holds a comma, quote or newline.
  static func text(_ value: String) -> String {
    var cell = value
    if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      cell = "'" + cell
    }
    guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return cell
    }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A numeric cell: the suppression symbol, empty for no value, else the number (whole
  /// numbers without a decimal point; others as the shortest text that reads back exactly).
  static func number(_ cell: Pack.Cell) -> String {
    switch cell {
    case .suppressed: return Pack.Cell.symbol
    case .missing: return ""
    case .number(let value): return format(value)
    }
  }

  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  // MARK: - datapackage.json

  static func dataPackage(_ pack: Pack) throws -> Data {
    func field(_ name: String, _ type: String, _ description: String) -> [String: Any] {
      ["name": name, "type": type, "description": description]
    }
    let numberNote = " '\(Pack.Cell.symbol)' when withheld (suppressed), empty when there is none."
    let indicatorFields: [[String: Any]] = [
      field("indicator_id", "string", "Indicator id (see indicator_metadata.csv)."),
      field("indicator_title", "string", "Indicator title."),
      field(
        "geo_type", "string", "ward, lad (district), csp (community safety partnership) or county."),
      field(
        "geo_code", "string", "ONS code of the ward or district; the partnership's code; county."),
      field("geo_name", "string", "Name of the area."),
      field("period_type", "string", "month, quarter, financial_year or rolling_12m."),
      field(
        "period", "string",
        "2025-03, 2025-Q1, 2024/25 (April to March), or the last month of a rolling year."),
      field(
        "numerator", "number",
        "Events counted (harm: days of harm; NHS indicators rounded to the nearest 5)." + numberNote
      ),
      field(
        "denominator", "number",
        "Residents (mid-year estimate) or, for a proportion, records measured."),
      field(
        "value", "number",
        "Rate per the indicator's multiplier, percentage, harm per 1,000 or hotspot count."
          + numberNote),
      field("lower_95", "number", "Lower 95% confidence limit." + numberNote),
      field("upper_95", "number", "Upper 95% confidence limit." + numberNote),
      field("lower_998", "number", "Lower 99.8% confidence limit." + numberNote),
      field("upper_998", "number", "Upper 99.8% confidence limit." + numberNote),
      field(
        "comparison", "string",
        "Compared with the county at 95%: better, similar, worse, higher, lower or not_compared."),
      field(
        "trend", "string",
        "Over five periods: increasing, decreasing, no_significant_change or not_calculated."),
      field("suppressed", "boolean", "true when the row's counts and rates are withheld."),
    ]
    let metadataFields: [[String: Any]] = metadataColumns.map {
      field(
        $0, $0 == "multiplier" ? "number" : "string",
        "Indicator \($0.replacingOccurrences(of: "_", with: " ")).")
    }
    func resource(_ name: String, _ title: String, _ fields: [[String: Any]]) -> [String: Any] {
      [
        "profile": "tabular-data-resource", "name": name, "path": "\(name).csv",
        "title": title, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": ["fields": fields, "missingValues": ["", Pack.Cell.symbol]],
      ]
    }
    var package: [String: Any] = [
      "profile": "tabular-data-package",
      "name": fileName(pack).dropLast(4).lowercased(),
      "title": "\(pack.area.geoName): violence indicators, \(pack.period)",
      "description":
        "Violence indicators of the \(pack.vrnName) Violence Reduction Network for "
        + "\(pack.area.geoName) (\(pack.area.geoType.rawValue) \(pack.area.geoCode)), "
        + "\(pack.periodType.rawValue) \(pack.period), with its "
        + (pack.area.geoType == .county ? "districts" : "wards")
        + " and the county benchmark. Small numbers are withheld ('\(Pack.Cell.symbol)'); see "
        + "README.txt.",
      "created": pack.created,
      "sources": pack.sources.map {
        [
          "title":
            "\($0.title) (\($0.feed)): records \($0.firstMonth) to \($0.lastMonth), last "
            + "delivered \($0.lastDelivered)"
        ]
      },
      "resources": [
        resource("indicators", "Indicator values", indicatorFields),
        resource("indicator_metadata", "Indicator definitions", metadataFields),
      ],
    ]
    if let licence = pack.licence { package["licenses"] = [["name": licence, "title": licence]] }
    return try JSONSerialization.data(
      withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  }

  // MARK: - README.txt

  static func readme(_ pack: Pack) -> String {
    let firstMonth = pack.sources.map(\.firstMonth).filter { !$0.isEmpty }.min() ?? ""
    let lastMonth = pack.sources.map(\.lastMonth).max() ?? ""
    let sources = pack.sources.map {
      "  - \($0.title) (\($0.feed)): \($0.firstMonth) to \($0.lastMonth), last delivered "
        + "\($0.lastDelivered)"
    }
    return """
      \(pack.area.geoName): violence indicators, \(pack.period)
      \(String(repeating: "=", count: pack.area.geoName.count + 25 + pack.period.count))

      This is an indicator pack of the \(pack.vrnName) Violence Reduction Network, made by MADE
      (multi-agency data exchange). It covers \(pack.area.geoName) (\(pack.area.geoType.rawValue) \
      \(pack.area.geoCode)) for the \(pack.periodType.rawValue.replacingOccurrences(of: "_", with: " ")) \
      \(pack.period), with its \(pack.area.geoType == .county ? "districts" : "wards") and the \
      county benchmark, and the earlier periods of the same kind for trends. The data it rests \
      on runs from \(firstMonth) to \(lastMonth); it was last loaded at \(pack.created).

      Files
        report.html             the report: open it in any browser; it prints to A4.
        indicators.csv          every value: one row per indicator, area and period.
        indicator_metadata.csv  what each indicator counts, over what, and how.
        datapackage.json        a Frictionless Data Package describing both CSV files.

      Reading indicators.csv
        value is a rate per the indicator's multiplier (e.g. per 1,000 residents), a
        percentage, days of harm per 1,000 residents, or the hotspot count (0 to 4).
        lower_95/upper_95 and lower_998/upper_998 are 95% and 99.8% confidence limits.
        comparison is the area against the county at 95% (Fingertips' rule: similar when the
        county value lies inside the interval, else better or worse by the indicator's
        polarity); trend compares the latest of five periods with the first.

      Small numbers (the letter c)
        A cell showing c is withheld to protect confidentiality.
        - Police, youth justice and school indicators: counts from 1 to \
      \(pack.suppressionThreshold) are withheld, and so is one more cell wherever a total could
          otherwise give a withheld count away by subtraction (wards within a district,
          districts within a partnership and the county). Rates and limits of a withheld
          count are withheld too. Zero is a true zero.
        - A&E indicators (NHS rule): counts from 1 to 7 are withheld; other counts are rounded
          to the nearest 5; rates are worked out from the unrounded counts.

      Sources
      \(sources.joined(separator: "\n"))

      Licence: \(pack.licence ?? "not set by the operator (made.toml [export] licence)").

      """.replacingOccurrences(of: "\n", with: "\r\n")
  }
}
