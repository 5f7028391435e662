package web

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSampleMatchesTestdata keeps the embedded copy of the sample article
// equal to the repository's testdata/ file, which go:embed cannot reach.
func TestSampleMatchesTestdata(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		t.Skipf("testdata not found: %v", err)
	}
	if Sample != string(want) {
		t.Errorf("server/web/sample.txt differs from testdata/putin-lukashenka-sochi.txt; copy it again")
	}
}

func TestEmbeddedFiles(t *testing.T) {
	for _, name := range []string{"index.html", "style.css", "app.js"} {
		t.Run(name, func(t *testing.T) {
			b, err := static.ReadFile("static/" + name)
			if err != nil || len(b) == 0 {
				t.Fatalf("ReadFile(static/%s) = %d bytes, %v; want the file", name, len(b), err)
			}
		})
	}
	if strings.Contains(string(page), placeholder) {
		t.Errorf("page still contains %q", placeholder)
	}
	if !strings.Contains(string(page), html.EscapeString(Sample)) {
		t.Errorf("page does not contain the escaped sample article")
	}
}

// apiStub stands for the API handler behind Mount.
var apiStub = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTeapot)
	io.WriteString(w, `{"api":true}`)
})

func TestMount(t *testing.T) {
	t.Parallel()
	h := Mount(apiStub)
	tests := []struct {
		name       string
		method     string
		path       string
		wantStatus int
		wantType   string // Content-Type prefix
		wantBody   string // a substring of the body
		wantCSP    bool
	}{
		{"page", "GET", "/", 200, "text/html", "<textarea", true},
		{"page has sample", "GET", "/", 200, "text/html", "Alyaksandr Lukashenka will hold talks", true},
		{"page head", "HEAD", "/", 200, "text/html", "", true},
		{"css", "GET", "/demo/style.css", 200, "text/css", "--per", true},
		{"js", "GET", "/demo/app.js", 200, "text/javascript", "ENCODING_TYPE_UTF16", true},
		{"no listing", "GET", "/demo/", 404, "", "", true},
		{"no template", "GET", "/demo/index.html", 404, "", "", true},
		{"extract goes to api", "POST", "/v1/extract", 418, "application/json", `"api"`, false},
		{"post root goes to api", "POST", "/", 418, "application/json", `"api"`, false},
		{"openapi goes to api", "GET", "/openapi.json", 418, "application/json", `"api"`, false},
		{"healthz goes to api", "GET", "/healthz", 418, "application/json", `"api"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			res := rec.Result()
			body := rec.Body.String()
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s: status %d; want %d", tt.method, tt.path, res.StatusCode, tt.wantStatus)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("%s %s: Content-Type %q; want %q…", tt.method, tt.path, ct, tt.wantType)
			}
			if !strings.Contains(body, tt.wantBody) {
				t.Errorf("%s %s: body lacks %q", tt.method, tt.path, tt.wantBody)
			}
			if tt.method == "HEAD" && body != "" {
				t.Errorf("HEAD %s: body of %d bytes; want none", tt.path, len(body))
			}
			if got := res.Header.Get("Content-Security-Policy") != ""; got != tt.wantCSP {
				t.Errorf("%s %s: has Content-Security-Policy = %v; want %v", tt.method, tt.path, got, tt.wantCSP)
			}
		})
	}
}

// TestNoRemoteResources checks the page loads nothing from another origin.
func TestNoRemoteResources(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"index.html", "style.css", "app.js"} {
		t.Run(name, func(t *testing.T) {
			b, _ := static.ReadFile("static/" + name)
			for _, bad := range []string{"http://", "https://", "//cdn", "<script>"} {
				if strings.Contains(string(b), bad) {
					t.Errorf("%s contains %q: the page must load only its own files", name, bad)
				}
			}
		})
	}
}
