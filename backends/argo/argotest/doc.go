// Package argotest holds hand-built Programs that exercise the Argo
// backend beyond the seed spec. The backend's golden tests and the
// conformance module (conformance/argo) both run them.
package argotest
