package tokenize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor/ner/conll"
)

func BenchmarkTokenize(b *testing.B) {
	path := filepath.Join(sharedData(b), "conll2003", "dev.txt")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("CoNLL dev set not available (%v); skipping", err)
	}
	docs, err := conll.Read(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, d := range docs {
		t, _ := d.Text()
		sb.WriteString(t)
		sb.WriteString("\n")
	}
	text := sb.String()
	n := len(Tokenize(text))
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkTokenizeNonLatin(b *testing.B) {
	text := strings.Repeat("Президент Лукашенко встретился с Путиным в Сочи. 東京で会議が開かれた。 ", 200)
	n := len(Tokenize(text))
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
