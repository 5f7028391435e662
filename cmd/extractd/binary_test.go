package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBinaryStopsOnSIGTERM builds extractd, runs it as a user would (with
// settings from the environment), calls it, and stops it with SIGTERM.
func TestBinaryStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "extractd")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--grpc-addr", "127.0.0.1:0", "--demo=false")
	cmd.Env = append(cmd.Environ(), "EXTRACTD_HTTP_ADDR=127.0.0.1:0", "EXTRACTD_LOG_LEVEL=debug")
	out, err := cmd.StdoutPipe() // the log goes to stderr, sent to the same pipe
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })

	lines := bufio.NewScanner(out)
	var serving struct {
		Msg  string `json:"msg"`
		HTTP string `json:"http"`
	}
	for lines.Scan() {
		if json.Unmarshal(lines.Bytes(), &serving) == nil && serving.Msg == "serving" {
			break
		}
	}
	if serving.HTTP == "" {
		t.Fatal("extractd never logged that it was serving")
	}
	resp, err := http.Post("http://"+serving.HTTP+"/v1/extract", "application/json", strings.NewReader(`{"text":"Angela Merkel visited Paris."}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("POST /v1/extract = %d", resp.StatusCode)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var logged []string
	for lines.Scan() {
		logged = append(logged, lines.Text())
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("extractd after SIGTERM: %v; want exit status 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("extractd did not exit within 30s of SIGTERM")
	}
	all := strings.Join(logged, "\n")
	for _, want := range []string{
		`"msg":"HTTP API","url":"http://` + serving.HTTP + `/v1/extract"`, `"msg":"gRPC API","url":"127.0.0.1:`,
		`"msg":"shutting down"`, `"msg":"stopped"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("log after SIGTERM lacks %s:\n%s", want, all)
		}
	}
}
