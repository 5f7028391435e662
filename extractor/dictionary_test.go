package extractor_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/dictionary"
)

func newDict(tb testing.TB, jsonl string) *dictionary.Dictionary {
	tb.Helper()
	entries, bad := dictionary.Parse(strings.NewReader(jsonl), "test.jsonl", dictionary.JSONL)
	if len(bad) > 0 {
		tb.Fatal(bad)
	}
	d, err := dictionary.New(entries, dictionary.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// find returns the entity of res with a mention whose text is text.
func find(res *extractor.Result, text string) *extractor.Entity {
	for _, list := range [][]extractor.Entity{res.Entities, res.Custom} {
		for i := range list {
			for _, m := range list[i].Mentions {
				if m.Text == text {
					return &list[i]
				}
			}
		}
	}
	return nil
}

const dictText = "Bill Gates said the Gates Foundation would pay $5 million. Bukayo Saka scored for Arsenal. " +
	"Saka later bought a Galaxy S24 and filed ABC-1234 about the S24, then took Tylenol. \"It broke,\" Saka said."

const dictLines = `{"phrase": "Gates Foundation", "type": "ORGANIZATION", "id": "Q1"}
{"phrase": "Bukayo Saka", "type": "PERSON", "id": "Q2", "metadata": {"club": "Arsenal"}}
{"phrases": ["Galaxy S24", "S24"], "type": "PRODUCT", "id": "SM-S921"}
{"pattern": "/[A-Z]{2,5}-\\d{3,6}/", "type": "TICKET"}
{"phrase": "Tylenol", "type": "DRUG", "name": "Paracetamol", "id": "N02BE01"}
{"pattern": "$ <number>", "type": "PRICE"}`

func TestDictionary(t *testing.T) {
	t.Parallel()
	ex, err := extractor.New(extractor.WithDictionary(newDict(t, dictLines)))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ex.Extract(context.Background(), dictText)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, mention string
		typ           extractor.EntityType
		typeName      string
		entName, id   string
		mentions      int
	}{
		{"a built-in entry overrides the model", "Gates Foundation", extractor.Organization, "", "Gates Foundation", "Q1", 1},
		{"the model's own entities stay", "Bill Gates", extractor.Person, "", "Bill Gates", "", 1},
		{"a person is linked and grouped with its short form", "Saka", extractor.Person, "", "Bukayo Saka", "Q2", 3},
		{"a custom entity groups its aliases", "S24", extractor.Custom, "PRODUCT", "Galaxy S24", "SM-S921", 2},
		{"a pattern names its entity by its text", "ABC-1234", extractor.Custom, "TICKET", "ABC-1234", "", 1},
		{"a custom entry wins over the model and has its own name", "Tylenol", extractor.Custom, "DRUG", "Paracetamol", "N02BE01", 1},
		{"a pattern over a money amount", "$5", extractor.Custom, "PRICE", "$5", "", 1},
	}
	for _, tt := range tests {
		e := find(res, tt.mention)
		switch {
		case e == nil:
			t.Errorf("%s: no entity has the mention %q", tt.name, tt.mention)
		case e.Type != tt.typ || e.TypeName != tt.typeName || e.Name != tt.entName || e.ExternalID != tt.id || len(e.Mentions) != tt.mentions:
			t.Errorf("%s: entity of %q = %v %q %q id %q with %d mentions; want %v %q %q id %q with %d",
				tt.name, tt.mention, e.Type, e.TypeName, e.Name, e.ExternalID, len(e.Mentions), tt.typ, tt.typeName, tt.entName, tt.id, tt.mentions)
		}
	}
	if e := find(res, "Saka"); e != nil && e.Metadata["club"] != "Arsenal" {
		t.Errorf("metadata of Bukayo Saka = %v; want club Arsenal", e.Metadata)
	}
	if len(res.Money) != 1 || res.Money[0].Text != "$5 million" {
		t.Errorf("Money = %+v; want $5 million, whatever the dictionary matches inside it", res.Money)
	}
	if len(res.Quotes) != 1 || res.Quotes[0].Speaker != "Bukayo Saka" {
		t.Errorf("Quotes = %+v; want one by Bukayo Saka", res.Quotes)
	}
	sum := 0.0
	for _, e := range append(res.Entities, res.Custom...) {
		sum += e.Salience
		if e.Salience <= 0 {
			t.Errorf("entity %s %q has salience %v; want > 0", e.ID, e.Name, e.Salience)
		}
	}
	if sum > 1.000001 {
		t.Errorf("saliences sum to %v; want at most 1", sum)
	}
	for i, e := range res.Custom {
		if want := "c" + string(rune('1'+i)); e.ID != want {
			t.Errorf("Custom[%d].ID = %q; want %q", i, e.ID, want)
		}
	}

	// Without the feature there are no custom entities, and the built-in
	// entries still apply.
	res, err = ex.ExtractFeatures(context.Background(), dictText, extractor.People|extractor.Organizations)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Custom) != 0 || find(res, "Gates Foundation") == nil || find(res, "Tylenol") != nil {
		t.Errorf("ExtractFeatures(People|Organizations): custom %d, Gates Foundation %v, Tylenol %v; want 0, found, not found",
			len(res.Custom), find(res, "Gates Foundation") != nil, find(res, "Tylenol") != nil)
	}
	// Only custom entities: the tagger need not run.
	res, err = ex.ExtractFeatures(context.Background(), dictText, extractor.CustomEntities)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entities) != 0 || len(res.Custom) != 4 {
		t.Errorf("ExtractFeatures(CustomEntities) = %d entities, %d custom; want 0 and 4", len(res.Entities), len(res.Custom))
	}
}

