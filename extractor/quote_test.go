package extractor_test

import (
	"context"
	"testing"
)

// TestQuoteOverParagraphs checks that a quotation running over two paragraphs
// comes back as two quotes with one speaker, the first marked Continued.
func TestQuoteOverParagraphs(t *testing.T) {
	t.Parallel()
	text := "Mayor Anna Keller said the plan was ready.\n" +
		"“We have worked on this for two years and we will not stop now.\n" +
		"“The city deserves a transport system that works for everyone,” Keller said."
	res, err := newExtractor(t).Extract(context.Background(), text)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if len(res.Quotes) != 2 {
		t.Fatalf("Extract found %d quotes; want 2: %+v", len(res.Quotes), res.Quotes)
	}
	first, last := res.Quotes[0], res.Quotes[1]
	if !first.Continued || last.Continued {
		t.Errorf("Continued = %v, %v; want true, false", first.Continued, last.Continued)
	}
	for i, q := range res.Quotes {
		if q.Speaker != "Anna Keller" {
			t.Errorf("quote %d speaker = %q; want %q", i, q.Speaker, "Anna Keller")
		}
	}
}
