package server

import (
	"net/http"
	"strings"
	"time"
)

// HTTP wraps h with the token check, made from the request's headers
// before anything else: a request without a valid token is answered 401
// before its body is read, so it cannot take room in any budget. /healthz
// needs no token; neither does any path outside the API (/v1/...), such as
// /metrics, /openapi.json and the demo page, unless all is true.
func (a *TokenAuth) HTTP(h http.Handler, all bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		open := r.URL.Path == "/healthz" || (!all && !strings.HasPrefix(r.URL.Path, "/v1/"))
		if !open {
			if err := a.checkHeader(r.Header.Get("Authorization")); err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="extractd"`)
				w.Header().Set("Connection", "close") // the body is left unread
				writeStatusJSON(w, http.StatusUnauthorized, 16, err.Error())
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// SecureHeaders adds X-Content-Type-Options: nosniff to every response
// and, when hsts is true (the server speaks TLS), Strict-Transport-Security.
func SecureHeaders(h http.Handler, hsts bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if hsts {
			w.Header().Set("Strict-Transport-Security", "max-age=31536000")
		}
		h.ServeHTTP(w, r)
	})
}

// GuardWrites bounds the time each write of a response may take to
// timeout (0: no limit): a client that stops reading is cut off instead of
// pinning the response (and its share of the response budget, see
// [ResponseBudget.HTTP]) for as long as it stays connected. Streamed
// responses are not cut while they progress.
func GuardWrites(h http.Handler, timeout time.Duration) http.Handler {
	if timeout <= 0 {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(&guardedWriter{ResponseWriter: w, rc: http.NewResponseController(w), timeout: timeout}, r)
	})
}

type guardedWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (g *guardedWriter) arm() { g.rc.SetWriteDeadline(time.Now().Add(g.timeout)) }

func (g *guardedWriter) Write(p []byte) (int, error) {
	g.arm()
	return g.ResponseWriter.Write(p)
}

func (g *guardedWriter) Flush() {
	g.arm()
	g.rc.Flush()
}

// Unwrap lets http.ResponseController reach the server's writer.
func (g *guardedWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// methodNotAllowed answers 405 with an Allow header and a JSON status.
func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeStatusJSON(w, http.StatusMethodNotAllowed, 12,
			"method "+r.Method+" is not allowed on "+r.URL.Path+"; use "+allow)
	}
}
