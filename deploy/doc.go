// Package deploy holds the Kubernetes manifests of extractd (*.yaml) and a
// test that decodes each of them strictly into its k8s.io/api type and
// checks the settings the service relies on. It is a module of its own so
// that the main module does not depend on k8s.io/api.
//
//	cd deploy && go test ./...
package deploy
