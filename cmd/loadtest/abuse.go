package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// abuseOptions configure the abuse mix (--abuse).
type abuseOptions struct {
	enabled    bool
	duration   time.Duration
	scale      float64 // MiB per document of an amplifying batch
	kubernetes bool
	maxRSS     int64
	minSuccess float64
}

// The abuse mix, all at once against one server started with bearer
// tokens on, for --abuse-duration:
//
//   - amplifying batches: 15 documents of "$1 $2 $3 …" (--abuse-scale MiB
//     each, whose results are some 30 times their size as JSON), in a
//     loop, over HTTP and over gRPC, read to the end;
//   - 8 clients that never read: 4 over HTTP send a batch with a large
//     (allowed) response and never read a byte of it, 4 over gRPC open
//     BatchExtractStream on a connection with a 64 KiB window and never
//     receive; each reconnects after 45 s;
//   - 16 trickling uploads: a Content-Length of 16 MiB sent one byte a
//     second, 8 with a token and 8 without, reconnecting when answered;
//   - unauthenticated amplifying batches over HTTP and gRPC, in a loop;
//   - one well-behaved client: the sample article, over gRPC and HTTP in
//     turn, one call at a time.
//
// It reports every outcome by kind, the well-behaved client's success rate
// and latency, and the server's peak RSS, and fails if the peak exceeds
// the limit, the well-behaved client succeeds less than --min-success of
// the time, or unauthenticated traffic gets anything but 401/UNAUTHENTICATED.
func runAbuse(o abuseOptions, serverArgs []string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	sample, err := os.ReadFile(filepath.Join(root, "testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		return err
	}
	token := randomToken()
	env := []string{"EXTRACTD_AUTH_TOKENS=" + token}
	limit := o.maxRSS
	setting := "default flags"
	if o.kubernetes {
		kenv, memLimit, err := manifestEnv(filepath.Join(root, "deploy", "deployment.yaml"))
		if err != nil {
			return err
		}
		env = append(env, kenv...)
		limit, setting = memLimit, "the Kubernetes settings ("+strings.Join(kenv, " ")+")"
		serverArgs = append(serverArgs, "--admin-addr=127.0.0.1:0")
	}
	srv, err := startServerEnv(root, serverArgs, nil, env)
	if err != nil {
		return err
	}
	defer srv.stop()
	fmt.Printf("abuse mix for %s with %s; peak RSS limit %.0f MB\n", o.duration, setting, float64(limit)/(1<<20))

	conn, err := grpc.NewClient(srv.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(1<<30), grpc.MaxCallSendMsgSize(64<<20)))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := extractv1.NewEntityExtractionServiceClient(conn)
	authed := func(ctx context.Context) context.Context {
		return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
	}

	amp := amplifying(15, int(o.scale*(1<<20)))
	ampJSON, _ := json.Marshal(amp)
	big := amplifying(2, 40<<10) // a large response that the default limits allow
	bigJSON, _ := json.Marshal(big)

	ctx, cancel := context.WithTimeout(context.Background(), o.duration)
	defer cancel()
	var tally tallies
	var wg sync.WaitGroup
	loop := func(f func()) {
		wg.Go(func() {
			for ctx.Err() == nil {
				f()
			}
		})
	}
	httpc := &http.Client{Timeout: 5 * time.Minute}
	post := func(ctx context.Context, path string, body []byte, auth bool) string {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+srv.http+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if auth {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := httpc.Do(req)
		if err != nil {
			return kindOf(ctx, err)
		}
		defer resp.Body.Close()
		io.Copy(io.Discard, resp.Body)
		return "HTTP " + strconv.Itoa(resp.StatusCode)
	}

	// Amplifying batches, read to the end, with and without a token.
	loop(func() { tally.add("amplifying batch, HTTP", post(ctx, "/v1/extract:batch", ampJSON, true)) })
	loop(func() {
		_, err := client.BatchExtract(authed(ctx), amp)
		tally.add("amplifying batch, gRPC", kindOf(ctx, err))
	})
	loop(func() {
		tally.add("unauthenticated", post(ctx, "/v1/extract:batch", ampJSON, false))
		time.Sleep(100 * time.Millisecond)
	})
	loop(func() {
		_, err := client.BatchExtract(ctx, amp)
		tally.add("unauthenticated", kindOf(ctx, err))
		time.Sleep(100 * time.Millisecond)
	})
	// Clients that never read.
	for range 4 {
		loop(func() { tally.add("never reads, HTTP", neverRead(ctx, srv.http, bigJSON, token)) })
		loop(func() { tally.add("never reads, gRPC", neverReceive(ctx, srv.grpc, big, token)) })
	}
	// Trickling uploads.
	for i := range 16 {
		name, tok := "trickling upload", token
		if i%2 == 1 {
			name, tok = "unauthenticated", ""
		}
		loop(func() {
			tally.add(name, trickleUpload(ctx, srv.http, tok))
			time.Sleep(time.Second) // and reconnects
		})
	}
	// RSS, sampled (the peak is the kernel's VmHWM).
	wg.Go(func() {
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				tally.rss(srv.rss())
			}
		}
	})
	// The well-behaved client, on a connection of its own.
	goodConn, err := grpc.NewClient(srv.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer goodConn.Close()
	time.Sleep(time.Second) // let the abuse start first
	w := wellBehaved(ctx, extractv1.NewEntityExtractionServiceClient(goodConn), string(sample), authed,
		func(ctx context.Context, body []byte) string { return post(ctx, "/v1/extract", body, true) }, &tally)
	cancel()
	wg.Wait()
	peak := srv.hwm()

	return report(&tally, w, peak, limit, o.minSuccess)
}

