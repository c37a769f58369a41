// The scripted fixture server and the `meshtop serve` child process live in TestSupport.
@_exported import TestSupport
