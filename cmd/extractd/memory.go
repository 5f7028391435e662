package main

import (
	"bytes"
	"io"
	"log/slog"
	"math"
	"net"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/netutil"
)

// Memory is the part of the configuration that bounds what responses,
// request bodies and slow or idle clients can make the server hold. Its
// zero value is the default configuration, derived from the memory limit.
type Memory struct {
	// MemoryLimit is the memory the server should stay within: the
	// defaults below derive from it, and without GOMEMLIMIT the Go soft
	// memory limit is three quarters of it. 0: GOMEMLIMIT if set, else the
	// cgroup's memory limit, else 1 GiB.
	MemoryLimit int64
	// ResponseBudget is the bytes of responses (as estimated JSON) held at
	// once by the whole server; 0: MemoryLimit / 32; negative: no budget.
	ResponseBudget int64
	// MaxResponseBytes is the largest result of one document; 0:
	// ResponseBudget / 4.
	MaxResponseBytes int64
	// MaxBatchResponseBytes is the largest response of one BatchExtract
	// call; 0: ResponseBudget / 2.
	MaxBatchResponseBytes int64
	// WriteTimeout is how long one write of an HTTP response may take
	// before the connection is closed; 0: 30s.
	WriteTimeout time.Duration
	// MinBodyRate is the slowest an HTTP request body may arrive, in bytes
	// per second, after a 2s grace period; 0: 64 KiB/s; negative: none (the
	// flag's 0).
	MinBodyRate int64
	// MaxConnections is the most connections each of the gRPC and HTTP
	// listeners holds open; more wait in the kernel's backlog. 0: 1024.
	MaxConnections int
	// IdleTimeout closes HTTP keep-alive connections and gRPC connections
	// without calls after this long; 0: 2m.
	IdleTimeout time.Duration
	// KeepaliveTime and KeepaliveTimeout: after KeepaliveTime without
	// traffic on a gRPC connection the server pings it, and closes it if
	// nothing comes back within KeepaliveTimeout; 0: 30s and 10s.
	KeepaliveTime, KeepaliveTimeout time.Duration
}

const (
	defaultMemoryLimit      = 1 << 30
	defaultWriteTimeout     = 30 * time.Second
	defaultMinBodyRate      = 64 << 10
	defaultMaxConnections   = 1024
	defaultIdleTimeout      = 2 * time.Minute
	defaultKeepaliveTime    = 30 * time.Second
	defaultKeepaliveTimeout = 10 * time.Second
	// adminWriteTimeout bounds an admin response: long enough for a CPU
	// profile of up to a minute.
	adminWriteTimeout = 90 * time.Second
	// minClientPing is the most often a gRPC client may ping; a client
	// pinging more often is disconnected (GOAWAY too_many_pings).
	minClientPing = 10 * time.Second
)

// registerMemory adds the flags of m to f.
func registerMemory(f *flags, m *Memory) {
	f.Int64(&m.MemoryLimit, "memory-limit", 0,
		"bytes of memory the server should stay within: the response limits' defaults derive from it and, without GOMEMLIMIT, the Go soft memory limit is 3/4 of it; 0: GOMEMLIMIT, else the cgroup's limit, else 1 GiB")
	f.Int64(&m.ResponseBudget, "response-budget-bytes", 0,
		"bytes of responses (by estimated JSON size) built or being sent at once by the whole server; more wait up to --queue-timeout, then get RESOURCE_EXHAUSTED/429; 0: --memory-limit / 32; negative: no budget")
	f.Int64(&m.MaxResponseBytes, "max-response-bytes", 0,
		"largest result of one document (estimated JSON size); larger is INVALID_ARGUMENT/400; 0: a quarter of --response-budget-bytes")
	f.Int64(&m.MaxBatchResponseBytes, "max-batch-response-bytes", 0,
		"largest response of one BatchExtract call (estimated JSON size); larger fails the call with INVALID_ARGUMENT/400 (BatchExtractStream has no such limit); 0: half of --response-budget-bytes")
	f.Duration(&m.WriteTimeout, "write-timeout", defaultWriteTimeout,
		"longest one write of an HTTP response or to a gRPC connection may take; a client that stops reading is disconnected")
	f.Int64(&m.MinBodyRate, "min-body-rate", defaultMinBodyRate,
		"slowest an HTTP request body may arrive, in bytes per second after a 2s grace period; slower gets 408; 0: no minimum")
	f.Int(&m.MaxConnections, "max-connections", defaultMaxConnections,
		"connections held open by each of the gRPC and HTTP listeners; more wait in the kernel's backlog")
	f.Duration(&m.IdleTimeout, "idle-timeout", defaultIdleTimeout,
		"close HTTP keep-alive connections and gRPC connections without calls after this long")
	f.Duration(&m.KeepaliveTime, "keepalive-time", defaultKeepaliveTime,
		"ping a gRPC connection after this long without traffic")
	f.Duration(&m.KeepaliveTimeout, "keepalive-timeout", defaultKeepaliveTimeout,
		"close a gRPC connection whose ping gets no answer within this long")
}

