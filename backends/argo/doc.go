// Package argo is pipec's GitOps backend. From the environments, workloads
// and analyses of a Program it writes the tree that Argo CD syncs:
//
//   - deploy/<gitops.path>/base: one Deployment or Argo Rollout per
//     workload, with its ServiceAccount, Service and Ingress, every pod
//     passing the Kubernetes "restricted" Pod Security Standard;
//   - deploy/<gitops.path>/overlays/<env>: the Kustomize overlay of each
//     environment (namespace, image digest, replicas, env and host
//     overrides, rollout strategy), the AnalysisTemplates the environment
//     uses, blue-green preview Services, the canary Services and Ingress
//     settings of traffic routing (NGINX or ALB), an Ingress that only the
//     environment's host asks for, and ExternalSecrets;
//   - deploy/argocd: one Argo CD Application per environment and, unless
//     the spec asks for the "default" project, a least-privilege AppProject.
//
// Objects are built from the small typed structs in this package, whose
// JSON tags mirror the upstream APIs, and marshalled with backends/internal/yamlout.
// The upstream types and validators are used only by the conformance module
// (conformance/argo), so the pipec binary stays small.
package argo
