package money

import (
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/entityextraction/extractd/extractor/internal/casetable"
	"github.com/entityextraction/extractd/extractor/tokenize"
)

// find runs the tokenizer and Find, as the extractor does.
func find(text string) []Amount { return Find(text, tokenize.Tokenize(text)) }

// want is an expected amount: span text, currency and value, with upper bound
// for a range ("" when there is none).
type want struct {
	span, currency, value, upper string
}

func (w want) String() string {
	s := fmt.Sprintf("%q %s %s", w.span, w.currency, w.value)
	if w.upper != "" {
		s += " to " + w.upper
	}
	return s
}

func got(text string, a Amount) want {
	w := want{span: text[a.Start:a.End], currency: a.Currency, value: a.Value.String()}
	if a.Upper != nil {
		w.upper = a.Upper.String()
	}
	return w
}

// TestFind checks the tricky normalizations one by one.
func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []want
	}{
		{"scale word", "Belarus secured a $1.5 billion loan.", []want{{"$1.5 billion", "USD", "1500000000", ""}}},
		{"exact decimals", "The deal is worth $2.675 million.", []want{{"$2.675 million", "USD", "2675000", ""}}},
		{"cents", "It pays 50 cents a share.", []want{{"50 cents", "USD", "0.5", ""}}},
		{"cents in words", "It pays twenty-five cents.", []want{{"twenty-five cents", "USD", "0.25", ""}}},
		{"pence glued", "Shares closed at 499p.", []want{{"499p", "GBP", "4.99", ""}}},
		{"spelled out", "He won five million dollars.", []want{{"five million dollars", "USD", "5000000", ""}}},
		{"half a billion", "It costs half a billion dollars.", []want{{"half a billion dollars", "USD", "500000000", ""}}},
		{"a million", "Spend a million dollars.", []want{{"a million dollars", "USD", "1000000", ""}}},
		{"two and a half", "two and a half million dollars", []want{{"two and a half million dollars", "USD", "2500000", ""}}},
		{"hundred words", "It cost three hundred and fifty dollars.", []want{{"three hundred and fifty dollars", "USD", "350", ""}}},
		{"glued billion", "It paid $4billion.", []want{{"$4billion", "USD", "4000000000", ""}}},
		{"glued M", "valued at $137M", []want{{"$137M", "USD", "137000000", ""}}},
		{"glued m after euro", "a fee of €222m", []want{{"€222m", "EUR", "222000000", ""}}},
		{"glued bn", "a deficit of £3.2bn", []want{{"£3.2bn", "GBP", "3200000000", ""}}},
		{"hyphen million", "a $5-million deal", []want{{"$5-million", "USD", "5000000", ""}}},
		{"mln dlr adjective", "a 29.4-mln-dlr contract", []want{{"29.4-mln-dlr", "USD", "29400000", ""}}},
		{"cent adjective", "a 10-cent dividend", []want{{"10-cent", "USD", "0.1", ""}}},
		{"mln dlrs", "a loss of 4.5 mln dlrs", []want{{"4.5 mln dlrs", "USD", "4500000", ""}}},
		{"stg", "a 19.2 mln stg loan", []want{{"19.2 mln stg", "GBP", "19200000", ""}}},
		{"U.S. dlrs", "7.15 billion N.Z. Dlrs and 3 mln U.S. dlrs", []want{{"7.15 billion N.Z. Dlrs", "NZD", "7150000000", ""}, {"3 mln U.S. dlrs", "USD", "3000000", ""}}},
		{"space before number", "Turnover was US$ 275 million .", []want{{"US$ 275 million", "USD", "275000000", ""}}},
		{"U.S. $", "at a cost of U.S. $ 2 per barrel", []want{{"U.S. $ 2", "USD", "2", ""}}},
		{"country dollar sign", "or Singapore $ 0.20 ,", []want{{"Singapore $ 0.20", "SGD", "0.2", ""}}},
		{"prefixed dollars", "C$2.5 million, A$10m, NZ$4, HK$3, S$1, R$200", []want{
			{"C$2.5 million", "CAD", "2500000", ""}, {"A$10m", "AUD", "10000000", ""}, {"NZ$4", "NZD", "4", ""},
			{"HK$3", "HKD", "3", ""}, {"S$1", "SGD", "1", ""}, {"R$200", "BRL", "200", ""}}},
		{"symbols", "¥1,000 ₹500 ₽500 ₩1,000 ₺20", []want{
			{"¥1,000", "JPY", "1000", ""}, {"₹500", "INR", "500", ""}, {"₽500", "RUB", "500", ""},
			{"₩1,000", "KRW", "1000", ""}, {"₺20", "TRY", "20", ""}}},
		{"Swiss", "Fr. 5 million and CHF 3.5 million", []want{{"Fr. 5 million", "CHF", "5000000", ""}, {"CHF 3.5 million", "CHF", "3500000", ""}}},
		{"ISO before", "raised USD 5m", []want{{"USD 5m", "USD", "5000000", ""}}},
		{"ISO after", "costs 5 EUR", []want{{"5 EUR", "EUR", "5", ""}}},
		{"ISO glued", "a EUR5m note", []want{{"EUR5m", "EUR", "5000000", ""}}},
		{"European separators", "1.500,50 € per metre", []want{{"1.500,50 €", "EUR", "1500.5", ""}}},
		{"European thousands", "kostet 1.500 €", []want{{"1.500 €", "EUR", "1500", ""}}},
		{"spaced thousands", "priced at 1 500 euros", []want{{"1 500 euros", "EUR", "1500", ""}}},
		{"symbol after", "only 5€", []want{{"5€", "EUR", "5", ""}}},
		{"lakh crore", "Rs 500 crore and Rs. 20 lakh and ₹1.5 lakh crore", []want{
			{"Rs 500 crore", "INR", "5000000000", ""}, {"Rs. 20 lakh", "INR", "2000000", ""}, {"₹1.5 lakh crore", "INR", "1500000000000", ""}}},
		{"mixed fraction", "paid 8-1/2 dlrs and 2 1/2 dlrs", []want{{"8-1/2 dlrs", "USD", "8.5", ""}, {"2 1/2 dlrs", "USD", "2.5", ""}}},
		{"historical", "40 mln Swiss francs, 200 mln guilders, 50 bln lire, 2 mln D-marks, 5 bln pesetas",
			[]want{{"40 mln Swiss francs", "CHF", "40000000", ""}, {"200 mln guilders", "NLG", "200000000", ""},
				{"50 bln lire", "ITL", "50000000000", ""}, {"2 mln D-marks", "DEM", "2000000", ""}, {"5 bln pesetas", "ESP", "5000000000", ""}}},
		{"range to", "$3 to $4 million", []want{{"$3 to $4 million", "USD", "3000000", "4000000"}}},
		{"range dash", "$3-4 million", []want{{"$3-4 million", "USD", "3000000", "4000000"}}},
		{"range between", "between 5 and 10 mln dlrs", []want{{"5 and 10 mln dlrs", "USD", "5000000", "10000000"}}},
		{"range cents", "4.5 to nine cents", []want{{"4.5 to nine cents", "USD", "0.045", "0.09"}}},
		{"change from", "rose from $5 to $7", []want{{"$5", "USD", "5", ""}, {"$7", "USD", "7", ""}}},
		{"range from", "ranging from $5 to $7", []want{{"$5 to $7", "USD", "5", "7"}}},
		{"change with names", "rose 38.5 billion francs to 5,719.4 billion francs in Paris",
			[]want{{"38.5 billion francs", "FRF", "38500000000", ""}, {"5,719.4 billion francs", "FRF", "5719400000000", ""}}},
		{"list", "programs of 400 mln and 300 mln guilders", []want{{"400 mln", "NLG", "400000000", ""}, {"300 mln guilders", "NLG", "300000000", ""}}},
		{"vs carries", "Profit 385 mln francs vs 226.9.", []want{{"385 mln francs", "FRF", "385000000", ""}, {"226.9", "FRF", "226900000", ""}}},
		{"from carries", "fell to 9.67 billion marks in the quarter from 10.43 billion in 1985.", []want{
			{"9.67 billion marks", "DEM", "9670000000", ""}, {"10.43 billion", "DEM", "10430000000", ""}}},
		{"conversion in parentheses", "Vodafone paid £3.2bn ($4.1bn).", []want{{"£3.2bn", "GBP", "3200000000", ""}, {"$4.1bn", "USD", "4100000000", ""}}},
		{"cents follow their dollars", "C$1.20 a share, up 5 cents", []want{{"C$1.20", "CAD", "1.2", ""}, {"5 cents", "CAD", "0.05", ""}}},
		{"singular mark with scale", "the 51 billion mark minimum", []want{{"51 billion mark", "DEM", "51000000000", ""}}},
		{"pounds with a UK cue", "Britain gave 25 million pounds in aid.", []want{{"25 million pounds", "GBP", "25000000", ""}}},
		{"Egyptian pounds", "a rate of 0.38 Egyptian pounds", []want{{"0.38 Egyptian pounds", "EGP", "0.38", ""}}},
		{"rounding to the nano", "1/3 cent", []want{{"1/3 cent", "USD", "0.003333333", ""}}},
		{"largest", "$9 billion billion", []want{{"$9 billion", "USD", "9000000000", ""}}},
		{"ends inside a token", "a $1.5 billion-a-year business and a $5,000-a-year fee", []want{
			{"$1.5 billion", "USD", "1500000000", ""}, {"$5,000", "USD", "5000", ""}}},
		{"scale-currency adjective", "a 5 million-dollar contract and a 3 billion-euro plan", []want{
			{"5 million-dollar", "USD", "5000000", ""}, {"3 billion-euro", "EUR", "3000000000", ""}}},
		{"won after a scale", "LG posted 1.2 trillion won in profit.", []want{{"1.2 trillion won", "KRW", "1200000000000", ""}}},
		{"national singular", "a 275 million Norwegian crown bond", []want{{"275 million Norwegian crown", "NOK", "275000000", ""}}},
		{"dlrs of any dollar", "277 Zimbabwean dlrs", []want{{"277 Zimbabwean dlrs", "ZWD", "277", ""}}},
		{"falling range", "traded 90.50 to 89.40 cents", []want{{"90.50 to 89.40 cents", "USD", "0.894", "0.905"}}},
		{"dash range after from", "resistance from $ 5.25 - $ 5.30", []want{{"$ 5.25 - $ 5.30", "USD", "5.25", "5.3"}}},
		{"one-letter prefix before a scale", "a budget of N6.06 trillion and R5 billion", []want{
			{"N6.06 trillion", "NGN", "6060000000000", ""}, {"R5 billion", "ZAR", "5000000000", ""}}},
		{"ends at a slash", "It costs $1.2bn/year.", []want{{"$1.2bn", "USD", "1200000000", ""}}},
		{"conversion after about", "A$1.2 billion and 100 rupees (about $1.50).", []want{
			{"A$1.2 billion", "AUD", "1200000000", ""}, {"100 rupees", "INR", "100", ""}, {"$1.50", "USD", "1.5", ""}}},
		{"Australian style", "a ransom of $US2 million", []want{{"$US2 million", "USD", "2000000", ""}}},
		{"bid/offer quote", "The pound finished at 1.6040/50 dlrs.", []want{{"1.6040/50 dlrs", "USD", "1.604", "1.605"}}},
		// Not money.
		{"vague", "a million-dollar home and millions of dollars", nil},
		{"video", "streams in 1080p and 720p", nil},
		{"one-letter prefix alone", "R5 is a road and N5 a route", nil},
		{"exam marks", "She scored 95 marks out of 100, and he won three crowns.", nil},
		{"cashtags and names", "Ke$ha bought $AAPL at Micro$oft", nil},
		{"percent", "up 5 pct, 5% and 5 percent", nil},
		{"shares", "sold 1.5 million shares", nil},
		{"decade", "in the 1990s", nil},
		{"phone", "call 1-800-555-0199", nil},
		{"date", "on May 5, 2016", nil},
		{"weight", "weighed 112 pounds", nil},
		{"weight of", "In London, 500 mln pounds of copper", nil},
		{"shell", "set $HOME and run $(which go) and ${X}", nil},
		{"awk", "awk '{print $1}'", nil},
		{"constant dollars", "in 1990 dollars", nil},
		{"the mark", "passed the 10,000 mark", nil},
		{"won verb", "they won 3 games and 5 won", nil},
		{"rand name", "Ayn Rand", nil},
		{"overflow", "$99999999999 trillion", nil},
		{"count after money", "It paid $5 million in a country of 11 million, and 3 million people.", []want{{"$5 million", "USD", "5000000", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var gotw []want
			for _, a := range find(tt.text) {
				gotw = append(gotw, got(tt.text, a))
			}
			if fmt.Sprint(gotw) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q) = %v; want %v", tt.text, gotw, tt.want)
			}
		})
	}
}

