import Foundation
import PMOModel

/// A line chart drawn as SVG by the pages' templates: the geometry is computed here, in plain
/// numbers, so the template only places elements. Every chart has a text summary for people
/// who do not see it.
public struct Chart: Equatable, Sendable {
    /// One series: a polyline and a dot per point.
    public struct Line: Equatable, Sendable {
        /// Its name in the legend.
        public var name: String
        /// Its CSS class (`pv`, `ev`, `ac`, `spi`, …), which also sets its dash pattern.
        public var style: String
        /// `x,y x,y …`, for the polyline's `points`.
        public var points: String
        /// The dots, each with its value for the tooltip.
        public var dots: [Dot]
    }

    /// One point of a series.
    public struct Dot: Equatable, Sendable {
        public var x: Double
        public var y: Double
        /// "2026-06-30: 145,000 EUR".
        public var label: String
    }

    /// A vertical line at a date, such as a re-baseline.
    public struct Marker: Equatable, Sendable {
        public var x: Double
        public var label: String
    }

    /// An axis label.
    public struct Tick: Equatable, Sendable {
        public var position: Double
        public var label: String
        /// `start`, `middle` or `end`: how the label sits on its position, so none is cut off.
        public var anchor: String = "middle"
    }

    public var width: Double = 640
    public var height: Double = 300
    public var lines: [Line] = []
    public var markers: [Marker] = []
    public var xTicks: [Tick] = []
    public var yTicks: [Tick] = []
    /// What the chart shows, in one sentence.
    public var summary: String = ""

    static let left = 70.0, right = 15.0, top = 15.0, bottom = 30.0

    /// A chart of `series` (name, style, points by date) between `yRange`, with `markers`.
    init(series: [(name: String, style: String, points: [(CalendarDate, Double, String)])], yRange: ClosedRange<Double>,
         markers: [(CalendarDate, String)] = [], yLabel: (Double) -> String, summary: String) {
        let dates = series.flatMap { $0.points.map(\.0) } + markers.map(\.0)
        self.summary = summary
        guard let first = dates.min(), let last = dates.max() else { return }
        let span = Double(max(1, first.days(until: last)))
        let plotWidth = width - Self.left - Self.right, plotHeight = height - Self.top - Self.bottom
        let low = yRange.lowerBound, high = yRange.upperBound > yRange.lowerBound ? yRange.upperBound : yRange.lowerBound + 1
        func x(_ date: CalendarDate) -> Double { (Self.left + Double(first.days(until: date)) / span * plotWidth).rounded2 }
        func y(_ value: Double) -> Double { (Self.top + (1 - (min(max(value, low), high) - low) / (high - low)) * plotHeight).rounded2 }
        lines = series.map { line in
            let dots = line.points.sorted { $0.0 < $1.0 }.map { Dot(x: x($0.0), y: y($0.1), label: "\($0.0): \($0.2)") }
            return Line(name: line.name, style: line.style, points: dots.map { "\($0.x),\($0.y)" }.joined(separator: " "), dots: dots)
        }
        self.markers = markers.map { Marker(x: x($0.0), label: $0.1) }
        xTicks = [Tick(position: x(first), label: first.description, anchor: "start"),
                  Tick(position: x(last), label: last.description, anchor: "end")]
        yTicks = (0...4).map { step in
            let value = low + (high - low) * Double(step) / 4
            return Tick(position: y(value), label: yLabel(value))
        }
    }

    /// The S-curve of a project: PV from each baseline revision's curve (the one in force drawn
    /// solid, earlier ones dashed), EV and AC at each measured period, a marker at each
    /// re-baseline.
    public static func sCurve(_ project: ProjectView) -> Chart {
        let current = project.currentBaseline?.revision
        var series: [(name: String, style: String, points: [(CalendarDate, Double, String)])] = []
        var currency = ""
        for (revision, baseline) in project.baselines.sorted(by: { $0.key < $1.key }) {
            currency = baseline.baseline.budgetAtCompletion.currency
            series.append((name: "PV, baseline r\(revision)", style: revision == current ? "pv" : "pv-old",
                           points: baseline.baseline.plannedValueCurve.map {
                               ($0.date, Figures.double($0.cumulativePlannedValue), Figures.money($0.cumulativePlannedValue))
                           }))
        }
        let history = project.healthHistory.filter { $0.figures != nil }
        series.append((name: "EV", style: "ev", points: history.compactMap { point in
            point.figures.map { (point.asOf, Figures.double($0.earnedValue), Figures.money($0.earnedValue)) }
        }))
        series.append((name: "AC", style: "ac", points: history.compactMap { point in
            point.figures.map { (point.asOf, Figures.double($0.actualCost), Figures.money($0.actualCost)) }
        }))
        let top = series.flatMap { $0.points.map(\.1) }.max() ?? 1
        let markers = project.baselines.filter { $0.key > 1 }.sorted { $0.key < $1.key }
            .map { (CalendarDate(utcDayOf: $0.value.since), "re-baseline r\($0.key)") }
        let summary = history.isEmpty
            ? "No status report measured yet."
            : "\(history.count) measured report(s); at \(history.last!.asOf) PV \(Figures.money(history.last!.figures?.plannedValue)), EV \(Figures.money(history.last!.figures?.earnedValue)), AC \(Figures.money(history.last!.figures?.actualCost))."
        return Chart(series: series, yRange: 0...(top * 1.05), markers: markers,
                     yLabel: { Figures.compact($0) + (currency.isEmpty ? "" : " " + currency) }, summary: summary)
    }

    /// SPI, CPI and SPI(t) at each measured period, around 1.0.
    public static func indices(_ project: ProjectView) -> Chart {
        let history = project.healthHistory
        func series(_ name: String, _ style: String, _ value: (HealthPoint) -> Double?) -> (name: String, style: String, points: [(CalendarDate, Double, String)]) {
            (name, style, history.compactMap { point in value(point).map { (point.asOf, $0, Figures.index($0)) } })
        }
        let all = [series("SPI", "spi", { $0.figures?.schedulePerformanceIndex }),
                   series("CPI", "cpi", { $0.figures?.costPerformanceIndex }),
                   series("SPI(t)", "spit", { $0.schedule?.schedulePerformanceIndexTime })]
        let values = all.flatMap { $0.points.map(\.1) }
        let low = min(0.5, (values.min() ?? 1) - 0.05), high = max(1.5, (values.max() ?? 1) + 0.05)
        let latest = history.last
        return Chart(series: all, yRange: low...high, yLabel: { String(format: "%.2f", $0) },
                     summary: latest == nil ? "No status report measured yet."
                         : "At \(latest!.asOf): SPI \(Figures.index(latest!.figures?.schedulePerformanceIndex)), CPI \(Figures.index(latest!.figures?.costPerformanceIndex)), SPI(t) \(Figures.index(latest!.schedule?.schedulePerformanceIndexTime)).")
    }
}

extension Double {
    /// Rounded to two decimals, for short SVG coordinates.
    var rounded2: Double { (self * 100).rounded() / 100 }
}
