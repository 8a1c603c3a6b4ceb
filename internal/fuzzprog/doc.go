// Package fuzzprog is the front end as the backend fuzz targets (in the
// conformance modules) use it: a spec's bytes to a lowered Program. It is
// apart from fuzzseed, which lang's and compiler's own fuzz tests import.
package fuzzprog
