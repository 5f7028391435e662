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

// TestSpeakerMentionConfidence checks that a speaker named by a tagged name
// carries that mention's confidence, and one named by a pronoun none.
func TestSpeakerMentionConfidence(t *testing.T) {
	t.Parallel()
	text := "“The bridge will open in May,” said Mayor Anna Keller.\n\n" +
		"“We are on budget,” she said."
	res, err := newExtractor(t).Extract(context.Background(), text)
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if len(res.Quotes) != 2 || res.Quotes[0].SpeakerMention == nil || res.Quotes[1].SpeakerMention == nil {
		t.Fatalf("Extract found quotes %+v; want 2 with speaker mentions", res.Quotes)
	}
	named, pronoun := res.Quotes[0].SpeakerMention, res.Quotes[1].SpeakerMention
	var want float64
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Span == named.Span {
				want = m.Confidence
			}
		}
	}
	if want == 0 {
		t.Fatalf("the speaker %q (%v) is not a mention of any entity: %+v", named.Text, named.Span, res.Entities)
	}
	if named.Confidence != want {
		t.Errorf("speaker mention %q confidence = %v; want its entity mention's %v", named.Text, named.Confidence, want)
	}
	if pronoun.Text != "she" || pronoun.Confidence != 0 {
		t.Errorf("pronoun speaker mention = %q with confidence %v; want \"she\" with 0", pronoun.Text, pronoun.Confidence)
	}
}
