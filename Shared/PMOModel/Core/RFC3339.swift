import Foundation

/// Reads and writes instants as RFC 3339 timestamps (`2026-03-02T09:15:00Z`,
/// `2026-03-02T10:15:00.250+01:00`). Writing always uses UTC and adds milliseconds only when the
/// instant has a fraction of a second.
public enum RFC3339 {
    /// The regular expression the JSON Schemas use for instants (`DateTime` in the common types).
    public static let pattern =
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$"

    /// Parses an RFC 3339 timestamp; `nil` when malformed or out of range. A `t`/`z` in lower case
    /// is accepted as RFC 3339 allows.
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` for a timestamp given as its UTF-8 bytes (a header's value), read where they
    /// are: the usual `ce_time` of every consumed record comes through here.
    public static func parse(utf8 bytes: [UInt8]) -> Date? {
        bytes.withUnsafeBufferPointer { parse(utf8: $0) }
    }

    private static func parse(utf8 chars: UnsafeBufferPointer<UInt8>) -> Date? {
        guard chars.count >= 20 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= chars.count else { return nil }
            var value = 0
            for byte in UnsafeBufferPointer(rebasing: chars[start..<(start + count)]) {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard chars[4] == 45, chars[7] == 45, chars[10] | 0x20 == 116, chars[13] == 58, chars[16] == 58,
              let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
              let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
              let date = CalendarDate(year: year, month: month, day: day),
              hour < 24, minute < 60, second < 61 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < chars.count, chars[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < chars.count, (48...57).contains(chars[index]) {
                fraction += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < chars.count else { return nil }
        var offsetSeconds = 0
        if chars[index] | 0x20 == 122 {
            index += 1
        } else if chars[index] == 43 || chars[index] == 45 {
            guard let offsetHour = digits(index + 1, 2), index + 3 < chars.count, chars[index + 3] == 58,
                  let offsetMinute = digits(index + 4, 2), offsetHour < 24, offsetMinute < 60 else { return nil }
            offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (chars[index] == 45 ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Formats `date` in UTC, with milliseconds only when it has a fraction of a second. Every
    /// output record's `ce_time` goes through here, so the usual case (years 0–9999) writes its
    /// 20 or 24 bytes straight into the string.
    public static func format(_ date: Date) -> String {
        let totalMillis = (date.timeIntervalSince1970 * 1000).rounded()
        var seconds = Int((totalMillis / 1000).rounded(.down))
        let millis = Int(totalMillis - Double(seconds) * 1000)
        let dayNumber = Int((Double(seconds) / 86_400).rounded(.down))
        seconds -= dayNumber * 86_400
        guard let day = CalendarDate(dayNumber: dayNumber), (0...9999).contains(day.year) else {
            return "\(CalendarDate(dayNumber: dayNumber)?.description ?? "0000-01-01")T"
                + "\(pad(seconds / 3600, 2)):\(pad(seconds % 3600 / 60, 2)):\(pad(seconds % 60, 2))"
                + (millis == 0 ? "" : ".\(pad(millis, 3))") + "Z"
        }
        let length = millis == 0 ? 20 : 24
        return String(unsafeUninitializedCapacity: length) { text in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(day.year, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(day.month, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(day.day, 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(seconds / 3600, 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(seconds % 3600 / 60, 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(seconds % 60, 2, at: 17)
            if millis == 0 {
                text[19] = UInt8(ascii: "Z")
            } else {
                text[19] = UInt8(ascii: ".")
                put(millis, 3, at: 20)
                text[23] = UInt8(ascii: "Z")
            }
            return length
        }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