func TestApproximate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text, span string
		want       bool
	}{
		{"about $5 million", "$5 million", true},
		{"more than 20 billion yen", "20 billion yen", true},
		{"up to 3 mln stg", "3 mln stg", true},
		{"some 600 mln crowns", "600 mln crowns", true},
		{"at least $1", "$1", true},
		{"as much as $2 billion", "$2 billion", true},
		{"nearly $10bn", "$10bn", true},
		{"roughly 5 euros", "5 euros", true},
		{"paid $5 million", "$5 million", false},
		{"between $1 and $2", "$1 and $2", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			as := find(tt.text)
			if len(as) != 1 || as[0].Approximate != tt.want || tt.text[as[0].Start:as[0].End] != tt.span {
				t.Fatalf("Find(%q) = %+v; want %q with Approximate %v", tt.text, as, tt.span, tt.want)
			}
		})
	}
}

// TestDocuments checks how the document decides a bare "$" or a name that
// several countries use, and how its date picks a code, on the documents of
// testdata/documents.tsv.
func TestDocuments(t *testing.T) {
	t.Parallel()
	for _, d := range readDocuments(t, "testdata/documents.tsv") {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			var gotw []want
			for _, a := range FindIn(d.text, tokenize.Tokenize(d.text), d.ctx) {
				gotw = append(gotw, got(d.text, a))
			}
			if fmt.Sprint(gotw) != fmt.Sprint(d.want) {
				t.Errorf("FindIn(%q, places %s, date %s) = %v; want %v", d.text, d.places, d.date, gotw, d.want)
			}
		})
	}
}

