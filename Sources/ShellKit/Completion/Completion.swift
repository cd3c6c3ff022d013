/// A completion candidate as a completer returns it: the value, and an optional one-line summary.
public struct Candidate: Equatable {
    public var value: String
    /// Shown in a list instead of the value (e.g. `07324 Xã Phúc Hòa (Tân Yên)`).
    public var display: String?
    public var summary: String?
    public init(_ value: String, display: String? = nil, summary: String? = nil) {
        self.value = value
        self.display = display
        self.summary = summary
    }
}

/// Candidates a completer offers when there may be thousands: the best few, and how many more
/// matched but are not offered.
public struct CandidateList: Equatable {
    public var candidates: [Candidate]
    public var more: Int
    public init(_ candidates: [Candidate], more: Int = 0) {
        self.candidates = candidates
        self.more = max(0, more)
    }
}

/// What Tab should do: replace the word before the cursor with one of these.
public struct Completion: Equatable {
    public struct Item: Equatable {
        /// Text to put in place of the word, quoted when needed.
        public var replacement: String
        public var display: String
        public var summary: String?
    }

    /// Unicode scalars before the cursor that form the word being completed (quote included).
    public var wordLength: Int
    public var items: [Item]
    /// When several items share a longer beginning than what was typed: put this in place of the word.
    public var common: String?
    /// How many more values matched than ``items`` holds (a bounded list): a list says so.
    public var more: Int = 0
}

extension Shell {
    /// Completion for the text before the cursor: command words, `--options`, and typed values.
    public func complete(_ textBeforeCursor: String) -> Completion {
        let split = CompletionSplitter.split(textBeforeCursor)
        let current = split.current
        var candidates = CandidateList([])
        // `help WORDS` completes command names, as if WORDS were typed at the prompt.
        if split.words.first == "help" {
            // The words so far name a node of the command tree (a group, or a command that may
            // itself have subcommands): offer its children. Anything else has nothing to offer.
            if !current.text.hasPrefix("-") {
                let words = Array(split.words.dropFirst())
                return finish(CandidateList(childCandidates(words, prefix: current.text)), current)
            }
        }
        switch registry.match(split.words) {
        case .group(let path, _) where path.count == split.words.count:
            candidates = CandidateList(childCandidates(path, prefix: current.text))
        case .command(let spec, let consumed) where consumed == split.words.count:
            // The word may still be a subcommand (`unit` is a command group; `help` has none).
            candidates = CandidateList(childCandidates(spec.path, prefix: current.text))
            if candidates.candidates.isEmpty {
                candidates = argumentCandidates(spec, Array(split.words.dropFirst(consumed)), current.text)
            }
        case .command(let spec, let consumed):
            candidates = argumentCandidates(spec, Array(split.words.dropFirst(consumed)), current.text)
        case .unknown(let index, _, let path) where index == split.words.count:
            candidates = CandidateList(childCandidates(path, prefix: current.text))
        default:
            break
        }
        return finish(candidates, current)
    }

    private func finish(_ list: CandidateList, _ current: CompletionSplitter.Current) -> Completion {
        let items = list.candidates.map { candidate in
            Completion.Item(
                replacement: CompletionSplitter.quote(candidate.value, opening: current.quote),
                display: candidate.display ?? candidate.value,
                summary: candidate.summary
            )
        }
        var common: String?
        // A bounded list's shared beginning need not be that of the values left out.
        if items.count > 1 && list.more == 0 {
            let prefix = Self.commonPrefix(items.map(\.replacement))
            // Quoting may have added an opening quote the user did not type; it still extends the word.
            let typed = Fold.key(current.raw)
            if prefix.unicodeScalars.count > current.rawLength,
               Fold.key(prefix).hasPrefix(typed) || (current.quote == nil && Fold.key(prefix).hasPrefix("\"" + typed)) {
                common = prefix
            }
        }
        return Completion(wordLength: current.rawLength, items: items, common: common, more: list.more)
    }

    /// Subcommand names under `path` starting with `prefix`, with their summaries.
    private func childCandidates(_ path: [String], prefix: String) -> [Candidate] {
        guard let node = registry.node(at: path) else { return [] }
        return node.sortedChildNames.filter { $0.hasPrefix(prefix) }.map { name in
            let child = node.children[name]!
            let summary = child.command?.summary
                ?? registry.plugins.first { $0.name == child.pluginName && path.isEmpty && $0.name == name }?.summary
                ?? "\(child.children.count) commands"
            return Candidate(name, summary: summary)
        }
    }

