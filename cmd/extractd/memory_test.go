package main

import (
	"strings"
	"testing"
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
