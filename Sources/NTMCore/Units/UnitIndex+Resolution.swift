import Foundation

/// Turning what a person typed into one unit version.
///
/// A unit reference is:
/// - a code (`07324`), taken as the version valid on the reference day;
/// - a code and a day (`07330@2025-07-01`), the version valid that day;
/// - a name, matched without diacritics or case and with or without its kind word
///   (`phuc hoa`, `Phúc Hòa`, `Xã Phúc Hòa`, `PHUC HOA`), among units valid on the reference day;
///   a parent in parentheses narrows it (`Phúc Sơn (Tân Yên)`).
///
/// When a name matches several units and exactly one matches with its diacritics as typed
/// (`Đồng Sơn` vs `Đông Sơn`), that one is taken; otherwise the reference is ambiguous and the
/// error lists the candidates with their districts. Unknown references get near suggestions.
extension UnitIndex {
    /// Resolves a reference among units valid on `asOf`, optionally restricted to one level.
    public func resolve(_ reference: String, asOf: Day = .programmeReference, level: UnitLevel? = nil) throws -> Unit {
        let text = reference.trimmingSpaces()
        guard !text.isEmpty else { throw DomainError.invalid("empty unit reference: give a code or a name") }

        if let at = text.firstIndex(of: "@") {
            let code = String(text[..<at]).trimmingCharacters(in: .whitespaces)
            let day = try Day(parsing: String(text[text.index(after: at)...]).trimmingCharacters(in: .whitespaces))
            return try resolveCode(code, input: reference, on: day, level: level)
        }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return try resolveCode(text, input: reference, on: asOf, level: level)
        }
        return try resolveName(text, input: reference, on: asOf, level: level)
    }

    private func resolveCode(_ code: String, input: String, on day: Day, level: UnitLevel?) throws -> Unit {
        if let unit = unit(code: code, on: day) {
            if let level, unit.level != level {
                throw DomainError.invalid("'\(input)' is \(unit.name) (\(unit.code)), a \(unit.level.rawValue), not a \(level.rawValue)")
            }
            return unit
        }
        let other = versions(of: code)
        if other.isEmpty {
            let near = units(on: day, level: level).filter { $0.code.hasPrefix(code) || code.hasPrefix($0.code) }
                .prefix(5).map { "\($0.code) \($0.name)" }
            throw DomainError.unknownUnit(input: input, asOf: day, suggestions: Array(near), note: "no unit has code \(code)")
        }
        throw DomainError.unknownUnit(input: input, asOf: day, suggestions: [],
                                      note: other.map { describeOtherDates($0) }.joined(separator: "; "))
    }

    /// `07324 Xã Phúc Hòa (Huyện Tân Yên) was valid 2020-01-01–2025-06-30, since 2025-07-01 part of Xã Phúc Hòa (07330)`.
    func describeOtherDates(_ unit: Unit) -> String {
        var text = "\(unit.code) \(unit.name)"
        if let place = placeName(of: unit) { text += " (\(place))" }
        text += unit.validTo == nil ? " is valid from \(unit.validFrom)" : " was valid \(unit.validityText)"
        let next = successors(of: unit)
        if !next.isEmpty {
            text += ", " + next.map { describeSuccession($0) }.joined(separator: ", ")
        }
        return text
    }

    /// `since 2025-07-01 part of Xã Phúc Hòa (07330)` or `since 2025-01-01 Phường Song Mai (07222)`.
    public func describeSuccession(_ link: Succession) -> String {
        let merged = predecessors(of: link.successor).count > 1
        return "since \(link.effective) " + (merged ? "part of " : "") + "\(link.successor.name) (\(link.successor.code))"
    }

    /// Where a version came from, or nil when nothing is recorded: `formed on 2025-07-01 from Xã
    /// Phúc Hòa (07324), Xã Hợp Đức (07330), Xã Lam Cốt (07357)`, or `since 2025-01-01, before that
    /// Xã Song Mai (07222)` for a single predecessor.
    public func describeOrigin(_ unit: Unit) -> String? {
        let links = predecessors(of: unit)
        guard let effective = links.map(\.effective).min() else { return nil }
        let names = links.map { "\($0.predecessor.name) (\($0.predecessor.code))" }
        if links.count == 1 { return "since \(effective), before that \(names[0])" }
        return "formed on \(effective) from " + names.joined(separator: ", ")
    }

    private func resolveName(_ text: String, input: String, on day: Day, level: UnitLevel?) throws -> Unit {
        // `Name (Parent)` narrows by an ancestor's name.
        var name = text
        var parentFilter: String?
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            name = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            parentFilter = NameFolding.fold(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
        }
        let query = NameFolding.fold(name)
        let named = self.named(query)
        var candidates = named.filter { $0.isValid(on: day) && (level == nil || $0.level == level) }
        if let parentFilter {
            candidates = candidates.filter { unit in
                ancestors(of: unit, on: day).contains { matches($0, folded: parentFilter) }
            }
        }
        if candidates.count > 1 {
            // Diacritics as typed break the tie (`Đồng Sơn` vs `Đông Sơn`).
            let typed = name.lowercased()
            let exact = candidates.filter { $0.name.lowercased() == typed || $0.baseName.lowercased() == typed }
            if exact.count == 1 { return exact[0] }
        }
        if candidates.count == 1 { return candidates[0] }
        if candidates.count > 1 {
            throw DomainError.ambiguousUnit(input: input, asOf: day, candidates: candidates.map { describeCandidate($0, on: day) })
        }
        // Nothing on that day: say when such a unit existed, and suggest near names.
        let elsewhere = named.filter { !$0.isValid(on: day) && (level == nil || $0.level == level) }
        // The start of several names (`tan` for Tân Yên, Tân Sỏi, Ngọc Tân, ...): ambiguous, not unknown.
        let partial = elsewhere.isEmpty && parentFilter == nil ? partialMatches(of: query, on: day, level: level) : []
        if partial.count > 1 {
            throw DomainError.ambiguousUnit(input: input, asOf: day, candidates: partial.map { describeCandidate($0, on: day) })
        }
        let note = elsewhere.isEmpty ? nil : elsewhere.prefix(4).map { describeOtherDates($0) }.joined(separator: "; ")
        let suggestions = nearNames(to: query, on: day, level: level).map { describeCandidate($0, on: day) }
        throw DomainError.unknownUnit(input: input, asOf: day, suggestions: suggestions, note: note)
    }

    /// Whether a folded query names the unit: its full name or its name without the kind word.
    func matches(_ unit: Unit, folded query: String) -> Bool {
        guard let names = names(of: unit.id) else { return false }
        return names.name == query || names.base == query
    }

    /// Every version whose full name or name without the kind word folds to `query`, ordered by
    /// code then first valid day (two hash lookups, whatever the size of the registry).
    func named(_ query: String) -> [Unit] {
        let byName = storage.byFoldedName[query] ?? [], byBase = storage.byFoldedBase[query] ?? []
        let ids = byBase.isEmpty ? byName : byName.isEmpty ? byBase : Array(Set(byName).union(byBase))
        return ids.compactMap { unit(id: $0) }.sorted { $0.key < $1.key }
    }

    /// `Xã Phúc Sơn (07318, Huyện Tân Yên)`.
    public func describeCandidate(_ unit: Unit, on day: Day? = nil) -> String {
        if let place = placeName(of: unit, on: day) { return "\(unit.name) (\(unit.code), \(place))" }
        return "\(unit.name) (\(unit.code))"
    }

    /// Units valid on `day` with a word of their name starting with the query's words (`tan` →
    /// Tân Yên, Tân Sỏi, Ngọc Tân, ...), names starting with it first.
    func partialMatches(of query: String, on day: Day, level: UnitLevel?) -> [Unit] {
        guard !query.isEmpty else { return [] }
        var ranked: [(Int, Unit)] = []
        for unit in units(on: day, level: level) {
            guard let names = names(of: unit.id) else { continue }
            if names.base.hasPrefix(query) || names.name.hasPrefix(query) {
                ranked.append((0, unit))
            } else if (" " + names.base).contains(" " + query) {
                ranked.append((1, unit))
            }
        }
        return ranked.sorted { ($0.0, $0.1.level, $0.1.code) < ($1.0, $1.1.level, $1.1.code) }.map(\.1)
    }

    /// Up to five units valid on `day` whose names are close to the query: containing it, else
    /// within a small edit distance (one edit for a short word, so `phuc` never suggests `Chũ`).
    func nearNames(to query: String, on day: Day, level: UnitLevel?) -> [Unit] {
        guard !query.isEmpty else { return [] }
        let limit = max(1, query.count / 3)
        var containing: [Unit] = []
        var scored: [(Int, Unit)] = []
        for unit in units(on: day, level: level) {
            guard let names = names(of: unit.id) else { continue }
            if FoldedText.contains(names.base, query) || FoldedText.contains(names.name, query) {
                containing.append(unit)
                continue
            }
            // A typo in one word of a longer name (`phuk` for Phúc Hòa) counts as close too.
            let words = names.base.split(separator: " ").map(String.init)
            let wordDistance = words.count > 1 ? words.map { NameFolding.distance(query, $0) }.min() ?? Int.max : Int.max
            let distance = min(NameFolding.distance(query, names.base), NameFolding.distance(query, names.name), wordDistance)
            if distance <= limit { scored.append((distance, unit)) }
        }
        if !containing.isEmpty {
            return containing.sorted { ($0.level, $0.code) < ($1.level, $1.code) }.prefix(5).map { $0 }
        }
        return scored.sorted { ($0.0, $0.1.level, $0.1.code) < ($1.0, $1.1.level, $1.1.code) }.prefix(5).map(\.1)
    }
}