    /// Options not yet used, or values for the option or positional being typed.
    private func argumentCandidates(_ spec: CommandSpec, _ words: [String], _ prefix: String) -> CandidateList {
        let parameters = spec.allParameters
        let named = parameters.filter { $0.style != .positional }
        // Is the previous word an option that wants a value?
        if let last = words.last, last.hasPrefix("--"), !last.contains("="),
           let option = named.first(where: { "--" + $0.name == last }), option.style == .option {
            return values(of: option.type, prefix: prefix)
        }
        if prefix.hasPrefix("-") {
            if let eq = prefix.firstIndex(of: "="),
               let option = named.first(where: { "--" + $0.name == prefix[..<eq] }) {
                let head = String(prefix[...eq])
                var list = values(of: option.type, prefix: String(prefix[prefix.index(after: eq)...]))
                list.candidates = list.candidates.map { Candidate(head + $0.value, display: $0.display, summary: $0.summary) }
                return list
            }
            let used = Set(words.filter { $0.hasPrefix("--") }.map { $0.split(separator: "=", maxSplits: 1)[0] }.map(String.init))
            return CandidateList(named.filter { !used.contains("--" + $0.name) || $0.isRepeatable }
                .map { "--" + $0.name }
                .filter { $0.hasPrefix(prefix) }
                .map { name in Candidate(name, summary: named.first { "--" + $0.name == name }?.summary) })
        }
        // Count positionals already given (skipping options and their values).
        var position = 0
        var i = 0
        while i < words.count {
            let word = words[i]
            if word.hasPrefix("--") {
                if !word.contains("="), let option = named.first(where: { "--" + $0.name == word }), option.style == .option { i += 1 }
            } else {
                position += 1
            }
            i += 1
        }
        let positionals = parameters.filter { $0.style == .positional }
        guard !positionals.isEmpty else { return CandidateList([]) }
        let parameter = position < positionals.count ? positionals[position]
            : (positionals.last!.isRepeatable ? positionals.last! : nil)
        guard let parameter else { return CandidateList([]) }
        return values(of: parameter.type, prefix: prefix)
    }

    private func values(of type: ValueType, prefix: String) -> CandidateList {
        if let complete = type.completeBounded { return complete(prefix) }
        if let complete = type.complete { return CandidateList(complete(prefix)) }
        return CandidateList(type.choices.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }.map { Candidate($0) })
    }

    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for string in strings.dropFirst() {
            let chars = Array(string)
            var n = 0
            while n < prefix.count && n < chars.count && prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        return String(prefix)
    }
}

/// Splits a partial line into finished words and the word being typed, tolerating open quotes.
enum CompletionSplitter {
    struct Current {
        var text = ""
        var raw = ""
        var quote: Character?
        var rawLength: Int { raw.unicodeScalars.count }
    }

    static func split(_ text: String) -> (words: [String], current: Current) {
        var words: [String] = []
        var current = Current()
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                current.text.append(c); current.raw.append(c); escaped = false; continue
            }
            if let q = quote {
                current.raw.append(c)
                if c == q { quote = nil } else { current.text.append(c) }
                continue
            }
            switch c {
            case " ", "\t":
                if inWord { words.append(current.text) }
                current = Current(); inWord = false
            case ";":
                words = []; current = Current(); inWord = false
            case "\\":
                escaped = true; current.raw.append(c); inWord = true
            case "\"", "'":
                quote = c; current.raw.append(c); inWord = true
                if current.text.isEmpty { current.quote = c }
            default:
                current.text.append(c); current.raw.append(c); inWord = true
            }
        }
        return (words, current)
    }

    /// `value` as a word: quoted with the user's opening quote, or double quotes when it needs them.
    static func quote(_ value: String, opening: Character?) -> String {
        // Most values (codes, one-word names) hold none of the characters that matter: a byte scan
        // decides, and they are wrapped as they are.
        if !value.isEmpty, !value.utf8.contains(where: { Self.specialBytes[Int($0)] }) {
            guard let q = opening else { return value }
            return q == "'" ? "'\(value)'" : "\"\(value)\""
        }
        let needs = value.contains { " \t\"'\\;#$".contains($0) } || value.isEmpty
        guard needs || opening != nil else { return value }
        let q = opening ?? "\""
        if q == "'" && !value.contains("'") { return "'\(value)'" }
        // Backslashes, double quotes and dollars escaped, in one pass over the characters (what
        // three `replacing` calls did, at a fraction of the cost of a 60-candidate Tab).
        var quoted = "\""
        quoted.reserveCapacity(value.utf8.count + 8)
        for character in value {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "$": quoted += "\\$"
            default: quoted.append(character)
            }
        }
        quoted += "\""
        return quoted
    }

    /// The bytes of the characters that make a value need quotes (space, tab, quotes, backslash,
    /// `;`, `#`, `$`), by byte value: none of them occurs inside a multi-byte UTF-8 sequence.
    private static let specialBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in " \t\"'\\;#$".utf8 { table[Int(byte)] = true }
        return table
    }()
}

/// Folding for comparisons people expect: no case, no diacritics, đ as d.
public enum Fold {
    /// `Xã Phúc Hòa` → `xa phuc hoa` (precomposed or combining-mark input alike).
    public static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if (0x0300...0x036F).contains(scalar.value) { continue }
            out.append(base[scalar] ?? scalar)
        }
        return String(out)
    }

    /// Vietnamese (and common Latin) letters with diacritics, by their base letter.
    private static let base: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(Unicode.Scalar, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậäåā"), ("e", "èéẻẽẹêềếểễệëē"), ("i", "ìíỉĩịïī"),
            ("o", "òóỏõọôồốổỗộơờớởỡợöøō"), ("u", "ùúủũụưừứửữựüū"), ("y", "ỳýỷỹỵÿ"),
            ("d", "đ"), ("c", "ç"), ("n", "ñ"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letter, variants) in groups {
            for scalar in variants.unicodeScalars { map[scalar] = letter }
        }
        return map
    }()
}
