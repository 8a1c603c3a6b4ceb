package tekton_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/internal/preparetest"
	"github.com/pipec-dev/pipec/backends/tekton"
)

func TestPrepareCoversEmit(t *testing.T) {
	preparetest.CheckPrepareCoversEmit(t, tekton.New(), "../..")
}