type document struct {
	name, date, places, text string
	ctx                      Context
	want                     []want
}

// readDocuments reads a table of documents: name, date, places, text and the
// amounts wanted.
func readDocuments(tb testing.TB, path string) []document {
	tb.Helper()
	var docs []document
	for _, row := range casetable.Read(tb, path) {
		n, cols := row.Line, row.Cols
		if len(cols) < 4 {
			tb.Fatalf("%s:%d: want name, date, places and text", path, n)
		}
		d := document{name: cols[0], date: cols[1], places: cols[2], text: cols[3]}
		if d.date != "" {
			for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
				if tm, err := time.Parse(layout, d.date); err == nil {
					d.ctx.Date = tm
					break
				}
			}
			if d.ctx.Date.IsZero() {
				tb.Fatalf("%s:%d: bad date %q", path, n, d.date)
			}
		}
		if d.places != "" && d.places != "-" {
			var places []Place
			for _, p := range strings.Split(d.places, ";") {
				name, count, ok := strings.Cut(p, "/")
				pl := Place{Name: name, Start: strings.Index(d.text, name)}
				count, pl.Dateline = strings.CutSuffix(count, "!")
				mentions, err := strconv.Atoi(count)
				if !ok || err != nil {
					tb.Fatalf("%s:%d: bad place %q", path, n, p)
				}
				pl.Mentions = mentions
				places = append(places, pl)
			}
			d.ctx.Places = func() []Place { return places }
		}
		for _, col := range cols[4:] {
			f := strings.Split(col, "|")
			if len(f) != 4 {
				tb.Fatalf("%s:%d: bad amount %q", path, n, col)
			}
			d.want = append(d.want, want{span: f[0], currency: f[1], value: decimalString(tb, n, f[2], f[3])})
		}
		docs = append(docs, d)
	}
	return docs
}

