package quote_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/quote"
)

// sieveCase is one case of testdata/sieves/NAME.json: a text and, for some
// of its quotations, the speaker and the sieve that must decide it (NAME,
// the sieve the file is for, when the case does not say).
type sieveCase struct {
	Name   string `json:"name"`
	Text   string `json:"text"`
	Quotes []struct {
		Nth     int    `json:"nth"`     // which quotation, from 1 (0 means 1)
		Speaker string `json:"speaker"` // the speaker's name, "" for none
		Entity  bool   `json:"entity"`  // the speaker is linked to an entity
		Sieve   string `json:"sieve"`   // "" for the file's sieve
	} `json:"quotes"`
}

func TestSieveCases(t *testing.T) {
	files, err := filepath.Glob("testdata/sieves/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files in testdata/sieves (%v)", err)
	}
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if !slices.Contains(quote.Sieves(), name) {
			t.Fatalf("%s: %q is not one of the sieves %v", f, name, quote.Sieves())
		}
		t.Run(name, func(t *testing.T) { runSieveCases(t, ex, f, name) })
	}
}

// runSieveCases checks the cases of one file; sieve is the file's sieve.
func runSieveCases(t *testing.T, ex *extractor.Extractor, file, sieve string) {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []sieveCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			res, err := ex.Extract(context.Background(), tc.Text)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tc.Quotes {
				n := max(want.Nth, 1)
				if want.Sieve == "" {
					want.Sieve = sieve
				}
				if !slices.Contains(quote.Sieves(), want.Sieve) {
					t.Fatalf("sieve %q is not one of %v", want.Sieve, quote.Sieves())
				}
				if len(res.Quotes) < n {
					t.Fatalf("Extract found %d quotations; want at least %d", len(res.Quotes), n)
				}
				q := res.Quotes[n-1]
				sameSpeaker := quote.SameSpeaker(q.Speaker, want.Speaker) || q.Speaker == "" && want.Speaker == ""
				if !sameSpeaker || (q.SpeakerEntityID != "") != want.Entity || q.Sieve != want.Sieve {
					t.Errorf("quotation %d %q: speaker %q (entity %q), sieve %q; want %q (entity %v), sieve %q",
						n, q.Text, q.Speaker, q.SpeakerEntityID, q.Sieve, want.Speaker, want.Entity, want.Sieve)
				}
			}
		})
	}
}
