#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibEdit

/// Conversions between Swift strings and the NUL-terminated wchar_t (UTF-32) text libedit works in.
enum WideText {
    /// The scalars of `text` as wchar_t values followed by a terminating zero.
    static func terminated(_ text: String) -> [wchar_t] {
        var result: [wchar_t] = []
        result.reserveCapacity(text.unicodeScalars.count + 1)
        for scalar in text.unicodeScalars where scalar.value != 0 {
            result.append(wchar_t(bitPattern: scalar.value))
        }
        result.append(0)
        return result
    }

    /// Copies `text` into a freshly allocated, NUL-terminated buffer the caller must deallocate.
    static func allocate(_ text: String) -> UnsafeMutablePointer<wchar_t> {
        let wide = terminated(text)
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: wide.count)
        buffer.initialize(from: wide, count: wide.count)
        return buffer
    }

    /// The string made of the `count` wide characters at `start`; invalid code points become U+FFFD.
    static func string(_ start: UnsafePointer<wchar_t>, count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for index in 0..<max(0, count) {
            let value = UInt32(bitPattern: Int32(start[index]))
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Columns `text` takes on a terminal: wide East Asian characters count 2, combining marks 0.
    static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars {
            let columns = ntm_wcwidth(wchar_t(bitPattern: scalar.value))
            width += columns < 0 ? 1 : Int(columns)
        }
        return width
    }

    /// `text` cut to at most `columns` display columns, ending in "…" when something was cut.
    static func truncated(_ text: String, toColumns columns: Int) -> String {
        guard displayWidth(text) > columns else { return text }
        guard columns > 1 else { return columns == 1 ? "…" : "" }
        var result = String.UnicodeScalarView()
        var width = 0
        for scalar in text.unicodeScalars {
            let columnsOfScalar = max(0, Int(ntm_wcwidth(wchar_t(bitPattern: scalar.value))))
            if width + columnsOfScalar > columns - 1 { break }
            result.append(scalar)
            width += columnsOfScalar
        }
        return String(result) + "…"
    }
}
