// Command loadtest measures extractd under load: it builds and starts the
// real server (or targets a running one with --grpc and --http), sends a
// fixed number of requests at several concurrencies over gRPC and HTTP, and
// prints throughput, latency percentiles, errors and the server's memory.
// It first measures the bare extractor in-process on the same documents and
// concurrency, so that the service's overhead shows as a ratio.
//
// Usage:
//
//	go run ./cmd/loadtest [flags]
//	go run ./cmd/loadtest -requests 100000 -concurrency 16 -payload sample
//	go run ./cmd/loadtest -requests 2000 -concurrency 1,4,16 -payload mix
//	go run ./cmd/loadtest -requests 100000 -concurrency 16 -server-cpus 0
//
// Output is one Markdown table row per run. "CPU ms/req" is the CPU time
// the server process (or, for the baseline, the bare extractor) spent per
// request: on a machine shared with other work it compares the service with
// the bare extractor more fairly than throughput does. "RSS first/last 10%" is the
// server's mean resident set size while the first and the last tenth of the
// requests were sent; "peak" is its VmHWM.
//
// With --server-cpus (Linux), the server and the bare-extractor baseline are
// pinned to those CPUs, with GOMAXPROCS set to their number, and the load
// generator to the others: the service and the bare extractor then get the
// same cores, and the generator, which would run on another machine in
// production, takes nothing from either. Without it, all three share every
// core. Memory is only known for a server
// loadtest started itself. The exit status is 1 if any request failed
// (except with --payload abuse, where refusals are the point).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/cmd/internal/cmdfile"
	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

type options struct {
	requests     int
	concurrency  []int
	transports   []string
	payload      string
	sample       string
	grpcAddr     string
	httpAddr     string
	baselineReqs int
	rounds       int
	serverArgs   []string
	seed         uint64
	cpus         *cpuSplit // nil: no pinning
}

func main() {
	var o options
	var conc, transports, serverArgs, serverCPUs string
	flag.IntVar(&o.requests, "requests", 2000, "requests per run (one run per transport and concurrency)")
	flag.StringVar(&conc, "concurrency", "1,4,16", "comma-separated concurrencies")
	flag.StringVar(&transports, "transports", "grpc,http", "comma-separated transports: grpc, http")
	flag.StringVar(&o.payload, "payload", "sample", "documents: sample (the sample article), mix (sizes from 100 B to 100 KB) or abuse (1 MB of punctuation, digits or made-up names, to watch memory and 429s)")
	flag.StringVar(&o.sample, "sample", "", "the sample article (default: testdata/putin-lukashenka-sochi.txt at the module root)")
	flag.StringVar(&o.grpcAddr, "grpc", "", "gRPC address of a running server; empty: build and start extractd")
	flag.StringVar(&o.httpAddr, "http", "", "HTTP address of a running server (with --grpc)")
	flag.IntVar(&o.rounds, "rounds", 1, "times to repeat the baseline and every run, alternating them, for medians that resist a noisy machine")
	flag.IntVar(&o.baselineReqs, "baseline-requests", 3000, "requests for the bare-extractor baseline per concurrency; 0 skips it")
	flag.StringVar(&serverArgs, "server-args", "", "extra flags for the extractd it starts, space-separated")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the size mix")
	flag.StringVar(&serverCPUs, "server-cpus", "", "CPUs (e.g. 0 or 0-1) for the server and the bare baseline, the others for the load generator; empty: no pinning (Linux only)")
	var ab abuseOptions
	flag.BoolVar(&ab.enabled, "abuse", false, "run the abuse mix instead (amplifying batches, clients that never read, trickling uploads, unauthenticated traffic, and one well-behaved client), check memory and the well-behaved client's success; see abuse.go")
	flag.DurationVar(&ab.duration, "abuse-duration", time.Minute, "how long the abuse mix runs")
	flag.Float64Var(&ab.scale, "abuse-scale", 1, "size of the amplifying batches' documents, in MiB (15 documents per batch)")
	flag.BoolVar(&ab.kubernetes, "kubernetes", false, "with --abuse: run the server with the environment and memory limit of deploy/deployment.yaml")
	flag.Int64Var(&ab.maxRSS, "max-rss", 1<<30, "with --abuse: fail if the server's peak RSS exceeds this many bytes (with --kubernetes: the manifest's memory limit)")
	flag.Float64Var(&ab.minSuccess, "min-success", 0.99, "with --abuse: fail if the well-behaved client's success rate is lower")
	flag.Parse()
	if ab.enabled {
		if err := runAbuse(ab, strings.Fields(serverArgs)); err != nil {
			fatal(err)
		}
		return
	}
	if serverCPUs != "" {
		split, err := splitCPUs(serverCPUs)
		if err != nil {
			fatal(err)
		}
		o.cpus = &split
	}
	for _, c := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n <= 0 {
			fatal(fmt.Errorf("--concurrency: %q is not a positive integer", c))
		}
		o.concurrency = append(o.concurrency, n)
	}
	o.transports = strings.Split(transports, ",")
	if o.rounds < 1 {
		fatal(errors.New("--rounds must be at least 1"))
	}
	o.serverArgs = strings.Fields(serverArgs)
	if err := run(o); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "loadtest:", err)
	os.Exit(1)
}

