// Command extractd serves the entity-extraction API over gRPC and HTTP/JSON.
//
// Usage:
//
//	extractd [flags]
//
// Every flag can also be set with an environment variable: EXTRACTD_ and the
// flag's name in capitals with underscores (--max-text-bytes is
// EXTRACTD_MAX_TEXT_BYTES); a flag on the command line wins over the
// environment. Run `extractd -h` for the list. extractd stops on SIGINT or
// SIGTERM after finishing the calls in flight (at most --shutdown-timeout).
// With --dictionary, SIGHUP (or POST /dictionary/reload at --admin-addr)
// reloads the dictionary files; a file that no longer loads is logged and
// the old dictionary stays.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	stdlog "log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/grpclog"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/ner"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
	"github.com/entityextraction/extractd/server"
	"github.com/entityextraction/extractd/server/web"
	"github.com/entityextraction/extractd/version"
)

// Config is everything extractd can be told on its command line.
type Config struct {
	GRPCAddr         string        // address of the gRPC listener
	HTTPAddr         string        // address of the HTTP/JSON listener
	MaxTextBytes     int           // the longest document text, in bytes
	MaxMessageBytes  int           // the largest gRPC request message or HTTP body, in bytes
	MaxBatchSize     int           // the most documents in one BatchExtract call
	Workers          int           // documents analysed at once by one batch or stream call
	ModelPath        string        // NER model file; "" means the embedded model
	LogLevel         slog.Level    // the least important log level written
	ShutdownTimeout  time.Duration // how long to wait for calls in flight on shutdown
	Demo             bool          // serve the demo page at /
	DictionaryConfig               // the user's dictionaries (dictionary.go)
	Version          bool          // print the version and the model, and exit
	Production                     // overload control, observability and security (production.go)
}

// parseConfig reads the configuration from args (without the program name),
// with defaults from the environment through getenv.
func parseConfig(args []string, getenv func(string) string, errOut io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("extractd", flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprint(errOut, "extractd serves entity extraction (people, organizations, places, money and quotes in\n"+
			"news text) over gRPC and HTTP/JSON, with a demo page.\n\n"+
			"Usage: extractd [flags]\n\n"+
			"Every flag but --version can also be set through the environment variable named after it.\n\n")
		fs.PrintDefaults()
	}
	f := &flags{fs: fs, getenv: getenv}
	finish := cfg.bind(f)
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if f.err != nil {
		return cfg, f.err
	}
	if err := finish(); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if cfg.Version {
		return cfg, nil
	}
	return cfg, cfg.validate()
}

// bind adds the flags of cfg to f, each with its EXTRACTD_* environment
// variable; the function it returns completes cfg once they are parsed.
// A new setting is one line here or in [registerProduction].
func (cfg *Config) bind(f *flags) (finish func() error) {
	f.String(&cfg.GRPCAddr, "grpc-addr", ":9090", "gRPC listen address")
	f.String(&cfg.HTTPAddr, "http-addr", ":8080", "HTTP/JSON listen address")
	f.Int(&cfg.MaxTextBytes, "max-text-bytes", extractor.DefaultMaxTextBytes,
		"longest document text in bytes; longer is INVALID_ARGUMENT/400")
	f.Int(&cfg.MaxMessageBytes, "max-message-bytes", 16<<20,
		"largest gRPC request message or HTTP body in bytes; larger is RESOURCE_EXHAUSTED/413")
	f.Int(&cfg.MaxBatchSize, "max-batch-size", server.DefaultMaxBatchSize, "most documents in one BatchExtract call")
	f.Int(&cfg.Workers, "workers", runtime.GOMAXPROCS(0), "documents analysed at once by one batch or stream call")
	f.String(&cfg.ModelPath, "model", "", "NER model file to load instead of the embedded model")
	f.Text(&cfg.LogLevel, "log-level", slog.LevelInfo, "least important `level` logged: debug, info, warn or error")
	f.Duration(&cfg.ShutdownTimeout, "shutdown-timeout", 30*time.Second, "how long to let calls in flight finish on SIGINT/SIGTERM")
	f.Bool(&cfg.Demo, "demo", true, "serve the demo page at /; --demo=false turns it off")
	f.List(&cfg.DictionaryFiles, "dictionary", "dictionary file of your own names and patterns (JSON Lines, TSV or CSV; docs/DICTIONARIES.md), reloaded on SIGHUP and on POST /dictionary/reload at --admin-addr")
	f.Bool(&cfg.DictionarySkip, "dictionary-skip-bad", false, "start with the good lines of a dictionary that has bad ones, logging each bad one, instead of refusing to start")
	f.fs.BoolVar(&cfg.Version, "version", false, "print the version, the revision and the model's identity, and exit (command line only)")
	return registerProduction(f, &cfg.Production)
}

