package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/ner/conll"
)

// A source is a labelled corpus under the data directory, with the terms
// its text comes under.
type source struct {
	name       string
	train, dev string // CoNLL files, relative to the data directory
	ids        string // for GUM: the docs.jsonl whose ids name each document's genre, in file order
	conllu     string // for GUM: the folder of CoNLL-U files whose other named things become MISC
	stories    string // for the modern stories: their folder, relative to the repository root (not -data)
	partial    bool   // annotates PER, LOC and ORG only (no MISC)
	resegment  bool   // scored on its sentences joined by spaces: train on them cut as the extractor cuts that text (see resegment)
	commercial bool   // its text may be used to train a commercial model
}

// sources are the corpora -sources can name.
var sources = []source{
	{name: "conll", train: "conll2003/train.txt", dev: "conll2003/dev.txt", commercial: false},
	{name: "gum", train: "gum/train.conll", dev: "gum/dev.conll", ids: "gum/train.docs.jsonl", conllu: "gum/conllu", partial: true, commercial: true},
	// Universal NER's English Web Treebank has only a dev split here: train
	// on it with -holdout uner:K/N and score the held-out fold with
	// cmd/evaluate -fold K/N.
	{name: "uner", train: "uner-ewt/en_ewt-ud-dev.iob2", partial: true, resegment: true, commercial: true},
	// The hand-annotated modern news stories of the repository, batches 1
	// and 2 only (see readModern).
	{name: "modern", stories: "extractor/testdata/modern", partial: true, commercial: true},
}

// nonCommercialGenres are the GUM genres whose texts are licensed for
// non-commercial use only (../shared/data/gum/PROVENANCE.md).
var nonCommercialGenres = map[string]bool{"essay": true, "letter": true, "podcast": true, "fiction": true, "whow": true}

func findSource(name string) (source, error) {
	for _, s := range sources {
		if s.name == name {
			return s, nil
		}
	}
	var names []string
	for _, s := range sources {
		names = append(names, s.name)
	}
	return source{}, fmt.Errorf("unknown source %q (known: %s)", name, strings.Join(names, ", "))
}

// loadCorpora reads the named sources' training and dev corpora. With
// commercialOnly, sources and GUM genres whose text forbids commercial use
// are left out of training (dev files still choose epochs: they are not
// learned from).
func loadCorpora(dataDir string, names []string, commercialOnly, resegmentOK bool, holdouts map[string]fold, logf func(string, ...any)) (train, dev []ner.Corpus, err error) {
	for _, name := range names {
		src, err := findSource(name)
		if err != nil {
			return nil, nil, err
		}
		if src.dev != "" {
			docs, err := readDocs(filepath.Join(dataDir, src.dev))
			if err != nil {
				return nil, nil, err
			}
			dev = append(dev, ner.Corpus{Name: src.name, Docs: docs, Partial: src.partial})
		}
		if commercialOnly && !src.commercial {
			logf("%s: left out of training (its text is not licensed for commercial use)", src.name)
			continue
		}
		var docs []conll.Document
		if src.stories != "" {
			var skipped int
			docs, skipped, err = readModern(src.stories, modernTrainLast)
			if err != nil {
				return nil, nil, err
			}
			logf("%s: %d stories, %d mentions not on token boundaries left out", src.name, len(docs), skipped)
		} else if docs, err = readDocs(filepath.Join(dataDir, src.train)); err != nil {
			return nil, nil, err
		}
		if src.resegment && resegmentOK {
			n := 0
			for i := range docs {
				n -= len(docs[i].Sentences)
				docs[i] = resegment(docs[i])
				n += len(docs[i].Sentences)
			}
			logf("%s: sentences cut again as the extractor cuts the scored text (%+d sentences)", src.name, n)
		}
		if h, ok := holdouts[src.name]; ok {
			kept := docs[:0]
			for i, d := range docs {
				if i%h.n != h.k {
					kept = append(kept, d)
				}
			}
			logf("%s: fold %d/%d held out, %d of %d documents kept", src.name, h.k, h.n, len(kept), len(docs))
			docs = kept
		}
		if src.ids != "" {
			ids, err := docIDs(filepath.Join(dataDir, src.ids))
			if err != nil {
				return nil, nil, err
			}
			if len(ids) != len(docs) {
				return nil, nil, fmt.Errorf("%s: %d documents but %d ids in %s", src.train, len(docs), len(ids), src.ids)
			}
			if src.conllu != "" {
				n, err := addGUMMisc(docs, ids, filepath.Join(dataDir, src.conllu))
				if err != nil {
					return nil, nil, err
				}
				logf("%s: %d other names labelled MISC from %s", src.name, n, src.conllu)
			}
			if commercialOnly {
				kept := docs[:0]
				for i, d := range docs {
					if !nonCommercialGenres[genre(ids[i])] {
						kept = append(kept, d)
					}
				}
				logf("%s: %d of %d documents kept (non-commercial genres left out)", src.name, len(kept), len(ids))
				docs = kept
			}
		}
		train = append(train, ner.Corpus{Name: src.name, Docs: docs, Partial: src.partial})
	}
	return train, dev, nil
}

