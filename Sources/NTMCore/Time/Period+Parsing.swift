import Foundation

extension Period {
    /// Parses `2023`, `2023Q2` (also `2023-Q2`, `2023q2`) or `2023-05`.
    ///
    /// Errors quote the input and say what is wrong: `malformed period '2023-13': month must be 01–12`.
    public init(parsing input: String) throws {
        // Stored periods have no blanks: Foundation's trimming (the costliest step here) only when an end is blank.
        let text = Self.hasBlankEnd(input) ? input.trimmingCharacters(in: .whitespaces) : input
        let bytes = Array(text.utf8)
        func fail(_ reason: String) -> DomainError { .malformedPeriod(input: input, reason: reason) }
        func number(_ slice: ArraySlice<UInt8>) -> Int? {
            guard !slice.isEmpty, slice.count <= 4 else { return nil }
            var value = 0
            for byte in slice {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let expected = "expected a year (2023), a quarter (2023Q2) or a month (2023-05)"
        guard bytes.count >= 4, let year = number(bytes[0..<4]) else { throw fail(expected) }
        guard (1900...2999).contains(year) else { throw fail("year must be 1900–2999") }
        if bytes.count == 4 {
            self = .year(year)
            return
        }
        var rest = bytes[4...]
        if rest.first == 45 { rest = rest.dropFirst() }   // '-'
        if let first = rest.first, first == 81 || first == 113 {   // 'Q' or 'q'
            guard rest.count == 2, let quarter = number(rest.dropFirst()) else { throw fail(expected) }
            guard (1...4).contains(quarter) else { throw fail("quarter must be Q1–Q4") }
            self = .quarter(year, quarter)
            return
        }
        guard bytes[4] == 45, rest.count == 2, let month = number(rest) else { throw fail(expected) }
        guard (1...12).contains(month) else { throw fail("month must be 01–12") }
        self = .month(year, month)
    }

    /// Whether the text starts or ends with what `CharacterSet.whitespaces` holds (a space separator or a tab).
    private static func hasBlankEnd(_ text: String) -> Bool {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : scalar.properties.generalCategory == .spaceSeparator
        }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        return isBlank(first) || isBlank(last)
    }
}
