package extractor_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/entityextraction/extractd/extractor"
	"github.com/entityextraction/extractd/extractor/quote"
)

// The modern-news evaluation set: short stories written for this test
// (2015-2025 topics), annotated by hand in testdata/modern/NN.json following
// testdata/modern/GUIDELINES.md. It has three batches:
//
//   - batches 1 (01-24) and 2 (25-48) are development data: each was written
//     and annotated before the extractor was run on it, but rules have since
//     been fixed by looking at their errors, so their figures are
//     optimistic (cmd/train -sources modern can also train on them);
//   - batch 3 (49-72) was held out: written and annotated before the
//     extractor was run on it and scored once to set its floors. Its errors
//     were later read beside the other batches' and one rule came from them
//     (lexicon organization-starts), so it is development data too; its
//     first run stays its blind figure.
//
// Each batch has its own floors, a few points under the figures measured when
// the batch was added (its first run), so the test fails on a real
// regression but not on noise. Raise them when the extractor improves.

// modernFloors are the minimum scores a batch must reach.
type modernFloors struct {
	mentionF1, perF1, locF1, orgF1, grouping, moneyF1, quoteF1, speakerAcc float64
}

// modernBatchSpec is one batch of stories, numbered first to last.
type modernBatchSpec struct {
	name        string
	first, last int
	floors      modernFloors
}

var modernBatches = []modernBatchSpec{
	{
		// Floors from the batch's first run; the second figure is after the
		// fixes its errors prompted.
		name: "batch 1, development, 01-24", first: 1, last: 24,
		floors: modernFloors{
			mentionF1:  0.875, // measured 0.905; 0.927 after tuning
			perF1:      0.90,  // measured 0.939; 0.951
			locF1:      0.89,  // measured 0.920; 0.938
			orgF1:      0.84,  // measured 0.872; 0.903
			grouping:   0.79,  // measured 0.849 (45/53); 0.906 (48/53)
			moneyF1:    0.93,  // measured 0.970; 0.985
			quoteF1:    0.96,  // measured 0.993; 0.993
			speakerAcc: 0.86,  // measured 0.908 (69/76); 0.974 (74/76)
		},
	},
	{
		// Floors from the batch's first run, before any fix it prompted.
		name: "batch 2, development, 25-48", first: 25, last: 48,
		floors: modernFloors{
			mentionF1:  0.855, // measured 0.886
			perF1:      0.90,  // measured 0.930
			locF1:      0.845, // measured 0.875
			orgF1:      0.82,  // measured 0.852
			grouping:   0.86,  // measured 0.912 (62/68)
			moneyF1:    0.95,  // measured 1.000 (39/39)
			quoteF1:    0.95,  // measured 0.992
			speakerAcc: 0.87,  // measured 0.922 (59/64)
		},
	},
	{
		// Held out until a rule came from its errors: floors 0.05 under its
		// blind first run (model of 14402d7), so a better model passes.
		name: "batch 3, 49-72", first: 49, last: 72,
		floors: modernFloors{
			mentionF1:  0.757, // measured 0.807
			perF1:      0.817, // measured 0.867
			locF1:      0.819, // measured 0.869
			orgF1:      0.668, // measured 0.718
			grouping:   0.886, // measured 0.936 (44/47)
			moneyF1:    0.836, // measured 0.886 (62/70)
			quoteF1:    0.941, // measured 0.991
			speakerAcc: 0.845, // measured 0.895 (51/57)
		},
	},
}

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

// modernScore accumulates the scores of a set of stories.
type modernScore struct {
	stories, mentions, amounts, quotes int

	all                                                 prf
	byType                                              map[string]*prf
	groupsScored, groupsOK, groupsStrictOK, groupsMulti int
	money, moneySpan, quote, quoteLenient               prf
	speakerN, speakerOK                                 int
	bySieve                                             map[string]*[2]int // quotes with a speaker to score: right, all
}

func newModernScore() *modernScore {
	return &modernScore{byType: map[string]*prf{"PER": {}, "LOC": {}, "ORG": {}}, bySieve: map[string]*[2]int{}}
}

// addSieve counts a scored quote under the sieve that decided it.
func (s *modernScore) addSieve(sieve string, right bool) {
	if sieve == "" {
		sieve = "(none)"
	}
	c := s.bySieve[sieve]
	if c == nil {
		c = &[2]int{}
		s.bySieve[sieve] = c
	}
	if right {
		c[0]++
	}
	c[1]++
}

