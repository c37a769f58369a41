import Testing

/// Every jobs suite runs inside this one, one test at a time: each starts `meshtop serve` and
/// runners as child processes, and on a 2-core machine several at once starve the timing-sensitive
/// suites of the other targets (and each other).
@Suite(.serialized) struct JobsSerialSuite {}
