package server

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

// jsonCorpus returns the messages the generated JSON encoders are checked
// on: real responses (the sample article and the modern stories in the three
// encodings, also wrapped in batch and stream results), hand-made edge cases
// and random messages.
func jsonCorpus(t *testing.T) []proto.Message {
	t.Helper()
	var msgs []proto.Message
	ex, err := extractor.New()
	if err != nil {
		t.Fatal(err)
	}
	svc := New(ex, WithLogger(quiet))
	texts := []string{benchText(t)}
	paths, _ := filepath.Glob(filepath.Join("..", "extractor", "testdata", "modern", "*.json"))
	for _, p := range paths[:min(len(paths), 12)] {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct{ Text string }
		if err := json.Unmarshal(data, &doc); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	texts = append(texts, "“Écoute,” said François Hollande in Paris 🇫🇷 on Monday, pledging €1.5bn.\n\t\"Tab\\slash\" <b>&</b>\u2028\u2029\uFFFD")
	for i, text := range texts {
		for _, enc := range []extractv1.EncodingType{extractv1.EncodingType_ENCODING_TYPE_UTF8, extractv1.EncodingType_ENCODING_TYPE_UTF16, extractv1.EncodingType_ENCODING_TYPE_UTF32} {
			resp, err := svc.Extract(context.Background(), &extractv1.ExtractRequest{Id: "doc", Text: text, EncodingType: enc})
			if err != nil {
				t.Fatal(err)
			}
			msgs = append(msgs, resp)
			if i == 0 {
				msgs = append(msgs,
					&extractv1.BatchExtractResult{Id: "b", Outcome: &extractv1.BatchExtractResult_Response{Response: resp}},
					&extractv1.ExtractStreamResponse{Id: "s", Outcome: &extractv1.ExtractStreamResponse_Response{Response: resp}},
					&extractv1.BatchExtractResponse{Results: []*extractv1.BatchExtractResult{{Outcome: &extractv1.BatchExtractResult_Response{Response: resp}}}})
			}
		}
	}
	// Custom entities, linked entities with metadata.
	for _, enc := range []extractv1.EncodingType{extractv1.EncodingType_ENCODING_TYPE_UTF8, extractv1.EncodingType_ENCODING_TYPE_UTF16} {
		resp, err := svc.Extract(context.Background(), dictRequest(enc))
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, resp)
	}
	detail, err := anypb.New(durationpb.New(1500e6))
	if err != nil {
		t.Fatal(err)
	}
	st := status.New(codes.InvalidArgument, "text: must not be empty \"quoted\"").Proto()
	st.Details = []*anypb.Any{detail}
	msgs = append(msgs,
		// Empty messages and lists, zero values.
		&extractv1.ExtractResponse{},
		&extractv1.Entity{},
		&extractv1.Mention{},
		&extractv1.MoneyAmount{},
		&extractv1.Quote{SpeakerMention: &extractv1.Mention{}},
		&extractv1.BatchExtractResult{},
		&extractv1.BatchExtractResponse{},
		&extractv1.BatchExtractResponse{Results: []*extractv1.BatchExtractResult{{}, {Id: "x"}}},
		&extractv1.ExtractStreamResponse{},
		&extractv1.ExtractResponse{People: []*extractv1.Entity{{Roles: []string{}, Mentions: []*extractv1.Mention{}}}},
		// 64-bit integers, negative numbers, special and extreme floats.
		&extractv1.MoneyAmount{Amount: &extractv1.Money{CurrencyCode: "USD", Units: math.MaxInt64, Nanos: 999999999}, Upper: &extractv1.Money{Units: math.MinInt64, Nanos: -999999999}, Approximate: true},
		&extractv1.Money{Units: 1 << 53, Nanos: -1},
		&extractv1.Money{Units: 1<<53 + 1},
		&extractv1.Entity{Salience: float32(math.NaN()), Confidence: float32(math.Inf(1))},
		&extractv1.Entity{Salience: float32(math.Inf(-1)), Confidence: float32(math.Copysign(0, -1))},
		&extractv1.Entity{Salience: 1e-7, Confidence: 1e21},
		&extractv1.Entity{Salience: 9.999999e-7, Confidence: 1e20},
		&extractv1.Entity{Salience: math.MaxFloat32, Confidence: math.SmallestNonzeroFloat32},
		&extractv1.Entity{Salience: 0.1, Confidence: 1.0 / 3},
		&extractv1.Span{Begin: math.MinInt32, End: math.MaxInt32},
		// Escaping.
		&extractv1.Quote{Text: "\x00\x01\x1f\x7f \"\\/ \b\f\n\r\t <>&' \u2028\u2029 \uFFFD é 😀", Speaker: "</script>", SpeakerEntityId: "p1", Continued: true},
		// Errors, with a detail that protojson writes with its @type.
		&extractv1.BatchExtractResult{Id: "e", Outcome: &extractv1.BatchExtractResult_Error{Error: st}},
		&extractv1.ExtractStreamResponse{Id: "e", Outcome: &extractv1.ExtractStreamResponse_Error{Error: &spb.Status{}}},
		// Requests: enums by name, and by number when they have no name.
		&extractv1.ExtractRequest{},
		&extractv1.ExtractRequest{Text: "t", Id: "i", EncodingType: extractv1.EncodingType_ENCODING_TYPE_UTF16, Features: []extractv1.Feature{extractv1.Feature_FEATURE_MONEY, 42}},
		&extractv1.ExtractRequest{EncodingType: 7, Features: []extractv1.Feature{}},
		&extractv1.BatchExtractRequest{Requests: []*extractv1.ExtractRequest{{Text: "a"}, {}}},
		&extractv1.ExtractStreamRequest{Request: &extractv1.ExtractRequest{Text: "s"}},
		&extractv1.ExtractStreamRequest{},
	)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		msgs = append(msgs, randomResponse(rng))
	}
	return msgs
}

