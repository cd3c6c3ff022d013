#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit

/// Gives the process a UTF-8 character encoding, which libedit needs to accept non-ASCII input.
///
/// libedit silently drops every character it cannot decode with the C library's current LC_CTYPE. A process
/// started without LANG/LC_ALL runs in the "C" locale (ASCII), so Vietnamese names typed at the prompt would
/// vanish. We take the user's locale when it is UTF-8 and otherwise fall back to C.UTF-8 for LC_CTYPE only.
public enum LocaleSetup {
    /// Adopts the environment's locale, then forces a UTF-8 LC_CTYPE if that locale is not UTF-8.
    ///
    /// LC_NUMERIC stays "C" so that C-level number formatting and parsing never switch to a decimal comma.
    /// Safe to call more than once.
    public static func ensureUTF8() {
        _ = setlocale(LC_ALL, "")
        if !isUTF8 {
            for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
                if setlocale(LC_CTYPE, name) != nil, isUTF8 { break }
            }
        }
        _ = setlocale(LC_NUMERIC, "C")
    }

    /// Whether the current LC_CTYPE encodes characters as UTF-8.
    public static var isUTF8: Bool {
        guard let codeset = ntm_locale_codeset() else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
