package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// TokenAuth checks that every call carries one of a fixed set of bearer
// tokens in its "authorization" metadata ("Bearer <token>"). The HTTP
// gateway forwards the Authorization header as that metadata, so one check
// covers both transports. Health checks are exempt, so that load balancers
// and Kubernetes probes need no token.
type TokenAuth struct {
	sums [][sha256.Size]byte
}

// ErrNoTokens is returned by [NewTokenAuth] for an empty token list.
var ErrNoTokens = errors.New("server: no bearer tokens given")

// NewTokenAuth returns a check that accepts any of tokens. Empty strings and
// surrounding white space are ignored; at least one token must remain.
func NewTokenAuth(tokens []string) (*TokenAuth, error) {
	a := &TokenAuth{}
	for _, t := range tokens {
		if t = strings.TrimSpace(t); t != "" {
			a.sums = append(a.sums, sha256.Sum256([]byte(t)))
		}
	}
	if len(a.sums) == 0 {
		return nil, ErrNoTokens
	}
	return a, nil
}

// ParseTokens splits the contents of a token file or variable: one token per
// line or separated by commas; lines starting with # are comments.
func ParseTokens(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, t := range strings.Split(line, ",") {
			if t = strings.TrimSpace(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// ServerOptions returns the interceptors that enforce the check.
func (a *TokenAuth) ServerOptions() []grpc.ServerOption {
	return []grpc.ServerOption{
		grpc.ChainUnaryInterceptor(func(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
			if err := a.check(ctx, info.FullMethod); err != nil {
				return nil, err
			}
			return h(ctx, req)
		}),
		grpc.ChainStreamInterceptor(func(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
			if err := a.check(ss.Context(), info.FullMethod); err != nil {
				return err
			}
			return h(srv, ss)
		}),
	}
}

// check compares the call's token with every known token in constant time
// (the comparison is of SHA-256 sums, so their length leaks nothing either).
func (a *TokenAuth) check(ctx context.Context, method string) error {
	if strings.HasPrefix(method, "/grpc.health.v1.Health/") {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	vals := md.Get("authorization")
	if len(vals) == 0 {
		return status.Error(codes.Unauthenticated, `missing "authorization: Bearer <token>"`)
	}
	if err := a.checkHeader(vals[0]); err != nil {
		return status.Error(codes.Unauthenticated, err.Error())
	}
	return nil
}

// checkHeader checks the value of an authorization header.
func (a *TokenAuth) checkHeader(val string) error {
	if val == "" {
		return errors.New(`missing "authorization: Bearer <token>"`)
	}
	scheme, tok, ok := strings.Cut(val, " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return errors.New(`authorization must be "Bearer <token>"`)
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	match := 0
	for i := range a.sums {
		match |= subtle.ConstantTimeCompare(sum[:], a.sums[i][:])
	}
	if match != 1 {
		return errors.New("invalid bearer token")
	}
	return nil
}
