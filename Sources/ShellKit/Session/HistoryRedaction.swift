/// Lines never written to history (as mongosh's redaction): by default those that set a variable whose
/// name looks like a secret (`set token …`, `set db_password …`) and those holding a national-ID-like
/// number (9 or 12 digits: CMND, CCCD). The `histredact` setting holds the pattern, a regular expression
/// matched without regard to case; `set histredact ''` keeps everything.
enum HistoryRedaction {
    static let defaultPattern = #"^\s*set\s+\w*(token|secret|passw|pwd|key|credential|auth)\w*\s|\b(\d{9}|\d{12})\b"#

    /// The setting: a pattern that must compile.
    static var setting: Setting {
        Setting("histredact", ValueType(name: "pattern", placeholder: "REGEX") { raw in
            do { _ = try Regex(raw) } catch { throw ValueError("not a regular expression: \(error)") }
            return raw
        }, default: defaultPattern, "Lines matching this pattern are never saved in history")
    }

    /// Whether `line` must stay out of history under `pattern` (an empty pattern redacts nothing).
    static func redacts(_ line: String, pattern: String) -> Bool {
        guard !pattern.isEmpty, let regex = try? Regex(pattern).ignoresCase() else { return false }
        return line.contains(regex)
    }
}
