package extractor_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
)

// The modern-news evaluation set: 24 short stories written for this test
// (2015-2025 topics, never used for tuning), annotated by hand in
// testdata/modern/NN.json following testdata/modern/GUIDELINES.md.
//
// The floors below sit a few points under the figures measured when the set
// was added, so the test fails on a real regression but not on noise. Raise
// them when the extractor improves.
const (
	modernMentionF1Floor  = 0.875 // measured 0.905
	modernPERF1Floor      = 0.90  // measured 0.939
	modernLOCF1Floor      = 0.89  // measured 0.920
	modernORGF1Floor      = 0.84  // measured 0.872
	modernGroupingFloor   = 0.79  // measured 0.849 (45/53)
	modernMoneyF1Floor    = 0.93  // measured 0.970
	modernQuoteF1Floor    = 0.96  // measured 0.993
	modernSpeakerAccFloor = 0.86  // measured 0.908 (69/76)
)

// modernDoc is one annotated story.
type modernDoc struct {
	Text     string          `json:"text"`
	Mentions []modernMention `json:"mentions"`
	Entities [][]string      `json:"entities"`
	Money    []modernMoney   `json:"money"`
	Quotes   []modernQuote   `json:"quotes"`
}

type modernMention struct {
	Text       string `json:"text"`
	Type       string `json:"type"` // PER, LOC or ORG
	Occurrence int    `json:"occurrence"`
}

type modernMoney struct {
	Text       string `json:"text"`
	Currency   string `json:"currency"`
	Units      int64  `json:"units"`
	Nanos      int32  `json:"nanos"`
	UpperUnits *int64 `json:"upper_units,omitempty"`
	UpperNanos *int32 `json:"upper_nanos,omitempty"`
}

type modernQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
}

// modernSpan is a typed byte span of the text.
type modernSpan struct {
	Start, End int
	Type       string
}

// nthIndex returns the byte offset of the n-th (1-based) non-overlapping
// occurrence of sub in s, or -1.
func nthIndex(s, sub string, n int) int {
	off := 0
	for i := 1; ; i++ {
		j := strings.Index(s[off:], sub)
		if j < 0 {
			return -1
		}
		if i == n {
			return off + j
		}
		off += j + len(sub)
	}
}

// modernGold is a story's annotation resolved to byte spans.
type modernGold struct {
	mentions []modernSpan // in text order
	forms    []string     // mention text, parallel to mentions
	groups   [][]int      // indexes into mentions, one slice per annotated entity
	money    []modernSpan // Type holds the formatted currency and value
	quotes   []modernSpan // Type holds the speaker
}