func run(o options) error {
	root, err := moduleRoot()
	if err != nil && (o.sample == "" || o.grpcAddr == "") {
		return err
	}
	if o.sample == "" {
		o.sample = filepath.Join(root, "testdata", "putin-lukashenka-sochi.txt")
	}
	b, err := os.ReadFile(o.sample)
	if err != nil {
		return err
	}
	docs, err := documents(string(b), o.payload, o.seed)
	if err != nil {
		return err
	}
	var total int
	for _, d := range docs {
		total += len(d)
	}
	fmt.Printf("loadtest: %d CPUs (GOMAXPROCS %d), payload %s: %d documents, mean %d bytes, %d requests per run\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), o.payload, len(docs), total/len(docs), o.requests)
	if o.cpus != nil {
		fmt.Printf("pinned: server and bare extractor on CPUs %v (GOMAXPROCS %d), load generator on CPUs %v\n",
			o.cpus.server, len(o.cpus.server), o.cpus.client)
	}

	var ex *extractor.Extractor
	if o.baselineReqs > 0 {
		if ex, err = extractor.New(); err != nil {
			return err
		}
	}
	var srv *serverProc
	if o.grpcAddr == "" {
		if srv, err = startServer(root, o.serverArgs, o.cpus); err != nil {
			return err
		}
		defer srv.stop()
		o.grpcAddr, o.httpAddr = srv.grpc, srv.http
	}
	conn, err := grpc.NewClient(o.grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20), grpc.MaxCallSendMsgSize(64<<20)))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := extractv1.NewEntityExtractionServiceClient(conn)
	bodies := make(map[string][]byte, len(docs))
	for _, d := range docs {
		bodies[d], _ = json.Marshal(map[string]string{"text": d})
	}
	caller := func(tr string, c int) (func(context.Context, string) error, error) {
		switch tr {
		case "grpc":
			return func(ctx context.Context, doc string) error {
				_, err := client.Extract(ctx, &extractv1.ExtractRequest{Text: doc})
				return err
			}, nil
		case "http":
			if o.httpAddr == "" {
				return nil, errors.New("--http is needed with --grpc")
			}
			hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c, MaxIdleConns: c}, Timeout: time.Minute}
			url := "http://" + o.httpAddr + "/v1/extract"
			return func(ctx context.Context, doc string) error {
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(bodies[doc]))
				req.Header.Set("Content-Type", "application/json")
				resp, err := hc.Do(req)
				if err != nil {
					return err
				}
				defer resp.Body.Close()
				if _, err := io.Copy(io.Discard, resp.Body); err != nil {
					return err
				}
				if resp.StatusCode != 200 {
					return fmt.Errorf("HTTP %s", resp.Status)
				}
				return nil
			}, nil
		}
		return nil, fmt.Errorf("unknown transport %q", tr)
	}

	fmt.Println()
	fmt.Println("| transport | concurrency | requests | errors | req/s | vs bare | CPU ms/req | client CPU ms/req | p50 ms | p90 ms | p99 ms | RSS first 10% MB | RSS last 10% MB | peak RSS MB |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")

	var runs []measured
	failed := 0
	for round := 1; round <= o.rounds; round++ {
		name := func(s string) string {
			if o.rounds == 1 {
				return s
			}
			return fmt.Sprintf("%s, round %d", s, round)
		}
		bare := map[int]float64{}
		if ex != nil {
			if o.cpus != nil {
				if err := pinSelf(o.cpus.server); err != nil {
					return err
				}
			}
			for _, c := range o.concurrency {
				cpu0 := selfCPU()
				r := load(o.baselineReqs, c, docs, nil, func(ctx context.Context, doc string) error {
					_, err := ex.Extract(ctx, doc)
					return err
				})
				r.cpu = (selfCPU() - cpu0) / time.Duration(r.n)
				bare[c] = r.rate
				r.print(name(bareName), c, 0)
				runs = append(runs, measured{bareName, c, r})
			}
			if o.cpus != nil {
				if err := pinSelf(o.cpus.client); err != nil {
					return err
				}
			}
		}
		for _, tr := range o.transports {
			tr = strings.TrimSpace(tr)
			for _, c := range o.concurrency {
				call, err := caller(tr, c)
				if err != nil {
					return err
				}
				var cpu0 time.Duration
				if srv != nil {
					cpu0 = srv.cpu()
				}
				client0 := selfCPU()
				r := load(o.requests, c, docs, srv, call)
				r.clientCPU = (selfCPU() - client0) / time.Duration(r.n)
				if srv != nil {
					r.cpu = (srv.cpu() - cpu0) / time.Duration(r.n)
				}
				r.print(name(tr), c, bare[c])
				runs = append(runs, measured{tr, c, r})
				failed += r.errors
			}
		}
	}
	if o.rounds > 1 {
		printMedians(runs)
	}
	if srv != nil {
		fmt.Printf("\nserver peak RSS (VmHWM) over all runs: %.1f MB\n", float64(srv.hwm())/(1<<20))
	}
	if failed > 0 && o.payload != "abuse" {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

// bareName names the baseline runs of the extractor without the service.
const bareName = "bare extractor"

// measured is one run: a transport (bare for the baseline)
// at one concurrency, in one round.
type measured struct {
	transport   string
	concurrency int
	result
}

// printMedians prints, per transport and concurrency, the median throughput
// over the rounds and the medians of the per-round ratios: to the bare
// extractor of the same round, and for HTTP to gRPC of the same round.
func printMedians(runs []measured) {
	type key struct {
		transport   string
		concurrency int
	}
	byKey := map[key][]measured{}
	var order []key
	for _, r := range runs {
		k := key{r.transport, r.concurrency}
		if byKey[k] == nil {
			order = append(order, k)
		}
		byKey[k] = append(byKey[k], r)
	}
	ratios := func(k, of key) []float64 {
		a, b := byKey[k], byKey[of]
		var out []float64
		for i := range min(len(a), len(b)) {
			out = append(out, 100*a[i].rate/b[i].rate)
		}
		return out
	}
	fmt.Printf("\nMedians over %d rounds (min–max):\n\n", len(byKey[order[0]]))
	fmt.Println("| transport | concurrency | req/s | vs bare | vs gRPC | CPU ms/req |")
	fmt.Println("|---|---|---|---|---|---|")
	for _, k := range order {
		rs := byKey[k]
		var rates, cpu []float64
		for _, r := range rs {
			rates = append(rates, r.rate)
			cpu = append(cpu, ms(r.cpu))
		}
		vsBare, vsGRPC := "—", "—"
		if k.transport != bareName {
			if rs := ratios(k, key{bareName, k.concurrency}); len(rs) > 0 {
				vsBare = spread(rs, "%.0f%%")
			}
			if k.transport == "http" {
				if rs := ratios(k, key{"grpc", k.concurrency}); len(rs) > 0 {
					vsGRPC = spread(rs, "%.0f%%")
				}
			}
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %s |\n", k.transport, k.concurrency, spread(rates, "%.1f"), vsBare, vsGRPC, spread(cpu, "%.2f"))
	}
}

// spread formats the median of xs and, when they differ, their range.
func spread(xs []float64, format string) string {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	med := xs[len(xs)/2]
	if len(xs)%2 == 0 {
		med = (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	s := fmt.Sprintf(format, med)
	if xs[0] != xs[len(xs)-1] {
		s += " (" + fmt.Sprintf(format, xs[0]) + "–" + fmt.Sprintf(format, xs[len(xs)-1]) + ")"
	}
	return s
}

// result is what one run measured.
type result struct {
	n, errors               int
	kinds                   map[string]int // errors by code or status
	elapsed                 time.Duration
	rate                    float64
	p50, p90, p99           time.Duration
	rssFirst, rssLast, peak int64         // bytes; 0 when unknown
	cpu                     time.Duration // CPU time of the server (or the bare extractor) per request; 0 when unknown
	clientCPU               time.Duration // CPU time of this process's client per request; 0 for the baseline
}

func (r result) print(name string, conc int, bare float64) {
	ratio := "—"
	if bare > 0 {
		ratio = fmt.Sprintf("%.0f%%", 100*r.rate/bare)
	}
	mb := func(b int64) string {
		if b == 0 {
			return "—"
		}
		return fmt.Sprintf("%.0f", float64(b)/(1<<20))
	}
	cpu := "—"
	if r.cpu > 0 {
		cpu = fmt.Sprintf("%.2f", ms(r.cpu))
	}
	client := "—"
	if r.clientCPU > 0 {
		client = fmt.Sprintf("%.2f", ms(r.clientCPU))
	}
	fmt.Printf("| %s | %d | %d | %d | %.1f | %s | %s | %s | %.1f | %.1f | %.1f | %s | %s | %s |\n",
		name, conc, r.n, r.errors, r.rate, ratio, cpu, client, ms(r.p50), ms(r.p90), ms(r.p99), mb(r.rssFirst), mb(r.rssLast), mb(r.peak))
	if len(r.kinds) > 0 {
		fmt.Printf("|  | errors: %v |\n", r.kinds)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// load sends n documents (cycling through docs) with conc workers and
// measures them; srv, if not nil, is sampled for memory.
func load(n, conc int, docs []string, srv *serverProc, call func(context.Context, string) error) result {
	lat := make([]time.Duration, n)
	var next, done atomic.Int64
	var errs atomic.Int64
	var kindMu sync.Mutex
	kinds := map[string]int{}
	var rssFirst, rssLast rssMean
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	if srv != nil {
		sampler.Go(func() {
			t := time.NewTicker(50 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
				}
				d := done.Load()
				switch {
				case d < int64(n)/10:
					rssFirst.add(srv.rss())
				case d >= int64(n)*9/10:
					rssLast.add(srv.rss())
				}
			}
		})
	}
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				t := time.Now()
				err := call(context.Background(), docs[int(i)%len(docs)])
				lat[i] = time.Since(t)
				if err != nil {
					errs.Add(1)
					kindMu.Lock()
					kinds[errorKind(err)]++
					kindMu.Unlock()
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if srv != nil {
		rssLast.add(srv.rss()) // at least one sample for short runs
	}
	close(stop)
	sampler.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	r := result{
		n: n, errors: int(errs.Load()), elapsed: elapsed, rate: float64(n) / elapsed.Seconds(),
		p50: pct(.50), p90: pct(.90), p99: pct(.99),
		rssFirst: rssFirst.mean(), rssLast: rssLast.mean(),
	}
	if len(kinds) > 0 {
		r.kinds = kinds
	}
	if srv != nil {
		r.peak = srv.hwm()
	}
	return r
}

// errorKind names an error by its gRPC code or HTTP status.
func errorKind(err error) string {
	if st, ok := status.FromError(err); ok {
		return st.Code().String()
	}
	if s := err.Error(); strings.HasPrefix(s, "HTTP ") {
		return s
	}
	return "transport: " + err.Error()
}

type rssMean struct{ sum, n int64 }

func (m *rssMean) add(b int64) {
	if b > 0 {
		m.sum += b
		m.n++
	}
}

func (m *rssMean) mean() int64 {
	if m.n == 0 {
		return 0
	}
	return m.sum / m.n
}

// documents returns the documents of a payload: the sample itself, or 64
// documents of log-uniform sizes from 100 B to 100 KB cut from the sample
// repeated, each ending on a word boundary.
func documents(sample, payload string, seed uint64) ([]string, error) {
	switch payload {
	case "sample":
		return []string{sample}, nil
	case "mix":
		long := strings.Repeat(sample+"\n\n", 100<<10/len(sample)+2)
		r := rand.New(rand.NewPCG(seed, 7))
		docs := make([]string, 64)
		for i := range docs {
			size := int(100 * math.Pow(1000, r.Float64())) // 100 B … 100 KB
			cut := strings.LastIndexAny(long[:size], " \n")
			if cut <= 0 {
				cut = size
			}
			docs[i] = long[:cut]
		}
		return docs, nil
	case "abuse":
		const n = 1 << 20
		r := rand.New(rand.NewPCG(seed, 9))
		var names strings.Builder
		for names.Len() < n-16 {
			names.WriteString(string(rune('A'+r.IntN(26))) + strings.Repeat(string(rune('a'+r.IntN(26))), 1+r.IntN(6)) + " ")
		}
		return []string{
			strings.Repeat(`"`, n),
			strings.Repeat("$1,000 €2.5 ¥30 ", n/20),
			names.String(),
			strings.Repeat("Paris.\n\n", n/8),
		}, nil
	}
	return nil, fmt.Errorf("unknown payload %q (sample, mix or abuse)", payload)
}

// pinSelf moves this process to cpus, with as many Ps as CPUs.
func pinSelf(cpus []int) error {
	runtime.GOMAXPROCS(len(cpus))
	return pin(0, cpus)
}

// serverProc is an extractd started by loadtest.
type serverProc struct {
	cmd        *exec.Cmd
	grpc, http string
	dir        string
}

// startServer builds extractd the way the Dockerfile does and starts it on
// free loopback ports.
func startServer(root string, extra []string, cpus *cpuSplit) (*serverProc, error) {
	return startServerEnv(root, extra, cpus, nil)
}

// startServerEnv is startServer with env added to the server's environment.
func startServerEnv(root string, extra []string, cpus *cpuSplit, env []string) (*serverProc, error) {
	dir, err := os.MkdirTemp("", "loadtest")
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(dir, "extractd")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "./cmd/extractd")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %v\n%s", err, out)
	}
	args := append([]string{"--grpc-addr=127.0.0.1:0", "--http-addr=127.0.0.1:0", "--demo=false"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	if cpus != nil {
		cmd.Env = append(cmd.Env, fmt.Sprintf("GOMAXPROCS=%d", len(cpus.server)))
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &serverProc{cmd: cmd, dir: dir}
	if cpus != nil {
		if err := pin(cmd.Process.Pid, cpus.server); err != nil {
			s.stop()
			return nil, err
		}
	}
	lines := bufio.NewScanner(stderr)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	for lines.Scan() {
		var l struct{ Msg, GRPC, HTTP string }
		if json.Unmarshal(lines.Bytes(), &l) == nil && l.Msg == "serving" {
			s.grpc, s.http = l.GRPC, l.HTTP
			break
		}
	}
	if s.grpc == "" {
		s.stop()
		return nil, errors.New("extractd did not start")
	}
	go io.Copy(io.Discard, stderr) // the per-call log lines
	fmt.Printf("server: extractd %s (pid %d)\n", strings.Join(args, " "), cmd.Process.Pid)
	return s, nil
}

func (s *serverProc) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
	}
	os.RemoveAll(s.dir)
}

// cpu is the server's user and system CPU time so far.
func (s *serverProc) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the parenthesised command name; utime and stime are the
	// 14th and 15th fields of the line, in clock ticks (USER_HZ, 100 on Linux).
	rest := string(b[strings.LastIndexByte(string(b), ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * (time.Second / 100)
}

// selfCPU is this process's user and system CPU time so far.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (s *serverProc) rss() int64 { return s.status("VmRSS:") }
func (s *serverProc) hwm() int64 { return s.status("VmHWM:") }

// status reads a kB field of /proc/<pid>/status, in bytes.
func (s *serverProc) status(field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// moduleRoot finds the directory of go.mod above the working directory.
func moduleRoot() (string, error) {
	root, err := cmdfile.ModuleRoot()
	if errors.Is(err, cmdfile.ErrNoModule) {
		return "", errors.New("run loadtest inside the extractd module, or give --sample and --grpc")
	}
	return root, err
}
