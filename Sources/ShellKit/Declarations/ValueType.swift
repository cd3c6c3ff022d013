/// The type of a parameter's value: how it is validated, shown in usage, and completed.
///
/// Every type is plain data plus two optional closures, so a plugin can declare its own
/// kinds of entity (units, facilities, ...) without the engine knowing what they are.
public struct ValueType {
    /// Short name shown in help (`integer`, `period`, `unit`).
    public var name: String
    /// Placeholder in usage lines (`N`, `PERIOD`, `UNIT`).
    public var placeholder: String
    /// Fixed choices, for enums; completion and did-you-mean use them.
    public var choices: [String]
    /// Checks a raw value and returns it normalised, or throws `ValueError` with a reason.
    public var validate: (String) throws -> String
    /// Completion candidates for the text typed so far.
    public var complete: ((String) -> [Candidate])?
    /// Completion candidates for the text typed so far when there may be thousands: the best
    /// few, and how many more matched (the list then ends with "… and N more"). Used instead of
    /// ``complete`` when set.
    public var completeBounded: ((String) -> CandidateList)?

    public init(
        name: String, placeholder: String, choices: [String] = [],
        validate: @escaping (String) throws -> String = { $0 },
        complete: ((String) -> [Candidate])? = nil
    ) {
        self.name = name
        self.placeholder = placeholder
        self.choices = choices
        self.validate = validate
        self.complete = complete
    }
}

/// A reason a value was refused; the engine adds which parameter and which word.
public struct ValueError: Error, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension ValueType {
    /// Free text.
    public static var text: ValueType {
        ValueType(name: "text", placeholder: "TEXT")
    }

    /// A whole number, optionally with `_` or `,` digit grouping (`2_000_000`, `2,000,000`).
    public static var integer: ValueType {
        ValueType(name: "integer", placeholder: "N") { raw in try wholeNumber(raw) }
    }

