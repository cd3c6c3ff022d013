/// A unit offered to a shell completer: what to show and what distinguishes it.
public struct UnitCompletion: Sendable, Equatable {
    public let code: String
    /// The official name (`Xã Phúc Hòa`).
    public let name: String
    /// The name without its kind word (`Phúc Hòa`).
    public let baseName: String
    /// The district (or, for units with no district, the parent) — nil for a province.
    public let districtName: String?
    public let level: UnitLevel
    /// True when the base name alone resolves to this unit on the day asked (safe to insert);
    /// otherwise insert the code.
    public let nameIsUnique: Bool
}

extension UnitIndex {
    /// Units valid on `asOf` whose name or code starts with, or contains, what was typed
    /// (`phuc` → Phúc Hòa, Phúc Sơn, ...): best matches first, at most `limit`.
    ///
    /// Ranking: base name starts with the text, then a word of it does, then it contains the
    /// text; ties by level (districts before communes) and name. Digits match code prefixes.
    public func completions(for text: String, asOf: Day = .programmeReference, level: UnitLevel? = nil,
                            limit: Int = 50) -> [UnitCompletion] {
        let query = NameFolding.fold(text)
        let candidates = units(on: asOf, level: level)
        var ranked: [(rank: Int, unit: Unit)] = []
        let isCode = !query.isEmpty && query.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        for unit in candidates {
            if isCode {
                if unit.code.hasPrefix(query) { ranked.append((0, unit)) }
                continue
            }
            guard let names = folded[unit.id] else { continue }
            if query.isEmpty || names.base.hasPrefix(query) || names.name.hasPrefix(query) {
                ranked.append((0, unit))
            } else if names.base.split(separator: " ").contains(where: { $0.hasPrefix(query) }) {
                ranked.append((1, unit))
            } else if names.base.contains(query) {
                ranked.append((2, unit))
            }
        }
        ranked.sort { ($0.rank, $0.unit.level, $0.unit.baseName, $0.unit.code) < ($1.rank, $1.unit.level, $1.unit.baseName, $1.unit.code) }
        var baseCounts: [String: Int] = [:]
        for unit in candidates { if let base = folded[unit.id]?.base { baseCounts[base, default: 0] += 1 } }
        return ranked.prefix(limit).map { entry in
            let unit = entry.unit
            return UnitCompletion(code: unit.code, name: unit.name, baseName: unit.baseName,
                                  districtName: placeName(of: unit, on: asOf), level: unit.level,
                                  nameIsUnique: baseCounts[folded[unit.id]?.base ?? ""] == 1)
        }
    }

    /// Units whose name or code contains the text, on `asOf` — or at any date when `asOf` is nil
    /// (every version, so former units are found too). Ordered like ``completions(for:asOf:level:limit:)``.
    public func find(_ text: String, asOf: Day? = nil, level: UnitLevel? = nil) -> [Unit] {
        let query = NameFolding.fold(text)
        guard !query.isEmpty else { return [] }
        let pool = asOf.map { units(on: $0, level: level) } ?? units.filter { level == nil || $0.level == level }
        var ranked: [(Int, Unit)] = []
        for unit in pool {
            guard let names = folded[unit.id] else { continue }
            if unit.code.hasPrefix(query) || names.base.hasPrefix(query) || names.name.hasPrefix(query) {
                ranked.append((0, unit))
            } else if names.name.contains(query) {
                ranked.append((1, unit))
            }
        }
        return ranked.sorted { ($0.0, $0.1.level, $0.1.code, $0.1.validFrom) < ($1.0, $1.1.level, $1.1.code, $1.1.validFrom) }
            .map(\.1)
    }
}

extension UnitCompletion {
    /// What a completer should insert: the code when digits were typed or when the name alone is
    /// ambiguous, else the name without its kind word (which resolves back to this unit).
    public func insertion(forTyped typed: String) -> String {
        typed.first?.isNumber == true || !nameIsUnique ? code : baseName
    }

    /// `07324  Xã Phúc Hòa`, for a list of candidates.
    public var listing: String { "\(code)  \(name)" }
}

extension Array where Element == UnitCompletion {
    /// Their listings with the codes padded to the longest (a 5-digit commune beside a 7-digit
    /// village), so the names line up in a list.
    public var alignedListings: [String] {
        let width = map(\.code.count).max() ?? 0
        return map { $0.code + String(repeating: " ", count: width - $0.code.count) + "  " + $0.name }
    }
}
