package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/keepalive"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/server"
)

// Production is the part of the configuration about running under load and
// in the open: overload control, observability and security. Its zero value
// is the default configuration.
type Production struct {
	MaxConcurrent     int           // documents analysed at once by the whole server; 0: 2 × GOMAXPROCS
	MaxInflightBytes  int64         // bytes of text analysed at once by the whole server; 0: 2 MiB; negative: no byte budget
	MaxInflightBody   int64         // bytes of HTTP request bodies held at once; 0: 64 MiB; negative: no budget
	QueueTimeout      time.Duration // how long a document may wait for room before RESOURCE_EXHAUSTED; 0: 1s
	DrainDelay        time.Duration // on shutdown, how long to report NOT_SERVING before refusing new calls
	MaxConnectionAge  time.Duration // if set, gRPC connections are closed gracefully after about this long, so clients re-resolve and rebalance
	MaxStreams        int           // concurrent calls per gRPC connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS); 0: 100
	DisableMetrics    bool          // do not serve Prometheus metrics
	DisableReflection bool          // do not register gRPC server reflection
	AdminAddr         string        // if set, /metrics, /healthz and /readyz go to this plain-HTTP listener instead of the API port
	Pprof             bool          // serve net/http/pprof at /debug/pprof/ on the admin listener
	CORSOrigins       []string      // origins allowed to call the HTTP API from a browser ("*": any)

	TLSCert     string // PEM certificate chain for the gRPC and HTTP listeners; "" means plain text
	TLSKey      string // PEM private key of TLSCert
	TLSClientCA string // PEM CA bundle; if set, clients must present a certificate it signed (mutual TLS)

	AuthTokens []string // accepted bearer tokens; none means no token check
	AuthAll    bool     // with tokens, require one for /metrics, /openapi.json and the demo page too

	Memory // what bounds the memory of responses, bodies and slow clients (memory.go)
}

// registerProduction adds the production flags to f. Tokens are read after
// parsing, by the function it returns.
func registerProduction(f *flags, p *Production) (finish func() error) {
	f.Int(&p.MaxConcurrent, "max-concurrent", defaultMaxConcurrent(),
		"documents analysed at once by the whole server; more wait up to --queue-timeout, then get RESOURCE_EXHAUSTED/429")
	f.Int64(&p.MaxInflightBytes, "max-inflight-bytes", defaultMaxInflightBytes,
		"bytes of document text analysed at once by the whole server, which bounds memory (a larger document runs alone); 0: no byte budget")
	f.Int64(&p.MaxInflightBody, "max-inflight-body-bytes", defaultMaxInflightBody,
		"bytes of HTTP request bodies held at once, counted as they arrive; a body that finds no room within --queue-timeout gets 429; 0: no budget")
	f.Duration(&p.QueueTimeout, "queue-timeout", defaultQueueTimeout, "how long a document may wait for a free extraction slot")
	f.Duration(&p.DrainDelay, "drain-delay", 0,
		"on SIGTERM, how long to keep serving while health reports NOT_SERVING (lets load balancers stop routing here)")
	f.Int(&p.MaxStreams, "max-streams", defaultMaxStreams,
		"concurrent calls per gRPC connection; a client's further calls wait on its side. With --max-message-bytes it bounds the request bytes one connection can make the server hold")
	f.Duration(&p.MaxConnectionAge, "max-connection-age", 0,
		"close gRPC connections gracefully after about this long (0: never), so that clients behind a plain Service rebalance over new pods")
	var metrics, refl bool
	f.Bool(&metrics, "metrics", true, "serve Prometheus metrics at /metrics")
	f.Bool(&refl, "reflection", true, "register gRPC server reflection")
	f.String(&p.AdminAddr, "admin-addr", "",
		"plain-HTTP admin listener for /metrics, /healthz and /readyz; empty: /metrics and /healthz on --http-addr")
	f.Bool(&p.Pprof, "pprof", false, "serve Go profiles at /debug/pprof/ on --admin-addr (never on the API port)")
	var cors string
	f.String(&cors, "cors-origins", "", `comma-separated origins allowed to call the HTTP API from a browser, or "*"`)
	f.String(&p.TLSCert, "tls-cert", "", "PEM certificate (chain) file: serve gRPC and HTTP over TLS")
	f.String(&p.TLSKey, "tls-key", "", "PEM private key file of --tls-cert")
	f.String(&p.TLSClientCA, "tls-client-ca", "", "PEM CA bundle file: require client certificates signed by it (mutual TLS)")
	registerMemory(f, &p.Memory)
	var tokenFile string
	f.String(&tokenFile, "auth-tokens-file", "",
		"file of accepted bearer tokens, one per line; calls without one get UNAUTHENTICATED/401 (or list the tokens themselves, comma-separated, in "+envName("auth-tokens")+")")
	f.Bool(&p.AuthAll, "auth-all", false,
		"with bearer tokens, require one for /metrics, /openapi.json and the demo page too (health never needs one)")
	return func() error {
		p.DisableMetrics, p.DisableReflection = !metrics, !refl
		if p.MaxInflightBytes == 0 {
			p.MaxInflightBytes = -1 // the flag's 0 is "none"; the field's 0 is "default"
		}
		if p.MaxInflightBody == 0 {
			p.MaxInflightBody = -1
		}
		if p.MinBodyRate == 0 {
			p.MinBodyRate = -1
		}
		p.CORSOrigins = server.SplitList(cors)
		p.AuthTokens = server.ParseTokens(f.getenv(envName("auth-tokens")))
		if tokenFile != "" {
			b, err := os.ReadFile(tokenFile)
			if err != nil {
				return fmt.Errorf("--auth-tokens-file: %w", err)
			}
			toks := server.ParseTokens(string(b))
			if len(toks) == 0 {
				return fmt.Errorf("--auth-tokens-file %s holds no token", tokenFile)
			}
			p.AuthTokens = append(p.AuthTokens, toks...)
		}
		return p.validate()
	}
}

