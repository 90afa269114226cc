import Foundation

/// When the Swift runtime commits its transactions, so that the C exactly-once reference commits
/// the same way: the counter's own flags when `--counter-arg` sets them, otherwise the defaults
/// `pmo-test-counter --help` prints: the runtime's commit flags `--commit-records`,
/// `--commit-interval-ms` and `--poll-records`.
struct CommitPolicy: CustomStringConvertible {
    var records: Int
    var intervalMilliseconds: Int
    var pollRecords: Int
    /// Where the figures come from.
    var origin: String

    static let recordFlags = ["--commit-records"]
    static let intervalFlags = ["--commit-interval-ms"]
    static let pollFlags = ["--poll-records"]

    var description: String {
        "commit after \(records) records or \(intervalMilliseconds) ms, poll \(pollRecords) records (\(origin))"
    }

    /// The C reference's arguments for this policy.
    var referenceArguments: [String] {
        ["--commit-records", "\(records)", "--commit-interval-ms", "\(intervalMilliseconds)", "--poll-records", "\(pollRecords)"]
    }

    static func of(counter: URL, counterArgs: [String]) throws -> CommitPolicy {
        let help = try? String(decoding: runForOutput(counter, ["--help"]), as: UTF8.self)
        func value(_ flags: [String]) -> (Int, String)? {
            for flag in flags {
                if let given = argument(flag, in: counterArgs) { return (given, "\(flag) given") }
            }
            for flag in flags {
                if let help, let shown = helpDefault(flag, in: help) { return (shown, "\(flag) default") }
            }
            return nil
        }
        let records = value(recordFlags)
        let interval = value(intervalFlags)
        let poll = value(pollFlags)
        var origins = [records?.1, interval?.1, poll?.1].compactMap { $0 }
        if records == nil || interval == nil || poll == nil {
            origins.append("the C reference's defaults for what pmo-test-counter --help does not show")
        }
        return CommitPolicy(
            records: records?.0 ?? 5000,
            intervalMilliseconds: interval?.0 ?? 50,
            pollRecords: poll?.0 ?? 1000,
            origin: origins.joined(separator: ", "))
    }

    /// The value of `flag` in `arguments` (`--flag=N` or `--flag N`), the last one given.
    static func argument(_ flag: String, in arguments: [String]) -> Int? {
        var found: Int?
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix(flag + "=") {
                found = Int(argument.dropFirst(flag.count + 1)) ?? found
            } else if argument == flag, index + 1 < arguments.count {
                found = Int(arguments[index + 1]) ?? found
            }
        }
        return found
    }

    /// The `(default: N)` that ArgumentParser's help shows for `flag`.
    static func helpDefault(_ flag: String, in help: String) -> Int? {
        let lines = help.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: {
            let text = $0.trimmingCharacters(in: .whitespaces)
            return text == flag || text.hasPrefix(flag + " ") || text.hasPrefix(flag + ",")
        }) else { return nil }
        var text = lines[start]
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("-") { break }
            text += " " + trimmed
        }
        guard let range = text.range(of: #"\(default: *([0-9]+)\)"#, options: .regularExpression) else { return nil }
        return Int(text[range].filter(\.isNumber))
    }

    private static func runForOutput(_ executable: URL, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
