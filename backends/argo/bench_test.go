package argo_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/internal/benchdata"
)

// BenchmarkEmit is this backend alone on the benchmark inputs.
func BenchmarkEmit(b *testing.B) { benchdata.BenchmarkEmit(b, argo.New()) }