func TestDictionaryInContext(t *testing.T) {
	t.Parallel()
	ex, err := extractor.New(extractor.WithDictionary(newDict(t, `{"phrase": "Mercury", "type": "PLANET", "id": "server"}`)))
	if err != nil {
		t.Fatal(err)
	}
	text := "Mercury is toxic, said Dr. Jones."
	ctx := extractor.ContextWithDictionary(context.Background(), newDict(t, `{"phrase": "Mercury", "type": "ELEMENT", "id": "Hg"}`))
	for _, c := range []struct {
		ctx     context.Context
		typ, id string
		whatCtx string
	}{{context.Background(), "PLANET", "server", "no dictionary of its own"}, {ctx, "ELEMENT", "Hg", "a dictionary of its own"}} {
		res, err := ex.Extract(c.ctx, text)
		if err != nil {
			t.Fatal(err)
		}
		if e := find(res, "Mercury"); e == nil || e.TypeName != c.typ || e.ExternalID != c.id {
			t.Errorf("Extract with %s: Mercury = %+v; want %s %s", c.whatCtx, e, c.typ, c.id)
		}
	}
}

// TestSetDictionary swaps dictionaries while calls run: every call succeeds
// and sees one dictionary or the other, whole.
func TestSetDictionary(t *testing.T) {
	t.Parallel()
	a := newDict(t, `{"phrases": ["Acme", "Acme Rockets"], "type": "COMPANY", "id": "A"}`)
	b := newDict(t, `{"phrases": ["Acme", "Acme Rockets"], "type": "COMPANY", "id": "B"}`)
	ex, err := extractor.New(extractor.WithDictionary(a))
	if err != nil {
		t.Fatal(err)
	}
	text := "Acme Rockets said Acme would grow."
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := ex.Extract(context.Background(), text)
				if err != nil {
					t.Error(err)
					return
				}
				if len(res.Custom) != 1 || (res.Custom[0].ExternalID != "A" && res.Custom[0].ExternalID != "B") || len(res.Custom[0].Mentions) != 2 {
					t.Errorf("Extract during a swap = %+v; want one entity of A or B with 2 mentions", res.Custom)
					return
				}
			}
		})
	}
	for i := range 200 {
		if i%2 == 0 {
			ex.SetDictionary(b)
		} else {
			ex.SetDictionary(a)
		}
	}
	ex.SetDictionary(nil)
	close(stop)
	wg.Wait()
	if ex.Dictionary() != nil {
		t.Error("Dictionary() after SetDictionary(nil) is not nil")
	}
}
