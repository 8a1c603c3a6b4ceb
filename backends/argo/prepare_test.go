package argo_test

import (
	"testing"

	"github.com/pipec-dev/pipec/backends/argo"
	"github.com/pipec-dev/pipec/backends/internal/preparetest"
)

func TestPrepareCoversEmit(t *testing.T) {
	preparetest.CheckPrepareCoversEmit(t, argo.New(), "../..")
}