func TestDecimalString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		d    Decimal
		want string
	}{
		{Decimal{1500000000, 0}, "1500000000"},
		{Decimal{0, 500000000}, "0.5"},
		{Decimal{2, 675000000}, "2.675"},
		{Decimal{0, 1}, "0.000000001"},
		{Decimal{-1, -500000000}, "-1.5"},
		{Decimal{0, -5}, "-0.000000005"},
	} {
		if s := tt.d.String(); s != tt.want {
			t.Errorf("%#v.String() = %q; want %q", tt.d, s, tt.want)
		}
	}
}

// moneyCase is one sentence of the table and the amounts expected in it.
type moneyCase struct {
	source, text string
	want         []want
}

// loadCases reads testdata/cases.tsv, and testdata/conll-cases.tsv when the
// CoNLL-2003 text it refers to is in ../shared.
func loadCases(tb testing.TB) []moneyCase {
	tb.Helper()
	cases := readCases(tb, "testdata/cases.tsv", nil)
	conll := conllSentences(tb)
	if conll == nil {
		tb.Logf("skipping testdata/conll-cases.tsv: the CoNLL-2003 text is not in %s", conllDir)
		return cases
	}
	return append(cases, readCases(tb, "testdata/conll-cases.tsv", conll)...)
}

// readCases reads a table of cases. With conll, the sentence column names a
// CoNLL-2003 sentence ("dev.txt:12") instead of holding it.
func readCases(tb testing.TB, path string, conll map[string]string) (cases []moneyCase) {
	tb.Helper()
	for _, row := range casetable.Read(tb, path) {
		n, cols := row.Line, row.Cols
		if len(cols) < 2 {
			tb.Fatalf("%s:%d: want source and sentence", path, n)
		}
		c := moneyCase{source: cols[0], text: cols[1]}
		if conll != nil {
			text, ok := conll[cols[1]]
			if !ok {
				tb.Fatalf("%s:%d: no CoNLL sentence %q", path, n, cols[1])
			}
			c.text = text
		}
		for _, col := range cols[2:] {
			f := strings.Split(col, "|")
			if len(f) != 4 && len(f) != 6 {
				tb.Fatalf("%s:%d: bad amount %q", path, n, col)
			}
			w := want{span: f[0], currency: f[1], value: decimalString(tb, n, f[2], f[3])}
			if len(f) == 6 {
				w.upper = decimalString(tb, n, f[4], f[5])
			}
			if !strings.Contains(c.text, w.span) {
				tb.Fatalf("%s:%d: span %q not in the sentence", path, n, w.span)
			}
			c.want = append(c.want, w)
		}
		cases = append(cases, c)
	}
	return cases
}

