package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	grpcprom "github.com/grpc-ecosystem/go-grpc-middleware/providers/prometheus"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"

	"github.com/entityextraction/extractd/extractor"
)

// Metrics are the Prometheus metrics of one server: per-method gRPC call
// counts, codes and latency histograms (go-grpc-middleware), and the
// service's own:
//
//	extractd_extractions_in_flight          gauge: documents being analysed now
//	extractd_extractions_queued             gauge: documents waiting for a slot (see [Limit])
//	extractd_extractions_rejected_total     counter: documents refused because every slot stayed busy
//	extractd_extraction_duration_seconds    histogram by outcome (ok, invalid, canceled, error): the extractor's own time
//	extractd_document_bytes                 histogram: size of the documents analysed
//	extractd_stage_duration_seconds         histogram by stage (tokenize, dictionary, ner, mention, quote, rank, money)
//	extractd_http_requests_total            counter by code and method: every HTTP request, those refused before the gateway (413) included
//	extractd_model_info                     gauge, 1, labelled with the model's name and sha256 (see [Metrics.SetModel])
//	extractd_tls_handshake_errors_total     counter: failed TLS handshakes on the HTTP port
//	extractd_response_bytes_in_flight       gauge: bytes of the response budget held (see [Metrics.AddResponseBudget])
//	extractd_response_budget_bytes          gauge: the size of that budget
//
// plus the Go runtime and process collectors. A nil *Metrics records
// nothing, so that code can call its methods unconditionally.
type Metrics struct {
	reg      *prometheus.Registry
	grpc     *grpcprom.ServerMetrics
	inFlight prometheus.Gauge
	waiting  prometheus.Gauge
	refused  prometheus.Counter
	duration *prometheus.HistogramVec
	docBytes prometheus.Histogram
	httpReqs *prometheus.CounterVec
	stages   *prometheus.HistogramVec
	model    *prometheus.GaugeVec
	tlsErrs  prometheus.Counter
	observe  extractor.StageTimer
}

// NewMetrics returns the metrics, registered in a registry of their own.
func NewMetrics() *Metrics {
	latency := []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		grpc: grpcprom.NewServerMetrics(grpcprom.WithServerHandlingTimeHistogram(
			grpcprom.WithHistogramBuckets(latency))),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "extractd_extractions_in_flight", Help: "Documents being analysed now."}),
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "extractd_extractions_queued", Help: "Documents waiting for a free extraction slot."}),
		refused: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "extractd_extractions_rejected_total", Help: "Documents refused with RESOURCE_EXHAUSTED because no extraction slot freed up in time."}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "extractd_extraction_duration_seconds", Help: "Time the extractor spent on one document, by outcome.",
			Buckets: latency}, []string{"outcome"}),
		docBytes: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "extractd_document_bytes", Help: "Size in bytes of the documents analysed.",
			Buckets: prometheus.ExponentialBuckets(64, 4, 9)}), // 64 B … 4 MiB
		httpReqs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "extractd_http_requests_total", Help: "HTTP requests by status code and method."}, []string{"code", "method"}),
		stages: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "extractd_stage_duration_seconds", Help: "Time of each extractor stage on one document.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10}}, []string{"stage"}),
		model: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "extractd_model_info", Help: "The NER model being served: always 1, with its name and the SHA-256 of its bytes as labels."},
			[]string{"name", "sha256"}),
	}
	m.tlsErrs = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "extractd_tls_handshake_errors_total", Help: "Failed TLS handshakes on the HTTP port (not logged one by one)."})
	stage := map[string]prometheus.Observer{}
	for _, st := range []string{"tokenize", "dictionary", "ner", "mention", "quote", "rank", "money"} {
		stage[st] = m.stages.WithLabelValues(st)
	}
	m.observe = func(st string, d time.Duration) {
		if o, ok := stage[st]; ok {
			o.Observe(d.Seconds())
		}
	}
	m.reg.MustRegister(m.grpc, m.inFlight, m.waiting, m.refused, m.duration, m.docBytes, m.httpReqs, m.stages, m.model, m.tlsErrs,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, o := range []string{"ok", "invalid", "canceled", "error"} {
		m.duration.WithLabelValues(o) // present from the start, at zero
	}
	return m
}

// SetModel records the model being served in extractd_model_info.
func (m *Metrics) SetModel(name, sha256 string) {
	if m == nil {
		return
	}
	m.model.Reset()
	m.model.WithLabelValues(name, sha256).Set(1)
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// InstrumentHTTP counts the requests h answers by status code and method.
func (m *Metrics) InstrumentHTTP(h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	return promhttp.InstrumentHandlerCounter(m.httpReqs, h)
}

// Registry is where the metrics are registered, for adding more.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// ServerOptions returns the interceptors that count gRPC calls. Add them
// after [GRPCServerOptions]; call [Metrics.InitializeGRPC] once the services
// are registered so that every method shows up at zero.
func (m *Metrics) ServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(m.grpc.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(m.grpc.StreamServerInterceptor()),
	}
}

// InitializeGRPC creates the per-method series of every service of gs.
func (m *Metrics) InitializeGRPC(gs *grpc.Server) { m.grpc.InitializeMetrics(gs) }

// TLSHandshakeFailed counts a failed TLS handshake.
func (m *Metrics) TLSHandshakeFailed() {
	if m != nil {
		m.tlsErrs.Inc()
	}
}

// AddResponseBudget exports the response budget's use and size as gauges.
func (m *Metrics) AddResponseBudget(b *ResponseBudget) {
	if m == nil || b == nil {
		return
	}
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "extractd_response_bytes_in_flight", Help: "Bytes of the response budget held now (estimated JSON size of the responses being built or sent)."},
			func() float64 { return float64(b.InUse()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "extractd_response_budget_bytes", Help: "Size of the response budget in bytes."},
			func() float64 { return float64(b.Size()) }))
}

func (m *Metrics) queued(d float64) {
	if m != nil {
		m.waiting.Add(d)
	}
}

func (m *Metrics) rejected() {
	if m != nil {
		m.refused.Inc()
	}
}

// Instrument returns ex recording into m the documents in flight, their
// sizes, the extractor's time on each and the time of each of its stages.
func Instrument(ex Extractor, m *Metrics) Extractor {
	if m == nil {
		return ex
	}
	return &instrumented{ex: ex, m: m}
}

type instrumented struct {
	ex Extractor
	m  *Metrics
}

func (i *instrumented) MaxTextBytes() int { return i.ex.MaxTextBytes() }

func (i *instrumented) ExtractDocument(ctx context.Context, doc extractor.Document, want extractor.Features) (*extractor.Result, error) {
	text := doc.Text
	i.m.inFlight.Inc()
	defer i.m.inFlight.Dec()
	start := time.Now()
	res, err := i.ex.ExtractDocument(extractor.WithStageTimer(ctx, i.m.observe), doc, want)
	outcome := "ok"
	switch {
	case err == nil:
		i.m.docBytes.Observe(float64(len(text)))
	case errors.Is(err, extractor.ErrEmptyText), errors.Is(err, extractor.ErrTooLong):
		outcome = "invalid"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		outcome = "canceled"
	default:
		outcome = "error"
	}
	i.m.duration.WithLabelValues(outcome).Observe(time.Since(start).Seconds())
	return res, err
}
