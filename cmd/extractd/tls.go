package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

// tlsSetup is the TLS configuration of both listeners, loaded once from
// files at start-up.
type tlsSetup struct {
	config *tls.Config
}

// loadTLS reads a certificate and key and, for mutual TLS, a CA bundle that
// client certificates must chain to.
func loadTLS(certFile, keyFile, clientCAFile string) (*tlsSetup, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("loading --tls-cert/--tls-key: %w", err)
	}
	cfg := &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{cert},
		NextProtos:   []string{"h2", "http/1.1"},
	}
	if clientCAFile != "" {
		pem, err := os.ReadFile(clientCAFile)
		if err != nil {
			return nil, fmt.Errorf("--tls-client-ca: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("--tls-client-ca %s: no PEM certificate found", clientCAFile)
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return &tlsSetup{config: cfg}, nil
}

// grpcCreds are TLS credentials for every connection except those of the
// in-process gateway, which arrive on an [internalListener] and carry no
// network traffic.
func (t *tlsSetup) grpcCreds() credentials.TransportCredentials {
	return internalOrTLS{credentials.NewTLS(t.config)}
}

// httpListener wraps l so that the HTTP server speaks TLS on it.
func (t *tlsSetup) httpListener(l net.Listener) net.Listener {
	return tls.NewListener(l, t.config)
}

type internalOrTLS struct {
	credentials.TransportCredentials
}

// internalAuth describes a connection from the gateway inside this process.
type internalAuth struct{ credentials.CommonAuthInfo }

func (internalAuth) AuthType() string { return "in-process" }

func (c internalOrTLS) ServerHandshake(conn net.Conn) (net.Conn, credentials.AuthInfo, error) {
	if _, ok := conn.(internalConn); ok {
		return conn, internalAuth{credentials.CommonAuthInfo{SecurityLevel: credentials.PrivacyAndIntegrity}}, nil
	}
	return c.TransportCredentials.ServerHandshake(conn)
}

func (c internalOrTLS) Clone() credentials.TransportCredentials {
	return internalOrTLS{c.TransportCredentials.Clone()}
}

// internalListener is an in-memory listener through which the gateway
// reaches the gRPC server when the network listener needs TLS: the gateway
// then needs no client certificate, and nothing plain-text is exposed on
// the network.
type internalListener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
}

type internalConn struct{ net.Conn }

func newInternalListener() *internalListener {
	return &internalListener{conns: make(chan net.Conn), closed: make(chan struct{})}
}

func (l *internalListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return internalConn{c}, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *internalListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

func (l *internalListener) Addr() net.Addr { return internalAddr{} }

// dial connects to the listener.
func (l *internalListener) dial(ctx context.Context, _ string) (net.Conn, error) {
	server, client := net.Pipe()
	select {
	case l.conns <- server:
		return client, nil
	case <-l.closed:
		return nil, errors.New("extractd: the gRPC server is shut down")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// dialOptions make a grpc.ClientConn reach the listener, whatever its target.
func (l *internalListener) dialOptions() []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithContextDialer(l.dial),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	}
}

type internalAddr struct{}

func (internalAddr) Network() string { return "memory" }
func (internalAddr) String() string  { return "in-process" }
