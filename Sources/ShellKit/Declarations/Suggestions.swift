/// Did-you-mean suggestions by edit distance (with transpositions) and by prefix.
public enum Suggestions {
    /// The closest of `candidates` to `word`, when close enough to be a plausible typo or abbreviation.
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        // No command or name is this long: a huge word is no typo, and comparing it would cost its length squared.
        guard word.utf8.count <= 100 else { return nil }
        let lowered = word.lowercased()
        // An abbreviation: not accepted (it would break scripts when commands are added), but suggested.
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        if !lowered.isEmpty, prefixed.count == 1 { return prefixed[0] }
        // Short words allow one edit: two edits turn almost any four-letter word into another (`$yaer` → `$pager`).
        let limit = word.count <= 5 ? 1 : min(3, word.count / 3 + 1)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if d <= limit, d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// ` (did you mean 'x'?)` or an empty string.
    static func hint(for word: String, among candidates: [String], quote: (String) -> String = { "'\($0)'" }) -> String {
        guard let near = nearest(to: word, among: candidates) else { return "" }
        return " (did you mean \(quote(near))?)"
    }
}
