// Package corpus generates a synthetic corpus of news-like documents in the
// JSON Lines format of `extract --jsonl`, with a share of bad documents that
// the service refuses, for tests and benchmarks of bulk extraction.
package corpus

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

//go:embed words.json
var wordsJSON []byte

// words are the names and phrases the documents are made of (words.json).
type words struct {
	First      []string `json:"first"`
	Last       []string `json:"last"`
	Places     []string `json:"places"`
	Orgs       []string `json:"orgs"`
	Roles      []string `json:"roles"`
	Quotes     []string `json:"quotes"`
	Currencies []string `json:"currencies"`
}

// Bad is a kind of bad document: one that the service refuses.
type Bad int

// The kinds of bad documents, in the order they take turns.
const (
	EmptyText      Bad = iota // "text": ""
	BlankText                 // only white space
	InvalidUTF8               // a byte that is not UTF-8 inside the text
	NotJSON                   // a truncated line
	UnknownField              // a misspelt field
	UnknownFeature            // a feature that does not exist
	TooLong                   // text over the size limit (only every Config.TooLongEvery-th bad document: they are big)
	numBad
)

// Config says what to generate.
type Config struct {
	Docs     int     // number of documents
	BadShare float64 // share of bad documents, e.g. 0.01: every round(1/BadShare)-th document is bad
	MaxBytes int     // the size limit a TooLong document exceeds by one byte
	// TooLongEvery makes every TooLongEvery-th bad document too long (they
	// are big); 0 makes none.
	TooLongEvery int
	Seed         uint64
}

// Counts says what was generated.
type Counts struct {
	Docs, Bad int
	Bytes     int64
}

// Write writes cfg.Docs lines to w, or to the writer for each line's shard
// when files > 1: line i goes to out(i % files).
func Write(cfg Config, out func(shard int) io.Writer, files int) (Counts, error) {
	var ws words
	if err := json.Unmarshal(wordsJSON, &ws); err != nil {
		return Counts{}, err
	}
	if files < 1 {
		files = 1
	}
	every := 0
	if cfg.BadShare > 0 {
		every = int(1/cfg.BadShare + 0.5)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	var c Counts
	nbad := 0
	for i := range cfg.Docs {
		id := fmt.Sprintf("doc-%08d", i)
		var line []byte
		if every > 0 && i%every == every-1 {
			kind := Bad(nbad % int(numBad-1))
			if cfg.TooLongEvery > 0 && nbad%cfg.TooLongEvery == cfg.TooLongEvery-1 {
				kind = TooLong
			}
			nbad++
			line = badLine(id, kind, cfg.MaxBytes)
			c.Bad++
		} else {
			line, _ = json.Marshal(map[string]string{"id": id, "text": ws.document(r)})
		}
		line = append(line, '\n')
		n, err := out(i % files).Write(line)
		c.Bytes += int64(n)
		if err != nil {
			return c, err
		}
		c.Docs++
	}
	return c, nil
}

func badLine(id string, kind Bad, maxBytes int) []byte {
	switch kind {
	case EmptyText:
		return fmt.Appendf(nil, `{"id":%q,"text":""}`, id)
	case BlankText:
		return fmt.Appendf(nil, `{"id":%q,"text":" \n\t "}`, id)
	case InvalidUTF8:
		return fmt.Appendf(nil, `{"id":%q,"text":"Anna Walsh visited Paris `+"\xff"+` on Monday."}`, id)
	case NotJSON:
		return fmt.Appendf(nil, `{"id":%q,"text":"Anna Walsh visited`, id)
	case UnknownField:
		return fmt.Appendf(nil, `{"id":%q,"txet":"Anna Walsh visited Paris."}`, id)
	case UnknownFeature:
		return fmt.Appendf(nil, `{"id":%q,"text":"Anna Walsh visited Paris.","features":["FEATURE_WEATHER"]}`, id)
	default: // TooLong
		return fmt.Appendf(nil, `{"id":%q,"text":"%s"}`, id, strings.Repeat("a", maxBytes+1))
	}
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// document is a short news story: two to five sentences naming people,
// places, organizations and money, often with a quotation.
func (ws *words) document(r *rand.Rand) string {
	person := func() string { return pick(r, ws.First) + " " + pick(r, ws.Last) }
	money := func() string {
		return fmt.Sprintf("%s%d.%d %s", pick(r, ws.Currencies), 1+r.IntN(900), r.IntN(10), []string{"million", "billion"}[r.IntN(2)])
	}
	capital := func(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
	p1, p2 := person(), person()
	org, place := pick(r, ws.Orgs), pick(r, ws.Places)
	last1 := p1[strings.LastIndexByte(p1, ' ')+1:]
	var b strings.Builder
	fmt.Fprintf(&b, "%s, the %s of %s, said on Monday that the group would spend %s in %s. ",
		p1, pick(r, ws.Roles), org, money(), place)
	sentences := []func(){
		func() {
			fmt.Fprintf(&b, "\"%s,\" %s told reporters in %s. ", pick(r, ws.Quotes), last1, pick(r, ws.Places))
		},
		func() {
			fmt.Fprintf(&b, "%s shares rose after %s, the %s at %s, announced a %s deal. ",
				capital(pick(r, ws.Orgs)), p2, pick(r, ws.Roles), pick(r, ws.Orgs), money())
		},
		func() {
			fmt.Fprintf(&b, "Officials in %s and %s did not comment. ", pick(r, ws.Places), pick(r, ws.Places))
		},
		func() {
			fmt.Fprintf(&b, "%s said %s had asked %s for %s. ", p2, last1, pick(r, ws.Orgs), money())
		},
	}
	for _, k := range r.Perm(len(sentences))[:1+r.IntN(len(sentences))] {
		sentences[k]()
	}
	return strings.TrimSpace(b.String())
}
