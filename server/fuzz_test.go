package server

import (
	"context"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// spanned is a span with the text the response says it covers.
type spanned struct {
	what string
	span *extractv1.Span
	text string
}

// spansOf lists every span of resp with its text.
func spansOf(resp *extractv1.ExtractResponse) []spanned {
	var out []spanned
	for _, list := range [][]*extractv1.Entity{resp.GetPeople(), resp.GetPlaces(), resp.GetOrganizations()} {
		for _, e := range list {
			for _, m := range e.GetMentions() {
				out = append(out, spanned{"mention of " + e.GetId(), m.GetSpan(), m.GetText()})
			}
		}
	}
	for _, m := range resp.GetMoney() {
		out = append(out, spanned{"money", m.GetSpan(), m.GetText()})
	}
	for _, q := range resp.GetQuotes() {
		out = append(out, spanned{"quote", q.GetSpan(), q.GetText()})
		if sm := q.GetSpeakerMention(); sm != nil {
			out = append(out, spanned{"speaker mention", sm.GetSpan(), sm.GetText()})
		}
	}
	return out
}

// withoutSpans is resp with every span cleared, for comparing responses in
// different encodings.
func withoutSpans(resp *extractv1.ExtractResponse) *extractv1.ExtractResponse {
	c := proto.Clone(resp).(*extractv1.ExtractResponse)
	for _, list := range [][]*extractv1.Entity{c.People, c.Places, c.Organizations} {
		for _, e := range list {
			for _, m := range e.Mentions {
				m.Span = nil
			}
		}
	}
	for _, m := range c.Money {
		m.Span = nil
	}
	for _, q := range c.Quotes {
		q.Span = nil
		if q.SpeakerMention != nil {
			q.SpeakerMention.Span = nil
		}
	}
	return c
}

var fuzzSeeds = []string{
	"Vladimir Putin met Alyaksandr Lukashenka in Sochi on Friday.",
	`"We will not give in," Lukashenka said. Putin's aide said $1.5 billion was due.`,
	"Ангела Меркель 🇩🇪 met Emmanuel Macron in Paris; “Good talks,” said Macron. ¥3 to ¥4 million.",
	"e\u0301 Cafe\u0301 Zoë 北京 Beijing said «nothing». 𝄞 €5m",
	"\x00\x01 A\x00B Co. Ltd \"\" '' “” ‘’ „“ «» $ $$ 1,000,000,000,000,000,000,000 USD",
	"IBM\n\n\nApple Inc.\r\n\"\n\"Quote across\n\nparagraphs,\" he said.",
	"A. B. C. D. Mr. Dr. U.S. U.K. said said said \"",
}

// FuzzExtract runs the whole service Extract (real extractor and offset
// conversion) on arbitrary text and checks that it never panics or fails
// internally, that every span lies inside the text and slices it to the
// reported text in UTF-8, UTF-16 and UTF-32 alike, that the response is
// valid protobuf (so valid UTF-8), and that it is deterministic.
//
//	go test ./server -run '^$' -fuzz FuzzExtract -fuzztime 60s
func FuzzExtract(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	svc := New(realExtractor(f), WithLogger(quiet))
	f.Fuzz(func(t *testing.T, text string) {
		ctx := context.Background()
		call := func(enc extractv1.EncodingType) (*extractv1.ExtractResponse, error) {
			return svc.Extract(ctx, &extractv1.ExtractRequest{Text: text, EncodingType: enc})
		}
		resp8, err := call(extractv1.EncodingType_ENCODING_TYPE_UTF8)
		if !utf8.ValidString(text) {
			if status.Code(err) != codes.InvalidArgument {
				t.Fatalf("Extract(invalid UTF-8 %q) = %v; want InvalidArgument", text, err)
			}
			return
		}
		if err != nil {
			if c := status.Code(err); c != codes.InvalidArgument {
				t.Fatalf("Extract(%q) = %v; want success or InvalidArgument", text, err)
			}
			return
		}
		if _, err := proto.Marshal(resp8); err != nil {
			t.Fatalf("the response to %q cannot be marshalled: %v", text, err)
		}
		again, err := call(extractv1.EncodingType_ENCODING_TYPE_UTF8)
		if err != nil || !proto.Equal(resp8, again) {
			t.Fatalf("Extract(%q) is not deterministic:\n%v\n%v (%v)", text, resp8, again, err)
		}

		runes := []rune(text)
		units := utf16.Encode(runes)
		slicers := map[extractv1.EncodingType]struct {
			n     int
			slice func(b, e int) string
		}{
			extractv1.EncodingType_ENCODING_TYPE_UTF8:  {len(text), func(b, e int) string { return text[b:e] }},
			extractv1.EncodingType_ENCODING_TYPE_UTF16: {len(units), func(b, e int) string { return string(utf16.Decode(units[b:e])) }},
			extractv1.EncodingType_ENCODING_TYPE_UTF32: {len(runes), func(b, e int) string { return string(runes[b:e]) }},
		}
		for enc, sl := range slicers {
			resp := resp8
			if enc != extractv1.EncodingType_ENCODING_TYPE_UTF8 {
				if resp, err = call(enc); err != nil {
					t.Fatalf("Extract(%q, %s) = %v; UTF-8 succeeded", text, enc, err)
				}
				if !proto.Equal(withoutSpans(resp), withoutSpans(resp8)) {
					t.Fatalf("Extract(%q, %s) differs from UTF-8 beyond its spans", text, enc)
				}
			}
			for _, s := range spansOf(resp) {
				b, e := int(s.span.GetBegin()), int(s.span.GetEnd())
				if s.span == nil || b < 0 || b > e || e > sl.n {
					t.Fatalf("%s %q in %q: span %v outside [0, %d] in %s", s.what, s.text, text, s.span, sl.n, enc)
				}
				if got := sl.slice(b, e); got != s.text {
					t.Fatalf("%s in %q: %s span [%d, %d) slices %q; the response says %q", s.what, text, enc, b, e, got, s.text)
				}
			}
		}
	})
}
