import Foundation

extension VenueFilters {
    /// `price` on this symbol's tick grid in `direction` (quote asset). Use `.down` for a maker
    /// BUY and `.up` for a maker SELL so rounding never moves a post-only price towards the
    /// other side. Range checks happen in `sizeLimitOrder`.
    public func roundPrice(_ price: Decimal, _ direction: RoundingDirection) -> Decimal {
        price.rounded(toMultipleOf: self.price.tickSize, direction)
    }

    /// `quantity` rounded down to the step of `kind`'s lot filter (base asset), so an order is
    /// never larger than decided. May be zero; range checks happen when sizing.
    public func roundQuantity(_ quantity: Decimal, for kind: LotKind = .limit) -> Decimal {
        quantity.rounded(toMultipleOf: lotFilter(for: kind).stepSize, .down)
    }

    /// The largest quantity on the step grid whose notional at `price` does not exceed
    /// `notionalUSD` (USD ≈ USDT quote asset): notional ÷ price rounded down to the step.
    /// Nil when the notional is negative or not finite or the price is not > 0. The result may
    /// be zero or below `minQty`; `sizeLimitOrder` reports that.
    public func quantity(forNotionalUSD notionalUSD: Decimal, price: Decimal, for kind: LotKind = .limit) -> Decimal? {
        guard notionalUSD.isFinite, notionalUSD >= 0, price.isFinite, price > 0 else { return nil }
        let step = lotFilter(for: kind).stepSize
        if step > 0 {
            if let quantity = Self.certainWholeSteps(of: step, inNotional: notionalUSD.analyticsDouble, at: price.analyticsDouble) {
                return quantity
            }
            if let quantity = Self.wholeSteps(of: step, inNotional: notionalUSD, at: price) { return quantity }
        }
        return quantityByDivision(notionalUSD, price: price, step: step, kind: kind)
    }

    /// The same for a notional given as a `Double` (a risk size), taken as its shortest decimal
    /// text: what `Decimal(shortestRepresentationOf:)` of it would give, without building that
    /// `Decimal` unless the quantity lies next to a step boundary.
    public func quantity(forDoubleNotionalUSD notionalUSD: Double, price: Decimal, for kind: LotKind = .limit) -> Decimal? {
        guard notionalUSD.isFinite, notionalUSD >= 0, price.isFinite, price > 0 else { return nil }
        let step = lotFilter(for: kind).stepSize
        if step > 0, let quantity = Self.certainWholeSteps(of: step, inNotional: notionalUSD, at: price.analyticsDouble) {
            return quantity
        }
        guard let exact = Decimal(shortestRepresentationOf: notionalUSD) else { return nil }
        return quantity(forNotionalUSD: exact, price: price, for: kind)
    }

    /// The same quantity through `Decimal` division: the reference, and the path for a lot
    /// filter without a step.
    func quantityByDivision(_ notionalUSD: Decimal, price: Decimal, step: Decimal, kind: LotKind) -> Decimal {
        var quantity = roundQuantity(notionalUSD / price, for: kind)
        // The quotient is cut at 38 digits; if that ever lands a hair above a step, one step
        // back keeps the promise that the notional is never exceeded.
        if quantity * price > notionalUSD, step > 0 { quantity -= step }
        return quantity
    }

    /// k × `step` for the largest k with k × step × price ≤ notional, decided in `Double` when
    /// that is certain: nil when the estimate of k lies within its error of a whole number (or
    /// is out of range), and the exact path decides. A `Decimal` division costs ~10 µs on Linux
    /// (a 38-digit quotient), and this runs on every order.
    private static func certainWholeSteps(of step: Decimal, inNotional notionalUSD: Double, at price: Double) -> Decimal? {
        let estimate = notionalUSD / price / step.analyticsDouble
        guard estimate.isFinite, estimate >= 0, estimate < 1e15 else { return nil }
        // The inputs are correctly rounded (a notional's shortest text reads back to the same
        // Double), then two divisions: a relative error under 6e-16. When the floor is the same
        // at both ends of a band 7× wider, it is k.
        let margin = estimate * 4e-15
        let floor = estimate.rounded(.down)
        guard (estimate - margin).rounded(.down) == floor, (estimate + margin).rounded(.down) == floor else { return nil }
        return multiple(UInt64(floor), of: step)
    }

