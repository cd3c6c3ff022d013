import Foundation

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

/// A bounded list of completions and how many units matched in all.
public struct UnitCompletionList: Sendable, Equatable {
    /// The best matches, in order, at most the limit asked.
    public let matches: [UnitCompletion]
    /// How many units matched what was typed (at least `matches.count`).
    public let total: Int

    /// How many matched but are not in ``matches``.
    public var more: Int { total - matches.count }
}

extension UnitIndex {
    /// Units valid on `asOf` whose name or code starts with, or contains, what was typed
    /// (`phuc` → Phúc Hòa, Phúc Sơn, ...): best matches first, at most `limit`.
    public func completions(for text: String, asOf: Day = .programmeReference, level: UnitLevel? = nil,
                            limit: Int = 50) -> [UnitCompletion] {
        completionList(for: text, asOf: asOf, level: level, limit: limit).matches
    }

    /// The best `limit` completions of what was typed, and how many units matched in all.
    ///
    /// Ranking: base name starts with the text, then a word of it does, then it contains the
    /// text; ties by level (districts before communes) and name. Digits match code prefixes.
    ///
    /// Prefixes are found through search keys bucketed by their first two bytes (see
    /// ``CompletionTable``), so a keystroke costs the names sharing its first letters, not the
    /// registry; only when fewer than `limit` names start with the text are the folded base names
    /// searched for it inside (one pass over their bytes, nothing folded again). Of thousands of
    /// matches (`thon so 1`: Thôn Số 1 and 10–19 of every commune) only the best `limit` are kept,
    /// compared by each unit's place in the completion order, not sorted all. A match costs array
    /// reads, no hashing: the bench's worst Tab was the dictionaries of a 2,000-match prefix.
    public func completionList(for text: String, asOf: Day = .programmeReference, level: UnitLevel? = nil,
                               limit: Int = 50) -> UnitCompletionList {
        var query = NameFolding.fold(text)
        let isCode = !query.isEmpty && query.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        let table = storage.completionTable
        let slots = table.slots
        let day = CompletionTable.Slot.number(asOf)
        // Per slot: 255 not seen, 254 seen and not eligible, else the best rank found so far.
        var rankOf = [UInt8](repeating: 255, count: slots.count)
        var matched: [Int32] = []
        func consider(_ slot: Int32, rank: UInt8) {
            let known = rankOf[Int(slot)]
            if known != 255 {
                if rank < known { rankOf[Int(slot)] = rank }
                return
            }
            let entry = slots[Int(slot)]
            guard entry.from <= day, day <= entry.to, level == nil || entry.level == level else {
                rankOf[Int(slot)] = 254
                return
            }
            rankOf[Int(slot)] = rank
            matched.append(slot)
        }
        if query.isEmpty {
            for slot in slots.indices { consider(Int32(slot), rank: 0) }
        } else if isCode {
            let sorted = units
            var index = Self.lowerBound(sorted.count) { sorted[$0].code < query }
            while index < sorted.count, sorted[index].code.hasPrefix(query) {
                if let slot = table.slotOfID[sorted[index].id] { consider(slot, rank: 0) }
                index += 1
            }
        } else {
            query.withUTF8 { typed in
                let buckets = table.buckets
                let words = !typed.contains(32)   // a word of the base can only start a one-word query
                let bucket = CompletionKey.bucket(of: typed)
                // Two bytes typed: one bucket; one byte: every bucket that starts with it.
                if typed.count >= 2 {
                    buckets[bucket]?.forEachStarting(with: typed, words: words) { consider($0, rank: $1) }
                } else {
                    for (key, list) in buckets where key >> 8 == bucket >> 8 {
                        list.forEachStarting(with: typed, words: words) { consider($0, rank: $1) }
                    }
                }
                if matched.count < limit {
                    table.bases.forEachContaining(typed) { slot in
                        if rankOf[slot] == 255 { consider(Int32(slot), rank: 2) }
                    }
                }
            }
        }
        // The best `limit`, kept in order as they come, compared by rank and place in the
        // completion order (two integers): most matches lose to the last kept one at once.
        let ordinals = table.ordinals
        var best = BestMatches(limit: limit)
        for slot in matched {
            best.offer(RankedMatch(rank: rankOf[Int(slot)], ordinal: ordinals[Int(slot)], slot: slot))
        }
        // Whether a base name alone resolves: the same for every match of that base (the 60 best
        // of `thon so 1` share a handful of bases).
        var uniqueByBase: [String: Bool] = [:]
        let matches = best.matches.compactMap { entry -> UnitCompletion? in
            let slot = Int(entry.slot)
            guard let unit = unit(id: slots[slot].id) else { return nil }
            let base = names(of: unit.id)?.base ?? ""
            let unique: Bool
            if let known = uniqueByBase[base] {
                unique = known
            } else {
                var count = 0
                for id in storage.byFoldedBase[base] ?? [] where count < 2 {
                    if let other = self.unit(id: id), other.isValid(on: asOf), level == nil || other.level == level { count += 1 }
                }
                unique = count == 1
                uniqueByBase[base] = unique
            }
            return UnitCompletion(code: unit.code, name: unit.name, baseName: table.orders[slot].baseName,
                                  districtName: placeName(of: unit, on: asOf), level: unit.level,
                                  nameIsUnique: unique)
        }
        return UnitCompletionList(matches: matches, total: matched.count)
    }

