package gha_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/gha"
	"github.com/pipec-dev/pipec/backends/internal/preparetest"
)

func TestPrepareCoversEmit(t *testing.T) {
	preparetest.CheckPrepareCoversEmit(t, gha.New(), "../..")
}
