// Package specgen writes large, valid pipec specs of a chosen size for
// benchmarks, the scaling measurements in docs/performance.md and
// scripts/genspec. Every block kind appears and references cross the
// spec, so the sizes stress the checker's reference resolution, every
// backend and the GitOps tree, not just the parser.
package specgen
