package tekton_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/tekton"
	"github.com/pipec-dev/pipec/internal/benchdata"
)

// BenchmarkEmit is this backend alone on the benchmark inputs.
func BenchmarkEmit(b *testing.B) { benchdata.BenchmarkEmit(b, tekton.New()) }
