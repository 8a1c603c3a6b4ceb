package tekton

// emitExternalSecrets writes an External Secrets Operator ExternalSecret
// for each secret kept in an external store, so the Kubernetes Secret the
// Tasks read with secretKeyRef is filled from there.
func (e *emitter) emitExternalSecrets() {
	for _, s := range e.p.Secrets {
		if s == nil || s.External == nil {
			continue
		}
		x := s.External
		name := s.Kubernetes
		if name == "" {
			name = s.Name
		}
		key := s.Key
		if key == "" {
			key = "token"
		}
		kind := x.StoreKind
		if kind == "" {
			kind = "SecretStore"
		}
		refresh := "1h"
		if x.Refresh > 0 {
			refresh = x.Refresh.String()
		}
		if x.Store == "" || x.Key == "" {
			addErr(&e.diags, x.Range, "incomplete external secret", "secret \""+s.Name+"\" needs external { store = \"…\", key = \"…\" }.")
		}
		obj := externalSecret{
			APIVersion: "external-secrets.io/v1", Kind: "ExternalSecret",
			Metadata: objectMeta{Name: name, Labels: e.labels()},
			Spec: externalSecretSpec{
				RefreshInterval: refresh,
				SecretStoreRef:  secretStoreRef{Name: x.Store, Kind: kind},
				Target:          externalSecretTarget{Name: name, CreationPolicy: "Owner"},
				Data:            []externalSecretData{{SecretKey: key, RemoteRef: remoteRef{Key: x.Key, Property: x.Property}}},
			},
		}
		e.write("externalsecrets/"+dnsLabel(name)+".yaml", []string{
			"External Secrets Operator (external-secrets.io/v1): fills Secret " + name + " (key " + key + ") for secret." + s.Name + ".",
		}, obj)
	}
}
