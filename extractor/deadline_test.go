package extractor_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/coref"
	"github.com/entityextraction/extractd/extractor/internal/checkpoint"
	docmodel "github.com/entityextraction/extractd/extractor/internal/doc"
	"github.com/entityextraction/extractd/extractor/mention"
	"github.com/entityextraction/extractd/extractor/money"
	"github.com/entityextraction/extractd/extractor/ner"
	"github.com/entityextraction/extractd/extractor/quote"
	"github.com/entityextraction/extractd/extractor/segment"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// countingContext counts the calls of Err, the way every stage checks its
// deadline, and from call number cancelAt on (if not 0) reports the
// context cancelled: a deadline that passes at a known point of the work,
// without a clock.
type countingContext struct {
	context.Context
	checks   atomic.Int64
	cancelAt int64
}

func (c *countingContext) Err() error {
	if n := c.checks.Add(1); c.cancelAt > 0 && n >= c.cancelAt {
		return context.Canceled
	}
	return nil
}

func newCounting(cancelAt int64) *countingContext {
	return &countingContext{Context: context.Background(), cancelAt: cancelAt}
}

// fill repeats unit to n bytes.
func fill(n int, unit string) string { return strings.Repeat(unit, n/len(unit)) }

// TestStagesStopAtTheirDeadline runs each stage on 1 MiB of the text that
// makes the most work for it, with a context that is cancelled at its third
// check: each stage must return context.Canceled having checked exactly
// three times, so it stopped at the check that saw the deadline, within
// [checkpoint.Every] units of work of the one before. Run to the end, the
// linear stages must check at least once per checkpoint.Every units, so
// the interval between checks is bounded whatever the input.
func TestStagesStopAtTheirDeadline(t *testing.T) {
	const size = 1 << 20
	bg := context.Background()
	quotes := fill(size, "“Yes,” he said. ")
	qtoks, _ := tokenize.TokenizeContext(bg, quotes)
	qsents, _ := segment.SentencesContext(bg, quotes, qtoks)
	names := fill(size, "Abc Def ")
	ntoks := tokenize.Tokenize(names)
	nsents := segment.Sentences(names, ntoks)
	tags := make([]ner.Mention, 0, len(ntoks)/2)
	for i := 0; i+1 < len(ntoks); i += 2 {
		tags = append(tags, ner.Mention{First: i, Last: i + 2, Label: ner.PER, Confidence: 0.9})
	}
	dollars := fill(size, "$1 ") // a candidate amount every two tokens
	dtoks := tokenize.Tokenize(dollars)
	marks := fill(size, `"`)
	mtoks := tokenize.Tokenize(marks)
	refs := make([]mention.Ref, len(ntoks))
	for i := range refs {
		refs[i] = mention.Ref{First: i, Last: i + 1}
	}
	ents := []mention.Entity{{Label: ner.PER, Mentions: refs}}

	stages := []struct {
		name  string
		units int // units of work (tokens, mentions, candidates) of the whole input; 0: not run to the end
		run   func(ctx context.Context) error
	}{
		{"tokenize", len(mtoks), func(ctx context.Context) error { _, err := tokenize.TokenizeContext(ctx, marks); return err }},
		{"segment", len(mtoks), func(ctx context.Context) error { _, err := segment.SentencesContext(ctx, marks, mtoks); return err }},
		{"mention", 0, func(ctx context.Context) error {
			_, err := mention.GroupContext(ctx, names, ntoks, nsents, tags, mention.Options{})
			return err
		}},
		{"coref", len(ntoks), func(ctx context.Context) error {
			d := docmodel.New(names, ntoks, nsents)
			_, _, err := coref.ResolveContext(ctx, d, []mention.Entity{{Label: ner.PER, Mentions: slices.Clone(refs)}})
			return err
		}},
		{"quote", 0, func(ctx context.Context) error {
			_, err := quote.FindContext(ctx, quotes, qtoks, qsents, nil)
			return err
		}},
		{"rank", len(refs), func(ctx context.Context) error { return mention.RankContext(ctx, names, ents, nsents, nil) }},
		{"money", len(dtoks) / 2, func(ctx context.Context) error {
			_, err := money.FindInContext(ctx, dollars, dtoks, money.Context{})
			return err
		}},
	}
	for _, st := range stages {
		t.Run(st.name, func(t *testing.T) {
			ctx := newCounting(3)
			err := st.run(ctx)
			if !errors.Is(err, context.Canceled) || ctx.checks.Load() != 3 {
				t.Errorf("%s with a deadline at the third check = %v after %d checks; want context.Canceled after 3", st.name, err, ctx.checks.Load())
			}
			if st.units == 0 {
				return
			}
			ctx = newCounting(0)
			if err := st.run(ctx); err != nil {
				t.Fatal(err)
			}
			if min := int64(st.units/checkpoint.Every - 1); ctx.checks.Load() < min {
				t.Errorf("%s checked %d times over %d units of work; want at least one check every %d (%d)", st.name, ctx.checks.Load(), st.units, checkpoint.Every, min)
			}
		})
	}
}

// TestExtractStopsAtEveryCheck cancels the whole extraction of a 1 MiB
// document at each of its first checks in turn: wherever the deadline
// falls, Extract returns the context's error without checking again.
func TestExtractStopsAtEveryCheck(t *testing.T) {
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	text := fill(1<<20, "“Yes,” Anna Smith said in Paris of $1 million. ")
	for at := int64(1); at <= 40; at += 3 {
		ctx := newCounting(at)
		if _, err := ex.Extract(ctx, text); !errors.Is(err, context.Canceled) || ctx.checks.Load() != at {
			t.Errorf("Extract with a deadline at check %d = %v after %d checks; want context.Canceled after %d", at, err, ctx.checks.Load(), at)
		}
	}
}
