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
        let code = new.code.trimmingSpaces()
        let name = new.name.trimmingSpaces().split(separator: " ", omittingEmptySubsequences: true)
            .joined(separator: " ")
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
        if let parent {
            let folded = NameFolding.fold(name)
            if let twin = index.childrenOverTime(of: parent).first(where: {
                $0.overlaps(candidate) && index.names(of: $0.id)?.name == folded
            }) {
                throw DomainError.invalid("\(parent.name) already has a unit named \(twin.name) (\(twin.code))")
            }
        }
        let unit = try insert(candidate)
        // The session's index gained the unit in `insert`; an index from elsewhere gains it here.
        if index.unit(id: unit.id) == nil { index.storage.append(unit, folded: NameFolding.fold(unit.name)) }
        return unit
    }

    /// Checks a code's shape for its kind: province 2 digits, district 3, commune 5, village the
    /// parent commune's code followed by 2–3 digits.
    static func validateCode(_ code: String, kind: UnitKind, parentCode: String?) throws {
        let digits = !code.isEmpty && code.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        let ok: Bool
        let rule: String
        switch kind.level {
        case .province: ok = digits && code.count == 2; rule = "2 digits"
        case .district: ok = digits && code.count == 3; rule = "3 digits"
        case .commune: ok = digits && code.count == 5; rule = "5 digits"
        case .village:
            let prefix = parentCode ?? ""
            ok = digits && code.hasPrefix(prefix) && (prefix.count + 2...prefix.count + 3).contains(code.count)
            rule = "the commune's code \(prefix) followed by 2–3 digits (e.g. \(prefix)01)"
        }
        guard ok else { throw DomainError.invalid("malformed \(kind.level.rawValue) code '\(code)': expected \(rule)") }
    }

    /// Inserts a unit row as given (no validation) and audits it; returns it with its id.
    func insert(_ unit: Unit) throws -> Unit {
        let folded = NameFolding.fold(unit.name)
        let statement = try store.db.cachedStatement(sql: """
            INSERT INTO unit (code, name, level, kind, parent_code, valid_from, valid_to, folded_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [unit.code, unit.name, unit.level.rawValue, unit.kind.rawValue, unit.parentCode,
                                          unit.validFrom.description, unit.validTo?.description, folded])
        let stored = Unit(id: store.db.lastInsertedRowID, code: unit.code, name: unit.name, level: unit.level,
                          kind: unit.kind, parentCode: unit.parentCode, validFrom: unit.validFrom, validTo: unit.validTo)
        store.memo.neighbourhood = nil
        store.workspace.unitCache.added(stored, folded: folded)
        try store.audit.record(module: "core", entity: "unit", key: stored.key.description, unit: stored.code,
                               before: nil, after: Self.auditValue(stored))
        return stored
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
