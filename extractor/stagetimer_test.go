package extractor

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestStageTimer(t *testing.T) {
	e, err := New()
	if err != nil {
		t.Fatal(err)
	}
	const text = `"Rates rose," said Anna Smith of Acme in Paris, citing $3 million.`
	tests := []struct {
		text   string
		want   Features
		stages []string
	}{
		{text, AllFeatures, []string{"tokenize", "ner", "mention", "coref", "quote", "rank", "money"}},
		{text, People, []string{"tokenize", "ner", "mention", "coref", "rank"}},
		// A bare "$" in a text that names a place of a country of another
		// dollar needs the tagger's places: the tagger runs for money.
		{`TORONTO (Reuters) - Anna Smith of Acme cited $3 million.`, MoneyAmounts, []string{"tokenize", "ner", "mention", "money"}},
		// In a text that names none, or with no shared name, it does not.
		{text, MoneyAmounts, []string{"tokenize", "money"}},
		{`Anna Smith of Acme in Toronto cited €3 million.`, MoneyAmounts, []string{"tokenize", "money"}},
	}
	for _, tt := range tests {
		var got []string
		ctx := WithStageTimer(context.Background(), func(stage string, d time.Duration) {
			if d < 0 {
				t.Errorf("stage %s took %v", stage, d)
			}
			got = append(got, stage)
		})
		if _, err := e.ExtractFeatures(ctx, tt.text, tt.want); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.stages) {
			t.Errorf("ExtractFeatures(%q, features %b): stages %v; want %v", tt.text, tt.want, got, tt.stages)
		}
	}
	// Without a timer nothing is reported and nothing breaks.
	if _, err := e.Extract(context.Background(), "Anna Smith"); err != nil {
		t.Fatal(err)
	}
}
