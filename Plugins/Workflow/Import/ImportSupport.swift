import NTMCore
import ShellKit

/// Header names, compared the way people write them: case, surrounding blanks and `-`/space for
/// `_` do not matter (`Received at` is `received_at`).
enum CSVHeader {
    static func normalise(_ name: String) -> String {
        String(name.trimmingBlanks().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