    /// k × `step`, exact. A step is a small integer times a power of ten (0.001, 0.5, 10), so
    /// the product is built from its digits; a `Decimal` multiplication costs ~1 µs.
    private static func multiple(_ count: UInt64, of step: Decimal) -> Decimal {
        let digits = step.significand.analyticsDouble
        if digits >= 1, digits < 4_294_967_296, digits == digits.rounded(),
           case let (product, overflow) = count.multipliedReportingOverflow(by: UInt64(digits)), !overflow {
            return Decimal(sign: .plus, exponent: step.exponent, significand: Decimal(product))
        }
        return Decimal(count) * step
    }

    /// k × `step` for the largest k with k × step × price ≤ notional, without dividing: a
    /// `Double` estimate of k, then exact `Decimal` products that move it onto the boundary
    /// (products cost under 1 µs, a division ~10). Nil when the estimate is out of the range
    /// where it is within a step or two (the caller then divides).
    private static func wholeSteps(of step: Decimal, inNotional notionalUSD: Decimal, at price: Decimal) -> Decimal? {
        let estimate = notionalUSD.analyticsDouble / price.analyticsDouble / step.analyticsDouble
        // Below 2^50 the estimate's relative error (a few ulps) is far under one step.
        guard estimate.isFinite, estimate >= 0, estimate < 1e15 else { return nil }
        var steps = Int64(estimate.rounded(.down))
        var quantity = Decimal(steps) * step
        for _ in 0..<4 {
            if quantity * price > notionalUSD {
                guard steps > 0 else { return nil }
                steps -= 1
                quantity -= step
                continue
            }
            let next = quantity + step
            guard next * price <= notionalUSD else { return quantity }
            steps += 1
            quantity = next
        }
        return nil
    }

    /// Rounds a limit order onto the grids (price in `priceRounding`, quantity down) and checks
    /// every filter: price range, quantity range, and notional ≥ `minNotional` unless
    /// `reduceOnly` (Binance exempts reduce-only orders from MIN_NOTIONAL, error -4164).
    ///
    /// - Parameters:
    ///   - price: limit price, quote asset.
    ///   - quantity: desired quantity, base asset; never rounded up.
    /// - Throws: the first filter that fails, with the rounded values compared.
    public func sizeLimitOrder(
        price: Decimal, quantity: Decimal, priceRounding: RoundingDirection, reduceOnly: Bool = false
    ) throws(OrderSizingError) -> OrderSizing {
        guard price.isFinite, price > 0 else { throw .invalidPrice(price) }
        let rounded = roundPrice(price, priceRounding)
        if self.price.minPrice > 0, rounded < self.price.minPrice {
            throw .belowMinPrice(price: rounded, minimum: self.price.minPrice)
        }
        if self.price.maxPrice > 0, rounded > self.price.maxPrice {
            throw .aboveMaxPrice(price: rounded, maximum: self.price.maxPrice)
        }
        return try sized(price: rounded, quantity: quantity, kind: .limit, reduceOnly: reduceOnly)
    }

    /// Rounds a market order's quantity down to the `MARKET_LOT_SIZE` step (or `LOT_SIZE`) and
    /// checks the quantity range and the notional at `referencePrice` (the touch or mark price,
    /// quote asset; not sent, not rounded).
    /// - Throws: the first filter that fails, with the rounded values compared.
    public func sizeMarketOrder(
        quantity: Decimal, referencePrice: Decimal, reduceOnly: Bool = false
    ) throws(OrderSizingError) -> OrderSizing {
        guard referencePrice.isFinite, referencePrice > 0 else { throw .invalidPrice(referencePrice) }
        return try sized(price: referencePrice, quantity: quantity, kind: .market, reduceOnly: reduceOnly)
    }

    private func sized(price: Decimal, quantity: Decimal, kind: LotKind, reduceOnly: Bool) throws(OrderSizingError) -> OrderSizing {
        guard quantity.isFinite, quantity > 0 else { throw .invalidQuantity(quantity) }
        let lot = lotFilter(for: kind)
        let rounded = roundQuantity(quantity, for: kind)
        guard rounded > 0 else { throw .quantityRoundsToZero(requested: quantity, stepSize: lot.stepSize) }
        if rounded < lot.minQty { throw .belowMinQuantity(quantity: rounded, minimum: lot.minQty) }
        if lot.maxQty > 0, rounded > lot.maxQty { throw .aboveMaxQuantity(quantity: rounded, maximum: lot.maxQty) }
        let sizing = OrderSizing(price: price, quantity: rounded)
        if !reduceOnly, minNotional > 0, sizing.notional < minNotional {
            throw .belowMinNotional(notional: sizing.notional, minimum: minNotional)
        }
        return sizing
    }
}
