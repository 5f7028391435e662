package ner

import (
	"context"
	"slices"
	"testing"
)

// BenchmarkConfidence times the confidence pass alone (forward-backward
// over each sentence with mentions) on the CoNLL dev documents, with the
// scores and labels of the final stage computed beforehand.
func BenchmarkConfidence(b *testing.B) {
	docs := devDocs(b)
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	type sent struct {
		em     []float32
		labels []int
		ms     []Mention
	}
	var sents []sent
	s := &tagScratch{}
	nms := 0
	for _, doc := range docs {
		s.words, s.sents = s.words[:0], s.sents[:0]
		for _, se := range doc.Sentences {
			s.sents = append(s.sents, [2]int{len(s.words), len(s.words) + len(se.Tokens)})
			s.words = append(s.words, se.Tokens...)
		}
		ms, err := m.tagWords(context.Background(), s)
		if err != nil {
			b.Fatal(err)
		}
		em, labels := s.em2, s.labels2
		if !m.twoStage {
			em, labels = s.em1, s.labels1
		}
		k := 0
		for _, sr := range s.sents {
			r := sent{em: slices.Clone(em[sr[0]*numLabels : sr[1]*numLabels]), labels: slices.Clone(labels[sr[0]:sr[1]])}
			for k < len(ms) && ms[k].First < sr[1] {
				mm := ms[k]
				mm.First -= sr[0]
				mm.Last -= sr[0]
				r.ms = append(r.ms, mm)
				k++
			}
			if len(r.ms) > 0 {
				nms += len(r.ms)
				sents = append(sents, r)
			}
		}
	}
	et := m.expTrans2
	if !m.twoStage {
		et = m.expTrans1
	}
	var cs confScratch
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range sents {
			spanConfidence(r.em, et, len(r.labels), m.temp, r.labels, r.ms, 0, &cs)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(nms), "ns/mention")
}
