/// How each kind of reference file is read into its `ref_*` tables: which published columns
/// (found by header, whatever the vintage), what each holds, and where it goes. Data, not
/// code: `ReferenceLoader` reads every kind but population through these the same way.
struct ReferenceLayout {
  /// One column of a `ref_*` table and where its value comes from.
  struct Column {
    /// The column of the `ref_*` table.
    var name: String
    var source: Source
  }

  /// Where a stored value comes from.
  enum Source {
    /// The published column found by one of `headers`; NULL when the file has none. `value`
    /// checks and converts each cell.
    case field(String, Value)
    /// The vintage ("2023") in the header of the column found by `header`, after `prefix`
    /// ("WD23CD" is 2023).
    case vintage(header: String, prefix: String)
    /// Which postcode directory this is: "ONSPD" when it has `osward` or `oslaua`, else "NSPL".
    case postcodeDirectory
  }

  /// What a published cell must be, and the value stored for it.
  enum Value {
    /// An ONS GSS code (`ReferenceLoader.gssCode`); `blank` allows an empty one, stored as "".
    case gssCode(String, blank: Bool = false)
    /// A code feeds look up (offence, reason), refused when blank.
    case code(String)
    /// The text as published.
    case text
    /// The text as published, NULL when blank.
    case textOrNull
    /// A postcode, stored compact ("PR18XB"); refused when it is not one.
    case postcode
    /// A postcode, stored compact, NULL when it is not one.
    case postcodeOrNull
    /// The published postcode as written ("PR1 8XB"), beside the compact one.
    case postcodeAsPublished
    /// A Y/N flag as 1 or 0; `blank` is what an empty cell means (nil: an error).
    case flag(blank: Int64?)
    /// A number, NULL when it is not one.
    case numberOrNull
    /// A school URN: digits.
    case urn
    /// One word of letters a-z, stored lower case.
    case keyword
    /// One of `categories`.
    case category([String])
    /// A whole number.
    case priority
  }

  /// One `ref_*` table a row is written to.
  struct Target {
    var table: String
    var columns: [Column]
    var conflict: Warehouse.ReferenceConflict
    /// Written only when the file has this published column (a name a lookup may omit).
    var onlyWithHeader: String?
  }

  /// A published column: alternatives tried in order, case-insensitive and whole
  /// ("pcds|pcd2|pcd" prefers pcds); `required` is what an error calls it when the file has
  /// none, nil when it may be missing.
  struct Header {
    var pattern: String
    var required: String?
  }

  /// The published columns, in the order they are looked for and each row's values checked.
  var headers: [Header]
  /// The tables each row is written to, in order.
  var targets: [Target]
  /// What a load of this kind replaces.
  var replaces: Warehouse.ReferenceReplacement
  /// The vintage a load records in `reference_loads` (and replaces, for `.vintage`); a load
  /// whose file does not tell it is refused when `replaces` is by vintage.
  var vintage: Source?

  static let wardCode = "WD[0-9]{2}CD"
  static let ladCode = "LAD[0-9]{2}CD"
  static let lsoaCode = "LSOA[0-9]{2}CD"

  /// The LAD of a ward lookup, with its name (updated by a later lookup).
  static let lads = Target(
    table: "ref_lads",
    columns: [
      Column(name: "lad_code", source: .field(ladCode, .gssCode("LAD code"))),
      Column(name: "lad_name", source: .field("LAD[0-9]{2}NM", .text)),
    ],
    conflict: .update(key: "lad_code"), onlyWithHeader: "LAD[0-9]{2}NM")

  /// The wards of a lookup, named, in their districts.
  static func wardsOfLADs(conflict: Warehouse.ReferenceConflict, onlyWithHeader: String?)
    -> Target
  {
    Target(
      table: "ref_wards",
      columns: [
        Column(name: "ward_code", source: .field(wardCode, .gssCode("ward code"))),
        Column(name: "ward_name", source: .field("WD[0-9]{2}NM", .text)),
        Column(name: "lad_code", source: .field(ladCode, .gssCode("LAD code"))),
        Column(name: "vintage", source: .vintage(header: wardCode, prefix: "WD")),
      ],
      conflict: conflict, onlyWithHeader: onlyWithHeader)
  }

