package argo

import "github.com/pipec-dev/pipec/compiler/ir"

// ExternalSecret of the External Secrets Operator (external-secrets.io/v1).
// It fills the Kubernetes Secret a workload reads from a SecretStore, so
// no secret value is ever written to Git.

type externalSecret struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   objectMeta         `json:"metadata"`
	Spec       externalSecretSpec `json:"spec"`
}

type externalSecretSpec struct {
	RefreshInterval string               `json:"refreshInterval,omitempty"`
	SecretStoreRef  secretStoreRef       `json:"secretStoreRef"`
	Target          externalSecretTarget `json:"target"`
	Data            []externalSecretData `json:"data"`
}

type secretStoreRef struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type externalSecretTarget struct {
	Name           string `json:"name"`
	CreationPolicy string `json:"creationPolicy"`
}

type externalSecretData struct {
	SecretKey string    `json:"secretKey"`
	RemoteRef remoteRef `json:"remoteRef"`
}

type remoteRef struct {
	Key      string `json:"key"`
	Property string `json:"property,omitempty"`
}

// defaultRefresh is the operator's own default, written out so the file
// says how stale a rotated secret can be.
const defaultRefresh = "1h"

func externalSecretFor(s *ir.Secret) externalSecret {
	x := s.External
	refresh := defaultRefresh
	if x.Refresh > 0 {
		refresh = x.Refresh.String()
	}
	kind := x.StoreKind
	if kind == "" {
		kind = "SecretStore"
	}
	return externalSecret{
		APIVersion: "external-secrets.io/v1",
		Kind:       "ExternalSecret",
		Metadata:   objectMeta{Name: s.Kubernetes, Labels: map[string]string{labelComponent: "secret"}},
		Spec: externalSecretSpec{
			RefreshInterval: refresh,
			SecretStoreRef:  secretStoreRef{Name: x.Store, Kind: kind},
			Target:          externalSecretTarget{Name: s.Kubernetes, CreationPolicy: "Owner"},
			Data:            []externalSecretData{{SecretKey: s.Key, RemoteRef: remoteRef{Key: x.Key, Property: x.Property}}},
		},
	}
}
