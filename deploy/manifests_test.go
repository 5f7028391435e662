package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"
)

// decodeStrict turns YAML into JSON and decodes it into v, refusing unknown
// or misspelt fields, as `kubectl apply --validate=strict` would.
func decodeStrict(data []byte, v any) error {
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		return err
	}
	d := json.NewDecoder(bytes.NewReader(j))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// objects maps each manifest's kind to a new value of its type.
var objects = map[string]func() any{
	"Deployment":              func() any { return &appsv1.Deployment{} },
	"Service":                 func() any { return &corev1.Service{} },
	"HorizontalPodAutoscaler": func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"PodDisruptionBudget":     func() any { return &policyv1.PodDisruptionBudget{} },
}

// load decodes every manifest in this directory, keyed by kind/name.
func load(t *testing.T) map[string]any {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	out := map[string]any{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range strings.Split(string(data), "\n---\n") {
			var tm metav1.TypeMeta
			if err := yaml.Unmarshal([]byte(doc), &tm); err != nil {
				t.Fatalf("%s #%d: %v", f, i, err)
			}
			newObj, ok := objects[tm.Kind]
			if !ok {
				t.Fatalf("%s #%d: unexpected kind %q", f, i, tm.Kind)
			}
			obj := newObj()
			if err := decodeStrict([]byte(doc), obj); err != nil {
				t.Fatalf("%s #%d (%s): %v", f, i, tm.Kind, err)
			}
			name := obj.(metav1.Object).GetName()
			out[tm.Kind+"/"+name] = obj
		}
	}
	return out
}

func TestStrictDecodeRejectsTypos(t *testing.T) {
	bad := "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  portz: []\n"
	if err := decodeStrict([]byte(bad), &corev1.Service{}); err == nil {
		t.Fatal("a misspelt field decoded without error; the strict decoder checks nothing")
	}
}

