/// Placing a row in ward and district: by postcode, LSOA or school, in the order the feed
/// says, counting why a row that gave a location stayed unplaced.
extension RecordNormaliser {
  func appendGeography(to batch: RowBatch) throws {
    // Why the first location the row gave could not place it: counted when nothing did.
    var firstProblem: UnplacedReason?
    for (ruleIndex, method) in geographyRules.enumerated() {
      let value = geographyValues[ruleIndex]
      if value.isEmpty { continue }
      var placeIndex: Int32?
      switch method {
      case .postcode:
        let compactOK = value.withUnsafeBufferPointer { Postcode.compact($0, into: &scratch) }
        if compactOK, let key = scratch.withUnsafeBufferPointer({ CodeKey($0) }) {
          placeIndex = context.geography.byPostcode[key]
          if placeIndex == nil, let lookup = context.postcodeLookup {
            if let place = try lookedUpPlace(key: key, lookup: lookup) {
              append(place, method: method, to: batch)
              return
            }
          }
          if placeIndex == nil { firstProblem = firstProblem ?? .postcodeNotInDirectory }
        } else {
          firstProblem = firstProblem ?? .postcodeMalformed
        }
      case .school:
        placeIndex = value.withUnsafeBufferPointer { CodeKey($0) }.flatMap {
          context.geography.bySchool[$0]
        }
        if placeIndex == nil { firstProblem = firstProblem ?? .schoolUnknown }
      case .lsoa, .none:
        placeIndex = value.withUnsafeBufferPointer { CodeKey($0) }.flatMap {
          context.geography.byLSOA[$0]
        }
        if placeIndex == nil { firstProblem = firstProblem ?? .lsoaUnknown }
      }
      guard let placeIndex else { continue }
      append(context.geography.places[Int(placeIndex)], method: method, to: batch)
      return
    }
    if let firstProblem { unplacedWithLocation[firstProblem, default: 0] += 1 }
    batch.appendNull()
    batch.appendNull()
    batch.appendText(GeoMethod.none.bytes)
    batch.appendText(GeoStatus.unplaced.bytes)
  }

  func append(_ place: GeographyIndex.Place, method: GeoMethod, to batch: RowBatch) {
    if let ward = place.wardCode { batch.appendText(ward) } else { batch.appendNull() }
    batch.appendText(place.ladCode)
    batch.appendText(method.bytes)
    batch.appendText(place.inArea ? GeoStatus.inArea.bytes : GeoStatus.outsideArea.bytes)
  }

  /// A postcode missing from memory, from the warehouse (remembered for the rest of the file).
  func lookedUpPlace(key: CodeKey, lookup: PostcodeLookup) throws
    -> GeographyIndex.Place?
  {
    if let known = lookedUpPostcodes[key] { return known }
    let place = try lookup.place(compactPostcode: scratch)
    if lookedUpPostcodes.count < 100_000 { lookedUpPostcodes[key] = place }
    return place
  }
}
