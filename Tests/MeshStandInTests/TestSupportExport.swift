// Every file of this target sees StandInHarness without importing its module: the harness moved
// into MeshtopTestSupport, and test files written against it while it lived here still compile.
@_exported import MeshtopTestSupport