func TestManifests(t *testing.T) {
	objs := load(t)
	for _, want := range []string{"Deployment/extractd", "Service/extractd", "Service/extractd-headless",
		"HorizontalPodAutoscaler/extractd", "PodDisruptionBudget/extractd"} {
		if objs[want] == nil {
			t.Errorf("no %s manifest", want)
		}
	}
	dep, ok := objs["Deployment/extractd"].(*appsv1.Deployment)
	if !ok {
		t.Fatal("no Deployment")
	}
	pod := dep.Spec.Template
	if !selects(dep.Spec.Selector.MatchLabels, pod.Labels) {
		t.Errorf("the Deployment's selector %v does not select its pods %v", dep.Spec.Selector.MatchLabels, pod.Labels)
	}
	if len(pod.Spec.Containers) != 1 {
		t.Fatalf("%d containers; want 1", len(pod.Spec.Containers))
	}
	c := pod.Spec.Containers[0]
	ports := map[string]int32{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	t.Run("ports match the listen addresses", func(t *testing.T) {
		for name, envName := range map[string]string{"grpc": "EXTRACTD_GRPC_ADDR", "http": "EXTRACTD_HTTP_ADDR", "admin": "EXTRACTD_ADMIN_ADDR"} {
			if got, want := env[envName].Value, fmt.Sprintf(":%d", ports[name]); ports[name] == 0 || got != want {
				t.Errorf("%s = %q; want %q to match port %s", envName, got, want, name)
			}
		}
	})
	t.Run("gRPC probes", func(t *testing.T) {
		for name, p := range map[string]*corev1.Probe{"readiness": c.ReadinessProbe, "liveness": c.LivenessProbe, "startup": c.StartupProbe} {
			if p == nil || p.GRPC == nil || p.GRPC.Port != ports["grpc"] {
				t.Errorf("%s probe %+v; want a gRPC health probe on port %d", name, p, ports["grpc"])
			}
		}
		if c.ReadinessProbe != nil && c.ReadinessProbe.GRPC != nil &&
			(c.ReadinessProbe.GRPC.Service == nil || *c.ReadinessProbe.GRPC.Service != "entityextraction.v1.EntityExtractionService") {
			t.Error("the readiness probe should ask for the extraction service's health")
		}
	})
	t.Run("resources", func(t *testing.T) {
		req, lim := c.Resources.Requests, c.Resources.Limits
		if req.Cpu().IsZero() || req.Memory().IsZero() || lim.Memory().IsZero() {
			t.Fatalf("requests %v limits %v; want CPU and memory requests and a memory limit", req, lim)
		}
		if lim.Memory().Cmp(*req.Memory()) < 0 {
			t.Error("memory limit below the request")
		}
		if lim.Memory().Cmp(resource.MustParse("512Mi")) < 0 {
			t.Errorf("memory limit %v leaves too little room above the measured peak RSS", lim.Memory())
		}
		// GOMEMLIMIT (Go's "1GiB" form) must sit below the limit, so that the
		// GC collects hard before the kernel kills the container.
		gml, err := resource.ParseQuantity(strings.TrimSuffix(env["GOMEMLIMIT"].Value, "B"))
		if err != nil || gml.IsZero() {
			t.Fatalf("GOMEMLIMIT %q: want a size like 1GiB (%v)", env["GOMEMLIMIT"].Value, err)
		}
		if gml.Cmp(*lim.Memory()) >= 0 {
			t.Errorf("GOMEMLIMIT %v is not below the memory limit %v", &gml, lim.Memory())
		}
		if env["EXTRACTD_MAX_INFLIGHT_BYTES"].Value == "" {
			t.Error("EXTRACTD_MAX_INFLIGHT_BYTES should bound the text in flight, which bounds memory")
		}
	})
	t.Run("security", func(t *testing.T) {
		psc, sc := pod.Spec.SecurityContext, c.SecurityContext
		if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || *psc.RunAsUser == 0 {
			t.Error("the pod must run as a non-root user")
		}
		if sc == nil || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
			sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation ||
			sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
			t.Errorf("container security context %+v; want a read-only root, no privilege escalation, no capabilities", sc)
		}
	})
	t.Run("graceful shutdown fits the grace period", func(t *testing.T) {
		grace := pod.Spec.TerminationGracePeriodSeconds
		drain, shutdown := duration(t, env["EXTRACTD_DRAIN_DELAY"].Value), duration(t, env["EXTRACTD_SHUTDOWN_TIMEOUT"].Value)
		if grace == nil || float64(*grace) <= drain+shutdown {
			t.Errorf("terminationGracePeriodSeconds %v must exceed drain delay %vs + shutdown timeout %vs", grace, drain, shutdown)
		}
		if s := dep.Spec.Strategy.RollingUpdate; s == nil || s.MaxUnavailable == nil || s.MaxUnavailable.IntValue() != 0 {
			t.Error("rolling updates should not take serving pods away before new ones are ready")
		}
	})
	t.Run("services", func(t *testing.T) {
		for _, name := range []string{"Service/extractd", "Service/extractd-headless"} {
			svc, ok := objs[name].(*corev1.Service)
			if !ok {
				continue
			}
			if !selects(svc.Spec.Selector, pod.Labels) {
				t.Errorf("%s selects %v, not the pods %v", name, svc.Spec.Selector, pod.Labels)
			}
			for _, p := range svc.Spec.Ports {
				if _, ok := ports[p.TargetPort.String()]; !ok {
					t.Errorf("%s port %s targets %q, which the container does not name", name, p.Name, p.TargetPort.String())
				}
			}
		}
		if h, ok := objs["Service/extractd-headless"].(*corev1.Service); ok && h.Spec.ClusterIP != corev1.ClusterIPNone {
			t.Error("extractd-headless must be headless (clusterIP: None) for client-side round robin")
		}
	})
	t.Run("autoscaler and disruption budget", func(t *testing.T) {
		hpa, ok := objs["HorizontalPodAutoscaler/extractd"].(*autoscalingv2.HorizontalPodAutoscaler)
		if !ok || hpa.Spec.ScaleTargetRef.Kind != "Deployment" || hpa.Spec.ScaleTargetRef.Name != dep.Name {
			t.Fatal("the HPA must target the Deployment")
		}
		if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
			t.Error("the HPA should keep at least 2 replicas")
		}
		pdb, ok := objs["PodDisruptionBudget/extractd"].(*policyv1.PodDisruptionBudget)
		if !ok || pdb.Spec.Selector == nil || !selects(pdb.Spec.Selector.MatchLabels, pod.Labels) {
			t.Fatal("the PDB must select the pods")
		}
		if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() >= int(*hpa.Spec.MinReplicas) {
			t.Error("the PDB's minAvailable must be below the minimum replicas, or nodes can never drain")
		}
	})
}

// selects reports whether a selector's labels are all in labels.
func selects(sel, labels map[string]string) bool {
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// duration parses a Go duration in seconds.
func duration(t *testing.T, s string) float64 {
	t.Helper()
	var d float64
	var unit string
	if _, err := fmt.Sscanf(s, "%g%s", &d, &unit); err != nil || unit != "s" {
		t.Fatalf("duration %q: want whole seconds like 5s", s)
	}
	return d
}
