/// Where a target applies.
///
/// - ``level(_:)``: what is recorded at units of that level, summed over those units within the
///   area asked about (documents processed online *at commune level*: 60%).
/// - ``unit(_:)``: one unit (by code, the version valid at the end of the target's year), rolled
///   up over everything below it.
public enum TargetScope: Hashable, Sendable, CustomStringConvertible {
    case level(UnitLevel)
    case unit(String)

    /// Stored form: `level:commune`, `unit:24`.
    public var storageText: String {
        switch self {
        case .level(let level): return "level:\(level.rawValue)"
        case .unit(let code): return "unit:\(code)"
        }
    }

    /// `commune level`, `unit 24`.
    public var description: String {
        switch self {
        case .level(let level): return "\(level.rawValue) level"
        case .unit(let code): return "unit \(code)"
        }
    }

    init(storageText text: String) throws {
        if text.hasPrefix("level:") {
            self = .level(try UnitLevel(parsing: String(text.dropFirst(6))))
        } else if text.hasPrefix("unit:") {
            self = .unit(String(text.dropFirst(5)))
        } else {
            throw DomainError.invalid("malformed target scope '\(text)'")
        }
    }
}

/// Whether the value must reach the threshold or stay under it.
public enum TargetDirection: String, Sendable, Codable, CaseIterable {
    case atLeast = "at_least"
    case atMost = "at_most"

    /// `≥` or `≤`.
    public var symbol: String { self == .atLeast ? "≥" : "≤" }

    /// Parses `at_least`, `at-least`, `min`, `>=`, `≥` (and the opposites).
    public init(parsing text: String) throws {
        switch text.lowercased() {
        case "at_least", "at-least", "atleast", "min", ">=", "≥": self = .atLeast
        case "at_most", "at-most", "atmost", "max", "<=", "≤": self = .atMost
        default: throw DomainError.invalid("unknown direction '\(text)': expected at_least or at_most")
        }
    }

    /// Whether `value` satisfies `threshold`.
    public func isMet(_ value: Double, threshold: Double) -> Bool {
        self == .atLeast ? value >= threshold : value <= threshold
    }
}

/// A target as declared (by the plan, a module or a person): indicator × scope × year → threshold.
public struct TargetDefinition: Sendable, Hashable {
    public var indicatorID: String
    public var scope: TargetScope
    public var year: Int
    /// In the indicator's unit: a percentage (97 means 97%) or a count.
    public var threshold: Double
    public var direction: TargetDirection
    public var note: String?

    public init(indicatorID: String, scope: TargetScope, year: Int, threshold: Double,
                direction: TargetDirection = .atLeast, note: String? = nil) {
        self.indicatorID = indicatorID
        self.scope = scope
        self.year = year
        self.threshold = threshold
        self.direction = direction
        self.note = note
    }
}

/// A stored target.
public struct Target: Sendable, Hashable {
    public let id: Int64
    public let definition: TargetDefinition
    /// Who set it: `plan`, `module ehr`, or the actor who typed `target set`.
    public let source: String

    public var indicatorID: String { definition.indicatorID }
    public var scope: TargetScope { definition.scope }
    public var year: Int { definition.year }
    public var threshold: Double { definition.threshold }
    public var direction: TargetDirection { definition.direction }
}