  static func layout(of kind: ReferenceKind) -> ReferenceLayout? {
    switch kind {
    case .wards: return wards
    case .lsoaWards: return lsoaWards
    case .postcodes: return postcodes
    case .offences: return offences
    case .methodRules: return methodRules
    case .schools: return schools
    case .exclusionReasons: return exclusionReasons
    case .population, .boundaries: return nil
    }
  }

  static let wards = ReferenceLayout(
    headers: [
      Header(pattern: wardCode, required: "the ward code"),
      Header(pattern: "WD[0-9]{2}NM", required: "the ward name"),
      Header(pattern: ladCode, required: "the LAD code"),
      Header(pattern: "LAD[0-9]{2}NM", required: "the LAD name"),
    ],
    targets: [
      lads,
      wardsOfLADs(conflict: .update(key: "ward_code"), onlyWithHeader: nil),
    ],
    replaces: .all("ref_wards"), vintage: .vintage(header: wardCode, prefix: "WD"))

  static let lsoaWards = ReferenceLayout(
    headers: [
      Header(pattern: lsoaCode, required: "the LSOA code"),
      Header(pattern: "LSOA[0-9]{2}NM", required: nil),
      Header(pattern: wardCode, required: "the ward code"),
      Header(pattern: "WD[0-9]{2}NM", required: nil),
      Header(pattern: ladCode, required: "the LAD code"),
      Header(pattern: "LAD[0-9]{2}NM", required: nil),
    ],
    targets: [
      lads,
      // A ward the ward lookup has not named yet.
      wardsOfLADs(conflict: .ignore(key: "ward_code"), onlyWithHeader: "WD[0-9]{2}NM"),
      Target(
        table: "ref_lsoa_wards",
        columns: [
          Column(name: "lsoa_code", source: .field(lsoaCode, .gssCode("LSOA code"))),
          Column(name: "lsoa_vintage", source: .vintage(header: lsoaCode, prefix: "LSOA")),
          Column(name: "lsoa_name", source: .field("LSOA[0-9]{2}NM", .text)),
          Column(name: "ward_code", source: .field(wardCode, .gssCode("ward code"))),
          Column(name: "lad_code", source: .field(ladCode, .gssCode("LAD code"))),
        ],
        conflict: .replace, onlyWithHeader: nil),
    ],
    replaces: .vintage(of: "ref_lsoa_wards", column: "lsoa_vintage"),
    vintage: .vintage(header: lsoaCode, prefix: "LSOA"))

  static let postcodes = ReferenceLayout(
    headers: [
      Header(pattern: "pcds|pcd2|pcd", required: "the postcode"),
      Header(pattern: "doterm", required: nil),
      Header(pattern: "osward|ward", required: "the ward code"),
      Header(pattern: "oslaua|laua", required: "the LAD code"),
      Header(pattern: "lsoa21|lsoa11|lsoa21cd|lsoa11cd", required: nil),
    ],
    targets: [
      Target(
        table: "ref_postcodes",
        columns: [
          Column(name: "postcode", source: .field("pcds|pcd2|pcd", .postcode)),
          Column(name: "postcode_display", source: .field("pcds|pcd2|pcd", .postcodeAsPublished)),
          Column(name: "terminated", source: .field("doterm", .textOrNull)),
          // Blank in some directories for postcodes outside the UK's wards (Channel Islands).
          Column(
            name: "ward_code", source: .field("osward|ward", .gssCode("ward code", blank: true))),
          Column(
            name: "lad_code", source: .field("oslaua|laua", .gssCode("LAD code", blank: true))),
          Column(
            name: "lsoa_code",
            source: .field("lsoa21|lsoa11|lsoa21cd|lsoa11cd", .gssCode("LSOA code", blank: true))),
          Column(name: "source", source: .postcodeDirectory),
        ],
        conflict: .replace, onlyWithHeader: nil)
    ],
    replaces: .all("ref_postcodes"), vintage: .postcodeDirectory)

