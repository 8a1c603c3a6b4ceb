package tekton

// Tekton Triggers triggers.tekton.dev/v1beta1 (Triggers v0.36), by JSON name.

type eventListener struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Metadata   objectMeta        `json:"metadata"`
	Spec       eventListenerSpec `json:"spec"`
}

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

type triggerBinding struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   objectMeta         `json:"metadata"`
	Spec       triggerBindingSpec `json:"spec"`
}

type triggerBindingSpec struct {
	Params []param `json:"params"`
}

type triggerTemplate struct {
	APIVersion string              `json:"apiVersion"`
	Kind       string              `json:"kind"`
	Metadata   objectMeta          `json:"metadata"`
	Spec       triggerTemplateSpec `json:"spec"`
}

type triggerTemplateSpec struct {
	Params            []paramSpec   `json:"params"`
	ResourceTemplates []pipelineRun `json:"resourcetemplates"`
}

// externalSecret is external-secrets.io/v1 ExternalSecret.
type externalSecret struct {
	APIVersion string             `json:"apiVersion"`
	Kind       string             `json:"kind"`
	Metadata   objectMeta         `json:"metadata"`
	Spec       externalSecretSpec `json:"spec"`
}

type externalSecretSpec struct {
	RefreshInterval string               `json:"refreshInterval"`
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
