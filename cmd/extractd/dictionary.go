package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/entityextraction/extractd/extractor/dictionary"
	"github.com/entityextraction/extractd/server"
)

// DictionaryConfig is the configuration of the user's dictionaries.
type DictionaryConfig struct {
	DictionaryFiles []string // --dictionary, repeatable
	DictionarySkip  bool     // --dictionary-skip-bad: leave bad lines out instead of refusing to start
}

// dictionarySetter is what a reload needs from the extractor.
type dictionarySetter interface {
	SetDictionary(*dictionary.Dictionary)
	Dictionary() *dictionary.Dictionary
}

// dictionaries loads the --dictionary files and reloads them on SIGHUP and
// on POST /dictionary/reload at the admin listener.
type dictionaries struct {
	paths   []string
	skipBad bool
	log     *slog.Logger
	mu      sync.Mutex             // one load at a time
	reloads *prometheus.CounterVec // by result; nil without metrics
	ex      dictionarySetter       // where reloads go
}

// startReloads returns the reloader of cfg's dictionaries into ex, serving
// SIGHUP until ctx ends, or nil when there are no dictionaries (or ex
// cannot take one). A nil *dictionaries does nothing.
func startReloads(ctx context.Context, cfg Config, ex any, log *slog.Logger) *dictionaries {
	setter, ok := ex.(dictionarySetter)
	if len(cfg.DictionaryFiles) == 0 || !ok {
		return nil
	}
	d := &dictionaries{paths: cfg.DictionaryFiles, skipBad: cfg.DictionarySkip, log: log, ex: setter}
	d.serveReloads(ctx)
	return d
}

// register adds the dictionary's metrics to reg:
//
//	extractd_dictionary_entries        gauge: entries of the dictionary in use
//	extractd_dictionary_reloads_total  counter by result (ok, failed)
func (d *dictionaries) register(m *server.Metrics) {
	if d == nil || m == nil {
		return
	}
	reg := m.Registry()
	d.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "extractd_dictionary_reloads_total", Help: "Reloads of the --dictionary files (SIGHUP, POST /dictionary/reload) by result; a failed one keeps the old dictionary."},
		[]string{"result"})
	d.reloads.WithLabelValues("ok")
	d.reloads.WithLabelValues("failed")
	reg.MustRegister(d.reloads, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "extractd_dictionary_entries", Help: "Entries of the dictionary in use."},
		func() float64 { return float64(d.ex.Dictionary().Len()) }))
}

// reloadResult is what a load reports, in the log and as the JSON answer of
// the reload endpoint.
type reloadResult struct {
	Files      []string `json:"files"`
	Entries    int      `json:"entries"`
	Phrases    int      `json:"phrases"`
	Patterns   int      `json:"patterns"`
	DurationMS float64  `json:"durationMs"`
	Warnings   []string `json:"warnings,omitempty"` // the first maxListed
	Errors     []string `json:"errors,omitempty"`   // the first maxListed, when the load failed
}

// loadGCPercent is the GC target (GOGC) while a dictionary loads.
const loadGCPercent = 20

// maxListed is the most problems logged or returned one by one.
const maxListed = 20

// load reads the files into a new dictionary. On failure the result lists
// the bad lines and the error is set.
func (d *dictionaries) load() (*dictionary.Dictionary, reloadResult, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	// Building a large dictionary makes garbage (the lines read, the
	// arrays outgrown) beside a live heap that grows to the dictionary's
	// size; a lower GC target while it loads keeps the peak near that size
	// rather than twice it, at little cost, as the dictionary's arrays hold
	// no pointers to scan. The caller then gives the memory freed back to
	// the system (see release), so that RSS shows what the dictionary
	// holds.
	defer debug.SetGCPercent(debug.SetGCPercent(loadGCPercent))
	start := time.Now()
	dict, err := dictionary.Load(d.paths, dictionary.Options{SkipBad: d.skipBad})
	res := reloadResult{Files: d.paths, DurationMS: float64(time.Since(start).Microseconds()) / 1000}
	if err != nil {
		var list dictionary.ErrorList
		if errors.As(err, &list) {
			for _, e := range list[:min(len(list), maxListed)] {
				res.Errors = append(res.Errors, e.Error())
			}
		} else {
			res.Errors = []string{err.Error()}
		}
		return nil, res, err
	}
	st := dict.Stats()
	res.Entries, res.Phrases, res.Patterns = st.Entries, st.Phrases, st.Patterns
	for _, w := range dict.Warnings()[:min(len(dict.Warnings()), maxListed)] {
		res.Warnings = append(res.Warnings, w.Error())
	}
	return dict, res, nil
}

// logResult logs a load: one line per bad line (up to maxListed), then a
// summary.
func (d *dictionaries) logResult(what string, res reloadResult, err error) {
	for _, w := range res.Warnings {
		d.log.Warn("dictionary line left out", "problem", w)
	}
	if err != nil {
		for _, e := range res.Errors {
			d.log.Error("bad dictionary line", "problem", e)
		}
		d.log.Error(what+" failed", "files", res.Files, "err", err)
		return
	}
	d.log.Info(what, "files", res.Files, "entries", res.Entries, "phrases", res.Phrases, "patterns", res.Patterns,
		"warnings", len(res.Warnings), "duration_ms", res.DurationMS)
}

// reload loads the files again and, if they load, swaps the new dictionary
// in: calls in flight finish with the old one. On failure the old one stays.
func (d *dictionaries) reload() (reloadResult, error) {
	dict, res, err := d.load()
	result := "failed"
	if err == nil {
		d.ex.SetDictionary(dict)
		result = "ok"
	}
	if d.reloads != nil {
		d.reloads.WithLabelValues(result).Inc()
	}
	release()
	d.logResult("dictionary reload", res, err)
	return res, err
}

// release gives the memory a load freed (and the old dictionary, once the
// calls that use it end) back to the system.
func release() { debug.FreeOSMemory() }

// handler serves POST /dictionary/reload: 200 with the new dictionary's
// counts, or 422 with the bad lines (the old dictionary stays).
func (d *dictionaries) handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		res, err := d.reload()
		w.Header().Set("Content-Type", "application/json")
		if err != nil {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(res)
	})
}

// loadDictionaries loads the --dictionary files, if any, into ex at start-up:
// a file with a bad line is an error (each bad line is logged) unless
// --dictionary-skip-bad is set.
func loadDictionaries(cfg Config, ex dictionarySetter, log *slog.Logger) error {
	if len(cfg.DictionaryFiles) == 0 {
		return nil
	}
	d := &dictionaries{paths: cfg.DictionaryFiles, skipBad: cfg.DictionarySkip, log: log}
	dict, res, err := d.load()
	d.logResult("dictionary loaded", res, err)
	if err != nil {
		return fmt.Errorf("loading the dictionaries: %w (each bad line is logged; --dictionary-skip-bad starts without them)", err)
	}
	ex.SetDictionary(dict)
	release()
	return nil
}

// serveReloads reloads the dictionaries into ex on each SIGHUP until ctx
// ends.
func (d *dictionaries) serveReloads(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				d.log.Info("SIGHUP: reloading the dictionaries")
				d.reload()
			}
		}
	}()
}

// withReload adds POST /dictionary/reload to an admin handler, behind the
// bearer-token check when there is one.
func (d *dictionaries) withReload(admin http.Handler, auth *server.TokenAuth) http.Handler {
	if d == nil {
		return admin
	}
	var h http.Handler = d.handler()
	if auth != nil {
		h = auth.HTTP(h, true)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /dictionary/reload", h)
	mux.Handle("/", admin)
	return mux
}
