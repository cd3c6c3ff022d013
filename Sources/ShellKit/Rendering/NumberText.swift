/// Numbers as the province writes them in reports: `9,120`, `96.1%`.
///
/// One place for every module, and safe on any value: a report must never trap on a stored figure,
/// however large (figures are bounded at input, but older or imported data may not be).
public enum NumberText {
    /// `9,120`, `-1,200`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// `96.1%`: one decimal, as the province reports (95.8% in May 2023); `n/a` for no value.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        guard value.isFinite else { return "n/a" }
        // Beyond what an Int holds in tenths, print the value as it is rather than trap.
        guard abs(value) < 1e15 else { return "\(value)%" }
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)%"
    }

    /// A sum computed in floating point, as a whole number; saturates instead of trapping on values
    /// beyond `Int`, and reads not-a-number as 0.
    public static func whole(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        if value >= 9.2e18 { return Int.max }
        if value <= -9.2e18 { return Int.min }
        return Int(value.rounded())
    }

    /// 100 × part ÷ whole, or nil when the whole is 0: a share of sums, never an average of shares.
    public static func share(_ part: Int, of whole: Int) -> Double? {
        whole > 0 ? 100 * Double(part) / Double(whole) : nil
    }
}
