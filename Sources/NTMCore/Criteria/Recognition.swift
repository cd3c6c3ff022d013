import Foundation

/// A recognition title of the NTM programme.
///
/// Communes (xã): `standard` (đạt chuẩn NTM), `advanced` (NTM nâng cao), `model` (NTM kiểu mẫu),
/// `smart` (xã thông minh). Villages: `model` (thôn NTM kiểu mẫu), `smart` (thôn thông minh).
/// Rural districts (huyện): `standard` (huyện đạt chuẩn NTM), `advanced` (huyện NTM nâng cao),
/// `model` (huyện NTM kiểu mẫu). Cities and towns (thành phố, thị xã): `completed` (hoàn thành
/// nhiệm vụ xây dựng NTM), how the programme recognises them. The three grades nest: an advanced
/// commune or district also counts as standard, a model one as advanced and standard.
public enum RecognitionTitle: String, Sendable, CaseIterable, Codable, Comparable {
    case standard, advanced, model, smart, completed

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: RecognitionTitle, rhs: RecognitionTitle) -> Bool { lhs.order < rhs.order }

    /// Parses `standard|advanced|model|smart` (case-insensitive); the error lists them.
    public init(parsing text: String) throws {
        guard let title = RecognitionTitle(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw DomainError.invalid("unknown recognition '\(text)': expected standard, advanced, model, smart or completed")
        }
        self = title
    }

    /// The titles a unit of this kind can receive.
    public static func allowed(for kind: UnitKind) -> [RecognitionTitle] {
        switch kind {
        case .commune: return [.standard, .advanced, .model, .smart]
        case .village: return [.model, .smart]
        case .district: return [.standard, .advanced, .model]
        case .city, .town: return [.completed]
        default: return []
        }
    }

    /// For grades: the grades that imply this one (`standard` ← advanced, model).
    var impliedBy: [RecognitionTitle] {
        switch self {
        case .standard: return [.standard, .advanced, .model]
        case .advanced: return [.advanced, .model]
        case .model: return [.model]
        case .smart: return [.smart]
        case .completed: return [.completed]
        }
    }

    /// How the programme words the title for a kind of unit (`đạt chuẩn NTM`).
    public var vietnamese: String {
        switch self {
        case .standard: return "đạt chuẩn NTM"
        case .advanced: return "NTM nâng cao"
        case .model: return "NTM kiểu mẫu"
        case .smart: return "thông minh"
        case .completed: return "hoàn thành nhiệm vụ xây dựng NTM"
        }
    }
}

/// A stored recognition: a unit received a title in a year (and may have lost it since).
public struct Recognition: Sendable, Equatable {
    public let unit: Unit
    public let title: RecognitionTitle
    /// The year the title was granted; it holds that year and after, while the unit version exists
    /// and until it is revoked.
    public let year: Int
    public let note: String?
    /// The day the title was revoked (thu hồi) from; nil while it holds.
    public var revokedOn: Day? = nil
    /// The decision that revoked it.
    public var revokedBy: String? = nil

    /// `revoked from 2024-05-01 (123/QĐ-UBND)`, or nil.
    public var revocationText: String? {
        revokedOn.map { "revoked from \($0)" + (revokedBy.map { " (\($0))" } ?? "") }
    }
}
