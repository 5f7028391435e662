package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// TestSIGTERMUnderLoadLosesNothing runs the real binary, keeps 12 clients
// (gRPC and HTTP) sending the sample article, sends SIGTERM in the middle,
// and checks that every call the server accepted completed OK: the calls
// the server logged are exactly the calls the clients saw succeed, every
// other call was refused before it was accepted (connection refused or
// UNAVAILABLE), and the process exits with status 0.
func TestSIGTERMUnderLoadLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and loads it")
	}
	bin := filepath.Join(t.TempDir(), "extractd")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--grpc-addr=127.0.0.1:0", "--http-addr=127.0.0.1:0", "--demo=false",
		"--max-concurrent=4", "--queue-timeout=1m", "--shutdown-timeout=1m", "--drain-delay=200ms")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })

	type logLine struct {
		Msg    string `json:"msg"`
		GRPC   string `json:"grpc"`
		HTTP   string `json:"http"`
		Method string `json:"grpc.method"`
		Code   string `json:"grpc.code"`
	}
	lines := bufio.NewScanner(stderr)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	var serving logLine
	for lines.Scan() {
		if json.Unmarshal(lines.Bytes(), &serving) == nil && serving.Msg == "serving" {
			break
		}
	}
	if serving.GRPC == "" {
		t.Fatal("extractd never logged that it was serving")
	}
	logged := make(chan map[string]int, 1) // code → Extract calls the server logged
	go func() {
		codes := map[string]int{}
		for lines.Scan() {
			var l logLine
			if json.Unmarshal(lines.Bytes(), &l) == nil && l.Msg == "finished call" && l.Method == "Extract" {
				codes[l.Code]++
			}
		}
		logged <- codes
	}()

	text := sample(t)
	body, _ := json.Marshal(map[string]string{"text": text})
	conn, err := grpc.NewClient(serving.GRPC, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	client := extractv1.NewEntityExtractionServiceClient(conn)
	httpClient := &http.Client{Timeout: time.Minute}

	var ok, refused atomic.Int64
	var mu sync.Mutex
	var failures []string
	fail := func(s string) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, s)
		}
	}
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() {
			for {
				if i%3 == 0 { // a third of the clients over HTTP
					resp, err := httpClient.Post("http://"+serving.HTTP+"/v1/extract", "application/json", strings.NewReader(string(body)))
					if err != nil {
						refused.Add(1) // never reached a handler: connection refused or closed
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						fail("HTTP " + resp.Status)
						return
					}
				} else {
					_, err := client.Extract(context.Background(), &extractv1.ExtractRequest{Text: text})
					if status.Code(err) == codes.Unavailable {
						refused.Add(1)
						return
					}
					if err != nil {
						fail("gRPC " + err.Error())
						return
					}
				}
				ok.Add(1)
			}
		})
	}
	for deadline := time.Now().Add(time.Minute); ok.Load() < 40; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("only %d calls succeeded in a minute", ok.Load())
		}
	}
	atSignal := ok.Load()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { wg.Wait(); done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("extractd after SIGTERM under load: %v; want exit status 0", err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("extractd or its clients did not finish within 2 minutes of SIGTERM")
	}
	for _, f := range failures {
		t.Errorf("a call failed instead of completing or being refused: %s", f)
	}
	server := <-logged
	total := 0
	for code, n := range server {
		total += n
		if code != "OK" {
			t.Errorf("the server logged %d Extract calls with code %s", n, code)
		}
	}
	// The server logs each gateway call as one gRPC Extract, so the counts
	// match one to one.
	if int64(total) != ok.Load() {
		t.Errorf("the server logged %d Extract calls, the clients saw %d succeed", total, ok.Load())
	}
	t.Logf("%d calls succeeded (%d before SIGTERM), %d refused after it", ok.Load(), atSignal, refused.Load())
}
