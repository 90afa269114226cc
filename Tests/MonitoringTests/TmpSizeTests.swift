import Foundation
import Testing
import PMOModel
@testable import Monitoring

@Test func tmpStateSizes() throws {
    var project = try MonitoredProject()
    _ = try project.charter()
    _ = project.baseline()
    for week in 0..<10 {
        let end = day("2026-01-24").adding(days: 7 * week)!
        project.send(project.report("\(end)", ev: Decimal(1000 * (24 + 7 * week)) - 500, ac: Decimal(1000 * (24 + 7 * week))))
    }
    let state = project.state!
    func size<T: Encodable>(_ name: String, _ value: T) { print(name, (try? PMOJSON.encode(value).count) ?? -1) }
    size("total", state)
    size("charter", state.charter); size("baselines", state.baselines); size("reports", state.reports)
    size("variance", state.variance); size("trend", state.trend); size("overdue", state.overdue)
    size("escalations", state.escalations); size("cycle", state.cycleTimes); size("health", state.health); size("entry", state.entry)
    print(String(decoding: try PMOJSON.encode(state.reports), as: UTF8.self).prefix(300))
}