    /// Makes the first Tab of a session as fast as the next: builds what completion and name
    /// resolution use (search keys, the completion order, names by folding) and the fold's letter
    /// table, which are otherwise built on first use. An interactive session calls it when it
    /// reads the registry; a one-shot command never needs it.
    public func prepareCompletion() {
        _ = storage.completionTable
        _ = storage.byFoldedBase
        _ = NameFolding.fold("Đ")
    }

    /// Units whose name or code contains the text, on `asOf` — or at any date when `asOf` is nil
    /// (every version, so former units are found too). Ordered like ``completions(for:asOf:level:limit:)``.
    public func find(_ text: String, asOf: Day? = nil, level: UnitLevel? = nil) -> [Unit] {
        let query = NameFolding.fold(text)
        guard !query.isEmpty else { return [] }
        let pool = asOf.map { units(on: $0, level: level) } ?? units.filter { level == nil || $0.level == level }
        var ranked: [(Int, Unit)] = []
        for unit in pool {
            guard let names = names(of: unit.id) else { continue }
            if unit.code.hasPrefix(query) || names.base.hasPrefix(query) || names.name.hasPrefix(query) {
                ranked.append((0, unit))
            } else if FoldedText.contains(names.name, query) {
                ranked.append((1, unit))
            }
        }
        return ranked.sorted { ($0.0, $0.1.level, $0.1.code, $0.1.validFrom) < ($1.0, $1.1.level, $1.1.code, $1.1.validFrom) }
            .map(\.1)
    }

    /// One match being ranked: its rank and its unit's place in the completion order (see
    /// ``CompletionTable/ordinals``).
    struct RankedMatch {
        let rank: UInt8
        let ordinal: Int32
        /// The unit's slot in the completion table.
        let slot: Int32

        static func < (a: RankedMatch, b: RankedMatch) -> Bool {
            if a.rank != b.rank { return a.rank < b.rank }
            if a.ordinal != b.ordinal { return a.ordinal < b.ordinal }
            return a.slot < b.slot
        }
    }

    /// The best `limit` matches offered so far, in order: a bounded selection, not a sort of all.
    struct BestMatches {
        let limit: Int
        private(set) var matches: [RankedMatch] = []

        init(limit: Int) {
            self.limit = max(0, limit)
            matches.reserveCapacity(self.limit + 1)
        }

        mutating func offer(_ match: RankedMatch) {
            if matches.count == limit {
                guard let last = matches.last, match < last else { return }
            }
            let position = UnitIndex.lowerBound(matches.count) { !(match < matches[$0]) }
            matches.insert(match, at: position)
            if matches.count > limit { matches.removeLast() }
        }
    }

    /// A key whose lexicographic order is String's order of `text`: its NFC Unicode scalars
    /// (String compares canonically equivalent text by NFC scalars). Text of Latin letters, with
    /// or without precomposed marks, is already NFC; anything else is normalized first.
    static func orderKey(_ text: String) -> [UInt32] {
        let isComposed = text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
        let scalars = isComposed ? text.unicodeScalars : text.precomposedStringWithCanonicalMapping.unicodeScalars
        return scalars.map(\.value)
    }

    /// The first position in `0..<count` where `isBefore` is false (it must be true, then false).
    static func lowerBound(_ count: Int, _ isBefore: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isBefore(middle) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Substring search over folded text, byte by byte: folded names carry no combining marks, so
/// bytes match where characters do, at a fraction of the cost.
enum FoldedText {
    /// Whether `text` starts with `prefix`, byte by byte.
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        var text = text, prefix = prefix
        return text.withUTF8 { bytes in
            prefix.withUTF8 { start in
                start.isEmpty || (bytes.count >= start.count && memcmp(bytes.baseAddress!, start.baseAddress!, start.count) == 0)
            }
        }
    }

    static func contains(_ text: String, _ part: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard !needle.isEmpty else { return true }
                guard haystack.count >= needle.count else { return false }
                let first = needle[0]
                var start = 0
                let last = haystack.count - needle.count
                while start <= last {
                    if haystack[start] == first {
                        var offset = 1
                        while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
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