// served is what the well-behaved client saw.
type served struct {
	lat       []time.Duration
	ok, calls int
}

// wellBehaved calls Extract with the sample article, over gRPC and HTTP in
// turn, one call at a time, until ctx ends; failures go to tally.
func wellBehaved(ctx context.Context, client extractv1.EntityExtractionServiceClient, sample string,
	authed func(context.Context) context.Context, post func(context.Context, []byte) string, tally *tallies) served {
	var w served
	body, _ := json.Marshal(map[string]string{"text": sample})
	for i := 0; ctx.Err() == nil; i++ {
		start := time.Now()
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		var kind string
		if i%2 == 0 {
			_, err := client.Extract(authed(cctx), &extractv1.ExtractRequest{Text: sample})
			kind = kindOf(cctx, err)
		} else {
			kind = post(cctx, body)
		}
		cancel()
		if ctx.Err() != nil {
			break // the mix ended during the call
		}
		w.calls++
		w.lat = append(w.lat, time.Since(start))
		if kind == "OK" || kind == "HTTP 200" {
			w.ok++
		} else {
			tally.add("well-behaved client", kind)
		}
	}
	return w
}

// report prints the outcomes and checks them.
func report(tally *tallies, w served, peak, limit int64, minSuccess float64) error {
	fmt.Println()
	fmt.Println("| traffic | outcomes |")
	fmt.Println("|---|---|")
	for _, name := range tally.names() {
		fmt.Printf("| %s | %s |\n", name, tally.describe(name))
	}
	lat := w.lat
	slices.Sort(lat)
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		return ms(lat[min(len(lat)-1, int(p*float64(len(lat))))])
	}
	rate := 0.0
	if w.calls > 0 {
		rate = float64(w.ok) / float64(w.calls)
	}
	fmt.Printf("\nwell-behaved client: %d calls, %.2f%% succeeded, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
		w.calls, 100*rate, pct(.5), pct(.99), pct(1))
	fmt.Printf("server peak RSS (VmHWM): %.0f MB (limit %.0f MB); mean sampled RSS %.0f MB\n",
		float64(peak)/(1<<20), float64(limit)/(1<<20), float64(tally.meanRSS())/(1<<20))

	var failures []string
	if peak == 0 || peak >= limit {
		failures = append(failures, fmt.Sprintf("peak RSS %.0f MB is not under %.0f MB", float64(peak)/(1<<20), float64(limit)/(1<<20)))
	}
	if w.calls == 0 || rate < minSuccess {
		failures = append(failures, fmt.Sprintf("the well-behaved client succeeded %.2f%% of %d calls, under %.2f%%", 100*rate, w.calls, 100*minSuccess))
	}
	for kind := range tally.kinds("unauthenticated") {
		if kind != "HTTP 401" && kind != "Unauthenticated" && kind != "cut off" {
			failures = append(failures, "unauthenticated traffic got "+kind)
		}
	}
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	fmt.Println("abuse mix: PASS")
	return nil
}

// amplifying is a batch of n documents of size bytes of "$1 $2 $3 …".
func amplifying(n, size int) *extractv1.BatchExtractRequest {
	var b strings.Builder
	for i := 1; b.Len() < size; i++ {
		b.WriteString("$")
		b.WriteString(strconv.Itoa(i % 10))
		b.WriteByte(' ')
	}
	doc := b.String()[:size]
	req := &extractv1.BatchExtractRequest{}
	for i := range n {
		req.Requests = append(req.Requests, &extractv1.ExtractRequest{Id: strconv.Itoa(i), Text: doc})
	}
	return req
}

// neverRead sends a batch over HTTP/1.1 and never reads the answer; after
// 45 s (or when the mix ends) it hangs up.
func neverRead(ctx context.Context, addr string, body []byte, token string) string {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return kindOf(ctx, err)
	}
	defer c.Close()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(4 << 10)
	}
	fmt.Fprintf(c, "POST /v1/extract:batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", token, len(body))
	if _, err := c.Write(body); err != nil {
		return kindOf(ctx, err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(45 * time.Second):
	}
	return "sent, never read"
}

