/// One indicator's rows laid out by period and place, so that the rows a row is related to
/// (a district and its wards, a quarter and its months, the periods before it) are found by
/// position instead of by building and hashing text keys for every row. On five years of
/// indicators (`scripts/bench --case aggregate`, an incremental run of 4.5 s) the text keys
/// were a third of the run: `Disclosure.relations` 21.6%, `addChangesAndTrends` 15.9%.
struct ValueGrid {
  struct Slot: Hashable {
    var type: PeriodType
    var label: String
  }

  struct Place: Hashable {
    var type: GeoType
    var code: String
  }

  /// The periods and places of the rows, each in the order of its text `type|label` (the
  /// order the relations were always listed in, which decides which cell complementary
  /// suppression withholds first).
  let slots: [Slot]
  let places: [Place]
  /// Each row's slot and place.
  let coordinates: [(slot: Int, place: Int)]
  private let slotIndex: [Slot: Int]
  private let placeIndex: [Place: Int]
  /// Row position by `slot * places.count + place`; -1 where there is no row.
  private let positions: [Int]

  init(_ values: [Aggregator.Value]) {
    let slotSet = Set(values.map { Slot(type: $0.periodType, label: $0.period) })
    let placeSet = Set(values.map { Place(type: $0.geoType, code: $0.geoCode) })
    slots = slotSet.sorted { "\($0.type.rawValue)|\($0.label)" < "\($1.type.rawValue)|\($1.label)" }
    places = placeSet.sorted { "\($0.type.rawValue)|\($0.code)" < "\($1.type.rawValue)|\($1.code)" }
    slotIndex = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
    placeIndex = Dictionary(uniqueKeysWithValues: places.enumerated().map { ($1, $0) })
    var positions = [Int](repeating: -1, count: slots.count * places.count)
    var coordinates: [(slot: Int, place: Int)] = []
    coordinates.reserveCapacity(values.count)
    for (position, value) in values.enumerated() {
      let slot = slotIndex[Slot(type: value.periodType, label: value.period)]!
      let place = placeIndex[Place(type: value.geoType, code: value.geoCode)]!
      coordinates.append((slot, place))
      positions[slot * placeSet.count + place] = position  // a repeated row: the last one
    }
    self.positions = positions
    self.coordinates = coordinates
  }

  func slot(_ type: PeriodType, _ label: String) -> Int? {
    slotIndex[Slot(type: type, label: label)]
  }

  func place(_ type: GeoType, _ code: String) -> Int? {
    placeIndex[Place(type: type, code: code)]
  }

  /// For each slot, the slots of the `count` periods of its type before it, oldest first
  /// (nil for a label that is not a period; nil inside for a period without rows).
  func earlierSlots(_ count: Int) -> [[Int?]?] {
    slots.map { slot in
      Period.parse(slot.label, type: slot.type)?.earlier(count).map {
        self.slot(slot.type, $0.label)
      }
    }
  }

  /// The position of the row of a slot and place, if there is one.
  func row(_ slot: Int?, _ place: Int?) -> Int? {
    guard let slot, let place else { return nil }
    let position = positions[slot * places.count + place]
    return position < 0 ? nil : position
  }
}