// messageOverhead is the room a request message needs beyond its text.
const messageOverhead = 4 << 10

func (c Config) validate() error {
	switch {
	case c.MaxTextBytes <= 0:
		return errors.New("--max-text-bytes must be positive")
	case c.MaxMessageBytes < c.MaxTextBytes+messageOverhead:
		return fmt.Errorf("--max-message-bytes (%d) must be at least --max-text-bytes + %d (%d), so that a text just over its limit gets a clear INVALID_ARGUMENT",
			c.MaxMessageBytes, messageOverhead, c.MaxTextBytes+messageOverhead)
	case c.MaxBatchSize <= 0:
		return errors.New("--max-batch-size must be positive")
	case c.Workers <= 0:
		return errors.New("--workers must be positive")
	}
	return nil
}

func main() {
	cfg, err := parseConfig(os.Args[1:], os.Getenv, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "extractd:", err)
		os.Exit(2)
	}
	if cfg.Version {
		ex, err := newExtractor(cfg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "extractd:", err)
			os.Exit(1)
		}
		fmt.Print(version.String("extractd", ex.ModelIdentity()))
		return
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel}))
	grpclog.SetLoggerV2(grpcLogger{log})
	if err := serve(cfg, log); err != nil {
		log.Error("extractd failed", "err", err)
		os.Exit(1)
	}
}

// serve loads the model, opens the listeners and serves until SIGINT or
// SIGTERM.
func serve(cfg Config, log *slog.Logger) error {
	setSoftMemoryLimit(cfg.MemoryLimit, os.Getenv("GOMEMLIMIT"), log)
	ex, err := newExtractor(cfg)
	if err != nil {
		return err
	}
	if err := loadDictionaries(cfg, ex, log); err != nil {
		return err
	}
	warmUp(ex, log)
	grpcLis, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		return err
	}
	defer grpcLis.Close()
	httpLis, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return err
	}
	defer httpLis.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, cfg, ex, grpcLis, httpLis, log)
}

func newExtractor(cfg Config) (*extractor.Extractor, error) {
	opts := []extractor.Option{extractor.WithMaxTextBytes(cfg.MaxTextBytes)}
	if cfg.ModelPath != "" {
		m, err := ner.LoadFile(cfg.ModelPath)
		if err != nil {
			return nil, fmt.Errorf("loading the model: %w", err)
		}
		opts = append(opts, extractor.WithModel(m))
	}
	return extractor.New(opts...)
}

