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
	tests := []struct {
		want   Features
		stages []string
	}{
		{AllFeatures, []string{"tokenize", "ner", "mention", "quote", "rank", "money"}},
		{People, []string{"tokenize", "ner", "mention", "rank"}},
		{MoneyAmounts, []string{"tokenize", "money"}},
	}
	for _, tt := range tests {
		var got []string
		ctx := WithStageTimer(context.Background(), func(stage string, d time.Duration) {
			if d < 0 {
				t.Errorf("stage %s took %v", stage, d)
			}
			got = append(got, stage)
		})
		if _, err := e.ExtractFeatures(ctx, `"Rates rose," said Anna Smith of Acme in Paris, citing $3 million.`, tt.want); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, tt.stages) {
			t.Errorf("features %b: stages %v; want %v", tt.want, got, tt.stages)
		}
	}
	// Without a timer nothing is reported and nothing breaks.
	if _, err := e.Extract(context.Background(), "Anna Smith"); err != nil {
		t.Fatal(err)
	}
}
