/// A gate that opens once and stays open: `wait()` returns at once after `open()`, and every
/// caller waiting before it is resumed by it. The runtime opens one when the market stream is
/// subscribed, so a driver that pushes events into a venue knows none of them will be missed.
actor ReadinessLatch {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func open() {
        guard !isOpen else { return }
        isOpen = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }

    func wait() async {
        guard !isOpen else { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}