// conllDir is where the CoNLL-2003 data lies, relative to this package.
const conllDir = "../../../shared/data/conll2003"

// conllSentences maps "FILE:N" to the N-th sentence of the CoNLL-2003 file,
// tokens joined by spaces, or returns nil if the data is absent.
func conllSentences(tb testing.TB) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for _, name := range []string{"train.txt", "dev.txt"} {
		data, err := os.ReadFile(filepath.Join(conllDir, name))
		if err != nil {
			return nil
		}
		var words []string
		n := 0
		for _, line := range strings.Split(string(data)+"\n", "\n") {
			word, _, _ := strings.Cut(line, " ")
			switch {
			case word == "-DOCSTART-":
			case strings.TrimSpace(line) != "":
				words = append(words, word)
			case len(words) > 0:
				out[fmt.Sprintf("%s:%d", name, n)] = strings.Join(words, " ")
				words = words[:0]
				n++
			}
		}
	}
	return out
}

func decimalString(tb testing.TB, line int, units, nanos string) string {
	tb.Helper()
	u, err1 := strconv.ParseInt(units, 10, 64)
	n, err2 := strconv.ParseInt(nanos, 10, 32)
	if err1 != nil || err2 != nil {
		tb.Fatalf("cases.tsv:%d: bad units/nanos %q %q", line, units, nanos)
	}
	return Decimal{u, int32(n)}.String()
}