// randomResponse returns a response with random contents.
func randomResponse(rng *rand.Rand) *extractv1.ExtractResponse {
	pieces := []string{"a", "Zürich", " ", "\"", "\\", "\n", "\x01", "\u2028", "😀", "日本", "<", "&", "\uFFFD", "é", "\x7f"}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	f32 := func() float32 {
		switch rng.IntN(5) {
		case 0:
			return 0
		case 1:
			return float32(rng.NormFloat64() * 1e-8)
		case 2:
			return float32(rng.NormFloat64() * 1e25)
		}
		return rng.Float32()
	}
	span := func() *extractv1.Span {
		if rng.IntN(4) == 0 {
			return nil
		}
		return &extractv1.Span{Begin: rng.Int32() - 1<<30, End: rng.Int32()}
	}
	mention := func() *extractv1.Mention {
		return &extractv1.Mention{Span: span(), Text: str(), Confidence: f32()}
	}
	ents := func() []*extractv1.Entity {
		var out []*extractv1.Entity
		for range rng.IntN(3) {
			e := &extractv1.Entity{Id: str(), Name: str(), Salience: f32(), Confidence: f32()}
			for range rng.IntN(3) {
				e.Mentions = append(e.Mentions, mention())
			}
			for range rng.IntN(3) {
				e.Roles = append(e.Roles, str())
			}
			out = append(out, e)
		}
		return out
	}
	money := func() *extractv1.Money {
		if rng.IntN(3) == 0 {
			return nil
		}
		return &extractv1.Money{CurrencyCode: str(), Units: int64(rng.Uint64()), Nanos: rng.Int32N(2e9) - 1e9}
	}
	r := &extractv1.ExtractResponse{Id: str(), People: ents(), Places: ents(), Organizations: ents()}
	for range rng.IntN(3) {
		r.Money = append(r.Money, &extractv1.MoneyAmount{Span: span(), Text: str(), Amount: money(), Upper: money(), Approximate: rng.IntN(2) == 0})
	}
	for range rng.IntN(3) {
		q := &extractv1.Quote{Span: span(), Text: str(), Speaker: str(), SpeakerEntityId: str(), Continued: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 {
			q.SpeakerMention = mention()
		}
		r.Quotes = append(r.Quotes, q)
	}
	return r
}

// TestGeneratedJSONMatchesProtojson checks the generated encoders against
// protojson on the corpus: the same bytes once compacted or indented, the
// same JSON value, and protojson reads the output back to an equal message.
func TestGeneratedJSONMatchesProtojson(t *testing.T) {
	msgs := jsonCorpus(t)
	for i, m := range msgs {
		a, ok := m.(protoJSONAppender)
		if !ok {
			t.Fatalf("message %d (%T) has no generated encoder", i, m)
		}
		pj, err := JSONMarshalOptions.Marshal(m)
		if err != nil {
			t.Fatalf("message %d (%T): protojson: %v", i, m, err)
		}
		var wantCompact, wantIndent bytes.Buffer
		if err := json.Compact(&wantCompact, pj); err != nil {
			t.Fatal(err)
		}
		if err := json.Indent(&wantIndent, pj, "", "  "); err != nil {
			t.Fatal(err)
		}
		compact, err := a.AppendProtoJSON([]byte("prefix"), "")
		if err != nil {
			t.Fatalf("message %d (%T): %v", i, m, err)
		}
		if !bytes.HasPrefix(compact, []byte("prefix")) {
			t.Fatalf("message %d: AppendProtoJSON did not append", i)
		}
		compact = compact[len("prefix"):]
		if !bytes.Equal(compact, wantCompact.Bytes()) {
			t.Errorf("message %d (%T), compact:\n got %s\nwant %s", i, m, compact, wantCompact.Bytes())
		}
		indented, err := a.AppendProtoJSON(nil, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(indented, wantIndent.Bytes()) {
			t.Errorf("message %d (%T), indented:\n got %s\nwant %s", i, m, indented, wantIndent.Bytes())
		}
		// The same JSON value, whatever the layout.
		var got, want any
		if err := json.Unmarshal(compact, &got); err != nil {
			t.Fatalf("message %d: output is not JSON: %v\n%s", i, err, compact)
		}
		if err := json.Unmarshal(pj, &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("message %d (%T): parsed values differ", i, m)
		}
		// protojson reads it back to an equal message.
		back := m.ProtoReflect().New().Interface()
		if err := protojson.Unmarshal(compact, back); err != nil {
			t.Errorf("message %d (%T): protojson.Unmarshal: %v", i, m, err)
		} else if !proto.Equal(back, m) && !hasNaN(m) {
			t.Errorf("message %d (%T): read back as %v, want %v", i, m, back, m)
		}
	}
	// The wrappers used by the gateway and the command-line tool.
	for _, m := range msgs[:3] {
		b, err := MarshalJSON(m)
		if err != nil {
			t.Fatal(err)
		}
		pj, _ := JSONMarshalOptions.Marshal(m)
		var want bytes.Buffer
		json.Indent(&want, pj, "", "  ")
		if !bytes.Equal(b, want.Bytes()) {
			t.Errorf("MarshalJSON differs from indented protojson")
		}
	}
}

func hasNaN(m proto.Message) bool {
	e, ok := m.(*extractv1.Entity)
	return ok && (math.IsNaN(float64(e.Salience)) || math.IsNaN(float64(e.Confidence)))
}

// TestGeneratedJSONInvalidUTF8 checks that invalid UTF-8 is an error, as it
// is for protojson, wherever the string is.
func TestGeneratedJSONInvalidUTF8(t *testing.T) {
	bad := "ok\xffno"
	for _, m := range []proto.Message{
		&extractv1.ExtractResponse{Id: bad},
		&extractv1.ExtractResponse{People: []*extractv1.Entity{{Roles: []string{"a", bad}}}},
		&extractv1.Quote{SpeakerMention: &extractv1.Mention{Text: bad}},
		&extractv1.BatchExtractResult{Outcome: &extractv1.BatchExtractResult_Error{Error: &spb.Status{Message: bad}}},
	} {
		if _, err := JSONMarshalOptions.Marshal(m); err == nil {
			t.Fatalf("protojson accepts %v", m)
		}
		if _, err := m.(protoJSONAppender).AppendProtoJSON(nil, ""); err == nil {
			t.Errorf("%T with invalid UTF-8: no error", m)
		}
		if _, err := MarshalJSON(m); err == nil {
			t.Errorf("MarshalJSON of %T with invalid UTF-8: no error", m)
		}
	}
}

// BenchmarkMarshalJSON compares protojson (with the indentation the gateway
// needs) with the generated encoder on the sample article's response.
func BenchmarkMarshalJSON(b *testing.B) {
	ex, err := extractor.New()
	if err != nil {
		b.Fatal(err)
	}
	resp, err := New(ex, WithLogger(quiet)).Extract(context.Background(), &extractv1.ExtractRequest{Text: benchText(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("protojson+indent", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pj, err := JSONMarshalOptions.Marshal(resp)
			if err != nil {
				b.Fatal(err)
			}
			var out bytes.Buffer
			json.Indent(&out, pj, "", "  ")
		}
	})
	b.Run("protojson+compact", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			pj, err := JSONMarshalOptions.Marshal(resp)
			if err != nil {
				b.Fatal(err)
			}
			var out bytes.Buffer
			json.Compact(&out, pj)
		}
	})
	b.Run("generated/indent", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := MarshalJSON(resp); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("generated/compact", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := MarshalJSONLine(resp); err != nil {
				b.Fatal(err)
			}
		}
	})
}
