import Foundation

/// Resident memory of this process from Linux `/proc/self/status`.
enum PeakMemory {
    /// Peak resident set size (`VmHWM`).
    static func residentMegabytes() -> Double? { field("VmHWM:") }

    /// Current resident set size (`VmRSS`).
    static func currentResidentMegabytes() -> Double? { field("VmRSS:") }

    private static func field(_ name: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first
            return kilobytes.map { $0 / 1024 }
        }
        return nil
    }
}
