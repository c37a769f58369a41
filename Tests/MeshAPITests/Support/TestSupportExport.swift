// Every file of this target sees the shared helpers (FixtureServer, ClientHarness, MeshtopBinary)
// without importing their module.
@_exported import MeshtopTestSupport