  static let schools = ReferenceLayout(
    headers: [
      Header(pattern: "URN", required: "the school URN"),
      Header(pattern: "EstablishmentName", required: "the school name"),
      Header(pattern: "Postcode", required: "the school postcode"),
      Header(pattern: "LA \\(code\\)|LA_code|LACode", required: nil),
      Header(pattern: "LA \\(name\\)|LA_name|LAName", required: nil),
      Header(pattern: "EstablishmentStatus \\(name\\)", required: nil),
      Header(pattern: "PhaseOfEducation \\(name\\)", required: nil),
    ],
    targets: [
      Target(
        table: "ref_schools",
        columns: [
          Column(name: "urn", source: .field("URN", .urn)),
          Column(name: "school_name", source: .field("EstablishmentName", .text)),
          Column(name: "postcode", source: .field("Postcode", .postcodeOrNull)),
          Column(name: "la_code", source: .field("LA \\(code\\)|LA_code|LACode", .text)),
          Column(name: "la_name", source: .field("LA \\(name\\)|LA_name|LAName", .text)),
          Column(name: "status", source: .field("EstablishmentStatus \\(name\\)", .text)),
          Column(name: "phase", source: .field("PhaseOfEducation \\(name\\)", .text)),
        ],
        conflict: .replace, onlyWithHeader: nil)
    ],
    replaces: .all("ref_schools"), vintage: nil)

  static let exclusionReasons = ReferenceLayout(
    headers: [
      Header(pattern: "code|reason_code", required: "the reason code"),
      Header(pattern: "description", required: "the description"),
      Header(
        pattern: "violence_related|is_violence_related", required: "the violence-related flag"),
    ],
    targets: [
      Target(
        table: "ref_exclusion_reasons",
        columns: [
          Column(name: "reason_code", source: .field("code|reason_code", .code("reason code"))),
          Column(name: "description", source: .field("description", .text)),
          Column(
            name: "is_violence_related",
            source: .field("violence_related|is_violence_related", .flag(blank: nil))),
        ],
        conflict: .replace, onlyWithHeader: nil)
    ],
    replaces: .all("ref_exclusion_reasons"), vintage: nil)

  static let methodRules = ReferenceLayout(
    headers: [
      Header(pattern: "keyword", required: "the keyword"),
      Header(pattern: "category", required: "the category"),
      Header(pattern: "priority", required: "the priority"),
    ],
    targets: [
      Target(
        table: "ref_method_rules",
        columns: [
          Column(name: "keyword", source: .field("keyword", .keyword)),
          Column(
            name: "category",
            source: .field(
              "category",
              .category([
                "sharp_object", "blunt_object", "body_part", "firearm", "other",
                MethodClassifier.notAMethod,
              ]))),
          Column(name: "priority", source: .field("priority", .priority)),
        ],
        conflict: .replace, onlyWithHeader: nil)
    ],
    replaces: .all("ref_method_rules"), vintage: nil)

  static let offences = ReferenceLayout(
    headers: [
      Header(pattern: "code|offence_code|HO Code", required: "the offence code"),
      Header(pattern: "description|offence", required: nil),
      Header(pattern: "group|offence_group", required: "the offence group"),
      Header(
        pattern: "serious_violence|is_serious_violence", required: "the serious-violence flag"),
      Header(pattern: "knife_eligible|is_knife_eligible", required: "the knife-eligible flag"),
      Header(pattern: "harm_weight_days|harm_weight", required: nil),
      Header(pattern: "weight_source", required: nil),
    ],
    targets: [
      Target(
        table: "ref_offences",
        columns: [
          Column(
            name: "offence_code", source: .field("code|offence_code|HO Code", .code("offence code"))
          ),
          Column(name: "description", source: .field("description|offence", .text)),
          Column(name: "offence_group", source: .field("group|offence_group", .text)),
          Column(
            name: "is_serious_violence",
            source: .field("serious_violence|is_serious_violence", .flag(blank: 0))),
          Column(
            name: "is_knife_eligible",
            source: .field("knife_eligible|is_knife_eligible", .flag(blank: 0))),
          Column(
            name: "harm_weight_days", source: .field("harm_weight_days|harm_weight", .numberOrNull)),
          Column(name: "weight_source", source: .field("weight_source", .text)),
        ],
        conflict: .replace, onlyWithHeader: nil)
    ],
    replaces: .all("ref_offences"), vintage: nil)
}