// withDefaults fills in the zero fields.
func (m Memory) withDefaults() Memory {
	if m.MemoryLimit <= 0 {
		m.MemoryLimit = memoryLimit()
	}
	if m.ResponseBudget == 0 {
		m.ResponseBudget = m.MemoryLimit / 32
	}
	if m.MaxResponseBytes <= 0 {
		m.MaxResponseBytes = max(m.ResponseBudget/4, 1)
	}
	if m.MaxBatchResponseBytes <= 0 {
		m.MaxBatchResponseBytes = max(m.ResponseBudget/2, 1)
	}
	if m.WriteTimeout <= 0 {
		m.WriteTimeout = defaultWriteTimeout
	}
	if m.MinBodyRate == 0 {
		m.MinBodyRate = defaultMinBodyRate
	}
	if m.MaxConnections <= 0 {
		m.MaxConnections = defaultMaxConnections
	}
	if m.IdleTimeout <= 0 {
		m.IdleTimeout = defaultIdleTimeout
	}
	if m.KeepaliveTime <= 0 {
		m.KeepaliveTime = defaultKeepaliveTime
	}
	if m.KeepaliveTimeout <= 0 {
		m.KeepaliveTimeout = defaultKeepaliveTimeout
	}
	return m
}

// memoryLimit is the memory the process may use: GOMEMLIMIT if it is set,
// else the limit of its cgroup (v2, then v1), else 1 GiB.
func memoryLimit() int64 {
	if l := debug.SetMemoryLimit(-1); l > 0 && l < math.MaxInt64 {
		return l
	}
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
		if err == nil && n > 0 && n < 1<<50 { // "max" or a huge v1 value: no limit
			return n
		}
	}
	return defaultMemoryLimit
}

// setSoftMemoryLimit gives the Go runtime a soft memory limit of three
// quarters of limit (0: [memoryLimit]) unless GOMEMLIMIT (gomemlimit) sets
// one, so that the GC collects hard before the process nears the memory it
// has, as it would with GOMEMLIMIT set by hand.
func setSoftMemoryLimit(limit int64, gomemlimit string, log *slog.Logger) {
	if gomemlimit != "" {
		return
	}
	if limit <= 0 {
		limit = memoryLimit()
	}
	debug.SetMemoryLimit(limit / 4 * 3)
	log.Debug("soft memory limit", "bytes", limit/4*3)
}

// limitListener holds at most m.MaxConnections connections of l open.
func (m Memory) limitListener(l net.Listener) net.Listener {
	if m.MaxConnections <= 0 {
		return l
	}
	return netutil.LimitListener(l, m.MaxConnections)
}

// writeTimeoutListener gives every connection of l a deadline of timeout
// on each write: a gRPC client that stops reading (its TCP window stays
// shut) is cut off after timeout instead of pinning the responses queued
// for it. A healthy gRPC client always reads its connection (HTTP/2 flow
// control, not TCP, slows the server down), so it never hits this.
type writeTimeoutListener struct {
	net.Listener
	timeout time.Duration
}

func (l writeTimeoutListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &writeTimeoutConn{Conn: c, timeout: l.timeout}, nil
}

type writeTimeoutConn struct {
	net.Conn
	timeout time.Duration
}

func (c *writeTimeoutConn) Write(p []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(p)
}

// tlsErrorFilter is the output of the HTTP server's error log: it drops
// the lines of failed TLS handshakes, which a port scanner or a client
// without the right certificate causes once per connection, counting them
// instead (count may be nil), and passes every other line to next.
type tlsErrorFilter struct {
	next  io.Writer
	count func()
}

func (f tlsErrorFilter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("TLS handshake error")) {
		if f.count != nil {
			f.count()
		}
		return len(p), nil
	}
	return f.next.Write(p)
}