func (c *prf) add(o prf) { c.tp += o.tp; c.fp += o.fp; c.fn += o.fn }

// add adds o's counts to s.
func (s *modernScore) add(o *modernScore) {
	s.stories += o.stories
	s.mentions += o.mentions
	s.amounts += o.amounts
	s.quotes += o.quotes
	s.all.add(o.all)
	for ty, c := range o.byType {
		s.byType[ty].add(*c)
	}
	s.groupsScored += o.groupsScored
	s.groupsOK += o.groupsOK
	s.groupsStrictOK += o.groupsStrictOK
	s.groupsMulti += o.groupsMulti
	s.money.add(o.money)
	s.moneySpan.add(o.moneySpan)
	s.quote.add(o.quote)
	s.quoteLenient.add(o.quoteLenient)
	s.speakerN += o.speakerN
	s.speakerOK += o.speakerOK
	for k, c := range o.bySieve {
		for i := 0; i < c[1]; i++ {
			s.addSieve(k, i < c[0])
		}
	}
}

func (s *modernScore) groupShare() float64 { return ratio(s.groupsOK, s.groupsScored) }
func (s *modernScore) speakerAcc() float64 { return ratio(s.speakerOK, s.speakerN) }

// log reports s under the given batch name.
func (s *modernScore) log(t *testing.T, name string) {
	t.Helper()
	t.Logf("[%s] %d stories, %d mentions, %d amounts, %d quotes", name, s.stories, s.mentions, s.amounts, s.quotes)
	t.Logf("[%s] mentions (exact span+type) all: %v", name, s.all)
	for _, ty := range []string{"PER", "LOC", "ORG"} {
		t.Logf("[%s] mentions %s: %v", name, ty, *s.byType[ty])
	}
	t.Logf("[%s] grouping: %d/%d = %.3f of multi-form entities with >=2 matched mentions in one entity (strict, all mentions found and together: %d/%d = %.3f)",
		name, s.groupsOK, s.groupsScored, s.groupShare(), s.groupsStrictOK, s.groupsMulti, ratio(s.groupsStrictOK, s.groupsMulti))
	t.Logf("[%s] money (span+currency+value): %v; span only: %v", name, s.money, s.moneySpan)
	t.Logf("[%s] quotes (exact span): %v; ignoring edge punctuation: %v", name, s.quote, s.quoteLenient)
	t.Logf("[%s] speaker accuracy on detected quotes: %d/%d = %.3f", name, s.speakerOK, s.speakerN, s.speakerAcc())
	var by []string
	for _, sv := range append(quote.Sieves(), "(none)") {
		if c := s.bySieve[sv]; c != nil {
			by = append(by, fmt.Sprintf("%s %d/%d", sv, c[0], c[1]))
		}
	}
	t.Logf("[%s] speakers by deciding sieve (right/decided): %s", name, strings.Join(by, ", "))
}

// check fails the test for each score of s below its floor.
func (s *modernScore) check(t *testing.T, name string, f modernFloors) {
	t.Helper()
	floors := []struct {
		name      string
		got, want float64
	}{
		{"mention F1", s.all.f1(), f.mentionF1},
		{"PER F1", s.byType["PER"].f1(), f.perF1},
		{"LOC F1", s.byType["LOC"].f1(), f.locF1},
		{"ORG F1", s.byType["ORG"].f1(), f.orgF1},
		{"grouping share", s.groupShare(), f.grouping},
		{"money F1", s.money.f1(), f.moneyF1},
		{"quote F1", s.quote.f1(), f.quoteF1},
		{"speaker accuracy", s.speakerAcc(), f.speakerAcc},
	}
	for _, fl := range floors {
		if fl.got < fl.want {
			t.Errorf("[%s] %s = %.3f, below the floor %.3f", name, fl.name, fl.got, fl.want)
		}
	}
}

// modernBatch returns the index in modernBatches of a story file's batch
// ("01" … "72").
func modernBatch(t *testing.T, story string) int {
	t.Helper()
	n, err := strconv.Atoi(story)
	if err != nil || n < 1 {
		t.Fatalf("testdata/modern/%s.json: story files must be numbered NN.json", story)
	}
	for i, b := range modernBatches {
		if n >= b.first && n <= b.last {
			return i
		}
	}
	t.Fatalf("testdata/modern/%s.json: story %d is in no batch; add a batch to modernBatches", story, n)
	return -1
}