// A fold is fold k of n: the documents whose index modulo n is k.
type fold struct{ k, n int }

// parseHoldouts reads -holdout values: "uner:0/5" leaves out fold 0 of 5 of
// the uner corpus.
func parseHoldouts(s string) (map[string]fold, error) {
	out := map[string]fold{}
	for _, h := range strings.Split(s, ",") {
		if h == "" {
			continue
		}
		name, kn, ok := strings.Cut(h, ":")
		var f fold
		if _, err := fmt.Sscanf(kn, "%d/%d", &f.k, &f.n); !ok || err != nil || f.n < 2 || f.k < 0 || f.k >= f.n {
			return nil, fmt.Errorf("bad -holdout %q: want NAME:K/N with 0 <= K < N", h)
		}
		out[name] = f
	}
	return out, nil
}

// setRepeats reads -repeat ("gum:2") into the corpora's Repeat.
func setRepeats(corpora []ner.Corpus, spec string) error {
	for _, r := range strings.Split(spec, ",") {
		if r == "" {
			continue
		}
		name, n, ok := strings.Cut(r, ":")
		var times int
		if _, err := fmt.Sscanf(n, "%d", &times); !ok || err != nil || times < 1 {
			return fmt.Errorf("bad -repeat %q: want NAME:N with N >= 1", r)
		}
		found := false
		for i := range corpora {
			if corpora[i].Name == name {
				corpora[i].Repeat, found = times, true
			}
		}
		if !found {
			return fmt.Errorf("-repeat %q: no training corpus %q", r, name)
		}
	}
	return nil
}

// setComplete reads -complete ("gum"): the named corpora are read as fully
// annotated, their unlabelled tokens O rather than O or MISC.
func setComplete(corpora []ner.Corpus, spec string) error {
	for _, name := range strings.Split(spec, ",") {
		if name == "" {
			continue
		}
		found := false
		for i := range corpora {
			if corpora[i].Name == name {
				corpora[i].Partial, found = false, true
			}
		}
		if !found {
			return fmt.Errorf("-complete %q: no training corpus %q", name, name)
		}
	}
	return nil
}

// docIDs returns the ids of a docs.jsonl file, in file order.
func docIDs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var d struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		ids = append(ids, d.ID)
	}
	return ids, sc.Err()
}

// genre is the genre of a GUM document id: "GUM_news_iodine" → "news".
func genre(id string) string {
	f := strings.Split(id, "_")
	if len(f) < 2 {
		return ""
	}
	return f[1]
}

// allDocs lists the documents of corpora.
func allDocs(corpora []ner.Corpus) []conll.Document {
	var docs []conll.Document
	for _, c := range corpora {
		docs = append(docs, c.Docs...)
	}
	return docs
}
