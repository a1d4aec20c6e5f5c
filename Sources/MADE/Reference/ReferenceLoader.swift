import Foundation

/// Loads reference data from its published layout into the `ref_*` tables. Columns are found
/// by their coded names whatever the vintage (`WD23CD`, `WD24CD`, `LSOA11CD`, `LSOA21CD`…).
public struct ReferenceLoader {
  let warehouse: Warehouse
  var progress: (any ProgressReporter)?

  public init(warehouse: Warehouse, progress: (any ProgressReporter)? = nil) {
    self.warehouse = warehouse
    self.progress = progress
  }

  /// Loads `path` as `kind`; returns the number of rows loaded.
  @discardableResult
  public func load(_ kind: ReferenceKind, path: String, year: Int? = nil) throws -> Int {
    let table = try ReferenceTable(path: path)
    let name = URL(fileURLWithPath: path).lastPathComponent
    switch kind {
    case .wards: return try loadWards(table, name: name)
    case .lsoaWards: return try loadLSOAWards(table, name: name)
    case .postcodes: return try loadPostcodes(table, name: name)
    case .population:
      guard let year else {
        throw ReferenceError("population needs the estimate's year: --year YYYY (e.g. 2022)")
      }
      return try loadPopulation(table, name: name, year: year)
    case .offences: return try loadOffences(table, name: name)
    case .methodRules: return try loadMethodRules(table, name: name)
    case .schools: return try loadSchools(table, name: name)
    case .exclusionReasons: return try loadExclusionReasons(table, name: name)
    }
  }

  private static let upsertLAD = """
    INSERT INTO ref_lads (lad_code, lad_name) VALUES (?, ?)
    ON CONFLICT (lad_code) DO UPDATE SET lad_name = excluded.lad_name
    """
  private static let upsertWard = """
    INSERT INTO ref_wards (ward_code, ward_name, lad_code, vintage) VALUES (?, ?, ?, ?)
    ON CONFLICT (ward_code) DO UPDATE SET ward_name = excluded.ward_name,
      lad_code = excluded.lad_code, vintage = excluded.vintage
    """

  private func vintage(of header: String, prefix: String) -> String? {
    let digits = header.dropFirst(prefix.count).prefix(2)
    return digits.count == 2 && digits.allSatisfy(\.isNumber) ? "20" + digits : nil
  }

