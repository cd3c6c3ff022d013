import Foundation

/// Diacritic- and case-insensitive forms of Vietnamese unit names, for matching what people type.
///
/// `Xã Phúc Hòa`, `xa phuc hoa` and `PHÚC HOÀ` all fold to the same text; `đ`/`Đ` fold to `d`
/// (Unicode does not decompose them). Kind words (`Xã`, `Phường`, `Thị trấn`, `Huyện`, ...) can be
/// stripped so `phuc hoa` matches `Xã Phúc Hòa`.
public enum NameFolding {
    /// Lowercase ASCII-only letters where Vietnamese letters had marks, single spaces, trimmed.
    public static func fold(_ text: String) -> String {
        quickFold(text) ?? fullFold(text)
    }

    /// What ``fullFold(_:)`` gives for each Latin letter with marks (U+00C0–U+024F, U+1E00–U+1EFF)
    /// that folds to one ASCII letter; 0 for the others. Worked out once, by the full fold itself.
    private static let latinTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x1F00)
        for value in Array(0xC0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = Array(fullFold(String(scalar)).utf8)
            if folded.count == 1, folded[0] >= 0x61, folded[0] <= 0x7A { table[value] = folded[0] }
        }
        return table
    }()

    /// The fold of text made of ASCII, Latin letters with marks and combining marks, byte by byte
    /// (Vietnamese names are): what ``fullFold(_:)`` gives, at a fraction of the cost. Nil for
    /// any other text.
    private static func quickFold(_ text: String) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        let table = latinTable
        for scalar in text.unicodeScalars {
            let value = scalar.value
            var byte: UInt8
            if value < 0x80 {
                byte = UInt8(value)
                if byte == 32 || (9...13).contains(byte) {
                    pendingSpace = !output.isEmpty
                    continue
                }
                if byte >= 65 && byte <= 90 { byte += 32 }
            } else if (0x300...0x36F).contains(value) {
                continue
            } else if value == 0x110 || value == 0x111 {
                byte = 0x64
            } else if value < 0x1F00, table[Int(value)] != 0 {
                byte = table[Int(value)]
            } else {
                return nil
            }
            if pendingSpace {
                output.append(32)
                pendingSpace = false
            }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The fold by Unicode's canonical decomposition and case mapping.
    static func fullFold(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let value = scalar.value
            if (0x300...0x36F).contains(value) { continue }   // combining marks
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            switch value {
            case 0x111, 0x110: output.append("d")            // đ, Đ
            default:
                if value < 0x80 {
                    output.append(Unicode.Scalar(UInt8(value)).properties.isUppercase
                                  ? Unicode.Scalar(UInt8(value) + 32) : scalar)
                } else {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { output.append(lower) }
                }
            }
        }
        return String(output)
    }

    /// The folded words that may open the name of a unit of `kind`, longest first.
    ///
    /// Each kind has its word (`xa` for a commune); villages have several (thôn, bản, xóm, làng,
    /// ấp, tổ dân phố, khu phố, tiểu khu, khu, tổ).
    ///
    /// On the path of every unit read into the index, so written out already folded (each is the
    /// fold of the kind's ``UnitKind/vietnamesePrefix``, which a test checks): folding them here
    /// would build the fold's table of accented letters at every start, even for a command that
    /// folds nothing.
    public static func foldedKindWords(of kind: UnitKind) -> [String] {
        switch kind {
        case .province: return KindWords.province
        case .city: return KindWords.city
        case .district: return KindWords.district
        case .town: return KindWords.town
        case .commune: return KindWords.commune
        case .ward: return KindWords.ward
        case .township: return KindWords.township
        case .village: return KindWords.village
        }
    }

    private enum KindWords {
        static let province = ["tinh"], city = ["thanh pho"], district = ["huyen"], town = ["thi xa"]
        static let commune = ["xa"], ward = ["phuong"], township = ["thi tran"]
        static let village = ["to dan pho", "tieu khu", "khu pho", "thon", "ban", "xom", "lang", "khu", "ap", "to"]
    }

    /// A folded name without its kind word: (`xa phuc hoa`, commune) → `phuc hoa`.
    public static func foldedBase(_ folded: String, kind: UnitKind) -> String {
        for word in foldedKindWords(of: kind) where folded.hasPrefix(word + " ") {
            return String(folded.dropFirst(word.count + 1))
        }
        return folded
    }

    /// The name without its kind word, original spelling kept (`Xã Phúc Hòa` → `Phúc Hòa`).
    public static func stripKindPrefix(_ name: String, kind: UnitKind) -> String {
        let folded = fold(name)
        for word in foldedKindWords(of: kind) where folded.hasPrefix(word + " ") {
            let words = name.split(separator: " ", omittingEmptySubsequences: true)
            let count = word.split(separator: " ").count
            guard words.count > count else { return name }
            return words.dropFirst(count).joined(separator: " ")
        }
        return name
    }

    /// Levenshtein distance between two folded names, for suggestions.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs (`trimmingCharacters(in: .whitespaces)`),
    /// returned as is — without Foundation's copy — when there is nothing to trim, the usual case
    /// on the per-row and per-command paths.
    func trimmingSpaces() -> String {
        // Printable ASCII at both ends is not whitespace: no Unicode property look-up needed.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
