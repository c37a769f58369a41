import Testing

/// The suites that stream big answers through a `FixtureServer` run inside this one, one test at a
/// time: the huge-result tests push tens of MiB through the test process, and beside them the
/// hostile-server tests' steady 16 MiB answer was stretched past its deadline (their timing is the
/// point of those tests).
@Suite(.serialized) struct BigAnswerSerialSuite {}
