// Package benchdata holds the inputs of pipec's benchmarks, so every
// phase (load and check, lower, each backend, the whole build) is
// measured on the same specs: the seed and generated specs with 50 and
// 500 environments (specgen.Scaled). docs/performance.md reports them.
package benchdata
