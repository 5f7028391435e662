package extractor_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/internal/casetable"
)

// TestMoneyDocuments runs the documents of testdata/money-documents.tsv,
// whose currencies the tagger's places, the dateline or the date decide.
func TestMoneyDocuments(t *testing.T) {
	t.Parallel()
	ex := newExtractor(t)
	for _, row := range casetable.Read(t, "testdata/money-documents.tsv") {
		n, cols := row.Line, row.Cols
		if len(cols) < 4 {
			t.Fatalf("money-documents.tsv:%d: want name, date, features and text", n)
		}
		name, date, features, text := cols[0], cols[1], cols[2], cols[3]
		doc := extractor.Document{Text: text}
		if date != "" {
			f := strings.Split(date, "-")
			if len(f) != 3 {
				t.Fatalf("money-documents.tsv:%d: bad date %q", n, date)
			}
			doc.Date.Year, _ = strconv.Atoi(f[0])
			doc.Date.Month, _ = strconv.Atoi(f[1])
			doc.Date.Day, _ = strconv.Atoi(f[2])
		}
		want := extractor.AllFeatures
		if features == "money" {
			want = extractor.MoneyAmounts
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			res, err := ex.ExtractDocument(context.Background(), doc, want)
			if err != nil {
				t.Fatalf("ExtractDocument(%q) error: %v", text, err)
			}
			var got []string
			for _, m := range res.Money {
				got = append(got, m.Text+"|"+m.Currency)
			}
			if fmt.Sprint(got) != fmt.Sprint(cols[4:]) {
				t.Errorf("ExtractDocument(%q, date %q) money = %v; want %v", text, date, got, cols[4:])
			}
			if want == extractor.MoneyAmounts && (len(res.Entities) > 0 || len(res.Quotes) > 0) {
				t.Errorf("ExtractDocument(%q, money alone) returned %d entities and %d quotes; want none", text, len(res.Entities), len(res.Quotes))
			}
		})
	}
}

func TestExtractDocumentInvalidDate(t *testing.T) {
	t.Parallel()
	ex := newExtractor(t)
	for _, d := range []extractor.Date{{2023, 2, 30}, {2023, 13, 1}, {0, 5, 1}, {2023, 0, 5}, {10000, 1, 1}, {2023, -1, 0}} {
		_, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: "It paid 5 roubles.", Date: d}, extractor.MoneyAmounts)
		if !errors.Is(err, extractor.ErrInvalidDate) {
			t.Errorf("ExtractDocument(date %+v) error = %v; want ErrInvalidDate", d, err)
		}
	}
	for _, d := range []extractor.Date{{}, {1995, 0, 0}, {1995, 6, 0}, {2024, 2, 29}} {
		if _, err := ex.ExtractDocument(context.Background(), extractor.Document{Text: "It paid 5 roubles.", Date: d}, extractor.MoneyAmounts); err != nil {
			t.Errorf("ExtractDocument(date %+v) error = %v; want nil", d, err)
		}
	}
}

// BenchmarkExtractMoney measures money alone against everything on the
// sample article. Its bare "$" would need the tagger's places only if the
// text named a place of another dollar's country; with a Toronto dateline
// it does, and the tagger runs for money too.
func BenchmarkExtractMoney(b *testing.B) {
	ex := newExtractor(b)
	sample := readSample(b)
	toronto := "TORONTO (Reuters) - " + sample
	for _, bm := range []struct {
		name string
		text string
		want extractor.Features
	}{
		{"all", sample, extractor.AllFeatures},
		{"money-dollar", sample, extractor.MoneyAmounts},
		{"money-dollar-toronto", toronto, extractor.MoneyAmounts},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bm.text)))
			for b.Loop() {
				if _, err := ex.ExtractFeatures(context.Background(), bm.text, bm.want); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
