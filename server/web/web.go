package web

import (
	"embed"
	"html"
	"net/http"
	"strconv"
	"strings"
)

// Sample is the news article the page's text box holds when it loads.
//
//go:embed sample.txt
var Sample string

//go:embed static
var static embed.FS

// placeholder marks where index.html takes the sample text.
const placeholder = "{{SAMPLE}}"

// page is index.html with the sample article filled in, HTML-escaped.
var page = []byte(strings.ReplaceAll(mustRead("static/index.html"), placeholder, html.EscapeString(Sample)))

// mustRead returns an embedded file; the files are fixed at build time and
// the package's tests read every one, so a read error cannot happen in a
// binary that passed them. It returns "" rather than panicking.
func mustRead(name string) string {
	b, err := static.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(b)
}

// contentSecurityPolicy allows the page only its own scripts, styles and
// API calls: no inline script, no third-party origin.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// assets are the files the page loads, by name under /demo/, with their
// content types.
var assets = map[string]string{
	"style.css": "text/css; charset=utf-8",
	"app.js":    "text/javascript; charset=utf-8",
}

// Handler returns the handler of the page and its files: "GET /" serves
// the page and "GET /demo/style.css" and "GET /demo/app.js" its style sheet
// and script. It answers 404 to anything else.
func Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		serve(w, r, "text/html; charset=utf-8", page)
	})
	for name, ctype := range assets {
		body := []byte(mustRead("static/" + name))
		mux.HandleFunc("GET /demo/"+name, func(w http.ResponseWriter, r *http.Request) {
			serve(w, r, ctype, body)
		})
	}
	return secure(mux)
}

// Mount returns a handler that serves the page as [Handler] does and passes
// every other request, such as the API's, to api. Requests for "/" and
// "/demo/" other than GET and HEAD go to api too.
func Mount(api http.Handler) http.Handler {
	h := Handler()
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", h)
	mux.Handle("GET /demo/", h)
	mux.Handle("/", api)
	return mux
}

// serve writes body with its content type. The files change only with the
// binary, so browsers are told to revalidate rather than to cache them.
func serve(w http.ResponseWriter, r *http.Request, ctype string, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// secure adds headers that keep the page from being framed or sniffed and
// limit what it may load.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", contentSecurityPolicy)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}
