/// Everything about one field that the hot loop needs, worked out once per file.
final class FieldPlan {
  let spec: FieldSpec
  let caster: FieldCaster
  /// The column in the file, or -1 when the (optional) column is absent.
  let column: Int
  let isRequired: Bool
  let isStored: Bool
  let isIdentifier: Bool
  let isPeriod: Bool
  /// Position in the natural key, or -1.
  let keyPosition: Int
  /// How the field's values are normalised (`FeedSpec.normalisation(of:)`).
  let normalisation: FieldNormalisation
  /// For a code: the case its canonical form is written in (values are rewritten to it).
  let codeCase: TextNormalisation.Case?
  /// The key compares this field's values by their text key (case, spacing ignored).
  let keyFoldsText: Bool
  /// A non-ASCII value is cast with canonical spacing (`TextNormalisation.spaced`), not only
  /// trimmed: anything but free text, which is stored as delivered (trimmed).
  let castsSpaced: Bool
  /// The geography rules (indexes into the feed's `geography`) this field feeds.
  let geographyRules: [Int]
  let referenceCodes: Set<CodeKey>?
  /// For a date of birth: its derived age column's index (else -1).
  let dateOfBirthSlot: Int
  /// The derived age columns this date is the event date of.
  let eventDateSlots: [Int]
  /// For free text classified by keyword rules: the classifier and its derived column slot.
  let classifier: MethodClassifier?
  let classificationSlot: Int
  /// For a date or year-month: the first and last ISO dates believed (`PlausibleDates`).
  let dateWindow: (earliest: [UInt8], latest: [UInt8])?

  init(
    spec: FieldSpec, normalisation: FieldNormalisation, column: Int, isPeriod: Bool,
    keyPosition: Int, geographyRules: [Int],
    referenceCodes: Set<CodeKey>?, dateOfBirthSlot: Int = -1, eventDateSlots: [Int] = [],
    classifier: MethodClassifier? = nil, classificationSlot: Int = -1,
    dateWindow: (earliest: [UInt8], latest: [UInt8])? = nil
  ) throws {
    self.spec = spec
    caster = try FieldCaster(spec: spec)
    self.column = column
    isRequired = spec.isRequired
    isStored = spec.isStored
    isIdentifier = spec.role == .identifier
    self.isPeriod = isPeriod
    self.keyPosition = keyPosition
    self.normalisation = normalisation
    if case .code(let letterCase) = normalisation { codeCase = letterCase } else { codeCase = nil }
    keyFoldsText = keyPosition >= 0 && normalisation == .text
    castsSpaced =
      spec.type != .string || (normalisation != .exact && normalisation != .text)
      || spec.constraints?.enum != nil || spec.constraints?.pattern != nil
    self.geographyRules = geographyRules
    self.referenceCodes = referenceCodes
    self.dateOfBirthSlot = dateOfBirthSlot
    self.eventDateSlots = eventDateSlots
    self.classifier = classifier
    self.classificationSlot = classificationSlot
    self.dateWindow = dateWindow
  }
}