func (p Production) validate() error {
	switch {
	case p.MaxConcurrent <= 0:
		return errors.New("--max-concurrent must be positive")
	case p.MaxInflightBytes < -1:
		return errors.New("--max-inflight-bytes must not be negative")
	case p.MaxInflightBody < -1:
		return errors.New("--max-inflight-body-bytes must not be negative")
	case p.QueueTimeout <= 0:
		return errors.New("--queue-timeout must be positive")
	case p.Pprof && p.AdminAddr == "":
		return errors.New("--pprof needs --admin-addr")
	case p.WriteTimeout < 0, p.IdleTimeout < 0, p.KeepaliveTime < 0, p.KeepaliveTimeout < 0:
		return errors.New("--write-timeout, --idle-timeout, --keepalive-time and --keepalive-timeout must not be negative")
	case p.MaxConnections < 0, p.MaxResponseBytes < 0, p.MaxBatchResponseBytes < 0, p.MemoryLimit < 0:
		return errors.New("--max-connections, --max-response-bytes, --max-batch-response-bytes and --memory-limit must not be negative")
	case p.MaxStreams <= 0:
		return errors.New("--max-streams must be positive")
	case p.MaxConnectionAge < 0:
		return errors.New("--max-connection-age must not be negative")
	case p.DrainDelay < 0:
		return errors.New("--drain-delay must not be negative")
	case (p.TLSCert == "") != (p.TLSKey == ""):
		return errors.New("--tls-cert and --tls-key go together")
	case p.TLSClientCA != "" && p.TLSCert == "":
		return errors.New("--tls-client-ca needs --tls-cert and --tls-key")
	}
	return nil
}

// production is what run builds from [Production].
type production struct {
	metrics *server.Metrics // nil when metrics are off
	auth    *server.TokenAuth
	tls     *tlsSetup              // nil without TLS
	budget  *server.ResponseBudget // nil when responses are not budgeted
}

const (
	defaultQueueTimeout     = time.Second
	defaultMaxInflightBytes = 2 << 20
	defaultMaxInflightBody  = 64 << 20
	defaultMaxStreams       = 100
)

func defaultMaxConcurrent() int { return 2 * runtime.GOMAXPROCS(0) }

// withDefaults fills in the zero fields that have a non-zero default.
func (p Production) withDefaults() Production {
	if p.MaxConcurrent <= 0 {
		p.MaxConcurrent = defaultMaxConcurrent()
	}
	if p.QueueTimeout <= 0 {
		p.QueueTimeout = defaultQueueTimeout
	}
	if p.MaxInflightBytes == 0 {
		p.MaxInflightBytes = defaultMaxInflightBytes
	}
	if p.MaxInflightBody == 0 {
		p.MaxInflightBody = defaultMaxInflightBody
	}
	if p.MaxStreams <= 0 {
		p.MaxStreams = defaultMaxStreams
	}
	p.Memory = p.Memory.withDefaults()
	return p
}

func newProduction(p Production) (*production, error) {
	var out production
	if !p.DisableMetrics {
		out.metrics = server.NewMetrics()
	}
	if len(p.AuthTokens) > 0 {
		a, err := server.NewTokenAuth(p.AuthTokens)
		if err != nil {
			return nil, err
		}
		out.auth = a
	}
	if p.ResponseBudget > 0 {
		out.budget = server.NewResponseBudget(p.ResponseBudget, p.MaxResponseBytes, p.MaxBatchResponseBytes, p.QueueTimeout)
		out.metrics.AddResponseBudget(out.budget)
	}
	if p.TLSCert != "" {
		t, err := loadTLS(p.TLSCert, p.TLSKey, p.TLSClientCA)
		if err != nil {
			return nil, err
		}
		out.tls = t
	}
	return &out, nil
}

