package kube

// ExternalSecret of the External Secrets Operator (external-secrets.io/v1)
// fills a Kubernetes Secret from a SecretStore, so no secret value is ever
// written to Git.
type ExternalSecret = Object[ExternalSecretSpec]

type ExternalSecretSpec struct {
	RefreshInterval string               `json:"refreshInterval,omitempty"`
	SecretStoreRef  SecretStoreRef       `json:"secretStoreRef"`
	Target          ExternalSecretTarget `json:"target"`
	Data            []ExternalSecretData `json:"data"`
}

type SecretStoreRef struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type ExternalSecretTarget struct {
	Name           string `json:"name"`
	CreationPolicy string `json:"creationPolicy"`
}

type ExternalSecretData struct {
	SecretKey string    `json:"secretKey"`
	RemoteRef RemoteRef `json:"remoteRef"`
}

type RemoteRef struct {
	Key      string `json:"key"`
	Property string `json:"property,omitempty"`
}

// DefaultRefresh is the operator's own default, written out so the file
// says how stale a rotated secret can be.
const DefaultRefresh = "1h"

// Duration is a duration whose String is the form the operator reads
// (the IR's duration type); kube does not import the IR.
type Duration interface {
	~int64
	String() string
}

// NewExternalSecret fills the Secret meta.Name, key secretKey, from remote
// in store. The Secret is owned by the ExternalSecret, so deleting one
// deletes the other. An empty store kind means a namespaced SecretStore;
// a refresh of zero or less means DefaultRefresh.
func NewExternalSecret[D Duration](meta ObjectMeta, secretKey string, store SecretStoreRef, remote RemoteRef, refresh D) ExternalSecret {
	if store.Kind == "" {
		store.Kind = "SecretStore"
	}
	interval := DefaultRefresh
	if refresh > 0 {
		interval = refresh.String()
	}
	return ExternalSecret{
		APIVersion: "external-secrets.io/v1",
		Kind:       "ExternalSecret",
		Metadata:   meta,
		Spec: ExternalSecretSpec{
			RefreshInterval: interval,
			SecretStoreRef:  store,
			Target:          ExternalSecretTarget{Name: meta.Name, CreationPolicy: "Owner"},
			Data:            []ExternalSecretData{{SecretKey: secretKey, RemoteRef: remote}},
		},
	}
}
