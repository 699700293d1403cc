import Foundation

/// Whether a taker order may go, judged on the top of book before sending it.
public enum TakerSlippageVerdict: Sendable, Hashable {
    /// The expected fill (the touch, quote asset) is within the budget; `expectedSlippageBps`
    /// is its distance beyond mid (analytics, bps).
    case allowed(expectedPrice: Decimal, expectedSlippageBps: Double)
    /// The touch is already further beyond mid than `maxSlippageBps`; do not take.
    case refused(expectedPrice: Decimal, expectedSlippageBps: Double, maxSlippageBps: Double)
    /// The book is locked, crossed, empty or not finite; do not trade on it.
    case invalidBook

    /// True only for `.allowed`.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}

/// The slippage guard for a taker order (first choice or fallback). The expected fill is the
/// touch (ask for a BUY, bid for a SELL); its slippage is measured against mid as in
/// `slippageBps(side:price:mid:)`. Exactly at the budget is allowed; beyond it is refused.
/// Only the top of book is seen, so a fill walking deeper levels can still exceed the estimate.
///
/// - Parameters:
///   - maxSlippageBps: the budget, basis points of mid; a NaN budget refuses everything.
public func checkTakerSlippage(side: Side, book: BookTop, maxSlippageBps: Double) -> TakerSlippageVerdict {
    guard book.isValid else { return .invalidBook }
    let touch = book.touch(for: side)
    let expected = slippageBpsDecimal(side: side, price: touch, mid: book.mid)
    let expectedBps = expected.analyticsDouble
    guard let budget = Decimal(shortestRepresentationOf: maxSlippageBps), expected <= budget else {
        return .refused(expectedPrice: touch, expectedSlippageBps: expectedBps, maxSlippageBps: maxSlippageBps)
    }
    return .allowed(expectedPrice: touch, expectedSlippageBps: expectedBps)
}

/// The slippage guard with the budget of `policy.tier` from `parameters.slippageBudget`.
public func checkTakerSlippage(
    side: Side, book: BookTop, policy: RouterPolicy, parameters: RoutingParameters = .default
) -> TakerSlippageVerdict {
    checkTakerSlippage(side: side, book: book, maxSlippageBps: parameters.slippageBudget.maxSlippageBps(for: policy.tier))
}
