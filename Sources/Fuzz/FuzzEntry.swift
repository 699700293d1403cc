import Foundation
import HedgeExchange

// libFuzzer's entry points, compiled only for `scripts/fuzz.sh` (`-sanitize=fuzzer -DFUZZING`).
// SwiftPM links an executable with its entry renamed `<module>_main`; this target provides that
// symbol itself and hands control to libFuzzer's driver.
#if FUZZING
/// One input: every reader of Binance's and Coinbase's answers over the bytes
/// (`BinanceWireFuzzing`, `CoinbaseWireFuzzing`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    BinanceWireFuzzing.exercise(bytes)
    CoinbaseWireFuzzing.exercise(bytes)
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("HedgeFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Built without libFuzzer (as `swift build` does), the target only says how to run it.
@main
enum FuzzUsage {
    static func main() {
        // This executable's only output (it is not the daemon: no logger to configure).
        FileHandle.standardError.write(Data("hedge-fuzz: a libFuzzer target over the Binance readers; run it with scripts/fuzz.sh SECONDS\n".utf8))
    }
}
#endif
