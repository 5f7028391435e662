package ner

import (
	"strings"
	"testing"
)

// analyzeText runs the feature analysis on text split into sentences at
// " | ", with no gazetteers or clusters.
func analyzeText(text string) (*docScratch, [][2]int) {
	var words []string
	var sents [][2]int
	for _, s := range strings.Split(text, " | ") {
		lo := len(words)
		words = append(words, strings.Fields(s)...)
		sents = append(sents, [2]int{lo, len(words)})
	}
	fs := featureSet{groups: GroupDocument}
	s := &docScratch{}
	fs.analyze(s, words, sents)
	return s, sents
}

func TestDocumentCase(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want uint8
	}{
		{"Angela Merkel met the press in Berlin on Monday .", caseMixed},
		{"angela merkel met the press in berlin on monday and said i was right .", caseLower},
		{"ANGELA MERKEL MET THE PRESS IN BERLIN ON MONDAY .", caseUpper},
	} {
		s, _ := analyzeText(tc.text)
		if s.docCase != tc.want {
			t.Errorf("%q: case %d; want %d", tc.text, s.docCase, tc.want)
		}
	}
	// A sentence without capitals in ordinary text reads like lower-case text.
	s, sents := analyzeText("Angela Merkel met the press in Berlin . | i flew to new york with my friends yesterday")
	if got := s.info[sents[1][0]].tcase; got != caseLower {
		t.Errorf("lower-case sentence: tcase %d; want %d", got, caseLower)
	}
	if !s.info[sents[1][0]+4].cand {
		t.Error(`"york" in a lower-case sentence may not be a name`)
	}
	if s.info[sents[0][0]+3].cand {
		t.Error(`"press" in ordinary text may be a name`)
	}
}

func TestLayout(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		line string
		want uint8
	}{
		{"Learning Outcomes", layoutHeading | layoutTitle},
		{"Table of Contents", layoutHeading | layoutTitle},
		{"- Analyze Narrative Structure in short fiction", layoutList | layoutHeading},
		{"2. Methods and Materials", layoutList | layoutHeading | layoutTitle},
		{"Students may miss three classes without penalty .", 0},
		{"Barack Obama met Angela Merkel in Berlin .", 0},
	} {
		s, _ := analyzeText(tc.line)
		if got := s.info[0].layout; got != tc.want {
			t.Errorf("%q: layout %03b; want %03b", tc.line, got, tc.want)
		}
	}
}

// The first stage's label of a heading does not vote for the other
// occurrences of its word: a title "Paris" read as a person does not make
// the city a person in the article below it.
func TestHeadingDoesNotVote(t *testing.T) {
	t.Parallel()
	s, _ := analyzeText("Paris | Paris is the capital of France . | Tourists visit Paris .")
	labels := make([]int, len(s.info))
	labels[0] = labelOf(PER, posU) // the title
	labels[1] = labelOf(LOC, posU)
	labels[len(labels)-2] = labelOf(LOC, posU)
	s.countNonLocal(labels)
	c := s.table[s.rows[s.info[0].lid]-1]
	if c[labelOf(PER, posU)] != 0 || c[labelOf(LOC, posU)] != 2 {
		t.Errorf("counts for Paris: PER %d, LOC %d; want 0 and 2", c[labelOf(PER, posU)], c[labelOf(LOC, posU)])
	}
	if s.info[1].nlEnt&(1<<(4*(PER-1)+posU)) != 0 {
		t.Error("the title's PER label marks the body's Paris as a person elsewhere")
	}
}

func TestTitleCase(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"the Bank of america's chief":    "The Bank Of America's Chief",
		"don’t stop-loss 3rd ÉCOLE çava": "Don’t Stop-Loss 3rd ÉCOLE Çava",
		"":                               "",
	} {
		if got := TitleCase(in); got != want {
			t.Errorf("TitleCase(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestCaseOfTitle(t *testing.T) {
	t.Parallel()
	cases := map[string]uint8{
		"Apple Shares Rose After The Company Said Its Profits Doubled In The Quarter": caseTitle,
		"Apple shares rose after the company said its profits doubled in the quarter": caseMixed,
		"APPLE SHARES ROSE AFTER THE COMPANY SAID ITS PROFITS DOUBLED":                caseUpper,
		"apple shares rose after the company said its profits doubled":                caseLower,
	}
	for text, want := range cases {
		words := strings.Fields(text)
		info := make([]tokInfo, len(words))
		for i, w := range words {
			_, info[i].capc = shapeOf(nil, w)
		}
		if got := caseOf(info, words); got != want {
			t.Errorf("caseOf(%q) = %d; want %d", text, got, want)
		}
	}
}
