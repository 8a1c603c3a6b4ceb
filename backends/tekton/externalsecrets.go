package tekton

import "github.com/pipec-dev/pipec/backends/internal/kube"

// emitExternalSecrets writes an External Secrets Operator ExternalSecret
// for each secret kept in an external store, so the Kubernetes Secret the
// Tasks read with secretKeyRef is filled from there.
func (e *emitter) emitExternalSecrets() {
	for _, s := range e.p.Secrets {
		if s == nil || s.External == nil {
			continue
		}
		x := s.External
		name, key := secretKey(s)
		if x.Store == "" || x.Key == "" {
			addErr(&e.diags, x.Range, "incomplete external secret", "secret \""+s.Name+"\" needs external { store = \"…\", key = \"…\" }.")
		}
		obj := kube.NewExternalSecret(
			kube.ObjectMeta{Name: name, Labels: e.labels()},
			key,
			kube.SecretStoreRef{Name: x.Store, Kind: x.StoreKind},
			kube.RemoteRef{Key: x.Key, Property: x.Property},
			x.Refresh,
		)
		e.write("externalsecrets/"+dnsLabel(name)+".yaml", []string{
			"External Secrets Operator (external-secrets.io/v1): fills Secret " + name + " (key " + key + ") for secret." + s.Name + ".",
		}, obj)
	}
}
