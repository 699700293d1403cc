import Foundation

/// A one-line progress display on stderr (bars done, rate, ETA), redrawn at most four times a
/// second and only when stderr is a terminal. The final summary is printed separately, always.
struct ProgressLine {
    let enabled = isatty(STDERR_FILENO) == 1
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant

    init() {
        started = clock.now
        lastDraw = started
    }

    var elapsedSeconds: Double { seconds(clock.now - started) }

    /// Redraws when due. `fraction` (0–1) is the share of input consumed, when known, for the ETA.
    mutating func update(bars: Int, fraction: Double?) {
        guard enabled else { return }
        let now = clock.now
        guard now - lastDraw >= .milliseconds(250) else { return }
        lastDraw = now
        let elapsed = seconds(now - started)
        let rate = elapsed > 0 ? Double(bars) / elapsed : 0
        var line = "\r  \(bars) bars  \(Int(rate)) bars/s"
        if let fraction, fraction > 0.001 {
            let width = 24
            let filled = min(width, Int(fraction * Double(width)))
            line = "\r  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]" + line.dropFirst(1)
            line += "  ETA \(Int(elapsed / fraction - elapsed)) s"
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
    }

    /// Clears the progress line before the summary.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
