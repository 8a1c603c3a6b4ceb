package kube

// EnvVar carries either a literal Value or a reference to a Secret key,
// so a secret's value never appears in a generated file.
type EnvVar struct {
	Name      string        `json:"name"`
	Value     string        `json:"value,omitempty"`
	ValueFrom *EnvVarSource `json:"valueFrom,omitempty"`
}

type EnvVarSource struct {
	SecretKeyRef *SecretKeySelector `json:"secretKeyRef,omitempty"`
}

// SecretKeySelector is also what Argo Rollouts analysis args use to read
// a Secret.
type SecretKeySelector struct {
	Name string `json:"name"`
	Key  string `json:"key"`
}

// SecretEnv is the env entry that reads key of Secret secret.
func SecretEnv(name, secret, key string) EnvVar {
	return EnvVar{Name: name, ValueFrom: &EnvVarSource{SecretKeyRef: &SecretKeySelector{Name: secret, Key: key}}}
}