  private func loadWards(_ table: ReferenceTable, name: String) throws -> Int {
    let wardCode = try table.requireColumn("WD[0-9]{2}CD", described: "the ward code")
    let wardName = try table.requireColumn("WD[0-9]{2}NM", described: "the ward name")
    let ladCode = try table.requireColumn("LAD[0-9]{2}CD", described: "the LAD code")
    let ladName = try table.requireColumn("LAD[0-9]{2}NM", described: "the LAD name")
    let wardVintage = vintage(of: table.header[wardCode], prefix: "WD")
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .wards, originalName: name, vintage: wardVintage,
      clearSQL: ["DELETE FROM ref_wards"], sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        let ward = try Self.gssCode(fields[wardCode], "ward code", line: line, path: table.path)
        let lad = try Self.gssCode(fields[ladCode], "LAD code", line: line, path: table.path)
        try writer.insert(Self.upsertLAD, [.text(lad), .text(fields[ladName])])
        try writer.insert(
          Self.upsertWard,
          [.text(ward), .text(fields[wardName]), .text(lad), SQLValue(wardVintage)])
        writer.countRow()
      }
    }
  }

  /// The canonical form of an ONS GSS code (`TextNormalisation.code`: a lower-case, padded or
  /// no-break-spaced `e05012345` is `E05012345`); a value that is still not a letter and eight
  /// digits is refused with its line and shape, so a lookup never points records at a ward,
  /// district or LSOA that does not exist. `blank` allows an empty value (returned as "").
  static func gssCode(
    _ value: String, _ what: String, line: Int, path: String, blank: Bool = false
  ) throws -> String {
    let code = TextNormalisation.code(value)
    if code.isEmpty, blank { return "" }
    guard TextNormalisation.isGSSCode(code) else {
      throw ReferenceError(
        "\(path), line \(line): '\(TextNormalisation.visible(value))' is not a \(what) ("
          + "\(TextNormalisation.shape(of: value)); expected a letter and 8 digits like "
          + "E05012345). Nothing from the file was loaded")
    }
    return code
  }

  /// The canonical form of a code looked up by feeds (offence and reason codes): refused when
  /// nothing is left of it.
  static func code(_ value: String, _ what: String, line: Int, path: String) throws -> String {
    let code = TextNormalisation.code(value)
    guard !code.isEmpty else {
      throw ReferenceError(
        "\(path), line \(line): the \(what) is blank (\(TextNormalisation.shape(of: value))). "
          + "Nothing from the file was loaded")
    }
    return code
  }

  private func loadLSOAWards(_ table: ReferenceTable, name: String) throws -> Int {
    let lsoaCode = try table.requireColumn("LSOA[0-9]{2}CD", described: "the LSOA code")
    let lsoaName = table.column(matching: "LSOA[0-9]{2}NM")
    let wardCode = try table.requireColumn("WD[0-9]{2}CD", described: "the ward code")
    let wardName = table.column(matching: "WD[0-9]{2}NM")
    let ladCode = try table.requireColumn("LAD[0-9]{2}CD", described: "the LAD code")
    let ladName = table.column(matching: "LAD[0-9]{2}NM")
    guard let lsoaVintage = vintage(of: table.header[lsoaCode], prefix: "LSOA") else {
      throw ReferenceError(
        "\(table.path): cannot tell the LSOA vintage from '\(table.header[lsoaCode])'")
    }
    let wardVintage = vintage(of: table.header[wardCode], prefix: "WD")
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .lsoaWards, originalName: name, vintage: lsoaVintage,
      clearSQL: ["DELETE FROM ref_lsoa_wards WHERE lsoa_vintage = '\(lsoaVintage)'"], sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        let lsoa = try Self.gssCode(fields[lsoaCode], "LSOA code", line: line, path: table.path)
        let ward = try Self.gssCode(fields[wardCode], "ward code", line: line, path: table.path)
        let lad = try Self.gssCode(fields[ladCode], "LAD code", line: line, path: table.path)
        if let ladName {
          try writer.insert(Self.upsertLAD, [.text(lad), .text(fields[ladName])])
        }
        if let wardName {
          try writer.insert(
            """
            INSERT INTO ref_wards (ward_code, ward_name, lad_code, vintage) VALUES (?, ?, ?, ?)
            ON CONFLICT (ward_code) DO NOTHING
            """,
            [.text(ward), .text(fields[wardName]), .text(lad), SQLValue(wardVintage)])
        }
        try writer.insert(
          """
          INSERT OR REPLACE INTO ref_lsoa_wards
            (lsoa_code, lsoa_vintage, lsoa_name, ward_code, lad_code)
          VALUES (?, ?, ?, ?, ?)
          """,
          [
            .text(lsoa), .text(lsoaVintage), SQLValue(lsoaName.map { fields[$0] }), .text(ward),
            .text(lad),
          ])
        writer.countRow()
      }
    }
  }

  private func loadPostcodes(_ table: ReferenceTable, name: String) throws -> Int {
    let postcode = try table.requireColumn("pcds|pcd2|pcd", described: "the postcode")
    let terminated = table.column(matching: "doterm")
    let ward = try table.requireColumn("osward|ward", described: "the ward code")
    let lad = try table.requireColumn("oslaua|laua", described: "the LAD code")
    let lsoa = table.column(matching: "lsoa21|lsoa11|lsoa21cd|lsoa11cd")
    let source = table.column(matching: "osward|oslaua") != nil ? "ONSPD" : "NSPL"
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .postcodes, originalName: name, vintage: source,
      clearSQL: ["DELETE FROM ref_postcodes"], sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        guard let compact = Postcode.compact(fields[postcode]) else {
          throw ReferenceError(
            "\(table.path), line \(line): '\(TextNormalisation.visible(fields[postcode]))' is "
              + "not a postcode (\(TextNormalisation.shape(of: fields[postcode]))). Nothing from "
              + "the file was loaded")
        }
        // Blank in some directories for postcodes outside the UK's wards (Channel Islands).
        let wardValue = try Self.gssCode(
          fields[ward], "ward code", line: line, path: table.path, blank: true)
        let ladValue = try Self.gssCode(
          fields[lad], "LAD code", line: line, path: table.path, blank: true)
        let lsoaValue = try lsoa.map {
          try Self.gssCode(fields[$0], "LSOA code", line: line, path: table.path, blank: true)
        }
        let doterm = terminated.map { fields[$0] } ?? ""
        try writer.insert(
          """
          INSERT OR REPLACE INTO ref_postcodes
            (postcode, postcode_display, ward_code, lad_code, lsoa_code, terminated, source)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .text(compact), .text(fields[postcode]), .text(wardValue), .text(ladValue),
            SQLValue(lsoaValue), doterm.isEmpty ? .null : .text(doterm),
            .text(source),
          ])
        writer.countRow()
      }
    }
  }

  private func loadPopulation(_ table: ReferenceTable, name: String, year: Int) throws
    -> Int
  {
    let wardCode = try table.requireColumn(
      "Ward Code 1|Ward Code|WD[0-9]{2}CD|Ward [0-9]{4} Code", described: "the ward code")
    // One column per single year of age ("0" … "89", "90+"), or, in ONS's newer layout,
    // one per sex and age ("F0" … "F90", "M0" … "M90"), summed here.
    var ageColumns: [(age: Int, columns: [Int])] = []
    for age in 0...90 {
      let names =
        age == 90
        ? [["90+"], ["90"], ["F90", "M90"], ["F90+", "M90+"]]
        : [["\(age)"], ["F\(age)", "M\(age)"]]
      guard
        let columns = names.lazy.compactMap({ group -> [Int]? in
          let found = group.compactMap { name in
            table.header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
          }
          return found.count == group.count ? found : nil
        }).first
      else {
        throw ReferenceError(
          "\(table.path): no column for age \(age == 90 ? "90+" : String(age)) (expected "
            + "'0' … '89', '90+', or 'F0' … 'F90' with 'M0' … 'M90')")
      }
      ageColumns.append((age, columns))
      table.markUsed(columns)
    }
    let allAges = table.column(matching: "All Ages|Total")
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .population, originalName: name, vintage: String(year),
      clearSQL: ["DELETE FROM ref_population WHERE year = \(year)"], sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        // ONS sheets end with notes rows.
        if TextNormalisation.code(fields[wardCode]).isEmpty { return }
        let ward = try Self.gssCode(fields[wardCode], "ward code", line: line, path: table.path)
        var total = 0
        for (age, columns) in ageColumns {
          var count = 0
          for column in columns {
            guard let part = Int(fields[column].replacingOccurrences(of: ",", with: "")),
              part >= 0
            else {
              throw ReferenceError(
                "\(table.path), line \(line), column '\(table.header[column])': "
                  + "'\(fields[column])' is not a population count")
            }
            count += part
          }
          total += count
          try writer.insert(
            "INSERT INTO ref_population (ward_code, year, age, population) VALUES (?, ?, ?, ?)",
            [.text(ward), .integer(Int64(year)), .integer(Int64(age)), .integer(Int64(count))])
        }
        if let allAges,
          let stated = Int(fields[allAges].replacingOccurrences(of: ",", with: "")),
          stated != total
        {
          throw ReferenceError(
            "\(table.path), line \(line): All Ages is \(stated) but the ages sum to \(total)")
        }
        writer.countRow()
      }
    }
  }

  private func loadSchools(_ table: ReferenceTable, name: String) throws -> Int {
    let urn = try table.requireColumn("URN", described: "the school URN")
    let schoolName = try table.requireColumn("EstablishmentName", described: "the school name")
    let postcode = try table.requireColumn("Postcode", described: "the school postcode")
    let laCode = table.column(matching: "LA \\(code\\)|LA_code|LACode")
    let laName = table.column(matching: "LA \\(name\\)|LA_name|LAName")
    let status = table.column(matching: "EstablishmentStatus \\(name\\)")
    let phase = table.column(matching: "PhaseOfEducation \\(name\\)")
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .schools, originalName: name, vintage: nil, clearSQL: ["DELETE FROM ref_schools"],
      sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        let urnValue = TextNormalisation.code(fields[urn])
        guard !urnValue.isEmpty, urnValue.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
          throw ReferenceError(
            "\(table.path), line \(line): '\(TextNormalisation.visible(fields[urn]))' is not a "
              + "URN (\(TextNormalisation.shape(of: fields[urn])); expected digits). Nothing "
              + "from the file was loaded")
        }
        try writer.insert(
          """
          INSERT OR REPLACE INTO ref_schools (urn, school_name, postcode, la_code, la_name,
            status, phase) VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .text(urnValue), .text(fields[schoolName]),
            SQLValue(Postcode.compact(fields[postcode])),
            SQLValue(laCode.map { fields[$0] }), SQLValue(laName.map { fields[$0] }),
            SQLValue(status.map { fields[$0] }), SQLValue(phase.map { fields[$0] }),
          ])
        writer.countRow()
      }
    }
  }

  private func loadExclusionReasons(_ table: ReferenceTable, name: String) throws -> Int {
    let code = try table.requireColumn("code|reason_code", described: "the reason code")
    let description = try table.requireColumn("description", described: "the description")
    let violent = try table.requireColumn(
      "violence_related|is_violence_related", described: "the violence-related flag")
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .exclusionReasons, originalName: name, vintage: nil,
      clearSQL: ["DELETE FROM ref_exclusion_reasons"], sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        let flag = try table.flag(fields[violent], line: line, column: violent, blank: nil)
        try writer.insert(
          """
          INSERT OR REPLACE INTO ref_exclusion_reasons (reason_code, description,
            is_violence_related) VALUES (?, ?, ?)
          """,
          [
            .text(try Self.code(fields[code], "reason code", line: line, path: table.path)),
            .text(fields[description]), .integer(flag),
          ])
        writer.countRow()
      }
    }
  }

  private func loadMethodRules(_ table: ReferenceTable, name: String) throws -> Int {
    let keyword = try table.requireColumn("keyword", described: "the keyword")
    let category = try table.requireColumn("category", described: "the category")
    let priority = try table.requireColumn("priority", described: "the priority")
    let categories = [
      "sharp_object", "blunt_object", "body_part", "firearm", "other", MethodClassifier.notAMethod,
    ]
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .methodRules, originalName: name, vintage: nil,
      clearSQL: ["DELETE FROM ref_method_rules"], sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        guard categories.contains(fields[category]) else {
          throw ReferenceError(
            "\(table.path), line \(line): category '\(fields[category])' is not one of "
              + categories.joined(separator: ", "))
        }
        guard !fields[keyword].isEmpty,
          fields[keyword].lowercased().allSatisfy({ ("a"..."z").contains($0) })
        else {
          throw ReferenceError(
            "\(table.path), line \(line): keyword '\(fields[keyword])' must be one word of "
              + "letters a-z (text is split into words before matching)")
        }
        guard let rank = Int(fields[priority]) else {
          throw ReferenceError(
            "\(table.path), line \(line): priority '\(fields[priority])' is not a number")
        }
        try writer.insert(
          "INSERT OR REPLACE INTO ref_method_rules (keyword, category, priority) VALUES (?, ?, ?)",
          [.text(fields[keyword].lowercased()), .text(fields[category]), .integer(Int64(rank))])
        writer.countRow()
      }
    }
  }

  private func loadOffences(_ table: ReferenceTable, name: String) throws -> Int {
    let code = try table.requireColumn("code|offence_code|HO Code", described: "the offence code")
    let description = table.column(matching: "description|offence")
    let group = try table.requireColumn("group|offence_group", described: "the offence group")
    let serious = try table.requireColumn(
      "serious_violence|is_serious_violence", described: "the serious-violence flag")
    let knife = try table.requireColumn(
      "knife_eligible|is_knife_eligible", described: "the knife-eligible flag")
    let weight = table.column(matching: "harm_weight_days|harm_weight")
    let weightSource = table.column(matching: "weight_source")
    func flag(_ text: String, line: Int, column: Int) throws -> Int64 {
      try table.flag(text, line: line, column: column, blank: 0)
    }
    let sha = { table.sha256 }
    return try warehouse.loadReference(
      kind: .offences, originalName: name, vintage: nil, clearSQL: ["DELETE FROM ref_offences"],
      sha256: sha
    ) { writer in
      try table.forEachRow(progress: progress) { fields, line in
        let weightValue = weight.flatMap { Double(fields[$0]) }
        try writer.insert(
          """
          INSERT OR REPLACE INTO ref_offences (offence_code, description, offence_group,
            is_serious_violence, is_knife_eligible, harm_weight_days, weight_source)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
          [
            .text(try Self.code(fields[code], "offence code", line: line, path: table.path)),
            SQLValue(description.map { fields[$0] }),
            .text(fields[group]), .integer(try flag(fields[serious], line: line, column: serious)),
            .integer(try flag(fields[knife], line: line, column: knife)), SQLValue(weightValue),
            SQLValue(weightSource.map { fields[$0] }),
          ])
        writer.countRow()
      }
    }
  }
}
