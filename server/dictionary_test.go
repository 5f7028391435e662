package server

import (
	"context"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// dictRequest is a request with an inline dictionary of a person, a product
// with aliases and a ticket pattern, over text with emoji before the
// matches, so that UTF-16 and code-point offsets differ from bytes.
func dictRequest(enc extractv1.EncodingType) *extractv1.ExtractRequest {
	return &extractv1.ExtractRequest{
		Id:           "d",
		Text:         "🎉 Bukayo Saka 👍🏽 bought a Galaxy S24 and filed ABC-1234. Saka said the S24 broke.",
		EncodingType: enc,
		Dictionary: []*extractv1.DictionaryEntry{
			{Phrases: []string{"Bukayo Saka"}, Type: "PERSON", ExternalId: "Q1", Metadata: map[string]string{"club": "Arsenal"}},
			{Phrases: []string{"Galaxy S24", "S24"}, Type: "product", ExternalId: "SM-S921"},
			{Pattern: `/[A-Z]{2,5}-\d{3,6}/`, Type: "TICKET"},
		},
	}
}

func TestInlineDictionary(t *testing.T) {
	t.Parallel()
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	svc := New(ex, WithLogger(quiet))
	for _, enc := range []extractv1.EncodingType{extractv1.EncodingType_ENCODING_TYPE_UTF8, extractv1.EncodingType_ENCODING_TYPE_UTF16, extractv1.EncodingType_ENCODING_TYPE_UTF32} {
		req := dictRequest(enc)
		resp, err := svc.Extract(context.Background(), req)
		if err != nil {
			t.Fatalf("Extract(%s): %v", enc, err)
		}
		var got []string
		for _, e := range resp.GetCustomEntities() {
			var ms []string
			for _, m := range e.GetMentions() {
				if s := slice(t, req.GetText(), enc, m.GetSpan()); s != m.GetText() {
					t.Errorf("%s: mention %q has span %v, which slices to %q", enc, m.GetText(), m.GetSpan(), s)
				}
				ms = append(ms, m.GetText())
			}
			got = append(got, e.GetId()+" "+e.GetType()+" "+e.GetName()+" "+e.GetLink().GetExternalId()+" "+strings.Join(ms, "|"))
		}
		want := []string{"c1 PRODUCT Galaxy S24 SM-S921 Galaxy S24|S24", "c2 TICKET ABC-1234  ABC-1234"}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: custom_entities =\n%s\nwant\n%s", enc, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(resp.GetPeople()) == 0 || resp.GetPeople()[0].GetLink().GetExternalId() != "Q1" ||
			resp.GetPeople()[0].GetLink().GetMetadata()["club"] != "Arsenal" || len(resp.GetPeople()[0].GetMentions()) != 2 {
			t.Errorf("%s: people = %v; want Bukayo Saka first, linked to Q1 with club Arsenal, with 2 mentions", enc, resp.GetPeople())
		}
		for _, e := range resp.GetPeople() {
			if e.GetType() != "PERSON" {
				t.Errorf("%s: person %q has type %q; want PERSON", enc, e.GetName(), e.GetType())
			}
		}
	}
	// Without FEATURE_CUSTOM_ENTITIES the list is empty and people are
	// still linked.
	req := dictRequest(extractv1.EncodingType_ENCODING_TYPE_UTF8)
	req.Features = []extractv1.Feature{extractv1.Feature_FEATURE_PEOPLE}
	resp, err := svc.Extract(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.GetCustomEntities()) != 0 || resp.GetPeople()[0].GetLink().GetExternalId() != "Q1" {
		t.Errorf("Extract(FEATURE_PEOPLE) = %v; want no custom entities and Saka linked", resp)
	}
}

func TestInlineDictionaryErrors(t *testing.T) {
	t.Parallel()
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	svc := New(ex, WithLogger(quiet))
	entry := func(phrase, typ string) *extractv1.DictionaryEntry {
		return &extractv1.DictionaryEntry{Phrases: []string{phrase}, Type: typ}
	}
	many := make([]*extractv1.DictionaryEntry, MaxInlineEntries+1)
	for i := range many {
		many[i] = entry("x", "X")
	}
	var patterns []*extractv1.DictionaryEntry
	for range MaxInlinePatterns + 1 {
		patterns = append(patterns, &extractv1.DictionaryEntry{Pattern: "<upper>", Type: "X"})
	}
	var big []*extractv1.DictionaryEntry
	for range 20 {
		big = append(big, &extractv1.DictionaryEntry{Phrases: slicesRepeat(strings.Repeat("a ", 120), 16), Type: "X"})
	}
	tests := []struct {
		name string
		dict []*extractv1.DictionaryEntry
		want string
	}{
		{"too many entries", many, "bad dictionary: 101 entries, the limit is 100"},
		{"long phrase", []*extractv1.DictionaryEntry{entry("ok", "X"), entry(strings.Repeat("a", 300), "X")},
			"bad dictionary: dictionary[1]: phrases[0] is 300 bytes, the limit is 256"},
		{"bad pattern", []*extractv1.DictionaryEntry{entry("ok", "X"), {Pattern: "/[a/", Type: "T"}},
			"bad dictionary: dictionary[1]: bad pattern: regular expression /[a/: missing closing ]: `[a`"},
		{"bad type", []*extractv1.DictionaryEntry{entry("ok", "PRODUCT NAME")},
			`bad dictionary: dictionary[0]: bad type: "PRODUCT NAME": a type is a letter, then letters, digits or underscores`},
		{"no phrase", []*extractv1.DictionaryEntry{{Type: "X"}},
			"bad dictionary: dictionary[0]: the entry has neither a phrase nor a pattern"},
		{"too many patterns", patterns, "bad dictionary: dictionary[8]: more than 8 patterns in the dictionary"},
		{"too big", big, "bad dictionary: dictionary[17]: the dictionary is over 65536 bytes"},
		{"conflicting types", []*extractv1.DictionaryEntry{entry("Mercury", "PLANET"), entry("mercury", "ELEMENT")},
			"bad dictionary: dictionary[1]: conflicting entries: a phrase of this ELEMENT entry is also a phrase of the PLANET entry [0]"},
		{"invalid UTF-8 in metadata", []*extractv1.DictionaryEntry{{Phrases: []string{"a"}, Type: "X", Metadata: map[string]string{"k": "\xff"}}},
			"bad dictionary: dictionary[0]: syntax error: the metadata value is not valid UTF-8"},
		{"too many tokens", []*extractv1.DictionaryEntry{entry(strings.Repeat("a ", 40), "X")},
			"bad dictionary: dictionary[0]: too long: phrase 1 has 40 tokens, the limit is 32"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			req := &extractv1.ExtractRequest{Text: "Mercury is a planet.", Dictionary: tt.dict}
			_, err := svc.Extract(context.Background(), req)
			if status.Code(err) != codes.InvalidArgument || status.Convert(err).Message() != tt.want {
				t.Errorf("Extract = %v; want InvalidArgument %q", err, tt.want)
			}
			if err := CheckRequest(req); status.Convert(err).Message() != tt.want {
				t.Errorf("CheckRequest = %v; want %q", err, tt.want)
			}
		})
	}
}

func slicesRepeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}
