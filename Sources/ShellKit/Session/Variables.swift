#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A setting: a variable the shell itself reads, with a type and a default.
public struct Setting {
    public var name: String
    public var type: ValueType
    public var defaultValue: String
    public var summary: String
    public init(_ name: String, _ type: ValueType, default defaultValue: String, _ summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }
}

/// Session variables (`set NAME VALUE`, `$NAME`) and the settings among them.
public final class Variables {
    public private(set) var values: [String: String] = [:]
    public private(set) var settings: [String: Setting] = [:]
    /// Called after a setting changes (e.g. `histsize` resizes the history).
    public var onChange: ((String, String) -> Void)?

    public init() {
        for setting in Self.builtinSettings { define(setting) }
    }

    static var builtinSettings: [Setting] {[
        Setting("format", .choice(OutputFormat.allCases.map(\.rawValue)), default: "table", "How results are written"),
        Setting("errexit", .onOff, default: "on", "Stop a command file at its first failing command"),
        Setting("echo", .onOff, default: "off", "Print each command before its output"),
        Setting("color", .choice(["auto", "on", "off"]), default: "auto", "Colour on a terminal (never with NO_COLOR)"),
        Setting("histsize", .count, default: "2000", "Lines kept in the history file"),
        Setting("quiet", .onOff, default: "off", "Suppress messages, banners and progress bars"),
        pagerSetting(default: "off"),
        HistoryRedaction.setting,
    ]}

    /// `pager`: on (`$PAGER`, else less), off, or a command; on by default in an interactive session.
    static func pagerSetting(default value: String) -> Setting {
        Setting("pager", .pagerCommand, default: value, "Pager for results taller than the terminal: on, off or a command")
    }

    /// Declares a setting (plugins may add their own).
    public func define(_ setting: Setting) {
        settings[setting.name] = setting
        values[setting.name] = setting.defaultValue
    }

    /// Sets a variable; settings are validated.
    public func set(_ name: String, _ value: String, at word: Word? = nil) throws(ShellError) {
        guard Self.isValidName(name) else {
            throw .usage("'\(name)' is not a valid variable name (letters, digits and _, not starting with a digit)")
        }
        var stored = value
        if let setting = settings[name] {
            do {
                stored = try setting.type.validate(value)
            } catch {
                throw .usage("invalid value '\(value)' for setting '\(name)': \(error)", at: word)
            }
        }
        values[name] = stored
        if settings[name] != nil { onChange?(name, stored) }
    }

    /// Removes a variable; a setting returns to its default.
    public func unset(_ name: String) throws(ShellError) {
        if let setting = settings[name] {
            values[name] = setting.defaultValue
            onChange?(name, setting.defaultValue)
        } else if values.removeValue(forKey: name) == nil {
            throw .failed("no variable '\(name)'")
        }
    }

    public subscript(name: String) -> String? { values[name] }

    public var format: OutputFormat { OutputFormat(rawValue: values["format"] ?? "table") ?? .table }
    public var errexit: Bool { values["errexit"] != "off" }
    public var echo: Bool { values["echo"] == "on" }
    public var quiet: Bool { values["quiet"] == "on" }
    public var histsize: Int { Int(values["histsize"] ?? "") ?? 2000 }
    /// `on`, `off`, or a pager command.
    public var pager: String { values["pager"] ?? "off" }

    /// Whether colour may be used on a destination that is (or is not) a terminal.
    public func colorAllowed(onTerminal: Bool) -> Bool {
        if environment("NO_COLOR").map({ !$0.isEmpty }) == true { return false }
        switch values["color"] {
        case "on": return true
        case "off": return false
        default: return onTerminal
        }
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}

/// The value of an environment variable.
public func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
