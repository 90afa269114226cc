import Testing
@testable import ServiceRuntime

@Suite struct RuntimeMetricsTests {
    @Test("records in, out and duplicates are counted per topic, under the service and topic labels, from many tasks at once")
    func perTopicCounters() async {
        let metrics = RuntimeMetrics(service: "counter")
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for index in 0..<250 {
                        let topic = index % 5 == 0 ? "pmo.b" : "pmo.a"
                        metrics.recordIn(topic: topic)
                        metrics.recordOut(topic: "pmo.out")
                        if index % 10 == 0 { metrics.duplicate(topic: topic) }
                    }
                }
            }
        }
        metrics.deadLetter(topic: "pmo.a", errorClass: "not-json")
        let text = String(decoding: metrics.render(), as: UTF8.self)
        for line in [
            #"pmo_records_in_total{service="counter",topic="pmo.a"} 800"#,
            #"pmo_records_in_total{service="counter",topic="pmo.b"} 200"#,
            #"pmo_records_out_total{service="counter",topic="pmo.out"} 1000"#,
            #"pmo_duplicates_skipped_total{service="counter",topic="pmo.b"} 100"#,
            #"pmo_dlq_records_total{service="counter",topic="pmo.a",error_class="not-json"} 1"#,
        ] {
            #expect(text.contains(line), "\(line) missing from:\n\(text)")
        }
        #expect(!text.contains(#"pmo_duplicates_skipped_total{service="counter",topic="pmo.a"}"#))
    }
}
