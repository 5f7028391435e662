package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	extractv1 "github.com/entityextraction/extractd/gen/go/entityextraction/v1"
)

func benchText(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "putin-lukashenka-sochi.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// BenchmarkExtract compares the bare extractor with the service handler
// (validation, offset conversion, building the response) on the sample
// article; the difference is the cost of the service layer.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	ex, err := extractor.New()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.Run("extractor", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			if _, err := ex.Extract(ctx, text); err != nil {
				b.Fatal(err)
			}
		}
	})
	svc := New(ex, WithLogger(quiet))
	for _, enc := range []extractv1.EncodingType{extractv1.EncodingType_ENCODING_TYPE_UTF8, extractv1.EncodingType_ENCODING_TYPE_UTF16} {
		b.Run("handler/"+strings.TrimPrefix(enc.String(), "ENCODING_TYPE_"), func(b *testing.B) {
			req := &extractv1.ExtractRequest{Text: text, EncodingType: enc}
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				if _, err := svc.Extract(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkToProto measures converting a result to its API form, with a
// fixed result (a mention for every word) so that it does not depend on
// the extractor.
func BenchmarkToProto(b *testing.B) {
	text := benchText(b)
	text = strings.Repeat(text+"\n😀 Λουκασένκο “quote” ", 4)
	res, err := wordExtractor{}.ExtractDocument(context.Background(), extractor.Document{Text: text}, extractor.AllFeatures)
	if err != nil {
		b.Fatal(err)
	}
	for _, enc := range []extractv1.EncodingType{extractv1.EncodingType_ENCODING_TYPE_UTF8, extractv1.EncodingType_ENCODING_TYPE_UTF16, extractv1.EncodingType_ENCODING_TYPE_UTF32} {
		b.Run(strings.TrimPrefix(enc.String(), "ENCODING_TYPE_"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				toProto("", text, enc, res)
			}
			b.ReportMetric(float64(len(res.Entities)), "mentions/op")
		})
	}
}
