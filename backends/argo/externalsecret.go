package argo

import (
	"github.com/pipec-dev/pipec/backends/internal/kube"
	"github.com/pipec-dev/pipec/compiler/ir"
)

// externalSecretFor is the ExternalSecret that fills the Kubernetes Secret
// a workload reads, so no secret value is ever written to Git.
func externalSecretFor(s *ir.Secret) kube.ExternalSecret {
	x := s.External
	return kube.NewExternalSecret(
		kube.ObjectMeta{Name: s.Kubernetes, Labels: map[string]string{labelComponent: "secret"}},
		s.Key,
		kube.SecretStoreRef{Name: x.Store, Kind: x.StoreKind},
		kube.RemoteRef{Key: x.Key, Property: x.Property},
		x.Refresh,
	)
}
