package ner

import (
	"context"
	"io"
	"os"

	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// Label is the type of a named-entity mention.
type Label uint8

// The labels of the CoNLL-2003 scheme.
const (
	PER Label = iota + 1
	LOC
	ORG
	MISC
)

// Mention is a run of tokens, toks[First:Last], that names an entity.
type Mention struct {
	First, Last int // token indices, half-open
	Label       Label
	Confidence  float64 // in [0,1]
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct{}

// Default returns the model embedded in the binary, loading it on first use.
func Default() (*Model, error) { return &Model{}, nil }

// Load reads a model file written by the trainer.
func Load(r io.Reader) (*Model, error) { return &Model{}, nil }

// LoadFile reads the model file at path.
func LoadFile(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Load(f)
}

// Tag finds the mentions in tokenized, segmented text, in text order.
// It returns ctx's error if ctx ends first.
func (m *Model) Tag(ctx context.Context, text string, toks []tokenize.Token, sents []segment.Sentence) ([]Mention, error) {
	// Placeholder until the trained model lands (issue 3).
	return nil, ctx.Err()
}
