/// `value` as fixed-point text with `decimals` digits after the point ("12.35", "-0.50"), without
/// Foundation formatting, so reports render the same bytes on every platform. Non-finite values
/// render as "–".
public func fixedPoint(_ value: Double, _ decimals: Int = 2) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9e15 else { return String(value) }
    let integer = Int64(scaled)
    let whole = integer / Int64(scale), fraction = integer % Int64(scale)
    var text = (value < 0 && integer != 0 ? "-" : "") + String(whole)
    if decimals > 0 {
        let digits = String(fraction)
        text += "." + String(repeating: "0", count: decimals - digits.count) + digits
    }
    return text
}