// run serves the API with ex on the two listeners (and the admin listener of
// cfg.AdminAddr, if any) until ctx ends, then shuts down gracefully: health
// turns NOT_SERVING while calls are still served for cfg.DrainDelay, the HTTP
// server stops accepting and finishes its requests, then the gRPC server
// finishes its calls; after cfg.ShutdownTimeout whatever is left is cut off.
// Health is NOT_SERVING until the listeners serve. run closes the listeners.
func run(ctx context.Context, cfg Config, ex server.Extractor, grpcLis, httpLis net.Listener, log *slog.Logger) error {
	// Closing a listener twice is harmless: the servers close them too.
	defer grpcLis.Close()
	defer httpLis.Close()
	cfg.Production = cfg.Production.withDefaults()
	// The dictionaries are reloaded into the extractor itself, under the
	// wrappers below.
	dicts := startReloads(ctx, cfg, ex, log)
	pr, err := newProduction(cfg.Production)
	if err != nil {
		return err
	}
	svcOpts := []server.Option{server.WithMaxBatchSize(cfg.MaxBatchSize), server.WithWorkers(cfg.Workers),
		server.WithResponseBudget(pr.budget), server.WithLogger(log)}
	dicts.register(pr.metrics)
	model := modelOf(ex)
	if model.SHA256 != "" {
		pr.metrics.SetModel(model.Name, model.SHA256)
		svcOpts = append(svcOpts, server.WithModel(model.String()))
	}
	ex = server.Limit(server.Instrument(ex, pr.metrics), cfg.MaxConcurrent, cfg.MaxInflightBytes, cfg.QueueTimeout, pr.metrics)
	gs := grpc.NewServer(append(server.GRPCServerOptions(log, cfg.MaxMessageBytes), pr.grpcOptions(cfg.Production)...)...)
	svc := server.New(ex, svcOpts...)
	extractv1.RegisterEntityExtractionServiceServer(gs, svc)
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	setHealth(hs, healthpb.HealthCheckResponse_NOT_SERVING) // until the listeners serve
	if !cfg.DisableReflection {
		reflection.Register(gs)
	}
	if pr.metrics != nil {
		pr.metrics.InitializeGRPC(gs)
	}

	target, dialOpts := dialAddr(grpcLis.Addr()), server.GatewayDialOptions(cfg.MaxMessageBytes)
	grpcLis = writeTimeoutListener{cfg.limitListener(grpcLis), cfg.WriteTimeout}
	httpLis = cfg.limitListener(httpLis)
	var internal *internalListener
	if pr.tls != nil {
		internal = newInternalListener()
		defer internal.Close()
		target, dialOpts = "passthrough:///in-process", append(dialOpts, internal.dialOptions()...)
		httpLis = pr.tls.httpListener(httpLis)
	}
	conn, err := grpc.NewClient(target, dialOpts...)
	if err != nil {
		return fmt.Errorf("dialing the gRPC server: %w", err)
	}
	defer conn.Close()
	gw, err := server.NewGateway(ctx, conn, cfg.MaxMessageBytes)
	if err != nil {
		return err
	}
	if cfg.Demo {
		gw = web.Mount(gw)
	}
	healthHTTP := gw
	hsrv := &http.Server{
		Handler:           pr.httpHandler(gw, cfg.Production, cfg.MaxMessageBytes),
		ReadHeaderTimeout: 10 * time.Second,
		// A client may take this long to send a whole request; a slower one
		// is cut off instead of holding a connection and its buffer.
		ReadTimeout: time.Minute,
		// Writes are bounded one by one (--write-timeout, in the handler),
		// so that a long streamed response is not cut while it progresses.
		IdleTimeout: cfg.IdleTimeout,
		ErrorLog: stdlog.New(tlsErrorFilter{
			next:  slog.NewLogLogger(log.Handler(), slog.LevelWarn).Writer(),
			count: pr.metrics.TLSHandshakeFailed,
		}, "", 0),
	}

	var admin *http.Server
	var adminLis net.Listener
	if cfg.AdminAddr != "" {
		if adminLis, err = net.Listen("tcp", cfg.AdminAddr); err != nil {
			return fmt.Errorf("admin listener: %w", err)
		}
		defer adminLis.Close()
		admin = &http.Server{
			Handler:           pr.adminHandler(healthHTTP, cfg.Production),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      adminWriteTimeout, // a CPU profile takes its ?seconds= to write
			IdleTimeout:       cfg.IdleTimeout,
		}
		admin.Handler = dicts.withReload(admin.Handler, pr.auth)
	}

	errc := make(chan error, 4)
	go func() { errc <- gs.Serve(grpcLis) }()
	if internal != nil {
		go func() { errc <- gs.Serve(internal) }()
	}
	go func() { errc <- hsrv.Serve(httpLis) }()
	if admin != nil {
		go func() { errc <- admin.Serve(adminLis) }()
	}
	setHealth(hs, healthpb.HealthCheckResponse_SERVING)
	build := version.Read()
	attrs := []any{"grpc", grpcLis.Addr().String(), "http", httpLis.Addr().String(),
		"max_text_bytes", cfg.MaxTextBytes, "max_message_bytes", cfg.MaxMessageBytes,
		"max_batch_size", cfg.MaxBatchSize, "workers", cfg.Workers,
		"max_concurrent", cfg.MaxConcurrent, "max_inflight_bytes", cfg.MaxInflightBytes, "queue_timeout", cfg.QueueTimeout.String(),
		"memory_limit", cfg.MemoryLimit, "response_budget_bytes", cfg.ResponseBudget, "max_response_bytes", cfg.MaxResponseBytes,
		"max_batch_response_bytes", cfg.MaxBatchResponseBytes, "max_inflight_body_bytes", cfg.MaxInflightBody,
		"min_body_rate", cfg.MinBodyRate, "write_timeout", cfg.WriteTimeout.String(), "max_connections", cfg.MaxConnections,
		"tls", pr.tls != nil, "mutual_tls", cfg.TLSClientCA != "", "auth", pr.auth != nil,
		"metrics", pr.metrics != nil, "reflection", !cfg.DisableReflection,
		"version", build.Version, "revision", build.Revision, "model", model.Name, "model_sha256", model.SHA256}
	if adminLis != nil {
		attrs = append(attrs, "admin", adminLis.Addr().String())
	}
	log.Info("serving", attrs...)
	for _, u := range urls(grpcLis.Addr(), httpLis.Addr(), adminLis, pr.tls != nil, cfg.Demo, pr.metrics != nil) {
		log.Info(u.what, "url", u.url)
	}

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String(), "drain_delay", cfg.DrainDelay.String())
	hs.Shutdown()
	if serveErr == nil && cfg.DrainDelay > 0 {
		time.Sleep(cfg.DrainDelay) // still serving, but reporting NOT_SERVING
	}
	if admin != nil {
		defer admin.Close()
	}
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := hsrv.Shutdown(sctx); err != nil {
		hsrv.Close()
	}
	stopped := make(chan struct{})
	go func() {
		gs.GracefulStop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-sctx.Done():
		log.Warn("shutdown timeout: cutting off calls in flight")
		gs.Stop()
		<-stopped
	}
	log.Info("stopped")
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) && !errors.Is(serveErr, grpc.ErrServerStopped) {
		return serveErr
	}
	return nil
}