    /// `raw` as a whole number in plain digits (`2_000_000` → `2000000`), or a `ValueError`.
    static func wholeNumber(_ raw: String) throws -> String {
        // Most numbers are typed without grouping: no need to look for separators.
        let grouped = raw.utf8.contains { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ",") }
        let digits = grouped ? raw.replacing("_", with: "").replacing(",", with: "") : raw
            guard let value = Int(digits) else { throw ValueError("expected a whole number") }
            return String(value)
        }

    /// A non-negative whole number (counts of people, rows, ...).
    public static var count: ValueType {
        ValueType(name: "count", placeholder: "N") { raw in
            let normalised = try wholeNumber(raw)
            guard let value = Int(normalised), value >= 0 else { throw ValueError("expected a count (0 or more)") }
            return normalised
        }
    }

    /// A decimal number.
    public static var decimal: ValueType {
        ValueType(name: "decimal", placeholder: "X") { raw in
            guard let value = Double(raw), value.isFinite else { throw ValueError("expected a number") }
            return String(value)
        }
    }

    /// A percentage from 0 to 100, with or without `%` (`95`, `95.5%`).
    public static var percent: ValueType {
        ValueType(name: "percent", placeholder: "PCT") { raw in
            let trimmed = raw.hasSuffix("%") ? String(raw.dropLast()) : raw
            guard let value = Double(trimmed), value.isFinite else { throw ValueError("expected a percentage such as 95 or 95.5%") }
            guard (0...100).contains(value) else { throw ValueError("a percentage must be between 0 and 100") }
            return String(value)
        }
    }

    /// A calendar date `YYYY-MM-DD`.
    public static var date: ValueType {
        ValueType(name: "date", placeholder: "DATE") { raw in
            try CalendarDate.validate(raw)
            return raw
        }
    }

    /// A reporting period: a year `2023`, a quarter `2023Q2` or a month `2023-05`.
    public static var period: ValueType {
        ValueType(name: "period", placeholder: "PERIOD") { raw in
            try PeriodSyntax.validate(raw)
            return raw.uppercased()
        }
    }

    /// The name of the ``path`` type: its values are kept as typed (not normalised to NFC).
    static let pathName = "path"

    /// A file path; relative paths in a command file are resolved from that file's folder.
    public static var path: ValueType {
        ValueType(name: pathName, placeholder: "FILE") { raw in
            guard !raw.isEmpty else { throw ValueError("expected a file path") }
            return raw
        } complete: { prefix in
            FileCompletion.candidates(prefix: prefix)
        }
    }

    /// One of a fixed set of words, matched without regard to case.
    public static func choice(_ choices: [String], placeholder: String? = nil) -> ValueType {
        let caseDistinct = distinctIgnoringCase(choices)
        return ValueType(
            name: "one of " + choices.joined(separator: "|"),
            placeholder: placeholder ?? choices.joined(separator: "|"),
            choices: choices
        ) { raw in
            // Typed as declared (the usual case): no case folding needed.
            if caseDistinct, choices.contains(raw) { return raw }
            if let match = choices.first(where: { $0.lowercased() == raw.lowercased() }) { return match }
            var reason = "expected one of " + choices.joined(separator: ", ")
            if let near = Suggestions.nearest(to: raw, among: choices) { reason += " (did you mean '\(near)'?)" }
            throw ValueError(reason)
        } complete: { prefix in
            choices.filter { $0.lowercased().hasPrefix(prefix.lowercased()) }.map { Candidate($0) }
        }
    }

    /// Whether no two of `words` differ only by case. Words without capitals or non-ASCII letters (nearly
    /// every list) are their own lower case, so no Unicode case mapping is needed for them (it is slow the
    /// first time, and every start declares several lists).
    static func distinctIgnoringCase(_ words: [String]) -> Bool {
        let lowerASCII = words.allSatisfy { word in word.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } }
        return Set(lowerASCII ? words : words.map { $0.lowercased() }).count == words.count
    }

    /// An on/off switch value.
    public static var onOff: ValueType {
        ValueType.choice(["on", "off"])
    }

    /// A pager: `on`, `off`, or a command line such as `less -S` (Tab offers on, off, less, more).
    public static var pagerCommand: ValueType {
        ValueType(name: "pager", placeholder: "on|off|COMMAND") { raw in
            let value = raw.trimmingBlanks()
            guard !value.isEmpty else { throw ValueError("expected on, off or a command such as less") }
            return value
        } complete: { prefix in
            ["on", "off", "less", "more"].filter { $0.hasPrefix(prefix) }.map { Candidate($0) }
        }
    }

    /// An entity a plugin knows how to complete (and optionally check), e.g. administrative units.
    public static func entity(
        _ name: String, placeholder: String,
        validate: @escaping (String) throws -> String = { $0 },
        complete: @escaping (String) -> [Candidate]
    ) -> ValueType {
        ValueType(name: name, placeholder: placeholder, validate: validate, complete: complete)
    }

    /// An entity with too many values to list them all (units of a province, dossiers): the
    /// completer offers the best few and says how many more matched.
    public static func entity(
        _ name: String, placeholder: String,
        validate: @escaping (String) throws -> String = { $0 },
        completeBounded: @escaping (String) -> CandidateList
    ) -> ValueType {
        var type = ValueType(name: name, placeholder: placeholder, validate: validate)
        type.completeBounded = completeBounded
        return type
    }
}

/// Syntax checks for dates, shared by the `date` type and anything that parses dates.
public enum CalendarDate {
    /// Throws unless `raw` is a real calendar date written `YYYY-MM-DD`.
    public static func validate(_ raw: String) throws {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw ValueError("expected a date written YYYY-MM-DD") }
        guard (1...12).contains(month) else { throw ValueError("month must be 01–12") }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { throw ValueError("day must be 01–\(days) in that month") }
    }
}

/// Syntax of reporting periods: `2023`, `2023Q2`, `2023-05`.
public enum PeriodSyntax {
    /// Throws unless `raw` is a year, a quarter or a month.
    public static func validate(_ raw: String) throws {
        let text = raw.uppercased()
        func year(_ s: Substring) throws {
            guard s.count == 4, s.allSatisfy(\.isASCIIDigit), let y = Int(s), (1900...2100).contains(y) else {
                throw ValueError("expected a period: a year (2023), a quarter (2023Q2) or a month (2023-05)")
            }
        }
        if let q = text.firstIndex(of: "Q") {
            try year(text[..<q])
            let quarter = text[text.index(after: q)...]
            guard quarter.count == 1, quarter.allSatisfy(\.isASCIIDigit), let n = Int(quarter), (1...4).contains(n) else {
                throw ValueError("quarter must be Q1–Q4")
            }
        } else if let dash = text.firstIndex(of: "-") {
            try year(text[..<dash])
            let month = text[text.index(after: dash)...]
            guard month.count == 2, month.allSatisfy(\.isASCIIDigit), let n = Int(month), (1...12).contains(n) else {
                throw ValueError("month must be 01–12")
            }
        } else {
            try year(Substring(text))
        }
    }
}

extension Character {
    /// `0`–`9` only (not signs, not other scripts' digits), for fixed-width numeric fields.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
