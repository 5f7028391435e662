package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// get fetches url with client and returns the status and body.
func get(t *testing.T, client *http.Client, url string, header ...string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func TestMetrics(t *testing.T) {
	ts := start(t, testConfig(), nil)
	if _, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."}); err != nil {
		t.Fatal(err)
	}
	ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: " "}) // InvalidArgument
	ts.post(t, "/v1/extract", []byte(`{"text":"`+strings.Repeat("a", 9000)+`"}`)) // 413 before the gateway
	code, body, _ := get(t, http.DefaultClient, ts.url+"/metrics")
	if code != 200 {
		t.Fatalf("GET /metrics = %d", code)
	}
	for _, want := range []string{
		`grpc_server_handled_total{grpc_code="OK",grpc_method="Extract",grpc_service="entityextraction.v1.EntityExtractionService",grpc_type="unary"} 1`,
		`grpc_server_handled_total{grpc_code="InvalidArgument",grpc_method="Extract",grpc_service="entityextraction.v1.EntityExtractionService",grpc_type="unary"} 1`,
		`grpc_server_handling_seconds_bucket{grpc_method="Extract"`,
		`grpc_server_started_total{grpc_method="BatchExtract"`, // initialised at zero
		`extractd_extraction_duration_seconds_count{outcome="ok"} 1`,
		`extractd_extraction_duration_seconds_count{outcome="invalid"} 1`,
		`extractd_document_bytes_count 1`,
		`extractd_stage_duration_seconds_count{stage="ner"} 1`,
		`extractd_stage_duration_seconds_count{stage="money"} 1`,
		`extractd_extractions_in_flight 0`,
		`extractd_extractions_rejected_total 0`,
		`extractd_http_requests_total{code="413",method="post"} 1`,
		`process_resident_memory_bytes`,
		`go_goroutines`,
		`extractd_model_info{name="embedded",sha256="` + embeddedSHA256(t) + `"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, "Merkel") {
		t.Error("/metrics contains document text")
	}
}

func TestMetricsOffAndAdminPort(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		cfg := testConfig()
		cfg.DisableMetrics, cfg.DisableReflection = true, true
		ts := start(t, cfg, nil)
		if code, _, _ := get(t, http.DefaultClient, ts.url+"/metrics"); code != http.StatusNotFound {
			t.Errorf("GET /metrics with metrics off = %d; want 404", code)
		}
		rc, err := reflectionpb.NewServerReflectionClient(ts.conn).ServerReflectionInfo(context.Background())
		if err == nil {
			_, err = rc.Recv()
		}
		if status.Code(err) != codes.Unimplemented {
			t.Errorf("reflection with --reflection=false: %v; want Unimplemented", err)
		}
	})
	t.Run("admin", func(t *testing.T) {
		cfg := testConfig()
		cfg.AdminAddr, cfg.Pprof = freeAddr(t), true
		ts := start(t, cfg, nil)
		admin := "http://" + cfg.AdminAddr
		waitFor(t, func() bool {
			c, err := net.Dial("tcp", cfg.AdminAddr)
			if err == nil {
				c.Close()
			}
			return err == nil
		})
		if code, _, _ := get(t, http.DefaultClient, ts.url+"/metrics"); code != http.StatusNotFound {
			t.Errorf("GET /metrics on the API port with an admin port = %d; want 404", code)
		}
		for _, path := range []string{"/metrics", "/healthz", "/readyz", "/livez", "/debug/pprof/"} {
			if code, _, _ := get(t, http.DefaultClient, admin+path); code != 200 {
				t.Errorf("GET admin %s = %d; want 200", path, code)
			}
		}
		if code, _, _ := get(t, http.DefaultClient, admin+"/v1/extract"); code == 200 {
			t.Error("the admin port serves the API")
		}
		if code, _, _ := get(t, http.DefaultClient, ts.url+"/debug/pprof/"); code == 200 {
			t.Error("the API port serves pprof")
		}
	})
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestOverload(t *testing.T) {
	ex := &blockingExtractor{release: make(chan struct{})}
	cfg := testConfig()
	cfg.MaxConcurrent, cfg.QueueTimeout = 1, 30*time.Millisecond
	ts := start(t, cfg, ex)
	held := make(chan error, 1)
	go func() {
		_, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "holds the only slot"})
		held <- err
	}()
	waitFor(t, func() bool { return ex.started.Load() == 1 })

	_, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "one too many"})
	if st := status.Convert(err); st.Code() != codes.ResourceExhausted || !strings.Contains(st.Message(), "busy") {
		t.Errorf("gRPC Extract over the cap = %v; want ResourceExhausted saying the server is busy", err)
	}
	if code, body := ts.post(t, "/v1/extract", []byte(`{"text":"one too many"}`)); code != http.StatusTooManyRequests {
		t.Errorf("POST /v1/extract over the cap = %d %s; want 429", code, body)
	}
	close(ex.release)
	if err := <-held; err != nil {
		t.Errorf("the call holding the slot: %v", err)
	}
	if _, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "after"}); err != nil {
		t.Errorf("Extract after the overload: %v", err)
	}
}

// TestMaxStreams checks that a connection gets at most --max-streams calls
// at once: the next one waits on the client's side, not in the server.
func TestMaxStreams(t *testing.T) {
	cfg := testConfig()
	cfg.MaxStreams = 1
	ts := start(t, cfg, nil)
	ctx := context.Background()
	if _, err := ts.client.Extract(ctx, &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."}); err != nil {
		t.Fatal(err) // the connection and its settings are up
	}
	stream, err := ts.client.ExtractStream(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&extractv1.ExtractStreamRequest{Request: &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."}}); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != nil {
		t.Fatal(err) // the stream holds the connection's only slot
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := ts.client.Extract(short, &extractv1.ExtractRequest{Text: "waits"}); status.Code(err) != codes.DeadlineExceeded {
		t.Errorf("Extract while the only stream is open = %v; want DeadlineExceeded", err)
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatal(err)
	}
	if _, err := stream.Recv(); err != io.EOF {
		t.Fatalf("end of stream = %v", err)
	}
	if _, err := ts.client.Extract(ctx, &extractv1.ExtractRequest{Text: "after"}); err != nil {
		t.Errorf("Extract after the stream closed: %v", err)
	}
}

func TestBearerTokens(t *testing.T) {
	cfg := testConfig()
	cfg.AuthTokens = []string{"old-token", "s3cret"}
	ts := start(t, cfg, nil)
	req := &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."}
	tests := []struct {
		name   string
		header string // authorization value; "" for none
		want   codes.Code
		status int
	}{
		{"none", "", codes.Unauthenticated, 401},
		{"wrong", "Bearer nope", codes.Unauthenticated, 401},
		{"not bearer", "Basic czNjcmV0", codes.Unauthenticated, 401},
		{"prefix of a token", "Bearer s3c", codes.Unauthenticated, 401},
		{"good", "Bearer s3cret", codes.OK, 200},
		{"other good, lower-case scheme", "bearer old-token", codes.OK, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			var hdr []string
			if tt.header != "" {
				ctx = metadata.AppendToOutgoingContext(ctx, "authorization", tt.header)
				hdr = []string{"Authorization", tt.header}
			}
			if _, err := ts.client.Extract(ctx, req); status.Code(err) != tt.want {
				t.Errorf("gRPC Extract = %v; want %v", err, tt.want)
			}
			if code, body := ts.post(t, "/v1/extract", []byte(`{"text":"Angela Merkel visited Paris."}`), hdr...); code != tt.status {
				t.Errorf("POST /v1/extract = %d %s; want %d", code, body, tt.status)
			}
		})
	}
	t.Run("health needs no token", func(t *testing.T) {
		h, err := healthpb.NewHealthClient(ts.conn).Check(context.Background(), &healthpb.HealthCheckRequest{})
		if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("health without a token = %v, %v; want SERVING", h, err)
		}
		if code, _, _ := get(t, http.DefaultClient, ts.url+"/healthz"); code != 200 {
			t.Errorf("GET /healthz without a token = %d; want 200", code)
		}
	})
}

func TestCORS(t *testing.T) {
	cfg := testConfig()
	cfg.CORSOrigins = []string{"https://app.example"}
	ts := start(t, cfg, nil)
	preflight := func(origin string) (int, http.Header) {
		req, _ := http.NewRequest(http.MethodOptions, ts.url+"/v1/extract", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type,authorization")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header
	}
	code, h := preflight("https://app.example")
	if code != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "https://app.example" ||
		!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight from an allowed origin = %d %v", code, h)
	}
	if _, h := preflight("https://evil.example"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin allowed: %v", h)
	}
	_, _, h = get(t, http.DefaultClient, ts.url+"/healthz", "Origin", "https://app.example")
	if h.Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("GET with an allowed Origin lacks Access-Control-Allow-Origin: %v", h)
	}
}

func TestDrainReportsNotServing(t *testing.T) {
	cfg := testConfig()
	cfg.DrainDelay = time.Second
	ts := start(t, cfg, nil)
	hc := healthpb.NewHealthClient(ts.conn)
	waitFor(t, func() bool { // SERVING once the listeners serve
		h, err := hc.Check(context.Background(), &healthpb.HealthCheckRequest{})
		return err == nil && h.GetStatus() == healthpb.HealthCheckResponse_SERVING
	})
	ts.stop()
	waitFor(t, func() bool {
		h, err := hc.Check(context.Background(), &healthpb.HealthCheckRequest{})
		return err == nil && h.GetStatus() == healthpb.HealthCheckResponse_NOT_SERVING
	})
	// During the drain delay calls are still served.
	if _, err := ts.client.Extract(context.Background(), &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."}); err != nil {
		t.Errorf("Extract while draining: %v", err)
	}
	if code, _, _ := get(t, http.DefaultClient, ts.url+"/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("GET /healthz while draining = %d; want 503", code)
	}
}

// pki is a throwaway CA with a server and a client certificate, written to
// PEM files in a temporary directory.
type pki struct {
	dir                           string
	caFile, serverCert, serverKey string
	clientCert                    tls.Certificate
	pool                          *x509.CertPool
	otherClient                   tls.Certificate // signed by another CA
}

func newPKI(t *testing.T) *pki {
	t.Helper()
	p := &pki{dir: t.TempDir(), pool: x509.NewCertPool()}
	ca, caKey := selfSigned(t, "test CA")
	p.pool.AddCert(ca)
	p.caFile = writePEM(t, p.dir, "ca.pem", "CERTIFICATE", ca.Raw)
	srvDER, srvKey := issue(t, ca, caKey, "localhost", x509.ExtKeyUsageServerAuth)
	p.serverCert = writePEM(t, p.dir, "server.pem", "CERTIFICATE", srvDER)
	kb, err := x509.MarshalPKCS8PrivateKey(srvKey)
	if err != nil {
		t.Fatal(err)
	}
	p.serverKey = writePEM(t, p.dir, "server-key.pem", "PRIVATE KEY", kb)
	cliDER, cliKey := issue(t, ca, caKey, "client", x509.ExtKeyUsageClientAuth)
	p.clientCert = tls.Certificate{Certificate: [][]byte{cliDER}, PrivateKey: cliKey}
	other, otherKey := selfSigned(t, "other CA")
	oDER, oKey := issue(t, other, otherKey, "intruder", x509.ExtKeyUsageClientAuth)
	p.otherClient = tls.Certificate{Certificate: [][]byte{oDER}, PrivateKey: oKey}
	return p
}

func selfSigned(t *testing.T, cn string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

func issue(t *testing.T, ca *x509.Certificate, caKey *ecdsa.PrivateKey, cn string, usage x509.ExtKeyUsage) ([]byte, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage},
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return der, key
}

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTLS(t *testing.T) {
	p := newPKI(t)
	tests := []struct {
		name   string
		mutual bool
		cert   *tls.Certificate // the client's certificate, if any
		wantOK bool
	}{
		{"TLS", false, nil, true},
		{"mutual TLS with a good client certificate", true, &p.clientCert, true},
		{"mutual TLS without a client certificate", true, nil, false},
		{"mutual TLS with a certificate of another CA", true, &p.otherClient, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.TLSCert, cfg.TLSKey = p.serverCert, p.serverKey
			if tt.mutual {
				cfg.TLSClientCA = p.caFile
			}
			ts := start(t, cfg, nil)
			clientTLS := &tls.Config{RootCAs: p.pool, ServerName: "localhost"}
			if tt.cert != nil {
				clientTLS.Certificates = []tls.Certificate{*tt.cert}
			}
			target := strings.TrimPrefix(ts.conn.Target(), "dns:///")
			conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(credentials.NewTLS(clientTLS)))
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, err = extractv1.NewEntityExtractionServiceClient(conn).Extract(ctx, &extractv1.ExtractRequest{Text: "Angela Merkel visited Paris."})
			if (err == nil) != tt.wantOK {
				t.Errorf("gRPC over TLS: %v; want success %v", err, tt.wantOK)
			}

			hc := &http.Client{Transport: &http.Transport{TLSClientConfig: clientTLS}, Timeout: 10 * time.Second}
			url := strings.Replace(ts.url, "http://", "https://", 1) + "/v1/extract"
			resp, err := hc.Post(url, "application/json", strings.NewReader(`{"text":"Angela Merkel visited Paris."}`))
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					err = &httpError{resp.StatusCode, string(b)}
				}
				if h := resp.Header.Get("Strict-Transport-Security"); h == "" {
					t.Error("HTTPS response without Strict-Transport-Security")
				}
			}
			if (err == nil) != tt.wantOK {
				t.Errorf("HTTPS POST: %v; want success %v", err, tt.wantOK)
			}

			// Plain text is refused on both ports.
			plain, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
			if err != nil {
				t.Fatal(err)
			}
			defer plain.Close()
			pctx, pcancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer pcancel()
			if _, err := extractv1.NewEntityExtractionServiceClient(plain).Extract(pctx, &extractv1.ExtractRequest{Text: "a"}); err == nil {
				t.Error("plain-text gRPC succeeded on the TLS port")
			}
			if resp, err := http.Post(ts.url+"/v1/extract", "application/json", strings.NewReader(`{"text":"a"}`)); err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					t.Error("plain-text HTTP succeeded on the TLS port")
				}
			}
		})
	}
}

type httpError struct {
	code int
	body string
}

func (e *httpError) Error() string { return http.StatusText(e.code) + ": " + e.body }

func TestParseProductionConfig(t *testing.T) {
	dir := t.TempDir()
	tokens := filepath.Join(dir, "tokens")
	if err := os.WriteFile(tokens, []byte("# comment\nfile-token\n\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		env     func(string) string
		check   func(Production) bool
		wantErr string
	}{
		{"defaults", nil, envOf(), func(p Production) bool {
			return p.MaxConcurrent == defaultMaxConcurrent() && p.QueueTimeout == time.Second && p.MaxInflightBytes == 2<<20 && p.MaxInflightBody == 64<<20 &&
				p.MaxStreams == 100 && !p.DisableMetrics && !p.DisableReflection && len(p.AuthTokens) == 0
		}, ""},
		{"flags", []string{"--max-concurrent=3", "--queue-timeout=250ms", "--metrics=false", "--reflection=false",
			"--cors-origins=https://a.example, https://b.example", "--drain-delay=5s", "--admin-addr=:9091",
			"--max-inflight-bytes=0", "--max-connection-age=5m", "--max-inflight-body-bytes=0", "--max-streams=8"}, envOf(),
			func(p Production) bool {
				return p.MaxStreams == 8 && p.MaxInflightBytes < 0 && p.MaxInflightBody < 0 && p.MaxConnectionAge == 5*time.Minute && p.MaxConcurrent == 3 && p.QueueTimeout == 250*time.Millisecond && p.DisableMetrics &&
					p.DisableReflection && len(p.CORSOrigins) == 2 && p.DrainDelay == 5*time.Second && p.AdminAddr == ":9091"
			}, ""},
		{"env", nil, envOf("EXTRACTD_MAX_CONCURRENT", "7", "EXTRACTD_MAX_INFLIGHT_BYTES", "1000", "EXTRACTD_QUEUE_TIMEOUT", "2s", "EXTRACTD_METRICS", "false",
			"EXTRACTD_AUTH_TOKENS", "a,b", "EXTRACTD_AUTH_TOKENS_FILE", tokens, "EXTRACTD_MAX_STREAMS", "9"),
			func(p Production) bool {
				return p.MaxStreams == 9 && p.MaxConcurrent == 7 && p.MaxInflightBytes == 1000 && p.QueueTimeout == 2*time.Second && p.DisableMetrics &&
					strings.Join(p.AuthTokens, " ") == "a b file-token"
			}, ""},
		{"memory limits", []string{"--response-budget-bytes=4096", "--max-response-bytes=1000", "--write-timeout=3s", "--min-body-rate=0", "--auth-all", "--max-connections=5"},
			envOf("EXTRACTD_MAX_BATCH_RESPONSE_BYTES", "2000", "EXTRACTD_KEEPALIVE_TIME", "1m", "EXTRACTD_MEMORY_LIMIT", "1048576"),
			func(p Production) bool {
				m := p.Memory
				return m.ResponseBudget == 4096 && m.MaxResponseBytes == 1000 && m.MaxBatchResponseBytes == 2000 && m.WriteTimeout == 3*time.Second &&
					m.MinBodyRate < 0 && p.AuthAll && m.MaxConnections == 5 && m.KeepaliveTime == time.Minute && m.MemoryLimit == 1<<20
			}, ""},
		{"negative write timeout", []string{"--write-timeout=-1s"}, envOf(), nil, "--write-timeout"},
		{"zero concurrency", []string{"--max-concurrent=0"}, envOf(), nil, "--max-concurrent"},
		{"zero streams", []string{"--max-streams=0"}, envOf(), nil, "--max-streams"},
		{"bad env integer", nil, envOf("EXTRACTD_MAX_STREAMS", "many"), nil, "EXTRACTD_MAX_STREAMS"},
		{"bad env bool", nil, envOf("EXTRACTD_REFLECTION", "maybe"), nil, "EXTRACTD_REFLECTION"},
		{"cert without key", []string{"--tls-cert=x.pem"}, envOf(), nil, "--tls-key"},
		{"client CA without cert", []string{"--tls-client-ca=ca.pem"}, envOf(), nil, "--tls-client-ca"},
		{"pprof without admin port", []string{"--pprof"}, envOf(), nil, "--pprof"},
		{"missing token file", []string{"--auth-tokens-file=" + filepath.Join(dir, "none")}, envOf(), nil, "--auth-tokens-file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseConfig(tt.args, tt.env, io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("parseConfig(%q) = %v; want an error about %s", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(cfg.Production) {
				t.Errorf("parseConfig(%q) = %+v", tt.args, cfg.Production)
			}
		})
	}
}

func TestHTTPBodyBudget(t *testing.T) {
	ex := &blockingExtractor{release: make(chan struct{})}
	cfg := testConfig()
	cfg.MaxInflightBody, cfg.QueueTimeout = 100, 30*time.Millisecond
	ts := start(t, cfg, ex)
	held := make(chan int, 1)
	go func() {
		code, _ := ts.post(t, "/v1/extract", []byte(`{"text":"`+strings.Repeat("a", 60)+`"}`)) // 71 of 100 bytes
		held <- code
	}()
	waitFor(t, func() bool { return ex.started.Load() == 1 })
	code, body := ts.post(t, "/v1/extract", []byte(`{"text":"`+strings.Repeat("b", 30)+`"}`)) // 41 bytes: no room
	if code != http.StatusTooManyRequests || !strings.Contains(string(body), "request bodies") {
		t.Errorf("POST over the body budget = %d %s; want 429 about request bodies", code, body)
	}
	close(ex.release)
	if code := <-held; code != 200 {
		t.Errorf("the request holding the budget = %d; want 200", code)
	}
}
