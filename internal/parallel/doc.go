// Package parallel runs independent items of work on a few goroutines,
// the caller among them. pipec's fan-outs (backends side by side, files
// read and written) are short: a goroutine per item, or a caller idling
// in Wait, cost the seed's build more than the work it spread.
package parallel
