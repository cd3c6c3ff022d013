import Foundation
import GRDB

/// A unit to be added: what `unit add` and unit imports validate and store.
public struct NewUnit: Sendable, Equatable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var parentCode: String?
    /// Defaults to the parent's first valid day.
    public var validFrom: Day?
    /// Defaults to the parent's last valid day.
    public var validTo: Day?

    public init(code: String, name: String, kind: UnitKind = .village, parentCode: String?,
                validFrom: Day? = nil, validTo: Day? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

extension UnitRegistry {
    /// Adds a unit (by default a village) under `parent`.
    ///
    /// Checks, each with a reason naming the input: the code's format for the level (province 2
    /// digits, district 3, commune 5, village = the commune's code + 2–3 digits), that no version of
    /// the code overlaps the new validity, that the kind fits under the parent's level, that the
    /// validity lies within the parent's, and that no sibling has the same name.
    @discardableResult
    public func add(code: String, name: String, parent: Unit?, kind: UnitKind = .village,
                    validFrom: Day? = nil, validTo: Day? = nil) throws -> Unit {
        _ = try store.requireMutation("unit add")
        var index = try index()
        return try insertValidated(NewUnit(code: code, name: name, kind: kind, parentCode: parent?.code,
                                           validFrom: validFrom, validTo: validTo),
                                   parent: parent, index: &index)
    }

    /// Validates and inserts one unit; `index` gains it so later rows of an import can refer to it.
    func insertValidated(_ new: NewUnit, parent: Unit?, index: inout UnitIndex) throws -> Unit {
        let (candidate, folded) = try validated(new, parent: parent, index: index)
        let unit = try insert(candidate, folded: folded)
        // The session's index gained the unit in `insert`; an index from elsewhere gains it here.
        if index.unit(id: unit.id) == nil { index.storage.append(unit, folded: folded) }
        return unit
    }

    /// Checks a unit to be added against `index` (see ``add(code:name:parent:kind:validFrom:validTo:)``);
    /// returns it as it would be stored (id 0) with its folded name.
    func validated(_ new: NewUnit, parent: Unit?, index: UnitIndex) throws -> (unit: Unit, folded: String) {
        let code = new.code.trimmingSpaces()
        let trimmed = new.name.trimmingSpaces()
        // Words joined by single spaces: usually already so, then kept as given.
        let name = Self.hasDoubleSpace(trimmed)
            ? trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            : trimmed
        guard !name.isEmpty else { throw DomainError.invalid("the name of unit '\(code)' is empty") }
        if new.kind == .province {
            guard parent == nil else { throw DomainError.invalid("a province has no parent") }
        } else {
            guard let parent else {
                throw DomainError.invalid("unit \(code) '\(name)' needs a parent (a \(new.kind.rawValue) cannot stand alone)")
            }
            let allowed: [UnitLevel]
            switch new.kind.level {
            case .district: allowed = [.province]
            case .commune: allowed = [.district, .province]
            case .village: allowed = [.commune]
            case .province: allowed = []
            }
            guard allowed.contains(parent.level) else {
                throw DomainError.invalid("a \(new.kind.rawValue) cannot be placed under \(parent.name) (\(parent.code)), "
                    + "a \(parent.level.rawValue): it belongs under a " + allowed.map(\.rawValue).joined(separator: " or "))
            }
            if new.kind == .village && parent.kind != .commune {
                throw DomainError.invalid("\(parent.name) (\(parent.code)) is a \(parent.kind.rawValue): villages of the "
                    + "NTM programme belong to rural communes (xã)")
            }
        }
        try Self.validateCode(code, kind: new.kind, parentCode: parent?.code)
        let validFrom = new.validFrom ?? parent?.validFrom ?? Day.programmeReference
        let validTo = new.validTo ?? parent?.validTo
        if let validTo, validTo < validFrom {
            throw DomainError.invalid("unit \(code): valid to \(validTo) is before valid from \(validFrom)")
        }
        if let parent {
            let within = parent.validFrom <= validFrom && (parent.validTo.map { validTo != nil && validTo! <= $0 } ?? true)
            guard within else {
                throw DomainError.invalid("unit \(code) would be valid \(validFrom)–\(validTo.map(String.init(describing:)) ?? "") "
                    + "but its parent \(parent.name) (\(parent.code)) is valid \(parent.validityText)")
            }
        }
        let candidate = Unit(id: 0, code: code, name: name, level: new.kind.level, kind: new.kind,
                             parentCode: parent?.code, validFrom: validFrom, validTo: validTo)
        if let clash = index.versions(of: code).first(where: { $0.overlaps(candidate) }) {
            throw DomainError.invalid("code \(code) is already used by \(clash.name), valid \(clash.validityText)")
        }
        let folded = NameFolding.fold(name)
        if let parent {
            // The parent's children over time (``UnitIndex/childrenOverTime(of:)``), walked in place.
            for sibling in index.storage.byParentCode[parent.code] ?? [] where sibling.overlaps(parent)
                && sibling.overlaps(candidate) && index.names(of: sibling.id)?.name == folded {
                throw DomainError.invalid("\(parent.name) already has a unit named \(sibling.name) (\(sibling.code))")
            }
        }
        return (candidate, folded)
    }

    /// Whether two spaces follow each other in `text`.
    private static func hasDoubleSpace(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 32 && previous == 32 { return true }
            previous = byte
        }
        return false
    }

    /// Checks a code's shape for its kind: province 2 digits, district 3, commune 5, village the
    /// parent commune's code followed by 2–3 digits.
    static func validateCode(_ code: String, kind: UnitKind, parentCode: String?) throws {
        // Digits only, so bytes count as characters.
        let digits = !code.isEmpty && code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        let count = code.utf8.count
        let prefix = parentCode ?? ""
        let ok: Bool
        switch kind.level {
        case .province: ok = digits && count == 2
        case .district: ok = digits && count == 3
        case .commune: ok = digits && count == 5
        case .village:
            ok = digits && code.utf8.starts(with: prefix.utf8) && (prefix.utf8.count + 2...prefix.utf8.count + 3).contains(count)
        }
        guard !ok else { return }
        let rule: String
        switch kind.level {
        case .province: rule = "2 digits"
        case .district: rule = "3 digits"
        case .commune: rule = "5 digits"
        case .village: rule = "the commune's code \(prefix) followed by 2–3 digits (e.g. \(prefix)01)"
        }
        throw DomainError.invalid("malformed \(kind.level.rawValue) code '\(code)': expected \(rule)")
    }

    /// Inserts a unit row as given (no validation) and audits it; returns it with its id.
    func insert(_ unit: Unit, folded: String? = nil) throws -> Unit {
        let folded = folded ?? NameFolding.fold(unit.name)
        let statement = RawStatement(try store.db.cachedStatement(sql: """
            INSERT INTO unit (code, name, level, kind, parent_code, valid_from, valid_to, folded_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """))
        defer { statement.reset() }
        Self.bind(unit, folded: folded, to: statement, after: 0)
        try statement.execute()
        let stored = Unit(id: store.db.lastInsertedRowID, code: unit.code, name: unit.name, level: unit.level,
                          kind: unit.kind, parentCode: unit.parentCode, validFrom: unit.validFrom, validTo: unit.validTo)
        store.memo.neighbourhood = nil
        store.workspace.unitCache.added(stored, folded: folded)
        try store.audit.record(module: "core", entity: "unit", key: stored.key.description, unit: stored.code,
                               beforeText: nil, afterText: Self.auditText(stored))
        return stored
    }

    /// Binds a unit's columns, in the order `code, name, level, kind, parent_code, valid_from, valid_to,
    /// folded_name`, to the 8 parameters after `base`.
    static func bind(_ unit: Unit, folded: String, to statement: RawStatement, after base: Int32) {
        statement.bind(base + 1, unit.code)
        statement.bind(base + 2, unit.name)
        statement.bind(base + 3, unit.level.rawValue)
        statement.bind(base + 4, unit.kind.rawValue)
        statement.bind(base + 5, unit.parentCode)
        statement.bind(base + 6, unit.validFrom.description)
        statement.bind(base + 7, unit.validTo?.description)
        statement.bind(base + 8, folded)
    }

    /// Records that `predecessor` became (part of) `successor` on `effective`, and audits it.
    func insertSuccession(_ predecessor: Unit, _ successor: Unit, effective: Day, basis: Succession.Basis) throws {
        let statement = try store.db.cachedStatement(sql: """
            INSERT INTO unit_succession (predecessor_id, successor_id, effective, basis) VALUES (?, ?, ?, ?)
            """)
        try statement.execute(arguments: [predecessor.id, successor.id, effective.description, basis.rawValue])
        store.memo.neighbourhood = nil
        store.workspace.unitCache.linked(Succession(predecessor: predecessor, successor: successor,
                                                    effective: effective, basis: basis))
        try store.audit.record(module: "core", entity: "succession",
                               key: "\(predecessor.key)>\(successor.key)", unit: predecessor.code, before: nil,
                               after: .object(["predecessor": .string(predecessor.key.description),
                                               "successor": .string(successor.key.description),
                                               "effective": .string(effective.description),
                                               "basis": .string(basis.rawValue)]))
    }

    /// Records by hand that `predecessor` became (part of) `successor`; the successor must start
    /// the day after the predecessor ends.
    public func addSuccession(from predecessor: Unit, to successor: Unit) throws {
        _ = try store.requireMutation("unit succession add")
        guard let end = predecessor.validTo, end.next == successor.validFrom else {
            throw DomainError.invalid("\(predecessor) is valid \(predecessor.validityText) and \(successor) \(successor.validityText): "
                + "a successor must start the day after its predecessor ends")
        }
        let index = try index()
        if index.successors(of: predecessor).contains(where: { $0.successor.id == successor.id }) {
            throw DomainError.invalid("\(predecessor) already leads to \(successor)")
        }
        try insertSuccession(predecessor, successor, effective: successor.validFrom, basis: .manual)
    }

    /// The JSON text an audit row stores for a unit: ``auditValue(_:)`` written out, byte by byte
    /// (on the path of every unit an import or a `unit add` line writes).
    static func auditText(_ unit: Unit) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + unit.name.utf8.count)
        func literal(_ text: StaticString) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func string(_ text: String?) {
            guard let text else { return literal("null") }
            JSONValue.appendString(text, to: &bytes)
        }
        literal("{\"code\":")
        string(unit.code)
        literal(",\"name\":")
        string(unit.name)
        literal(",\"level\":")
        string(unit.level.rawValue)
        literal(",\"kind\":")
        string(unit.kind.rawValue)
        literal(",\"parent_code\":")
        string(unit.parentCode)
        literal(",\"valid_from\":")
        string(unit.validFrom.description)
        literal(",\"valid_to\":")
        string(unit.validTo?.description)
        literal("}")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The JSON an audit row stores for a unit.
    static func auditValue(_ unit: Unit) -> JSONValue {
        .object(["code": .string(unit.code), "name": .string(unit.name), "level": .string(unit.level.rawValue),
                 "kind": .string(unit.kind.rawValue), "parent_code": .text(unit.parentCode),
                 "valid_from": .string(unit.validFrom.description), "valid_to": .text(unit.validTo?.description)])
    }
}

extension UnitIndex {
    /// Every succession link (for rebuilding an index with more units).
    var allLinks: [Succession] {
        units.flatMap { successors(of: $0) }
    }
}
