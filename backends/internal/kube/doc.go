// Package kube owns the Kubernetes and External Secrets Operator types that
// more than one backend writes: the object envelope (apiVersion, kind,
// metadata, spec), ObjectMeta, env vars read from Secrets, volumes, the
// container and pod security contexts, and ExternalSecret with its builder.
//
// Field names and JSON tags mirror k8s.io/api and external-secrets.io/v1;
// only fields some backend sets exist, and every optional one is omitempty,
// so a backend that does not set a field never prints it. Types one
// backend alone writes (Tekton Tasks, Argo Rollouts and Applications,
// Deployments, Services, probes, ports) stay in that backend.
//
// It imports only the standard library, so that any backend may use it
// without depending on the IR or on another backend.
package kube
