package server

import (
	"net/http"
	"slices"
	"strings"
)

// CORS lets browser pages from origins call the HTTP API: it answers
// preflight requests and adds Access-Control-Allow-Origin to the responses
// for an allowed Origin. The single origin "*" allows any origin (without
// credentials). With no origins, h is returned unchanged and browsers keep
// their same-origin rule.
func CORS(h http.Handler, origins []string) http.Handler {
	if len(origins) == 0 {
		return h
	}
	any := slices.Contains(origins, "*")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		w.Header().Add("Vary", "Origin")
		if origin == "" || (!any && !slices.Contains(origins, origin)) {
			h.ServeHTTP(w, r)
			return
		}
		if any {
			w.Header().Set("Access-Control-Allow-Origin", "*")
		} else {
			w.Header().Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Grpc-Timeout")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// SplitList splits a comma-separated flag value, dropping empty items.
func SplitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