// loadModern reads and validates one annotation file.
func loadModern(t *testing.T, path string) (modernDoc, modernGold) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc modernDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var g modernGold
	prevEnd := 0
	for _, m := range doc.Mentions {
		switch m.Type {
		case "PER", "LOC", "ORG":
		default:
			t.Fatalf("%s: mention %q has type %q", path, m.Text, m.Type)
		}
		i := nthIndex(doc.Text, m.Text, m.Occurrence)
		if i < 0 || m.Occurrence < 1 {
			t.Fatalf("%s: mention %q occurrence %d not in text", path, m.Text, m.Occurrence)
		}
		if i < prevEnd {
			t.Fatalf("%s: mention %q #%d is out of text order or overlaps the previous one", path, m.Text, m.Occurrence)
		}
		prevEnd = i + len(m.Text)
		g.mentions = append(g.mentions, modernSpan{i, i + len(m.Text), m.Type})
		g.forms = append(g.forms, m.Text)
	}
	seen := map[string]bool{}
	for _, grp := range doc.Entities {
		var idx []int
		for _, form := range grp {
			if seen[form] {
				t.Fatalf("%s: form %q is in two entity groups", path, form)
			}
			seen[form] = true
			found := false
			for k, f := range g.forms {
				if f == form {
					idx = append(idx, k)
					found = true
				}
			}
			if !found {
				t.Fatalf("%s: entity form %q is not an annotated mention", path, form)
			}
		}
		g.groups = append(g.groups, idx)
	}
	for _, f := range g.forms {
		if !seen[f] {
			t.Fatalf("%s: mention %q is in no entity group", path, f)
		}
	}
	off := 0
	for _, m := range doc.Money {
		j := strings.Index(doc.Text[off:], m.Text)
		if j < 0 {
			t.Fatalf("%s: money %q not in text (after byte %d)", path, m.Text, off)
		}
		if (m.UpperUnits == nil) != (m.UpperNanos == nil) {
			t.Fatalf("%s: money %q needs both upper_units and upper_nanos", path, m.Text)
		}
		upper := ""
		if m.UpperUnits != nil {
			upper = fmt.Sprintf("-%d.%09d", *m.UpperUnits, *m.UpperNanos)
		}
		val := fmt.Sprintf("%s %d.%09d%s", m.Currency, m.Units, m.Nanos, upper)
		g.money = append(g.money, modernSpan{off + j, off + j + len(m.Text), val})
		off += j + len(m.Text)
	}
	for _, q := range doc.Quotes {
		if n := strings.Count(doc.Text, q.Text); n != 1 {
			t.Fatalf("%s: quote %q occurs %d times, want 1", path, q.Text, n)
		}
		if len(strings.Fields(q.Text)) < 4 {
			t.Fatalf("%s: quote %q is shorter than 4 words", path, q.Text)
		}
		i := strings.Index(doc.Text, q.Text)
		g.quotes = append(g.quotes, modernSpan{i, i + len(q.Text), q.Speaker})
	}
	return doc, g
}

// prf counts true positives, false positives and false negatives.
type prf struct{ tp, fp, fn int }

func (c prf) p() float64 { return ratio(c.tp, c.tp+c.fp) }
func (c prf) r() float64 { return ratio(c.tp, c.tp+c.fn) }
func (c prf) f1() float64 {
	p, r := c.p(), c.r()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
func (c prf) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", c.p(), c.r(), c.f1(), c.tp, c.fp, c.fn)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var modernTypes = map[extractor.EntityType]string{
	extractor.Person:       "PER",
	extractor.Place:        "LOC",
	extractor.Organization: "ORG",
}

