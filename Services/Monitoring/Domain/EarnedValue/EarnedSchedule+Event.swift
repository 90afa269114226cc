import Foundation
import PMOModel

extension EarnedSchedule {
    /// The earned-schedule figures as version 2 of the health contract carries them: days as
    /// computed (ES rounded to 4 decimals), SPI(t) rounded as ``EventRounding`` says, and left out
    /// with the forecast finish when undefined.
    public var measures: EarnedScheduleMeasures {
        EarnedScheduleMeasures(
            start: start, plannedDurationDays: plannedDurationDays, actualTimeDays: actualTimeDays,
            earnedScheduleDays: EventRounding.index(earnedScheduleDays),
            schedulePerformanceIndexTime: timeBasedSchedulePerformanceIndex.map(EventRounding.index),
            forecastFinish: forecastFinish)
    }
}
