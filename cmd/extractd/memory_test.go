package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

func TestMemoryDefaults(t *testing.T) {
	m := Memory{MemoryLimit: 768 << 20}.withDefaults()
	if m.ResponseBudget != 24<<20 || m.MaxResponseBytes != 6<<20 || m.MaxBatchResponseBytes != 12<<20 {
		t.Errorf("Memory{MemoryLimit: 768 MiB}.withDefaults() = budget %d, per document %d, per batch %d; want 24, 6 and 12 MiB",
			m.ResponseBudget, m.MaxResponseBytes, m.MaxBatchResponseBytes)
	}
	if m := (Memory{ResponseBudget: -1}).withDefaults(); m.ResponseBudget >= 0 {
		t.Errorf("a negative budget became %d; want it kept (no budget)", m.ResponseBudget)
	}
	if l := memoryLimit(); l <= 0 {
		t.Errorf("memoryLimit() = %d; want a positive limit", l)
	}
}

func TestTLSErrorFilter(t *testing.T) {
	var out strings.Builder
	n := 0
	f := tlsErrorFilter{next: &out, count: func() { n++ }}
	f.Write([]byte("http: TLS handshake error from 10.0.0.1:5555: EOF\n"))
	f.Write([]byte("http: TLS handshake error from 10.0.0.2:5555: tls: first record does not look like a TLS handshake\n"))
	f.Write([]byte("http: panic serving 10.0.0.3: boom\n"))
	if n != 2 || out.String() != "http: panic serving 10.0.0.3: boom\n" {
		t.Errorf("after two handshake errors and a panic: counted %d, passed on %q; want 2 and the panic line", n, out.String())
	}
}

func TestWriteTimeoutConn(t *testing.T) {
	server, client := net.Pipe() // nobody reads client
	defer client.Close()
	c := &writeTimeoutConn{Conn: server, timeout: 50 * time.Millisecond}
	_, err := c.Write([]byte("a response nobody reads"))
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("Write to a peer that does not read = %v; want a deadline error", err)
	}
}

func TestMaxConnections(t *testing.T) {
	cfg := testConfig()
	cfg.MaxConnections = 2
	ts := start(t, cfg, nil)
	addr := strings.TrimPrefix(ts.url, "http://")
	var idle []net.Conn
	for range 2 { // hold both connections the HTTP listener takes
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
		if line, err := bufio.NewReader(c).ReadString('\n'); err != nil || !strings.Contains(line, "200") {
			t.Fatalf("GET /healthz on connection %d = %q, %v", len(idle), line, err)
		}
		idle = append(idle, c)
	}
	hc := &http.Client{Timeout: 300 * time.Millisecond}
	if resp, err := hc.Get(ts.url + "/healthz"); err == nil {
		resp.Body.Close()
		t.Errorf("a third connection was served while 2 were held; want it to wait")
	}
	idle[0].Close()
	hc.Timeout = 10 * time.Second
	resp, err := hc.Get(ts.url + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz once a connection closed: %v", err)
	}
	resp.Body.Close()
}
