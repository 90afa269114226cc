import PMOModel

/// The reference data intake decides with: the latest policy and roster (``ReferenceData``).
public typealias IntakeReference = ReferenceData