// modelOf is the identity of the model ex tags with, or the zero Identity
// if ex cannot tell (a test's fake).
func modelOf(ex server.Extractor) ner.Identity {
	if m, ok := ex.(interface{ ModelIdentity() ner.Identity }); ok {
		return m.ModelIdentity()
	}
	return ner.Identity{}
}

// namedURL is an address extractd serves, for the startup log.
type namedURL struct{ what, url string }

// urls are the addresses a user can paste to reach what extractd serves on
// the listeners at grpcAddr, httpAddr and admin (nil if none); a listener on
// all interfaces is named by localhost.
func urls(grpcAddr, httpAddr net.Addr, admin net.Listener, tls, demo, metrics bool) []namedURL {
	scheme := "http://"
	if tls {
		scheme = "https://"
	}
	web := scheme + reachable(httpAddr)
	out := []namedURL{
		{"gRPC API", reachable(grpcAddr)},
		{"HTTP API", web + "/v1/extract"},
	}
	if demo {
		out = append(out, namedURL{"demo page", web + "/"})
	}
	switch {
	case admin != nil && metrics:
		out = append(out, namedURL{"metrics", "http://" + reachable(admin.Addr()) + "/metrics"})
	case metrics:
		out = append(out, namedURL{"metrics", web + "/metrics"})
	}
	return out
}

// reachable is host:port of a, with localhost for a listener on all
// interfaces.
func reachable(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && (t.IP == nil || t.IP.IsUnspecified()) {
		return net.JoinHostPort("localhost", strconv.Itoa(t.Port))
	}
	return a.String()
}

// dialAddr is where the gateway reaches the gRPC listener at a: a listener
// on all interfaces is reached on loopback.
func dialAddr(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok && (t.IP == nil || t.IP.IsUnspecified()) {
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(t.Port))
	}
	return a.String()
}
