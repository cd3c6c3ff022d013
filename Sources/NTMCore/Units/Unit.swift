/// The tier of an administrative unit: province › district › commune › village.
public enum UnitLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case province, district, commune, village

    /// 0 for the province, 3 for a village.
    public var depth: Int {
        switch self {
        case .province: return 0
        case .district: return 1
        case .commune: return 2
        case .village: return 3
        }
    }

    public static func < (lhs: UnitLevel, rhs: UnitLevel) -> Bool { lhs.depth < rhs.depth }

    /// Parses `province|district|commune|village`; the error lists the choices.
    public init(parsing text: String) throws {
        guard let level = UnitLevel(rawValue: text.lowercased()) else {
            throw DomainError.invalid("unknown level '\(text)': expected province, district, commune or village")
        }
        self = level
    }
}

/// What sort of unit it is, within its level.
///
/// District level: `district` (huyện), `city` (thành phố), `town` (thị xã).
/// Commune level: `commune` (xã — the rural communes of the NTM programme), `ward` (phường),
/// `township` (thị trấn). Villages (thôn) are `village`.
public enum UnitKind: String, CaseIterable, Sendable, Codable {
    case province, city, district, town, commune, ward, township, village

    /// The level this kind belongs to.
    public var level: UnitLevel {
        switch self {
        case .province: return .province
        case .city, .district, .town: return .district
        case .commune, .ward, .township: return .commune
        case .village: return .village
        }
    }

    /// The Vietnamese word that starts official names of this kind (`Xã`, `Phường`, `Thị trấn`).
    public var vietnamesePrefix: String {
        switch self {
        case .province: return "Tỉnh"
        case .city: return "Thành phố"
        case .district: return "Huyện"
        case .town: return "Thị xã"
        case .commune: return "Xã"
        case .ward: return "Phường"
        case .township: return "Thị trấn"
        case .village: return "Thôn"
        }
    }

    /// Kinds allowed at a level.
    public static func kinds(at level: UnitLevel) -> [UnitKind] {
        allCases.filter { $0.level == level }
    }

    /// Parses a kind name (`commune`) or its Vietnamese word (`Xã`, `xa`, `Thị trấn`).
    public init(parsing text: String) throws {
        // The usual spelling (`village`) without lowercasing a copy first.
        if let kind = UnitKind(rawValue: text) ?? UnitKind(rawValue: text.lowercased()) {
            self = kind
            return
        }
        let folded = NameFolding.fold(text)
        if let kind = UnitKind.allCases.first(where: { NameFolding.fold($0.vietnamesePrefix) == folded }) {
            self = kind
            return
        }
        throw DomainError.invalid("unknown kind '\(text)': expected one of "
            + UnitKind.allCases.map(\.rawValue).joined(separator: ", "))
    }
}

/// One version of an administrative unit: a code, a name and a place in the hierarchy, valid
/// over a span of days.
///
/// Codes are reused (after the 1 July 2025 mergers the new Xã Phúc Hòa took code 07330, the old
/// Xã Hợp Đức's), so a code alone does not identify a unit: a version is identified by
/// ``key`` — its code and first valid day — and stored with a row ``id`` other tables refer to.
/// The parent is the version of ``parentCode`` valid at the same time.
public struct Unit: Sendable, Hashable, Identifiable, CustomStringConvertible {
    /// Row id; stable for the life of the database, what module tables reference.
    public let id: Int64
    /// Official code (GSO: province 2 digits, district 3, commune 5; villages: commune code + 2–3 digits).
    public let code: String
    /// Official name with its kind word (`Xã Phúc Hòa`).
    public let name: String
    public let level: UnitLevel
    public let kind: UnitKind
    /// The parent's code; nil for a province.
    public let parentCode: String?
    /// First valid day.
    public let validFrom: Day
    /// Last valid day (inclusive); nil while still valid.
    public let validTo: Day?

    public init(id: Int64, code: String, name: String, level: UnitLevel, kind: UnitKind, parentCode: String?,
                validFrom: Day, validTo: Day?) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.kind = kind
        self.parentCode = parentCode
        self.validFrom = validFrom
        self.validTo = validTo
    }

    /// The identity of this version: code and first valid day.
    public var key: UnitKey { UnitKey(code: code, validFrom: validFrom) }

    /// Whether the unit exists on that day.
    public func isValid(on day: Day) -> Bool {
        validFrom <= day && (validTo.map { day <= $0 } ?? true)
    }

    /// Whether the unit exists on at least one day of the period.
    public func overlaps(_ period: Period) -> Bool { overlaps(from: period.start, to: period.end) }

    /// Whether the unit exists on at least one day between `from` and `to` (open when nil).
    public func overlaps(from: Day, to: Day?) -> Bool {
        (to.map { validFrom <= $0 } ?? true) && (validTo.map { $0 >= from } ?? true)
    }

    /// Whether two versions exist at the same time on some day.
    public func overlaps(_ other: Unit) -> Bool { overlaps(from: other.validFrom, to: other.validTo) }

    /// The name without its kind word (`Phúc Hòa`).
    public var baseName: String { NameFolding.stripKindPrefix(name, kind: kind) }

    /// A rural commune (xã): the units assessed and recognised under the NTM programme.
    public var isRuralCommune: Bool { kind == .commune }

    /// `2020-01-01–2025-06-30`, or `from 2025-07-01`.
    public var validityText: String {
        if let validTo { return "\(validFrom)–\(validTo)" }
        return "from \(validFrom)"
    }

    /// `Xã Phúc Hòa (07324)`.
    public var description: String { "\(name) (\(code))" }
}

/// The identity of a unit version: a code and the first day it is valid.
public struct UnitKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let code: String
    public let validFrom: Day

    public init(code: String, validFrom: Day) {
        self.code = code
        self.validFrom = validFrom
    }

    public static func < (lhs: UnitKey, rhs: UnitKey) -> Bool {
        (lhs.code, lhs.validFrom) < (rhs.code, rhs.validFrom)
    }

    /// `07330@2025-07-01`: the syntax unit references accept to pick a version.
    public var description: String { code + "@" + validFrom.description }
}

/// How a unit version led to another.
public struct Succession: Sendable, Hashable {
    /// Why ntm holds the link.
    public enum Basis: String, Sendable, Codable {
        /// Listed in the 2025 merger mapping (old unit → new unit on 1 July 2025).
        case mapping
        /// Inferred: the same code on both sides of a change the sources do not describe
        /// (the 1 January 2025 renames, reclassifications and mergers).
        case sameCode = "same-code"
        /// The province merger of 1 July 2025 (Bắc Giang into the new Bắc Ninh, code 24 reused).
        case provinceMerger = "province-merger"
        /// Entered by a person.
        case manual
    }

    public let predecessor: Unit
    public let successor: Unit
    /// The first day of the successor's part.
    public let effective: Day
    public let basis: Basis
}
