extension Duration {
    /// The duration in seconds, fractions included: for arithmetic with `Double` times (backoff
    /// steps, simulated clocks, log lines). `Duration` itself offers only its two integer parts.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