// TestTable scores Find on real news sentences: an amount counts only when
// its span, currency, value and upper bound are all exact.
func TestTable(t *testing.T) {
	t.Parallel()
	cases := loadCases(t)
	if len(cases) < 150 {
		t.Fatalf("cases.tsv has %d cases; want at least 150", len(cases))
	}
	type score struct{ tp, fp, fn int }
	bySource := map[string]*score{}
	for _, c := range cases {
		s := bySource[c.source]
		if s == nil {
			s = &score{}
			bySource[c.source] = s
		}
		wanted := map[want]int{}
		for _, w := range c.want {
			wanted[w]++
		}
		for _, a := range find(c.text) {
			g := got(c.text, a)
			if wanted[g] > 0 {
				wanted[g]--
				s.tp++
				continue
			}
			s.fp++
			t.Logf("extra: %v in %q", g, c.text)
		}
		for w, n := range wanted {
			for ; n > 0; n-- {
				s.fn++
				t.Logf("missed: %v in %q", w, c.text)
			}
		}
	}
	total := &score{}
	for src, s := range bySource {
		total.tp += s.tp
		total.fp += s.fp
		total.fn += s.fn
		t.Logf("%-12s precision %.3f recall %.3f (%d found, %d wrong, %d missed)", src, ratio(s.tp, s.tp+s.fp), ratio(s.tp, s.tp+s.fn), s.tp, s.fp, s.fn)
	}
	p, r := ratio(total.tp, total.tp+total.fp), ratio(total.tp, total.tp+total.fn)
	t.Logf("%-12s precision %.3f recall %.3f over %d sentences", "all", p, r, len(cases))
	if p < 0.97 || r < 0.97 {
		t.Errorf("precision %.3f, recall %.3f; want both at least 0.97", p, r)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestLinearTime feeds a megabyte of digits and currency signs: Find must not
// take quadratic time. The deadline is generous; it catches blow-ups only.
func TestLinearTime(t *testing.T) {
	t.Parallel()
	pieces := []string{"$", "1", "000", "€", "5", ",", "and", "to", "between", "mln", "dlrs", "1 500", "-", "half", "a", "vs", "from", "12.5bn", "¥"}
	var b strings.Builder
	for i := 0; b.Len() < 1<<20; i++ {
		b.WriteString(pieces[(i*7+i/3)%len(pieces)])
		if i%3 != 0 {
			b.WriteByte(' ')
		}
	}
	for _, text := range []string{b.String(), strings.Repeat("1 ", 1<<19), strings.Repeat("$1", 1<<19), strings.Repeat("9", 1<<20)} {
		done := make(chan int)
		go func() {
			done <- len(find(text))
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("Find on %d bytes (%.20q...) took more than 10s", len(text), text)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Belarus secured a $1.5 billion loan.", "between 5 and 10 mln dlrs", "$3 to $4 million", "$3-4 million",
		"4.5 to nine cents", "1.500,50 €", "1 500 euros", "two and a half million dollars", "half a billion dollars",
		"Rs. 20 lakh crore", "EUR5m", "29.4-mln-dlr", "8-1/2 dlrs", "£3.2bn ($4.1bn)", "{print $1}", "$HOME",
		"Profit 385 mln francs vs 226.9.", "1/3 cent", "$99999999999 trillion", "US $ 5", "C$ 1,000,000.00",
		"\xff$1\xfe", "５ドル", "a million", "from $5 to $7", "400 mln and 300 mln guilders",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		done := make(chan []Amount, 1)
		tokenized := make(chan bool, 1)
		go func() {
			toks := tokenize.Tokenize(text)
			tokenized <- true
			done <- Find(text, toks)
		}()
		var found []Amount
		select {
		case found = <-done:
		case <-time.After(10 * time.Second):
			select {
			case <-tokenized:
				t.Fatalf("Find(%q) did not return in 10s", text)
			default:
				t.Fatalf("tokenize.Tokenize(%q) did not return in 10s", text)
			}
		}
		prev := 0
		for _, a := range found {
			if a.Start < prev || a.End <= a.Start || a.End > len(text) {
				t.Fatalf("Find(%q): span [%d,%d) after %d out of order or outside the text", text, a.Start, a.End, prev)
			}
			prev = a.End
			if a.Value.Units < 0 || a.Value.Nanos < 0 || a.Value.Nanos >= 1e9 {
				t.Fatalf("Find(%q): bad value %+v", text, a.Value)
			}
			if a.Upper != nil && (a.Upper.Units < 0 || a.Upper.Nanos < 0 || a.Upper.Nanos >= 1e9) {
				t.Fatalf("Find(%q): bad upper bound %+v", text, *a.Upper)
			}
			if len(a.Currency) != 3 || !utf8.ValidString(a.Currency) {
				t.Fatalf("Find(%q): bad currency %q", text, a.Currency)
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	article, err := os.ReadFile("../../testdata/putin-lukashenka-sochi.txt")
	if err != nil {
		b.Skip("sample article:", err)
	}
	var dense strings.Builder
	for dense.Len() < 20000 {
		dense.WriteString("Net profit rose to 9.67 billion marks from 10.43 billion, or 1.20 dlrs a share vs 95 cts. " +
			"Vodafone paid £3.2bn ($4.1bn) and about €200m, between 5 and 10 mln dlrs, Rs 500 crore. ")
	}
	for _, bm := range []struct{ name, text string }{{"article", string(article)}, {"dense", dense.String()}} {
		toks := tokenize.Tokenize(bm.text)
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bm.text)))
			n := 0
			for b.Loop() {
				n += len(Find(bm.text, toks))
			}
			b.ReportMetric(float64(n)/float64(b.N), "amounts/op")
		})
	}
}

// TestValue checks the integer fast paths of value against big.Rat.
func TestValue(t *testing.T) {
	t.Parallel()
	vals := []value{
		{1, 1, 0}, {15, 1, -1}, {3, 1, 6}, {4, 1, 6}, {2675, 1, 3}, {5, 1, -2}, {1, 3, 0}, {17, 2, 0},
		{999999999999999999, 1, 12}, {1, 1, -40}, {123456789, 1, -12}, {0, 1, 0}, {9, 1, 18},
	}
	for _, v := range vals {
		for _, w := range vals {
			if got, want := v.cmp(w), v.rat().Cmp(w.rat()); got != want {
				t.Errorf("%+v.cmp(%+v) = %d; want %d", v, w, got, want)
			}
		}
		d, ok := v.decimal()
		r := v.rat()
		if ok {
			// |d - v| must be under half a nano.
			got := new(big.Rat).Add(new(big.Rat).SetInt64(d.Units), big.NewRat(int64(d.Nanos), 1e9))
			diff := new(big.Rat).Sub(got, r)
			if diff.Abs(diff).Cmp(big.NewRat(1, 2e9)) > 0 {
				t.Errorf("%+v.decimal() = %v; want %v", v, d, r.FloatString(12))
			}
		} else if r.Cmp(big.NewRat(math.MaxInt64, 1)) <= 0 {
			t.Errorf("%+v.decimal() overflowed; want %v", v, r.FloatString(12))
		}
	}
}