// neverReceive opens BatchExtractStream on a connection of its own whose
// flow-control window stays at 64 KiB and never receives; after 45 s (or
// when the mix ends) it cancels.
func neverReceive(ctx context.Context, addr string, req *extractv1.BatchExtractRequest, token string) string {
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithInitialWindowSize(64<<10), grpc.WithInitialConnWindowSize(64<<10))
	if err != nil {
		return kindOf(ctx, err)
	}
	defer conn.Close()
	cctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	cctx = metadata.AppendToOutgoingContext(cctx, "authorization", "Bearer "+token)
	stream, err := extractv1.NewEntityExtractionServiceClient(conn).BatchExtractStream(cctx, &extractv1.BatchExtractStreamRequest{Requests: req.Requests})
	if err != nil {
		return kindOf(ctx, err)
	}
	_ = stream
	<-cctx.Done()
	return "sent, never read"
}

// trickleUpload announces a 16 MiB body and sends it one byte a second
// until the server answers or the mix ends; it returns the answer's status.
func trickleUpload(ctx context.Context, addr, token string) string {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return kindOf(ctx, err)
	}
	defer c.Close()
	auth := ""
	if token != "" {
		auth = "Authorization: Bearer " + token + "\r\n"
	}
	fmt.Fprintf(c, "POST /v1/extract HTTP/1.1\r\nHost: x\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", auth, 16<<20)
	answer := make(chan string, 1)
	go func() {
		line, err := bufio.NewReader(c).ReadString('\n')
		if err != nil {
			answer <- "cut off"
			return
		}
		if f := strings.Fields(line); len(f) >= 2 {
			answer <- "HTTP " + f[1]
			return
		}
		answer <- "garbled answer"
	}()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case a := <-answer:
			return a
		case <-ctx.Done():
			c.Close()
			<-answer
			return "mix ended"
		case <-t.C:
			c.Write([]byte(" "))
		}
	}
}

// kindOf names an outcome by its gRPC code, or the end of the mix.
func kindOf(ctx context.Context, err error) string {
	if ctx.Err() != nil {
		return "mix ended"
	}
	if err == nil {
		return "OK"
	}
	if st, ok := status.FromError(err); ok {
		return st.Code().String()
	}
	return "transport error"
}

func randomToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// manifestEnv reads the container's literal environment variables (not
// those from valueFrom, nor the listen addresses) and its memory limit from
// a Deployment manifest, with GOMAXPROCS set to its CPU request.
func manifestEnv(path string) ([]string, int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	var env []string
	var limit int64
	var name, section string
	cpus := ""
	for _, line := range strings.Split(string(b), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(t, "- name: "):
			name = strings.TrimPrefix(t, "- name: ")
		case strings.HasPrefix(t, "value: ") && name != "":
			v := strings.Trim(strings.TrimPrefix(t, "value: "), `"`)
			if !strings.HasSuffix(name, "_ADDR") {
				env = append(env, name+"="+v)
			}
			name = ""
		case t == "requests:" || t == "limits:":
			section = strings.TrimSuffix(t, ":")
		case strings.HasPrefix(t, "cpu: ") && section == "requests":
			cpus = strings.Trim(strings.TrimPrefix(t, "cpu: "), `"`)
		case strings.HasPrefix(t, "memory: ") && section == "limits":
			limit, err = quantity(strings.TrimPrefix(t, "memory: "))
			if err != nil {
				return nil, 0, err
			}
		}
	}
	if limit == 0 {
		return nil, 0, fmt.Errorf("%s: no memory limit", path)
	}
	if cpus != "" {
		env = append(env, "GOMAXPROCS="+cpus)
	}
	return env, limit, nil
}

// quantity parses a Kubernetes memory quantity such as 1Gi or 768Mi.
func quantity(s string) (int64, error) {
	s = strings.Trim(strings.TrimSpace(s), `"`)
	for suffix, mult := range map[string]int64{"Ki": 1 << 10, "Mi": 1 << 20, "Gi": 1 << 30} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			v, err := strconv.ParseInt(n, 10, 64)
			return v * mult, err
		}
	}
	return strconv.ParseInt(s, 10, 64)
}

// tallies counts outcomes by traffic and kind, and RSS samples.
type tallies struct {
	mu     sync.Mutex
	counts map[string]map[string]int
	order  []string
	rssSum atomic.Int64
	rssN   atomic.Int64
}

func (t *tallies) add(name, kind string) {
	if kind == "mix ended" {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.counts == nil {
		t.counts = map[string]map[string]int{}
	}
	if t.counts[name] == nil {
		t.counts[name] = map[string]int{}
		t.order = append(t.order, name)
	}
	t.counts[name][kind]++
}

func (t *tallies) names() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return slices.Clone(t.order)
}

func (t *tallies) kinds(name string) map[string]int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.counts[name]
}

func (t *tallies) describe(name string) string {
	var parts []string
	for kind, n := range t.kinds(name) {
		parts = append(parts, fmt.Sprintf("%s × %d", kind, n))
	}
	slices.Sort(parts)
	return strings.Join(parts, ", ")
}

func (t *tallies) rss(b int64) {
	if b > 0 {
		t.rssSum.Add(b)
		t.rssN.Add(1)
	}
}

func (t *tallies) meanRSS() int64 {
	if n := t.rssN.Load(); n > 0 {
		return t.rssSum.Load() / n
	}
	return 0
}
