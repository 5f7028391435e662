package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc/metadata"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

func writeDict(t *testing.T, path, id string) {
	t.Helper()
	body := "phrase\ttype\tid\taliases\nAcme Rockets\tCOMPANY\t" + id + "\tAcme\n"
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDictionaryReload reloads the dictionary through the admin endpoint
// and SIGHUP while calls run: no call fails, each sees one dictionary
// whole, a broken file is refused and the old dictionary stays.
func TestDictionaryReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "names.tsv")
	writeDict(t, path, "A1")
	cfg := testConfig()
	cfg.DictionaryFiles = []string{path}
	cfg.AdminAddr = freeAddr(t)
	cfg.AuthTokens = []string{"s3cret"}
	ex, err := newExtractor(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDictionaries(cfg, ex, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	ts := start(t, cfg, ex)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer s3cret")

	var seen sync.Map // external ids seen
	var calls, failed atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := ts.client.Extract(ctx, &extractv1.ExtractRequest{Text: "Acme Rockets said Acme would grow."})
				calls.Add(1)
				if err != nil || len(resp.GetCustomEntities()) != 1 || len(resp.GetCustomEntities()[0].GetMentions()) != 2 {
					failed.Add(1)
					t.Errorf("Extract during reloads = %v, %v; want one entity with 2 mentions", resp.GetCustomEntities(), err)
					continue
				}
				seen.Store(resp.GetCustomEntities()[0].GetLink().GetExternalId(), true)
			}
		})
	}
	waitSeen := func(id string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			if _, ok := seen.Load(id); ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("no call saw %s", id)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	reload := func(token string) (int, map[string]any) {
		t.Helper()
		req, _ := http.NewRequest("POST", "http://"+cfg.AdminAddr+"/dictionary/reload", nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		var out map[string]any
		json.Unmarshal(b, &out)
		return resp.StatusCode, out
	}

	waitSeen("A1")
	writeDict(t, path, "A2")
	if code, _ := reload(""); code != http.StatusUnauthorized {
		t.Errorf("POST /dictionary/reload without a token = %d; want 401", code)
	}
	if code, out := reload("s3cret"); code != http.StatusOK || out["entries"] != float64(1) {
		t.Errorf("POST /dictionary/reload = %d %v; want 200 with 1 entry", code, out)
	}
	waitSeen("A2")

	// A broken file is refused, naming the line; the old dictionary stays.
	if err := os.WriteFile(path, []byte("phrase\ttype\tid\nAcme Rockets\tNOT A TYPE\tA9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out := reload("s3cret")
	if errs, _ := out["errors"].([]any); code != http.StatusUnprocessableEntity || len(errs) != 1 || !strings.HasPrefix(errs[0].(string), path+":2: bad type") {
		t.Errorf("POST /dictionary/reload of a broken file = %d %v; want 422 naming %s:2", code, out, path)
	}
	time.Sleep(50 * time.Millisecond)
	seen.Delete("A2")
	waitSeen("A2")

	// SIGHUP.
	writeDict(t, path, "A3")
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitSeen("A3")
	close(stop)
	wg.Wait()
	// The metrics count the reloads: two through the endpoint (one failed)
	// and one by SIGHUP.
	resp, err := http.Get("http://" + cfg.AdminAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`extractd_dictionary_reloads_total{result="ok"} 2`, `extractd_dictionary_reloads_total{result="failed"} 1`, "extractd_dictionary_entries 1"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if _, ok := seen.Load("A9"); ok || failed.Load() > 0 || calls.Load() < 10 {
		t.Errorf("%d calls, %d failed, A9 seen %v; want no failure and never A9", calls.Load(), failed.Load(), ok)
	}
}

func TestDictionaryRefusesToStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(path, []byte(`{"phrase": "a", "type": "X"}`+"\n"+`{"phrase": "b"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig()
	cfg.DictionaryFiles = []string{path}
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	log := slog.New(slog.NewTextHandler(&logged, nil))
	err = loadDictionaries(cfg, ex, log)
	if err == nil || !strings.Contains(logged.String(), path+":2: bad type") || !strings.Contains(err.Error(), "--dictionary-skip-bad") {
		t.Errorf("loadDictionaries of a bad file = %v, log %q; want an error, and the line logged", err, logged.String())
	}
	cfg.DictionarySkip = true
	logged.Reset()
	if err := loadDictionaries(cfg, ex, log); err != nil || ex.Dictionary().Len() != 1 || !strings.Contains(logged.String(), "dictionary line left out") {
		t.Errorf("loadDictionaries with --dictionary-skip-bad = %v, %d entries, log %q; want 1 entry and a warning", err, ex.Dictionary().Len(), logged.String())
	}
}
