import Foundation

/// Diacritic- and case-insensitive forms of Vietnamese unit names, for matching what people type.
///
/// `Xã Phúc Hòa`, `xa phuc hoa` and `PHÚC HOÀ` all fold to the same text; `đ`/`Đ` fold to `d`
/// (Unicode does not decompose them). Kind words (`Xã`, `Phường`, `Thị trấn`, `Huyện`, ...) can be
/// stripped so `phuc hoa` matches `Xã Phúc Hòa`.
public enum NameFolding {
    /// Lowercase ASCII-only letters where Vietnamese letters had marks, single spaces, trimmed.
    public static func fold(_ text: String) -> String {
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
    public static func foldedKindWords(of kind: UnitKind) -> [String] {
        switch kind {
        case .village:
            return ["to dan pho", "tieu khu", "khu pho", "thon", "ban", "xom", "lang", "khu", "ap", "to"]
        default:
            return [fold(kind.vietnamesePrefix)]
        }
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
