import PMOModel

/// A performance index (SPI or CPI) rated against the policy's bands (`EarnedValueBands`):
///
///     index ≥ greenFrom              green
///     amberFrom ≤ index < greenFrom  amber
///     index < amberFrom              red
///
/// The index compared is the **unrounded** one the earned-value core computes (the nearest
/// `Double` to the exact quotient), never the 4 decimals an event shows: a band's edge belongs to
/// the better band, and an index just below it is in the worse one even when it rounds to the
/// edge.
///
/// Worked example, bands green from 0.95 and amber from 0.85: 0.95 is green; 0.94996 is amber
/// (although the event shows 0.95); 0.85 is amber; 0.849 is red; 1.2 is green.
///
/// What an undefined index rates is each dimension's own rule: see ``ScheduleRating`` and
/// ``CostRating``.
public enum PerformanceIndexRating {
    /// The rating of the defined index `index` against `bands`.
    public static func rate(_ index: Double, bands: EarnedValueBands) -> RAGStatus {
        if index >= bands.greenFrom { return .green }
        if index >= bands.amberFrom { return .amber }
        return .red
    }
}
