package kube

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"sigs.k8s.io/yaml"
)

// The backends' golden files cover what each one writes; these pin the
// defaults and omissions both rely on.
func TestMarshal(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{
			name: "generateName without name",
			obj:  ObjectMeta{GenerateName: "ci-", Labels: map[string]string{"a": "b"}},
			want: "generateName: ci-\nlabels:\n  a: b\n",
		},
		{
			name: "external secret defaults",
			obj:  NewExternalSecret(ObjectMeta{Name: "db"}, "password", SecretStoreRef{Name: "vault"}, RemoteRef{Key: "prod/db"}, time.Duration(0)),
			want: `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: db
spec:
  data:
  - remoteRef:
      key: prod/db
    secretKey: password
  refreshInterval: 1h
  secretStoreRef:
    kind: SecretStore
    name: vault
  target:
    creationPolicy: Owner
    name: db
`,
		},
		{
			name: "external secret refresh and store kind",
			obj:  NewExternalSecret(ObjectMeta{Name: "db"}, "k", SecretStoreRef{Name: "v", Kind: "ClusterSecretStore"}, RemoteRef{Key: "x", Property: "p"}, 15*time.Minute).Spec,
			want: `data:
- remoteRef:
    key: x
    property: p
  secretKey: k
refreshInterval: 15m0s
secretStoreRef:
  kind: ClusterSecretStore
  name: v
target:
  creationPolicy: Owner
  name: db
`,
		},
		{
			name: "restricted container",
			obj:  Restricted(),
			want: "allowPrivilegeEscalation: false\ncapabilities:\n  drop:\n  - ALL\nrunAsNonRoot: true\n",
		},
		{
			name: "secret env and empty dir",
			obj:  []any{SecretEnv("TOKEN", "gh", "token"), Volume{Name: "tmp", EmptyDir: &EmptyDir{}}},
			want: "- name: TOKEN\n  valueFrom:\n    secretKeyRef:\n      key: token\n      name: gh\n- emptyDir: {}\n  name: tmp\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := yaml.Marshal(tt.obj)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(b)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
