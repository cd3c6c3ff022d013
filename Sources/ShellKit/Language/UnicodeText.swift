/// Unicode normal forms for what people type.
public enum UnicodeText {
    /// `text` in Normalization Form C: `Thôn Đông` typed as `o` + U+0302 becomes `ô`, so it is stored,
    /// compared and shown like the same name typed with precomposed letters.
    public static func nfc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // The standard library's own NFC (the one String comparison uses); ShellKit does without Foundation.
        return String(decoding: text._nfcCodeUnits, as: UTF8.self)
    }
}
