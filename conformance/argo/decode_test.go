package argo

import (
	"bytes"
	"encoding/json"
	"fmt"

	argocd "github.com/argoproj/argo-cd/v3/pkg/apis/application/v1alpha1"
	rollouts "github.com/argoproj/argo-rollouts/pkg/apis/rollouts/v1alpha1"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"sigs.k8s.io/yaml"
)

// strictDecode decodes YAML into out and fails on any field out's type
// does not have, so a misspelt or misplaced field cannot slip through.
func strictDecode(data []byte, out any) error {
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	return dec.Decode(out)
}

type typeMeta struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
}

func typeOf(data []byte) (typeMeta, error) {
	var tm typeMeta
	err := yaml.Unmarshal(data, &tm)
	return tm, err
}

// externalSecret mirrors external-secrets.io/v1 ExternalSecret as far as
// pipec writes it. The operator's Go module is not imported: it would pull
// every cloud SDK into this module for one kind.
type externalSecret struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name      string            `json:"name"`
		Namespace string            `json:"namespace"`
		Labels    map[string]string `json:"labels"`
	} `json:"metadata"`
	Spec struct {
		RefreshInterval string `json:"refreshInterval"`
		SecretStoreRef  struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
		} `json:"secretStoreRef"`
		Target struct {
			Name           string `json:"name"`
			CreationPolicy string `json:"creationPolicy"`
		} `json:"target"`
		Data []struct {
			SecretKey string `json:"secretKey"`
			RemoteRef struct {
				Key      string `json:"key"`
				Property string `json:"property"`
			} `json:"remoteRef"`
		} `json:"data"`
	} `json:"spec"`
}

// decodeObject strictly decodes one object into its upstream type.
func decodeObject(data []byte) (any, error) {
	tm, err := typeOf(data)
	if err != nil {
		return nil, err
	}
	var obj any
	switch tm.APIVersion + " " + tm.Kind {
	case "argoproj.io/v1alpha1 Rollout":
		obj = &rollouts.Rollout{}
	case "argoproj.io/v1alpha1 AnalysisTemplate":
		obj = &rollouts.AnalysisTemplate{}
	case "argoproj.io/v1alpha1 Application":
		obj = &argocd.Application{}
	case "argoproj.io/v1alpha1 AppProject":
		obj = &argocd.AppProject{}
	case "apps/v1 Deployment":
		obj = &appsv1.Deployment{}
	case "v1 Service":
		obj = &corev1.Service{}
	case "v1 ServiceAccount":
		obj = &corev1.ServiceAccount{}
	case "networking.k8s.io/v1 Ingress":
		obj = &networkingv1.Ingress{}
	case "external-secrets.io/v1 ExternalSecret":
		obj = &externalSecret{}
	default:
		return nil, fmt.Errorf("unexpected kind %q %q: teach the conformance suite about it", tm.APIVersion, tm.Kind)
	}
	if err := strictDecode(data, obj); err != nil {
		return nil, fmt.Errorf("%s %s: %w", tm.APIVersion, tm.Kind, err)
	}
	return obj, nil
}
