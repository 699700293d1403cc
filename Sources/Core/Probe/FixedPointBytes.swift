/// Appends `value` as fixed-point decimal text with `decimals` digits (round half away from
/// zero) as UTF-8 bytes, without allocating: the per-bar output path of the backtest (equity.csv)
/// writes two numbers per bar. Same text as `fixedPoint(_:_:)`; non-finite values append "nan".
public func appendFixedPoint(_ value: Double, decimals: Int, to bytes: inout [UInt8]) {
    guard value.isFinite else {
        bytes.append(contentsOf: [110, 97, 110])
        return
    }
    var scale: UInt64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let magnitude = (abs(value) * Double(scale)).rounded()
    guard magnitude < 9e18 else {
        bytes.append(contentsOf: String(value).utf8)
        return
    }
    let scaled = UInt64(magnitude)
    if value < 0 && scaled != 0 { bytes.append(45) }  // "-"
    appendDigits(scaled / scale, to: &bytes)
    guard decimals > 0 else { return }
    bytes.append(46)  // "."
    let fraction = scaled % scale
    var divisor = scale / 10
    while divisor > 0 {
        bytes.append(UInt8(48 + fraction / divisor % 10))
        divisor /= 10
    }
}

/// Decimal digits of `value`, most significant first, with no temporary storage.
private func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
    var divisor: UInt64 = 1
    while divisor <= value / 10 { divisor *= 10 }
    while divisor > 0 {
        bytes.append(UInt8(48 + value / divisor % 10))
        divisor /= 10
    }
}
