// The scripted fixture server lives in TestSupport, shared with the stand-in's upstream tests.
@_exported import TestSupport
