/// Where a record was placed: the `geo_method` and `geo_status` columns.
enum GeoStatus: String, Sendable {
  /// Placed in a ward or district of the VRN area.
  case inArea = "in_area"
  /// Placed outside the VRN area: loaded, but not counted in the area's indicators.
  case outsideArea = "outside_area"
  /// No usable location: counted at county level only, reported as unplaced.
  case unplaced = "unplaced"
}

/// How a record was placed: the `geo_method` column.
enum GeoMethod: String, Sendable {
  case postcode, lsoa, school, none

  /// The column value as UTF-8, made once (the hot path appends it for every row).
  var bytes: [UInt8] {
    switch self {
    case .postcode: return Self.postcodeBytes
    case .lsoa: return Self.lsoaBytes
    case .school: return Self.schoolBytes
    case .none: return Self.noneBytes
    }
  }

  private static let postcodeBytes = Array("postcode".utf8)
  private static let lsoaBytes = Array("lsoa".utf8)
  private static let schoolBytes = Array("school".utf8)
  private static let noneBytes = Array("none".utf8)
}

extension GeoStatus {
  /// The column value as UTF-8, made once.
  var bytes: [UInt8] {
    switch self {
    case .inArea: return Self.inAreaBytes
    case .outsideArea: return Self.outsideAreaBytes
    case .unplaced: return Self.unplacedBytes
    }
  }

  private static let inAreaBytes = Array(GeoStatus.inArea.rawValue.utf8)
  private static let outsideAreaBytes = Array(GeoStatus.outsideArea.rawValue.utf8)
  private static let unplacedBytes = Array(GeoStatus.unplaced.rawValue.utf8)
}

/// The lookups that place a record, loaded once per file from the reference tables.
///
/// Postcode → (ward, LAD) from the postcode directory; LSOA (2011 or 2021) → best-fit ward →
/// LAD. Pseudo-codes such as `E99999999` mean unknown and are not loaded.
struct GeographyIndex: Sendable {
  struct Place: Sendable {
    var wardCode: [UInt8]?
    var ladCode: [UInt8]
    var inArea: Bool
    var terminated: Bool
  }

  var places: [Place] = []
  /// False when only the area's postcodes are in memory (a national directory): a miss must
  /// then be looked up in the warehouse.
  var holdsEveryPostcode = true
  var byPostcode: [CodeKey: Int32] = [:]
  var byLSOA: [CodeKey: Int32] = [:]
  /// School URN → the place of the school's postcode.
  var bySchool: [CodeKey: Int32] = [:]

  init() {}

  /// Adds a place and returns its index; places are shared between keys.
  mutating func addPlace(ward: String?, lad: String, areaLADs: Set<String>, terminated: Bool)
    -> Int32
  {
    places.append(
      Place(
        wardCode: ward.map { Array($0.utf8) }, ladCode: Array(lad.utf8),
        inArea: areaLADs.contains(lad), terminated: terminated))
    return Int32(places.count - 1)
  }

  static func isPseudoCode(_ code: String) -> Bool {
    code.isEmpty || code.hasSuffix("99999999")
  }
}