// grpcOptions are the server options beyond the service's own: the streams
// per connection, metrics (which see every call, refused ones included), then
// the token check, then the TLS credentials and the connection age.
func (pr *production) grpcOptions(p Production) []grpc.ServerOption {
	// grpc-go reads a call's whole request message before any handler runs,
	// so the byte budgets cannot refuse it unread; the stream limit bounds
	// what one connection can make the server hold to
	// --max-streams × --max-message-bytes.
	opts := []grpc.ServerOption{grpc.MaxConcurrentStreams(uint32(p.MaxStreams))}
	ka := keepalive.ServerParameters{
		MaxConnectionIdle: p.IdleTimeout,
		Time:              p.KeepaliveTime,
		Timeout:           p.KeepaliveTimeout,
	}
	if p.MaxConnectionAge > 0 {
		ka.MaxConnectionAge = p.MaxConnectionAge
		ka.MaxConnectionAgeGrace = max(p.MaxConnectionAge/10, 30*time.Second) // calls in flight finish
	}
	opts = append(opts, grpc.KeepaliveParams(ka), grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{
		MinTime:             minClientPing,
		PermitWithoutStream: true,
	}))
	if pr.budget != nil {
		opts = append(opts, grpc.StatsHandler(pr.budget.StatsHandler()))
	}
	if pr.metrics != nil {
		opts = append(opts, pr.metrics.ServerOptions()...)
	}
	if pr.auth != nil {
		opts = append(opts, pr.auth.ServerOptions()...)
	}
	if pr.tls != nil {
		opts = append(opts, grpc.Creds(pr.tls.grpcCreds()))
	}
	return opts
}

// httpHandler wraps the API handler with the budget of request bodies in
// flight (maxBody: the largest body), CORS and, when there is no admin
// listener, the metrics endpoint.
//
// From the outside in: metrics count every request; security headers;
// CORS answers preflight requests; the token is checked from the headers;
// responses are written under the write timeout and counted in the
// response budget; and the body is read into the body budget at no less
// than the minimum rate before the API sees it.
func (pr *production) httpHandler(api http.Handler, p Production, maxBody int) http.Handler {
	if p.MaxInflightBody > 0 {
		api = server.LimitBodies(api, server.BodyLimits{
			Budget: p.MaxInflightBody, MaxBody: int64(maxBody), Wait: p.QueueTimeout, MinRate: p.MinBodyRate})
	}
	api = pr.budget.HTTP(server.GuardWrites(api, p.WriteTimeout))
	if pr.metrics != nil && p.AdminAddr == "" {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", pr.metrics.Handler())
		mux.Handle("/", api)
		api = mux
	}
	if pr.auth != nil {
		api = pr.auth.HTTP(api, p.AuthAll)
	}
	return pr.metrics.InstrumentHTTP(server.SecureHeaders(server.CORS(api, p.CORSOrigins), pr.tls != nil))
}

// adminHandler serves /metrics; /healthz and /readyz from health (the
// gateway's handler, which asks the gRPC health service: 200 when SERVING,
// 503 while starting or draining); and /livez, 200 while the process runs.
func (pr *production) adminHandler(health http.Handler, p Production) http.Handler {
	mux := http.NewServeMux()
	if p.Pprof {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	}
	if pr.metrics != nil {
		mux.Handle("GET /metrics", pr.metrics.Handler())
	}
	mux.Handle("GET /healthz", health)
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		r2.URL.Path = "/healthz"
		health.ServeHTTP(w, r2)
	})
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("ok\n"))
	})
	return mux
}

// setHealth sets the status of the server as a whole ("") and of the
// extraction service.
func setHealth(hs *health.Server, st healthpb.HealthCheckResponse_ServingStatus) {
	hs.SetServingStatus("", st)
	hs.SetServingStatus(extractv1.EntityExtractionService_ServiceDesc.ServiceName, st)
}

// warmUp analyses a short document once before the listeners open, so that
// work done on first use (lazily built tables, page faults in the model) is
// not paid by the first caller. A failure is only logged: real calls will
// report it.
func warmUp(ex server.Extractor, log *slog.Logger) {
	start := time.Now()
	const text = `"Prices rose 3%," said Anna Smith of Acme Corp. in London on Monday, citing $1.5 million in costs.`
	if _, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: text}, extractor.AllFeatures); err != nil {
		log.Warn("warm-up extraction failed", "err", err)
		return
	}
	log.Debug("warmed up", "duration_ms", float64(time.Since(start).Microseconds())/1000)
}
