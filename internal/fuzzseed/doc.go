// Package fuzzseed is shared by pipec's fuzz targets (lang, compiler,
// cmd/pipec and the conformance modules): the seed corpus every target
// starts from, and the invariants every target asserts about diagnostics
// and source ranges, so the targets agree on what "a ranged diagnostic"
// means and a new example or golden case seeds all of them at once.
//
// It is an ordinary package (not a _test file) because Go cannot share
// test code across packages or modules; only tests import it.
package fuzzseed