// TestModernNews scores the extractor on the blind modern-news set.
func TestModernNews(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "modern", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files in testdata/modern")
	}
	ex := newExtractor(t)

	var all prf
	byType := map[string]*prf{"PER": {}, "LOC": {}, "ORG": {}}
	var groupsScored, groupsOK, groupsStrictOK, groupsMulti int
	var moneyC, moneySpanC, quoteC, quoteLenientC prf
	var speakerN, speakerOK int
	var nMentions, nMoney, nQuotes int

	for _, path := range files {
		doc, gold := loadModern(t, path)
		story := strings.TrimSuffix(filepath.Base(path), ".json")
		nMentions += len(gold.mentions)
		nMoney += len(gold.money)
		nQuotes += len(gold.quotes)
		res, err := ex.Extract(context.Background(), doc.Text)
		if err != nil {
			t.Fatalf("%s: Extract: %v", story, err)
		}
		var errs []string
		errf := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
		span := func(s modernSpan) string { return fmt.Sprintf("%q@%d", doc.Text[s.Start:s.End], s.Start) }

		// Mentions: exact byte span and type.
		predEntity := map[[2]int]int{} // span -> index of predicted entity
		pred := map[modernSpan]bool{}
		for ei, e := range res.Entities {
			typ, ok := modernTypes[e.Type]
			if !ok {
				typ = e.Type.String()
			}
			for _, m := range e.Mentions {
				pred[modernSpan{m.Start, m.End, typ}] = true
				predEntity[[2]int{m.Start, m.End}] = ei
			}
		}
		goldSet := map[modernSpan]bool{}
		for _, s := range gold.mentions {
			goldSet[s] = true
			c := byType[s.Type]
			if pred[s] {
				all.tp++
				c.tp++
				continue
			}
			all.fn++
			c.fn++
			other := ""
			for _, ty := range []string{"PER", "LOC", "ORG"} {
				if pred[modernSpan{s.Start, s.End, ty}] {
					other = " (predicted " + ty + ")"
				}
			}
			errf("mention FN %s %s%s", s.Type, span(s), other)
		}
		var fps []modernSpan
		for s := range pred {
			if !goldSet[s] {
				fps = append(fps, s)
			}
		}
		sort.Slice(fps, func(i, j int) bool { return fps[i].Start < fps[j].Start })
		for _, s := range fps {
			all.fp++
			if c, ok := byType[s.Type]; ok {
				c.fp++
			}
			errf("mention FP %s %s", s.Type, span(s))
		}

		// Grouping: do an entity's matched mentions share one predicted entity?
		for _, grp := range gold.groups {
			forms := map[string]bool{}
			for _, k := range grp {
				forms[gold.forms[k]] = true
			}
			if len(forms) < 2 {
				continue
			}
			groupsMulti++
			ents := map[int]bool{}
			matched := 0
			for _, k := range grp {
				s := gold.mentions[k]
				if ei, ok := predEntity[[2]int{s.Start, s.End}]; ok {
					ents[ei] = true
					matched++
				}
			}
			if matched == len(grp) && len(ents) == 1 {
				groupsStrictOK++
			}
			if matched < 2 {
				continue
			}
			groupsScored++
			if len(ents) == 1 {
				groupsOK++
				continue
			}
			var names []string
			for ei := range ents {
				names = append(names, res.Entities[ei].ID+":"+res.Entities[ei].Name)
			}
			sort.Strings(names)
			errf("grouping split %q over %v", gold.forms[grp[0]], names)
		}

		// Money: exact span, currency and value.
		predMoney := map[modernSpan]bool{}
		predMoneySpan := map[[2]int]bool{}
		for _, m := range res.Money {
			upper := ""
			if m.Upper != nil {
				upper = fmt.Sprintf("-%d.%09d", m.Upper.Units, m.Upper.Nanos)
			}
			val := fmt.Sprintf("%s %d.%09d%s", m.Currency, m.Value.Units, m.Value.Nanos, upper)
			predMoney[modernSpan{m.Start, m.End, val}] = true
			predMoneySpan[[2]int{m.Start, m.End}] = true
		}
		goldMoney := map[modernSpan]bool{}
		goldMoneySpan := map[[2]int]bool{}
		for _, s := range gold.money {
			goldMoney[s] = true
			goldMoneySpan[[2]int{s.Start, s.End}] = true
			if predMoneySpan[[2]int{s.Start, s.End}] {
				moneySpanC.tp++
			} else {
				moneySpanC.fn++
			}
			if predMoney[s] {
				moneyC.tp++
			} else {
				moneyC.fn++
				errf("money FN %s %s", span(s), s.Type)
			}
		}
		for _, m := range res.Money {
			upper := ""
			if m.Upper != nil {
				upper = fmt.Sprintf("-%d.%09d", m.Upper.Units, m.Upper.Nanos)
			}
			s := modernSpan{m.Start, m.End, fmt.Sprintf("%s %d.%09d%s", m.Currency, m.Value.Units, m.Value.Nanos, upper)}
			if !goldMoneySpan[[2]int{m.Start, m.End}] {
				moneySpanC.fp++
			}
			if !goldMoney[s] {
				moneyC.fp++
				errf("money FP %s %s", span(s), s.Type)
			}
		}

		// Quotes: exact quoted span, then the speaker of each detected quote.
		entityName := map[string]string{}
		for _, e := range res.Entities {
			entityName[e.ID] = e.Name
		}
		predQuote := map[[2]int]extractor.Quote{}
		predLenient := map[string]bool{}
		for _, q := range res.Quotes {
			predQuote[[2]int{q.Start, q.End}] = q
			predLenient[trimQuotePunct(doc.Text[q.Start:q.End])] = true
		}
		goldQuote := map[[2]int]bool{}
		goldLenient := map[string]bool{}
		for _, s := range gold.quotes {
			goldQuote[[2]int{s.Start, s.End}] = true
			goldLenient[trimQuotePunct(doc.Text[s.Start:s.End])] = true
			if predLenient[trimQuotePunct(doc.Text[s.Start:s.End])] {
				quoteLenientC.tp++
			} else {
				quoteLenientC.fn++
			}
			q, ok := predQuote[[2]int{s.Start, s.End}]
			if !ok {
				quoteC.fn++
				errf("quote FN %s (speaker %q)", span(s), s.Type)
				continue
			}
			quoteC.tp++
			speakerN++
			if speakerMatches(q, s.Type, entityName) {
				speakerOK++
			} else {
				errf("speaker of %s: got %q (entity %q), want %q", span(s), q.Speaker, q.SpeakerEntityID, s.Type)
			}
		}
		for _, q := range res.Quotes {
			if !goldLenient[trimQuotePunct(doc.Text[q.Start:q.End])] {
				quoteLenientC.fp++
			}
			if !goldQuote[[2]int{q.Start, q.End}] {
				quoteC.fp++
				errf("quote FP %s (speaker %q)", span(modernSpan{q.Start, q.End, ""}), q.Speaker)
			}
		}

		if testing.Verbose() && len(errs) > 0 {
			t.Logf("%s: %d errors\n\t%s", story, len(errs), strings.Join(errs, "\n\t"))
		}
	}

	groupShare := ratio(groupsOK, groupsScored)
	speakerAcc := ratio(speakerOK, speakerN)
	t.Logf("modern news: %d stories, %d mentions, %d amounts, %d quotes", len(files), nMentions, nMoney, nQuotes)
	t.Logf("mentions (exact span+type) all: %v", all)
	for _, ty := range []string{"PER", "LOC", "ORG"} {
		t.Logf("mentions %s: %v", ty, *byType[ty])
	}
	t.Logf("grouping: %d/%d = %.3f of multi-form entities with >=2 matched mentions in one entity (strict, all mentions found and together: %d/%d = %.3f)",
		groupsOK, groupsScored, groupShare, groupsStrictOK, groupsMulti, ratio(groupsStrictOK, groupsMulti))
	t.Logf("money (span+currency+value): %v; span only: %v", moneyC, moneySpanC)
	t.Logf("quotes (exact span): %v; ignoring edge punctuation: %v", quoteC, quoteLenientC)
	t.Logf("speaker accuracy on detected quotes: %d/%d = %.3f", speakerOK, speakerN, speakerAcc)

	floors := []struct {
		name      string
		got, want float64
	}{
		{"mention F1", all.f1(), modernMentionF1Floor},
		{"PER F1", byType["PER"].f1(), modernPERF1Floor},
		{"LOC F1", byType["LOC"].f1(), modernLOCF1Floor},
		{"ORG F1", byType["ORG"].f1(), modernORGF1Floor},
		{"grouping share", groupShare, modernGroupingFloor},
		{"money F1", moneyC.f1(), modernMoneyF1Floor},
		{"quote F1", quoteC.f1(), modernQuoteF1Floor},
		{"speaker accuracy", speakerAcc, modernSpeakerAccFloor},
	}
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s = %.3f, below the floor %.3f", f.name, f.got, f.want)
		}
	}
}

// trimQuotePunct drops spaces and punctuation at both ends of a quotation, so
// "We will win," and "We will win" compare equal.
func trimQuotePunct(s string) string {
	return strings.Trim(s, " \t\n,.;:!?—–-…")
}

// speakerMatches reports whether q's speaker is want: the predicted speaker
// or its entity's name equals it (ignoring case). An empty want (no named
// speaker) matches a quote attributed to no entity.
func speakerMatches(q extractor.Quote, want string, entityName map[string]string) bool {
	if want == "" {
		return q.SpeakerEntityID == ""
	}
	if strings.EqualFold(strings.TrimSpace(q.Speaker), want) {
		return true
	}
	return q.SpeakerEntityID != "" && strings.EqualFold(entityName[q.SpeakerEntityID], want)
}
