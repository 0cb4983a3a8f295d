// Package proof holds what the proof harnesses share: an HTTP agent that
// talks to a server in process or over loopback, the registries that new
// features join (a canary sample for every entry kind, a fixture for every
// kind of object a route's {id} names, the values of every other path
// parameter), a scanner for secrets in files and logs, the expected
// security headers, and helpers that build and run the real binary.
//
// The harnesses themselves are the tests of this package (durability,
// isolation, privacy at rest, logs, abuse, backups, fuzzing), the tamper
// tests in sqlstore, the page walk in cmd/securebase, and the load
// benchmark in proof/cmd/bench. docs/testing.md describes each one.
//
// Nothing in the binary imports this package.
package proof
