package server

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// wordExtractor is a fake extractor that makes every run of non-space
// characters a mention of its own person entity, every word starting with
// "$" a money amount, and every span between “ and ” a quote; it lets the
// tests know exactly which spans to expect.
type wordExtractor struct{}

func (wordExtractor) MaxTextBytes() int { return 1 << 20 }

func (wordExtractor) ExtractDocument(ctx context.Context, doc extractor.Document, want extractor.Features) (*extractor.Result, error) {
	text := doc.Text
	res := &extractor.Result{}
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		sp := extractor.Span{Start: start, End: end}
		if strings.HasPrefix(w, "$") {
			res.Money = append(res.Money, extractor.Money{Span: sp, Text: w, Currency: "USD"})
		} else {
			res.Entities = append(res.Entities, extractor.Entity{
				ID: "p" + string(rune('0'+len(res.Entities)%10)), Type: extractor.Person, Name: w,
				Mentions: []extractor.Mention{{Span: sp, Text: w, Confidence: 1}},
			})
		}
		start = -1
	}
	for i, r := range text {
		if r == ' ' || r == '\n' {
			flush(i)
		} else if start < 0 {
			start = i
		}
	}
	flush(len(text))
	if open := strings.Index(text, "“"); open >= 0 {
		if n := strings.Index(text[open:], "”"); n >= 0 {
			b, e := open+len("“"), open+n
			res.Quotes = append(res.Quotes, extractor.Quote{
				Span: extractor.Span{Start: b, End: e}, Text: text[b:e],
				SpeakerMention: &res.Entities[0].Mentions[0],
			})
		}
	}
	return res, nil
}

// slice returns text[begin:end] with begin and end counted in enc's unit.
func slice(tb testing.TB, text string, enc extractv1.EncodingType, sp *extractv1.Span) string {
	tb.Helper()
	b, e := int(sp.GetBegin()), int(sp.GetEnd())
	switch enc {
	case extractv1.EncodingType_ENCODING_TYPE_UTF16:
		u := utf16.Encode([]rune(text))
		if b < 0 || e > len(u) || b > e {
			tb.Fatalf("span %d:%d outside %d UTF-16 code units", b, e, len(u))
		}
		return string(utf16.Decode(u[b:e]))
	case extractv1.EncodingType_ENCODING_TYPE_UTF32:
		r := []rune(text)
		if b < 0 || e > len(r) || b > e {
			tb.Fatalf("span %d:%d outside %d code points", b, e, len(r))
		}
		return string(r[b:e])
	default:
		if b < 0 || e > len(text) || b > e {
			tb.Fatalf("span %d:%d outside %d bytes", b, e, len(text))
		}
		return text[b:e]
	}
}

var offsetTexts = map[string]string{
	"ascii":     "Putin met Lukashenka in Sochi.",
	"emoji":     "🎉 Putin 👍🏽 met 👨‍👩‍👧 Lukashenka 🇧🇾 in Sochi",
	"cjk":       "東京 の 習近平 と 北京 で $5 会った",
	"combining": "Zoe\u0301 met Jose\u0301 and Ame\u0301lie in Montre\u0301al",
	"curly":     "He said “we agreed on $1.5 billion” and ‘left’ Sochi’s port",
	"mixed":     "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 “𝒬𝓊𝑜𝓉𝑒 ünïcödé 😀” $3\nnext line 한국어 text",
	"long":      strings.Repeat("Ünïcödé 😀 Λουκασένκο ", 200),
}

func TestOffsetsSliceToMentionText(t *testing.T) {
	t.Parallel()
	svc := New(wordExtractor{})
	for name, text := range offsetTexts {
		for _, enc := range []extractv1.EncodingType{
			extractv1.EncodingType_ENCODING_TYPE_UNSPECIFIED, extractv1.EncodingType_ENCODING_TYPE_UTF8,
			extractv1.EncodingType_ENCODING_TYPE_UTF16, extractv1.EncodingType_ENCODING_TYPE_UTF32,
		} {
			t.Run(name+"/"+enc.String(), func(t *testing.T) {
				t.Parallel()
				resp, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Text: text, EncodingType: enc})
				if err != nil {
					t.Fatalf("Extract: %v", err)
				}
				n := 0
				check := func(what string, sp *extractv1.Span, want string) {
					t.Helper()
					n++
					if got := slice(t, text, enc, sp); got != want {
						t.Errorf("%s: text[%d:%d] in %s = %q; want %q", what, sp.GetBegin(), sp.GetEnd(), enc, got, want)
					}
				}
				for _, e := range resp.GetPeople() {
					for _, m := range e.GetMentions() {
						check("mention", m.GetSpan(), m.GetText())
					}
				}
				for _, m := range resp.GetMoney() {
					check("money", m.GetSpan(), m.GetText())
				}
				for _, q := range resp.GetQuotes() {
					check("quote", q.GetSpan(), q.GetText())
					check("speaker", q.GetSpeakerMention().GetSpan(), q.GetSpeakerMention().GetText())
				}
				if n < 4 {
					t.Errorf("checked only %d spans; the fake extractor should give more", n)
				}
			})
		}
	}
}

func TestNewOffsets(t *testing.T) {
	t.Parallel()
	text := "a😀é\xffb" // a, U+1F600 (4 bytes), é (2 bytes), an invalid byte, b
	tests := []struct {
		enc  extractv1.EncodingType
		offs []int
		want []int32
	}{
		{extractv1.EncodingType_ENCODING_TYPE_UTF8, []int{0, 1, 5, 7, 8, 9}, []int32{0, 1, 5, 7, 8, 9}},
		{extractv1.EncodingType_ENCODING_TYPE_UTF16, []int{0, 1, 5, 7, 8, 9}, []int32{0, 1, 3, 4, 5, 6}},
		{extractv1.EncodingType_ENCODING_TYPE_UTF32, []int{0, 1, 5, 7, 8, 9}, []int32{0, 1, 2, 3, 4, 5}},
		// An offset inside a character converts to the character's start.
		{extractv1.EncodingType_ENCODING_TYPE_UTF16, []int{3, 6}, []int32{1, 3}},
		// Unsorted and repeated offsets.
		{extractv1.EncodingType_ENCODING_TYPE_UTF32, []int{9, 0, 5, 5, 1}, []int32{5, 0, 2, 2, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.enc.String(), func(t *testing.T) {
			t.Parallel()
			o := newOffsets(text, tt.enc, append([]int(nil), tt.offs...))
			for i, off := range tt.offs {
				if got := o.unit(off); got != tt.want[i] {
					t.Errorf("newOffsets(%q, %s).unit(%d) = %d; want %d", text, tt.enc, off, got, tt.want[i])
				}
			}
		})
	}
}

func FuzzOffsets(f *testing.F) {
	for _, s := range offsetTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		var offs []int
		for i := range text {
			offs = append(offs, i)
		}
		offs = append(offs, len(text))
		o16 := newOffsets(text, extractv1.EncodingType_ENCODING_TYPE_UTF16, append([]int(nil), offs...))
		o32 := newOffsets(text, extractv1.EncodingType_ENCODING_TYPE_UTF32, append([]int(nil), offs...))
		for _, off := range offs {
			if got, want := int(o16.unit(off)), len(utf16.Encode([]rune(text[:off]))); got != want {
				t.Fatalf("UTF-16 offset of byte %d in %q = %d; want %d", off, text, got, want)
			}
			if got, want := int(o32.unit(off)), utf8.RuneCountInString(text[:off]); got != want {
				t.Fatalf("code point offset of byte %d in %q = %d; want %d", off, text, got, want)
			}
		}
	})
}
