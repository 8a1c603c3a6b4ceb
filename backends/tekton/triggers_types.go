package tekton

import "github.com/pipec-dev/pipec/backends/internal/kube"

// Tekton Triggers triggers.tekton.dev/v1beta1 (Triggers v0.36), by JSON name.

type eventListener = kube.Object[eventListenerSpec]

type eventListenerSpec struct {
	ServiceAccountName string      `json:"serviceAccountName"`
	Triggers           []elTrigger `json:"triggers"`
}

type elTrigger struct {
	Name         string               `json:"name"`
	Interceptors []triggerInterceptor `json:"interceptors,omitempty"`
	Bindings     []bindingRef         `json:"bindings"`
	Template     templateRef          `json:"template"`
}

type triggerInterceptor struct {
	Name   string             `json:"name,omitempty"`
	Ref    interceptorRef     `json:"ref"`
	Params []interceptorParam `json:"params,omitempty"`
}

type interceptorRef struct {
	Name string `json:"name"`
	Kind string `json:"kind,omitempty"`
}

// interceptorParam's Value is arbitrary JSON in Triggers; pipec only puts
// strings, string lists and secretRef objects there.
type interceptorParam struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

type webhookSecretRef struct {
	SecretName string `json:"secretName"`
	SecretKey  string `json:"secretKey"`
}

type bindingRef struct {
	Ref  string `json:"ref"`
	Kind string `json:"kind,omitempty"`
}

type templateRef struct {
	Ref string `json:"ref"`
}

type triggerBinding = kube.Object[triggerBindingSpec]

type triggerBindingSpec struct {
	Params []param `json:"params"`
}

type triggerTemplate = kube.Object[triggerTemplateSpec]

type triggerTemplateSpec struct {
	Params            []paramSpec   `json:"params"`
	ResourceTemplates []pipelineRun `json:"resourcetemplates"`
}
