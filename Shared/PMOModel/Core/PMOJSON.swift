import Foundation

/// The one JSON configuration every service, tool and test uses for events.
///
/// - instants (`Date`) are RFC 3339 strings (see ``RFC3339``);
/// - calendar dates are ``CalendarDate`` values, written `YYYY-MM-DD`;
/// - money is ``Money``: a decimal number with its currency code;
/// - keys are sorted and slashes are not escaped, so the same event always encodes to the same bytes.
public enum PMOJSON {
    /// A new encoder with the shared settings.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        return encoder
    }

    /// A new decoder with the shared settings.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(text)' is not an RFC 3339 timestamp such as 2026-03-02T09:15:00Z")
            }
            return date
        }
        return decoder
    }

    /// Encodes `value` with the shared settings.
    public static func encode(_ value: some Encodable) throws -> Data {
        try encoder.encode(value)
    }

    /// Decodes a `T` from `data` with the shared settings.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    // Foundation's `JSONEncoder` and `JSONDecoder` are `Sendable` (the compiler checks it for these
    // statics): their settings are kept under a lock and every `encode`/`decode` call works on
    // state of its own, so one instance of each, configured here once and never changed, serves
    // every thread instead of a new one (and a new date closure) per call.
    private static let encoder = makeEncoder()
    private static let decoder = makeDecoder()
}
