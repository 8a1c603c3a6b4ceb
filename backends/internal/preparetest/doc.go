// Package preparetest checks that a backend's Prepare (ir.Preparer)
// covers every struct type its Emit writes, so that a cold build finds
// the encoder's views ready instead of working them out on the critical
// path. A type Prepare misses is still written correctly, only slower;
// this test is what keeps the lists in the backends whole.
package preparetest