// modernFiles lists the story files.
func modernFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "modern", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files in testdata/modern")
	}
	return files
}

// TestModernFiles validates the annotation files without running the
// extractor, so new stories can be checked before their first run.
func TestModernFiles(t *testing.T) {
	counts := make([]int, len(modernBatches))
	for _, path := range modernFiles(t) {
		story := strings.TrimSuffix(filepath.Base(path), ".json")
		counts[modernBatch(t, story)]++
		loadModern(t, path)
	}
	for i, b := range modernBatches {
		if want := b.last - b.first + 1; counts[i] != want {
			t.Errorf("%s: %d story files, want %d", b.name, counts[i], want)
		}
	}
}

// TestModernNews scores the extractor on the modern-news set, per batch and
// overall.
func TestModernNews(t *testing.T) {
	files := modernFiles(t)
	ex := newExtractor(t)

	batches := make([]*modernScore, len(modernBatches))
	for i := range batches {
		batches[i] = newModernScore()
	}
	overall := newModernScore()
	for _, path := range files {
		story := strings.TrimSuffix(filepath.Base(path), ".json")
		b := modernBatch(t, story)
		sc, errs := scoreModernStory(t, ex, path)
		batches[b].add(sc)
		overall.add(sc)
		if testing.Verbose() && len(errs) > 0 {
			t.Logf("%s (batch %d): %d errors\n\t%s", story, b+1, len(errs), strings.Join(errs, "\n\t"))
		}
	}

	for i, b := range modernBatches {
		batches[i].log(t, b.name)
	}
	overall.log(t, "overall")
	for i, b := range modernBatches {
		if batches[i].stories == 0 {
			t.Errorf("no stories in %s", b.name)
			continue
		}
		batches[i].check(t, b.name, b.floors)
	}
}

// scoreModernStory runs the extractor on one annotated story and scores it,
// returning the scores and a description of each error.
func scoreModernStory(t *testing.T, ex *extractor.Extractor, path string) (*modernScore, []string) {
	t.Helper()
	doc, gold := loadModern(t, path)
	story := strings.TrimSuffix(filepath.Base(path), ".json")
	sc := newModernScore()
	sc.stories = 1
	sc.mentions = len(gold.mentions)
	sc.amounts = len(gold.money)
	sc.quotes = len(gold.quotes)
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
			if m.Kind != extractor.Proper {
				continue // the stories annotate names only
			}
			pred[modernSpan{m.Start, m.End, typ}] = true
			predEntity[[2]int{m.Start, m.End}] = ei
		}
	}
	goldSet := map[modernSpan]bool{}
	for _, s := range gold.mentions {
		goldSet[s] = true
		c := sc.byType[s.Type]
		if pred[s] {
			sc.all.tp++
			c.tp++
			continue
		}
		sc.all.fn++
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
		sc.all.fp++
		if c, ok := sc.byType[s.Type]; ok {
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
		sc.groupsMulti++
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
			sc.groupsStrictOK++
		}
		if matched < 2 {
			continue
		}
		sc.groupsScored++
		if len(ents) == 1 {
			sc.groupsOK++
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
			sc.moneySpan.tp++
		} else {
			sc.moneySpan.fn++
		}
		if predMoney[s] {
			sc.money.tp++
		} else {
			sc.money.fn++
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
			sc.moneySpan.fp++
		}
		if !goldMoney[s] {
			sc.money.fp++
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
			sc.quoteLenient.tp++
		} else {
			sc.quoteLenient.fn++
		}
		q, ok := predQuote[[2]int{s.Start, s.End}]
		if !ok {
			sc.quote.fn++
			errf("quote FN %s (speaker %q)", span(s), s.Type)
			continue
		}
		sc.quote.tp++
		sc.speakerN++
		right := speakerMatches(q, s.Type, entityName)
		sc.addSieve(q.Sieve, right)
		if right {
			sc.speakerOK++
		} else {
			errf("speaker of %s: got %q (entity %q), want %q", span(s), q.Speaker, q.SpeakerEntityID, s.Type)
		}
	}
	for _, q := range res.Quotes {
		if !goldLenient[trimQuotePunct(doc.Text[q.Start:q.End])] {
			sc.quoteLenient.fp++
		}
		if !goldQuote[[2]int{q.Start, q.End}] {
			sc.quote.fp++
			errf("quote FP %s (speaker %q)", span(modernSpan{q.Start, q.End, ""}), q.Speaker)
		}
	}
	return sc, errs
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
